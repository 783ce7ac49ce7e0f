"""Screening: names against the live index, and bookings with their stored runs."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from bookings.audit import audit_record

from .enums import MatchSubject, ScreeningTrigger
from .index import LiveIndex, live_index
from .matching import MATCHER_NAME, NameMatch, NameQuery
from .models import Match, ScreeningRun


@dataclass(frozen=True)
class NameResult:
    query: NameQuery
    matches: list[NameMatch]

    @property
    def flagged(self) -> bool:
        return bool(self.matches)


def review_threshold() -> float:
    return settings.SCREENING_REVIEW_THRESHOLD


def names_screen(*, queries: list[NameQuery], actor: str) -> list[NameResult]:
    """Screen bare names. Stores nothing about them: only an audit record of the count."""
    current = live_index()
    threshold = review_threshold()
    results = [NameResult(q, current.index.match(q, threshold=threshold)) for q in queries]
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="names.screened",
            object_type="screening",
            data={
                "names": len(queries),
                "flagged": sum(r.flagged for r in results),
                "source_versions": list(current.key),
            },
        )
    return results


def booking_screening_run(*, booking, trigger: str, in_scope: bool) -> ScreeningRun:
    """Screen every party of a booking and its event text; store the run and matches.

    Runs inside the caller's transaction. An out-of-scope booking gets a run
    with no names screened, so the record shows why nothing was checked.
    """
    current = live_index()
    threshold = review_threshold()
    run = ScreeningRun.objects.create(
        booking=booking,
        trigger=trigger,
        matcher=MATCHER_NAME,
        threshold=threshold,
        in_scope=in_scope,
    )
    run.source_versions.set(current.versions)
    if in_scope:
        matches = _booking_matches(booking, current, threshold)
        Match.objects.bulk_create(Match(run=run, **m) for m in matches)
        run.names_screened = booking.parties.count()
        run.flagged = bool(matches)
        run.save(update_fields=["names_screened", "flagged"])
    audit_record(
        actor="system",
        action="booking.screened",
        target=booking,
        data={
            "run": run.pk,
            "trigger": trigger,
            "in_scope": in_scope,
            "flagged": run.flagged,
            "matches": run.matches.count(),
            "source_versions": list(current.key),
        },
    )
    return run


def _booking_matches(booking, current: LiveIndex, threshold: float) -> list[dict]:
    found = []
    for party in booking.parties.all():
        query = NameQuery(
            name=party.name, kind=party.kind, date_of_birth=party.date_of_birth or None
        )
        for m in current.index.match(query, threshold=threshold):
            found.append(
                _match_row(m, subject=MatchSubject.PARTY, party=party, query_name=party.name)
            )
    event_text = f"{booking.title}\n{booking.description}"
    for m in current.index.mentions(event_text, threshold=threshold):
        found.append(
            _match_row(m, subject=MatchSubject.EVENT_TEXT, party=None, query_name=booking.title)
        )
    return found


def _match_row(m: NameMatch, *, subject: str, party, query_name: str) -> dict:
    return {
        "subject": subject,
        "party": party,
        "query_name": query_name[:300],
        "entry_id": m.entry_pk,
        "matched_name": m.matched_name[:500],
        "score": m.score,
        "explanation": m.explanation,
    }


__all__ = ["ScreeningTrigger", "NameResult", "names_screen", "booking_screening_run"]
