from django.core.management.base import BaseCommand, CommandError

from watch_sources.enums import FetchOutcome, SourceFormat
from watch_sources.models import Source
from watch_sources.selectors import local_entries_due_for_review, sources_due_for_refresh
from watch_sources.services import source_expire_reviews, source_refresh

from ._progress import terminal_progress


class Command(BaseCommand):
    help = (
        "Fetch every enabled source that has a URL and publish a new version when it changed; "
        "take local entries past their review-by date out of use. Exits non-zero if any "
        "source failed or was held."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="Only these sources (default: all enabled).")
        parser.add_argument(
            "--due",
            action="store_true",
            help="Only sources due for a fetch (SOURCE_REFRESH_HOURS after the last one, "
            "SOURCE_RETRY_MINUTES after a failure); what run_periodic_jobs runs.",
        )

    def handle(self, *args, slugs, due, **options):
        sources = Source.objects.enabled()
        due_ids = set(sources_due_for_refresh().values_list("pk", flat=True)) if due else None
        if slugs:
            sources = sources.filter(slug__in=slugs)
        problems = 0
        for source in sources:
            if source.url and (due_ids is None or source.pk in due_ids):
                problems += self._refresh(source, options["verbosity"])
            if source.format == SourceFormat.CSV:
                self._expire(source)
        self._report_reviews_due()
        if problems:
            raise CommandError(f"{problems} source(s) failed or were held; see Fetch attempts")

    def _refresh(self, source: Source, verbosity: int) -> int:
        progress = terminal_progress(self.stderr, source.slug) if verbosity >= 1 else None
        attempt = source_refresh(source=source, progress=progress)
        if progress:
            progress.finish()
        line = f"{source.slug}: {attempt.get_outcome_display().lower()}: {attempt.message}"
        if attempt.outcome in (FetchOutcome.FAILED, FetchOutcome.HELD):
            self.stderr.write(self.style.ERROR(line))
            return 1
        self.stdout.write(self.style.SUCCESS(line) if attempt.version_id else line)
        return 0

    def _expire(self, source: Source) -> None:
        outcome = source_expire_reviews(source=source)
        version = outcome.version
        if outcome.created and version is not None:  # a created outcome always has its version
            self.stdout.write(
                self.style.WARNING(
                    f"{source.slug}: version {version.number} takes "
                    f"{len(version.diff['removed'])} entries past review-by out of use"
                )
            )

    def _report_reviews_due(self) -> None:
        for entry in local_entries_due_for_review():
            self.stdout.write(
                self.style.WARNING(
                    f"{entry.version.source.slug}: {entry.entry_id} ({entry.caption}) "
                    f"needs re-confirming by {entry.review_by:%Y-%m-%d}"
                )
            )
