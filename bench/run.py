"""Load benchmark: the site as production runs it, measured with wrk on loopback.

    .venv/bin/python bench/run.py [--seconds 15] [--connections 16]

Drives four targets one after the other: the home page, a condition page, a 404,
and a static file of the condition page's size served by whitenoise from the same
server. Prints requests per second, p50 and p99 latency and errors for each, and the
ratio condition page / static file, measured in this one run.

Targets (2-core machine): ratio >= 0.8, p99 <= 25 ms at 16 connections, 0 errors.
The exit status is 1 when a target is missed.
"""

import argparse
import sys

from production import COUNT_STATUSES, describe_machine, fetch, production_site, run_wrk

CONDITION_PATH = "/conditions/treatment-resistant-depression/"


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=15, help="Load time per target (default 15).")
    parser.add_argument("--connections", type=int, default=16, help="Concurrent connections (default 16).")
    options = parser.parse_args()

    with production_site() as site:
        # A static file the size of the condition page. whitenoise scans STATIC_ROOT
        # when it starts, so the file is written before the measured server starts.
        site.start()
        sample = fetch(site.base + CONDITION_PATH)
        site.stop()
        (site.workdir / "static" / "bench").mkdir(parents=True, exist_ok=True)
        (site.workdir / "static" / "bench" / "condition-sized.html").write_bytes(sample)
        site.start()

        targets = [
            ("home page", "/", 200),
            ("condition page", CONDITION_PATH, 200),
            ("404 page", "/no-such-page/", 404),
            ("static file", "/static/bench/condition-sized.html", 200),
        ]
        script = site.workdir / "count.lua"
        script.write_text(COUNT_STATUSES)
        for _, path, status in targets:
            if status == 200:
                fetch(site.base + path)  # the page cache holds what a running site would
        print(f"Machine: {describe_machine()}")
        print(
            f"Load: wrk, 2 threads, {options.connections} connections, {options.seconds} s per target, loopback"
        )
        print(
            f"Condition page: {len(sample) / 1024:.1f} KB; static file: the same bytes, served by whitenoise"
        )
        print(f"{'target':16} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9} {'errors':>7}")
        results = {}
        for name, path, status in targets:
            result = run_wrk(site.base + path, options.seconds, options.connections, str(script))
            served = sum(result["statuses"].values())
            result["errors"] = result["socket_errors"] + served - result["statuses"].get(status, 0)
            results[name] = result
            print(
                f"{name:16} {result['rps']:9.0f} {result['p50']:8.2f} {result['p99']:8.2f} "
                f"{served:9d} {result['errors']:7d}"
            )

    ratio = results["condition page"]["rps"] / results["static file"]["rps"]
    worst_p99 = max(result["p99"] for result in results.values())
    errors = sum(result["errors"] for result in results.values())
    print(f"ratio condition page / static file: {ratio:.2f} (target >= 0.80)")
    print(f"worst p99: {worst_p99:.2f} ms (target <= 25 ms); errors: {errors} (target 0)")
    met = ratio >= 0.8 and worst_p99 <= 25 and errors == 0
    print("all targets met" if met else "TARGETS MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
