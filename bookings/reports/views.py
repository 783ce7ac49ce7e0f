"""The report page and its CSV and JSON exports. Thin: parse the period, build, render."""

import csv
import json
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from bookings.reports.disclosure import NOT_RECORDED_LABEL, SMALL_LABEL, WITHHELD_LABEL

from .access import can_see_reports
from .charts import flag_rate_by_district_chart, screened_per_month_chart
from .coverage import coverage_report
from .forms import PeriodForm
from .periods import financial_year, last_12_months
from .prevent_monitoring import NOTHING_JUDGED
from .rendering import (
    SUPPRESSION_METHOD,
    figure_labels,
    figure_value,
    report_as_csv_rows,
    report_as_data,
    row_figures,
    spreadsheet_safe_rows,
)


def reporters_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_see_reports(request.user):
            raise PermissionDenied("Reports are for CAVA reporters, officers and administrators.")
        return view(request, *args, **kwargs)

    return wrapper


def _period_or_errors(request):
    form = PeriodForm(request.GET or None)
    return form, (form.period if form.is_valid() else None)


@require_GET
@reporters_only
def coverage_page(request):
    form, period = _period_or_errors(request)
    if period is None:
        return render(request, "reports/coverage.html", {"form": form}, status=400)
    report = coverage_report(period=period)
    context = {
        "form": form,
        "report": report,
        "labels": figure_labels(period.notice_days),
        "tables": [
            (
                table,
                [(row, _table_cells(row_figures(table, row))) for row in table.rows],
                _table_cells(row_figures(table, table.total)),
            )
            for table in report.tables
        ],
        "headline": _shown(row_figures(report.tables[0], report.total), percent=True),
        "monitoring": [_monitoring_row(figure) for figure in report.monitoring],
        "month_chart": screened_per_month_chart(report.table("month")),
        "district_chart": flag_rate_by_district_chart(report.table("district")),
        "method": SUPPRESSION_METHOD,
        "presets": _presets(),
        "query": request.GET.urlencode(),
    }
    return render(request, "reports/coverage.html", context)


def _display(value, *, percent: bool = False) -> str:
    """Thousands separators and one decimal for the page; labels pass through."""
    if value is None:
        return "–"
    if isinstance(value, bool) or isinstance(value, str):
        return str(value)
    if isinstance(value, float):
        return f"{value:.1f}%" if percent else f"{value:.1f}"
    return f"{value:,}"


def _shown(figures: dict, *, percent: bool = False) -> dict[str, str]:
    return {
        name: _display(value, percent=percent and name.endswith("_percent"))
        for name, value in figures.items()
    }


HIDDEN_TEXTS = {SMALL_LABEL, WITHHELD_LABEL, NOT_RECORDED_LABEL, NOTHING_JUDGED, "–"}


def _table_cells(figures: dict) -> list[tuple[str, bool]]:
    """(text, muted) per cell: labels and dashes are set in grey italics on the page."""
    return [(text, text in HIDDEN_TEXTS) for text in _shown(figures).values()]


def _monitoring_row(figure) -> dict:
    value = figure_value(figure.value)
    if isinstance(value, dict):
        return {"label": figure.label, "categories": [(k, _display(v)) for k, v in value.items()]}
    text = _display(value)
    return {"label": figure.label, "value": text, "muted": text in HIDDEN_TEXTS}


def _presets() -> list[tuple[str, str]]:
    today = timezone.localdate()
    this_fy = financial_year(containing=today)
    last_fy = financial_year(containing=this_fy.start.replace(year=this_fy.start.year - 1))
    choices = [
        ("Last 12 months", last_12_months(today=today)),
        (f"Financial year {this_fy.start.year}/{this_fy.end:%y}", this_fy),
        (f"Financial year {last_fy.start.year}/{last_fy.end:%y}", last_fy),
    ]
    return [(label, f"?from={p.start}&to={p.end}") for label, p in choices]


def _export_name(period, extension: str) -> str:
    return f"coverage-{period.start}-to-{period.end}.{extension}"


def _bad_period(form) -> JsonResponse:
    errors = {{"start": "from", "end": "to"}.get(k, k): v for k, v in form.errors.items()}
    return JsonResponse({"errors": errors}, status=400)


@require_GET
@reporters_only
def coverage_csv(request):
    form, period = _period_or_errors(request)
    if period is None:
        return _bad_period(form)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_export_name(period, "csv")}"'
    csv.writer(response).writerows(spreadsheet_safe_rows(report_as_csv_rows(coverage_report(period=period))))
    return response


@require_GET
@reporters_only
def coverage_json(request):
    form, period = _period_or_errors(request)
    if period is None:
        return _bad_period(form)
    body = json.dumps(report_as_data(coverage_report(period=period)), indent=2)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{_export_name(period, "json")}"'
    return response
