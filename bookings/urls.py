from django.urls import path

from . import views, views_review

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
]
