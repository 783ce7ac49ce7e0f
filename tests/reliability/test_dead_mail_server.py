"""A dead mail server, with a real `run_worker` and a real SMTP server on 127.0.0.1
(tests/reliability/mail_server.py): refused (nothing listening), then back; and one that
accepts the connection and never answers.

A refused send fails its task with the e-mail still unsent; once the server is back,
reconciliation sends each e-mail, the venue's and the officer's, once. A server that
never answers must not hang the worker (every task behind the e-mail would wait for
ever) nor the periodic jobs: the send gives up after EMAIL_TIMEOUT.
"""

import time

import pytest

from tests.reliability.deployments import wait_until
from tests.reliability.mail_server import MailServer, free_port

TIMEOUT_SECONDS = 2


@pytest.fixture
def mail_port() -> int:
    return free_port()


@pytest.fixture
def deployment_settings(mail_port):
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mail_port),
        "EMAIL_TIMEOUT": str(TIMEOUT_SECONDS),
    }


def test_emails_whose_sends_were_refused_reach_the_venue_and_the_officer_once_the_server_is_back(
    deployment, mail_port
):
    (email,) = deployment.world("venue-email").values()
    (notice,) = deployment.world("officer-notice").values()
    worker = deployment.start_worker("worker")
    wait_until(
        lambda: deployment.tasks_with_status("FAILED", "notifications.tasks.send_") == 2,
        what="both sends to fail on the refused connection",
        every=0.1,
    )

    with MailServer(mail_port) as server:
        fresh = deployment.reconcile()  # still within the time left to their tasks
        deployment.world("aged")
        sent = deployment.reconcile()
        again = deployment.reconcile()

    assert "venue e-mails sent 0; officer e-mails sent 0" in fresh
    assert "venue e-mails sent 1; officer e-mails sent 1" in sent
    assert "venue e-mails sent 0; officer e-mails sent 0" in again
    assert sorted(m["To"] for m in server.messages) == [
        "bookings@crash-test-hall.example",
        "officer-mail@council.example",
    ]
    assert deployment.world("venue-emails") == {str(email): True}
    assert deployment.world("notices-sent") == {str(notice): True}
    assert worker.poll() is None
    assert deployment.stop_gracefully(worker) == [0]


def test_a_mail_server_that_never_answers_fails_the_send_at_the_timeout_instead_of_hanging(
    deployment, mail_port
):
    after = deployment.tmp / "after-the-email"
    with MailServer(mail_port, silent=True) as server:
        deployment.world("venue-email")
        deployment.world("touch", str(after))
        worker = deployment.start_worker("worker")
        wait_until(after.exists, seconds=120, what="the task behind the e-mail to run", every=0.1)
        deployment.world("aged")
        started = time.monotonic()
        periodic = deployment.manage("reconcile_background_work", timeout=120)
        took = time.monotonic() - started

    assert deployment.tasks_with_status("FAILED", "send_venue_email") == 1
    assert server.connections >= 2  # the task's send, and reconciliation's
    assert periodic.returncode == 1
    assert "could not send venue e-mails" in periodic.stderr
    assert took < 60
    assert worker.poll() is None
    assert deployment.stop_gracefully(worker) == [0]
