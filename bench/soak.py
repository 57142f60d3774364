"""Soak run: ten minutes of mixed load on the site in its deployment shape.

    .venv/bin/python bench/soak.py [--seconds 600] [--connections 256]
        [--database postgres://postgres@127.0.0.1:5432/test] [--redis redis://127.0.0.1:6379/1]

gunicorn from gunicorn.conf.py on PostgreSQL and Redis (a database and Redis database
of its own), driven by wrk on loopback, each request a random pick from a mix of
public pages, handouts, the forms, search queries (never in the page cache; a search
that found pages is rendered once per content version) and 404s. Then a static file
under the same load, for comparison in the same run.

Prints requests served, errors (responses other than 200, 404 and a deliberate 429,
and socket errors: must be 0; a request may wait up to 10 s, as a browser would),
p50 and p99 latency beside the static file's, the resident memory of each gunicorn
worker after a warm-up and at the end (growth must stay under 10%), and the open
database connections at both moments (must not grow). Exit status 1 when a limit is
broken.
"""

import argparse
import os
import re
import sys
import tempfile
import urllib.parse
from pathlib import Path

from production import ROOT, describe_machine, fetch, run_wrk, wrk_script

sys.path.insert(0, str(ROOT))
from tests.deployment.site import running_site  # noqa: E402

PAGES = [
    "/",
    "/conditions/",
    "/conditions/treatment-resistant-depression/",
    "/conditions/anxiety-disorders/",
    "/conditions/ptsd/",
    "/conditions/chronic-pain/",
    "/conditions/suicidal-ideation/",
    "/conditions/bipolar-disorder/",
    "/conditions/ptsd/handout/",
    "/what-to-expect/",
    "/faq/",
    "/for-providers/",
    "/about/",
    "/contact/",
    "/refer/",
    "/sitemap.xml",
    "/search/?q=ketamine",
    "/search/?q=blood+pressure",
    "/search/?q=flashbacks",
    "/search/?q=zzzz",
]
NOT_FOUND = ["/no-such-page/", "/conditions/no-such-condition/", "/wp-login.php", "/.env"]

SCRIPT = """
wrk.headers["X-Forwarded-Proto"] = "https"
wrk.headers["Accept-Encoding"] = "gzip, deflate, br"
local pages = {%(pages)s}
local missing = {%(missing)s}
statuses = {}
threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {}; math.randomseed(os.time() + math.random(1000)) end
function request()
  if math.random(10) == 1 then
    return wrk.format("GET", missing[math.random(#missing)] .. "?n=" .. math.random(1000000))
  end
  return wrk.format("GET", pages[math.random(#pages)])
end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do merged[status] = (merged[status] or 0) + count end
  end
  for status, count in pairs(merged) do io.write(string.format("status %%d %%d\\n", status, count)) end
end
"""


def lua_list(items):
    return ", ".join(f'"{item}"' for item in items)


def worker_memory_kib(instance):
    sizes = {}
    for pid in instance.worker_pids():
        status = Path(f"/proc/{pid}/status")
        if status.exists() and (found := re.search(r"VmRSS:\s+(\d+) kB", status.read_text())):
            sizes[pid] = int(found.group(1))
    return sizes


def database_connections(url):
    import psycopg

    name = urllib.parse.urlsplit(url).path.lstrip("/")
    with psycopg.connect(url) as connection:
        return connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [name]
        ).fetchone()[0]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=600, help="Length of the load (default 600).")
    parser.add_argument("--connections", type=int, default=256, help="Concurrent connections (default 256).")
    parser.add_argument(
        "--database", default=os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    )
    parser.add_argument("--redis", default=os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/1"))
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="clinic-soak-"))
    database, cache = urllib.parse.urlsplit(options.database), urllib.parse.urlsplit(options.redis)
    # No worker recycling during the soak: memory is measured on the same workers.
    with running_site(
        workdir, database_url=database, redis_url=cache, instances=1, extra_env={"GUNICORN_MAX_REQUESTS": "0"}
    ) as site:
        instance = site.instances[0]
        base = f"http://127.0.0.1:{instance.port}"
        script = workdir / "soak.lua"
        script.write_text(SCRIPT % {"pages": lua_list(PAGES), "missing": lua_list(NOT_FOUND)})
        run_wrk(base + "/", 10, options.connections, str(script), timeout=10)  # warm-up
        before, connections_before = (
            worker_memory_kib(instance),
            database_connections(site.env["DATABASE_URL"]),
        )
        result = run_wrk(base + "/", options.seconds, options.connections, str(script), timeout=10)
        after, connections_after = worker_memory_kib(instance), database_connections(site.env["DATABASE_URL"])
        stylesheet = (
            re.search(rb'href="(/static/css/site\.[0-9a-f]+\.css)"', fetch(base + "/")).group(1).decode()
        )
        static_script = workdir / "static.lua"
        static_script.write_text(wrk_script("br"))
        static = run_wrk(base + stylesheet, 30, options.connections, str(static_script), timeout=10)

    served = sum(result["statuses"].values())
    errors = result["socket_errors"] + sum(
        count for status, count in result["statuses"].items() if status not in (200, 404, 429)
    )
    print(f"Machine: {describe_machine()}")
    print(
        f"Load: wrk, {options.connections} connections, {options.seconds} s, mixed pages, forms, searches and 404s; "
        f"gunicorn ({len(before)} workers) on PostgreSQL and Redis"
    )
    print(
        f"requests served: {served} ({result['rps']:.0f}/s); statuses: {dict(sorted(result['statuses'].items()))}"
    )
    print(f"errors: {errors} (must be 0)")
    print(
        f"latency: p50 {result['p50']:.2f} ms, p99 {result['p99']:.2f} ms; "
        f"static file in the same run: p50 {static['p50']:.2f} ms, p99 {static['p99']:.2f} ms "
        f"({static['rps']:.0f}/s)"
    )
    growths = []
    for pid, start in sorted(before.items()):
        end = after.get(pid)
        if end is None:
            print(f"worker {pid}: {start / 1024:.1f} MiB at start, restarted during the run")
            continue
        growth = (end - start) / start
        growths.append(growth)
        print(f"worker {pid}: {start / 1024:.1f} MiB -> {end / 1024:.1f} MiB ({growth:+.1%})")
    worst = max(growths, default=0.0)
    print(f"worst worker memory growth: {worst:+.1%} (must stay under 10%)")
    print(
        f"open database connections: {connections_before} after the warm-up, {connections_after} at the end"
    )
    passed = errors == 0 and worst < 0.10 and served > 0 and connections_after <= connections_before
    print("soak passed" if passed else "SOAK FAILED")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
