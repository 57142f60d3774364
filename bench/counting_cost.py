"""What counting page views (readership/) costs a cached page, measured in-process.

    .venv/bin/python bench/counting_cost.py [--rounds 15] [--requests 2000]

bench/run.py measures the whole site, but two runs of it minutes apart on a shared
machine differ by more than the cost looked for. This calls Django's WSGI handler
directly (the production settings and middleware, DEBUG off, on the same prepared
site as bench/run.py) for a page the page cache holds, once with the counting
middleware and once without, alternating the two in short rounds so that both see the
same machine, and prints the median time per request of each and their difference.
"""

import argparse

from production import describe_machine, production_site

SCRIPT = """
import io, statistics, sys, time
import django
django.setup()
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler

with_counting = WSGIHandler()
settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if not name.startswith("readership.")]
without_counting = WSGIHandler()

def environ(path):
    return {{
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "HTTP_ACCEPT_ENCODING": "br",
        "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0", "HTTP_X_FORWARDED_PROTO": "https",
        "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr, "wsgi.url_scheme": "http",
        "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
        "SERVER_PROTOCOL": "HTTP/1.1",
    }}

def serve(handler, path):
    response = handler(environ(path), lambda status, headers: None)
    b"".join(response)
    response.close()
    assert response.status_code == 200, response.status_code

def per_request(handler, path, requests):
    started = time.perf_counter()
    for _ in range(requests):
        serve(handler, path)
    return (time.perf_counter() - started) / requests * 1e6

path, rounds, requests = {path!r}, {rounds}, {requests}
serve(with_counting, path)  # now in the page cache
times = {{"with": [], "without": []}}
for number in range(rounds):
    order = [("with", with_counting), ("without", without_counting)]
    for name, handler in order if number % 2 else order[::-1]:
        times[name].append(per_request(handler, path, requests))
for name in times:
    print(name, statistics.median(times[name]), min(times[name]))
"""


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=15, help="Alternating rounds (default 15).")
    parser.add_argument("--requests", type=int, default=2000, help="Requests per round (default 2000).")
    options = parser.parse_args()
    path = "/conditions/treatment-resistant-depression/"
    with production_site() as site:
        output = site.run_python(SCRIPT.format(path=path, rounds=options.rounds, requests=options.requests))
    results = {output[index]: (float(output[index + 1]), float(output[index + 2])) for index in (0, 3)}
    print(f"Machine: {describe_machine()}")
    print(f"A cached page ({path}), {options.rounds} alternating rounds of {options.requests} requests:")
    for name, (median, fastest) in results.items():
        print(
            f"  {name + ' counting':18} median {median:7.1f} µs per request (fastest round {fastest:.1f} µs)"
        )
    difference = results["with"][0] - results["without"][0]
    print(f"  counting costs {difference:+.1f} µs per request ({difference / results['without'][0]:+.1%})")


if __name__ == "__main__":
    main()
