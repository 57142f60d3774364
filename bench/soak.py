"""Soak run: a minute of mixed load on the site as production runs it.

    .venv/bin/python bench/soak.py [--seconds 60] [--connections 64]

wrk, 64 connections on loopback, each request a random pick from a mix of public
pages, handouts, search queries (never cached) and 404s. Prints requests served,
errors (responses other than the expected 200 and 404, and socket errors: must be
0), p99 latency, and the resident memory of each gunicorn worker after a warm-up
and at the end (growth must stay under 10%). Exit status 1 when a limit is broken.
"""

import argparse
import sys

from production import describe_machine, production_site, run_wrk

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


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=60, help="Length of the load (default 60).")
    parser.add_argument("--connections", type=int, default=64, help="Concurrent connections (default 64).")
    options = parser.parse_args()

    with production_site() as site:
        # No worker recycling during the soak: memory is measured on the same workers.
        site.env["GUNICORN_MAX_REQUESTS"] = "0"
        site.start()
        script = site.workdir / "soak.lua"
        script.write_text(SCRIPT % {"pages": lua_list(PAGES), "missing": lua_list(NOT_FOUND)})
        run_wrk(site.base + "/", 5, options.connections, str(script))  # warm-up
        before = site.worker_memory_kib()
        result = run_wrk(site.base + "/", options.seconds, options.connections, str(script))
        after = site.worker_memory_kib()

    served = sum(result["statuses"].values())
    errors = result["socket_errors"] + sum(
        count for status, count in result["statuses"].items() if status not in (200, 404)
    )
    print(f"Machine: {describe_machine()}")
    print(
        f"Load: wrk, {options.connections} connections, {options.seconds} s, mixed pages, searches and 404s"
    )
    print(
        f"requests served: {served} ({result['rps']:.0f}/s); statuses: {dict(sorted(result['statuses'].items()))}"
    )
    print(f"errors: {errors} (must be 0)")
    print(f"latency: p50 {result['p50']:.2f} ms, p99 {result['p99']:.2f} ms")
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
    passed = errors == 0 and worst < 0.10 and served > 0
    print("soak passed" if passed else "SOAK FAILED")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
