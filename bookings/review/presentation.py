"""How the review pages put things in words: no codes, no bare scores.

Each match gets a one-line summary ("exact name, same date of birth: strong"),
then what the listed entry is, why it is listed (the source's own programme or
reason) and where to read more. History records read as sentences; the
"match details viewed" records are kept apart so they do not drown the rest.
"""

from dataclasses import dataclass, field

from bookings.enums import Advice, BookingStatus

VIEWED_ACTION = "booking.match_details_viewed"

# The booking's own transitions and events, as an officer would say them.
HISTORY_ACTIONS = {
    "booking.received": "Booking received",
    "booking.screened": "Names checked against the lists",
    "booking.updated": "Booking changed by the venue",
    "booking.withdrawn": "Booking withdrawn",
    "booking.take": "Taken for review",
    "booking.request_info": "Question sent to the venue",
    "booking.information_requested": "Question sent to the venue",
    "booking.answer_info": "The venue answered the question",
    "booking.dispose_match": "Match judged",
    "booking.advise": "Advice given",
    "booking.advice_changed": "Advice changed",
    "booking.approve": "Decline advice approved by a second officer",
    "booking.reject_approval": "Decline advice sent back by the second officer",
    "booking.record_decision": "The venue recorded its decision",
    "booking.request_review": "The venue asked for the advice to be reviewed",
    "booking.expedite": "The venue asked for an answer sooner",
    "booking.escalated": "Overdue: passed to another officer",
    "booking.matched_entries_gone": "A matched entry left its list",
    "booking.lapse": "The event passed before advice was given",
    "booking.close": "Closed after the event",
    "personal_data.purged": "Personal details removed after the retention period",
    VIEWED_ACTION: "Match details viewed",
}

STATUS_COLOUR: dict[str, str] = {
    BookingStatus.FLAGGED: "blue",
    BookingStatus.IN_REVIEW: "blue",
    BookingStatus.INFO_REQUESTED: "yellow",
    BookingStatus.AWAITING_APPROVAL: "purple",
    BookingStatus.ADVISED: "green",
}

# Each `how` of screening.scoring.word_similarity, in words an officer reads.
HOW_WORDS = {
    "exact": "the same word",
    "initial": "an initial",
    "fuzzy": "a similar spelling (a possible typo)",
    "spelling_variant": "the same name spelled another way",
    "same_name": "the same name in another spelling (name list)",
    "nickname": "a short form of the name",
    "same_name_in_another_script": "the same name written in another alphabet (name list)",
    "written_in_another_script": "a way of writing the word in Latin letters",
    "transposed_letters": "two letters swapped (a possible typo)",
    "particle": "the same name particle written another way (Ben for bin, il for al)",
    "particle_typo": "a name particle mistyped (Abudl for Abdul)",
    "ezafe": "the joining word of / e written another way (Lashkar-i for Lashkar-e)",
    "written_as_one_word": "the same name written as one word or as two (Abubakr, Abu Bakr)",
    "initials": "initials of the names (JC for Jean Claude)",
    "acronym": "the same acronym written with dots or spaces (A.B.C. for ABC)",
    "different_names": "different names",
    "different_numbers": "different numbers",
    "different": "different words",
}

DOB_PHRASES = {
    "same": "same date of birth",
    "close": "date of birth close or only the year agrees",
    "different": "different date of birth",
    "unknown": "no date of birth to compare",
}

# FollowTheMoney topics, as OpenSanctions defines them.
TOPICS = {
    "crime.terror": "terrorism",
    "sanction": "sanctions",
    "sanction.linked": "linked to a sanctioned party",
    "role.pep": "a politically exposed person",
    "crime": "crime",
    "crime.war": "war crimes",
    "debarment": "debarred",
    "wanted": "wanted by the authorities",
}

OPENSANCTIONS_ENTITY = "https://www.opensanctions.org/entities/{id}/"


def status_label(status: str) -> str:
    return BookingStatus(status).label if status in BookingStatus.values else "Unknown"


def status_colour(status: str) -> str:
    return STATUS_COLOUR.get(status, "grey")


def advice_label(advice: str | None) -> str:
    return Advice(advice).label if advice in Advice.values else ""


def actor_label(actor: str) -> str:
    """'user:olivia' reads 'olivia'; a venue's key reads as its booking system."""
    if actor.startswith("user:"):
        return actor.removeprefix("user:")
    if actor.startswith("api-key:"):
        venue = actor.partition("(")[2].rstrip(")")
        return f"the booking system of {venue}" if venue else "a venue's booking system"
    if actor in ("system", ""):
        return "venue-check (automatic)"
    return actor


def history_label(action: str) -> str:
    return HISTORY_ACTIONS.get(action) or action.rpartition(".")[2].replace("_", " ").capitalize()


def strength(score: float, threshold: float) -> str:
    """A score put in words: how far above the threshold the match is."""
    if score >= 0.97:
        return "strong"
    if score >= (1 + threshold) / 2:
        return "fairly strong"
    return "weak"


def match_summary(match) -> str:
    """'exact name, same date of birth: strong' — what kind of match, in one line."""
    explanation = match.explanation or {}
    method = explanation.get("method")
    if method == "mention":
        return f"the listed name appears in the event text: {strength(match.score, match.run.threshold)}"
    parts = ["exact name" if method == "exact" else "similar name"]
    dob = (explanation.get("date_of_birth") or {}).get("outcome")
    if dob in DOB_PHRASES:
        parts.append(DOB_PHRASES[dob])
    if explanation.get("matched_strength") == "weak":
        parts.append("a weak alias")
    return f"{', '.join(parts)}: {strength(match.score, match.run.threshold)}"


def how_label(how: str) -> str:
    return HOW_WORDS.get(how, "similar")


def score_percent(value) -> str:
    try:
        return f"{round(float(value) * 100)}%"
    except (TypeError, ValueError):
        return ""


@dataclass
class EntryFacts:
    source_name: str
    what: str
    why: list[str] = field(default_factory=list)
    link: str = ""
    link_text: str = ""


def entry_facts(entry) -> EntryFacts:
    """What the listed entry is, why its source lists it, and where to read more."""
    source = entry.version.source
    kind = "An organisation" if entry.kind == "organisation" else "A person"
    facts = [kind]
    if entry.birth_dates:
        facts.append(f"born {', '.join(entry.birth_dates)}")
    if entry.nationalities:
        facts.append(f"nationality {', '.join(entry.nationalities)}")
    link, link_text = _entry_link(entry, source)
    return EntryFacts(
        source_name=source.name, what=", ".join(facts), why=_why_listed(entry), link=link, link_text=link_text
    )


def _why_listed(entry) -> list[str]:
    details = entry.details or {}
    reasons = [f"Listed under: {p}" for p in entry.programmes if p]
    topics = [TOPICS[t] for t in entry.topics if t in TOPICS]
    if topics:
        reasons.append(f"The source marks it as: {', '.join(topics)}")
    if details.get("justification"):
        reasons.append(f"Reason recorded on the local list: {details['justification']}")
    if details.get("evidence_ref"):
        reasons.append(f"Evidence reference: {details['evidence_ref']}")
    if details.get("date_designated"):
        reasons.append(f"Designated on {details['date_designated']}")
    if details.get("listed_on"):
        reasons.append(f"Listed on {details['listed_on']}")
    return reasons or ["The source gives no reason for this entry."]


def _entry_link(entry, source) -> tuple[str, str]:
    if source.format == "ftm" and set((entry.details or {}).get("datasets") or []) - {"test"}:
        return OPENSANCTIONS_ENTITY.format(id=entry.entry_id), "Read the entry on OpenSanctions"
    if source.url:
        return source.url, f"Read the source: {source.name}"
    return "", ""
