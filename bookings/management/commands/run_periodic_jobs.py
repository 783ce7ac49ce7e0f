"""The housekeeping that must happen on a clock, in one command for cron or a loop.

Each job is idempotent, so running this every few minutes is safe:

    */5 * * * *  cd /srv/venue-check && .venv/bin/python manage.py run_periodic_jobs
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

JOBS = [
    ("close_past_bookings",),  # events that have ended: closed, or lapsed if still under review
    # Lost tasks re-queued; bookings stuck before screening, or screened before the live
    # versions (a lost re-screen, an answer from a previous index), screened.
    ("reconcile_background_work",),
    ("escalate_overdue_reviews",),  # past the advice target: to another officer
    ("rescreen_silenced_bookings",),  # silenced by a suppression that has since ended
    ("deliver_webhooks",),  # retries due, and any delivery whose task was lost
    ("send_officer_digests",),  # officers who chose one e-mail a day
    ("purge_personal_data",),  # past the retention period
    ("refresh_sources", "--due"),  # concern sources whose last fetch is old (network: last)
]


class Command(BaseCommand):
    help = (
        "Run every clock-driven job once (close, reconcile background work, escalate, deliver, "
        "digests, purge, refresh sources)."
    )

    def handle(self, *args, **options):
        failed = []
        for job in JOBS:
            self.stdout.write(f"== {job[0]}")
            try:
                call_command(*job, stdout=self.stdout, stderr=self.stderr)
            except CommandError as exc:
                # One failing job (a source that cannot be fetched) must not stop the others.
                self.stderr.write(f"{job[0]} failed: {exc}")
                failed.append(job[0])
        if failed:
            raise CommandError(f"failed: {', '.join(failed)}")
