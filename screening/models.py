from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .enums import Disposition, MatchSubject, ScreeningTrigger


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
    # Names a person must look at whatever they match (they read as nothing, or
    # mix scripts inside a word): [{"subject", "party", "name", "signals"}]. They flag.
    signals = models.JSONField(default=list, blank=True)
    # Strong name matches discounted because the date of birth differs: shown to
    # the officer as "considered and discounted", never to the venue; they do not flag.
    discounted = models.JSONField(default=list, blank=True)
    # What changed against the booking's previous run: judged matches gone (entry
    # removed, alias or entry changed, party changed) and matches new since then.
    changes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"Run {self.pk} of {self.booking_id} ({self.trigger})"


class Match(models.Model):
    """A possible match between a party (or the event text) and a source entry."""

    run = models.ForeignKey(ScreeningRun, on_delete=models.CASCADE, related_name="matches")
    subject = models.CharField(max_length=32, choices=MatchSubject.choices)
    party = models.ForeignKey(
        "bookings.Party", null=True, blank=True, on_delete=models.SET_NULL, related_name="matches"
    )
    query_name = models.CharField(max_length=300)
    entry = models.ForeignKey("watch_sources.SourceEntry", on_delete=models.PROTECT, related_name="matches")
    matched_name = models.CharField(max_length=500)
    score = models.FloatField()
    explanation = models.JSONField(default=dict)
    # Set at screening time when an active suppression covered this pair: the
    # match is kept and shown as suppressed, but does not flag the booking.
    suppression = models.ForeignKey(
        "Suppression",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suppressed_matches",
    )
    # The officer's judgement of this match.
    disposition = models.CharField(max_length=16, choices=Disposition.choices, blank=True)
    disposition_reason = models.TextField(blank=True, max_length=2000)
    discriminators = models.JSONField(default=list, blank=True)
    discriminator_text = models.CharField(max_length=500, blank=True)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    disposed_at = models.DateTimeField(null=True, blank=True)
    # The same entry, alias and evidence (see services.match_fingerprint): a judgement
    # carries forward to a later run's match with the same fingerprint.
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True)
    # Set when the disposition above was carried forward: the match an officer judged.
    judged_match = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_judgements"
    )

    class Meta:
        ordering = ["-score", "id"]
        verbose_name_plural = "matches"

    def __str__(self) -> str:
        return f"{self.query_name} ~ {self.matched_name} ({self.score:.2f})"


class SuppressionQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, stale_at__isnull=True, expires_at__gt=now)


class Suppression(models.Model):
    """'This party is not that entry', remembered from a false-positive disposition.

    The party is identified by normalised name, kind and date of birth; the
    entry by source and identifier plus its content hash. Any change on either
    side (a new date of birth, an entry whose details were updated) means the
    suppression no longer applies and the pair alerts again. It covers a later
    party only when that party carries the same evidence (the differing date of
    birth, the organisation); recorded without evidence, it covers `booking` alone.
    """

    party_name = models.CharField(max_length=300, help_text="Normalised name.")
    party_kind = models.CharField(max_length=16)
    party_date_of_birth = models.CharField(max_length=10, blank=True)
    # The organisation the party carried, when it was the evidence (normalised).
    party_organisation = models.CharField(max_length=300, blank=True)
    # Set when recorded without evidence: then it covers this booking alone.
    booking = models.ForeignKey(
        "bookings.Booking", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    source_slug = models.SlugField(max_length=100)
    entry_id = models.CharField(max_length=200)
    entry_caption = models.CharField(max_length=500)
    entry_content_hash = models.CharField(max_length=64)
    discriminators = models.JSONField(default=list)
    discriminator_text = models.CharField(max_length=500, blank=True)
    reason = models.TextField(max_length=2000)
    origin_match = models.ForeignKey(
        Match, null=True, on_delete=models.SET_NULL, related_name="suppressions_created"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoke_reason = models.CharField(max_length=500, blank=True)
    # The entry changed or left its source: the suppression can never apply again.
    stale_at = models.DateTimeField(null=True, blank=True)

    objects = SuppressionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["party_name", "source_slug", "entry_id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")), name="suppression_expires_later"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party_name} is not {self.source_slug}:{self.entry_id}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.stale_at is None and self.expires_at > timezone.now()
