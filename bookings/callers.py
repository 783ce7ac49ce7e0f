"""Who is calling: a person (a Django user), a venue's booking system (the
API-key principal, which carries `.venue` and `.api_key`) or the system itself
(`None`). Every service takes the caller as `by`; the audit label comes from
`actor_of` alone.
"""


def is_venue_system(by) -> bool:
    return getattr(by, "api_key", None) is not None and hasattr(by, "venue")


def actor_of(by) -> str:
    """The audit label of a caller: every channel (API, pages, commands) uses this."""
    if by is None:
        return "system"
    if is_venue_system(by):
        return str(by)
    return f"user:{by.get_username()}"
