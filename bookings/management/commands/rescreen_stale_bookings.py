from django.core.management.base import BaseCommand

from bookings.intake.rescreen import bookings_screened_with_other_versions
from bookings.intake.tasks import rescreen_screened_with_other_versions
from screening.index import live_version_ids


class Command(BaseCommand):
    help = (
        "Queue the re-screen of upcoming bookings whose latest run used other source "
        "versions than the live ones (the worker, which holds the index, screens them)."
    )

    def handle(self, *args, **options):
        # Counting needs only the live version ids; building an index here, in a
        # short-lived process, would cost as much as the re-screen itself.
        stale = bookings_screened_with_other_versions(live_version_ids()).count()
        if stale:
            rescreen_screened_with_other_versions.enqueue()
        self.stdout.write(
            f"{stale} screened against other versions; re-screen queued" if stale else "0 stale"
        )
