"""Whether a new version waits for a person before it goes live.

Judged by content, not by counting entries: the share of the entries of the
last *confirmed* version (one a person accepted, or the source's first) that
the new version removes or renames (primary name, aliases or their strength
changed). The baseline only moves when a person confirms, so the changes add
up across versions and deltas: two deletions of 49% each, a delta renaming
every entry, or a file replacing every entry with harmless names are all held.
"""

from dataclasses import dataclass

from watch_sources.enums import VersionStatus
from watch_sources.models import Source, SourceVersion
from watch_sources.parsers import ParsedEntry

# More than this share of the confirmed entries removed holds the version; so does
# more than this share removed or renamed, once at least HOLD_MIN_CHANGES entries
# are affected (in a list of three, one delisting and one correction are not a takeover).
HOLD_CHANGED_SHARE = 0.5
HOLD_MIN_CHANGES = 3


@dataclass(frozen=True)
class HoldJudgement:
    baseline: SourceVersion | None
    removed: int
    renamed: int

    @property
    def share(self) -> float:
        return self._share_of(self.removed + self.renamed)

    @property
    def held(self) -> bool:
        if self._share_of(self.removed) > HOLD_CHANGED_SHARE:
            return True
        return self.share > HOLD_CHANGED_SHARE and self.removed + self.renamed >= HOLD_MIN_CHANGES

    def _share_of(self, count: int) -> float:
        if self.baseline is None or not self.baseline.entry_count:
            return 0.0
        return count / self.baseline.entry_count

    def describe(self, source: Source) -> str:
        baseline = self.baseline
        assert baseline is not None, "only a held version is described, and a hold needs a baseline"
        return (
            f"{source.slug}: since confirmed version {baseline.number} "
            f"({baseline.entry_count} entries), {self.removed} removed and {self.renamed} renamed "
            f"({self.share:.0%}, over {HOLD_CHANGED_SHARE:.0%}); held for confirmation "
            "(use --force, or confirm it in admin)"
        )


def confirmed_baseline(source: Source) -> SourceVersion | None:
    """The newest version a person accepted; before any was marked, the live one."""
    confirmed = source.versions.filter(confirmed_at__isnull=False).exclude(status=VersionStatus.REJECTED)
    return confirmed.order_by("-number").first() or source.live_version


def version_hold_judge(*, source: Source, entries: list[ParsedEntry]) -> HoldJudgement:
    baseline = confirmed_baseline(source)
    if baseline is None:
        return HoldJudgement(baseline=None, removed=0, renamed=0)
    before = {
        entry_id: _names_key((n["name"], n["strength"]) for n in names)
        for entry_id, names in baseline.entries.values_list("entry_id", "names").iterator(chunk_size=2000)
    }
    after = {e.entry_id: _names_key((n.name, n.strength) for n in e.names) for e in entries}
    removed = sum(1 for entry_id in before if entry_id not in after)
    renamed = sum(1 for entry_id, key in before.items() if entry_id in after and after[entry_id] != key)
    return HoldJudgement(baseline=baseline, removed=removed, renamed=renamed)


def _names_key(names) -> tuple:
    return tuple(sorted((" ".join(name.casefold().split()), strength) for name, strength in names))
