"""Bounds on what one entry may bring into a version, applied before it is stored.

An absurd entry (one name of hundreds of thousands of letters, or thousands of
aliases) makes every index build slower and could hide anything after its first
screenful. Such entries are cut, never silently: each cut is a line of the
version's report, and `import_source` prints them.
"""

from watch_sources.parsers import ParsedEntry, ParsedName

# No real name or alias is longer; a party's name is stored in 300 characters too.
MAX_NAME_LENGTH = 300
# Far above any entry of the official lists; the names come primary first, then
# aliases strongest first, so what is dropped is the tail of the weakest.
MAX_NAMES_PER_ENTRY = 500


def entries_bounded(entries: list[ParsedEntry]) -> dict:
    """Cut, in place, names longer than MAX_NAME_LENGTH (at a word break where there
    is one) and names past the first MAX_NAMES_PER_ENTRY of an entry. Returns the
    report lines: `names_truncated` (one per name cut) and `names_dropped` (one per
    entry with too many names), each key only when it has lines."""
    truncated, dropped = [], []
    for entry in entries:
        if len(entry.names) > MAX_NAMES_PER_ENTRY:
            dropped.append(
                {"entry_id": entry.entry_id, "names": len(entry.names), "kept": MAX_NAMES_PER_ENTRY}
            )
            entry.names = entry.names[:MAX_NAMES_PER_ENTRY]
        names = []
        for name in entry.names:
            if len(name.name) > MAX_NAME_LENGTH:
                truncated.append(
                    {"entry_id": entry.entry_id, "length": len(name.name), "kept": MAX_NAME_LENGTH}
                )
                name = ParsedName(_cut(name.name), name.strength)
            names.append(name)
        entry.names = names
    report: dict[str, list[dict]] = {}
    if truncated:
        report["names_truncated"] = truncated
    if dropped:
        report["names_dropped"] = dropped
    return report


def _cut(name: str) -> str:
    head = name[:MAX_NAME_LENGTH]
    return head.rsplit(" ", 1)[0] if " " in head[MAX_NAME_LENGTH // 2 :] else head


def bounds_report_lines(report: dict) -> list[str]:
    """The cuts a version's report records, one sentence per entry."""
    lines = []
    for cut in report.get("names_truncated", []):
        lines.append(f"{cut['entry_id']}: a name of {cut['length']:,} characters cut to {cut['kept']}")
    for cut in report.get("names_dropped", []):
        lines.append(f"{cut['entry_id']}: {cut['names']:,} names, only the first {cut['kept']} kept")
    return lines
