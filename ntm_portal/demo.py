"""Demo logins, one per role.

In development (``password`` given) they share the published password. On a production-like
server (``password=None``) they are created with an unusable password, because the data the
demo writes names them (assessments, reports, reviews) and the office can give a real person
one of them later through a password reset; a published password never reaches that server.
"""

from communes.models import Commune, Province
from ntm_portal.management.commands.setup_office_group import office_group
from ntm_portal.models import User

DEMO_PASSWORD = "ntm-demo-2026"


def load(*, province: Province, password: str | None) -> list[tuple[str, str]]:
    from sponsorships.models import Agency  # noqa: PLC0415 (demo wiring only)

    commune = Commune.objects.get(province=province, code="02023")  # xã Xuân Lạc, Chợ Đồn
    agency = Agency.objects.get(short_name="SCT")  # Sở Công Thương
    accounts = [
        ("vpdp", "Văn phòng", "điều phối", User.Role.COORDINATION_OFFICE, {}),
        ("lanhdao", "Lãnh đạo", "tỉnh", User.Role.LEADER, {}),
        ("xuanlac", "Cán bộ", "xã Xuân Lạc", User.Role.COMMUNE_OFFICER, {"commune": commune}),
        ("sct", "Cán bộ", "Sở Công Thương", User.Role.AGENCY_STAFF, {"agency": agency}),
    ]
    for username, first, last, role, scope in accounts:
        user, _created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "email": f"{username}@demo.ntm.localhost",
                **scope,
            },
        )
        _set_demo_password(user, password)
        if role == User.Role.COORDINATION_OFFICE:
            # The office corrects criteria names and thresholds in the admin.
            User.objects.filter(pk=user.pk).update(is_staff=True)
            user.groups.add(office_group())
    admin, _created = User.objects.get_or_create(
        username="admin",
        defaults={"is_staff": True, "is_superuser": True, "role": User.Role.COORDINATION_OFFICE},
    )
    _set_demo_password(admin, password)
    return [(u, str(r.label)) for u, _f, _l, r, _s in accounts] + [("admin", "superuser")]


def _set_demo_password(user: User, password: str | None) -> None:
    """Give an account without a password the demo one; or, with ``password=None``, take the
    published password away wherever it is set (a database first loaded in development).

    A password someone chose for the account is kept either way: running the loader again is
    safe.
    """
    has_password = bool(user.password) and user.has_usable_password()
    if password is not None and not has_password:
        user.set_password(password)
    elif password is None and (not has_password or user.check_password(DEMO_PASSWORD)):
        user.set_unusable_password()
    else:
        return
    user.save(update_fields=["password"])
