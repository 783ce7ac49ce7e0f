"""Listeners for what the lower apps announce.

`watch_sources` announces a new live version with the `version_published`
signal (it never imports bookings); `BookingsConfig.ready` connects this
receiver, which audits the version and queues the re-screen.
"""

from django.db import transaction

from bookings.audit import audit_record
from bookings.intake.tasks import rescreen_upcoming_bookings
from watch_sources.models import SourceVersion


def source_version_published(sender, *, version: SourceVersion, removed: list[str], **kwargs) -> None:
    """Signal receiver: audit the new version and queue the re-screening, in one transaction.

    The task row and the audit record commit together (with the database task
    backend), so a published version is never left without its re-screening.
    """
    diff = version.diff
    with transaction.atomic():
        audit_record(
            by=None,
            action="source.version_published",
            target=version,
            data={
                "source": version.source.slug,
                "number": version.number,
                "entries": version.entry_count,
                "checksum": version.checksum,
                "added": len(diff.get("added", [])),
                "removed": removed,
                "changed": len(diff.get("changed", [])),
            },
        )
        rescreen_upcoming_bookings.enqueue(version_id=version.pk, removed=removed)
