from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    """The top floor: overview, action lists, drill-down and the national view.

    Reads every app's selectors (never their tables) and writes nothing, so every figure is
    current the moment the data is saved.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "dashboards"
    verbose_name = _("Bảng điều khiển")
