from django.urls import path

from . import views, views_review

app_name = "bookings"
urlpatterns = [
    path("", views.home, name="home"),
    path("review/", views_review.queue, name="review_queue"),
    path("review/<uuid:public_id>/", views_review.detail, name="review_detail"),
    path("review/<uuid:public_id>/<slug:action>/", views_review.act, name="review_action"),
]
