"""Load benchmark: the site as production runs it, measured with wrk on loopback.

    .venv/bin/python bench/run.py [--rounds 5] [--seconds 5] [--connections 16]

Targets, each measured once per round, the rounds interleaved (tail latency on a
shared 2-core machine swings between back-to-back runs, so every figure is the median
of the rounds, and each ratio compares figures of this one run):

* the home page, a condition page and a 404 page, as a browser asks for them
  (Accept-Encoding: br) and, for the condition page, without compression;
* a static file of the condition page's size (with its own .br copy, as whitenoise
  keeps for every static file), served by whitenoise from the same server;
* the pages the page cache cannot hold whole: the contact and referral forms (each
  visitor gets a security token) and search, one query over and over and a patient's
  forty different queries in English and Spanish in turn.

Also prints the bytes of each page per encoding and the database queries a cached
page costs (counted in-process against the same database and cache).

Targets (2-core machine, 16 connections): condition page / static file throughput
at least 0.9 and p99 at most 1.2 times the static file's, with and without Brotli;
search and the form pages at least 0.3 times the condition page's throughput; 0
errors; 0 queries per cached page. The exit status is 1 when a target is missed.
"""

import argparse
import statistics
import sys

import brotli
from production import describe_machine, fetch, production_site, run_wrk, wrk_script

CONDITION_PATH = "/conditions/treatment-resistant-depression/"
SEARCH_PATH = "/search/?q=blood+pressure"
# What patients type, misspellings and missing accents included (tests/test_search.py).
PATIENT_QUERIES = [
    *(
        f"/search/?q={query}"
        for query in [
            "ptsd",
            "flashbacks",
            "bipolar",
            "bipoler",
            "anxiety",
            "panic+attacks",
            "depression",
            "depresion",
            "suicidal+thoughts",
            "chronic+pain",
            "crps",
            "fibromyalgia",
            "ketamine+therapy",
            "is+ketamine+addictive",
            "drive+home",
            "pregnant",
            "insurance",
            "spravato",
            "refer+a+patient",
            "side+effects",
            "blood+pressure",
            "how+long+does+it+last",
        ]
    ),
    *(
        f"/es/buscar/?q={query}"
        for query in [
            "ansiedad",
            "ansiedd",
            "depresion",
            "pensamientos+suicidas",
            "dolor+cronico",
            "estres+postraumatico",
            "pesadillas",
            "trastorno+bipolar",
            "embarazada",
            "seguro+medico",
            "efectos+secundarios",
            "presion+arterial",
            "cuanto+dura",
            "ketamina",
            "esketamina",
            "manejar",
            "lactancia",
            "psicosis",
        ]
    ),
]
UNCACHED_PAGES = ["contact form", "referral form", "search", "search, 40 queries"]
STATIC_PATH = "/static/bench/condition-sized.html"

QUERIES_SCRIPT = """
import django; django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1:{port}", headers={{"X-Forwarded-Proto": "https"}})
for path in {paths!r}:
    client.get(path)  # as a visitor before had it: now cached
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    print(path, status, len(queries))
"""


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5, help="Interleaved rounds (default 5).")
    parser.add_argument("--seconds", type=int, default=5, help="Load time per target per round (default 5).")
    parser.add_argument("--connections", type=int, default=16, help="Concurrent connections (default 16).")
    options = parser.parse_args()

    with production_site() as site:
        # A static file the size of the condition page, with the compressed copies
        # whitenoise serves for every static file. whitenoise scans STATIC_ROOT when it
        # starts, so the files are written before the measured server starts.
        site.start()
        sample = fetch(site.base + CONDITION_PATH)
        site.stop()
        folder = site.workdir / "static" / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "condition-sized.html").write_bytes(sample)
        (folder / "condition-sized.html.br").write_bytes(brotli.compress(sample, quality=11))
        site.start()

        targets = [
            ("home page", "/", 200, "br"),
            ("condition page", CONDITION_PATH, 200, "br"),
            ("static file", STATIC_PATH, 200, "br"),
            ("condition page, plain", CONDITION_PATH, 200, "identity"),
            ("static file, plain", STATIC_PATH, 200, "identity"),
            ("404 page", "/no-such-page/", 404, "br"),
            ("contact form", "/contact/", 200, "br"),
            ("referral form", "/refer/", 200, "br"),
            ("search", SEARCH_PATH, 200, "br"),
            ("search, 40 queries", "/search/", 200, "queries"),
        ]
        scripts = {}
        for encoding in ("br", "identity"):
            scripts[encoding] = site.workdir / f"count-{encoding}.lua"
            scripts[encoding].write_text(wrk_script(accept_encoding=encoding))
        scripts["queries"] = site.workdir / "count-queries.lua"
        scripts["queries"].write_text(wrk_script(accept_encoding="br", paths=PATIENT_QUERIES))
        for _, path, status, _ in targets:
            if status == 200:
                fetch(site.base + path)  # the page cache holds what a running site would

        print(f"Machine: {describe_machine()}")
        print(f"Server: gunicorn --config gunicorn.conf.py, {len(site.worker_pids())} sync workers")
        print(
            f"Load: wrk, 2 threads, {options.connections} connections, {options.seconds} s per target, "
            f"{options.rounds} interleaved rounds, loopback"
        )
        print()
        print("Bytes per response (Accept-Encoding):")
        for name, path in [("home page", "/"), ("condition page", CONDITION_PATH), ("404 page", "/x-404/")]:
            sizes = {
                encoding: len(fetch(site.base + path, encoding)) for encoding in ("identity", "gzip", "br")
            }
            print(f"  {name:16} " + "  ".join(f"{enc} {size:6d}" for enc, size in sizes.items()))
        print()
        print("Database queries per request for a cached page (counted in-process):")
        queries = site.run_python(QUERIES_SCRIPT.format(port=site.port, paths=["/", CONDITION_PATH, "/faq/"]))
        cached_queries = 0
        for index in range(0, len(queries), 3):
            path, status, count = queries[index : index + 3]
            cached_queries += int(count)
            print(f"  {path:50} {status}  {count} queries")
        print()

        rounds = {name: [] for name, *_ in targets}
        for number in range(1, options.rounds + 1):
            for name, path, status, encoding in targets:
                result = run_wrk(
                    site.base + path, options.seconds, options.connections, str(scripts[encoding])
                )
                served = sum(result["statuses"].values())
                result["errors"] = result["socket_errors"] + served - result["statuses"].get(status, 0)
                result["served"] = served
                rounds[name].append(result)
            print(
                f"round {number}: "
                + ", ".join(f"{name} {rounds[name][-1]['rps']:.0f}/s" for name, *_ in targets)
            )

    print()
    print(
        f"{'target (median of rounds)':28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9} {'errors':>7}"
    )
    summary = {}
    for name, results in rounds.items():
        summary[name] = {
            "rps": statistics.median(r["rps"] for r in results),
            "p50": statistics.median(r["p50"] for r in results),
            "p99": statistics.median(r["p99"] for r in results),
            "served": sum(r["served"] for r in results),
            "errors": sum(r["errors"] for r in results),
        }
        s = summary[name]
        print(f"{name:28} {s['rps']:8.0f} {s['p50']:8.2f} {s['p99']:8.2f} {s['served']:9d} {s['errors']:7d}")

    print()
    met = True
    for page, static in [("condition page", "static file"), ("condition page, plain", "static file, plain")]:
        throughput = summary[page]["rps"] / summary[static]["rps"]
        tail = summary[page]["p99"] / summary[static]["p99"]
        met = met and throughput >= 0.9 and tail <= 1.2
        print(
            f"{page} / {static}: throughput {throughput:.2f} (target >= 0.90), p99 {tail:.2f} (target <= 1.20)"
        )
    for page in UNCACHED_PAGES:
        throughput = summary[page]["rps"] / summary["condition page"]["rps"]
        met = met and throughput >= 0.3
        print(f"{page} / condition page: throughput {throughput:.2f} (target >= 0.30)")
    errors = sum(s["errors"] for s in summary.values())
    print(f"errors: {errors} (target 0); queries per cached page: {cached_queries} (target 0)")
    met = met and errors == 0 and cached_queries == 0
    print("all targets met" if met else "TARGETS MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
