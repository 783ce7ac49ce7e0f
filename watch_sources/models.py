from django.db import models
from django.db.models import Q
from django.utils import timezone

from .enums import EntryKind, SourceFormat, VersionStatus


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
    options = models.JSONField(default=dict, blank=True, help_text="Parser options (filters).")
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
    entry_count = models.PositiveIntegerField(default=0)
    name_count = models.PositiveIntegerField(default=0)
    diff = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

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

    class Meta:
        verbose_name_plural = "source entries"
        constraints = [
            models.UniqueConstraint(fields=["version", "entry_id"], name="entry_id_unique_in_version"),
            models.CheckConstraint(condition=Q(kind__in=EntryKind.values), name="entry_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.caption
