"""Months that cannot hold what is offered for them, one message each (DOMAIN.md).

- Nothing can be computed for a month before the first business assumptions: plans and
  actuals for it are refused, naming the month (`month_not_covered`).
- "Inputs that cannot be true": a month that has not started has no actuals, person actuals
  or revenue (`month_not_started`); plans and economics may start in the future.

Both answer None or the message, so a reader reports it with its own "where" (a CSV cell, a
JSON path, a form field), and the models' clean() raise it for the admin and every import.

`full_clean_with` checks a model's rules for readers that check many records at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import timezone

from otesite.lib.months import format_month

_one_today: ContextVar[date | None] = ContextVar("one_today", default=None)


@contextmanager
def one_today() -> Iterator[None]:
    """Inside the block "today" is read once: a reader that checks thousands of records asks the
    clock and the time zone once (not once a record), and every record sees the same day, even
    when the check runs across midnight."""
    token = _one_today.set(timezone.localdate())
    try:
        yield
    finally:
        _one_today.reset(token)


def today() -> date:
    """Today in the site's time zone (as read once inside `one_today`)."""
    return _one_today.get() or timezone.localdate()


def current_month() -> date:
    """The month that is under way, in the site's time zone."""
    return today().replace(day=1)


def month_not_started(month: date, today: date | None = None) -> str | None:
    """Why nothing that happened can be recorded for `month` yet, or None once it has started."""
    current = (today or current_month()).replace(day=1)
    if month <= current:
        return None
    return (
        f"{format_month(month)} has not started yet; actuals and revenue can only be recorded"
        f" for months up to {format_month(current)}"
    )


def month_not_covered(month: date, first: date | None) -> str | None:
    """Why `month` cannot hold plans or actuals, given the first business assumptions' month."""
    if first is None:
        return f"{format_month(month)} has no business assumptions; an admin must set them first"
    if month < first:
        return (
            f"{format_month(month)} is before the first business assumptions ({format_month(first)});"
            " an admin must set assumptions for it first"
        )
    return None


def full_clean_with(
    instance: models.Model, exclude: set[str], rules: Callable[[], None], *, database: bool = True
) -> None:
    """Model.full_clean() with `rules` in place of clean(), for readers that check many records
    at once: the rules are given what they need from the database, read in bulk (or the file
    merged with what is stored). With `database` False the uniqueness and constraint checks,
    a few queries a record, are left to the caller's bulk check and the database itself (clean()
    states every CheckConstraint in words)."""
    errors: dict = {}
    exclude = set(exclude)
    steps = ("clean_fields", rules, "validate_unique", "validate_constraints") if database else ("clean_fields", rules)
    for step in steps:
        try:
            # As full_clean() does, a field already in error is left out of the later steps.
            step() if callable(step) else getattr(instance, step)(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        exclude |= {name for name in errors if name != NON_FIELD_ERRORS}
    if errors:
        raise ValidationError(errors)
