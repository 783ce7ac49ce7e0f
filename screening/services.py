"""Screening: names against the live index, and bookings with their stored runs."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from watch_sources.models import SourceEntry

from .audit import screening_audit
from .enums import Discriminator, Disposition, MatchSubject
from .index import LiveIndex, live_index
from .matching import MATCHER_NAME, NameMatch, NameQuery
from .models import Match, ScreeningRun, Suppression
from .normalise import normalise


@dataclass(frozen=True)
class NameResult:
    query: NameQuery
    matches: list[NameMatch]

    @property
    def flagged(self) -> bool:
        return bool(self.matches)


def review_threshold() -> float:
    return settings.SCREENING_REVIEW_THRESHOLD


def names_screen(*, queries: list[NameQuery], by) -> list[NameResult]:
    """Screen bare names. Stores nothing about them: only an audit record of the count."""
    current = live_index()
    threshold = review_threshold()
    results = [NameResult(q, current.index.match(q, threshold=threshold)) for q in queries]
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
class BookingScreening:
    """A booking screened in memory: what its ScreeningRun will record."""

    in_scope: bool
    names_screened: int
    matches: list[dict]
    live: LiveIndex
    threshold: float

    @property
    def suppressed(self) -> int:
        return sum(m["suppression"] is not None for m in self.matches)

    @property
    def flagged(self) -> bool:
        return len(self.matches) > self.suppressed


def booking_screening(*, booking, parties: list, in_scope: bool) -> BookingScreening:
    """Screen the given parties of a booking and its event text. Reads only, so
    intake can screen a booking before storing it.

    An out-of-scope booking screens no names, so its run shows why nothing was
    checked. A match covered by an active suppression carries it (shown as
    suppressed) and does not flag.
    """
    current = live_index()
    threshold = review_threshold()
    matches = _with_suppressions(_booking_matches(booking, parties, current, threshold) if in_scope else [])
    return BookingScreening(
        in_scope=in_scope,
        names_screened=len(parties) if in_scope else 0,
        matches=matches,
        live=current,
        threshold=threshold,
    )


def screening_run_create(*, booking, screening: BookingScreening, trigger: str) -> ScreeningRun:
    """Store a screening as a run with its matches, inside the caller's transaction.
    The caller writes the audit record, with `run.summary`."""
    run = ScreeningRun.objects.create(
        booking=booking,
        trigger=trigger,
        matcher=MATCHER_NAME,
        threshold=screening.threshold,
        in_scope=screening.in_scope,
        names_screened=screening.names_screened,
        flagged=screening.flagged,
    )
    ScreeningRun.source_versions.through.objects.bulk_create(
        ScreeningRun.source_versions.through(screeningrun=run, sourceversion_id=version_id)
        for version_id in screening.live.key
    )
    Match.objects.bulk_create(Match(run=run, **m) for m in screening.matches)
    run.summary = {  # type: ignore[attr-defined]
        "run": run.pk,
        "trigger": trigger,
        "in_scope": screening.in_scope,
        "flagged": run.flagged,
        "matches": len(screening.matches),
        "suppressed": screening.suppressed,
        "source_versions": list(screening.live.key),
    }
    return run


def _booking_matches(booking, parties: list, current: LiveIndex, threshold: float) -> list[dict]:
    found = []
    for party in parties:
        query = NameQuery(name=party.name, kind=party.kind, date_of_birth=party.date_of_birth or None)
        for m in current.index.match(query, threshold=threshold):
            found.append(_match_row(m, subject=MatchSubject.PARTY, party=party, query_name=party.name))
    event_text = f"{booking.title}\n{booking.description}"
    for m in current.index.mentions(event_text, threshold=threshold):
        found.append(_match_row(m, subject=MatchSubject.EVENT_TEXT, party=None, query_name=booking.title))
    return found


def _match_row(m: NameMatch, *, subject: str, party, query_name: str) -> dict:
    return {
        "subject": subject,
        "party": party,
        "query_name": query_name[:300],
        "entry_id": m.entry_pk,
        "source": m.source,
        "source_entry_id": m.entry_id,
        "matched_name": m.matched_name[:500],
        "score": m.score,
        "explanation": m.explanation,
    }


def _with_suppressions(rows: list[dict]) -> list[dict]:
    """Attach the active suppression (if any) that covers each party match."""
    hashes = dict(
        SourceEntry.objects.filter(pk__in={r["entry_id"] for r in rows}).values_list("pk", "content_hash")
    )
    for row in rows:
        source, entry_id, party = row.pop("source"), row.pop("source_entry_id"), row["party"]
        # Event-text mentions name organisations, not a party: nothing to suppress.
        row["suppression"] = party and suppression_for(
            party_name=party.name,
            party_kind=party.kind,
            party_date_of_birth=party.date_of_birth or "",
            source_slug=source,
            entry_id=entry_id,
            content_hash=hashes[row["entry_id"]],
        )
    return rows


def suppression_for(
    *,
    party_name: str,
    party_kind: str,
    party_date_of_birth: str,
    source_slug: str,
    entry_id: str,
    content_hash: str,
) -> Suppression | None:
    return (
        Suppression.objects.active()
        .filter(
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


def _suppression_create(*, match: Match, by) -> Suppression:
    party, entry = match.party, match.entry
    assert party is not None, "only a booking party's match is suppressed"
    now = timezone.now()
    suppression = Suppression.objects.create(
        party_name=normalise(party.name),
        party_kind=party.kind,
        party_date_of_birth=party.date_of_birth or "",
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
