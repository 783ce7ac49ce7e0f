from django.urls import path

from . import views

app_name = "bookings"
urlpatterns = [
    path("", views.home, name="home"),
    # Venue staff pages.
    path("bookings/", views.booking_list, name="list"),
    path("bookings/new/", views.booking_new, name="new"),
    path("bookings/<uuid:public_id>/", views.booking_detail, name="detail"),
    path("bookings/<uuid:public_id>/withdraw/", views.booking_withdraw, name="withdraw"),
]
