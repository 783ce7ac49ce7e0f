from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from .enums import SourceFormat, VersionStatus
from .models import FetchAttempt, SourceEntry, SourceVersion

# Officers are told this long before a local entry needs re-confirming.
REVIEW_NOTICE = timedelta(days=14)


def live_versions() -> QuerySet[SourceVersion]:
    """The live version of every enabled source."""
    return SourceVersion.objects.filter(status=VersionStatus.LIVE, source__enabled=True).select_related(
        "source"
    )


def entries_of_versions(version_ids: list[int]) -> QuerySet[SourceEntry]:
    return SourceEntry.objects.filter(version_id__in=version_ids)


def local_entries_due_for_review(*, notice: timedelta = REVIEW_NOTICE) -> QuerySet[SourceEntry]:
    """Live local entries whose review-by date falls within the notice period."""
    return (
        SourceEntry.objects.filter(
            version__status=VersionStatus.LIVE,
            version__source__format=SourceFormat.CSV,
            review_by__lte=timezone.localdate() + notice,
        )
        .select_related("version__source")
        .order_by("review_by", "entry_id")
    )


def latest_fetch_attempts(*, limit: int = 50) -> QuerySet[FetchAttempt]:
    return FetchAttempt.objects.select_related("source", "version")[:limit]
