"""Server-rendered SVG charts for the report page: no scripts, nothing fetched.

Hidden figures are never drawn to scale: a "fewer than 5" or "withheld" bar
is drawn as an outline at the baseline with its label, so the chart cannot
reveal more than the tables do.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from bookings.reports.disclosure import SMALL_LABEL, WITHHELD_LABEL

from .coverage import ReportTable
from .rendering import figure_value

INK = "#1b2a41"
BAR = "#2f5d8a"
GRID = "#d9dde3"
MUTED = "#6b7280"
# Drawn at its own size (never scaled down), so 13 px stays 13 px on a phone.
FONT = 'font-family="inherit" font-size="13"'


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" class="chart">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _nice_max(value: float) -> float:
    """A round axis maximum at or above the largest value."""
    if value <= 0:
        return 1
    for magnitude in (10**n for n in range(0, 9)):  # the smallest magnitude first
        for step in (1, 2, 2.5, 5):
            if step * magnitude >= value:
                return step * magnitude
    return value


def screened_per_month_chart(table: ReportTable) -> SafeString:
    """Vertical bars: bookings screened in each month of the period."""
    width, height, left, bottom, top = 720, 260, 48, 40, 16
    values = [(row.label[:3] + row.label[-5:], figure_value(row.cells["screened"])) for row in table.rows]
    shown = [v for _, v in values if isinstance(v, int)]
    axis_max = _nice_max(max(shown, default=0))
    plot_h, step = height - bottom - top, (width - left - 8) / max(len(values), 1)
    label_every = -(-len(values) // 12)  # at most twelve month labels, however long the period
    body = _y_axis(axis_max, left, width, top, plot_h, percent=False)
    for n, (label, value) in enumerate(values):
        x = left + n * step + step * 0.15
        bar_w = step * 0.7
        body.append(_month_bar(x, bar_w, value, axis_max, top, plot_h, labelled=label_every == 1))
        if n % label_every == 0:
            body.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height - bottom + 16}" '
                f'text-anchor="middle" fill="{INK}" {FONT}>{escape(label)}</text>'
            )
    return _svg(width, height, "Bookings screened per month", body)


def _month_bar(x, bar_w, value, axis_max, top, plot_h, *, labelled: bool) -> str:
    baseline = top + plot_h
    if not isinstance(value, int):
        text = "<5" if value == SMALL_LABEL else "withheld"
        return (
            f'<rect x="{x:.1f}" y="{baseline - 6}" width="{bar_w:.1f}" height="6" '
            f'fill="none" stroke="{BAR}" stroke-dasharray="2 2"/>'
            f'<text x="{x + bar_w / 2:.1f}" y="{baseline - 10}" text-anchor="middle" '
            f'fill="{MUTED}" {FONT}>{escape(text)}</text>'
        )
    bar_h = plot_h * value / axis_max
    bar = (
        f'<rect x="{x:.1f}" y="{baseline - bar_h:.1f}" width="{bar_w:.1f}" '
        f'height="{bar_h:.1f}" fill="{BAR}"><title>{value:,}</title></rect>'
    )
    if not labelled:  # too many bars for a figure over each: the tables have them
        return bar
    return bar + (
        f'<text x="{x + bar_w / 2:.1f}" y="{baseline - bar_h - 4:.1f}" '
        f'text-anchor="middle" fill="{INK}" {FONT}>{value:,}</text>'
    )


def _y_axis(axis_max, left, width, top, plot_h, *, percent: bool) -> list[str]:
    lines = []
    for n in range(5):
        value = axis_max * n / 4
        y = top + plot_h - plot_h * n / 4
        label = f"{value:g}%" if percent else f"{value:,.0f}"
        lines.append(
            f'<line x1="{left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}"/><text x="{left - 6}" y="{y + 4:.1f}" '
            f'text-anchor="end" fill="{MUTED}" {FONT}>{label}</text>'
        )
    return lines


def flag_rate_by_district_chart(table: ReportTable) -> SafeString:
    """Horizontal bars: share of screened bookings flagged for review, per district."""
    rows = [(row.label, figure_value(row.flag_rate)) for row in table.rows]
    label_w, bar_area, row_h, top = 190, 440, 26, 8
    width, height = label_w + bar_area + 90, top + row_h * max(len(rows), 1) + 8
    shown = [v for _, v in rows if isinstance(v, float)]
    axis_max = _nice_max(max(shown, default=0))
    body = []
    for n, (label, value) in enumerate(rows):
        y = top + n * row_h
        body.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" fill="{INK}" '
            f"{FONT}>{escape(label)}</text>"
        )
        body.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{bar_area}" height="18" fill="{GRID}" opacity="0.35"/>'
        )
        body.append(_rate_bar(value, label_w, bar_area, y, axis_max))
    return _svg(width, height, "Flag rate per district", body)


def _rate_bar(value, label_w, bar_area, y, axis_max) -> str:
    if isinstance(value, float):
        bar_w = bar_area * value / axis_max
        return (
            f'<rect x="{label_w}" y="{y + 4}" width="{bar_w:.1f}" height="18" fill="{BAR}"/>'
            f'<text x="{label_w + bar_w + 6:.1f}" y="{y + 17}" fill="{INK}" '
            f"{FONT}>{value:.1f}%</text>"
        )
    text = WITHHELD_LABEL if value == WITHHELD_LABEL else "no bookings screened"
    return (
        f'<text x="{label_w + 6}" y="{y + 17}" fill="{MUTED}" font-style="italic" '
        f"{FONT}>{escape(text)}</text>"
    )
