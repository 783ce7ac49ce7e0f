from django.contrib import admin
from django.urls import include, path

from bookings.venues.forms import ThrottledAdminAuthenticationForm
from bookings.venues.views import SignInView

# The admin's sign-in is throttled like the main one.
admin.site.login_form = ThrottledAdminAuthenticationForm

urlpatterns = [
    path("admin/", admin.site.urls),
    # Before the auth URLs: our sign-in page, with plain messages and throttling.
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("api.urls")),
    path("", include("bookings.urls")),
]

handler400 = "venue_check.errors.bad_request"
handler403 = "venue_check.errors.permission_denied"
handler404 = "venue_check.errors.page_not_found"
handler500 = "venue_check.errors.server_error"
