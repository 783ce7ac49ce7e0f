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


def booking_screening_run(*, booking, parties: list, trigger: str, in_scope: bool) -> ScreeningRun:
    """Screen the given parties of a booking and its event text; store the run and matches.

    Runs inside the caller's transaction; the caller writes the audit record
    (with `run.summary`). An out-of-scope booking gets a run with no names
    screened, so the record shows why nothing was checked.
    """
    current = live_index()
    threshold = review_threshold()
    matches = _booking_matches(booking, parties, current, threshold) if in_scope else []
    run = ScreeningRun.objects.create(
        booking=booking,
        trigger=trigger,
        matcher=MATCHER_NAME,
        threshold=threshold,
        in_scope=in_scope,
        names_screened=len(parties) if in_scope else 0,
        flagged=bool(matches),
    )
    ScreeningRun.source_versions.through.objects.bulk_create(
        ScreeningRun.source_versions.through(screeningrun=run, sourceversion=v) for v in current.versions
    )
    Match.objects.bulk_create(Match(run=run, **m) for m in matches)
    run.summary = {
        "run": run.pk,
        "trigger": trigger,
        "in_scope": in_scope,
        "flagged": run.flagged,
        "matches": len(matches),
        "source_versions": list(current.key),
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
        "matched_name": m.matched_name[:500],
        "score": m.score,
        "explanation": m.explanation,
    }


__all__ = ["ScreeningTrigger", "NameResult", "names_screen", "booking_screening_run"]
