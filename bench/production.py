"""The site started as in production, on loopback, for the benchmark and the soak run.

gunicorn from gunicorn.conf.py with DEBUG off and HTTPS on behind a "proxy" (requests
carry X-Forwarded-Proto), on a fresh SQLite database with the content loaded and the
static files collected. Load comes from wrk (Debian: apt-get install wrk).
"""

import contextlib
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
HTTPS = {"X-Forwarded-Proto": "https"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url, accept_encoding="identity"):
    """The body as sent (still compressed, if it was), for any status."""
    request = urllib.request.Request(url, headers={**HTTPS, "Accept-Encoding": accept_encoding})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        return error.read()


def wait_until_up(url):
    for _ in range(150):
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not start at {url}")


class Site:
    def __init__(self, workdir):
        self.workdir = workdir
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
        self.env.update(
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY="benchmark-only-" + "k" * 40,
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DJANGO_SECURE_PROXY_SSL_HEADER="1",
            DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
            DJANGO_MEDIA_ROOT=str(workdir / "media"),
            DJANGO_STATIC_ROOT=str(workdir / "static"),
            DJANGO_CACHE_DIR=str(workdir / "cache"),
            HOST="127.0.0.1",
            PORT=str(self.port),
            PATH=f"{PYTHON.parent}:{os.environ['PATH']}",
        )
        self.server = None

    def manage(self, *args):
        subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=True, stdout=subprocess.DEVNULL
        )

    def run_python(self, script):
        """The words ``script`` prints, run by Python with the site's settings and database."""
        return subprocess.run(
            [PYTHON, "-c", script],
            cwd=ROOT,
            env={**self.env, "DJANGO_SETTINGS_MODULE": "clinic_site.settings"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()

    def prepare(self):
        for command in (["migrate", "--noinput"], ["load_content"], ["collectstatic", "--noinput"]):
            self.manage(*command)
        self.manage("make_share_images")

    def start(self):
        self.server = subprocess.Popen(
            [PYTHON.parent / "gunicorn", "--config", "gunicorn.conf.py", "clinic_site.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_up(self.base + "/healthz")

    def stop(self):
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=30)
            self.server = None

    def worker_pids(self):
        children = Path(f"/proc/{self.server.pid}/task/{self.server.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def worker_memory_kib(self):
        """Resident memory of each gunicorn worker, in KiB."""
        sizes = {}
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status")
            if status.exists():
                found = re.search(r"VmRSS:\s+(\d+) kB", status.read_text())
                if found:
                    sizes[pid] = int(found.group(1))
        return sizes


@contextlib.contextmanager
def production_site():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    workdir = Path(tempfile.mkdtemp(prefix="clinic-bench-"))
    site = Site(workdir)
    try:
        site.prepare()
        yield site
    finally:
        site.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def parse_duration(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(url, seconds, connections, script, threads=2, timeout=2):
    """wrk's summary: requests/s, p50 and p99 latency (ms), statuses and socket errors."""
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            f"--timeout={timeout}s",
            "--latency",
            "-s",
            script,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    latency = {
        percent: parse_duration(value, unit)
        for percent, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
    }
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency["50"],
        "p99": latency["99"],
        "statuses": {
            int(status): int(count) for status, count in re.findall(r"^status (\d+) (\d+)$", output, re.M)
        },
        "socket_errors": sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output)),
    }


def wrk_script(accept_encoding="identity", paths=()):
    """Lua for wrk: send the proxy header and Accept-Encoding, count responses by status;
    with ``paths``, ask for each of them in turn instead of the URL's own path."""
    script = COUNT_STATUSES.replace("ACCEPT_ENCODING", accept_encoding)
    if paths:
        listed = ", ".join('"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"' for path in paths)
        script += (
            f"paths = {{{listed}}}\n"
            "counter = 0\n"
            "function request()\n"
            "  counter = counter + 1\n"
            "  return wrk.format(nil, paths[counter % #paths + 1])\n"
            "end\n"
        )
    return script


COUNT_STATUSES = """
wrk.headers["X-Forwarded-Proto"] = "https"
wrk.headers["Accept-Encoding"] = "ACCEPT_ENCODING"
statuses = {}
threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, count in pairs(counts) do merged[status] = (merged[status] or 0) + count end
  end
  for status, count in pairs(merged) do io.write(string.format("status %d %d\\n", status, count)) end
end
"""


def describe_machine():
    memory = ""
    if Path("/proc/meminfo").exists():
        kilobytes = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f", {kilobytes / 1024 / 1024:.0f} GiB RAM"
    model = None
    if Path("/proc/cpuinfo").exists():
        model = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    cpu = model.group(1).strip() if model else platform.machine()
    return f"{os.cpu_count()} CPUs ({cpu}){memory}, Python {platform.python_version()}"
