from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import CanSeeReports
from api.serializers.reports import CoverageQueryInput, CoverageReportOutput
from bookings.reports.coverage import coverage_report
from bookings.reports.rendering import report_as_data


class CoverageReportView(APIView):
    """CAVA's aggregate coverage figures for a period. Counts only: no personal data."""

    permission_classes = [CanSeeReports]

    @extend_schema(
        summary="CAVA coverage figures",
        description=(
            "Aggregate figures for a period: venues and districts covered, bookings screened, "
            "flag rates, turnaround and outcomes. Counts under 5 are withheld. No personal data."
        ),
        parameters=[
            OpenApiParameter(
                "from",
                str,
                description="First day (YYYY-MM-DD); default: the first day of the month eleven months ago.",
            ),
            OpenApiParameter(
                "to", str, description="Last day (YYYY-MM-DD); default: the last day of the current month."
            ),
            OpenApiParameter(
                "notice_days",
                int,
                description="Days of notice counted as 'screened in good time' (default 14).",
            ),
        ],
        responses=CoverageReportOutput,
    )
    def get(self, request):
        query = CoverageQueryInput(data=request.query_params)
        query.is_valid(raise_exception=True)
        report = coverage_report(period=query.validated_data["period"])
        # report_as_data is already the published, protected form; the serializer documents it.
        return Response(report_as_data(report))
