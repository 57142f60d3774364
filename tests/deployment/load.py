"""A mixed load of what patients do, for fault tests and bench/faults.py.

Threads ask for public pages and searches, and send contact requests, each with a
marker of its own in its message and from an address of its own (127.0.x.y, so the
hourly limit never applies). Every answer is recorded with its time, and the markers
of the requests that got their thank-you page are kept, to compare with what the
database holds afterwards: each must be there exactly once.
"""

import itertools
import random
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

from .web import Visitor, form_fields

PAGES = ["/", "/conditions/", "/conditions/chronic-pain/", "/faq/", "/es/", "/what-to-expect/"]
SEARCHES = ["/search/?q=blood+pressure", "/search/?q=ketamine", "/es/buscar/?q=presion"]
CONTACT = {
    "phone": "(310) 555-0123",
    "email": "",
    "preferred_method": "either",
    "preferred_time": "any",
    "topic": "not-sure",
    "consent": "on",
}


@dataclass
class Outcome:
    at: float
    kind: str
    status: object  # an HTTP status, or the name of the connection error


@dataclass
class MixedLoad:
    ports: list
    threads: int = 8
    outcomes: list = field(default_factory=list)
    accepted: set = field(default_factory=set)

    def __post_init__(self):
        self._stop = threading.Event()
        self._addresses = (f"127.0.{a}.{b}" for a, b in itertools.product(range(10, 250), range(1, 250)))
        self._lock = threading.Lock()
        self._workers = []

    def start(self):
        for _ in range(self.threads):
            worker = threading.Thread(target=self._run, daemon=True)
            worker.start()
            self._workers.append(worker)
        return self

    def stop(self):
        self._stop.set()
        for worker in self._workers:
            worker.join(timeout=30)

    def _run(self):
        chance = random.Random()
        while not self._stop.is_set():
            port = chance.choice(self.ports)
            roll = chance.random()
            if roll < 0.6:
                self._ask("page", self._get, port, chance.choice(PAGES))
            elif roll < 0.8:
                self._ask("search", self._get, port, chance.choice(SEARCHES))
            else:
                self._ask("contact", self._contact, port)

    def _get(self, port, path):
        return Visitor().get(port, path).status

    def _contact(self, port):
        with self._lock:
            address = next(self._addresses)
        visitor = Visitor(address)
        page = visitor.get(port, "/contact/")
        if page.status != 200:
            return page.status
        marker = uuid.uuid4().hex
        form = {**form_fields(page.text), **CONTACT, "name": "Load Test", "message": f"marker {marker}"}
        sent = visitor.post(port, "/contact/", form)
        if sent.status == 302 and sent.location.endswith("/thanks/"):
            with self._lock:
                self.accepted.add(marker)
        return sent.status

    def _ask(self, kind, request, *args):
        try:
            status = request(*args)
        except OSError as error:  # the connection was cut (a worker killed, say)
            status = type(error).__name__
        with self._lock:
            self.outcomes.append(Outcome(time.monotonic(), kind, status))

    def summary(self, since=0.0, until=float("inf")):
        """Counter of (kind, status) between two moments."""
        with self._lock:
            return Counter((o.kind, o.status) for o in self.outcomes if since <= o.at <= until)

    def recovered_at(self, since, window=1.0):
        """When every request, of every kind, answered 200 or 302 for ``window`` seconds on
        end after ``since``; None if that never happened."""
        with self._lock:
            outcomes = sorted((o for o in self.outcomes if o.at >= since), key=lambda o: o.at)
        start = None
        for outcome in outcomes:
            if outcome.status in (200, 302):
                start = outcome.at if start is None else start
                if outcome.at - start >= window:
                    return start
            else:
                start = None
        return None
