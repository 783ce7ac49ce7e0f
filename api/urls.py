from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from .views.bookings import BookingViewSet
from .views.reports import CoverageReportView
from .views.review import AdviceConditionListView, SuppressionViewSet
from .views.screening import ScreenView

router = SimpleRouter()
router.register("bookings", BookingViewSet, basename="booking")
router.register("suppressions", SuppressionViewSet, basename="suppression")
router.register("advice-conditions", AdviceConditionListView, basename="advice-condition")

# The schema and its docs page are public: they describe the API, not its data.
public: dict[str, list] = {"permission_classes": [], "authentication_classes": []}

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/screen/", ScreenView.as_view(), name="screen"),
    path("v1/reports/coverage/", CoverageReportView.as_view(), name="report-coverage"),
    path("v1/schema/", SpectacularAPIView.as_view(**public), name="schema"),
    # The split view serves its start-up script as a file, so CSP needs no inline scripts.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema", **public), name="docs"),
]
