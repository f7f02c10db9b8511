"""Bad actuals CSV files and what each must be told, shared by the reader's, the web import's and
the command's tests so that all three are held to the same messages."""

from otesite.lib.months import add_months, format_month
from otesite.lib.parse import parse_month
from otesite.lib.rules import current_month
from performance.models import MonthlyActual, MonthlyRevenue

# The month under way, and the first that has not started: no actuals can be recorded for it.
THIS_MONTH = format_month(current_month())
NEXT_MONTH = format_month(add_months(current_month(), 1))
NOT_STARTED = (
    f"{NEXT_MONTH} has not started yet; actuals and revenue can only be recorded for months up to {THIS_MONTH}"
)

HEADER = "month,role,headcount,units,credited_deals,meetings_held,earnings"


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode()


def stored_state() -> list[tuple]:
    """Everything stored about actuals, history included, to show that nothing changed."""
    rows = MonthlyActual.objects.order_by("pk").values_list(
        "role__name", "month", "headcount", "units", "credited_deals", "meetings_held", "earnings"
    )
    return [*rows, MonthlyActual.history.count()]


BAD_FILES = {
    "malformed month": (
        csv_bytes("March 2026,Closers,8,30,,,"),
        "row 2, column month: 'March 2026' is not a month; write it as YYYY-MM, e.g. 2026-03",
    ),
    "impossible month": (
        csv_bytes("2026-13,Closers,8,30,,,"),
        "row 2, column month: '2026-13' has no month 13; months run 01 to 12",
    ),
    "month before the first business assumptions": (
        csv_bytes("2025-12,Closers,8,30,,,"),
        "row 2, column month: 2025-12 is before the first business assumptions (2026-01);"
        " an admin must set assumptions for it first",
    ),
    "month that has not started": (
        csv_bytes(f"{NEXT_MONTH},Closers,8,30,,,"),
        f"row 2, column month: {NOT_STARTED}",
    ),
    "month beyond the years a month may be": (
        csv_bytes("9999-12,Closers,8,30,,,"),
        "row 2, column month: '9999-12' is out of range; months run from 1900-01 to 2999-12",
    ),
    "month in full-width digits": (
        csv_bytes("２０２６-０３,Closers,8,30,,,"),
        "row 2, column month: '２０２６-０３' is not a month; write it as YYYY-MM, e.g. 2026-03",
    ),
    "unknown role": (
        csv_bytes("2026-03,Closerz,8,30,,,"),
        'row 2, column role: no role is called "Closerz" (roles: Closers, Setters, Manager)',
    ),
    "negative units": (
        csv_bytes("2026-03,Closers,8,-3,,,"),
        'row 2, column units: must be a number ≥ 0 (got "-3")',
    ),
    "negative headcount": (
        csv_bytes("2026-03,Closers,-1,30,,,"),
        'row 2, column headcount: must be a whole number ≥ 0 (got "-1")',
    ),
    "negative earnings": (
        csv_bytes("2026-03,Closers,8,30,,,-100"),
        'row 2, column earnings: must be a number ≥ 0 (got "-100")',
    ),
    "non-numeric headcount": (
        csv_bytes("2026-03,Closers,eight,30,,,"),
        'row 2, column headcount: must be a whole number ≥ 0 (got "eight")',
    ),
    "non-numeric credited deals": (
        csv_bytes("2026-03,Closers,8,30,about 30,,"),
        'row 2, column credited_deals: must be a number ≥ 0 (got "about 30")',
    ),
    "NaN": (
        csv_bytes("2026-03,Closers,8,NaN,,,"),
        'row 2, column units: must be a number ≥ 0 (got "NaN")',
    ),
    "infinity": (
        csv_bytes("2026-03,Closers,8,30,,Infinity,"),
        'row 2, column meetings_held: must be a number ≥ 0 (got "Infinity")',
    ),
    "fractional headcount": (
        csv_bytes("2026-03,Closers,2.5,30,,,"),
        'row 2, column headcount: must be a whole number ≥ 0 (got "2.5")',
    ),
    "full-width digits": (
        csv_bytes("2026-03,Closers,８,30,,,"),
        'row 2, column headcount: must be a whole number ≥ 0 (got "８")',
    ),
    "Arabic-Indic digits": (
        csv_bytes("2026-03,Closers,8,٣٠,,,"),
        'row 2, column units: must be a number ≥ 0 (got "٣٠")',
    ),
    "digit grouping": (
        csv_bytes("2026-03,Closers,8,30,,,1_000"),
        'row 2, column earnings: must be a number ≥ 0 (got "1_000")',
    ),
    "an exponent": (
        csv_bytes("2026-03,Closers,8,3e1,,,"),
        'row 2, column units: must be a number ≥ 0 (got "3e1")',
    ),
    "a headcount of 1e9999999": (
        csv_bytes("2026-03,Closers,1e9999999,30,,,"),
        'row 2, column headcount: must be a whole number ≥ 0 (got "1e9999999")',
    ),
    "a number longer than a number can be": (
        csv_bytes("2026-03,Closers,8," + "9" * 5000 + ",,,"),
        "row 2, column units: must be a number ≥ 0 of at most 30 characters",
    ),
    "empty required cell": (
        csv_bytes("2026-03,Closers,8,,,,"),
        "row 2, column units: is required",
    ),
    "more decimal places than stored": (
        csv_bytes("2026-03,Closers,8,30.125,,,"),
        "row 2, column units: ensure that there are no more than 2 decimal places",
    ),
    "missing column": (
        csv_bytes("2026-03,Closers,8,,,", header="month,role,headcount,credited_deals,meetings_held,earnings"),
        'header: missing column "units"',
    ),
    "unknown column": (
        csv_bytes("2026-03,Closers,8,30,,,,", header=HEADER + ",earning"),
        'header: unknown column "earning"; the columns are month, role, headcount, units, credited_deals,'
        " meetings_held, earnings",
    ),
    "column twice": (
        csv_bytes("2026-03,Closers,8,30,30", header="month,role,headcount,units,units"),
        'header: column "units" appears twice',
    ),
    "duplicate rows for a role and month": (
        csv_bytes("2026-04,Closers,8,30,,,", "2026-04,Setters,2,80,,,", "2026-04,Closers,8,31,,,"),
        "row 4, column role: Closers for 2026-04 is already on row 2",
    ),
    "a row with too few cells": (
        csv_bytes("2026-04,Closers,8,30"),
        "row 2: has 4 cells where the header has 7",
    ),
    "empty file": (b"", "file: is empty"),
    "only a header": (csv_bytes(), "file: has no rows under the header"),
    "an image, not CSV": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "file: is not a UTF-8 CSV file"),
    "a spreadsheet, not CSV": (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "file: is not a CSV file (it holds binary data)"),
    "Latin-1, not UTF-8": ("month,role\n2026-03,Clôsers\n".encode("latin-1"), "file: is not a UTF-8 CSV file"),
    "semicolon separated": (
        HEADER.replace(",", ";").encode() + b"\n2026-03;Closers;8;30;;;\n",
        "header: columns must be separated by commas, not semicolons",
    ),
    "unbalanced quotes": (csv_bytes('2026-03,"Closers,8,30,,,'), "file: is not a readable CSV file"),
    "text that is not CSV": (b'{"actuals": []}\n', "header: missing column"),
}


MARCH = parse_month("2026-03")


APRIL = parse_month("2026-04")


def entry_state() -> list:
    """The role actuals and revenue as the entry form stores them, with their history counts."""
    rows = MonthlyActual.objects.order_by("pk").values_list(
        "role__name", "month", "headcount", "units", "credited_deals", "meetings_held", "earnings"
    )
    revenue = list(MonthlyRevenue.objects.values_list("month", "revenue"))
    return [*rows, revenue, MonthlyActual.history.count(), MonthlyRevenue.history.count()]
