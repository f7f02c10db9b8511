"""`make bench`: how fast the pages are, next to /healthz, and whether history slows them down.

Seeds 12, 60 and 120 months of history (`seed_history`) into a database of its own, serves it
with gunicorn under production settings (gunicorn.conf.py, debug off, hashed static files),
and drives each URL below with wrk on loopback (or a small Python load generator where wrk
is missing). Prints each page's throughput as a ratio of /healthz's at five years of history,
and the latency of the dashboard and trends at 12 and 120 months.

Database: SQLite in a temporary folder, or, when DATABASE_URL points at PostgreSQL, a
database named `<that name>_bench` on the same server (created and dropped here; the
database DATABASE_URL names is never touched).

Each URL is measured in BENCH_ROUNDS short rounds taken in turn with the others, so that
load from anything else on the machine falls on all of them alike; its throughput is the
mean of its rounds, its latency the median (p50) and the worst (p99) of theirs.

Knobs (environment): BENCH_SECONDS (10 per URL, in all), BENCH_ROUNDS (5), BENCH_CONNECTIONS (2 per worker),
WEB_CONCURRENCY (gunicorn workers, default 2 × cores + 1), BENCH_END (last month, 2026-03).
"""

from __future__ import annotations

import http.client
import json
import os
import platform
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

END = os.environ.get("BENCH_END", "2026-03")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
ROUND_SECONDS = max(1, round(SECONDS / ROUNDS))
HISTORY_FOR_RATIOS = 60  # five years
HISTORY_LEVELS = [12, HISTORY_FOR_RATIOS, 120]

# What is measured: name -> (path, extra headers, needs a session). {latest} is the last month.
# The dashboard, its fragment and trends answer 404 until those pages exist; they are then
# skipped with a note, so the same list works before and after.
URLS = {
    "healthz": ("/healthz", {}, False),
    "dashboard": ("/performance/{latest}/", {}, True),
    "fragment": ("/performance/{latest}/", {"HX-Request": "true"}, True),
    "trends": ("/performance/trends/", {}, True),
}
GOALS = {"dashboard": 0.5, "fragment": 0.6}  # throughput as a share of /healthz's
LATENCY_OVER_HISTORY = ["dashboard", "fragment", "trends"]


@dataclass
class Result:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


# --- The database and the server ------------------------------------------------------------


def bench_database(workdir: Path) -> tuple[str, callable]:
    """A database URL for the bench, and a function that removes it afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{workdir / 'bench.sqlite3'}", lambda: None
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'otesite'}_bench"
    server = parts._replace(path="/postgres").geturl().replace("postgresql://", "postgres://", 1)

    def admin(sql: str) -> None:
        with psycopg.connect(server.replace("postgres://", "postgresql://", 1), autocommit=True) as connection:
            connection.execute(sql)

    admin(f'DROP DATABASE IF EXISTS "{name}"')
    admin(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl(), lambda: admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def django_env(database_url: str, workdir: Path) -> dict[str, str]:
    return {
        **{name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "otesite.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DJANGO_LOG_LEVEL": "ERROR",
        "DATABASE_URL": database_url,
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_MAX_REQUESTS": "0",  # no worker recycling in the middle of a measurement
    }


def manage(env: dict, *args: str) -> str:
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


SESSION_FOR_BENCH_USER = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group, User
from django.contrib.sessions.backends.db import SessionStore
user, _ = User.objects.get_or_create(username="bench", defaults={"is_staff": True})
user.set_password("bench-only-" + "x" * 20)
user.save()
user.groups.set(Group.objects.filter(name__in=["Managers", "Board"]))
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.save()
print(session.session_key)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, env: dict):
        self.port = free_port()
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "otesite.wsgi"],
            cwd=REPO,
            env={**env, "PORT": str(self.port)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited:\n{self.process.stderr.read()}")
            if get(self.port, "/healthz")[0] == 200:
                return
            time.sleep(0.2)
        sys.exit("gunicorn did not answer /healthz within 30 s")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    except OSError:
        return 0, b""
    finally:
        connection.close()


# --- Load generators ------------------------------------------------------------------------


def run_wrk(port: int, path: str, headers: dict, connections: int, seconds: int) -> Result:
    threads = max(1, min(os.cpu_count() or 1, connections))
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout

    def milliseconds(label: str) -> float:
        value, unit = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: .*?timeout (\d+)", output)
    return Result(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=milliseconds("50%"),
        p99_ms=milliseconds("99%"),
        errors=(int(errors.group(1)) if errors else 0) + (int(socket_errors.group(1)) if socket_errors else 0),
    )


def run_python(port: int, path: str, headers: dict, connections: int, seconds: int) -> Result:
    """Keep-alive connections in threads. Slower than wrk (the GIL), so ratios are conservative."""
    latencies: list[float] = []
    errors = [0]
    deadline = time.monotonic() + seconds
    lock = threading.Lock()

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine = []
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    errors[0] += 1
            except OSError:
                errors[0] += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(latencies) or [0.0]
    return Result(
        requests_per_second=len(latencies) / seconds,
        p50_ms=statistics.median(ordered) * 1000,
        p99_ms=ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
        errors=errors[0],
    )


# --- The run ----------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found.group(1).strip() if found else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read_text()).group(1))
        memory = f", {kib / 1024 / 1024:.1f} GiB RAM"
    return f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; Python {platform.python_version()}"


def main() -> None:
    load = run_wrk if shutil.which("wrk") else run_python
    generator = "wrk" if load is run_wrk else "Python load generator (wrk not installed)"
    workdir = Path(tempfile.mkdtemp(prefix="otesite-bench-"))
    database_url, drop_database = bench_database(workdir)
    env = django_env(database_url, workdir)
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        workers = int(env.get("WEB_CONCURRENCY") or (os.cpu_count() or 1) * 2 + 1)
        connections = int(os.environ.get("BENCH_CONNECTIONS", str(2 * workers)))
        database = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
        print(f"Machine: {machine()}")
        print(f"Serving: gunicorn, {workers} sync workers, production settings, {database}")
        print(f"Load: {generator}, {connections} connections, {ROUNDS} rounds of {ROUND_SECONDS} s per URL, loopback\n")

        results: dict[int, dict[str, Result]] = {}
        skipped: dict[str, str] = {}
        for months in HISTORY_LEVELS:
            manage(env, "seed_history", "--replace", "--months", str(months), "--end", END)
            session = manage(env, "shell", "-c", SESSION_FOR_BENCH_USER).strip().splitlines()[-1]
            server = Server(env)
            try:
                names = list(URLS) if months == HISTORY_FOR_RATIOS else ["healthz", *LATENCY_OVER_HISTORY]
                requests = {}
                for name in names:
                    path, headers, needs_session = URLS[name]
                    path = path.format(latest=END)
                    headers = {**headers, **({"Cookie": f"sessionid={session}"} if needs_session else {})}
                    status, _ = get(server.port, path, headers)
                    if status != 200:
                        skipped[name] = f"{path} answered {status}" + (" (not built yet?)" if status == 404 else "")
                        continue
                    load(server.port, path, headers, connections, ROUND_SECONDS)  # warm up: connections, caches
                    requests[name] = (path, headers)
                rounds: dict[str, list[Result]] = {name: [] for name in requests}
                for _ in range(ROUNDS):
                    for name, (path, headers) in requests.items():
                        rounds[name].append(load(server.port, path, headers, connections, ROUND_SECONDS))
                results[months] = {name: combined(measured) for name, measured in rounds.items()}
                for name, result in results[months].items():
                    print(f"  {months:>3} months  {name:<10} {result.requests_per_second:8.1f} req/s")
            finally:
                server.stop()
        report(results, skipped)
    finally:
        drop_database()
        shutil.rmtree(workdir, ignore_errors=True)


def combined(rounds: list[Result]) -> Result:
    return Result(
        requests_per_second=statistics.mean(result.requests_per_second for result in rounds),
        p50_ms=statistics.median(result.p50_ms for result in rounds),
        p99_ms=max(result.p99_ms for result in rounds),
        errors=sum(result.errors for result in rounds),
    )


def report(results: dict[int, dict[str, Result]], skipped: dict[str, str]) -> None:
    at_ratio = results[HISTORY_FOR_RATIOS]
    base = at_ratio["healthz"].requests_per_second
    print(f"\nThroughput at {HISTORY_FOR_RATIOS} months of history, as a share of /healthz:\n")
    print("| URL | req/s | ratio | goal | p50 ms | p99 ms | errors |")
    print("|---|---:|---:|---|---:|---:|---:|")
    for name, result in at_ratio.items():
        ratio = result.requests_per_second / base
        goal = f"≥ {GOALS[name]} {'met' if ratio >= GOALS[name] else 'MISSED'}" if name in GOALS else ""
        path = URLS[name][0].format(latest=END) + (" (HX-Request)" if URLS[name][1] else "")
        print(
            f"| `{path}` | {result.requests_per_second:.0f} | {ratio:.2f} | {goal} "
            f"| {result.p50_ms:.1f} | {result.p99_ms:.1f} | {result.errors} |"
        )
    print("\nMedian latency as history grows (ms):\n")
    print("| page | " + " | ".join(f"{months} months" for months in HISTORY_LEVELS) + " | 120 vs 12 |")
    print("|---|" + "---:|" * (len(HISTORY_LEVELS) + 1))
    for name in LATENCY_OVER_HISTORY:
        if all(name in results[months] for months in HISTORY_LEVELS):
            values = [results[months][name].p50_ms for months in HISTORY_LEVELS]
            print(
                f"| {name} | " + " | ".join(f"{value:.1f}" for value in values) + f" | ×{values[-1] / values[0]:.2f} |"
            )
    for name, why in skipped.items():
        print(f"\nSkipped {name}: {why}")
    summary = {months: {name: vars(result) for name, result in by_name.items()} for months, by_name in results.items()}
    (REPO / "bench" / "last-run.json").write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
