"""gunicorn settings for production: `gunicorn --config gunicorn.conf.py clinic_site.wsgi`.

Values come from the environment where it makes sense (WEB_CONCURRENCY, PORT, HOST,
GUNICORN_MAX_REQUESTS); GUNICORN_CMD_ARGS overrides anything else.
"""

import gc
import multiprocessing
import os
import time

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"

# Workers from the CPU count. Synchronous workers take one connection at a time, so
# load spreads evenly over them: bench/run.py and bench/soak.py measured a lower p99
# than with threaded workers, at the same throughput. The reverse proxy in front
# keeps client connections alive.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"

# A request taking longer than this is stuck: the worker is replaced.
timeout = 30
# On SIGHUP or SIGTERM, workers finish the requests they have (graceful restarts).
graceful_timeout = 30
# Recycle workers now and then, so that a slow leak can never grow without bound.
# Workers share the load evenly, so with a small jitter they all reached the limit
# within a second of each other, and the site had only new workers at once: spread.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 2
# Load the app before forking: a broken deploy fails at start, not on first request.
preload_app = True

# One JSON object per request on stdout, for the log collector. Nothing in it tells
# one visitor from another (no address, browser, referring page or query string): a
# patient reading about suicidal thoughts is never recorded as a person.
accesslog = "-"
errorlog = "-"
access_log_format = (
    '{"time": "%(t)s", "pid": "%(p)s", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "bytes": "%(B)s", "duration_us": %(D)s}'
)


def pre_fork(server, worker):
    # The app is loaded (preload_app): move everything it made so far out of the
    # garbage collector's sight. Collections in the workers then scan only what each
    # request makes, which keeps pauses out of the latency tail (and the pages shared
    # with the master stay shared: no collector writes to them).
    gc.freeze()


def when_ready(server):
    # `make run` passes the moment it started, to say how long a first start takes.
    started_at = os.environ.get("CLINIC_STARTED_AT")
    if started_at:
        elapsed = time.time() - float(started_at)
        server.log.info("Serving on http://%s/ (ready %.0f s after `make run` started)", bind, elapsed)
