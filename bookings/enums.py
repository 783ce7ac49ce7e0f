import enum

from django.db import models


class BookingStatus(models.TextChoices):
    # Internal, never shown: a booking being built, not yet screened. Intake stores
    # a booking screened (or, if screening fails, flagged), so no new row stays
    # here; rows stored so before are screened by the worker and read as flagged
    # until then (`bookings.presentation.shown_status`).
    RECEIVED = "received", "Received, awaiting screening"
    NOT_IN_SCOPE = "not_in_scope", "Not in scope for screening"
    CLEARED = "cleared", "No match found"
    FLAGGED = "flagged", "Flagged for review"
    IN_REVIEW = "in_review", "In review"
    INFO_REQUESTED = "info_requested", "Information requested"
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting second officer approval"
    ADVISED = "advised", "Advised"
    WITHDRAWN = "withdrawn", "Withdrawn"
    LAPSED = "lapsed", "Lapsed (event passed under review)"
    CLOSED = "closed", "Closed"

    # The statuses a caller is ever told or may filter by: DESIGN's list, in its order.
    SHOWN = enum.nonmember(
        (
            "not_in_scope",
            "cleared",
            "flagged",
            "in_review",
            "info_requested",
            "awaiting_approval",
            "advised",
            "withdrawn",
            "lapsed",
            "closed",
        )
    )
    # Statuses a re-screening may move out of without a person deciding.
    SCREENABLE = enum.nonmember(("received", "not_in_scope", "cleared"))
    # Statuses in which a person is (or should be) looking at the booking.
    UNDER_REVIEW = enum.nonmember(("flagged", "in_review", "info_requested", "awaiting_approval"))
    # Statuses after which nothing changes any more.
    FINAL = enum.nonmember(("withdrawn", "lapsed", "closed"))


class Advice(models.TextChoices):
    NO_CONCERNS = "no_concerns", "No concerns"
    PROCEED_WITH_CONDITIONS = "proceed_with_conditions", "Proceed with conditions"
    ADVISE_DECLINE = "advise_decline", "Advise decline"


class PartyKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"


class PartyRole(models.TextChoices):
    HIRER = "hirer", "Hirer"
    ORGANISER = "organiser", "Organiser"
    SPEAKER = "speaker", "Speaker"
    PERFORMER = "performer", "Performer"


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid"


class VenueType(models.TextChoices):
    COMMUNITY_CENTRE = "community_centre", "Community centre"
    LIBRARY = "library", "Library"
    COUNCIL_HALL = "council_hall", "Council hall"
    SCHOOL = "school", "School or college"
    SPORTS = "sports", "Sports or leisure centre"
    FAITH = "faith", "Faith venue"
    OTHER = "other", "Other"


class ScopeRule(models.TextChoices):
    # Proportionate default: a private booking whose only party is the hirer
    # (a child's birthday party) is not screened at all.
    PROPORTIONATE = "proportionate", "Public events, or any speaker, organiser or performer"
    SCREEN_ALL = "screen_all", "Every booking"


class Channel(models.TextChoices):
    API = "api", "Booking system (API)"
    FORM = "form", "Web form"


class VenueDecisionOutcome(models.TextChoices):
    APPROVED = "approved", "Approved"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", "Approved with conditions"
    REFUSED = "refused", "Refused"
    WITHDRAWN = "withdrawn", "Withdrawn"


class RefusalGrounds(models.TextChoices):
    PREVENT = "prevent", "Prevent"
    HEALTH_AND_SAFETY = "health_and_safety", "Health and safety"
    PROCEDURAL = "procedural", "Procedural"
    OTHER = "other", "Other"


class ReviewRequestOutcome(models.TextChoices):
    UPHELD = "upheld", "Advice upheld"
    CHANGED = "changed", "Advice changed"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed (gave up)"


class WebhookAlertKind(models.TextChoices):
    DELIVERIES_FAILED = "deliveries_failed", "Webhook deliveries gave up"
    SECRET_NOT_SHARED = "secret_not_shared", "New webhook secret not yet given to the venue"


class ReopenReason(models.TextChoices):
    """Why a re-screen sent an advised booking back to the Prevent Officer."""

    NEW_MATCH = "new_match", "A match no officer has judged"
    BASIS_GONE = "basis_gone", "A match the advice rested on is gone or changed"


class OfficerWithdrawal(models.TextChoices):
    """The only reasons an officer may withdraw a venue's booking; the venue is told."""

    DUPLICATE = "duplicate", "A duplicate of another booking"
    TEST = "test", "A test booking"


class OfficerNoticeKind(models.TextChoices):
    NEW_FLAG = "new_flag", "A booking needs review"
    ANSWER = "answer", "The venue answered your question"
    REVIEW_REQUEST = "review_request", "The venue asked for a review of advice"
    EXPEDITE = "expedite", "The venue asked for advice sooner"
    PROPOSAL_REOPENED = "decline_reopened", "New evidence on a decline you proposed"
