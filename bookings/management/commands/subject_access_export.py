import json

from django.core.management.base import BaseCommand

from bookings.privacy import subject_access_export


class Command(BaseCommand):
    help = "Print, as JSON, everything held about a named person (a subject access request)."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--date-of-birth", default="")

    def handle(self, *args, name, date_of_birth, **options):
        export = subject_access_export(name=name, date_of_birth=date_of_birth)
        self.stdout.write(json.dumps(export, indent=2, ensure_ascii=False))
