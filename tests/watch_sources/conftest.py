import pytest

from tests.helpers import SOURCE_FIXTURES


@pytest.fixture
def fixture_bytes():
    def read(name: str) -> bytes:
        return (SOURCE_FIXTURES / name).read_bytes()

    return read


@pytest.fixture(autouse=True)
def _fast_retries(settings):
    """Retries without waiting, and a short timeout, so failure tests stay quick."""
    settings.SOURCE_FETCH_ATTEMPTS = 2
    settings.SOURCE_RETRY_BACKOFF = 0
    settings.SOURCE_TIMEOUT = 0.5
    settings.SOURCE_DEADLINE = 5
