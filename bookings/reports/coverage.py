"""The coverage report: every figure for a period, with small numbers protected."""

import statistics
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from bookings.enums import VenueType
from bookings.reports.disclosure import SMALL_NUMBER_LIMIT, Cell, Rate, Relation, Visibility, protect
from watch_sources.models import Source
from watch_sources.selectors import live_versions

from . import prevent_monitoring, selectors
from .periods import ReportPeriod
from .selectors import BOOKING_COUNTS, OUTCOMES

NO_DISTRICT_LABEL = "District not recorded"


@dataclass(frozen=True)
class Turnaround:
    """Days from flag to advice. Withheld below five reviews: one review is one booking."""

    recorded: bool
    reviews: int = 0
    median_days: float | None = None
    p90_days: float | None = None

    @property
    def hidden(self) -> bool:
        return 0 < self.reviews < SMALL_NUMBER_LIMIT


def turnaround_from(durations: list[float] | None, *, recorded: bool) -> Turnaround:
    if not recorded or not durations:
        return Turnaround(recorded=recorded)
    values = sorted(durations)
    # Inclusive method: the same interpolation as PostgreSQL's PERCENTILE_CONT(0.9).
    if len(values) == 1:
        p90 = values[0]
    else:
        p90 = statistics.quantiles(values, n=10, method="inclusive")[8]
    return Turnaround(
        recorded=True,
        reviews=len(values),
        median_days=round(statistics.median(values), 1),
        p90_days=round(p90, 1),
    )


@dataclass
class ReportRow:
    key: str
    label: str
    cells: dict[str, Cell]
    turnaround: Turnaround

    @property
    def notice_share(self) -> Rate:
        return Rate(self.cells["screened_with_notice"], self.cells["screened"])

    @property
    def flag_rate(self) -> Rate:
        return Rate(self.cells["flagged"], self.cells["screened"])


@dataclass
class ReportTable:
    grouping: str
    title: str
    group_heading: str
    venue_columns: tuple[str, ...]
    rows: list[ReportRow]
    total: ReportRow
    # Columns whose rows add up to the total row (distinct venues per month do not).
    additive_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceFreshness:
    slug: str
    name: str
    live_version: int | None
    live_since: datetime | None
    age_days: int | None


@dataclass(frozen=True)
class MonitoringFigure:
    key: str
    label: str
    # A count, counts per category, a percentage, or None for "not recorded".
    value: Cell | dict[str, Cell] | float | None


@dataclass
class CoverageReport:
    period: ReportPeriod
    generated_at: datetime
    tables: list[ReportTable]
    sources: list[SourceFreshness]
    monitoring: list[MonitoringFigure]
    turnaround_recorded: bool = False
    # The sums a reader can check, as protected: kept so tests can audit the protection.
    relations: list[Relation] = field(default_factory=list)

    def table(self, grouping: str) -> ReportTable:
        return next(t for t in self.tables if t.grouping == grouping)

    @property
    def total(self) -> ReportRow:
        return self.tables[0].total


def coverage_report(*, period: ReportPeriod, now: datetime | None = None) -> CoverageReport:
    """Every coverage figure for the period; counts of 1-4 and their complements hidden."""
    with selectors.report_snapshot():
        return _coverage_report(period=period, now=now)


def _coverage_report(*, period: ReportPeriod, now: datetime | None) -> CoverageReport:
    recorded = selectors.advice_time_recorded()
    counts = selectors.booking_counts(period=period)
    shared = _shared_total_cells(period, counts["total"])
    total_turnaround = turnaround_from(
        selectors.review_durations_by(period=period, grouping=None).get(None), recorded=recorded
    )
    tables = [
        _venue_table(period, "district", counts["district"], shared, total_turnaround, recorded),
        _venue_table(period, "venue_type", counts["venue_type"], shared, total_turnaround, recorded),
        _month_table(period, counts["month"], shared, total_turnaround, recorded),
    ]
    monitoring = _monitoring_figures(period, shared)
    relations = _relations(tables, shared)
    protect(relations)
    for table in tables:
        _hidden_with_their_total(table)
    return CoverageReport(
        period=period,
        generated_at=now or timezone.now(),
        tables=tables,
        sources=source_freshness(now=now),
        monitoring=monitoring,
        turnaround_recorded=recorded,
        relations=relations,
    )


def _hidden_with_their_total(table: ReportTable) -> None:
    """A column whose total is hidden shows no count in any row: otherwise the months (or
    districts) would add up to the figure the whole period withholds. Zeros stay: a zero
    is not a count anyone can be found in, and hiding more never reveals more."""
    for column in table.additive_columns:
        if not table.total.cells[column].hidden:
            continue
        for row in table.rows:
            cell = row.cells[column]
            if not cell.hidden and cell.value > 0:
                cell.visibility = Visibility.WITHHELD


def _shared_total_cells(period: ReportPeriod, counts: dict[str, int]) -> dict[str, Cell]:
    """Total-row cells every table shares, so a cell hidden in one is hidden in all."""
    cells = {name: Cell(counts[name]) for name in ("venues_active", *BOOKING_COUNTS)}
    cells["venues_registered"] = Cell(selectors.venues_registered_total(period=period))
    return cells


def _venue_table(period, grouping, counts, shared, total_turnaround, recorded) -> ReportTable:
    registered = selectors.venues_registered_by(period=period, grouping=grouping)
    durations = selectors.review_durations_by(period=period, grouping=grouping)
    rows = [
        ReportRow(
            key=key,
            label=_group_label(grouping, key),
            cells=_row_cells(counts.get(key), venues_registered=registered.get(key, 0)),
            turnaround=turnaround_from(durations.get(key), recorded=recorded),
        )
        for key in _ordered_keys(grouping, set(registered) | set(counts))
    ]
    title, heading = {
        "district": ("By district", "District"),
        "venue_type": ("By venue type", "Venue type"),
    }[grouping]
    columns = ("venues_registered", "venues_active")
    return ReportTable(
        grouping=grouping,
        title=title,
        group_heading=heading,
        venue_columns=columns,
        rows=rows,
        total=ReportRow("total", "All venues", dict(shared), total_turnaround),
        additive_columns=(*columns, *BOOKING_COUNTS),
    )


def _month_table(period, counts, shared, total_turnaround, recorded) -> ReportTable:
    new_venues = selectors.venues_new_by_month(period=period)
    durations = selectors.review_durations_by(period=period, grouping="month")
    rows = [
        ReportRow(
            key=f"{month:%Y-%m}",
            label=f"{month:%B %Y}",
            cells=_row_cells(counts.get(month), venues_new=new_venues.get(month, 0)),
            turnaround=turnaround_from(durations.get(month), recorded=recorded),
        )
        for month in period.months()
    ]
    total_cells = {**shared, "venues_new": Cell(sum(new_venues.values()))}
    return ReportTable(
        grouping="month",
        title="By month received",
        group_heading="Month",
        venue_columns=("venues_new", "venues_active"),
        rows=rows,
        total=ReportRow("total", "Whole period", total_cells, total_turnaround),
        additive_columns=("venues_new", *BOOKING_COUNTS),
    )


def _row_cells(counts: dict | None, **venue_counts: int) -> dict[str, Cell]:
    counts = counts or {}
    cells = {name: Cell(count) for name, count in venue_counts.items()}
    cells["venues_active"] = Cell(counts.get("venues_active", 0))
    cells.update({name: Cell(counts.get(name, 0)) for name in BOOKING_COUNTS})
    return cells


def _relations(tables: list[ReportTable], shared: dict[str, Cell]) -> list[Relation]:
    """Every sum a reader can check: rows to totals, and outcomes to bookings screened."""
    relations = []
    for table in tables:
        for column in table.additive_columns:
            parts = [row.cells[column] for row in table.rows]
            relations.append(Relation(table.total.cells[column], parts))
        for row in table.rows:
            relations.append(Relation(row.cells["screened"], [row.cells[o] for o in OUTCOMES]))
    relations.append(Relation(shared["screened"], [shared[o] for o in OUTCOMES]))
    return relations


def _ordered_keys(grouping: str, keys: set) -> list:
    if grouping == "venue_type":
        order = {value: n for n, value in enumerate(VenueType.values)}
        return sorted(keys, key=lambda k: (order.get(k, len(order)), k))
    # Districts alphabetically, "not recorded" last.
    return sorted(keys, key=lambda k: (k == "", k.casefold()))


def _group_label(grouping: str, key: str) -> str:
    if grouping == "venue_type":
        return VenueType(key).label if key in VenueType.values else key
    return key or NO_DISTRICT_LABEL


# Monitoring figures that count the same bookings as a total-row cell share that cell,
# so a count withheld in the tables is withheld here too.
SAME_AS_TOTAL = {"events_withdrawn": "withdrawn"}


def _monitoring_figures(period: ReportPeriod, shared: dict[str, Cell]) -> list[MonitoringFigure]:
    figures = []
    for key, label, function in prevent_monitoring.FIGURES:
        # Same bookings, same cell: no second query (the function gives the same count).
        value = shared[SAME_AS_TOTAL[key]] if key in SAME_AS_TOTAL else _as_cells(function(period=period))
        figures.append(MonitoringFigure(key, label, value))
    return figures


def _as_cells(value):
    if isinstance(value, bool) or value is None or isinstance(value, (float, str)):
        return value
    if isinstance(value, int):
        return Cell(value)
    return {category: Cell(count) for category, count in value.items()}


def source_freshness(*, now: datetime | None = None) -> list[SourceFreshness]:
    """The age of each enabled source's live version, oldest first."""
    now = now or timezone.now()
    live = {version.source_id: version for version in live_versions()}
    rows = []
    for source in Source.objects.enabled().order_by("slug"):
        version = live.get(source.pk)
        rows.append(
            SourceFreshness(
                slug=source.slug,
                name=source.name or source.slug,
                live_version=version.number if version else None,
                live_since=version.created_at if version else None,
                age_days=(now - version.created_at).days if version else None,
            )
        )
    return sorted(rows, key=lambda r: (r.age_days is None, -(r.age_days or 0), r.slug))
