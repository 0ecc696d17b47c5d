from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CriteriaConfig(AppConfig):
    name = "criteria"
    verbose_name = _("Tiêu chí nông thôn mới")

    def ready(self) -> None:
        from criteria.panels import PANELS  # noqa: PLC0415 (models must be loaded first)
        from ntm_portal.panels import register  # noqa: PLC0415

        for panel in PANELS:
            register(panel)
