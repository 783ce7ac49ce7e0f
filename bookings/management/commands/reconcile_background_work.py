"""Catch up what lost background work left undone (one of the run_periodic_jobs)."""

from django.core.management.base import BaseCommand, CommandError

from bookings.intake.reconcile import bookings_reconcile
from bookings.notifications.email import venue_emails_send_owed
from bookings.notifications.officers import officer_notices_send_owed
from bookings.task_leases import tasks_recover_expired


class Command(BaseCommand):
    help = (
        "Re-queue tasks whose worker died (TASK_LEASE_SECONDS after the claim; failed after "
        "TASK_MAX_CLAIMS), screen bookings stuck before screening, and re-screen upcoming bookings "
        "whose latest run predates the live source versions, and send venue and officer e-mails "
        "whose task failed or was lost. Safe to run at any time, and twice."
    )

    def handle(self, *args, **options):
        tasks = tasks_recover_expired()
        bookings = bookings_reconcile()
        venue_sent, venue_failed = venue_emails_send_owed()
        officer_sent, officer_failed = officer_notices_send_owed()
        self.stdout.write(
            f"tasks re-queued {len(tasks.requeued)}, failed {len(tasks.failed)}; "
            f"bookings screened: stuck {bookings.stuck_screened}, stale {bookings.stale_screened}"
            + (f" ({bookings.stale_left} left to the re-screen in hand)" if bookings.stale_left else "")
            + "; "
            f"venue e-mails sent {venue_sent}; officer e-mails sent {officer_sent}"
        )
        errors = []
        if bookings.failed:
            errors.append(f"could not screen bookings {bookings.failed}")
        if venue_failed:
            errors.append(f"could not send venue e-mails {venue_failed}")
        if officer_failed:
            errors.append(f"could not send officer e-mails {officer_failed}")
        if errors:
            raise CommandError("; ".join(errors) + "; see the log")
