"""Faults under load, with nothing lost: the deployment shape (two gunicorn instances
from gunicorn.conf.py, PostgreSQL and Redis) while patients keep using the site.

    .venv/bin/python bench/faults.py [--threads 12] [--pause 10]
        [--database postgres://postgres@127.0.0.1:5432/test] [--redis redis://127.0.0.1:6379/1]

A mixed load runs throughout (public pages, searches, and contact requests that each
carry a marker of their own). Meanwhile, one after the other, with --pause seconds of
plain load between them: a gunicorn worker is killed with SIGKILL, twice; Redis is
restarted (its connections cut and, as a restart without persistence does, its data
gone); PostgreSQL refuses connections for 10 s; gunicorn reloads gracefully (SIGHUP).
The site reaches both servers through proxies, so the real servers other work uses
are never stopped.

Printed: requests and errors by kind and fault, how long after each fault every
request succeeded again, and whether every contact request that got its thank-you
page is in the database exactly once. Exit status 1 when a patient got a 500, the
site took more than 5 s to recover from a fault, or a request was lost or doubled.
"""

import argparse
import os
import signal
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.deployment.load import MixedLoad  # noqa: E402
from tests.deployment.site import running_site  # noqa: E402


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--threads", type=int, default=12, help="Load threads (default 12).")
    parser.add_argument(
        "--pause", type=float, default=10, help="Seconds of load between faults (default 10)."
    )
    parser.add_argument(
        "--database", default=os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    )
    parser.add_argument("--redis", default=os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/1"))
    options = parser.parse_args()

    import redis

    workdir = Path(tempfile.mkdtemp(prefix="clinic-faults-"))
    database, cache = urllib.parse.urlsplit(options.database), urllib.parse.urlsplit(options.redis)
    with running_site(workdir, database_url=database, redis_url=cache) as site:
        redis_client = redis.Redis(host=cache.hostname, port=cache.port or 6379, db=3)

        def restart_redis():
            site.cache_proxy.stop()
            redis_client.flushdb()  # a restart without persistence forgets everything
            time.sleep(1)
            site.cache_proxy.start()

        def refuse_database():
            site.database_proxy.stop()
            time.sleep(10)
            site.database_proxy.start()

        def kill_a_worker():
            os.kill(sorted(site.instances[0].worker_pids())[0], signal.SIGKILL)

        faults_to_cause = [
            ("worker killed (SIGKILL)", kill_a_worker),
            ("worker killed again (SIGKILL)", kill_a_worker),
            ("Redis restarted", restart_redis),
            ("PostgreSQL refusing connections 10 s", refuse_database),
            ("graceful reload (SIGHUP)", lambda: site.instances[-1].process.send_signal(signal.SIGHUP)),
        ]
        load = MixedLoad([instance.port for instance in site.instances], threads=options.threads).start()
        started = time.monotonic()
        faults = []
        try:
            time.sleep(options.pause)
            for name, cause in faults_to_cause:
                began = time.monotonic()
                cause()
                faults.append((name, began, time.monotonic()))
                time.sleep(options.pause)
        finally:
            load.stop()
        duration = time.monotonic() - started
        saved = Counter(message.removeprefix("marker ") for message in site.saved_messages())

    print(
        f"Load: {options.threads} threads over 2 gunicorn instances, {duration:.0f} s, {len(load.outcomes)} requests"
    )
    totals = load.summary()
    print(
        "All requests by kind and answer: "
        + ", ".join(f"{k} {s}: {n}" for (k, s), n in sorted(totals.items(), key=str))
    )
    print()
    print(f"{'fault':40} {'requests':>8} {'errors':>6} {'500s':>5}  whole again after")
    ok = True
    for index, (name, began, ended) in enumerate(faults):
        until = faults[index + 1][1] if index + 1 < len(faults) else float("inf")
        during = load.summary(began, until)
        errors = sum(n for (kind, status), n in during.items() if status not in (200, 302))
        server_errors = sum(n for (kind, status), n in during.items() if status == 500)
        recovered = load.recovered_at(ended)
        recovery = recovered - ended if recovered else None
        ok = ok and server_errors == 0 and recovery is not None and recovery <= 5
        shown = f"{recovery:.2f} s" if recovery is not None else "NOT RECOVERED"
        kinds = ", ".join(
            f"{k} {s}: {n}" for (k, s), n in sorted(during.items(), key=str) if s not in (200, 302)
        )
        print(f"{name:40} {sum(during.values()):8d} {errors:6d} {server_errors:5d}  {shown}   {kinds}")
    lost = [marker for marker in load.accepted if saved[marker] == 0]
    doubled = [marker for marker in load.accepted if saved[marker] > 1]
    print()
    print(
        f"Contact requests with a thank-you page: {len(load.accepted)}; in the database exactly once: "
        f"{len(load.accepted) - len(lost) - len(doubled)}; lost: {len(lost)}; doubled: {len(doubled)}"
    )
    any_500 = any(status == 500 for (_kind, status) in totals)
    ok = ok and not lost and not doubled and not any_500
    print("nothing lost, no 500, recovered within 5 s of every fault" if ok else "LIMITS BROKEN")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
