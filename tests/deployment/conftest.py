"""Fixtures of the deployment-shape suite: the running site (site.py), and staff signed in."""

from pathlib import Path

import pytest

from .site import running_site, server_urls

DEPLOYMENT_TESTS = Path(__file__).parent


@pytest.fixture(scope="session")
def deployment(tmp_path_factory):
    database_url, redis_url = server_urls()
    with running_site(
        tmp_path_factory.mktemp("deployment"), database_url=database_url, redis_url=redis_url
    ) as site:
        yield site


@pytest.fixture(scope="session")
def staff(deployment):
    return deployment.staff()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # The site is started once per process. `make test` spreads the suite over every
    # core (pytest-xdist, --dist loadgroup): the deployment tests all go to one worker,
    # so the site starts once, not once per worker.
    for item in items:
        if item.path.is_relative_to(DEPLOYMENT_TESTS):
            item.add_marker(pytest.mark.xdist_group("deployment"))
