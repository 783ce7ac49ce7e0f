from django.core.management.base import BaseCommand, CommandError

from bookings.audit import CheckpointInvalid, checkpoint_keep, checkpoint_now


class Command(BaseCommand):
    help = (
        "Verify the audit chain and print a signed checkpoint of its head and length as the last line. "
        "Run it from cron and keep the output where the database's administrators cannot change it; "
        "`verify_audit --checkpoint VALUE` then detects records deleted since, the newest ones included. "
        "With AUDIT_CHECKPOINT_FILE set, the checkpoint is also appended to that file, and verify_audit "
        "checks against its latest line by default."
    )

    def handle(self, *args, **options):
        try:
            checkpoint = checkpoint_now()
        except CheckpointInvalid as error:
            raise CommandError(f"no checkpoint signed: {error}") from error
        checkpoint_keep(checkpoint)
        self.stdout.write(checkpoint.signed())
