from django.urls import path

from . import views
from .reports import views as report_views

app_name = "bookings"
urlpatterns = [
    path("", views.home, name="home"),
    path("reports/coverage/", report_views.coverage_page, name="report_coverage"),
    path("reports/coverage.csv", report_views.coverage_csv, name="report_coverage_csv"),
    path("reports/coverage.json", report_views.coverage_json, name="report_coverage_json"),
]
