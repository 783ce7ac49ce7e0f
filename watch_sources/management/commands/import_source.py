from django.core.management.base import BaseCommand, CommandError

from watch_sources.clients import SourceFetchError
from watch_sources.enums import SourceFormat
from watch_sources.services import SourceImportError, source_import


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
        try:
            outcome = source_import(slug=slug, origin=path_or_url, fmt=fmt, force=force)
        except (SourceImportError, SourceFetchError) as exc:
            raise CommandError(str(exc)) from exc
        version = outcome.version
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
