"""Fixtures of the deployment-shape suite: the running site (site.py), and staff signed in."""

import pytest

from .site import running_site, server_urls


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
