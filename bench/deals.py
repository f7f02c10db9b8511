"""`python bench/deals.py`: deals at scale. 1,000 people and 100,000 deals over 36 months.

For each database (SQLite in a temporary folder; PostgreSQL at BENCH_DEALS_PG_URL, default
postgres://postgres@127.0.0.1:5432/otesite_deals_bench, created and dropped here, skipped when the
server does not answer) it measures:
- importing the 100,000-row Deals CSV with `manage.py import_deals` in a subprocess: wall time and
  peak memory (the child's ru_maxrss, as resource.RUSAGE_CHILDREN reports it, read per child with
  os.wait4), next to a floor: a bare bulk_create of the same rows (people found by name, no check,
  no history, no version), in a subprocess too;
- importing the same file again (every deal unchanged: nothing written);
- recomputing a month after a write: one deal changed (through the bulk writer, as an import
  does), then the month's metrics computed cold through the loader and the engine;
- the statement of a manager, which lists every deal of the month.

Knobs (environment): BENCH_DEALS (100000), BENCH_PEOPLE (1000), BENCH_DEALS_PG_URL, BENCH_DEALS_PG=0 to skip it.
"""

from __future__ import annotations

import csv
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
DEALS = int(os.environ.get("BENCH_DEALS", "100000"))
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "1000"))
PG_URL = os.environ.get("BENCH_DEALS_PG_URL", "postgres://postgres@127.0.0.1:5432/otesite_deals_bench")
FIRST = date(2023, 11, 1)  # 36 months: 2023-11 to 2026-10
MONTHS = 36
MANAGERS, SETTERS = 20, 130  # the rest are closers
HEADER = ["id", "closed_on", "value", "upfront", "closers", "setter", "cancelled_on"]


def month_at(index: int) -> date:
    year, month = divmod(FIRST.month - 1 + index, 12)
    return date(FIRST.year + year, month + 1, 1)


def names() -> tuple[list[str], list[str], list[str]]:
    people = [f"Person {n:04d}" for n in range(PEOPLE)]
    return people[:MANAGERS], people[MANAGERS : MANAGERS + SETTERS], people[MANAGERS + SETTERS :]


# --- Run inside Django (subprocesses and the measuring process) ---------------------------------------


def django_setup() -> None:
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "otesite.settings")
    import django

    django.setup()


def seed() -> None:
    """The team, through the workspace import (the one loader of a whole configuration)."""
    django_setup()
    from performance.exchange.workspace import import_workspace

    managers, setters, closers = names()
    start = f"{FIRST:%Y-%m}"
    plan = {"effective_from": start, "annual_base": "36000", "commission_rate": "0.05"}
    workspace = {
        "format": "otesite.workspace",
        "version": 3,
        "economics": [
            {
                "effective_from": start,
                "deal_value": "12000",
                "upfront_rate": "0.5",
                "show_rate": "0.5",
                "close_rate": "0.3",
                "cost_per_meeting": "50",
                "target_ote_pct_of_revenue": "20",
                "near_target_pct": "80",
                "exceeding_pct": "110",
            }
        ],
        "roles": [
            {"name": "Closers", "kind": "closer"},
            {"name": "Setters", "kind": "setter"},
            {"name": "Managers", "kind": "manager"},
        ],
        "plans": [
            plan | {"role": "Closers", "annual_ote": "72000", "monthly_quota": "3", "commission_rate": "0.10"},
            plan | {"role": "Setters", "annual_ote": "50000", "monthly_quota": "40"},
            plan | {"role": "Managers", "annual_ote": "120000", "monthly_quota": str(DEALS // MONTHS)},
        ],
        "people": [
            {"name": name, "email": f"p{n}@example.com", "username": None}
            for n, name in enumerate(managers + setters + closers)
        ],
        "assignments": [
            {"person": name, "role": role, "start": start, "end": None, "ramp": False}
            for role, group in (("Managers", managers), ("Setters", setters), ("Closers", closers))
            for name in group
        ],
    }
    import_workspace(workspace)


def write_file(path: Path) -> None:
    """DEALS deals, evenly over the months: a fifth split between two closers, a third with a
    setter, half with an upfront figure, one in fifty cancelled the month after."""
    _, setters, closers = names()
    rng = random.Random(19)
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for n in range(DEALS):
            month = month_at(n * MONTHS // DEALS)
            closed = month.replace(day=1 + n % 28)
            value = 5000 + rng.randrange(20000)
            if n % 5 == 0:
                a, b = rng.sample(closers, 2)
                who = f"{a}:0.5;{b}:0.5"
            else:
                who = rng.choice(closers)
            upfront = str(value // 2) if n % 2 else ""
            setter = rng.choice(setters) if n % 3 == 0 else ""
            cancelled = ""
            if n % 50 == 7 and month < month_at(MONTHS - 1):
                cancelled = month_at(n * MONTHS // DEALS + 1).replace(day=10).isoformat()
            writer.writerow([f"D-{n:06d}", closed.isoformat(), f"{value}.00", upfront, who, setter, cancelled])


def floor(path: str) -> None:
    """The same rows stored as bare as Django can: bulk_create, nothing checked, no history."""
    django_setup()
    from decimal import Decimal

    from django.db import transaction

    from compensation.models import Person
    from performance.models import Deal, DealCloser

    ids = dict(Person.objects.values_list("name", "pk"))
    with open(path, newline="") as source, transaction.atomic():
        rows = csv.reader(source)
        next(rows)
        batch: list = []

        def store(batch):
            deals = Deal._base_manager.bulk_create(
                [
                    Deal(
                        crm_id=r[0],
                        closed_on=date.fromisoformat(r[1]),
                        value=Decimal(r[2]),
                        upfront=Decimal(r[3]) if r[3] else None,
                        setter_id=ids.get(r[5]),
                        cancelled_on=date.fromisoformat(r[6]) if r[6] else None,
                    )
                    for r in batch
                ],
                batch_size=2000,
            )
            closers = []
            for deal, r in zip(deals, batch, strict=True):
                for part in r[4].split(";"):
                    name, _, share = part.partition(":")
                    closers.append(DealCloser(deal_id=deal.pk, person_id=ids[name], share=Decimal(share or "1")))
            DealCloser._base_manager.bulk_create(closers, batch_size=2000)

        for row in rows:
            batch.append(row)
            if len(batch) == 2000:
                store(batch)
                batch = []
        if batch:
            store(batch)


def wipe() -> None:
    django_setup()
    from django.db import connection

    from performance.models import Deal, DealCloser

    with connection.cursor() as cursor:
        for model in (DealCloser, Deal, DealCloser.history.model, Deal.history.model):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")


def month_and_statement() -> None:
    """One deal changed, then its month computed cold; then a manager's statement of that month."""
    django_setup()
    from django.core.cache import caches
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from otesite.permissions import EVERYONE
    from performance.deal_writes import read_stored, write_deals
    from performance.documents.metrics import to_metrics_json
    from performance.loader import load_range
    from performance.statements import statement_of

    month = month_at(MONTHS - 3)
    stored = read_stored([f"D-{DEALS - DEALS // 12:06d}"])
    ((crm_id, deal),) = stored.items()
    assert deal.values.close_month == month, (deal.values.close_month, month)
    from dataclasses import replace

    changed = replace(deal.values, value=deal.values.value + 1)
    started = time.perf_counter()
    with transaction.atomic():
        write_deals([changed], stored, reason="bench")
    wrote = time.perf_counter() - started
    for name in ("default", "pages"):
        caches[name].clear()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        computed = load_range(month, month, scope=EVERYONE)
        document = to_metrics_json(computed[month], computed.names)
        metrics = time.perf_counter() - started
    metric_queries = len(queries.captured_queries)
    people = sum(len(role.get("people", [])) for role in document["roles"])
    for name in ("default", "pages"):
        caches[name].clear()
    manager = names()[0][0]
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        found = statement_of(month, manager).json()
        statement = time.perf_counter() - started
    print(
        f"RESULT write_one={wrote:.3f} metrics={metrics:.3f} metric_queries={metric_queries} people={people}"
        f" statement={statement:.3f} statement_queries={len(queries.captured_queries)} deals={len(found['deals'])}"
        f" month={month:%Y-%m}"
    )


# --- The driver -------------------------------------------------------------------------------------------


def run(env: dict, *args: str) -> tuple[float, float, str]:
    """A child process: its wall time (s), its peak memory (MB, ru_maxrss) and its output."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [PYTHON, *args], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{output}")
    return seconds, usage.ru_maxrss / 1024, output


def postgres(url: str):
    """Create the bench database; returns a function that drops it (None: no server)."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    server = parts._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)

    def admin(sql: str) -> None:
        with psycopg.connect(server, autocommit=True, connect_timeout=3) as connection:
            connection.execute(sql)

    try:
        admin(f'DROP DATABASE IF EXISTS "{name}"')
    except psycopg.OperationalError:
        return None
    admin(f'CREATE DATABASE "{name}"')
    return lambda: admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def bench(label: str, database_url: str, folder: Path, path: Path) -> dict:
    env = os.environ | {"DATABASE_URL": database_url, "DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "bench-" + "x" * 50}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    manage = str(REPO / "manage.py")
    me = str(Path(__file__).resolve())
    run(env, manage, "migrate", "--verbosity", "0")
    seeded, _, _ = run(env, me, "--seed")
    floor_s, floor_mb, _ = run(env, me, "--floor", str(path))
    run(env, me, "--wipe")
    import_s, import_mb, output = run(env, manage, "import_deals", str(path))
    again_s, again_mb, again = run(env, manage, "import_deals", str(path))
    _, _, measured = run(env, me, "--month")
    values = dict(item.split("=") for item in measured.split("RESULT ", 1)[1].split())
    return {
        "db": label,
        "seed_s": seeded,
        "floor_s": floor_s,
        "floor_mb": floor_mb,
        "import_s": import_s,
        "import_mb": import_mb,
        "imported": output.strip().splitlines()[-1],
        "again_s": again_s,
        "again_mb": again_mb,
        "again": again.strip().splitlines()[-1],
        **values,
    }


def main() -> None:
    if len(sys.argv) > 1:
        stage = sys.argv[1]
        if stage == "--seed":
            seed()
        elif stage == "--floor":
            floor(sys.argv[2])
        elif stage == "--wipe":
            wipe()
        elif stage == "--month":
            month_and_statement()
        return
    results = []
    with tempfile.TemporaryDirectory(prefix="deals-bench-") as folder:
        folder = Path(folder)
        path = folder / "deals.csv"
        write_file(path)
        print(f"{DEALS:,} deals, {PEOPLE:,} people, {MONTHS} months: {path.stat().st_size / 1e6:.1f} MB", flush=True)
        results.append(bench("SQLite", f"sqlite:///{folder / 'bench.sqlite3'}", folder, path))
        if os.environ.get("BENCH_DEALS_PG", "1") != "0":
            drop = postgres(PG_URL)
            if drop is None:
                print(f"PostgreSQL at {PG_URL}: no server, skipped")
            else:
                try:
                    results.append(bench("PostgreSQL", PG_URL, folder, path))
                finally:
                    drop()
    print()
    print(f"{'':<34}" + "".join(f"{r['db']:>14}" for r in results))
    rows = [
        ("import_deals, 100k new (s)", "import_s", "{:.1f}"),
        ("  peak memory (MB)", "import_mb", "{:.0f}"),
        ("floor: bare bulk_create (s)", "floor_s", "{:.1f}"),
        ("  peak memory (MB)", "floor_mb", "{:.0f}"),
        ("import_deals again, unchanged (s)", "again_s", "{:.1f}"),
        ("  peak memory (MB)", "again_mb", "{:.0f}"),
        ("one deal changed (s)", "write_one", "{}"),
        ("its month, cold (s)", "metrics", "{}"),
        ("  queries", "metric_queries", "{}"),
        ("manager's statement (s)", "statement", "{}"),
        ("  queries", "statement_queries", "{}"),
        ("  deals on it", "deals", "{}"),
    ]
    for title, key, shape in rows:
        print(
            f"{title:<34}" + "".join(f"{shape.format(float(r[key]) if '.' in shape else r[key]):>14}" for r in results)
        )
    for r in results:
        print(f"{r['db']}: {r['imported']} | again: {r['again']} | month {r['month']}, {r['people']} people")


if __name__ == "__main__":
    main()
