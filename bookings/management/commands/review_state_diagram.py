from django.core.management.base import BaseCommand

from bookings.review.state_diagram import mermaid


class Command(BaseCommand):
    help = "Print the booking state machine as a Mermaid diagram (for docs/review.md)."

    def handle(self, *args, **options):
        self.stdout.write(mermaid(), ending="")
