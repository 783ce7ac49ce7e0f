from django.db.models import QuerySet

from .enums import VersionStatus
from .models import SourceEntry, SourceVersion


def live_versions() -> QuerySet[SourceVersion]:
    """The live version of every enabled source."""
    return SourceVersion.objects.filter(
        status=VersionStatus.LIVE, source__enabled=True
    ).select_related("source")


def entries_of_versions(version_ids: list[int]) -> QuerySet[SourceEntry]:
    return SourceEntry.objects.filter(version_id__in=version_ids)
