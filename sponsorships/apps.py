from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SponsorshipsConfig(AppConfig):
    name = "sponsorships"
    verbose_name = _("Giúp đỡ xã")

    def ready(self) -> None:
        from ntm_portal import panels  # noqa: PLC0415 (app registry must be ready)
        from sponsorships import panels as sponsorship_panels  # noqa: PLC0415
        from sponsorships.exports import register_export_kinds  # noqa: PLC0415

        register_export_kinds()

        panels.register(
            panels.Panel(
                page=panels.COMMUNE_DETAIL,
                template_name="sponsorships/panels/_commune_sponsors.html",
                get_context=sponsorship_panels.commune_sponsors,
                order=50,
            )
        )
        panels.register(
            panels.Panel(
                page=panels.COMMUNE_DETAIL,
                template_name="sponsorships/panels/_commune_month.html",
                get_context=sponsorship_panels.commune_month,
                order=5,
            )
        )
