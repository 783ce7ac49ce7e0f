"""The second version of background_world's list, published as an operator would: version
1 (tests/fixtures/watchlist.ftm.jsonl) and one more listed person, NEWLY_LISTED, whom every
fourth seeded booking names. Used by the crash tests and benchmarks/periodic_beside_rescreen.py.
"""

import json

from tests.reliability.background_world import NEWLY_LISTED, SOURCE
from tests.reliability.deployments import ROOT, Deployment

WATCHLIST = ROOT / "tests" / "fixtures" / "watchlist.ftm.jsonl"
NEW_ENTRY = {
    "id": "t-per-crash-1",
    "schema": "Person",
    "properties": {"name": [NEWLY_LISTED], "topics": ["crime.terror"]},
    "datasets": ["test"],
}


def live_version(deployment: Deployment) -> int:
    return deployment.scalar(
        "SELECT v.id FROM watch_sources_sourceversion v "
        "JOIN watch_sources_source s ON s.id = v.source_id WHERE s.slug = %s AND v.status = 'live'",
        SOURCE,
    )


def publish_version_2(deployment: Deployment) -> int:
    """`import_source` of version 2 (which queues the re-screen of the upcoming bookings);
    the id of the version now live."""
    path = deployment.tmp / f"{SOURCE}-v2.ftm.jsonl"
    path.write_text(WATCHLIST.read_text() + json.dumps(NEW_ENTRY) + "\n")
    published = deployment.manage("import_source", SOURCE, str(path), "--format", "ftm")
    assert published.returncode == 0, published.stderr[-3000:]
    return live_version(deployment)
