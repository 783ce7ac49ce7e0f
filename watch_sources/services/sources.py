"""Configuring sources (the command and the admin both end up here)."""

from django.core.exceptions import ValidationError

from watch_sources.models import Source


def source_configure(
    *,
    slug: str,
    fmt: str | None = None,
    url: str | None = None,
    name: str | None = None,
    options: dict | None = None,
    enabled: bool | None = None,
) -> Source:
    """Create or update a source; only the given fields change. Raises ValidationError."""
    source = Source.objects.filter(slug=slug).first() or Source(slug=slug, name=slug)
    if source.pk is None and fmt is None:
        raise ValidationError({"format": "A new source needs a format."})
    if source.pk is not None and fmt is not None and fmt != source.format and source.versions.exists():
        raise ValidationError({"format": f"{slug} already has versions in {source.format}."})
    if url is not None and url != source.url:
        source.etag = source.last_modified = source.feed_version = ""  # validators of another URL
    for field, value in (
        ("format", fmt),
        ("url", url),
        ("name", name),
        ("options", options),
        ("enabled", enabled),
    ):
        if value is not None:
            setattr(source, field, value)
    source.full_clean()
    source.save()
    return source
