"""`make bench`: how fast the pages are against a stock Django page, and whether they hold as the team and its history grow.

The floor is what a plain Django site pays for the simplest logged-in page, served the same
way: `bench/floor_settings.py` and `floor_urls.py` (database sessions, the stock
ModelBackend, CSRF and messages middleware, one query, a table of a dozen rows), under
gunicorn with the same gunicorn.conf.py and worker count, debug off, on the same database.

Two sizes are seeded with `seed_history --people`: 10 people over 12 months and 200 people
over 120 months (closers and setters person by person, ramps, tiers, yearly turnover). At
each size both servers run, and each URL is driven with wrk on loopback (or a small Python
load generator where wrk is missing) in BENCH_ROUNDS short rounds taken in turn with the
others, the floor included, so that load from anything else on the machine falls on all of
them alike; a URL's throughput is the mean of its rounds, its latency the median (p50) and
the worst (p99) of theirs. It prints each page's throughput as a share of the floor's, the
median latency at both sizes and their ratio, against the goals below.

Database: SQLite in a temporary folder, or, when DATABASE_URL points at PostgreSQL, a
database named `<that name>_bench` on the same server (created and dropped here; the
database DATABASE_URL names is never touched).

Knobs (environment): BENCH_SECONDS (10 per URL, in all), BENCH_ROUNDS (5), BENCH_CONNECTIONS (2 per worker),
WEB_CONCURRENCY (gunicorn workers, default 2 × cores + 1), BENCH_END (last month, 2026-10).
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

END = os.environ.get("BENCH_END", "2026-10")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
ROUND_SECONDS = max(1, round(SECONDS / ROUNDS))
SIZES = {"small": (12, 10), "large": (120, 200)}  # name -> (months, people)

# What is measured: name -> (path, extra headers). {latest} is the last month, {person} someone
# with numbers in it. A page that does not answer 200 is skipped with a note.
FLOOR = "floor"
URLS = {
    FLOOR: ("/floor/", {}),
    "dashboard": ("/performance/{latest}/", {}),
    "fragment": ("/performance/{latest}/", {"HX-Request": "true"}),
    "leaderboard": ("/leaderboard/{latest}/", {}),
    "person": ("/people/{person}/", {}),
    "trends": ("/performance/trends/", {}),
}
THROUGHPUT_GOALS = {"dashboard": 1.0, "fragment": 1.5}  # as a share of the floor's, at the large size
LATENCY_GROWTH_GOAL = {"dashboard": 1.3, "leaderboard": 1.3}  # large p50 / small p50
LATENCY_CEILING_MS = 100  # p50 of every page at the large size


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


def redis_url() -> str:
    """A Redis for the product's sessions (cached_db, as docs/deploy.md advises) when one answers
    on this machine; the floor keeps Django's plain database sessions."""
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return "redis://127.0.0.1:6379/14"
    except OSError:
        return ""


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
        "DJANGO_REDIS_URL": redis_url(),
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
from performance.models import PersonActual
from otesite.lib.parse import parse_month
person = PersonActual.objects.filter(month=parse_month("{end}")).order_by("person__name").first()
print(session.session_key, person.person_id if person else 0)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, env: dict, application: str = "otesite.wsgi", settings: str = "otesite.settings"):
        self.port = free_port()
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", application],
            cwd=REPO,
            env={**env, "PORT": str(self.port), "DJANGO_SETTINGS_MODULE": settings},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited:\n{self.process.stderr.read()}")
            if get(self.port, "/healthz")[0] in (200, 404):  # the floor has no /healthz
                return
            time.sleep(0.2)
        sys.exit(f"gunicorn ({application}) did not answer within 30 s")

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
        sessions = "cached_db sessions over Redis" if env["DJANGO_REDIS_URL"] else "database sessions"
        print(f"Serving: gunicorn, {workers} sync workers each (product and floor), production settings, {database}")
        print(f"Product: {sessions}; floor: database sessions")
        print(f"Load: {generator}, {connections} connections, {ROUNDS} rounds of {ROUND_SECONDS} s per URL, loopback\n")

        results: dict[str, dict[str, Result]] = {}
        skipped: dict[str, str] = {}
        for size, (months, people) in SIZES.items():
            manage(env, "seed_history", "--replace", "--months", str(months), "--people", str(people), "--end", END)
            session, person = manage(env, "shell", "-c", SESSION_FOR_BENCH_USER.replace("{end}", END)).split()[-2:]
            product, floor = Server(env), Server(env, "bench.floor_wsgi", "bench.floor_settings")
            try:
                requests = {}
                for name, (path, headers) in URLS.items():
                    port = floor.port if name == FLOOR else product.port
                    path = path.format(latest=END, person=person)
                    headers = {**headers, "Cookie": f"sessionid={session}"}
                    status, _ = get(port, path, headers)
                    if status != 200:
                        skipped[name] = f"{path} answered {status}" + (" (not built yet?)" if status == 404 else "")
                        continue
                    load(port, path, headers, connections, ROUND_SECONDS)  # warm up: connections, caches
                    requests[name] = (port, path, headers)
                rounds: dict[str, list[Result]] = {name: [] for name in requests}
                for _ in range(ROUNDS):
                    for name, (port, path, headers) in requests.items():
                        rounds[name].append(load(port, path, headers, connections, ROUND_SECONDS))
                results[size] = {name: combined(measured) for name, measured in rounds.items()}
                for name, result in results[size].items():
                    print(
                        f"  {size:<6} {people:>3} people {months:>3} months  {name:<12} {result.requests_per_second:8.1f} req/s"
                    )
            finally:
                product.stop()
                floor.stop()
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


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def report(results: dict[str, dict[str, Result]], skipped: dict[str, str]) -> None:
    for size, (months, people) in SIZES.items():
        measured = results[size]
        base = measured[FLOOR].requests_per_second
        print(f"\nThroughput with {people} people over {months} months, as a share of the floor:\n")
        print("| page | req/s | × floor | goal | p50 ms | p99 ms | errors |")
        print("|---|---:|---:|---|---:|---:|---:|")
        for name, result in measured.items():
            ratio = result.requests_per_second / base
            goal = ""
            if name in THROUGHPUT_GOALS and size == "large":
                goal = f"≥ {THROUGHPUT_GOALS[name]} {_verdict(ratio >= THROUGHPUT_GOALS[name])}"
            path = URLS[name][0] + (" (HX-Request)" if URLS[name][1] else "")
            print(
                f"| {name} `{path}` | {result.requests_per_second:.0f} | {ratio:.2f} | {goal} "
                f"| {result.p50_ms:.1f} | {result.p99_ms:.1f} | {result.errors} |"
            )
    small, large = results["small"], results["large"]
    print("\nMedian latency as the team and its history grow (ms):\n")
    print(
        f"| page | {SIZES['small'][1]} people, {SIZES['small'][0]} months | {SIZES['large'][1]} people, "
        f"{SIZES['large'][0]} months | large / small | goal |"
    )
    print("|---|---:|---:|---:|---|")
    for name in URLS:
        if name in small and name in large:
            ratio = large[name].p50_ms / small[name].p50_ms
            goals = []
            if name in LATENCY_GROWTH_GOAL:
                goals.append(f"≤ ×{LATENCY_GROWTH_GOAL[name]} {_verdict(ratio <= LATENCY_GROWTH_GOAL[name])}")
            if name != FLOOR:
                goals.append(f"≤ {LATENCY_CEILING_MS} ms {_verdict(large[name].p50_ms <= LATENCY_CEILING_MS)}")
            print(
                f"| {name} | {small[name].p50_ms:.1f} | {large[name].p50_ms:.1f} | ×{ratio:.2f} | {'; '.join(goals)} |"
            )
    for name, why in skipped.items():
        print(f"\nSkipped {name}: {why}")
    summary = {size: {name: vars(result) for name, result in by_name.items()} for size, by_name in results.items()}
    (REPO / "bench" / "last-run.json").write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
