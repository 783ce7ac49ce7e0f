"""How screening actions reach the audit chain without screening importing bookings.

`bookings` owns the chain and registers its writer at start-up
(`BookingsConfig.ready`). Screening calls `screening_audit` inside its own
transaction, so a record commits or rolls back with the change it describes.
Free text is passed apart from `data`: the writer keeps only its digest.
With no writer registered the call fails loudly: an action is never left
unaudited.
"""

from typing import Any, Protocol


class AuditWriter(Protocol):
    def __call__(
        self, *, by: Any, action: str, target: Any, object_type: str, data: dict, free_text: dict[str, str]
    ) -> object: ...


_writer: AuditWriter | None = None


def register_audit_writer(writer: AuditWriter) -> None:
    global _writer
    _writer = writer


def screening_audit(
    *,
    by: Any,
    action: str,
    target: Any = None,
    object_type: str = "",
    data: dict | None = None,
    free_text: dict[str, str] | None = None,
) -> object:
    if _writer is None:
        raise RuntimeError("no audit writer registered: screening actions must be audited")
    return _writer(
        by=by,
        action=action,
        target=target,
        object_type=object_type,
        data=data or {},
        free_text=free_text or {},
    )
