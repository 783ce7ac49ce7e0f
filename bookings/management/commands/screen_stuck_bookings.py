from django.core.management.base import BaseCommand

from bookings.services import bookings_screen_stuck


class Command(BaseCommand):
    help = "Screen bookings left unscreened by a process that stopped mid-request."

    def handle(self, *args, **options):
        count = bookings_screen_stuck()
        self.stdout.write(f"screened {count} stuck booking(s)")
