"""The header navigation (`venue_check/templates/base.html`): each role sees the links for its work."""

import re

import pytest
from django.contrib.auth.context_processors import PermWrapper
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory

from bookings.roles import Role
from tests.factories.bookings import make_user

pytestmark = pytest.mark.django_db


def nav_links(user) -> list[tuple[str, str]]:
    request = RequestFactory().get("/somewhere/")
    request.user = user
    page = render_to_string("home.html", {"user": user, "perms": PermWrapper(user)}, request=request)
    nav = re.search(r'<nav aria-label="Main">(.*?)</nav>', page, re.S)
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav.group(1)) if nav else []


@pytest.mark.parametrize(
    "role, links",
    [
        (Role.VENUE_STAFF, [("/bookings/", "My bookings"), ("/bookings/new/", "New booking")]),
        (
            Role.PREVENT_OFFICER,
            [
                ("/review/", "Review queue"),
                ("/review/suppressions/", "Suppressions"),
                ("/reports/coverage/", "Coverage report"),
            ],
        ),
        (Role.CAVA_REPORTER, [("/reports/coverage/", "Coverage report")]),
        (Role.ADMIN, [("/reports/coverage/", "Coverage report"), ("/admin/", "Admin")]),
    ],
)
def test_each_role_sees_the_links_for_its_work(venue, role, links):
    user = make_user("someone", role, venue if role == Role.VENUE_STAFF else None)

    assert nav_links(user) == links


def test_signed_out_visitors_see_no_navigation(db):
    assert nav_links(AnonymousUser()) == []
