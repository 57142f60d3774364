"""Nothing lost under faults, while patients keep using the site: workers killed, the
cache and database servers stopped and started again, a graceful reload.

Afterwards every contact request that got its thank-you page is in the database
exactly once, no one got a 500 (only the 503 page while the database was gone), and
the site was whole again within 5 s of each fault. bench/faults.py does the same at
length and prints the figures.
"""

import os
import signal
import time
from collections import Counter

import pytest

from .load import MixedLoad


def test_nothing_is_lost_when_workers_crash_and_servers_restart(deployment, record_figure):
    if not deployment.uses_servers:
        pytest.skip(
            "the fault run needs the database and cache servers: it runs in the PostgreSQL + Redis pass"
        )
    load = MixedLoad([instance.port for instance in deployment.instances], threads=6).start()
    faults = []

    def fault(name, start, end=None, seconds=0.0):
        began = time.monotonic()
        start()
        time.sleep(seconds)
        if end:
            end()
        faults.append((name, began, time.monotonic()))
        time.sleep(6)  # the load goes on: time to recover, and to show it

    try:
        time.sleep(2)
        for _ in range(2):
            instance = deployment.instances[0]
            victim = sorted(instance.worker_pids())[0]
            fault("worker killed (SIGKILL)", lambda victim=victim: os.kill(victim, signal.SIGKILL))
        fault("cache server stopped 3 s", deployment.cache_proxy.stop, deployment.cache_proxy.start, 3)
        fault("database stopped 5 s", deployment.database_proxy.stop, deployment.database_proxy.start, 5)
        fault("graceful reload (SIGHUP)", lambda: deployment.instances[-1].process.send_signal(signal.SIGHUP))
    finally:
        load.stop()

    database_down = [(began, ended) for name, began, ended in faults if name.startswith("database")]
    kills = [began for name, began, _ in faults if "SIGKILL" in name]
    problems = Counter()
    for outcome in load.outcomes:
        if outcome.status in (200, 302, 404):
            continue
        during_outage = any(began <= outcome.at <= ended + 1 for began, ended in database_down)
        just_after_a_kill = any(began <= outcome.at <= began + 2 for began in kills)
        if outcome.status == 503 and during_outage:
            continue
        if isinstance(outcome.status, str) and just_after_a_kill:
            continue  # the killed worker's own connection, cut mid-request
        problems[(outcome.kind, outcome.status)] += 1

    recovery = [load.recovered_at(ended) for _name, _began, ended in faults]
    saved = Counter(message.removeprefix("marker ") for message in deployment.saved_messages())
    section = "Faults under load (the PostgreSQL + Redis pass)"
    record_figure(section, f"{len(load.outcomes)} requests, {dict(load.summary())}", 0)
    for order, ((name, _began, ended), after) in enumerate(zip(faults, recovery, strict=True), start=1):
        line = f"  {name}: whole again {after - ended:.2f} s after" if after else f"  {name}: NOT recovered"
        record_figure(section, line, order)
    assert not problems, problems
    for (name, _began, ended), after in zip(faults, recovery, strict=True):
        assert after is not None and after - ended <= 5, name
    assert load.accepted, "the load sent no contact request"
    assert all(saved[marker] == 1 for marker in load.accepted), (
        "a request with a thank-you page is missing or doubled"
    )
