from sponsorships.urls_activities import urlpatterns as activity_urlpatterns
from sponsorships.urls_reports import urlpatterns as report_urlpatterns

app_name = "sponsorships"

urlpatterns = [*activity_urlpatterns, *report_urlpatterns]
