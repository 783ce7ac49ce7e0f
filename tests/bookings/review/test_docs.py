"""The state diagram in docs/review.md is the one the code defines."""

from pathlib import Path

from bookings.review.state_diagram import mermaid, transitions

DOC = Path(__file__).resolve().parents[3] / "docs" / "review.md"


def test_docs_diagram_matches_the_transitions_in_code():
    text = DOC.read_text()
    block = text.split("<!-- state-diagram:start -->\n")[1].split("<!-- state-diagram:end -->")[0]

    assert block == f"```mermaid\n{mermaid()}```\n"


def test_diagram_has_the_review_transitions():
    edges = {(s, t, n) for s, t, n in transitions()}

    assert {
        ("flagged", "in_review", "take"),
        ("in_review", "awaiting_approval", "advise"),
        ("awaiting_approval", "advised", "approve"),
        ("info_requested", "in_review", "answer_info"),
    } <= edges
