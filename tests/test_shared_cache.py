"""The cache every worker shares: what makes edits and limits hold for the whole site.

The deployment suite (tests/deployment/) shows the result through real gunicorn
workers; these tests pin down the pieces: the cache counts correctly when several
processes count at once, an unreachable Redis never fails a request, and the
deploy check refuses a per-process cache.
"""

import multiprocessing
import os
import subprocess
import sys

import pytest
from django.test import override_settings

from clinic_site.cache import ResilientRedisCache, SharedFileCache
from clinic_site.checks import check_cache_is_shared


def _count(location, times):
    cache = SharedFileCache(location, {})
    for _ in range(times):
        cache.incr("count")


def test_the_file_cache_counts_exactly_when_processes_count_at_once(tmp_path):
    cache = SharedFileCache(str(tmp_path), {})
    cache.add("count", 0, 3600)
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_count, args=(str(tmp_path), 50)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    assert cache.get("count") == 200


def test_only_one_of_several_processes_adds_a_key(tmp_path):
    context = multiprocessing.get_context("fork")
    results = context.Queue()

    def add(name):
        results.put(SharedFileCache(str(tmp_path), {}).add("key", name, 60))

    workers = [context.Process(target=add, args=(f"worker-{n}",)) for n in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    assert sorted(results.get(timeout=5) for _ in workers) == [False] * 5 + [True]


def test_a_count_keeps_the_expiry_it_started_with(tmp_path):
    cache = SharedFileCache(str(tmp_path), {})
    cache.add("count", 0, 60)
    cache.incr("count")

    with open(cache._key_to_file("count"), "rb") as entry:
        import pickle
        import time

        assert 50 < pickle.load(entry) - time.time() <= 60


def test_a_value_another_worker_changes_or_deletes_is_read_anew_at_once(tmp_path):
    # Each worker keeps the small values it read in memory, but only while their file
    # is unchanged: the content version, read on every request, must never lag.
    reader, writer = SharedFileCache(str(tmp_path), {}), SharedFileCache(str(tmp_path), {})
    writer.set("version", "first", 60)
    assert reader.get("version") == "first"
    assert reader.get("version") == "first"  # now from memory

    writer.set("version", "second", 60)
    assert reader.get("version") == "second"
    writer.delete("version")
    assert reader.get("version") is None
    writer.add("version", "third", 60)
    assert reader.get("version") == "third"


def test_a_value_read_from_memory_cannot_be_changed_by_the_caller_who_read_it(tmp_path):
    cache = SharedFileCache(str(tmp_path), {})
    cache.set("hours", {"monday": ["9:00", "17:00"]}, 60)
    cache.set("version", ("token", 1.5), 60)
    cache.get("hours")["monday"].append("changed by a caller")
    cache.get("hours")["tuesday"] = "added by a caller"

    assert cache.get("hours") == {"monday": ["9:00", "17:00"]}
    assert cache.get("version") == ("token", 1.5)
    assert cache.get("version") is cache.get("version")  # kept decoded: nothing can change it


def test_a_value_kept_in_memory_still_expires(tmp_path, monkeypatch):
    import time

    cache = SharedFileCache(str(tmp_path), {})
    cache.set("version", "token", 30)
    assert cache.get("version") == "token"

    later = time.time() + 31
    monkeypatch.setattr(time, "time", lambda: later)
    assert cache.get("version") is None


@pytest.fixture
def unreachable_redis():
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return ResilientRedisCache(
        f"redis://127.0.0.1:{port}/0", {"OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}}
    )


def test_an_unreachable_redis_misses_and_drops_writes_instead_of_failing(unreachable_redis, caplog):
    assert unreachable_redis.get("page", "default") == "default"
    assert unreachable_redis.get_many(["a", "b"]) == {}
    assert unreachable_redis.set("page", "content") is None
    assert unreachable_redis.add("page", "content") is False
    assert unreachable_redis.delete("page") is False
    assert "Cache unreachable" in caplog.text
    with pytest.raises(Exception):  # noqa: B017 - a count that cannot count must say so
        unreachable_redis.incr("count")


def test_the_contact_rate_limit_lets_requests_through_while_the_cache_is_down(
    unreachable_redis, rf, monkeypatch
):
    from consultations import intake

    monkeypatch.setattr(intake, "cache", unreachable_redis)

    assert all(intake.within_rate_limit(rf.post("/contact/")) for _ in range(10))


def deploy_warnings():
    return [message.id for message in check_cache_is_shared(None)]


def test_the_deploy_check_warns_about_a_per_process_cache():
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}):
        assert "clinic_site.W001" in deploy_warnings()


def test_the_deploy_check_accepts_the_shared_caches():
    assert "clinic_site.W001" not in deploy_warnings()
    with override_settings(CACHES={"default": {"BACKEND": "clinic_site.cache.ResilientRedisCache"}}):
        assert "clinic_site.W001" not in deploy_warnings()


def test_each_site_on_a_machine_gets_a_cache_folder_of_its_own(tmp_path):
    def cache_folder(database_url):
        env = {
            key: value for key, value in os.environ.items() if key not in ("DJANGO_CACHE_DIR", "REDIS_URL")
        }
        code = "from django.conf import settings; print(settings.CACHES['default']['LOCATION'])"
        return subprocess.run(
            [sys.executable, "-c", code],
            env={**env, "DJANGO_SETTINGS_MODULE": "clinic_site.settings", "DATABASE_URL": database_url},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    first = cache_folder(f"sqlite:///{tmp_path / 'one.sqlite3'}")
    second = cache_folder(f"sqlite:///{tmp_path / 'two.sqlite3'}")

    assert first != second
    assert first == cache_folder(f"sqlite:///{tmp_path / 'one.sqlite3'}")
