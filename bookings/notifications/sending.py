"""Sending a stored notification once: the one mechanism behind a venue's e-mails, an
officer's notices and an officer's daily digest.

A notification is a row stored with the change that caused it (`VenueEmail`,
`OfficerNotice`), with `sent_at` empty until it is sent. `rows_send_once` locks the
unsent rows, hands them to the mail server and records `sent_at`, in one transaction:

- a second delivery of the same task waits for the first's lock and finds them sent;
- a worker killed before the mail server accepted the message rolls back, leaving them
  unsent for the redelivery (never lost);
- a worker killed after the server accepted it and before the commit leaves them unsent
  too, and the redelivery sends a second copy: that window (the commit's round trip) is
  the only duplicate. Recording first would close it by losing the message instead.

`rows_send_owed` is reconciliation's half: every row still unsent OWED_AFTER after it
was stored (its task failed on a refusing mail server, or was lost) is sent through the
same locked send, until it is OWED_FOR old.
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from django.db import models, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

# An unsent notification is left this long to its own task, then sent by reconciliation...
OWED_AFTER = timedelta(minutes=5)
# ...until it is this old: news of a booking two days late is no longer worth sending.
OWED_FOR = timedelta(days=2)

Row = TypeVar("Row", bound=models.Model)


def rows_send_once(
    rows: "models.QuerySet[Row]", send: Callable[[list[Row]], None], *, now: datetime | None = None
) -> list[Row]:
    """Lock the unsent rows of `rows`, call `send` with them and record them sent, in one
    transaction (`send` runs inside it, so what else it writes commits with the record).
    Returns the rows this call sent: none if another delivery sent them first."""
    with transaction.atomic():
        unsent = list(rows.select_for_update(of=("self",)).filter(sent_at=None))
        if unsent:
            send(unsent)
            rows.model._default_manager.filter(pk__in=[row.pk for row in unsent]).update(
                sent_at=now or timezone.now()
            )
    return unsent


def owed(rows: "models.QuerySet[Row]", *, now: datetime) -> "models.QuerySet[Row]":
    """The rows still unsent OWED_AFTER after they were stored, and not yet OWED_FOR old."""
    return rows.filter(sent_at=None, created_at__lte=now - OWED_AFTER, created_at__gt=now - OWED_FOR)


def rows_send_owed(
    rows: "models.QuerySet[Row]", send_once: Callable[[int], bool], *, what: str, now: datetime | None = None
) -> tuple[int, list[int]]:
    """Send each row of `rows` that is `owed`, by its id through `send_once` (a
    `rows_send_once` of that row), so a task sending it meanwhile sends it once between
    them. Returns how many this sent and the ids that failed again (logged; the next run
    tries them again)."""
    now = now or timezone.now()
    sent, failed = 0, []
    for row_id in list(owed(rows, now=now).order_by("pk").values_list("pk", flat=True)):
        try:
            sent += send_once(row_id)
        except Exception:
            logger.exception("%s %s could not be sent", what, row_id)
            failed.append(row_id)
    return sent, failed
