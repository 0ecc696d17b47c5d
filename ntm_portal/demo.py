"""Demo logins, one per role (local development only)."""

from communes.models import Commune, Province
from ntm_portal.management.commands.setup_office_group import office_group
from ntm_portal.models import User

DEMO_PASSWORD = "ntm-demo-2026"


def load(*, province: Province) -> list[tuple[str, str]]:
    from sponsorships.models import Agency  # noqa: PLC0415 (demo wiring only)

    commune = Commune.objects.get(code="02023")  # xã Xuân Lạc, huyện Chợ Đồn
    agency = Agency.objects.get(short_name="SCT")  # Sở Công Thương
    accounts = [
        ("vpdp", "Văn phòng", "điều phối", User.Role.COORDINATION_OFFICE, {}),
        ("lanhdao", "Lãnh đạo", "tỉnh", User.Role.LEADER, {}),
        ("xuanlac", "Cán bộ", "xã Xuân Lạc", User.Role.COMMUNE_OFFICER, {"commune": commune}),
        ("sct", "Cán bộ", "Sở Công Thương", User.Role.AGENCY_STAFF, {"agency": agency}),
    ]
    for username, first, last, role, scope in accounts:
        user, created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "email": f"{username}@demo.ntm.localhost",
                **scope,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if role == User.Role.COORDINATION_OFFICE:
            # The office corrects criteria names and thresholds in the admin.
            User.objects.filter(pk=user.pk).update(is_staff=True)
            user.groups.add(office_group())
    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={"is_staff": True, "is_superuser": True, "role": User.Role.COORDINATION_OFFICE},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save(update_fields=["password"])
    return [(u, str(r.label)) for u, _f, _l, r, _s in accounts] + [("admin", "superuser")]
