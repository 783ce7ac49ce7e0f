"""Screening: names against the live index, and bookings with their stored runs."""

import hashlib
import json
import re
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from unidecode import unidecode

from watch_sources.models import SourceEntry

from .audit import screening_audit
from .enums import Discriminator, Disposition, MatchSubject
from .index import LiveIndex, live_index
from .matching import MATCHER_NAME, NameMatch, NameQuery
from .models import Match, ScreeningRun, Suppression
from .normalise import name_signals, normalise, readings
from .signals import suppression_revoked


@dataclass(frozen=True)
class NameResult:
    query: NameQuery
    matches: list[NameMatch]
    signals: list[str] = dataclass_field(default_factory=list)
    discounted: list[NameMatch] = dataclass_field(default_factory=list)
    # entry pk -> the active suppression covering this name and that entry (`names_screen`)
    suppressions: dict[int, int] = dataclass_field(default_factory=dict)

    @property
    def flagged(self) -> bool:
        return bool(self.signals) or any(m.entry_pk not in self.suppressions for m in self.matches)


def review_threshold() -> float:
    return settings.SCREENING_REVIEW_THRESHOLD


READING_LABELS = ("as written", "as it looks (look-alike letters read as Latin)")


def _readings_to_screen(name: str) -> list[tuple[str, str]]:
    """The name as written, not only as normalised: the matcher reads what normalising
    loses (Sp. z o.o. with its dots, Şimşek also as Shimshek, HamasLtd in capitals).
    Written in another script, also as transliterated (Hamas Лтд: a legal form rigour
    knows in Latin letters only), and as it looks where that differs."""
    as_heard, *as_seen = readings(name)
    if not as_heard:
        return [(READING_LABELS[1], text) for text in as_seen]
    written = [name] if name.isascii() else [name, as_heard]
    return [(READING_LABELS[0], text) for text in written] + [(READING_LABELS[1], text) for text in as_seen]


def name_result(index, query: NameQuery, *, threshold: float) -> NameResult:
    """Screen one name in every way it can be read; a name that reads as nothing
    or mixes scripts is a signal for a person, whatever it matches."""
    best: dict[int, NameMatch] = {}
    for label, reading in _readings_to_screen(query.name):
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
    """Screen bare names. Stores nothing about them: only an audit record of the count.
    A match that a suppression covers, as it would cover the same name on a booking,
    does not flag (`_with_name_suppressions`)."""
    current = live_index()
    threshold = review_threshold()
    results = _with_name_suppressions([name_result(current.index, q, threshold=threshold) for q in queries])
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


def _with_name_suppressions(results: list[NameResult]) -> list[NameResult]:
    """Attach the suppressions that cover bare names, so `/screen/` answers as a booking
    naming the same party would be screened: the same pair does not alert again.

    A bare name has no booking and no organisation, so only a suppression recorded with
    evidence that needs neither covers it: a differing date of birth, for a name sent
    with exactly that date (`suppression_for`'s rule for a party with no organisation).
    One covering a single booking, or needing an organisation, never does."""
    pks = {m.entry_pk for r in results for m in r.matches}
    if not pks:
        return results
    hashes = dict(SourceEntry.objects.filter(pk__in=pks).values_list("pk", "content_hash"))
    covering = {
        (
            s.party_name,
            s.party_kind,
            s.party_date_of_birth,
            s.source_slug,
            s.entry_id,
            s.entry_content_hash,
        ): s.pk
        for s in Suppression.objects.active().filter(
            booking__isnull=True,
            party_organisation="",
            party_name__in={normalise(r.query.name) for r in results},
            entry_id__in={m.entry_id for r in results for m in r.matches},
        )
    }
    covered = []
    for result in results:
        party = (normalise(result.query.name), result.query.kind, result.query.date_of_birth or "")
        found = {
            m.entry_pk: covering[key]
            for m in result.matches
            if (key := (*party, m.source, m.entry_id, hashes[m.entry_pk])) in covering
        }
        covered.append(replace(result, suppressions=found))
    return covered


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
    # The normalised names screened: tells "party changed" from "no longer matches".
    screened_names: frozenset[str] = frozenset()

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
    """Screen the given parties of a booking and its event text.
    Reads only, so intake can screen a booking before storing it.

    The caller chooses the parties: every party of a booking in scope, the
    hirer alone of one out of scope (a listed hirer or contact flags whatever
    the scope). The event text (title, description, promotion) is searched for
    listed names whatever the scope: it is the booking's own account of the event,
    names no guest, and a private "social" of a listed organisation must not get
    through because the venue ticked "private". A match covered by an active
    suppression carries it (shown as suppressed) and does not flag.
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
    rows.extend(_mention_rows(booking, current.index, threshold))
    return BookingScreening(
        in_scope=in_scope,
        names_screened=len(names),
        matches=_with_suppressions(rows, booking=booking),
        live=current,
        threshold=threshold,
        signals=signals,
        discounted=discounted,
        screened_names=frozenset(normalise(n.name) for n in names),
    )


@dataclass(frozen=True)
class StoredRun:
    """A run just stored, and what its audit record says about it."""

    run: ScreeningRun
    summary: dict


def screening_run_create(
    *, booking, screening: BookingScreening, trigger: str, first: bool = False
) -> StoredRun:
    """Store a screening as a run with its matches, inside the caller's transaction.
    The caller writes the audit record, with the returned summary.

    Every officer's judgement of a match with the same fingerprint (same entry,
    alias and evidence) carries forward to the new row, linked to the judged
    match, and the run records what changed against the booking's previous run.
    `first` (intake) says the booking has no earlier runs, which saves the reads.
    """
    previous = None if first else ScreeningRun.objects.filter(booking=booking).first()
    rows = screening.matches if first else _with_judgements(booking, screening.matches)
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
        changes=evidence_changes(previous=previous, rows=rows, screening=screening),
    )
    ScreeningRun.source_versions.through.objects.bulk_create(
        ScreeningRun.source_versions.through(screeningrun=run, sourceversion_id=version_id)
        for version_id in screening.live.key
    )
    Match.objects.bulk_create(Match(run=run, **m) for m in rows)
    summary = {
        "run": run.pk,
        "trigger": trigger,
        "in_scope": screening.in_scope,
        "flagged": run.flagged,
        "matches": len(rows),
        "suppressed": screening.suppressed,
        "signals": len(screening.signals),
        "discounted": len(screening.discounted),
        "judgements_carried": sum(bool(m.get("judged_match_id")) for m in rows),
        "changes": sorted({c["change"] for c in run.changes}),
        "source_versions": list(screening.live.key),
    }
    return StoredRun(run=run, summary=summary)


JUDGEMENT_FIELDS = (
    "disposition",
    "disposition_reason",
    "discriminators",
    "discriminator_text",
    "disposed_by_id",
    "disposed_at",
)


def _with_judgements(booking, rows: list[dict]) -> list[dict]:
    """Rows with the booking's latest officer judgement of the same fingerprint.

    A false positive whose suppression was revoked is not carried: revoking says
    the judgement no longer holds, so the match goes back to an officer. A match
    judged again since (its suppression revoked by that) carries the new judgement.
    """
    fingerprints = {r["fingerprint"] for r in rows}
    if not booking.pk or not fingerprints:
        return rows
    judged = (
        Match.objects.filter(run__booking_id=booking.pk, fingerprint__in=fingerprints)
        .filter(judged_match__isnull=True)
        .exclude(disposition="")
        .order_by("disposed_at", "id")
    )
    latest = {m.fingerprint: m for m in judged}
    made = list(
        Suppression.objects.filter(origin_match__in=[m.pk for m in latest.values()]).values_list(
            "origin_match_id", "revoked_at"
        )
    )
    # Revoked, unless judged a false positive again since (a new suppression, not revoked).
    revoked = {origin for origin, at in made if at} - {origin for origin, at in made if not at}
    carried = []
    for row in rows:
        judgement = latest.get(row["fingerprint"])
        # Only a false positive rests on its suppression; a match judged again keeps the new word.
        withdrawn = judgement is not None and judgement.pk in revoked
        if judgement is not None and not (withdrawn and judgement.disposition == Disposition.FALSE_POSITIVE):
            row = {
                **row,
                **{f: getattr(judgement, f) for f in JUDGEMENT_FIELDS},
                "judged_match_id": judgement.pk,
            }
        carried.append(row)
    return carried


def evidence_changes(
    *, previous: ScreeningRun | None, rows: list[dict], screening: BookingScreening
) -> list[dict]:
    """What the officer must see changed since the previous run: each match gone
    (and why), each match whose entry, alias or party details changed, and each new
    match that no officer has judged."""
    if previous is None:
        return []
    old = list(previous.matches.filter(suppression__isnull=True).select_related("entry__version__source"))
    entries = _entry_keys({r["entry_id"] for r in rows})
    new_fingerprints = {r["fingerprint"] for r in rows}
    old_fingerprints = {m.fingerprint for m in old}
    live = set(
        SourceEntry.objects.filter(
            version_id__in=screening.live.key, entry_id__in={m.entry.entry_id for m in old}
        ).values_list("version__source__slug", "entry_id")
    )
    changes, replaced = [], set()
    for m in old:
        if m.fingerprint in new_fingerprints:
            continue
        source, entry_id = m.entry.version.source.slug, m.entry.entry_id
        counterpart = next(
            (
                r
                for r in rows
                if entries[r["entry_id"]][:2] == (source, entry_id)
                and r["subject"] == m.subject
                and normalise(r["query_name"]) == normalise(m.query_name)
            ),
            None,
        )
        if counterpart is not None:
            replaced.add(counterpart["fingerprint"])
            if counterpart["matched_name"] != m.matched_name:
                change = "alias_changed"
            elif entries[counterpart["entry_id"]][2] != m.entry.content_hash:
                change = "entry_changed"
            else:
                change = "party_details_changed"
        elif (source, entry_id) not in live:
            change = "entry_removed"
        elif m.subject != MatchSubject.EVENT_TEXT and normalise(m.query_name) not in screening.screened_names:
            change = "party_changed"
        else:
            change = "no_longer_matches"
        changes.append(
            {
                "change": change,
                "match": m.pk,
                "disposition": m.disposition,
                "query_name": m.query_name,
                "source": source,
                "entry_id": entry_id,
                "caption": m.entry.caption,
                "matched_name": m.matched_name,
                "now_matched_name": counterpart["matched_name"] if counterpart else None,
            }
        )
    for r in rows:
        if r["fingerprint"] in old_fingerprints | replaced or r.get("judged_match_id"):
            continue
        source, entry_id, _, caption = entries[r["entry_id"]]
        changes.append(
            {
                "change": "new_match",
                "match": None,
                "disposition": "",
                "query_name": r["query_name"],
                "source": source,
                "entry_id": entry_id,
                "caption": caption,
                "matched_name": r["matched_name"],
                "now_matched_name": None,
            }
        )
    return changes


def _entry_keys(pks: set[int]) -> dict[int, tuple[str, str, str, str]]:
    rows = SourceEntry.objects.filter(pk__in=pks).values_list(
        "pk", "version__source__slug", "entry_id", "content_hash", "caption"
    )
    return {pk: (slug, entry_id, content_hash, caption) for pk, slug, entry_id, content_hash, caption in rows}


def _mention_rows(booking, index, threshold: float) -> list[dict]:
    rows = []
    for field in EVENT_TEXT_FIELDS:
        text = getattr(booking, field, "") or ""
        for m in index.mentions(text, threshold=threshold) if text.strip() else ():
            # The evidence names the field and the words in it that matched, not the whole text.
            words = mentioned_words(text, m.explanation.get("matched_tokens") or m.matched_name.split())
            m.explanation.update(field=field, text_words=words)
            rows.append(_match_row(m, ScreenedName(MatchSubject.EVENT_TEXT, None, words, "organisation")))
    return rows


def mentioned_words(text: str, tokens: list[str]) -> str:
    """The words of `text` that a mention matched, as written there when they can be
    found (the normalised listed words otherwise)."""
    pattern = r"[\W_]*".join(re.escape(t) for t in tokens)
    found = re.search(pattern, unidecode(text), flags=re.IGNORECASE) if tokens else None
    if found is None:
        return " ".join(tokens)
    # unidecode may lengthen the text, so the span is read from its transliteration.
    return " ".join(found.group(0).split())


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


def match_fingerprint(row: dict, *, content_hash: str) -> str:
    """The same entry (as it now stands), alias and evidence: what a judgement was about.

    Evidence is the screened name, normalised, with its kind and date of birth, or
    the event field a mention was found in. The score is left out, so a better
    matcher does not undo judgements.
    """
    payload = {
        "subject": row["subject"],
        "source": row["source"],
        "entry_id": row["source_entry_id"],
        "entry_content": content_hash,
        "alias": row["matched_name"],
        "query": normalise(row["query_name"]),
        "kind": row["kind"] if row["subject"] != MatchSubject.EVENT_TEXT else "",
        "date_of_birth": row["date_of_birth"] or "",
        "field": row["explanation"].get("field", ""),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _with_suppressions(rows: list[dict], *, booking) -> list[dict]:
    """Attach the fingerprint and the active suppression (if any) that covers each
    match of a name."""
    hashes = dict(
        SourceEntry.objects.filter(pk__in={r["entry_id"] for r in rows}).values_list("pk", "content_hash")
    )
    for row in rows:
        row["fingerprint"] = match_fingerprint(row, content_hash=hashes[row["entry_id"]])
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
    suppression for this party and entry; audit records for both. Judging a match
    again revokes what its earlier false positive silenced (queueing the re-screen
    of the bookings it covered): the officer's latest word is the one that stands.
    """
    _check_disposition(disposition, reason, discriminators, discriminator_text)
    _check_evidence_is_on_the_booking(match, discriminators)
    if Discriminator.DIFFERENT_DOB in discriminators:
        _check_date_of_birth_differs(match)
    earlier = list(_suppressions_of_earlier_judgement(match))
    match.disposition = disposition
    match.disposition_reason = reason
    match.discriminators = sorted(set(discriminators))
    match.discriminator_text = discriminator_text
    match.disposed_by = by
    match.disposed_at = timezone.now()
    match.judged_match = None  # judged here, no longer carried from an earlier run
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
    for suppression in earlier:
        suppression_revoke(suppression=suppression, reason=REJUDGED, by=by)
    if disposition == Disposition.FALSE_POSITIVE and match.party is not None:
        _suppression_create(match=match, by=by)
    return match


REJUDGED = "The match it came from was judged again."


def _suppressions_of_earlier_judgement(match: Match):
    """The active suppressions an earlier false positive of this match made: on this
    row, or on the row whose judgement it carries."""
    origins = [match.pk, *([match.judged_match_id] if match.judged_match_id else [])]
    return Suppression.objects.active().filter(origin_match_id__in=origins)


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


def _check_evidence_is_on_the_booking(match: Match, discriminators: list[str]) -> None:
    """A difference of date of birth or organisation needs the party to have given one:
    without it the judgement shows nothing, and its suppression would silently cover
    this booking alone when the officer thought it covered the party everywhere."""
    if match.party is None:
        return
    _, date_of_birth, organisation = match_identity(match)
    missing = []
    if Discriminator.DIFFERENT_DOB in discriminators and not date_of_birth:
        missing.append(("date of birth", Discriminator.DIFFERENT_DOB))
    if Discriminator.DIFFERENT_ORGANISATION in discriminators and not organisation.strip():
        missing.append(("organisation", Discriminator.DIFFERENT_ORGANISATION))
    if missing:
        raise ValidationError(
            {
                "discriminators": [
                    f"“{match.query_name}” has no {what} on this booking, so “{choice.label}” "
                    "does not show they are someone else. Say what does."
                    for what, choice in missing
                ]
            }
        )


def _check_date_of_birth_differs(match: Match) -> None:
    """A careless "different date of birth" must not silence the listed person: a
    date the entry shares would make a suppression for anyone of that name born then."""
    if match.party is None:
        return
    _, date_of_birth, _ = match_identity(match)
    entry_dates = [d for d in match.entry.birth_dates if d]
    if date_of_birth and not date_of_birth_differs(date_of_birth, entry_dates):
        raise ValidationError(
            {
                "discriminators": [
                    f"The party's date of birth ({date_of_birth}) agrees with the entry's "
                    f"({', '.join(entry_dates)}), so it does not show they are different people. "
                    "Say what does."
                ]
            }
        )


def date_of_birth_differs(date_of_birth: str, entry_dates: list[str]) -> bool:
    """Whether a party's date of birth disagrees with every date the entry gives, to the
    precision both give: 1979 or 1979-03 does not differ from 1979-03-14, 1979-07-01 does.
    An entry without a date leaves the difference to the officer's knowledge."""
    return not any(
        date_of_birth[: min(len(date_of_birth), len(d))] == d[: min(len(date_of_birth), len(d))]
        for d in entry_dates
        if d
    )


def suppression_scope(*, match: Match, discriminators: list[str]) -> dict:
    """What a false-positive disposition of this match would remember, and so silence.

    The evidence is what the party carries that the entry does not: its date of
    birth (when "different date of birth" is the discriminator) or its
    organisation ("different organisation"). Without such evidence the
    suppression covers this booking alone, never the same name elsewhere.
    """
    kind, date_of_birth, organisation = match_identity(match)
    evidence = {}
    if (
        Discriminator.DIFFERENT_DOB in discriminators
        and date_of_birth
        and date_of_birth_differs(date_of_birth, match.entry.birth_dates)
    ):
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
    """Stop a suppression. The false-positive judgement it came from no longer
    carries forward, and once this commits `suppression_revoked` is sent so that
    bookings re-screens what the suppression silenced."""
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
        transaction.on_commit(lambda: suppression_revoked.send(sender=Suppression, suppression=suppression))
    return suppression


# What a suppression keeps once it can never apply again: no name, no date of
# birth, no free text; only which entry it was about and who made it when.
PERSONAL_DATA_DROPPED = {
    "party_name": "[purged]",
    "party_date_of_birth": "",
    "party_organisation": "",
    "discriminator_text": "",
    "reason": "[purged]",
    "revoke_reason": "",
}


def suppressions_mark_stale(*, source_slug: str, live_version_id: int) -> list[int]:
    """Suppressions whose entry changed or left the source's new live version can never
    apply again: mark them stale (never listed active) and drop their personal data.
    Runs inside the caller's transaction; audited. Returns the ids marked."""
    candidates = list(
        Suppression.objects.filter(source_slug=source_slug, stale_at__isnull=True).values_list(
            "pk", "entry_id", "entry_content_hash"
        )
    )
    current = dict(
        SourceEntry.objects.filter(
            version_id=live_version_id, entry_id__in={entry_id for _, entry_id, _ in candidates}
        ).values_list("entry_id", "content_hash")
    )
    stale = [pk for pk, entry_id, content_hash in candidates if current.get(entry_id) != content_hash]
    if stale:
        Suppression.objects.filter(pk__in=stale).update(stale_at=timezone.now(), **PERSONAL_DATA_DROPPED)
        screening_audit(
            by=None,
            action="suppressions.stale",
            object_type="screening.suppression",
            data={"source": source_slug, "version": live_version_id, "suppressions": stale},
        )
    return stale
