"""Catch up what lost background work left undone (one of the run_periodic_jobs)."""

from django.core.management.base import BaseCommand, CommandError

from bookings.intake.reconcile import bookings_reconcile
from bookings.notifications.email import venue_emails_send_owed
from bookings.task_leases import tasks_recover_expired


class Command(BaseCommand):
    help = (
        "Re-queue tasks whose worker died (TASK_LEASE_SECONDS after the claim; failed after "
        "TASK_MAX_CLAIMS), screen bookings stuck before screening, and re-screen upcoming bookings "
        "whose latest run predates the live source versions, and send venue e-mails whose task failed "
        "or was lost. Safe to run at any time, and twice."
    )

    def handle(self, *args, **options):
        tasks = tasks_recover_expired()
        bookings = bookings_reconcile()
        emails_sent, emails_failed = venue_emails_send_owed()
        self.stdout.write(
            f"tasks re-queued {len(tasks.requeued)}, failed {len(tasks.failed)}; "
            f"bookings screened: stuck {bookings.stuck_screened}, stale {bookings.stale_screened}; "
            f"venue e-mails sent {emails_sent}"
        )
        if bookings.failed:
            raise CommandError(f"could not screen bookings {bookings.failed}; see the log")
        if emails_failed:
            raise CommandError(f"could not send venue e-mails {emails_failed}; see the log")
