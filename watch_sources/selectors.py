from datetime import timedelta

from django.conf import settings
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from .enums import FetchOutcome, SourceFormat, VersionStatus
from .models import FetchAttempt, Source, SourceEntry, SourceVersion

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


def sources_due_for_refresh() -> QuerySet[Source]:
    """Enabled sources with a URL whose last fetch is older than SOURCE_REFRESH_HOURS,
    or failed more than SOURCE_RETRY_MINUTES ago, or that were never fetched.

    A held version waits for a person, so a held fetch counts as done, not failed.
    An attempt still "running" that long after it started died with its process.
    """
    now = timezone.now()
    last = FetchAttempt.objects.filter(source=OuterRef("pk")).order_by("-started_at", "-id")
    return (
        Source.objects.enabled()
        .exclude(url="")
        .annotate(
            last_started=Subquery(last.values("started_at")[:1]),
            last_outcome=Subquery(last.values("outcome")[:1]),
        )
        .filter(
            Q(last_started__isnull=True)
            | Q(last_started__lte=now - timedelta(hours=settings.SOURCE_REFRESH_HOURS))
            | Q(
                last_outcome__in=[FetchOutcome.FAILED, FetchOutcome.RUNNING],
                last_started__lte=now - timedelta(minutes=settings.SOURCE_RETRY_MINUTES),
            )
        )
        .order_by("slug")
    )
