"""Imports at CRM scale (issue 22): how long the ways in take on a big history, next to a floor.

    python bench/imports.py [--people 200] [--months 120] [--csv-rows 5000] [--deals 100000]
                            [--databases sqlite,postgres] [--postgres postgres://postgres@127.0.0.1:5432/otesite_ws_imports]

What is measured, each in a subprocess on a freshly migrated database, under production settings
(debug off): its wall time, its own CPU time and its peak memory (`resource.getrusage(
RUSAGE_CHILDREN)` of a wrapper that runs only that command: `ru_maxrss`, `ru_utime + ru_stime`;
on a busy machine the CPU time is the steadier figure, and it leaves out a PostgreSQL server's):
- `manage.py import_workspace` of the `--people` × `--months` history that `seed_history` makes
  (200 × 120: about 18,000 person actuals, with people, assignments, plans with pay curves...),
  exported by `export_workspace`, so it is the file a user would restore;
- `manage.py import_actuals` of a `--csv-rows` people CSV (DOMAIN.md's People CSV), into a
  database holding that history's people and assignments but no person actuals;
- `manage.py import_deals --format otesite` of a `--deals` rows Deals CSV, when that command
  exists (another branch builds it), into the same database.
Each beside its **floor**: the same rows written with a bare `bulk_create`, no checks and no
history, on the same database, also in a subprocess (Django's start-up is in both). The ratio
to the floor is what the checks, the history and the month holding cost.

PostgreSQL runs on a database of its own, named by --postgres, created and dropped here (a
template is migrated once and copied for each run); SQLite in a temporary folder. The targets
of issue 22: the workspace import within 10 s on both, within 5x of its floor, under 500 MB.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/otesite_ws_imports"

# Runs one command and reports its wall time and peak memory: the wrapper has no other child, so
# RUSAGE_CHILDREN's ru_maxrss (KiB on Linux) is that command's own peak.
WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": done.returncode, "seconds": seconds, "peak_kib": usage.ru_maxrss,
                  "cpu": usage.ru_utime + usage.ru_stime,
                  "out": done.stdout[-3000:], "err": done.stderr[-3000:]}))
"""


@dataclass
class Measure:
    seconds: float  # wall time
    peak_mb: float
    out: str
    cpu: float = 0.0  # the command's own CPU seconds (a database server's are not in it)


@dataclass
class Row:
    database: str
    case: str
    rows: int
    run: Measure
    floor: Measure

    def cells(self) -> list[str]:
        return [
            self.database,
            self.case,
            f"{self.rows:,}",
            f"{self.run.seconds:.2f}",
            f"{self.run.cpu:.2f}",
            f"{self.rows / self.run.seconds:,.0f}",
            f"{self.run.peak_mb:.0f}",
            f"{self.floor.seconds:.2f}",
            f"{self.run.seconds / self.floor.seconds:.1f}x",
        ]


HEADER = ["database", "import", "rows", "seconds", "cpu s", "rows/s", "peak MB", "floor s", "to floor"]


def measure(env: dict, *args: str) -> Measure:
    found = subprocess.run([PYTHON, "-c", WRAPPER, *args], cwd=REPO, env=env, capture_output=True, text=True)
    report = json.loads(found.stdout)
    if report["rc"]:
        sys.exit(f"{' '.join(args)} failed:\n{report['out']}{report['err']}")
    return Measure(report["seconds"], report["peak_kib"] / 1024, report["out"], report["cpu"])


def manage(env: dict, *args: str) -> str:
    found = subprocess.run([PYTHON, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True)
    if found.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{found.stdout}{found.stderr}")
    return found.stdout


SECRET_KEY = secrets.token_urlsafe(64)


def django_env(database_url: str) -> dict:
    """Production settings (debug off: with it on, Django keeps and formats every query)."""
    return {
        **{name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "otesite.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_LOG_LEVEL": "ERROR",
        "DATABASE_URL": database_url,
    }


# --- Databases: a migrated template, copied for each measurement ------------------------------


class SqliteDatabases:
    name = "SQLite"

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.template = workdir / "template.sqlite3"
        manage(django_env(f"sqlite:///{self.template}"), "migrate", "--noinput", "-v", "0")
        self.count = 0

    def fresh(self) -> str:
        self.count += 1
        path = self.workdir / f"run{self.count}.sqlite3"
        shutil.copyfile(self.template, path)
        return f"sqlite:///{path}"

    def close(self) -> None:
        pass


class PostgresDatabases:
    name = "PostgreSQL"

    def __init__(self, url: str) -> None:
        import psycopg

        self.psycopg = psycopg
        parts = urllib.parse.urlsplit(url)
        self.parts, self.base = parts, parts.path.lstrip("/") or "otesite_ws_imports"
        self.server = parts._replace(scheme="postgresql", path="/postgres").geturl()
        self.made: list[str] = []
        self.template = self._create(f"{self.base}_template")
        manage(django_env(self.template), "migrate", "--noinput", "-v", "0")
        self.count = 0

    def _admin(self, sql: str) -> None:
        with self.psycopg.connect(self.server, autocommit=True) as connection:
            connection.execute(sql)

    def _create(self, name: str, template: str | None = None) -> str:
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self.made.append(name)
        return self.parts._replace(path=f"/{name}").geturl()

    def fresh(self) -> str:
        self.count += 1
        return self._create(f"{self.base}_{self.count}", template=f"{self.base}_template")

    def close(self) -> None:
        for name in reversed(self.made):
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- The files ---------------------------------------------------------------------------------


def make_workspace(workdir: Path, people: int, months: int) -> Path:
    """The history seed_history makes, exported as a user's backup would be."""
    env = django_env(f"sqlite:///{workdir / 'seed.sqlite3'}")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_history", "--people", str(people), "--months", str(months))
    path = workdir / "workspace.json"
    path.write_text(manage(env, "export_workspace"))
    return path


def without_person_actuals(workspace: Path, workdir: Path) -> Path:
    """The history's people, assignments and plans, without numbers: no person actuals, and no
    role totals either (the manager's), which a month kept by deals takes none of."""
    data = json.loads(workspace.read_text())
    data["person_actuals"], data["actuals"] = [], []
    path = workdir / "people_only.json"
    path.write_text(json.dumps(data))
    return path


def make_people_csv(workspace: Path, workdir: Path, rows: int) -> Path:
    """`rows` of the history's person actuals, latest months first, as DOMAIN.md's People CSV."""
    actuals = json.loads(workspace.read_text())["person_actuals"]
    chosen = sorted(actuals, key=lambda row: (row["month"], row["person"]), reverse=True)[:rows]
    path = workdir / "people.csv"
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["month", "person", "units", "credited_deals", "meetings_held", "earnings"])
        for row in chosen:
            writer.writerow([row["month"], row["person"], row["units"], "", row["meetings_held"] or "", ""])
    return path


def make_deals_csv(workspace: Path, workdir: Path, count: int) -> Path:
    """`count` deals over the history's months, each closed by a closer who holds the role then."""
    data = json.loads(workspace.read_text())
    kinds = {role["name"]: role["kind"] for role in data["roles"]}
    months = sorted({row["month"] for row in data["person_actuals"]})
    closers: dict[str, list[str]] = {month: [] for month in months}
    for assignment in data["assignments"]:
        if kinds[assignment["role"]] != "closer":
            continue
        for month in months:
            if assignment["start"][:7] <= month and (assignment["end"] is None or month <= assignment["end"][:7]):
                closers[month].append(assignment["person"])
    rng = random.Random(22)
    path = workdir / "deals.csv"
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "closed_on", "value", "upfront", "closers", "setter", "cancelled_on"])
        for index in range(count):
            month = months[index % len(months)]
            writer.writerow(
                [
                    f"D-{index:06d}",
                    f"{month}-{rng.randint(1, 28):02d}",
                    rng.randint(8, 20) * 1000,
                    "",
                    rng.choice(closers[month]),
                    "",
                    "",
                ]
            )
    return path


# --- Floors: the same rows, bulk_create, no checks, no history (run in a subprocess) -----------


def floor_workspace(path: str) -> None:
    """Every record of the workspace written with bulk_create on the base managers."""
    import django

    django.setup()
    from datetime import date
    from decimal import Decimal

    from django.db import transaction

    from compensation.models import Assignment, Economics, Person, PlanTier, QuotaPlan, Role
    from performance.models import MonthlyActual, MonthlyRevenue, PersonActual

    data = json.loads(Path(path).read_text())

    def month(text: str | None):
        return None if text is None else date(int(text[:4]), int(text[5:7]), 1)

    def number(text):
        return None if text is None else Decimal(text)

    def bulk(model, objs):
        return model._base_manager.bulk_create(objs, batch_size=1000)

    with transaction.atomic():
        bulk(
            Economics,
            [
                Economics(**{k: month(v) if k == "effective_from" else number(v) for k, v in row.items()})
                for row in data["economics"]
            ],
        )
        roles = {
            r.name: r
            for r in bulk(
                Role, [Role(name=r["name"], kind=r["kind"], display_order=i) for i, r in enumerate(data["roles"])]
            )
        }
        plans = bulk(
            QuotaPlan,
            [
                QuotaPlan(
                    role=roles[row["role"]],
                    effective_from=month(row["effective_from"]),
                    annual_ote=number(row["annual_ote"]),
                    annual_base=number(row["annual_base"]),
                    monthly_quota=number(row["monthly_quota"]),
                    commission_rate=number(row["commission_rate"]),
                    cap_pct=number(row["cap_pct"]),
                    ramp=tuple(Decimal(r) for r in row["ramp"]),
                    clawback_months=row.get("clawback_months", 0),
                )
                for row in data["plans"]
            ],
        )
        bulk(
            PlanTier,
            [
                PlanTier(plan=plan, from_pct=number(tier["from_pct"]), multiplier=number(tier["multiplier"]))
                for plan, row in zip(plans, data["plans"], strict=True)
                for tier in row["tiers"]
            ],
        )
        people = {
            p.name: p for p in bulk(Person, [Person(name=p["name"], email=p["email"] or "") for p in data["people"]])
        }
        bulk(
            Assignment,
            [
                Assignment(
                    person=people[a["person"]],
                    role=roles[a["role"]],
                    start=month(a["start"][:7]),
                    end=month(a["end"] and a["end"][:7]),
                    ramp=a["ramp"],
                )
                for a in data["assignments"]
            ],
        )
        bulk(
            MonthlyActual,
            [
                MonthlyActual(
                    role=roles[a["role"]],
                    month=month(a["month"]),
                    headcount=a["headcount"],
                    units=number(a["units"]),
                    credited_deals=number(a["credited_deals"]),
                    meetings_held=number(a["meetings_held"]),
                    earnings=number(a["earnings"]),
                )
                for a in data["actuals"]
            ],
        )
        bulk(
            PersonActual,
            [
                PersonActual(
                    person=people[a["person"]],
                    month=month(a["month"]),
                    units=number(a["units"]),
                    credited_deals=number(a["credited_deals"]),
                    meetings_held=number(a["meetings_held"]),
                    earnings=number(a["earnings"]),
                )
                for a in data["person_actuals"]
            ],
        )
        bulk(
            MonthlyRevenue,
            [MonthlyRevenue(month=month(r["month"]), revenue=number(r["revenue"])) for r in data["revenue"]],
        )


def floor_people_csv(path: str) -> None:
    import django

    django.setup()
    from datetime import date
    from decimal import Decimal

    from compensation.models import Person
    from performance.models import PersonActual

    people = dict(Person.objects.values_list("name", "pk"))
    with open(path, newline="") as source:
        rows = list(csv.DictReader(source))
    PersonActual._base_manager.bulk_create(
        [
            PersonActual(
                person_id=people[row["person"]],
                month=date(int(row["month"][:4]), int(row["month"][5:7]), 1),
                units=Decimal(row["units"]),
                meetings_held=Decimal(row["meetings_held"]) if row["meetings_held"] else None,
            )
            for row in rows
        ],
        batch_size=1000,
    )


def floor_deals_csv(path: str) -> None:
    import django

    django.setup()
    from datetime import date
    from decimal import Decimal

    from django.db import transaction

    from compensation.models import Person
    from performance.models import Deal, DealCloser

    people = dict(Person.objects.values_list("name", "pk"))
    with open(path, newline="") as source:
        rows = list(csv.DictReader(source))
    with transaction.atomic():
        deals = Deal._base_manager.bulk_create(
            [
                Deal(crm_id=row["id"], closed_on=date.fromisoformat(row["closed_on"]), value=Decimal(row["value"]))
                for row in rows
            ],
            batch_size=1000,
        )
        DealCloser._base_manager.bulk_create(
            [
                DealCloser(deal=deal, person_id=people[row["closers"]], share=Decimal(1))
                for deal, row in zip(deals, rows, strict=True)
            ],
            batch_size=1000,
        )


FLOORS = {"workspace": floor_workspace, "people-csv": floor_people_csv, "deals-csv": floor_deals_csv}


# --- The bench ---------------------------------------------------------------------------------


def has_import_deals() -> bool:
    return (REPO / "performance" / "management" / "commands" / "import_deals.py").is_file()


def bench(databases, files: dict, counts: dict) -> list[Row]:
    rows = []
    here = str(Path(__file__).resolve())

    def floor(kind: str, env: dict, path: Path) -> Measure:
        return measure(env, PYTHON, here, "--floor", kind, str(path))

    env = django_env(databases.fresh())
    run = measure(env, PYTHON, "manage.py", "import_workspace", str(files["workspace"]))
    rows.append(
        Row(
            databases.name,
            "import_workspace",
            counts["workspace"],
            run,
            floor("workspace", django_env(databases.fresh()), files["workspace"]),
        )
    )
    print(f"  {databases.name}: import_workspace {run.seconds:.2f} s", flush=True)

    def with_people() -> dict:
        env = django_env(databases.fresh())
        manage(env, "import_workspace", str(files["people_only"]))
        return env

    run = measure(with_people(), PYTHON, "manage.py", "import_actuals", str(files["people_csv"]))
    rows.append(
        Row(
            databases.name,
            "import_actuals (people CSV)",
            counts["people_csv"],
            run,
            floor("people-csv", with_people(), files["people_csv"]),
        )
    )
    print(f"  {databases.name}: import_actuals {run.seconds:.2f} s", flush=True)

    if "deals_csv" in files:
        run = measure(
            with_people(), PYTHON, "manage.py", "import_deals", str(files["deals_csv"]), "--format", "otesite"
        )
        rows.append(
            Row(
                databases.name,
                "import_deals (otesite CSV)",
                counts["deals_csv"],
                run,
                floor("deals-csv", with_people(), files["deals_csv"]),
            )
        )
        print(f"  {databases.name}: import_deals {run.seconds:.2f} s", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--months", type=int, default=120)
    parser.add_argument("--csv-rows", type=int, default=5000)
    parser.add_argument("--deals", type=int, default=100_000, help="rows of the deals CSV (when import_deals exists)")
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite, postgres or both (comma-separated)")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="a URL whose database name this bench owns")
    parser.add_argument("--json", action="store_true", help="print the results as JSON too")
    parser.add_argument("--floor", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.floor:  # inside a measured subprocess
        sys.path.insert(0, str(REPO))
        FLOORS[options.floor[0]](options.floor[1])
        return

    with tempfile.TemporaryDirectory(prefix="otesite-imports-") as folder:
        workdir = Path(folder)
        print(f"Making the {options.people} people x {options.months} months workspace...", flush=True)
        workspace = make_workspace(workdir, options.people, options.months)
        data = json.loads(workspace.read_text())
        files = {
            "workspace": workspace,
            "people_only": without_person_actuals(workspace, workdir),
            "people_csv": make_people_csv(workspace, workdir, options.csv_rows),
        }
        counts = {
            "workspace": sum(len(value) for key, value in data.items() if isinstance(value, list)),
            "people_csv": min(options.csv_rows, len(data["person_actuals"])),
        }
        print(
            f"  {counts['workspace']:,} records, {len(data['person_actuals']):,} of them person actuals, "
            f"{workspace.stat().st_size / 1e6:.1f} MB",
            flush=True,
        )
        if has_import_deals():
            files["deals_csv"] = make_deals_csv(workspace, workdir, options.deals)
            counts["deals_csv"] = options.deals
        else:
            print("  no import_deals command on this branch: the deals CSV is left out", flush=True)

        rows: list[Row] = []
        for name in options.databases.split(","):
            databases = SqliteDatabases(workdir) if name.strip() == "sqlite" else PostgresDatabases(options.postgres)
            try:
                rows += bench(databases, files, counts)
            finally:
                databases.close()

    widths = [max(len(cells[i]) for cells in [HEADER, *(row.cells() for row in rows)]) for i in range(len(HEADER))]
    print()
    print("  ".join(title.ljust(width) for title, width in zip(HEADER, widths, strict=True)))
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row.cells(), widths, strict=True)))
    if options.json:
        print(
            json.dumps(
                [
                    {**dict(zip(HEADER, row.cells(), strict=True)), "floor peak MB": f"{row.floor.peak_mb:.0f}"}
                    for row in rows
                ],
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
