"""How a lower layer asks a higher one, without importing it.

The layers go one way: this base package, then the setup data (`compensation`: roles, people,
plans, assumptions), then the services (`performance`), then the ways in and out. A few
questions a lower layer must ask can only be answered above it: whether saving a plan would
re-price an approved month (the lock, in performance/locks.py), that the data changed (the
data version, a model of `performance`), what a plan's figures are (the engine). Each such
question is a `Hook` here; `performance` provides the answers when Django starts
(performance/hooks.py, called from its AppConfig.ready()).

A hook asked before it is provided raises ImproperlyConfigured: a lock that silently allowed
everything would be worse than no page at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured


class Hook:
    """A question a lower layer asks; `provide()` gives it its answer at start-up."""

    def __init__(self, name: str, doc: str) -> None:
        self.name = name
        self.__doc__ = doc
        self._answer: Callable[..., Any] | None = None

    def provide(self, answer: Callable[..., Any]) -> Callable[..., Any]:
        self._answer = answer
        return answer

    @property
    def provided(self) -> bool:
        return self._answer is not None

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._answer is None:
            raise ImproperlyConfigured(f"The {self.name} hook is not provided: is the performance app installed?")
        return self._answer(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<Hook {self.name}>"


@dataclass(frozen=True)
class PlanSummary:
    """A plan's figures as the admin shows them (all text, already formatted)."""

    monthly_ote: str
    break_even_units: str
    alignment: str
    rows: list[tuple[str, str]] = field(default_factory=list)


# --- The lock on approved months (performance/locks.py) --------------------------------------

refuse_locked_change = Hook(
    "refuse_locked_change",
    "(instance, *, deleting=False) -> None: raise a ValidationError naming the approved months that "
    "saving (or deleting) `instance` would alter.",
)
deletion_refusals = Hook(
    "deletion_refusals",
    "(objs) -> list[str]: why deleting `objs`, and what goes with them, would alter approved months.",
)
hold_every_month = Hook(
    "hold_every_month",
    "() -> None: lock every month's close row until the transaction ends (performance/month_lock.py), "
    "before a write checks whether it alters an approved month.",
)
rows_deletion_refusal = Hook(
    "rows_deletion_refusal",
    "(instances) -> str | None: why deleting these stored rows (an inline's) would alter approved months.",
)

# --- The data version (performance/cache.py) -------------------------------------------------

data_changed = Hook(
    "data_changed",
    "() -> None: give the data a new version, inside the caller's transaction.",
)

# --- Plans and scenarios, as the admin and the models ask about them --------------------------

plan_summary = Hook(
    "plan_summary",
    "(plan) -> PlanSummary | None: a stored plan's figures against the assumptions in force in its first "
    "month (the plan annotated by QuotaPlan.objects.with_economics()); None when there are none yet.",
)
months_with_numbers = Hook(
    "months_with_numbers",
    "(role_id, first, following) -> set[date]: the months from `first` (up to `following`, excluded, "
    "when given) in which the role has numbers that its plan prices.",
)
scenario_change_problems = Hook(
    "scenario_change_problems",
    "(texts) -> list[str]: what is wrong with a saved scenario's change strings (empty: they read).",
)
