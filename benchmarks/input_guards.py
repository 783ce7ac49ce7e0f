"""Cost of the per-request guards added for issue 15, measured in-process.

    /work/main/.venv/bin/python benchmarks/input_guards.py [--repeat 20000]

Times, per call, on a booking body of the size a venue sends (a hirer and
five parties): DRF's stock JSONParser against api.parsers.StrictJSONParser
(duplicate keys, depth), BookingInput validation with and without the
unknown-field check, the keyed audit MAC against the plain SHA-256 it
replaced, and the Cache-Control middleware. Medians of five runs each.
"""

import argparse
import hashlib
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "venue_check.settings.test")

import django  # noqa: E402

django.setup()

from django.http import HttpResponse  # noqa: E402
from rest_framework.parsers import JSONParser  # noqa: E402

from api.parsers import StrictJSONParser  # noqa: E402
from api.serializers.bookings import BookingInput  # noqa: E402
from api.serializers.strict import StrictInput  # noqa: E402
from bookings.audit import _mac  # noqa: E402
from venue_check.middleware import NoStoreMiddleware  # noqa: E402

BODY = json.dumps(
    {
        "external_ref": "HB-2027-0042",
        "event": {
            "title": "Neighbourhood talk",
            "description": "An evening talk and discussion. " * 10,
            "starts_at": "2027-06-05T18:00:00Z",
            "ends_at": "2027-06-05T21:00:00Z",
            "expected_attendance": 80,
            "is_public": True,
        },
        "hirer": {
            "name": "Riverside Residents Association",
            "kind": "organisation",
            "contact_name": "Jo Bloggs",
        },
        "parties": [{"name": f"Speaker Number {n}", "kind": "person", "role": "speaker"} for n in range(5)],
    }
).encode()


def per_call_us(function, repeat: int) -> float:
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repeat):
            function()
        runs.append((time.perf_counter() - start) / repeat * 1e6)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20_000)
    repeat = parser.parse_args().repeat
    data = json.loads(BODY)
    record = json.dumps({"prev_hash": "0" * 64, "data": data}, sort_keys=True)
    middleware = NoStoreMiddleware(lambda request: HttpResponse("x"))

    def validate_without_unknown_field_check():
        # The same serializer, the check skipped: what it cost before.
        original = StrictInput.to_internal_value
        StrictInput.to_internal_value = lambda self, d: super(StrictInput, self).to_internal_value(d)
        try:
            BookingInput(data=data).is_valid()
        finally:
            StrictInput.to_internal_value = original

    rows = [
        ("JSONParser (stock)", lambda: JSONParser().parse(io.BytesIO(BODY))),
        ("StrictJSONParser", lambda: StrictJSONParser().parse(io.BytesIO(BODY))),
        ("BookingInput, no unknown-field check", validate_without_unknown_field_check),
        ("BookingInput (StrictInput)", lambda: BookingInput(data=data).is_valid()),
        ("audit digest: SHA-256", lambda: hashlib.sha256(record.encode()).hexdigest()),
        ("audit digest: HMAC-SHA256 (keyed)", lambda: _mac("chain v2", record)),
        ("a bare HttpResponse (baseline for the next)", lambda: HttpResponse("x")),
        ("the same through NoStoreMiddleware", lambda: middleware(None)),
    ]
    print(f"body {len(BODY)} bytes, {repeat} calls x 5 runs, median per call")
    for name, function in rows:
        count = repeat if "BookingInput" not in name else max(repeat // 20, 200)
        print(f"{name:40s} {per_call_us(function, count):8.1f} µs")


if __name__ == "__main__":
    main()
