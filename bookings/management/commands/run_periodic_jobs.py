"""The housekeeping that must happen on a clock, in one command for cron or a loop.

Each job is idempotent, so running this every few minutes is safe:

    */5 * * * *  cd /srv/venue-check && .venv/bin/python manage.py run_periodic_jobs
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

JOBS = [
    "close_past_bookings",  # events that have ended: closed, or lapsed if still under review
    "escalate_overdue_reviews",  # past the advice target: to another officer
    "deliver_webhooks",  # retries due, and any delivery whose task was lost
    "purge_personal_data",  # past the retention period
]


class Command(BaseCommand):
    help = "Run every clock-driven job once (close, escalate, deliver, purge)."

    def handle(self, *args, **options):
        for job in JOBS:
            self.stdout.write(f"== {job}")
            call_command(job, stdout=self.stdout, stderr=self.stderr)
