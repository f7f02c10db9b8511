"""The forms of a statement's sign-off: a rep's dispute, an admin's resolution."""

from __future__ import annotations

from django import forms

from performance import engine
from performance.disputes import LINE_LENGTH
from performance.web.statement_presenters import statement_lines

WHOLE = ""


class DisputeForm(forms.Form):
    """The line disputed is one of the statement's (or the whole statement), and a note."""

    line = forms.ChoiceField(label="Which line", required=False)
    note = forms.CharField(
        label="What is wrong",
        max_length=2000,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what is wrong: a dispute needs a note."},
    )

    def __init__(self, *args, lines: engine.Statement, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        offered = [line for line in statement_lines(lines) if len(line) <= LINE_LENGTH]
        self.fields["line"].choices = [(WHOLE, "The whole statement"), *((line, line) for line in offered)]


class ResolveForm(forms.Form):
    NO_CHANGE, REOPEN = "no_change", "reopen"

    outcome = forms.ChoiceField(choices=[(NO_CHANGE, "No change"), (REOPEN, "Reopen the month")])
    note = forms.CharField(
        max_length=2000, strip=True, error_messages={"required": "Say what was decided: a resolution needs a note."}
    )
    next = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)

    @classmethod
    def for_dispute(cls, dispute, back: str) -> ResolveForm:
        """The form drawn under one dispute: its own ids, its note labelled with the dispute."""
        form = cls(auto_id=f"resolve-{dispute.pk}-%s", initial={"next": f"{back}#dispute-{dispute.pk}"})
        form.fields["note"].label = f"Resolution note for #{dispute.pk}"
        return form
