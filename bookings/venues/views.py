"""Sign-in and each role's home page."""

from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse

from bookings.roles import Role, has_role
from bookings.venues.forms import SignInForm

# Home pages of the other roles, served by their own apps.
OFFICER_HOME = "/review/"


CAVA_HOME = "/reports/coverage/"


class SignInView(auth_views.LoginView):
    authentication_form = SignInForm
    redirect_authenticated_user = True


def role_home_url(user) -> str | None:
    """Where a person lands after signing in; the first role that has a home page wins."""
    homes = [
        (Role.PREVENT_OFFICER, OFFICER_HOME),
        (Role.VENUE_STAFF, reverse("bookings:list")),
        (Role.CAVA_REPORTER, CAVA_HOME),
        (Role.ADMIN, reverse("admin:index")),
    ]
    return next((url for role, url in homes if has_role(user, role)), None)


def home(request):
    if request.user.is_authenticated and (url := role_home_url(request.user)):
        return redirect(url)
    return render(request, "home.html")
