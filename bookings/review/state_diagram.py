"""The review state machine as a Mermaid diagram, generated from the transitions in code.

django-fsm-2's `graph_transitions` command needs graphviz, which the project
does not install; this writes the same graph as Mermaid text instead.
`python manage.py review_state_diagram` prints it; a test checks that
docs/review.md carries exactly this output, so the docs cannot drift.
"""

from bookings.models import Booking


def transitions() -> list[tuple[str, str, str]]:
    """(source, target, transition name) for every transition, sorted."""
    field = Booking._meta.get_field("status")
    edges = set()
    for transition in field.get_all_transitions(Booking):
        target = transition.target
        targets = getattr(target, "allowed_states", None) or [target]
        for one in targets:
            edges.add((transition.source, one if one is not None else transition.source, transition.name))
    return sorted(edges)


def mermaid() -> str:
    lines = ["stateDiagram-v2", "    [*] --> received"]
    for source, target, name in transitions():
        lines.append(f"    {source} --> {target}: {name}")
    return "\n".join(lines) + "\n"
