"""A deployment's database for the reliability tests of background work, set up and read
in a process of its own, as the web server or an operator would: `python -m
tests.reliability.background_world COMMAND [ARG]` with DATABASE_URL set (and no
DJANGO_SETTINGS_MODULE, so the deployment's settings and task queue are used).

Commands print one JSON line: `seed N` (a source, an officer and N upcoming bookings
screened against it), `report` (how each booking stands against the live versions),
`stuck` (a booking stored but never screened, with its safety-net task), `poison` (a
task that kills whichever worker runs it), `touch PATH` (a task that creates PATH),
`venue-email` (a booking's change, whose e-mail to the venue is stored and its task
queued), `venue-emails` (whether each such e-mail is marked sent), `officer-notice` (the
same for an officer's notice), `notices-sent`, `aged` (every stored e-mail and notice made
old enough for reconciliation to send), `sleep-for-ever DIR` and `hang DIR` (tasks that
never end, the second whatever interrupts it), `rescreen-again VERSION` and
`resend-notices` (tasks delivered a second time), `hold DIR` (a task
that waits for DIR/release), `held DIR` (a row written and a task queued in one
transaction, held open for a while) and `result ID` (a task's result, through the
django-tasks API).
"""

import json
import os
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SOURCE = "crash-list"
# Speakers whose names the second version of the list adds (tests/reliability/test_worker_crash.py).
NEWLY_LISTED = "Ambrose Quillfeather"


def seed(count: int) -> dict:
    from django_tasks_db.models import DBTaskResult

    from bookings.models import Venue
    from tests.factories.bookings import create_booking, make_user
    from watch_sources.services import source_import

    source_import(slug=SOURCE, origin=str(FIXTURES / "watchlist.ftm.jsonl"), fmt="ftm")
    officer = make_user("officer1", "prevent_officer")
    officer.email = "officer1@example.org"
    officer.save()
    venue = Venue.objects.create(name="Crash Test Hall", slug="crash-test-hall")
    for n in range(count):
        speakers = [NEWLY_LISTED] if n % 4 == 0 else [f"Speaker Ordinary{n}"]
        create_booking(venue, ref=f"CR-{n:03d}", speakers=[*speakers, "Priya Natarajan", "Tomasz Lindqvist"])
    # Publishing version 1 queued a re-screen of no bookings: done, as far as the tests go.
    DBTaskResult.objects.all().delete()
    return report()


def report() -> dict:
    from django_tasks_db.models import DBTaskResult

    from bookings.models import Booking, OfficerNotice
    from screening.index import live_version_ids
    from screening.models import ScreeningRun

    live = live_version_ids()
    bookings = list(Booking.objects.order_by("pk"))
    runs_per_live = {
        str(version): [
            ScreeningRun.objects.filter(booking=b, source_versions=version).count() for b in bookings
        ]
        for version in live
    }
    return {
        "bookings": len(bookings),
        "live": list(live),
        "runs_per_live_version": runs_per_live,
        "statuses": sorted({b.status for b in bookings}),
        "flagged": sum(b.status == "flagged" for b in bookings),
        "new_flag_notices": OfficerNotice.objects.filter(kind="new_flag").count(),
        "tasks": {
            row.pk.hex: {"path": row.task_path, "status": row.status, "claims": len(row.worker_ids)}
            for row in DBTaskResult.objects.order_by("enqueued_at")
        },
    }


def stuck() -> dict:
    from bookings.intake.tasks import screen_received_booking
    from tests.factories.bookings import BookingFactory, PartyFactory

    booking = BookingFactory()
    PartyFactory(booking=booking, name="Corwin Hallstrand")
    return {"booking": booking.pk, "task": str(screen_received_booking.enqueue(booking.pk).id)}


def venue_email() -> dict:
    from django.db import transaction

    from bookings.models import VenueEmail
    from bookings.notifications.services import booking_changed
    from tests.factories.bookings import BookingFactory

    booking = BookingFactory(venue__contact_email="bookings@crash-test-hall.example")
    with transaction.atomic():
        booking_changed(booking=booking, event="booking.advice_changed")
    return {"email": VenueEmail.objects.get(booking=booking).pk}


def venue_emails() -> dict:
    from bookings.models import VenueEmail

    return {str(e.pk): e.sent_at is not None for e in VenueEmail.objects.all()}


def poison() -> dict:
    from tests.reliability.worker_tasks import kill_the_worker

    return {"task": str(kill_the_worker.enqueue().id)}


def touch(path: str) -> dict:
    from tests.reliability.worker_tasks import touch

    queue = os.environ.get("TEST_QUEUE", "default")
    return {"task": str(touch.using(queue_name=queue).enqueue(path).id)}


def hold(directory: str) -> dict:
    from tests.reliability.worker_tasks import hold_until_released

    queue = os.environ.get("TEST_QUEUE", "default")
    return {"task": str(hold_until_released.using(queue_name=queue).enqueue(directory).id)}


# How long `held` keeps its transaction open: far longer than a ready worker takes to
# start a task it has been sent.
HELD_OPEN_SECONDS = 5.0


def held(directory: str) -> dict:
    """Write a row and queue `count_held_rows` in one transaction, and keep it open a
    while: a task sent before the commit is run meanwhile, and sees no row."""
    import time

    from django.db import connection, transaction

    from tests.reliability.worker_tasks import count_held_rows

    queue = os.environ.get("TEST_QUEUE", "default")
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS held (name TEXT)")
    seen = Path(directory).glob
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO held (name) VALUES ('written with the task')")
        queued = count_held_rows.using(queue_name=queue).enqueue(directory)
        deadline = time.monotonic() + HELD_OPEN_SECONDS
        while time.monotonic() < deadline and not any(seen("seen-*")):
            time.sleep(0.05)
        ran_before_commit = any(seen("seen-*"))
    return {"task": str(queued.id), "ran_before_commit": ran_before_commit}


def result(task_id: str) -> dict:
    from django_tasks import default_task_backend

    found = default_task_backend.get_result(task_id)
    return {"status": str(found.status), "return_value": found.return_value if found.is_finished else None}


def failure(task_id: str) -> dict:
    """A task's status and the class of each error it recorded."""
    from django_tasks import default_task_backend

    found = default_task_backend.get_result(task_id)
    return {"status": str(found.status), "errors": [error.exception_class_path for error in found.errors]}


def officer_notice() -> dict:
    """A change that stores a notice to an officer who hears of each at once, its task queued."""
    from django.db import transaction

    from bookings.enums import OfficerNoticeKind
    from bookings.notifications.services import officers_notify
    from tests.factories.bookings import BookingFactory, make_user

    officer = make_user("officer-mail", "prevent_officer")
    officer.email = "officer-mail@council.example"
    officer.save()
    # A venue of its own: a factory's sequence starts again in each process.
    booking = BookingFactory(venue__name="Officer Notice Hall", venue__slug="officer-notice-hall")
    with transaction.atomic():
        (notice,) = officers_notify(booking=booking, kind=OfficerNoticeKind.NEW_FLAG)
    return {"notice": notice.pk}


def notices_sent() -> dict:
    from bookings.models import OfficerNotice

    return {str(n.pk): n.sent_at is not None for n in OfficerNotice.objects.all()}


def notifications_aged() -> dict:
    """Every stored e-mail and notice made older than reconciliation leaves to its task."""
    from django.db.models import F

    from bookings.models import OfficerNotice, VenueEmail
    from bookings.notifications.sending import OWED_AFTER

    older = F("created_at") - OWED_AFTER
    aged = VenueEmail.objects.update(created_at=older) + OfficerNotice.objects.update(created_at=older)
    return {"aged": aged}


def sleep_for_ever(directory: str) -> dict:
    from tests.reliability.worker_tasks import sleep_for_ever

    queue = os.environ.get("TEST_QUEUE", "default")
    return {"task": str(sleep_for_ever.using(queue_name=queue).enqueue(directory).id)}


def hang(directory: str) -> dict:
    from tests.reliability.worker_tasks import hang_whatever_it_is_told

    queue = os.environ.get("TEST_QUEUE", "default")
    return {"task": str(hang_whatever_it_is_told.using(queue_name=queue).enqueue(directory).id)}


def rescreen_again(version_id: str) -> dict:
    """The publish's re-screen task delivered a second time (a duplicate delivery)."""
    from bookings.intake.tasks import rescreen_upcoming_bookings

    return {"task": str(rescreen_upcoming_bookings.enqueue(version_id=int(version_id), removed=[]).id)}


def resend_notices() -> dict:
    """Every officer notice's send task delivered once more."""
    from bookings.models import OfficerNotice
    from bookings.notifications.tasks import send_officer_notice

    return {"tasks": [str(send_officer_notice.enqueue(n.pk).id) for n in OfficerNotice.objects.all()]}


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "venue_check.settings.base")
    django.setup()
    command, *args = sys.argv[1:]
    handlers = {"seed": lambda: seed(int(args[0])), "report": report, "stuck": stuck, "poison": poison}
    handlers |= {"venue-email": venue_email, "venue-emails": venue_emails}
    handlers |= {"officer-notice": officer_notice, "notices-sent": notices_sent, "aged": notifications_aged}
    handlers |= {"sleep-for-ever": lambda: sleep_for_ever(args[0]), "hang": lambda: hang(args[0])}
    handlers |= {"rescreen-again": lambda: rescreen_again(args[0]), "resend-notices": resend_notices}
    handlers |= {
        "touch": lambda: touch(args[0]),
        "hold": lambda: hold(args[0]),
        "held": lambda: held(args[0]),
        "result": lambda: result(args[0]),
        "failure": lambda: failure(args[0]),
    }
    print(json.dumps(handlers[command]()))


if __name__ == "__main__":
    main()
