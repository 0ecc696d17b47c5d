from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class NtmPortalConfig(AppConfig):
    default = True
    name = "ntm_portal"
    verbose_name = _("Cổng NTM")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in  # noqa: PLC0415
        from django.db.models.signals import post_migrate  # noqa: PLC0415

        from ntm_portal.middleware import session_started  # noqa: PLC0415
        from ntm_portal.versions import install_triggers  # noqa: PLC0415

        user_logged_in.connect(session_started, dispatch_uid="ntm_portal.session_started")
        # Once per migrate (sent for each app; every table exists by then).
        post_migrate.connect(install_triggers, sender=self, dispatch_uid="ntm_portal.versions")


class PortalAdminConfig(admin_apps.AdminConfig):
    """Replaces "django.contrib.admin" in INSTALLED_APPS: the same admin with the portal's site
    (ntm_portal/admin_site.py: branded, every section in Vietnamese)."""

    default = False
    default_site = "ntm_portal.admin_site.PortalAdminSite"
