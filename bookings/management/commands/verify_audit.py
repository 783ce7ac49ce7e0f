from django.core.management.base import BaseCommand, CommandError

from bookings.audit import CheckpointInvalid, chain_fault, checkpoint_kept, checkpoint_parse
from bookings.models import AuditRecord


class Command(BaseCommand):
    help = (
        "Check the audit chain under the server's audit secret; exit non-zero naming the first altered, "
        "forged or missing record. With --checkpoint, also check that nothing the checkpoint covers "
        "was deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--checkpoint",
            help="a checkpoint printed earlier by `audit_checkpoint` and kept outside the database "
            "(default: the latest line of AUDIT_CHECKPOINT_FILE, if set)",
        )

    def handle(self, *args, checkpoint=None, **options):
        checkpoint = checkpoint or checkpoint_kept()
        try:
            signed = checkpoint_parse(checkpoint) if checkpoint else None
        except CheckpointInvalid as error:
            raise CommandError(str(error)) from error
        fault = chain_fault(checkpoint=signed)
        if fault is not None:
            raise CommandError(fault.message)
        against = f", consistent with the checkpoint of {signed.at:%Y-%m-%d %H:%M:%S} UTC" if signed else ""
        self.stdout.write(f"audit chain intact: {AuditRecord.objects.count()} records{against}")
