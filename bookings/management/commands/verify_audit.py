from django.core.management.base import BaseCommand, CommandError

from bookings.audit import first_broken_record
from bookings.models import AuditRecord


class Command(BaseCommand):
    help = "Check the audit chain; exit non-zero naming the first altered or broken record."

    def handle(self, *args, **options):
        broken = first_broken_record()
        if broken is not None:
            raise CommandError(
                f"audit record {broken.pk} ({broken.action} at {broken.created_at:%Y-%m-%d %H:%M:%S}) "
                "does not verify: its content or the chain before it was altered"
            )
        self.stdout.write(f"audit chain intact: {AuditRecord.objects.count()} records")
