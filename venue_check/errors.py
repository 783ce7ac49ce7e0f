"""Error answers: JSON under /api/ (clients parse them), the usual pages elsewhere.

Django answers a URL that matches nothing (a booking id that is not a UUID,
a misspelt endpoint), a body over DATA_UPLOAD_MAX_MEMORY_SIZE or a
suspicious request itself, before DRF sees it; these handlers keep those
answers in the API's format too.
"""

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.views import defaults

API_PREFIX = "/api/"


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def bad_request(request, exception, template_name=defaults.ERROR_400_TEMPLATE_NAME):
    if not _is_api(request):
        return defaults.bad_request(request, exception, template_name)
    if isinstance(exception, RequestDataTooBig):
        return JsonResponse({"detail": "The request body is larger than the limit."}, status=413)
    return JsonResponse({"detail": "Bad request."}, status=400)


def permission_denied(request, exception, template_name=defaults.ERROR_403_TEMPLATE_NAME):
    if not _is_api(request):
        return defaults.permission_denied(request, exception, template_name)
    return JsonResponse({"detail": "You do not have permission to perform this action."}, status=403)


def page_not_found(request, exception, template_name=defaults.ERROR_404_TEMPLATE_NAME):
    if not _is_api(request):
        return defaults.page_not_found(request, exception, template_name)
    return JsonResponse({"detail": "Not found."}, status=404)


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    if not _is_api(request):
        return defaults.server_error(request, template_name)
    return JsonResponse({"detail": "Internal server error; nothing was stored. Retry later."}, status=500)
