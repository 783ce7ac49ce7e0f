"""After a swap the previous index's memory goes back to the system."""

import sys
import threading

import pytest

from screening import index


def test_the_freed_memory_is_handed_back_after_the_screenings_in_flight(monkeypatch):
    trimmed = threading.Event()
    calls = []

    def trim(pad: int) -> int:
        calls.append(pad)
        trimmed.set()
        return 1

    monkeypatch.setattr(index, "_malloc_trim", lambda: trim)
    monkeypatch.setattr(index, "RELEASE_DELAY_SECONDS", 0.5)

    index._release_freed_memory_soon()

    assert calls == []  # not at once: a screening may still hold the previous index
    assert trimmed.wait(5)
    assert calls == [0]


def test_without_glibc_nothing_is_trimmed(monkeypatch):
    monkeypatch.setattr(index, "_malloc_trim", lambda: None)

    index._release_freed_memory_soon()  # and raises nothing


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_glibc_malloc_trim_is_found_here():
    assert index._malloc_trim()(0) in (0, 1)
