"""JSON bodies read strictly: a size cap (413), a depth cap, and no duplicate keys.

Python's json module keeps the last of duplicate keys, so `{"parties": [...],
"parties": []}` would arrive as an empty party list while an upstream
validator that kept the first saw the listed names. Refusing duplicates means
every reader of the body sees the same request. Deep nesting is refused before
anything walks it, so no input reaches a RecursionError.
"""

import codecs
import json

from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError, ValidationError
from rest_framework.parsers import JSONParser

# Far deeper than any request of this API (a booking is four levels deep).
MAX_JSON_DEPTH = 20


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"


def body_limit() -> int:
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def too_large() -> PayloadTooLarge:
    return PayloadTooLarge(f"The request body is larger than the limit of {body_limit()} bytes.")


class _Object(dict):
    """A JSON object that remembers which keys it was given more than once."""

    duplicates: tuple[str, ...] = ()


# DRF names a value's type in its messages ('Expected a list of items but got type "..."'):
# to the caller this is a JSON object, as it is to DRF itself.
_Object.__name__ = _Object.__qualname__ = "dict"


def _object_from_pairs(pairs: list[tuple[str, object]]) -> _Object:
    obj = _Object(pairs)  # built in C; only an object with a repeated key is looked at again
    if len(obj) != len(pairs):
        seen: set[str] = set()
        obj.duplicates = tuple(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
    return obj


def _reject_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


def _error_at(path: list, message: str):
    """The message shaped like DRF's own field errors: list items keyed by their index."""
    node: object = [message]
    for step in reversed(path):
        node = {str(step): node}
    return node


def _containers(value) -> list:
    if isinstance(value, dict):
        return [child for child in value.values() if isinstance(child, (dict, list))]
    return [child for child in value if isinstance(child, (dict, list))]


def _check_depth(data) -> None:
    """Refuse deep nesting before anything walks the data recursively; no recursion here."""
    level = [data] if isinstance(data, (dict, list)) else []
    depth = 0
    while level:
        depth += 1
        if depth > MAX_JSON_DEPTH:
            raise ParseError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep.")
        level = [child for value in level for child in _containers(value)]


def _first_duplicate(data) -> tuple[list, str] | None:
    """Where the first repeated key is (depth already checked, so this stays shallow)."""
    stack: list[tuple[object, list]] = [(data, [])]
    while stack:
        value, path = stack.pop(0)
        if isinstance(value, _Object):
            if value.duplicates:
                return path, value.duplicates[0]
            stack.extend((child, [*path, key]) for key, child in value.items())
        elif isinstance(value, list):
            stack.extend((child, [*path, index]) for index, child in enumerate(value))
    return None


class StrictJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        request = parser_context.get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        if declared and declared.isdigit() and int(declared) > body_limit():
            raise too_large()
        raw = stream.read(body_limit() + 1)
        if len(raw) > body_limit():
            raise too_large()
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        repeated: list[_Object] = []

        def from_pairs(pairs):
            obj = _object_from_pairs(pairs)
            if obj.duplicates:
                repeated.append(obj)
            return obj

        try:
            text = codecs.decode(raw, encoding)
            data = json.loads(text, object_pairs_hook=from_pairs, parse_constant=_reject_constant)
        except RecursionError as error:
            raise ParseError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep.") from error
        except ValueError as error:  # includes UnicodeDecodeError and JSONDecodeError
            raise ParseError(f"JSON parse error - {error}") from error
        _check_depth(data)
        if repeated:
            path, key = _first_duplicate(data) or ([], repeated[0].duplicates[0])
            raise ValidationError(
                _error_at([*path, key], f"'{key}' appears more than once in this object; send it once.")
            )
        return data
