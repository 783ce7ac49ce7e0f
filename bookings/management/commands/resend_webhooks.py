from datetime import datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import is_naive, make_aware

from bookings.enums import DeliveryStatus
from bookings.models import Venue, WebhookDelivery
from bookings.notifications.resend import webhook_deliveries_resend
from callers import ManagementCommand


class Command(BaseCommand):
    help = (
        "Send again webhook deliveries that gave up (status failed), oldest first: by --id, "
        "or every failed one of --venue and/or --since, or --all. Delivered, pending and "
        "superseded ones are not sent again; each is named with the reason."
    )

    def add_arguments(self, parser):
        parser.add_argument("--id", type=int, action="append", default=[], dest="ids", help="repeatable")
        parser.add_argument("--venue", help="the venue's slug")
        parser.add_argument("--since", help="created at or after: YYYY-MM-DD or an ISO date-time")
        parser.add_argument("--all", action="store_true", help="every failed delivery")

    def handle(self, *args, ids, venue, since, all, **options):
        if not (ids or venue or since or all):
            raise CommandError("say which deliveries: --id, --venue, --since or --all")
        outcomes = webhook_deliveries_resend(
            ids=ids or self._failed(venue, since), by=ManagementCommand("resend_webhooks")
        )
        for outcome in outcomes:
            verdict = outcome.message if outcome.resent else f"not resent: {outcome.message}"
            self.stdout.write(f"delivery {outcome.delivery_id}: {verdict}")
        resent = sum(outcome.resent for outcome in outcomes)
        self.stdout.write(f"resent {resent} of {len(outcomes)}")
        if ids and resent < len(outcomes):
            raise CommandError("some of the deliveries asked for were not resent (reasons above)")

    def _failed(self, venue: str | None, since: str | None) -> list[int]:
        failed = WebhookDelivery.objects.filter(status=DeliveryStatus.FAILED)
        if venue:
            if not Venue.objects.filter(slug=venue).exists():
                raise CommandError(f"no venue with slug {venue!r}")
            failed = failed.filter(venue__slug=venue)
        if since:
            failed = failed.filter(created_at__gte=_moment(since))
        return list(failed.values_list("pk", flat=True))


def _moment(text: str) -> datetime:
    """A date means its midnight, and a time without a zone the service's local time."""
    try:
        moment = parse_datetime(text)
        day = None if moment else parse_date(text)
    except ValueError:  # well formed but impossible, such as 2026-02-30
        moment = day = None
    if day is not None:
        moment = datetime.combine(day, time.min)
    if moment is None:
        raise CommandError(f"--since {text!r} is neither YYYY-MM-DD nor an ISO date-time")
    return make_aware(moment) if is_naive(moment) else moment
