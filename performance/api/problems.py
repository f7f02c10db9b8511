"""How the API refuses: every problem with its place, all at once.

- Input that breaks a rule: 400 `{"problems": [{"where": "deals[2].closers", "message": "…"}]}`,
  with the same messages as the CSV imports and the forms; nothing is stored.
- A write to an approved month: 409 `{"detail": "2026-02 is approved; …", "months": ["2026-02"],
  "problems": [...]}`, naming the month; nothing is stored.
- Everything else DRF answers as it does (`{"detail": "…"}`: 401, 403, 404, 405, 429).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from otesite.lib.months import format_month
from performance.locks import locked_message

SHOWN = 500  # more than any screen lists; the count says how many there were


@dataclass(frozen=True)
class Problem:
    where: str  # "deals[2].closers", "actuals[0].units", "note"
    message: str

    def json(self) -> dict:
        return {"where": self.where, "message": self.message}


class BatchRefused(Exception):
    """Nothing was stored: these are every problem of the batch, each with its place."""

    status = status.HTTP_400_BAD_REQUEST

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(f"{p.where}: {p.message}" for p in self.problems))

    def response(self) -> Response:
        return Response(problems_json(self.problems), status=self.status)


class MonthsLocked(BatchRefused):
    """Nothing was stored: the batch would change approved months (`problems` says where)."""

    status = status.HTTP_409_CONFLICT

    def __init__(self, months: Iterable[date], problems: Iterable[Problem]) -> None:
        self.months = sorted(set(months))
        super().__init__(problems)

    def response(self) -> Response:
        body = {"detail": locked_message(self.months), "months": [format_month(m) for m in self.months]}
        return Response(body | problems_json(self.problems), status=self.status)


def problems_json(problems: list[Problem]) -> dict:
    body: dict = {"problems": [problem.json() for problem in problems[:SHOWN]]}
    if len(problems) > SHOWN:
        body["more_problems"] = len(problems) - SHOWN
    return body


def flatten(detail, where: str = "") -> list[Problem]:
    """DRF's nested errors ({"deals": [{}, {"closers": ["…"]}]}) as places and messages."""
    if isinstance(detail, dict):
        found = []
        for key, value in detail.items():
            if isinstance(key, int) or str(key).isdigit():  # a list's items, by index
                inner = f"{where}[{key}]"
            elif key in ("non_field_errors", "__all__"):
                inner = where
            else:
                inner = f"{where}.{key}" if where else str(key)
            found += flatten(value, inner)
        return found
    if isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            return [Problem(where or "body", str(item)) for item in detail]
        found = []
        for index, item in enumerate(detail):
            found += flatten(item, f"{where}[{index}]") if isinstance(item, dict | list) else flatten(item, where)
        return found
    return [Problem(where or "body", str(detail))]


def exception_handler(error, context):
    """DRF's handler, with a refused input written as problems and their places."""
    if isinstance(error, BatchRefused):
        return error.response()
    if isinstance(error, ValidationError):
        return Response(problems_json(flatten(error.detail)), status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(error, context)
