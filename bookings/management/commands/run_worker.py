"""The task worker to run in production and under `make run` (see bookings/worker.py)."""

from django.core.management.base import CommandError
from django_tasks_db.management.commands import db_worker

from bookings.worker import ResilientWorker


class Command(db_worker.Command):
    help = (
        "Run the database task worker (db_worker's options, never the autoreloader), surviving a "
        "locked or lost database: it backs off and carries on. SIGTERM or SIGINT finishes the task "
        "in hand, then exits."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # A supervisor restarts the worker; the autoreloader's second process would outlive
        # a SIGKILL of the first, out of the supervisor's sight.
        parser.set_defaults(reload=False)

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, **options):
        if reload:
            raise CommandError("run_worker never reloads; in development use db_worker --reload")
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        self.configure_logging(verbosity)
        worker = ResilientWorker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        worker.configure_signals()
        worker.run()
