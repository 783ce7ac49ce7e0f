"""The OpenAPI document tells the truth: what each operation is for, exactly what it answers,
and that request bodies take no fields beyond those listed (api/serializers/strict.py).

- Every error answer is documented with the body the service really sends:
  `{"detail": "..."}` for most, field names mapped to messages for a 400, and
  the status and allowed actions for a refused transition (409).
- Output schemas are closed (`additionalProperties: false`): a field the
  service sends but the document does not list fails the schema test
  (tests/api/test_schema_truth.py), and so does a documented field it omits.
"""

from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
    "additionalProperties": False,
}
# A 400: {"detail": ...} for a malformed body, otherwise each field (nested objects and
# list positions included) mapped to its messages.
FIELD_ERRORS = {
    "type": "object",
    "description": "Field names mapped to messages; nested fields as nested objects, list items by position.",
    "additionalProperties": {
        "oneOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "object"},
            {"type": "string"},
        ]
    },
}
INVALID_TRANSITION = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "status": {"type": "string", "description": "The booking's status now."},
        "allowed_actions": {
            "type": "array",
            "items": {"type": "string"},
            "description": "What this caller could do instead.",
        },
    },
    "required": ["detail"],
    "additionalProperties": False,
}
CONFLICT = {"oneOf": [INVALID_TRANSITION, DETAIL]}

COMMON_ERRORS = {
    "400": ("Invalid input: field-level messages.", FIELD_ERRORS),
    "401": ("No valid API key or session.", DETAIL),
    "403": ("Your role or venue may not do this.", DETAIL),
    "404": ("Nothing of that id is visible to you.", DETAIL),
    "409": ("Conflicts with the booking's current state or an earlier request.", CONFLICT),
    "413": ("The body is larger than the service accepts.", DETAIL),
    "415": ("Send application/json.", DETAIL),
    "429": ("Rate limited; see Retry-After.", DETAIL),
    "503": ("Database unavailable; nothing was stored, retry later.", DETAIL),
}
# Only operations with a body can be too large or of the wrong type.
BODY_ERRORS = {"413", "415"}


# What each review action is for: its summary and description in the OpenAPI document.
ACTION_DOCS = {
    "officer_withdraw": {
        "summary": "Withdraw a booking as an officer",
        "description": (
            "Officers only, and only for a duplicate or a test booking (a `category` and a "
            "`reason` are required); the venue is told. Officers advise; the venue decides."
        ),
    },
    "take": {
        "summary": "Take a flagged booking for review",
        "description": (
            "Officers only. Assigns the booking to you and moves it from `flagged` to `in_review`. Send "
            "no body (or `{}`)."
        ),
    },
    "request_info": {
        "summary": "Ask the venue a question",
        "description": (
            "Officers only. Sends `question` to the venue and moves the booking to `info_requested`; "
            "the venue is told by webhook and e-mail."
        ),
    },
    "answer_info": {
        "summary": "Answer the officer's question",
        "description": (
            "Venues only (API key or venue staff). Records `answer` and returns the booking to `in_review`."
        ),
    },
    "dispose_match": {
        "summary": "Judge one match",
        "description": (
            "Officers only. Records whether match `match_id` is a `false_positive`, `possible_match` or "
            "`true_match`, with a reason. A false positive needs `discriminators` (what shows it is not "
            "the entry) and makes a suppression for that person and entry. A match of a screening run "
            "that a re-screen has replaced is refused (409, `match_id`) and nothing is recorded."
        ),
    },
    "advise": {
        "summary": "Give advice",
        "description": (
            "Officers only, once every match is judged. `no_concerns` and `proceed_with_conditions` "
            "reach the venue at once (`advised`); `advise_decline` waits for a second officer "
            "(`awaiting_approval`). `rationale` is shared with the venue; `notes` never are."
        ),
    },
    "approve": {
        "summary": "Approve a proposed decline",
        "description": (
            "A second officer (not the one who proposed it) approves `advise_decline`; the booking "
            "becomes `advised` and the venue is told. Send no body (or `{}`)."
        ),
    },
    "reject_approval": {
        "summary": "Send a proposed decline back",
        "description": (
            "A second officer sends `advise_decline` back to review with a `reason` (officers only see it)."
        ),
    },
    "record_decision": {
        "summary": "Record the venue's decision",
        "description": (
            "Venues only, after advice. `outcome` is the venue's own decision; a refusal needs "
            "`grounds`, and a refusal on Prevent grounds a `second_person_name`."
        ),
    },
    "request_review": {
        "summary": "Ask for a review of adverse advice",
        "description": (
            "Venues only, after `proceed_with_conditions` or `advise_decline`. A different officer "
            "reviews; the advice stands until then."
        ),
    },
    "expedite": {
        "summary": "Ask for advice sooner",
        "description": (
            "Venues only, for a booking made at short notice and still under review. Moves the due date "
            "forward once."
        ),
    },
}


def booking_response(description: str) -> OpenApiResponse:
    """A booking as the caller may see it: a venue's view, or an officer's (with match details)."""
    from api.serializers.review import BookingOfficerOutput, BookingVenueOutput

    return OpenApiResponse(
        response=PolymorphicProxySerializer(
            component_name="Booking",
            serializers=[BookingVenueOutput, BookingOfficerOutput],
            resource_type_field_name=None,
        ),
        description=description,
    )


def review_action_schema(name: str, *, request):
    """The OpenAPI documentation of one review action: its own summary and description,
    its request body, and the booking as it now stands."""
    docs = ACTION_DOCS[name]
    return extend_schema(
        summary=docs["summary"],
        description=docs["description"],
        request=request,
        responses={200: booking_response("The booking as it now stands.")},
    )


def booking_list_response() -> PolymorphicProxySerializer:
    from api.serializers.review import BookingOfficerOutput, BookingVenueOutput

    return PolymorphicProxySerializer(
        component_name="BookingListItem",
        serializers=[BookingVenueOutput, BookingOfficerOutput],
        resource_type_field_name=None,
        many=True,
    )


def add_error_responses(result, generator, request, public):
    """Document each error answer with its real body, and close every output schema."""
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            responses = operation.setdefault("responses", {})
            for code, (description, schema) in COMMON_ERRORS.items():
                if code in BODY_ERRORS and method not in ("post", "patch", "put"):
                    continue
                responses.setdefault(
                    code, {"description": description, "content": {"application/json": {"schema": schema}}}
                )
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if _is_output(name, component):
            component["additionalProperties"] = False
    return result


def _is_output(name: str, component: dict) -> bool:
    return component.get("type") == "object" and "properties" in component and not name.endswith("Request")


def forbid_unknown_request_fields(result, generator, request, public):
    """Request components (named `...Request`) refuse unknown fields, as StrictInput does."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and component.get("type") == "object":
            component["additionalProperties"] = False
    return result
