"""Saved what-if scenarios: a base month and its changes, computed afresh when opened."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from otesite.lib import hooks
from otesite.lib.fields import MonthField


class Scenario(models.Model):
    """A named what-if: a base month and the changes to it, as the change strings DOMAIN.md
    writes (``Closers.annual_ote=+20%``), computed afresh whenever it is opened."""

    name = models.CharField(max_length=100)
    month = MonthField("base month", help_text="The month the scenario starts from (YYYY-MM).")
    changes = models.JSONField(default=list, blank=True, help_text='Change strings, e.g. ["close_rate=0.3"].')
    revenue_goal = models.DecimalField(
        max_digits=16, decimal_places=2, null=True, blank=True, help_text="Revenue a month to hire for (optional)."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="scenarios"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [
            ("use_what_if", "Can try what-if scenarios"),
            ("apply_scenario", "Can apply a scenario's plan changes as new plan versions"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """The changes must read as changes; whether they fit the month is checked when computed."""
        if not isinstance(self.changes, list) or not all(isinstance(text, str) for text in self.changes):
            raise ValidationError({"changes": 'A list of change strings, e.g. ["close_rate=0.3"].'})
        if problems := hooks.scenario_change_problems(self.changes):
            raise ValidationError({"changes": problems})
