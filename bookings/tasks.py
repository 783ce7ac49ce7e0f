"""Background tasks of the bookings app (django-tasks; the worker is `manage.py db_worker`)."""

from django_tasks import task

from .rescreen import bookings_rescreen_after_source_update


@task()
def rescreen_upcoming_bookings(version_id: int, removed: list[str]) -> int:
    return bookings_rescreen_after_source_update(version_id=version_id, removed=removed)
