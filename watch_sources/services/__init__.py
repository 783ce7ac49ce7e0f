"""Writes for concern sources: importing, refreshing and publishing versions."""

from .holds import HOLD_CHANGED_SHARE, version_hold_judge
from .imports import (
    ImportOutcome,
    SourceHeld,
    SourceImportError,
    read_origin,
    source_apply_delta,
    source_expire_reviews,
    source_get_or_create,
    source_import,
    source_import_content,
)
from .refresh import source_refresh, sources_refresh
from .sources import source_configure
from .versions import VersionNotNewest, version_confirm, version_create, version_diff, version_reject

__all__ = [
    "HOLD_CHANGED_SHARE",
    "ImportOutcome",
    "SourceHeld",
    "SourceImportError",
    "VersionNotNewest",
    "read_origin",
    "source_apply_delta",
    "source_configure",
    "source_expire_reviews",
    "source_get_or_create",
    "source_import",
    "source_import_content",
    "source_refresh",
    "sources_refresh",
    "version_confirm",
    "version_create",
    "version_diff",
    "version_hold_judge",
    "version_reject",
]
