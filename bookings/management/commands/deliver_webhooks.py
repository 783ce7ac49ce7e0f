from django.core.management.base import BaseCommand

from bookings.notifications.webhooks import webhook_deliveries_due, webhook_delivery_attempt


class Command(BaseCommand):
    help = "Attempt every webhook delivery that is due (retries, and any whose task was lost)."

    def handle(self, *args, **options):
        ids = list(webhook_deliveries_due().values_list("pk", flat=True))
        for pk in ids:
            delivery = webhook_delivery_attempt(delivery_id=pk)
            self.stdout.write(f"delivery {pk}: {delivery.status} (attempt {delivery.attempts})")
        self.stdout.write(f"attempted {len(ids)}")
