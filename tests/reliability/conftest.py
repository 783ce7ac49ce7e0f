"""A deployment of its own for each test of background work, copied from a migrated
template made once per module (tests/reliability/deployments.py).

A module sets the environment its processes run with by overriding `deployment_settings`,
and seeds its template by overriding `template`.
"""

import pytest

from tests.reliability.deployments import deployment_copied_from, template_database


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A migrated database with nothing seeded, shared by one module's tests; its URL."""
    with template_database(tmp_path_factory.mktemp("template")) as url:
        yield url


@pytest.fixture
def deployment_settings() -> dict[str, str]:
    """The environment of every process of the deployment, beyond Deployment's defaults."""
    return {}


@pytest.fixture
def deployment(template, tmp_path, deployment_settings):
    with deployment_copied_from(template, tmp_path, **deployment_settings) as deployment:
        yield deployment
