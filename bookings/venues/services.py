"""Writes for venues, their API keys and people's roles."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from bookings.audit import audit_record
from bookings.enums import WebhookAlertKind
from bookings.models import ApiKey, Venue, WebhookAlert
from bookings.roles import Role
from bookings.venues.api_keys import key_digest, key_prefix, new_key
from bookings.webhook_secrets import new_webhook_secret, webhook_secret_is_strong


def venue_get_or_create(*, name: str, **fields) -> tuple[Venue, bool]:
    name = " ".join(name.split())
    existing = Venue.objects.filter(name__iexact=name).first()
    if existing:
        return existing, False
    base = slugify(name)[:190] or "venue"
    slug, n = base, 1
    while Venue.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    venue = Venue(name=name, slug=slug, **fields)
    venue.full_clean()
    venue.save()
    return venue, True


@transaction.atomic
def venue_save(*, venue: Venue, by) -> str | None:
    """Save a venue edited by an administrator. A venue given a webhook URL without a
    strong secret gets one made here: returned to be shown once, or None if none was made."""
    secret = None
    if venue.webhook_url and not webhook_secret_is_strong(venue.webhook_secret):
        secret = venue.webhook_secret = new_webhook_secret()
    venue.full_clean()
    venue.save()
    if secret:
        _webhook_secret_made(venue=venue, by=by)
    return secret


@transaction.atomic
def venue_webhook_secret_rotate(*, venue: Venue, by) -> str:
    """Replace the venue's webhook secret and return the new one: the only time anyone
    sees it. Deliveries are signed with it from now on, so the venue's receiver must be
    given it at once; a delivery refused meanwhile can be resent once it has."""
    venue.webhook_secret = new_webhook_secret()
    venue.save(update_fields=["webhook_secret"])
    _webhook_secret_made(venue=venue, by=by)
    return venue.webhook_secret


def _webhook_secret_made(*, venue: Venue, by) -> None:
    """Audited (never the secret itself); someone has now seen it to hand it over, so a
    "not yet given to the venue" alert (from the migration that replaced weak secrets) closes."""
    WebhookAlert.objects.filter(
        venue=venue, kind=WebhookAlertKind.SECRET_NOT_SHARED, closed_at__isnull=True
    ).update(closed_at=timezone.now())
    audit_record(by=by, action="venue.webhook_secret_made", target=venue, data={"venue": venue.slug})


@transaction.atomic
def api_key_create(*, venue: Venue, name: str = "", by) -> tuple[ApiKey, str]:
    """Create a key; returns the stored record and the key itself, which is not stored."""
    key = new_key()
    api_key = ApiKey.objects.create(venue=venue, name=name, prefix=key_prefix(key), digest=key_digest(key))
    audit_record(
        by=by,
        action="api_key.created",
        target=api_key,
        data={"venue": venue.slug, "prefix": api_key.prefix},
    )
    return api_key, key


@transaction.atomic
def api_key_revoke(*, api_key: ApiKey, by) -> ApiKey:
    if api_key.revoked_at is None:
        api_key.revoked_at = timezone.now()
        api_key.save(update_fields=["revoked_at"])
        audit_record(
            by=by,
            action="api_key.revoked",
            target=api_key,
            data={"venue": api_key.venue.slug, "prefix": api_key.prefix},
        )
    return api_key


@transaction.atomic
def api_key_rotate(*, api_key: ApiKey, by) -> tuple[ApiKey, str]:
    """Issue a replacement key for the same venue and revoke the old one."""
    new, key = api_key_create(venue=api_key.venue, name=api_key.name, by=by)
    api_key_revoke(api_key=api_key, by=by)
    return new, key


@dataclass(frozen=True)
class RoleSet:
    """What `user_role_set` did: the person, whether the login is new, the roles it
    held before (now replaced) and the venues it stopped being staff of."""

    user: Any
    created: bool
    previous_roles: list[str]
    venues_left: list[str]


@transaction.atomic
def user_role_set(*, username: str, role: str, password: str | None, venue: Venue | None, by) -> RoleSet:
    """Give a person (created if missing) exactly one role, replacing any other: a
    person has one home page and one scope (DESIGN's `create_user --role ROLE`), and
    a role change must not leave the old role's access behind. Groups that are not
    roles are kept. Someone who stops being venue staff stops being staff of their
    venues too; venue staff given `--venue` keep their other venues (staff may serve
    several). Audited as `user.role_granted` with what it replaced."""
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username)
    if password:
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.is_staff = user.is_superuser = role == Role.ADMIN
    user.save()
    held = user.groups.filter(name__in=Role.values)
    previous = sorted(held.values_list("name", flat=True))
    user.groups.remove(*held.exclude(name=role))
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    venues_left = []
    if role != Role.VENUE_STAFF:
        kept = [venue.pk] if venue is not None else []
        left = list(user.venues.exclude(pk__in=kept).order_by("name"))
        venues_left = [v.slug for v in left]
        user.venues.remove(*left)
    if venue is not None:
        venue.staff.add(user)
    audit_record(
        by=by,
        action="user.role_granted",
        target=user,
        data={
            "role": role,
            "venue": venue.slug if venue else None,
            "replaced": [r for r in previous if r != role],
            "venues_left": venues_left,
        },
    )
    return RoleSet(user=user, created=created, previous_roles=previous, venues_left=venues_left)


def user_create(*, username: str, role: str, password: str | None, venue: Venue | None, by):
    """`user_role_set`, for callers that only need the person and whether it is new."""
    done = user_role_set(username=username, role=role, password=password, venue=venue, by=by)
    return done.user, done.created
