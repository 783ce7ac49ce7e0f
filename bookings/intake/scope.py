"""Proportionality: which bookings are screened at all.

Screening the hirer of a child's birthday party is needless processing of
personal data, so by default only public events, or events with anyone named
besides the hirer, are screened. A venue can choose to screen everything.
"""

from bookings.enums import PartyRole, ScopeRule


def booking_in_scope(*, scope_rule: str, is_public: bool, roles: list[str]) -> bool:
    if scope_rule == ScopeRule.SCREEN_ALL:
        return True
    return is_public or any(role != PartyRole.HIRER for role in roles)
