"""Import paths of tasks queued before the sub-package move.

The task queue stores each task's import path; a task queued under one of
these paths before an upgrade still runs after it. Nothing in the project
imports this module. It can go once no queued task row names a path in it.
"""

from bookings.intake.tasks import rescreen_upcoming_bookings, screen_received_booking
from bookings.notifications.tasks import deliver_webhook, send_venue_email
from bookings.review.tasks import close_past_bookings, escalate_overdue_reviews

__all__ = [
    "close_past_bookings",
    "deliver_webhook",
    "escalate_overdue_reviews",
    "rescreen_upcoming_bookings",
    "screen_received_booking",
    "send_venue_email",
]
