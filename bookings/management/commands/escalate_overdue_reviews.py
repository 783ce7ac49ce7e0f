from django.core.management.base import BaseCommand

from bookings.review.jobs import reviews_escalate_overdue


class Command(BaseCommand):
    help = "Reassign reviews past their advice target to another officer, and tell them."

    def handle(self, *args, **options):
        escalated = reviews_escalate_overdue()
        for booking in escalated:
            officer = booking.assigned_to
            assert officer is not None, "an escalated review is reassigned to an officer"
            self.stdout.write(f"{booking.external_ref} -> {officer.get_username()}")
        self.stdout.write(f"escalated {len(escalated)}")
