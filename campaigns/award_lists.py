"""The default lists of emulation titles and award forms (domain.md §3.5, from the 2022 Law on
Emulation and Commendation; not verified article by article): the office corrects them in the
admin. Model-free, so the data migration and the demo share it; existing names are left as they
are (the office's corrections win)."""

TITLES = [
    ("Chiến sĩ thi đua toàn quốc", "individual"),
    ("Chiến sĩ thi đua cấp tỉnh", "individual"),
    ("Chiến sĩ thi đua cơ sở", "individual"),
    ("Lao động tiên tiến", "individual"),
    ("Cờ thi đua của Chính phủ", "collective"),
    ("Cờ thi đua của UBND tỉnh", "collective"),
    ("Tập thể lao động xuất sắc", "collective"),
    ("Tập thể lao động tiên tiến", "collective"),
    ("Thôn, tổ dân phố văn hóa", "collective"),
    ("Xã tiêu biểu", "collective"),
    ("Gia đình văn hóa", "household"),
]
FORMS = [
    ("Huân chương Lao động", "Chủ tịch nước"),
    ("Bằng khen của Thủ tướng Chính phủ", "Thủ tướng Chính phủ"),
    ("Bằng khen của Chủ tịch UBND tỉnh", "Chủ tịch UBND tỉnh"),
    ("Bằng khen của Bộ trưởng", "Bộ trưởng"),
    ("Giấy khen của Giám đốc sở", "Giám đốc sở, thủ trưởng cơ quan"),
    ("Giấy khen của Chủ tịch UBND xã", "Chủ tịch UBND xã"),
    ("Kỷ niệm chương", ""),
]


def award_lists_ensure(title_model, form_model) -> None:
    """Create the default titles and forms that are missing (real or historical models)."""
    for position, (name, kind) in enumerate(TITLES):
        title_model.objects.get_or_create(
            name=name, defaults={"recipient_kind": kind, "position": position}
        )
    for position, (name, issuer) in enumerate(FORMS):
        form_model.objects.get_or_create(
            name=name, defaults={"issuer": issuer, "position": position}
        )
