"""Send each officer who chose the daily digest one e-mail of what needs them (at most daily)."""

from django.core.management.base import BaseCommand

from bookings.notifications.officers import officer_digests_send


class Command(BaseCommand):
    help = "Send the officers' daily digest e-mails that are due."

    def handle(self, *args, **options):
        sent = officer_digests_send()
        self.stdout.write(f"sent {sent} officer digest{'s' if sent != 1 else ''}")
