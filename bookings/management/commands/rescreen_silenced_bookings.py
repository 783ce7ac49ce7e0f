from django.core.management.base import BaseCommand

from bookings.intake.rescreen import bookings_rescreen_silenced_by_ended_suppressions


class Command(BaseCommand):
    help = "Screen again upcoming bookings silenced by a suppression that has since ended."

    def handle(self, *args, **options):
        screened = bookings_rescreen_silenced_by_ended_suppressions()
        self.stdout.write(f"re-screened {screened}")
