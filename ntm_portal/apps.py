from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NtmPortalConfig(AppConfig):
    name = "ntm_portal"
    verbose_name = _("Cổng NTM")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in  # noqa: PLC0415

        from ntm_portal.middleware import session_started  # noqa: PLC0415

        user_logged_in.connect(session_started, dispatch_uid="ntm_portal.session_started")
