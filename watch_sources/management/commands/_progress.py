"""Progress lines for long imports and refreshes."""

from django.core.management.base import OutputWrapper


class TerminalProgress:
    """Rewrites one status line on a terminal; prints plain lines when output is redirected."""

    def __init__(self, stream: OutputWrapper, label: str):
        self.stream, self.label = stream, label
        self.interactive = stream.isatty()
        self.dirty = False

    def __call__(self, message: str) -> None:
        if self.interactive:
            self.stream.write(f"\r\033[K{self.label}: {message}", ending="")
            self.stream.flush()
            self.dirty = True
        else:
            self.stream.write(f"{self.label}: {message}")

    def finish(self) -> None:
        """End the status line so the next output starts on a line of its own."""
        if self.dirty:
            self.stream.write("")
            self.dirty = False


def terminal_progress(stream: OutputWrapper, label: str) -> TerminalProgress:
    return TerminalProgress(stream, label)
