from django.conf import settings
from django.core.management.base import BaseCommand

from bookings.privacy import bookings_due_for_purge, personal_data_purge, suppressions_due_for_purge
from callers import ManagementCommand


class Command(BaseCommand):
    help = (
        "Remove names and free text of bookings whose event ended longer ago than the "
        "retention period, and of suppressions that have expired or been revoked."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only say how many would be purged.")

    def handle(self, *args, dry_run, **options):
        days = settings.PERSONAL_DATA_RETENTION_DAYS
        if dry_run:
            self.stdout.write(
                f"{bookings_due_for_purge().count()} booking(s) past {days} days and "
                f"{suppressions_due_for_purge().count()} ended suppression(s) "
                "would be purged"
            )
            return
        result = personal_data_purge(by=ManagementCommand("purge_personal_data"))
        self.stdout.write(
            f"purged personal data of {result.bookings} booking(s) past {days} days "
            f"and {result.suppressions} ended suppression(s)"
        )
