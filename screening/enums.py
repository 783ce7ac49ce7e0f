from django.db import models


class ScreeningTrigger(models.TextChoices):
    INTAKE = "intake", "Booking received"
    UPDATE = "update", "Booking changed"
    SOURCE_UPDATE = "source_update", "Source updated"
    RECOVERY = "recovery", "Recovered after interruption"
    MANUAL = "manual", "Requested by a person"


class MatchSubject(models.TextChoices):
    PARTY = "party", "A named party"
    EVENT_TEXT = "event_text", "Event title or description"
