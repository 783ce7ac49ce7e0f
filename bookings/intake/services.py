"""Writes for bookings: intake, update, withdrawal and screening outcomes.

Views, forms, commands and tasks all call these; each is one transaction and
writes its audit records inside it, so a failure leaves nothing half-done.
"""

import hashlib
import json
import logging
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from bookings.audit import AuditEntry, audit_record, audit_records
from bookings.enums import BookingStatus, Channel, OfficerNoticeKind, PartyRole
from bookings.intake.screening import booking_screened, outcome_applied, screen_locked, screened_entry
from bookings.intake.tasks import screen_received_booking
from bookings.models import Booking, Party, Venue
from bookings.notifications import services as notifications
from bookings.validators import booking_rules_check, party_kinds_check
from callers import actor_of, person_of
from screening.enums import ScreeningTrigger
from screening.services import BookingScreening, screening_run_create

logger = logging.getLogger(__name__)


EVENT_FIELDS = (
    "title",
    "description",
    "starts_at",
    "ends_at",
    "expected_attendance",
    "is_public",
    "attendance_mode",
    "promotion",
)


# Changes to these fields can change the screening result (every text is screened
# for mentions; whether the booking is public changes its scope).
SCREENED_EVENT_FIELDS = {"title", "description", "promotion", "is_public"}


PARTY_FIELDS = ("name", "kind", "role", "organisation", "date_of_birth")


class BookingConflict(Exception):
    """The request clashes with an existing booking (same reference, other content)."""


class BookingLocked(Exception):
    """The booking is withdrawn, lapsed or closed and can no longer change."""


def request_fingerprint(payload: dict) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def booking_create(
    *,
    venue: Venue,
    external_ref: str,
    event: dict,
    hirer: dict,
    parties: list[dict],
    by,
    idempotency_key: str | None = None,
    channel: str = Channel.API,
) -> tuple[Booking, bool]:
    """Store a booking and screen it. Returns (booking, created).

    A retry of the same request (same external reference or Idempotency-Key,
    same content) returns the stored booking with created=False; the same
    reference with different content raises BookingConflict.
    """
    fingerprint = request_fingerprint(
        {"external_ref": external_ref, "event": event, "hirer": hirer, "parties": parties}
    )
    try:
        booking = _booking_store_and_screen(
            venue=venue,
            external_ref=external_ref,
            event=event,
            hirer=hirer,
            parties=parties,
            by=by,
            idempotency_key=idempotency_key,
            fingerprint=fingerprint,
            channel=channel,
        )
    except IntegrityError:
        # The reference or Idempotency-Key is taken: a retry (or a concurrent
        # retry that won the race) gets the first booking back. Inserting first
        # and looking up only on conflict saves new bookings a query.
        existing = _existing_booking(venue, external_ref, idempotency_key, fingerprint)
        if existing is None:
            raise
        return existing, False
    return booking, True


def _existing_booking(
    venue: Venue, external_ref: str, idempotency_key: str | None, fingerprint: str
) -> Booking | None:
    same_request = Q(external_ref=external_ref)
    if idempotency_key:
        same_request |= Q(idempotency_key=idempotency_key)
    candidates = list(Booking.objects.filter(same_request, venue=venue))  # at most two
    # A booking holding the Idempotency-Key is the one the client means.
    by_key = [b for b in candidates if idempotency_key and b.idempotency_key == idempotency_key]
    found = (by_key or candidates or [None])[0]
    if found is None:
        return None
    if found.request_fingerprint != fingerprint and by_key:
        raise BookingConflict(
            f"the Idempotency-Key {idempotency_key!r} was already used for booking {found.external_ref!r} "
            "with a different body; send a new Idempotency-Key for a new booking, or PATCH to change that one"
        )
    if found.request_fingerprint != fingerprint:
        raise BookingConflict(
            f"booking {found.external_ref!r} already exists with different content; "
            "change it with PATCH instead"
        )
    return found


def _booking_store_and_screen(
    *, venue, external_ref, event, hirer, parties, by, idempotency_key, fingerprint, channel
) -> Booking:
    """Screen the booking in memory, then store it, its parties and its run in
    one transaction: the venue is answered only once all are committed, and a
    process that dies half-way leaves nothing, so the client's retry stores the
    booking afresh."""
    booking = Booking(
        venue=venue,
        external_ref=external_ref,
        idempotency_key=idempotency_key or None,
        request_fingerprint=fingerprint,
        channel=channel,
        submitted_by=person_of(by),  # a person at a page or with a session, not a venue system
        hirer_contact_name=hirer.get("contact_name", ""),
        hirer_contact_email=hirer.get("contact_email", ""),
        **{f: event[f] for f in EVENT_FIELDS if f in event},
    )
    clean_fields(booking)
    booking_rules_check(
        starts_at=booking.starts_at,
        ends_at=booking.ends_at,
        dates_given=("starts_at", "ends_at"),
        party_count=len(parties),
    )
    party_kinds_check(hirer=hirer, parties=parties)
    party_rows = _parties_built(booking, hirer, parties)
    screening = _screening_at_intake(booking, party_rows)
    if screening is not None:
        outcome_applied(booking, screening)
    else:
        booking.mark_screening_failed()
    with transaction.atomic():
        booking.save()
        _parties_save(booking, party_rows)
        received = AuditEntry(
            actor=actor_of(by),
            action="booking.received",
            target=booking,
            data={
                "external_ref": external_ref,
                "venue": venue.slug,
                "channel": channel,
                "parties": len(party_rows),
            },
        )
        if screening is None:
            _queue_safety_net(booking)
            failed = AuditEntry(
                actor=actor_of(None),
                action="booking.screening_failed",
                target=booking,
                data={"from": BookingStatus.RECEIVED, "to": booking.status},
            )
            audit_records([received, failed])
        else:
            stored = screening_run_create(
                booking=booking, screening=screening, trigger=ScreeningTrigger.INTAKE, first=True
            )
            audit_records([received, screened_entry(booking, stored.summary, before=BookingStatus.RECEIVED)])
        if booking.status == BookingStatus.FLAGGED:
            notifications.officers_notify(booking=booking, kind=OfficerNoticeKind.NEW_FLAG)
    return booking


def _screening_at_intake(booking: Booking, parties: list[Party]) -> BookingScreening | None:
    """Screen a booking about to be stored. If screening fails, the booking is
    stored flagged (a person must look: the service never says "no match found"
    without having looked) and the worker screens it later (the safety net)."""
    try:
        return booking_screened(booking, parties)
    except DatabaseError:
        raise  # the database is down: nothing can be stored either
    except Exception:
        logger.exception("screening booking %r at intake failed; the worker will retry", booking.external_ref)
        return None


def _queue_safety_net(booking: Booking) -> None:
    """Queue a delayed screening of a booking the request could not screen, in
    the transaction that stores it. Only a backend that stores tasks (and so
    can defer them) can do this; an in-process one would fail again at once."""
    if not screen_received_booking.get_backend().supports_defer:
        return
    delay = timedelta(seconds=settings.SCREENING_SAFETY_NET_DELAY_SECONDS)
    screen_received_booking.using(run_after=timezone.now() + delay).enqueue(booking.pk)


# Foreign keys come from objects already loaded (the caller's venue, the new
# booking); the database checks them again on insert.
UNCHECKED_FIELDS = ["status", "booking", "venue", "submitted_by"]


def clean_fields(instance) -> None:
    """Field validation without the queries of full_clean(): uniqueness, check
    constraints and foreign keys are enforced by the database itself."""
    instance.full_clean(exclude=UNCHECKED_FIELDS, validate_unique=False, validate_constraints=False)


def _parties_built(booking: Booking, hirer: dict, parties: list[dict]) -> list[Party]:
    """The hirer and the other parties as validated, unsaved rows."""
    built = []
    for position, row in enumerate([{"role": PartyRole.HIRER, **hirer}, *parties]):
        party = Party(booking=booking, position=position, **{f: row.get(f, "") for f in PARTY_FIELDS})
        party.date_of_birth = party.date_of_birth or ""
        clean_fields(party)
        built.append(party)
    return built


def _parties_save(booking: Booking, parties: list[Party]) -> None:
    for party in parties:
        party.booking = booking  # the booking has its id now
    Party.objects.bulk_create(parties)
    booking.parties_known(parties)


def booking_update(
    *,
    booking: Booking,
    event: dict | None = None,
    hirer: dict | None = None,
    parties: list[dict] | None = None,
    by,
) -> Booking:
    """Change a booking; screen it again when anything screened has changed.

    A change that breaks a booking rule raises BookingInvalid and changes nothing.
    The change and its screening are one transaction: a screening that fails (or a
    process that dies) leaves the booking as it was, so no changed party is ever
    stored unscreened. Nothing else would screen it: reconciliation looks for runs
    older than the live versions, and a retried PATCH finds nothing to change."""
    event = event or {}
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        rescreen = _apply_event_changes(booking, event)  # in memory until saved below
        clean_fields(booking)
        booking_rules_check(
            starts_at=booking.starts_at,
            ends_at=booking.ends_at,
            dates_given=event.keys(),
            party_count=None if parties is None else len(parties),
        )
        if booking.status in BookingStatus.FINAL:
            raise BookingLocked(f"a {booking.status} booking cannot be changed")
        if hirer is not None or parties is not None:
            rescreen |= _apply_party_changes(booking, hirer, parties)
        clean_fields(booking)
        booking.save()
        audit_record(
            by=by,
            action="booking.updated",
            target=booking,
            data={"rescreen": rescreen, "fields": sorted(event.keys())},
        )
        if rescreen:
            return screen_locked(booking, ScreeningTrigger.UPDATE)  # its row is locked above
    return booking


def _apply_event_changes(booking: Booking, event: dict) -> bool:
    changed = {f for f in EVENT_FIELDS if f in event and getattr(booking, f) != event[f]}
    for f in changed:
        setattr(booking, f, event[f])
    return bool(changed & SCREENED_EVENT_FIELDS)


def _apply_party_changes(booking: Booking, hirer: dict | None, parties: list[dict] | None) -> bool:
    current = list(booking.parties.all())
    current_hirer = next(p for p in current if p.role == PartyRole.HIRER)
    hirer_row = {f: getattr(current_hirer, f) for f in PARTY_FIELDS if f != "role"}
    hirer_row.update({k: v for k, v in (hirer or {}).items() if k in PARTY_FIELDS})
    contact_before = booking.hirer_contact_name
    for contact in ("contact_name", "contact_email"):
        if hirer and contact in hirer:
            setattr(booking, f"hirer_{contact}", hirer[contact])
    # Only what the caller sends: a hirer's change is checked merged with what is stored.
    party_kinds_check(hirer=hirer_row if hirer is not None else None, parties=parties)
    if parties is None:
        parties = [{f: getattr(p, f) for f in PARTY_FIELDS} for p in current if p != current_hirer]
    rows = _parties_built(booking, hirer_row, parties)
    parties_changed = _party_signature(current) != _party_signature(rows)
    if parties_changed:
        # Only when they differ: the rows go, and the matches found on them lose their
        # party (an officer's page, a false positive's suppression), until the re-screen.
        booking.parties.all().delete()
        _parties_save(booking, rows)
    # The contact's name is screened too; their email is not.
    contact_changed = booking.hirer_contact_name != contact_before
    return contact_changed or parties_changed


def _party_signature(parties) -> list[tuple]:
    return sorted((p.position, *(getattr(p, f) or "" for f in PARTY_FIELDS)) for p in parties)


def booking_withdraw(*, booking: Booking, reason: str, by) -> Booking:
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        before = booking.status
        booking.withdraw(reason=reason)
        booking.save()
        audit_record(
            by=by,
            action="booking.withdrawn",
            target=booking,
            data={"from": before, "to": booking.status},
            free_text={"reason": reason},
        )
    return booking
