"""A coverage report as plain data: the JSON (API and export) and the CSV rows.

Every output goes through `figure_value`, so small-number protection and the
"not recorded" rule are applied in one place.
"""

import re

from bookings.reports.disclosure import (
    NOT_RECORDED_LABEL,
    SMALL_LABEL,
    SMALL_NUMBER_LIMIT,
    WITHHELD_LABEL,
    Cell,
    Rate,
    Visibility,
)

from .coverage import CoverageReport, MonitoringFigure, ReportRow, ReportTable, Turnaround

SUPPRESSION_METHOD = (
    f"Counts from 1 to {SMALL_NUMBER_LIMIT - 1} are shown as '{SMALL_LABEL}'. Where a hidden "
    "count could be worked out from a total (rows add up to the total row; outcomes add up to "
    f"bookings screened), the next smallest count in that sum is also hidden and shown as "
    f"'{WITHHELD_LABEL}'. Percentages are withheld when either count behind them is hidden. "
    f"Review times are withheld when fewer than {SMALL_NUMBER_LIMIT} reviews lie behind them."
)


def figure_labels(notice_days: int) -> dict[str, str]:
    return {
        "venues_registered": "Venues registered",
        "venues_new": "New venues registered",
        "venues_active": "Venues active",
        "screened": "Bookings screened",
        "screened_with_notice": f"Screened at least {notice_days} days before the event",
        "notice_share_percent": f"Share screened at least {notice_days} days before (%)",
        "flagged": "Flagged for review",
        "flag_rate_percent": "Flag rate (%)",
        "screening_failed": "Screening failed when received (not counted as flagged)",
        "cleared": "Cleared: no match",
        "under_review": "Still under review",
        "no_concerns": "Advice: no concerns",
        "with_conditions": "Advice: proceed with conditions",
        "decline_advised": "Advice: decline",
        "withdrawn": "Withdrawn",
        "lapsed": "Event passed while under review",
        "other_outcome": "Other (closed without advice)",
        "turnaround_median_days": "Review time, median (days)",
        "turnaround_p90_days": "Review time, 90th percentile (days)",
    }


def figure_value(value) -> int | float | str | dict | None:
    """The published form of one figure: a number, a protection label, "not recorded"
    (the service does not keep what the figure needs), or None (nothing to divide by)."""
    if value is None:
        return NOT_RECORDED_LABEL
    if isinstance(value, Cell):
        if value.visibility is Visibility.SMALL:
            return SMALL_LABEL
        if value.visibility is Visibility.WITHHELD:
            return WITHHELD_LABEL
        return value.value
    if isinstance(value, Rate):
        return WITHHELD_LABEL if value.hidden else value.percent
    if isinstance(value, dict):
        return {key: figure_value(v) for key, v in sorted(value.items())}
    return value


def turnaround_values(turnaround: Turnaround) -> dict[str, float | str | None]:
    if not turnaround.recorded:
        return {"turnaround_median_days": NOT_RECORDED_LABEL, "turnaround_p90_days": NOT_RECORDED_LABEL}
    if turnaround.hidden:
        return {"turnaround_median_days": WITHHELD_LABEL, "turnaround_p90_days": WITHHELD_LABEL}
    return {"turnaround_median_days": turnaround.median_days, "turnaround_p90_days": turnaround.p90_days}


def row_figures(table: ReportTable, row: ReportRow) -> dict[str, object]:
    """Every published figure of one row, in column order."""
    cells = row.cells
    figures: dict[str, object] = {name: figure_value(cells[name]) for name in table.venue_columns}
    figures["screened"] = figure_value(cells["screened"])
    figures["screened_with_notice"] = figure_value(cells["screened_with_notice"])
    figures["notice_share_percent"] = figure_value(row.notice_share)
    figures["flagged"] = figure_value(cells["flagged"])
    figures["flag_rate_percent"] = figure_value(row.flag_rate)
    figures["screening_failed"] = figure_value(cells["screening_failed"])
    for name in (
        "cleared",
        "under_review",
        "no_concerns",
        "with_conditions",
        "decline_advised",
        "withdrawn",
        "lapsed",
        "other_outcome",
    ):
        figures[name] = figure_value(cells[name])
    figures.update(turnaround_values(row.turnaround))
    return figures


def report_as_data(report: CoverageReport) -> dict:
    """The JSON form, shared by the API and the JSON export."""
    period = report.period
    return {
        "period": {
            "from": period.start.isoformat(),
            "to": period.end.isoformat(),
            "notice_days": period.notice_days,
        },
        "generated_at": report.generated_at.isoformat(),
        "small_numbers": {
            "limit": SMALL_NUMBER_LIMIT,
            "small_label": SMALL_LABEL,
            "withheld_label": WITHHELD_LABEL,
            "method": SUPPRESSION_METHOD,
            "not_recorded_label": NOT_RECORDED_LABEL,
            "null_means": "not applicable: no bookings to divide by",
        },
        "figures": figure_labels(period.notice_days),
        "groupings": [_table_data(table) for table in report.tables],
        "sources": [
            {
                "source": s.slug,
                "name": s.name,
                "live_version": s.live_version,
                "live_since": s.live_since.isoformat() if s.live_since else None,
                "age_days": s.age_days,
            }
            for s in report.sources
        ],
        "prevent_monitoring": {f.key: figure_value(f.value) for f in report.monitoring},
    }


def _table_data(table: ReportTable) -> dict:
    return {
        "grouping": table.grouping,
        "title": table.title,
        "rows": [{"group": row.key, "label": row.label, **row_figures(table, row)} for row in table.rows],
        "total": {"group": "total", "label": table.total.label, **row_figures(table, table.total)},
    }


CSV_HEADER = ["section", "group", "group_label", "figure", "value", "marker"]


def report_as_csv_rows(report: CoverageReport) -> list[list]:
    """Long ("tidy") rows: one figure per line, easy to pivot in a spreadsheet. `value` holds
    numbers (and the report's dates) only; a figure that is not shown has an empty value and
    says why in `marker` ("fewer than 5", "withheld", "not recorded"), so the value column
    sums and charts without cleaning."""
    period = report.period
    rows: list[list] = [CSV_HEADER]
    rows += [
        ["report", "", "", name, value, ""]
        for name, value in (
            ("period_from", period.start.isoformat()),
            ("period_to", period.end.isoformat()),
            ("notice_days", period.notice_days),
            ("generated_at", report.generated_at.isoformat()),
        )
    ]
    for table in report.tables:
        for row in [*table.rows, table.total]:
            for figure, value in row_figures(table, row).items():
                rows.append([table.grouping, row.key, row.label, figure, *csv_value_and_marker(value)])
    for source in report.sources:
        for figure in ("live_version", "live_since", "age_days"):
            value = getattr(source, figure)
            value = value.isoformat() if hasattr(value, "isoformat") else value
            cells = ["", "no live version"] if value is None else [str(value), ""]
            rows.append(["sources", source.slug, source.name, figure, *cells])
    for monitoring_figure in report.monitoring:
        rows += _monitoring_csv_rows(monitoring_figure)
    return rows


def _monitoring_csv_rows(figure: MonitoringFigure) -> list[list]:
    value = figure_value(figure.value)
    if isinstance(value, dict):
        return [
            ["prevent_monitoring", category, category, figure.key, *csv_value_and_marker(v)]
            for category, v in value.items()
        ]
    return [["prevent_monitoring", "", "", figure.key, *csv_value_and_marker(value)]]


def csv_text(value) -> str:
    return "" if value is None else str(value)


# A spreadsheet reads a cell starting with one of these as a formula (formula
# injection: a venue or source name such as `=HYPERLINK(...)`).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def spreadsheet_safe(cell) -> str:
    """A cell as text a spreadsheet shows as written: a leading quote (OWASP's
    advice) on text that would start a formula; plain numbers stay numbers."""
    text = csv_text(cell)
    if text.startswith(FORMULA_TRIGGERS) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def spreadsheet_safe_rows(rows: list[list]) -> list[list[str]]:
    return [[spreadsheet_safe(cell) for cell in row] for row in rows]


NOT_APPLICABLE = "not applicable"


def csv_value_and_marker(value) -> list[str]:
    """[value, marker]: a number in the first, or why there is none in the second."""
    if value is None:
        return ["", NOT_APPLICABLE]  # nothing to divide by
    if isinstance(value, str):
        return ["", value]
    if isinstance(value, bool):
        return [str(value).lower(), ""]
    return [str(value), ""]
