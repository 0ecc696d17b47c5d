import datetime as dt

import factory

from sponsorships.models import Agency, Assignment, MonthlyReport, SupportActivity
from tests.communes.factories import CommuneFactory


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Sở thử nghiệm {n}")
    kind = Agency.Kind.DEPARTMENT


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    agency = factory.SubFactory(AgencyFactory)
    commune = factory.SubFactory(CommuneFactory)
    start_date = dt.date(2024, 1, 1)


class SupportActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportActivity

    assignment = factory.SubFactory(AssignmentFactory)
    date = dt.date(2024, 6, 1)
    kind = SupportActivity.Kind.GOODS
    title = factory.Sequence(lambda n: f"Hoạt động {n}")
    funding_source = SupportActivity.FundingSource.AGENCY_BUDGET

    @classmethod
    def _create(cls, model_class, *args, summaries=True, **kwargs):
        """Saved as the services save: with the activity summaries moved (``summaries=False``
        for a database migrated back to before the summary tables)."""
        from sponsorships.services.summaries import activity_summaries_move, counted

        activity = super()._create(model_class, *args, **kwargs)
        if summaries:
            activity_summaries_move(before=None, after=counted(activity))
        return activity


class MonthlyReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonthlyReport

    assignment = factory.SubFactory(AssignmentFactory)
    period = dt.date(2024, 6, 1)
    due_at = dt.datetime(2024, 6, 20, 16, 59, 59, tzinfo=dt.UTC)
    # Something to say: an empty report cannot be submitted.
    next_month_plan = "Tiếp tục giúp xã theo kế hoạch."

    @classmethod
    def _create(cls, model_class, *args, summaries=True, **kwargs):
        """Saved as the services save: counted in the report counts (``summaries=False`` for
        a database migrated back to before the summary table)."""
        from sponsorships.services.report_summaries import report_counts_add, tally

        report = super()._create(model_class, *args, **kwargs)
        if summaries:
            report_counts_add(tally(MonthlyReport.objects.filter(pk=report.pk)))
        return report
