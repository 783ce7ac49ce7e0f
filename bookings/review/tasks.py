"""Scheduled review jobs as background tasks, beside the services they run."""

from django_tasks import task

from bookings.review.jobs import bookings_close_past, reviews_escalate_overdue


@task()
def close_past_bookings() -> dict:
    return bookings_close_past()


@task()
def escalate_overdue_reviews() -> int:
    return len(reviews_escalate_overdue())
