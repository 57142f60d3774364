"""Which shared cache for one machine: the file-based one or a table in the database?

    .venv/bin/python bench/cache_backends.py [--processes 5] [--seconds 5]
        [--database postgres://postgres@127.0.0.1:5432/test]

Every gunicorn worker must share the cache (clinic_site/cache.py). With no Redis, the
two candidates Django ships that need no extra service are its file-based cache and
its database cache. This drives each, as the site does, from --processes processes at
once (as many as `make run` starts workers) for --seconds each, and prints operations
per second of each process's mix: a cached page read (8.5 KB, as a condition page with
gzip), and the contact form's rate-limit add() and incr() (and how many counts were
lost: an incr() that found its key gone). The database cache runs on
SQLite (the default database) and, given --database, on PostgreSQL.

Measured on 2026-12-02 (2 vCPUs): see the README's Benchmark section.
"""

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = os.urandom(8_600)  # compressed bytes do not compress again


def configure(backend, database_url, folder):
    sys.path.insert(0, str(ROOT))
    import dj_database_url
    import django
    from django.conf import settings

    caches = {
        "file": {"BACKEND": "clinic_site.cache.SharedFileCache", "LOCATION": str(folder / "files")},
        "database": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "bench_cache"},
    }
    settings.configure(
        DATABASES={"default": dj_database_url.parse(database_url)},
        CACHES={"default": {**caches[backend], "OPTIONS": {"MAX_ENTRIES": 3000}}},
        INSTALLED_APPS=[],
        USE_TZ=True,
    )
    django.setup()


def work(backend, database_url, folder, seconds, start, results):
    configure(backend, database_url, folder)
    from django.core.cache import cache

    operations = {"page read": 0, "rate limit": 0, "lost": 0}
    start.wait()
    deadline = time.perf_counter() + seconds
    number = 0
    while time.perf_counter() < deadline:
        number += 1
        assert cache.get("page:condition") is not None
        operations["page read"] += 1
        if number % 10 == 0:  # one contact request for every ten pages
            key = f"rate:{os.getpid()}:{number // 1000}"
            cache.add(key, 0, 3600)
            try:
                cache.incr(key)
                operations["rate limit"] += 1
            except ValueError:  # the count it had just added was gone
                operations["lost"] += 1
    results.put(operations)


def measure(backend, database_url, processes, seconds):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        setup = multiprocessing.Process(target=prepare, args=(backend, database_url, folder))
        setup.start()
        setup.join()
        start, results = multiprocessing.Event(), multiprocessing.Queue()
        workers = [
            multiprocessing.Process(
                target=work, args=(backend, database_url, folder, seconds, start, results)
            )
            for _ in range(processes)
        ]
        for worker in workers:
            worker.start()
        time.sleep(1)  # every process imported Django and connected
        start.set()
        totals = [results.get() for _ in workers]
        for worker in workers:
            worker.join()
    return {name: sum(total[name] for total in totals) / seconds for name in totals[0]}


def prepare(backend, database_url, folder):
    configure(backend, database_url, folder)
    from django.core.cache import cache
    from django.core.management import call_command

    if backend == "database":
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS bench_cache")
        call_command("createcachetable", verbosity=0)
    cache.set("page:condition", PAGE, 3600)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--processes", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database", default="", help="A PostgreSQL URL, to measure its cache table too.")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        sqlite_url = f"sqlite:///{folder}/bench.sqlite3"
        candidates = [
            ("file", sqlite_url, "file-based (shared folder)"),
            ("database", sqlite_url, "database (SQLite)"),
        ]
        if options.database:
            candidates.append(("database", options.database, "database (PostgreSQL)"))
        rounds = {label: [] for *_, label in candidates}
        for _ in range(options.rounds):
            for backend, url, label in candidates:
                rounds[label].append(measure(backend, url, options.processes, options.seconds))
    print(
        f"{options.processes} processes at once, {options.seconds} s each, median of {options.rounds} rounds"
    )
    print(f"{'cache':28} {'page reads/s':>13} {'rate-limit updates/s':>21} {'counts lost/s':>14}")
    medians = {}
    for label, results in rounds.items():
        medians[label] = {name: statistics.median(r[name] for r in results) for name in results[0]}
        figures = medians[label]
        print(
            f"{label:28} {figures['page read']:13.0f} {figures['rate limit']:21.0f} {figures['lost']:14.1f}"
        )
    file_reads = medians["file-based (shared folder)"]["page read"]
    for label, figures in medians.items():
        print(f"page reads, file-based / {label}: {file_reads / figures['page read']:.2f}")


if __name__ == "__main__":
    main()
