from django.urls import path

from bookings.review import views as views_review
from bookings.staff import views
from bookings.venues import views as venue_views

from .reports import views as report_views

app_name = "bookings"
urlpatterns = [
    path("", venue_views.home, name="home"),
    # Venue staff pages.
    path("bookings/", views.booking_list, name="list"),
    path("bookings/new/", views.booking_new, name="new"),
    path("bookings/<uuid:public_id>/", views.booking_detail, name="detail"),
    path("bookings/<uuid:public_id>/edit/", views.booking_edit, name="edit"),
    path("bookings/<uuid:public_id>/advice-letter/", views.advice_letter, name="advice_letter"),
    path("bookings/<uuid:public_id>/withdraw/", views.booking_withdraw, name="withdraw"),
    path("bookings/<uuid:public_id>/answer/", views.booking_answer, name="answer"),
    path(
        "bookings/<uuid:public_id>/decision/",
        views.booking_act,
        {"action": "record_decision"},
        name="record_decision",
    ),
    path(
        "bookings/<uuid:public_id>/request-review/",
        views.booking_act,
        {"action": "request_review"},
        name="request_review",
    ),
    path("bookings/<uuid:public_id>/expedite/", views.booking_act, {"action": "expedite"}, name="expedite"),
    # The Prevent Officer's review pages.
    path("review/", views_review.queue, name="review_queue"),
    path("review/suppressions/", views_review.suppressions, name="review_suppressions"),
    path("review/email/", views_review.email_settings, name="review_email_settings"),
    path(
        "review/suppressions/<int:pk>/revoke/",
        views_review.suppression_revoke_page,
        name="review_suppression_revoke",
    ),
    path("review/<uuid:public_id>/", views_review.detail, name="review_detail"),
    path("review/<uuid:public_id>/<slug:action>/", views_review.act, name="review_action"),
    path("reports/coverage/", report_views.coverage_page, name="report_coverage"),
    path("reports/coverage.csv", report_views.coverage_csv, name="report_coverage_csv"),
    path("reports/coverage.json", report_views.coverage_json, name="report_coverage_json"),
]
