from django.urls import path

from . import views, views_review, views_venue
from .reports import views as report_views

app_name = "bookings"
urlpatterns = [
    path("", views.home, name="home"),
    # Venue staff pages.
    path("bookings/", views.booking_list, name="list"),
    path("bookings/new/", views.booking_new, name="new"),
    path("bookings/<uuid:public_id>/", views.booking_detail, name="detail"),
    path("bookings/<uuid:public_id>/withdraw/", views.booking_withdraw, name="withdraw"),
    path("bookings/<uuid:public_id>/answer/", views.booking_answer, name="answer"),
    # The Prevent Officer's review pages.
    path("review/", views_review.queue, name="review_queue"),
    path("review/<uuid:public_id>/", views_review.detail, name="review_detail"),
    path("review/<uuid:public_id>/<slug:action>/", views_review.act, name="review_action"),
    path("venue/bookings/<uuid:public_id>/", views_venue.booking_page, name="venue_booking"),
    path("venue/bookings/<uuid:public_id>/<slug:action>/", views_venue.venue_act,
         name="venue_action"),
    path("reports/coverage/", report_views.coverage_page, name="report_coverage"),
    path("reports/coverage.csv", report_views.coverage_csv, name="report_coverage_csv"),
    path("reports/coverage.json", report_views.coverage_json, name="report_coverage_json"),
]
