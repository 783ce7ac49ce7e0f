"""Who is calling: a person (a Django user), a venue's booking system (the
API-key principal, which carries `.venue` and `.api_key`), a management command
(`ManagementCommand`) or the system itself (`None`). Every service takes the caller as
`by`; the audit label comes from `actor_of` alone.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ManagementCommand:
    """A management command run by an administrator: the audit names the command."""

    name: str


def is_venue_system(by) -> bool:
    return getattr(by, "api_key", None) is not None and hasattr(by, "venue")


def person_of(by):
    """The Django user behind a caller, or None for a venue system, a command or the system."""
    if by is None or isinstance(by, ManagementCommand) or is_venue_system(by):
        return None
    return by


def actor_of(by) -> str:
    """The audit label of a caller: every channel (API, pages, commands) uses this."""
    if by is None:
        return "system"
    if isinstance(by, ManagementCommand):
        return f"command:{by.name}"
    if is_venue_system(by):
        return str(by)
    return f"user:{by.get_username()}"
