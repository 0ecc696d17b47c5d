"""Create (or refresh) the admin group with which the coordination office corrects reference data.

Run after migrate; then give office accounts staff status and this group in the admin.
"""

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

OFFICE_GROUP = "Văn phòng điều phối — danh mục"
# (app, model, actions): the reference data the office maintains in the admin.
REFERENCE_DATA = [
    ("communes", "province", ("view", "add", "change")),
    ("communes", "district", ("view", "add", "change")),
    ("communes", "commune", ("view", "add", "change")),
    ("communes", "village", ("view", "add", "change", "delete")),
    ("criteria", "criteriaset", ("view", "add", "change")),
    ("criteria", "criterion", ("view", "add", "change")),
    ("criteria", "indicator", ("view", "add", "change")),
    ("criteria", "threshold", ("view", "add", "change", "delete")),
    ("criteria", "assessment", ("view",)),
    ("sponsorships", "agency", ("view", "add", "change")),
    ("sponsorships", "assignment", ("view", "add", "change")),
    ("campaigns", "emulationtitle", ("view", "add", "change")),
    ("campaigns", "awardform", ("view", "add", "change")),
]


def office_group() -> Group:
    group, _created = Group.objects.get_or_create(name=OFFICE_GROUP)
    codenames = [
        (app, f"{action}_{model}") for app, model, actions in REFERENCE_DATA for action in actions
    ]
    permissions = [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in codenames
    ]
    group.permissions.set(permissions)
    return group


class Command(BaseCommand):
    help = "Create the coordination office's admin group for reference data."

    def handle(self, *args, **options) -> None:
        group = office_group()
        self.stdout.write(f"Group '{group.name}': {group.permissions.count()} permissions.")
