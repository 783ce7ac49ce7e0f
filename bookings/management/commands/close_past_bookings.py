from django.core.management.base import BaseCommand

from bookings.review.jobs import bookings_close_past


class Command(BaseCommand):
    help = "Close bookings whose event has ended; those still under review become lapsed."

    def handle(self, *args, **options):
        counts = bookings_close_past()
        self.stdout.write(f"closed {counts['closed']}, lapsed {counts['lapsed']}")
