"""An e-mail backend for the crash tests: each message is a file in MAIL_DIR, and the
first message sent in the deployment (MAIL_DIR/crashed absent) kills the process as a
SIGKILL would, at the point CRASH_MAIL names:

- `before-send`: before the mail server has the message;
- `after-send`: once it has it, before the transaction recording the send commits;
- `after-commit`: once that transaction has committed, before the worker records the
  task's result.

Later messages are sent without a crash. Set EMAIL_BACKEND to this module's EmailBackend.
"""

import os
import signal
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction


def _killed() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        here = Path(os.environ["MAIL_DIR"])
        crash = os.environ.get("CRASH_MAIL", "") if not (here / "crashed").exists() else ""
        if crash:
            (here / "crashed").touch()
        if crash == "before-send":
            _killed()
        for message in email_messages:
            (here / f"message-{uuid.uuid4().hex}.eml").write_bytes(message.message().as_bytes())
        if crash == "after-send":
            _killed()
        if crash == "after-commit":
            transaction.on_commit(_killed)
        return len(email_messages)
