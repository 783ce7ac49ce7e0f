"""OpenAPI post-processing: document the error answers every endpoint can give,
and that request bodies take no fields beyond those listed (api/serializers/strict.py)."""

ERROR = {
    "type": "object",
    "additionalProperties": True,
    "description": "`detail` for general errors, or field names mapped to messages.",
}
COMMON_ERRORS = {
    "400": "Invalid input; field-level messages.",
    "401": "No valid API key or session.",
    "403": "Your role or venue may not do this.",
    "404": "No such booking visible to you.",
    "409": "Conflicts with the booking's current state or an earlier request.",
    "413": "The request body is larger than the limit.",
    "415": "Send application/json.",
    "429": "Rate limited; see Retry-After.",
    "503": "Database unavailable; nothing was stored, retry later.",
}


def add_error_responses(result, generator, request, public):
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for code, description in COMMON_ERRORS.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": ERROR}},
                    },
                )
    return result


def forbid_unknown_request_fields(result, generator, request, public):
    """Request components (named `...Request`) refuse unknown fields, as StrictInput does."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and component.get("type") == "object":
            component["additionalProperties"] = False
    return result
