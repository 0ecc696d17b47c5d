from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Phong trào thi đua")

    def ready(self) -> None:
        from campaigns.services.contribution_summaries import summaries_rebuild
        from ntm_portal.summaries import register_rebuild

        register_rebuild(summaries_rebuild)
