from django.db import models


class ScreeningTrigger(models.TextChoices):
    INTAKE = "intake", "Booking received"
    UPDATE = "update", "Booking changed"
    SOURCE_UPDATE = "source_update", "Source updated"
    RECOVERY = "recovery", "Recovered after interruption"
    SUPPRESSION_ENDED = "suppression_ended", "A suppression was revoked or ended"
    MANUAL = "manual", "Requested by a person"


class MatchSubject(models.TextChoices):
    """Which name of a booking matched: every name a booking carries is screened."""

    PARTY = "party", "A named party"
    PARTY_ORGANISATION = "party_organisation", "A party's organisation"
    HIRER_CONTACT = "hirer_contact", "The hirer's contact"
    EVENT_TEXT = "event_text", "Event title, description or promotion"


class Disposition(models.TextChoices):
    FALSE_POSITIVE = "false_positive", "False positive: not this entry"
    POSSIBLE_MATCH = "possible_match", "Possible match"
    TRUE_MATCH = "true_match", "True match"


class Discriminator(models.TextChoices):
    """What showed that a party is not the listed entry."""

    DIFFERENT_DOB = "different_dob", "Different date of birth"
    DIFFERENT_ORGANISATION = "different_organisation", "Different organisation"
    DIFFERENT_NATIONALITY = "different_nationality", "Different nationality"
    OTHER = "other", "Other (explained in text)"
