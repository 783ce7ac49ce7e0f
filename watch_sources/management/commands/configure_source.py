import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from watch_sources.enums import SourceFormat
from watch_sources.services import source_configure


class Command(BaseCommand):
    help = "Create or update a concern source: format, URL, parser options, enabled."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--format", choices=SourceFormat.values, dest="fmt")
        parser.add_argument("--url", help="Where refresh_sources fetches it ('' to clear).")
        parser.add_argument("--name")
        parser.add_argument("--options", help='Parser options as JSON, e.g. \'{"list_types": ["*"]}\'.')
        state = parser.add_mutually_exclusive_group()
        state.add_argument("--enable", action="store_const", const=True, dest="enabled")
        state.add_argument("--disable", action="store_const", const=False, dest="enabled")

    def handle(self, *args, slug, fmt, url, name, options, enabled, **kwargs):
        try:
            parsed_options = json.loads(options) if options is not None else None
        except json.JSONDecodeError as exc:
            raise CommandError(f"--options is not JSON: {exc.msg}") from exc
        if parsed_options is not None and not isinstance(parsed_options, dict):
            raise CommandError("--options must be a JSON object")
        try:
            source = source_configure(
                slug=slug, fmt=fmt, url=url, name=name, options=parsed_options, enabled=enabled
            )
        except ValidationError as exc:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc
        state = "enabled" if source.enabled else "disabled"
        self.stdout.write(
            self.style.SUCCESS(
                f"{source.slug}: {source.format}, {state}, url {source.url or '(none)'}, "
                f"options {json.dumps(source.options)}"
            )
        )
