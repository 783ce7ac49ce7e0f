from django.db import models
from django.utils import timezone

from .enums import MatchSubject, ScreeningTrigger


class ScreeningRun(models.Model):
    """One screening of a booking against the live version of every enabled source."""

    booking = models.ForeignKey("bookings.Booking", on_delete=models.CASCADE, related_name="screening_runs")
    trigger = models.CharField(max_length=32, choices=ScreeningTrigger.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    matcher = models.CharField(max_length=64)
    threshold = models.FloatField()
    source_versions = models.ManyToManyField("watch_sources.SourceVersion", related_name="+")
    names_screened = models.PositiveIntegerField(default=0)
    in_scope = models.BooleanField(default=True)
    flagged = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"Run {self.pk} of {self.booking_id} ({self.trigger})"


class Match(models.Model):
    """A possible match between a party (or the event text) and a source entry."""

    run = models.ForeignKey(ScreeningRun, on_delete=models.CASCADE, related_name="matches")
    subject = models.CharField(max_length=16, choices=MatchSubject.choices)
    party = models.ForeignKey(
        "bookings.Party", null=True, blank=True, on_delete=models.SET_NULL, related_name="matches"
    )
    query_name = models.CharField(max_length=300)
    entry = models.ForeignKey("watch_sources.SourceEntry", on_delete=models.PROTECT, related_name="matches")
    matched_name = models.CharField(max_length=500)
    score = models.FloatField()
    explanation = models.JSONField(default=dict)

    class Meta:
        ordering = ["-score", "id"]
        verbose_name_plural = "matches"

    def __str__(self) -> str:
        return f"{self.query_name} ~ {self.matched_name} ({self.score:.2f})"
