from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from screening.matching import NameQuery
from screening.services import names_screen

from ..permissions import CanScreenNames, sees_match_details
from ..serializers.screening import ScreenInput, ScreenOutput, VenueScreenOutput


class ScreenView(APIView):
    """Screen up to 100 names without creating a booking. Nothing about the names is stored.

    A Prevent Officer (logged in) gets the matches; a venue caller (API key or
    venue staff) gets `flagged` only, with `matches` empty: the same work is
    done for both, so nothing in the answer tells a venue which entry matched.
    """

    permission_classes = [CanScreenNames]

    @extend_schema(
        summary="Screen names without a booking",
        description=(
            "Up to 100 parties; results in request order. A venue caller gets `flagged` only "
            "(`matches` is empty); a logged-in Prevent Officer gets the matches at or above the "
            "review threshold, best first. Nothing about the names is stored."
        ),
        request=ScreenInput,
        responses=ScreenOutput,
    )
    def post(self, request):
        serializer = ScreenInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        queries = [
            NameQuery(name=p["name"], kind=p["kind"], date_of_birth=p["date_of_birth"] or None)
            for p in serializer.validated_data["parties"]
        ]
        results = names_screen(queries=queries, by=request.user)
        output = ScreenOutput if sees_match_details(request.user) else VenueScreenOutput
        return Response(output({"results": results}).data)
