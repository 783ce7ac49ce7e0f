from django.core.management.base import BaseCommand, CommandError

from watch_sources.enums import SourceFormat
from watch_sources.services import SourceImportError, source_import
from watch_sources.services.bounds import bounds_report_lines

from ._progress import terminal_progress


class Command(BaseCommand):
    help = "Import a file or URL as a new version of a concern source (created if missing)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("path_or_url")
        parser.add_argument("--format", required=True, choices=SourceFormat.values, dest="fmt")
        parser.add_argument(
            "--force", action="store_true", help="Publish even if most entries would be dropped."
        )

    def handle(self, *args, slug, path_or_url, fmt, force, **options):
        progress = terminal_progress(self.stderr, slug) if options["verbosity"] >= 1 else None
        try:
            outcome = source_import(slug=slug, origin=path_or_url, fmt=fmt, force=force, progress=progress)
        except SourceImportError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            if progress:
                progress.finish()
        version = outcome.version
        assert version is not None, "an import ends at a version, new or the live one"
        if not outcome.created:
            self.stdout.write(f"{slug}: unchanged, version {version.number} stays live")
            return
        diff = version.diff
        self.stdout.write(
            self.style.SUCCESS(
                f"{slug}: version {version.number} live with {version.entry_count} entries "
                f"and {version.name_count} names (+{len(diff['added'])} "
                f"-{len(diff['removed'])} ~{len(diff['changed'])})"
            )
        )
        self._report_bounds(slug, outcome.names_truncated, version.report)
        for expired in version.report.get("expired", []):
            self.stdout.write(
                self.style.WARNING(
                    f"{slug}: {expired['entry_id']} ({expired['caption']}) passed its review-by "
                    f"date {expired['review_by']}; not used until re-confirmed"
                )
            )

    # An absurd source could bring thousands of cuts: the first are printed, all are in the report.
    BOUND_LINES_SHOWN = 20

    def _report_bounds(self, slug: str, truncated: int, report: dict) -> None:
        dropped = len(report.get("names_dropped", []))
        if not truncated and not dropped:
            return
        self.stdout.write(
            self.style.WARNING(
                f"{slug}: {truncated} names truncated, {dropped} entries with names dropped "
                "(absurdly long names or too many aliases; the version's report lists each)"
            )
        )
        lines = bounds_report_lines(report)
        for line in lines[: self.BOUND_LINES_SHOWN]:
            self.stdout.write(self.style.WARNING(f"{slug}: {line}"))
        if len(lines) > self.BOUND_LINES_SHOWN:
            self.stdout.write(
                self.style.WARNING(f"{slug}: ... and {len(lines) - self.BOUND_LINES_SHOWN} more")
            )
