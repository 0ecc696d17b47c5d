"""Load the demo province (Bắc Kạn): units, the 2021–2025 criteria set, assessments, agencies,
assignments, activities, monthly reports and one login per role. Safe to run twice."""

from django.core.management.base import BaseCommand
from django.db import transaction

from communes import demo as communes_demo
from criteria import demo as criteria_demo
from ntm_portal import demo as portal_demo
from sponsorships import demo as sponsorships_demo
from sponsorships import demo_reports as monthly_reports_demo


class Command(BaseCommand):
    help = "Load the Bắc Kạn demo province (sample data; safe to run twice)."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            province = communes_demo.load()
            criteria_set = criteria_demo.load(province=province)
            sponsorships_demo.load(province=province, criteria_set=criteria_set)
            users = portal_demo.load(province=province)
            monthly_reports_demo.load(province=province)
        self.stdout.write(self.style.SUCCESS(f"Demo province {province} loaded."))
        for username, role in users:
            self.stdout.write(
                f"  login {username:<12} ({role}) password: {portal_demo.DEMO_PASSWORD}"
            )
