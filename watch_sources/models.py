from django.db import models
from django.db.models import Q
from django.utils import timezone

from .enums import EntryKind, FetchOutcome, SourceFormat, VersionStatus


class SourceQuerySet(models.QuerySet):
    def enabled(self):
        return self.filter(enabled=True)


class Source(models.Model):
    """A concern source: an official list or the locally curated one."""

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    format = models.CharField(max_length=32, choices=SourceFormat.choices)
    url = models.URLField(max_length=1000, blank=True)
    enabled = models.BooleanField(default=True)
    options = models.JSONField(
        default=dict,
        blank=True,
        help_text='Parser options, e.g. {"list_types": ["Al-Qaida"]} (un-xml), '
        '{"regimes": ["counter-terrorism"]} (uk-sanctions-csv), {"schemata": ["Organization"]} '
        '(ftm), {"delta_url": ".../delta.json"} (ftm: apply OpenSanctions deltas).',
    )
    # Conditional GET state of the last successful fetch, so an unchanged list is not re-read.
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    # The last OpenSanctions delta version applied (delta feeds only).
    feed_version = models.CharField(max_length=100, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name or self.slug

    @property
    def live_version(self) -> "SourceVersion | None":
        return self.versions.filter(status=VersionStatus.LIVE).first()


class SourceVersion(models.Model):
    """An immutable snapshot of a source's entries. Exactly one is live per source."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=VersionStatus.choices)
    origin = models.CharField(max_length=1000, help_text="Path or URL it was read from.")
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the source file.")
    # The parser options it was read with: the same file read with other filters is new content.
    options = models.JSONField(default=dict, blank=True)
    entry_count = models.PositiveIntegerField(default=0)
    name_count = models.PositiveIntegerField(default=0)
    diff = models.JSONField(default=dict, blank=True)
    # What the officer should know about this version: expired local entries, delta applied...
    report = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Set when a person accepted this content (confirmed a held version, imported with
    # --force) and on a source's first version: the baseline the next imports are judged
    # against (watch_sources/services/holds.py).
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_by = models.CharField(max_length=200, blank=True, editable=False)

    class Meta:
        ordering = ["source", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["source", "number"], name="version_number_unique"),
            models.UniqueConstraint(
                fields=["source"],
                condition=Q(status=VersionStatus.LIVE),
                name="one_live_version_per_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source.slug} v{self.number}"


class SourceEntry(models.Model):
    """One listed person or organisation, as it stood in one version."""

    version = models.ForeignKey(SourceVersion, on_delete=models.CASCADE, related_name="entries")
    entry_id = models.CharField(max_length=200, help_text="The entry's identifier in its source.")
    kind = models.CharField(max_length=16, choices=EntryKind.choices)
    caption = models.CharField(max_length=500)
    # [{"name": str, "strength": NameStrength}], the primary name first.
    names = models.JSONField(default=list)
    birth_dates = models.JSONField(default=list, blank=True)
    nationalities = models.JSONField(default=list, blank=True)
    topics = models.JSONField(default=list, blank=True)
    programmes = models.JSONField(default=list, blank=True)
    details = models.JSONField(default=dict, blank=True)
    # Hash of the matchable content: a change here invalidates suppressions.
    content_hash = models.CharField(max_length=64)
    review_by = models.DateField(null=True, blank=True, help_text="Local entries: re-confirm by.")

    class Meta:
        verbose_name_plural = "source entries"
        constraints = [
            models.UniqueConstraint(fields=["version", "entry_id"], name="entry_id_unique_in_version"),
            models.CheckConstraint(condition=Q(kind__in=EntryKind.values), name="entry_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.caption


class FetchAttempt(models.Model):
    """One refresh of one source: what was fetched and what became of it."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="fetch_attempts")
    url = models.CharField(max_length=1000)
    started_at = models.DateTimeField(default=timezone.now, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=FetchOutcome.choices, default=FetchOutcome.RUNNING)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    bytes_received = models.PositiveBigIntegerField(default=0)
    message = models.TextField(blank=True)
    version = models.ForeignKey(
        SourceVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(outcome__in=FetchOutcome.values), name="fetch_outcome_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.source.slug} {self.started_at:%Y-%m-%d %H:%M} {self.outcome}"
