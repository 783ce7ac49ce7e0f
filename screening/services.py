"""Screening: names against the live index, and bookings with their stored runs."""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from watch_sources.models import SourceEntry

from .audit import screening_audit
from .enums import Discriminator, Disposition, MatchSubject
from .index import LiveIndex, live_index
from .matching import MATCHER_NAME, NameMatch, NameQuery
from .models import Match, ScreeningRun, Suppression
from .normalise import name_signals, normalise, readings


@dataclass(frozen=True)
class NameResult:
    query: NameQuery
    matches: list[NameMatch]
    signals: list[str] = dataclass_field(default_factory=list)
    discounted: list[NameMatch] = dataclass_field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.matches or self.signals)


def review_threshold() -> float:
    return settings.SCREENING_REVIEW_THRESHOLD


READING_LABELS = ("as written", "as it looks (look-alike letters read as Latin)")


def name_result(index, query: NameQuery, *, threshold: float) -> NameResult:
    """Screen one name in every way it can be read; a name that reads as nothing
    or mixes scripts is a signal for a person, whatever it matches."""
    best: dict[int, NameMatch] = {}
    for label, reading in zip(READING_LABELS, readings(query.name), strict=False):
        if not reading:
            continue
        as_read = NameQuery(name=reading, kind=query.kind, date_of_birth=query.date_of_birth)
        for m in index.match(as_read, threshold=threshold, discounted=True):
            if m.entry_pk not in best or m.score > best[m.entry_pk].score:
                m.explanation["reading"] = label
                best[m.entry_pk] = m
    ranked = sorted(best.values(), key=lambda m: (-m.score, m.source, m.entry_id))
    return NameResult(
        query=query,
        matches=[m for m in ranked if m.score >= threshold],
        signals=name_signals(query.name),
        discounted=[m for m in ranked if m.score < threshold],
    )


def names_screen(*, queries: list[NameQuery], by) -> list[NameResult]:
    """Screen bare names. Stores nothing about them: only an audit record of the count."""
    current = live_index()
    threshold = review_threshold()
    results = [name_result(current.index, q, threshold=threshold) for q in queries]
    with transaction.atomic():
        screening_audit(
            by=by,
            action="names.screened",
            object_type="screening",
            data={
                "names": len(queries),
                "flagged": sum(r.flagged for r in results),
                "source_versions": list(current.key),
            },
        )
    return results


@dataclass(frozen=True)
class ScreenedName:
    """One name a booking carries, and where it came from."""

    subject: str  # MatchSubject
    party: Any  # the bookings Party it belongs to (the hirer, for the hirer's contact)
    name: str
    kind: str
    date_of_birth: str = ""


@dataclass(frozen=True)
class BookingScreening:
    """A booking screened in memory: what its ScreeningRun will record."""

    in_scope: bool
    names_screened: int
    matches: list[dict]
    live: LiveIndex
    threshold: float
    signals: list[dict] = dataclass_field(default_factory=list)
    discounted: list[dict] = dataclass_field(default_factory=list)

    @property
    def suppressed(self) -> int:
        return sum(m["suppression"] is not None for m in self.matches)

    @property
    def flagged(self) -> bool:
        return len(self.matches) > self.suppressed or bool(self.signals)


def booking_names(*, booking, parties: list, hirer) -> list[ScreenedName]:
    """Every name of these parties: each one's name and organisation, and the
    hirer's contact when the hirer is among them."""
    names = []
    for party in parties:
        names.append(
            ScreenedName(MatchSubject.PARTY, party, party.name, party.kind, party.date_of_birth or "")
        )
        if party.organisation.strip():
            names.append(
                ScreenedName(MatchSubject.PARTY_ORGANISATION, party, party.organisation, "organisation")
            )
    contact = booking.hirer_contact_name.strip()
    if hirer is not None and hirer in parties and contact:
        names.append(ScreenedName(MatchSubject.HIRER_CONTACT, hirer, contact, "person"))
    return names


EVENT_TEXT_FIELDS = ("title", "description", "promotion")


def booking_screening(*, booking, parties: list, hirer, in_scope: bool) -> BookingScreening:
    """Screen the given parties of a booking (and, in scope, its event text).
    Reads only, so intake can screen a booking before storing it.

    The caller chooses the parties: every party of a booking in scope, the
    hirer alone of one out of scope (a listed hirer or contact flags whatever
    the scope). A match covered by an active suppression carries it (shown as
    suppressed) and does not flag.
    """
    current = live_index()
    threshold = review_threshold()
    names = booking_names(booking=booking, parties=parties, hirer=hirer)
    rows: list[dict] = []
    signals: list[dict] = []
    discounted: list[dict] = []
    for screened in names:
        query = NameQuery(
            name=screened.name, kind=screened.kind, date_of_birth=screened.date_of_birth or None
        )
        result = name_result(current.index, query, threshold=threshold)
        rows.extend(_match_row(m, screened) for m in result.matches)
        discounted.extend(_discounted_row(m, screened) for m in result.discounted)
        if result.signals:
            signals.append(_signal_row(screened, result.signals))
    if in_scope:
        rows.extend(_mention_rows(booking, current.index, threshold))
    return BookingScreening(
        in_scope=in_scope,
        names_screened=len(names),
        matches=_with_suppressions(rows, booking=booking),
        live=current,
        threshold=threshold,
        signals=signals,
        discounted=discounted,
    )


@dataclass(frozen=True)
class StoredRun:
    """A run just stored, and what its audit record says about it."""

    run: ScreeningRun
    summary: dict


def screening_run_create(*, booking, screening: BookingScreening, trigger: str) -> StoredRun:
    """Store a screening as a run with its matches, inside the caller's transaction.
    The caller writes the audit record, with the returned summary."""
    run = ScreeningRun.objects.create(
        booking=booking,
        trigger=trigger,
        matcher=MATCHER_NAME,
        threshold=screening.threshold,
        in_scope=screening.in_scope,
        names_screened=screening.names_screened,
        flagged=screening.flagged,
        signals=screening.signals,
        discounted=screening.discounted,
    )
    ScreeningRun.source_versions.through.objects.bulk_create(
        ScreeningRun.source_versions.through(screeningrun=run, sourceversion_id=version_id)
        for version_id in screening.live.key
    )
    Match.objects.bulk_create(Match(run=run, **m) for m in screening.matches)
    summary = {
        "run": run.pk,
        "trigger": trigger,
        "in_scope": screening.in_scope,
        "flagged": run.flagged,
        "matches": len(screening.matches),
        "suppressed": screening.suppressed,
        "signals": len(screening.signals),
        "discounted": len(screening.discounted),
        "source_versions": list(screening.live.key),
    }
    return StoredRun(run=run, summary=summary)


def _mention_rows(booking, index, threshold: float) -> list[dict]:
    rows = []
    for field in EVENT_TEXT_FIELDS:
        text = getattr(booking, field, "") or ""
        for m in index.mentions(text, threshold=threshold) if text.strip() else ():
            m.explanation["field"] = field
            rows.append(_match_row(m, ScreenedName(MatchSubject.EVENT_TEXT, None, text, "organisation")))
    return rows


def _match_row(m: NameMatch, screened: ScreenedName) -> dict:
    return {
        "subject": screened.subject,
        "party": screened.party,
        "query_name": screened.name[:300],
        "entry_id": m.entry_pk,
        "source": m.source,
        "source_entry_id": m.entry_id,
        "matched_name": m.matched_name[:500],
        "score": m.score,
        "explanation": m.explanation,
        "kind": screened.kind,
        "date_of_birth": screened.date_of_birth,
    }


DISCOUNTED_BY_BIRTH_DATE = "considered and discounted: date of birth differs"


def _discounted_row(m: NameMatch, screened: ScreenedName) -> dict:
    dob = m.explanation["date_of_birth"]
    return {
        "subject": screened.subject,
        "party": screened.party.position if screened.party is not None else None,
        "query_name": screened.name[:300],
        "source": m.source,
        "entry_id": m.entry_id,
        "matched_name": m.matched_name[:500],
        "name_score": m.explanation["name_score"],
        "query_date_of_birth": dob["query"],
        "entry_dates_of_birth": dob["entry"],
        "outcome": DISCOUNTED_BY_BIRTH_DATE,
    }


SIGNAL_LABELS = {
    "reads_as_nothing": "reads as nothing once invisible and unknown characters are removed",
    "mixed_scripts": "mixes letters of different scripts inside a word, as disguised names do",
}


def _signal_row(screened: ScreenedName, signals: list[str]) -> dict:
    return {
        "subject": screened.subject,
        "party": screened.party.position if screened.party is not None else None,
        "name": screened.name[:300],
        "signals": signals,
        "explanation": [SIGNAL_LABELS[s] for s in signals],
    }


def _with_suppressions(rows: list[dict], *, booking) -> list[dict]:
    """Attach the active suppression (if any) that covers each match of a name."""
    hashes = dict(
        SourceEntry.objects.filter(pk__in={r["entry_id"] for r in rows}).values_list("pk", "content_hash")
    )
    for row in rows:
        source, entry_id = row.pop("source"), row.pop("source_entry_id")
        kind, date_of_birth, party = row.pop("kind"), row.pop("date_of_birth"), row["party"]
        # Event-text mentions name organisations, not a party: nothing to suppress.
        row["suppression"] = party and suppression_for(
            booking=booking,
            party_name=row["query_name"],
            party_kind=kind,
            party_date_of_birth=date_of_birth,
            party_organisation=_organisation_of(row),
            source_slug=source,
            entry_id=entry_id,
            content_hash=hashes[row["entry_id"]],
        )
    return rows


def _organisation_of(row: dict) -> str:
    party = row["party"]
    return party.organisation if row["subject"] == MatchSubject.PARTY else ""


def suppression_for(
    *,
    booking,
    party_name: str,
    party_kind: str,
    party_date_of_birth: str,
    party_organisation: str,
    source_slug: str,
    entry_id: str,
    content_hash: str,
) -> Suppression | None:
    """The active suppression covering this name and entry: one recorded with
    evidence (a differing date of birth, an organisation) covers any later party
    carrying the same evidence; one recorded without covers its own booking only."""
    carries_same_evidence = Q(booking__isnull=True) & (
        Q(party_organisation="") | Q(party_organisation=normalise(party_organisation))
    )
    same_booking = Q(booking_id=booking.pk) if booking.pk is not None else Q(pk__in=[])
    return (
        Suppression.objects.active()
        .filter(
            carries_same_evidence | same_booking,
            party_name=normalise(party_name),
            party_kind=party_kind,
            party_date_of_birth=party_date_of_birth,
            source_slug=source_slug,
            entry_id=entry_id,
            entry_content_hash=content_hash,
        )
        .first()
    )


DISCRIMINATOR_VALUES = set(Discriminator.values)


def match_dispose(
    *,
    match: Match,
    disposition: str,
    reason: str,
    discriminators: list[str],
    discriminator_text: str,
    by,
) -> Match:
    """Record an officer's judgement of one match. Runs inside the caller's transaction.

    A false positive must say what showed it (discriminators) and creates a
    suppression for this party and entry; audit records for both.
    """
    _check_disposition(disposition, reason, discriminators, discriminator_text)
    match.disposition = disposition
    match.disposition_reason = reason
    match.discriminators = sorted(set(discriminators))
    match.discriminator_text = discriminator_text
    match.disposed_by = by
    match.disposed_at = timezone.now()
    match.save()
    screening_audit(
        by=by,
        action="match.disposed",
        target=match,
        data={
            "booking": match.run.booking_id,
            "disposition": disposition,
            "discriminators": match.discriminators,
        },
        free_text={"reason": reason},
    )
    if disposition == Disposition.FALSE_POSITIVE and match.party is not None:
        _suppression_create(match=match, by=by)
    return match


def _check_disposition(disposition, reason, discriminators, discriminator_text) -> None:
    errors = {}
    if disposition not in Disposition.values:
        errors["disposition"] = [f"Choose one of: {', '.join(Disposition.values)}."]
    if not reason.strip():
        errors["reason"] = ["Give a reason for the disposition."]
    unknown = set(discriminators) - DISCRIMINATOR_VALUES
    if unknown:
        errors["discriminators"] = [f"Unknown: {', '.join(sorted(unknown))}."]
    elif disposition == Disposition.FALSE_POSITIVE and not discriminators:
        errors["discriminators"] = ["Say what shows this party is not the listed entry."]
    if Discriminator.OTHER in discriminators and not discriminator_text.strip():
        errors["discriminator_text"] = ["Describe the other discriminator."]
    if errors:
        raise ValidationError(errors)


def suppression_scope(*, match: Match, discriminators: list[str]) -> dict:
    """What a false-positive disposition of this match would remember, and so silence.

    The evidence is what the party carries that the entry does not: its date of
    birth (when "different date of birth" is the discriminator) or its
    organisation ("different organisation"). Without such evidence the
    suppression covers this booking alone, never the same name elsewhere.
    """
    kind, date_of_birth, organisation = match_identity(match)
    evidence = {}
    if Discriminator.DIFFERENT_DOB in discriminators and date_of_birth:
        evidence["date_of_birth"] = date_of_birth
    if Discriminator.DIFFERENT_ORGANISATION in discriminators and organisation.strip():
        evidence["organisation"] = organisation
    return {
        "name": match.query_name,
        "kind": kind,
        "date_of_birth": date_of_birth,
        "evidence": evidence,
        "booking_only": not evidence,
    }


def suppression_scope_text(scope: dict, *, entry_caption: str, days: int) -> str:
    """The sentence an officer reads before confirming a false positive."""
    who = f"“{scope['name']}”"
    if scope["booking_only"]:
        return (
            f"This will silence {who} against {entry_caption} on this booking only, for {days} days: "
            "no date of birth or organisation shows the difference, so the same name at "
            "another booking or venue will still be flagged."
        )
    evidence = " and ".join(
        f"date of birth {v}" if k == "date_of_birth" else f"organisation “{v}”"
        for k, v in scope["evidence"].items()
    )
    return (
        f"This will silence {who} against {entry_caption} for {days} days, at any booking, "
        f"only for a party with {evidence}; anyone else of that name is still flagged."
    )


def match_identity(match: Match) -> tuple[str, str, str]:
    """The kind, date of birth and organisation of the name a match was found on."""
    party = match.party
    assert party is not None, "only a booking party's match is suppressed"
    if match.subject == MatchSubject.PARTY_ORGANISATION:
        return "organisation", "", ""
    if match.subject == MatchSubject.HIRER_CONTACT:
        return "person", "", ""
    return party.kind, party.date_of_birth or "", party.organisation


def _suppression_create(*, match: Match, by) -> Suppression:
    entry = match.entry
    scope = suppression_scope(match=match, discriminators=match.discriminators)
    now = timezone.now()
    suppression = Suppression.objects.create(
        party_name=normalise(match.query_name),
        party_kind=scope["kind"],
        party_date_of_birth=scope["date_of_birth"],
        party_organisation=normalise(scope["evidence"].get("organisation", "")),
        booking_id=match.run.booking_id if scope["booking_only"] else None,
        source_slug=entry.version.source.slug,
        entry_id=entry.entry_id,
        entry_caption=entry.caption[:500],
        entry_content_hash=entry.content_hash,
        discriminators=match.discriminators,
        discriminator_text=match.discriminator_text,
        reason=match.disposition_reason,
        origin_match=match,
        created_by=by,
        created_at=now,
        expires_at=now + timedelta(days=settings.SUPPRESSION_EXPIRY_DAYS),
    )
    screening_audit(
        by=by,
        action="suppression.created",
        target=suppression,
        data={
            "match": match.pk,
            "source": suppression.source_slug,
            "entry_id": suppression.entry_id,
            "expires_at": suppression.expires_at,
            "discriminators": suppression.discriminators,
            "booking_only": suppression.booking_id is not None,
        },
    )
    return suppression


@transaction.atomic
def suppression_revoke(*, suppression: Suppression, reason: str, by) -> Suppression:
    """Stop a suppression: the pair alerts again from the next screening."""
    if not reason.strip():
        raise ValidationError({"reason": ["Say why the suppression is revoked."]})
    suppression = Suppression.objects.select_for_update().get(pk=suppression.pk)
    if suppression.revoked_at is None:
        suppression.revoked_at = timezone.now()
        suppression.revoked_by = by
        suppression.revoke_reason = reason
        suppression.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        screening_audit(
            by=by,
            action="suppression.revoked",
            target=suppression,
            free_text={"reason": reason},
        )
    return suppression
