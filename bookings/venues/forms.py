"""Sign-in forms (the pages and the admin), throttled per user name and address."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from bookings.client_address import client_address
from bookings.venues.login_throttle import (
    login_failure_record,
    login_failures_clear,
    login_locked,
)


class LoginThrottleMixin(AuthenticationForm):
    """Refuses sign-in for a while after repeated failures for one username from one address."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = client_address(self.request)
        if username and login_locked(username=username, address=address):
            raise ValidationError(self.error_messages["locked"], code="locked")
        try:
            cleaned = super().clean()
        except ValidationError as error:
            if error.code == "invalid_login":
                login_failure_record(username=username, address=address)
            raise
        login_failures_clear(username=username, address=address)
        return cleaned


LOGIN_MESSAGES = {
    "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
    "locked": "There have been too many failed attempts to sign in with this username. "
    "Wait 15 minutes, then try again, or ask your administrator to reset your password.",
}


class SignInForm(LoginThrottleMixin, AuthenticationForm):
    error_messages = {**AuthenticationForm.error_messages, **LOGIN_MESSAGES}
    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


class ThrottledAdminAuthenticationForm(LoginThrottleMixin, AdminAuthenticationForm):
    error_messages = {**AdminAuthenticationForm.error_messages, "locked": LOGIN_MESSAGES["locked"]}
