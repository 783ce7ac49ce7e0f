from django.urls import path

from . import views, views_review, views_venue

app_name = "bookings"
urlpatterns = [
    path("", views.home, name="home"),
    path("review/", views_review.queue, name="review_queue"),
    path("review/<uuid:public_id>/", views_review.detail, name="review_detail"),
    path("review/<uuid:public_id>/<slug:action>/", views_review.act, name="review_action"),
    path("venue/bookings/<uuid:public_id>/", views_venue.booking_page, name="venue_booking"),
    path("venue/bookings/<uuid:public_id>/<slug:action>/", views_venue.venue_act,
         name="venue_action"),
]
