"""The site in the shape patients get: real gunicorn processes, real HTTP, nothing else.

Used by this folder's tests (started once for all of them) and by bench/faults.py from gunicorn.conf.py (its preload_app and
logging), with 3 sync workers per instance and DEBUG at its default (off):

* on SQLite with the default production cache (the shared file cache), one instance;
* when DATABASE_URL and REDIS_URL name PostgreSQL and Redis (CI's second pass), on a
  database and a Redis database of its own, with two instances on two ports sharing
  them, as the README's "Running at scale" shows. The site reaches both servers
  through switchable proxies, so a test can stop "the database" or "the cache" as
  the site sees them.

Every check goes through HTTP only (admin actions too, signed in as staff) and is
repeated across all instances, in parallel bursts, until every worker has answered.
"""

import concurrent.futures
import contextlib
import json
import os
import subprocess
import sys
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .proxy import SwitchableProxy
from .web import Visitor, form_fields


class DeploymentError(AssertionError):
    """The site in its deployment shape did not do what it must."""


ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
WORKERS = 3
# The deployment's own Redis database: the suite's workers take 1, 2, 3... (tests/environment.py).
DEPLOYMENT_REDIS_DB = 15
STAFF_PASSWORD = "deployment-staff-" + uuid.uuid4().hex


def server_urls():
    database, cache = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
    if database.startswith("postgres") and cache.startswith("redis"):
        return urllib.parse.urlsplit(database), urllib.parse.urlsplit(cache)
    return None, None


@dataclass
class Instance:
    port: int
    process: subprocess.Popen
    log: Path

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return {int(pid) for pid in children.read_text().split()} if children.exists() else set()

    def served(self):
        """(pid, method, path, status) of every request in the access log so far."""
        entries = []
        # The last line may still be being written: only whole lines count.
        for line in self.log.read_text(errors="replace").split("\n")[:-1]:
            if line.startswith('{"time"'):
                entry = json.loads(line)
                entries.append(
                    (int(entry["pid"].strip("<>")), entry["method"], entry["path"], entry["status"])
                )
        return entries


@dataclass
class Deployment:
    workdir: Path
    env: dict
    instances: list = field(default_factory=list)
    database_proxy: SwitchableProxy | None = None
    cache_proxy: SwitchableProxy | None = None

    @property
    def uses_servers(self):
        return self.database_proxy is not None

    def manage(self, *args, check=True):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=check,
            capture_output=True,
            text=True,
            timeout=300,
        )

    def start_instance(self):
        port = _free_port()
        log = self.workdir / f"gunicorn-{port}.log"
        env = {**self.env, "PORT": str(port)}
        if self.uses_servers:
            env["DATABASE_URL"] = self.env["DATABASE_URL_VIA_PROXY"]
            env["REDIS_URL"] = self.env["REDIS_URL_VIA_PROXY"]
        with open(log, "w") as output:
            process = subprocess.Popen(
                [BIN / "gunicorn", "--config", "gunicorn.conf.py", "clinic_site.wsgi"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        instance = Instance(port, process, log)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if Visitor().get(port, "/healthz").status == 200 and len(instance.worker_pids()) == WORKERS:
                    break
            except OSError:
                pass
            if process.poll() is not None:
                raise DeploymentError("gunicorn stopped:\n" + log.read_text())
            time.sleep(0.2)
        else:
            process.terminate()
            raise DeploymentError("gunicorn did not start:\n" + log.read_text())
        self.instances.append(instance)
        return instance

    def worker_pids(self):
        return {pid for instance in self.instances for pid in instance.worker_pids()}

    def everywhere(self, path, *, visitor=None, headers=None, method="GET"):
        """Ask every worker of every instance for ``path``; the responses, in parallel bursts.

        Requests of one burst overlap, so sync workers (one request at a time) share
        them out; bursts repeat until the access logs show every worker answered.
        """
        visitor = visitor or Visitor()
        workers = {instance.port: instance.worker_pids() for instance in self.instances}
        seen_before = {instance.port: len(instance.served()) for instance in self.instances}
        responses = []
        burst = [instance.port for instance in self.instances] * (WORKERS * 3)
        with concurrent.futures.ThreadPoolExecutor(max_workers=len(burst)) as pool:
            for _attempt in range(6):
                responses += pool.map(
                    lambda port: visitor.request(port, method, path, headers=headers), burst
                )
                if self._every_worker_answered(workers, seen_before, path):
                    return responses
        raise DeploymentError(f"not every worker answered {path} in 6 bursts of {len(burst)} requests")

    def _every_worker_answered(self, workers, seen_before, path):
        bare_path = path.split("?", 1)[0]
        for _ in range(20):  # the access log line follows the response by a moment
            missing = False
            for instance in self.instances:
                answered = {
                    pid
                    for pid, _method, logged_path, _status in instance.served()[seen_before[instance.port] :]
                    if logged_path == bare_path
                }
                missing = missing or not workers[instance.port] <= answered
            if not missing:
                return True
            time.sleep(0.05)
        return False

    def saved_messages(self):
        """The message of every contact request in the deployment's database."""
        url = self.env["DATABASE_URL"]
        if url.startswith("sqlite"):
            import sqlite3

            with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
                return [
                    row[0] for row in connection.execute("SELECT message FROM consultations_contactrequest")
                ]
        import psycopg

        with psycopg.connect(url) as connection:
            return [row[0] for row in connection.execute("SELECT message FROM consultations_contactrequest")]

    def staff(self):
        """A signed-in superuser's browser (sessions live in the shared database)."""
        visitor = Visitor()
        port = self.instances[0].port
        page = visitor.get(port, "/admin/login/?next=/admin/")
        token = form_fields(page.text)["csrfmiddlewaretoken"]
        response = visitor.post(
            port,
            "/admin/login/?next=/admin/",
            {
                "csrfmiddlewaretoken": token,
                "username": "staff",
                "password": STAFF_PASSWORD,
                "next": "/admin/",
            },
        )
        assert response.status == 302 and response.location == "/admin/", response.text[:500]
        return visitor

    def stop(self):
        for instance in self.instances:
            instance.process.terminate()
        for instance in self.instances:
            try:
                instance.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                instance.process.kill()


def _free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _site_env(workdir):
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in ("DATABASE_URL", "REDIS_URL")
    }
    return {
        **inherited,
        # DJANGO_DEBUG is left unset: the default must be production's.
        "DJANGO_SECRET_KEY": "deployment-test-" + uuid.uuid4().hex * 2,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_PROXY_SSL_HEADER": "1",
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DJANGO_SUPERUSER_PASSWORD": STAFF_PASSWORD,
        "WEB_CONCURRENCY": str(WORKERS),
        "HOST": "127.0.0.1",
        "PATH": f"{BIN}:{os.environ['PATH']}",
    }


@contextlib.contextmanager
def running_site(workdir, *, database_url=None, redis_url=None, instances=None, extra_env=None):
    """The site on SQLite (one instance), or on PostgreSQL and Redis (two by default)."""
    env = {**_site_env(workdir), **(extra_env or {})}
    site = Deployment(workdir, env)
    database_name = None
    if database_url is None:
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'db.sqlite3'}"
        env["DJANGO_CACHE_DIR"] = str(workdir / "cache")  # the default backend, in a folder of its own
    else:
        import psycopg
        import redis

        database_name = f"clinic_deployment_{os.getpid()}"
        with psycopg.connect(urllib.parse.urlunsplit(database_url), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database_name}"')
            connection.execute(f'CREATE DATABASE "{database_name}"')
        database = database_url._replace(path=f"/{database_name}")
        env["DATABASE_URL"] = urllib.parse.urlunsplit(database)
        site.database_proxy = SwitchableProxy(database.hostname, database.port or 5432)
        netloc = database.netloc.rsplit("@", 1)
        credentials = netloc[0] + "@" if len(netloc) == 2 else ""
        env["DATABASE_URL_VIA_PROXY"] = urllib.parse.urlunsplit(
            database._replace(netloc=f"{credentials}127.0.0.1:{site.database_proxy.port}")
        )
        # A Redis database of its own: the rest of the suite flushes the one it uses.
        redis.Redis(host=redis_url.hostname, port=redis_url.port or 6379, db=DEPLOYMENT_REDIS_DB).flushdb()
        site.cache_proxy = SwitchableProxy(redis_url.hostname, redis_url.port or 6379)
        env["REDIS_URL_VIA_PROXY"] = f"redis://127.0.0.1:{site.cache_proxy.port}/{DEPLOYMENT_REDIS_DB}"
        env["REDIS_URL"] = f"redis://{redis_url.hostname}:{redis_url.port or 6379}/{DEPLOYMENT_REDIS_DB}"
        site.database_proxy.start()
        site.cache_proxy.start()
    for command in (
        ["migrate", "--noinput"],
        ["load_content"],
        ["collectstatic", "--noinput"],
        ["make_share_images"],
        ["createsuperuser", "--noinput", "--username", "staff", "--email", "staff@example.org"],
    ):
        site.manage(*command)
    try:
        for _ in range(instances or (2 if site.uses_servers else 1)):
            site.start_instance()
        yield site
    finally:
        site.stop()
        for proxy in (site.database_proxy, site.cache_proxy):
            if proxy is not None:
                proxy.stop()
        if database_name:
            import psycopg

            with psycopg.connect(urllib.parse.urlunsplit(database_url), autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{database_name}" WITH (FORCE)')
