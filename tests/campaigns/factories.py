import datetime as dt

import factory

from campaigns.models import Campaign


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"Phong trào thử nghiệm {n}")
    level = Campaign.Level.PROVINCIAL
    launched_by = "UBND tỉnh Bắc Kạn"
    start_date = dt.date(2026, 1, 1)
    end_date = dt.date(2026, 12, 31)
