from django.db import OperationalError
from django.http import HttpResponse
from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    """`Cache-Control: no-store, private` on everything the app renders.

    Pages and API answers carry names and advice, and community centres share
    their computers: nothing may stay in a browser's or a proxy's cache for the
    next person. Static files are served by WhiteNoise before this runs, and
    keep their long-lived caching.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True, private=True)
        else:  # the usual case, without parsing a header that is not there
            response["Cache-Control"] = "no-store, private"
        return response


class DatabaseUnavailableMiddleware:
    """Answer 503 (retry later) instead of 500 when the database cannot be reached.

    Requests run their writes in transactions, so a failure here leaves
    nothing half-written; the client should simply retry.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError):
            response = HttpResponse(
                "The service is temporarily unavailable. Nothing was stored; please retry.",
                status=503,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = "5"
            return response
        return None
