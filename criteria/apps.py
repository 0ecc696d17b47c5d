from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CriteriaConfig(AppConfig):
    name = "criteria"
    verbose_name = _("Tiêu chí nông thôn mới")

    def ready(self) -> None:
        from criteria.commune_filters import CONTRIBUTION  # noqa: PLC0415
        from criteria.panels import PANELS  # noqa: PLC0415 (models must be loaded first)
        from criteria.services.assessment_import_jobs import (  # noqa: PLC0415
            register_assessment_import_kind,
        )
        from ntm_portal.filter_extensions import contribute  # noqa: PLC0415
        from ntm_portal.panels import register  # noqa: PLC0415

        contribute(CONTRIBUTION)
        register_assessment_import_kind()

        for panel in PANELS:
            register(panel)
