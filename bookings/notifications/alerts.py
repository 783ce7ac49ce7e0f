"""Telling the administrators when webhook deliveries give up, once per outage.

A receiver that is down makes every delivery to it give up in turn: the first
one opens an alert for the venue and e-mails `ADMINS`; the rest only count on
it. A delivery that arrives closes the alert (the outage is over); a failure
soon after (`WEBHOOK_ALERT_REOPEN_SECONDS`) reopens it rather than e-mailing
again, so a flapping receiver is one alert too. The alert and the e-mail carry
ids, counts and the last error, never a payload: no personal data.
"""

import logging
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import mail_admins
from django.db import transaction
from django.db.models import Q

from bookings.enums import WebhookAlertKind
from bookings.models import Venue, WebhookAlert, WebhookDelivery

logger = logging.getLogger(__name__)


def webhook_delivery_gave_up(*, delivery: WebhookDelivery, now: datetime) -> WebhookAlert:
    """Count a delivery that gave up on its venue's alert, opening one (and e-mailing the
    administrators after commit) if none is open. Runs in the transaction that failed it."""
    # One venue's failures queue here, so two workers giving up at once open one alert.
    Venue.objects.select_for_update().values_list("pk").get(pk=delivery.venue_id)
    alert = _current_alert(venue_id=delivery.venue_id, now=now)
    if alert is None:
        alert = WebhookAlert.objects.create(
            venue_id=delivery.venue_id,
            kind=WebhookAlertKind.DELIVERIES_FAILED,
            opened_at=now,
            first_delivery=delivery,
        )
        transaction.on_commit(partial(_mail_admins, alert.pk))
    alert.closed_at = None
    alert.failed_deliveries += 1
    alert.last_delivery, alert.last_failed_at, alert.last_error = delivery, now, delivery.last_error
    alert.save()
    return alert


def webhook_delivery_arrived(*, delivery: WebhookDelivery, now: datetime) -> None:
    """The venue's receiver answers again: its outage, if it had one, is over."""
    WebhookAlert.objects.filter(
        venue_id=delivery.venue_id, kind=WebhookAlertKind.DELIVERIES_FAILED, closed_at__isnull=True
    ).update(closed_at=now)


def _current_alert(*, venue_id: int, now: datetime) -> WebhookAlert | None:
    recently = now - timedelta(seconds=settings.WEBHOOK_ALERT_REOPEN_SECONDS)
    return (
        WebhookAlert.objects.filter(venue_id=venue_id, kind=WebhookAlertKind.DELIVERIES_FAILED)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=recently))
        .order_by("-opened_at", "-id")
        .first()
    )


def _mail_admins(alert_id: int) -> None:
    # After commit, outside the transaction: a mail server that is down must not undo the
    # alert, which stays in the admin for anyone to see.
    alert = WebhookAlert.objects.select_related("venue").get(pk=alert_id)
    try:
        mail_admins(alert_subject(alert), alert_body(alert), fail_silently=False)
    except Exception:
        logger.exception("could not e-mail the administrators about webhook alert %s", alert_id)


def alert_subject(alert: WebhookAlert) -> str:
    return f"Webhook deliveries to {alert.venue.name} are giving up"


def alert_body(alert: WebhookAlert) -> str:
    venue = alert.venue
    failed = f"?status__exact=failed&venue__id__exact={venue.pk}"
    admin_list = f"{settings.SITE_URL}/admin/bookings/webhookdelivery/{failed}"
    return (
        f"Webhook delivery {alert.first_delivery_id} to {venue.name} ({venue.slug}) gave up after "
        f"{settings.WEBHOOK_MAX_ATTEMPTS} attempts at {alert.opened_at:%Y-%m-%d %H:%M %Z}.\n"
        f"Last error: {alert.last_error or '-'}\n\n"
        f"This is alert {alert.pk}. Further deliveries to this venue that give up are counted on it "
        "in the admin (Webhook alerts) and are not e-mailed again until one arrives.\n\n"
        "When the venue's receiver answers again, resend what failed:\n"
        f"    python manage.py resend_webhooks --venue {venue.slug}\n"
        f"or select them in the admin and choose 'Resend': {admin_list}\n"
    )
