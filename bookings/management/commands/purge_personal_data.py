from django.conf import settings
from django.core.management.base import BaseCommand

from bookings.privacy import bookings_due_for_purge, personal_data_purge


class Command(BaseCommand):
    help = "Remove names and free text of bookings whose event ended longer ago than the retention period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only say how many would be purged.")

    def handle(self, *args, dry_run, **options):
        days = settings.PERSONAL_DATA_RETENTION_DAYS
        if dry_run:
            due = bookings_due_for_purge().count()
            self.stdout.write(f"{due} booking(s) past {days} days would be purged")
            return
        count = personal_data_purge(actor="command:purge_personal_data")
        self.stdout.write(f"purged personal data of {count} booking(s) past {days} days")
