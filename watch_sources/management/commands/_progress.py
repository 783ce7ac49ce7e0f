"""Progress lines for long imports and refreshes."""

from django.core.management.base import OutputWrapper


def terminal_progress(stream: OutputWrapper, label: str):
    """A callback that rewrites one status line on a terminal, or prints lines otherwise."""
    interactive = stream.isatty()

    def report(message: str) -> None:
        if interactive:
            stream.write(f"\r\033[K{label}: {message}", ending="")
            stream.flush()
        else:
            stream.write(f"{label}: {message}")

    return report
