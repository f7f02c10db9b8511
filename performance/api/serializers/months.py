"""Months as the API lists them, and a month's close (its state and steps; a step to take)."""

from __future__ import annotations

from rest_framework import serializers

from performance.month_close import Action, State


class MonthSerializer(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM")
    state = serializers.ChoiceField(choices=State.choices)


class StepSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=Action.choices)
    by = serializers.CharField(help_text='The username, or "an import"')
    at = serializers.DateTimeField()
    note = serializers.CharField(allow_blank=True)


class CloseSerializer(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM")
    state = serializers.ChoiceField(choices=State.choices)
    steps = StepSerializer(many=True)


class CloseStepRequest(serializers.Serializer):
    """The screen's close form: review (a manager), approve or reopen (an admin; reopening needs a note)."""

    action = serializers.ChoiceField(
        choices=[action.value for action in Action],
        error_messages={"invalid_choice": 'must be "review", "approve" or "reopen" (got "{input}")'},
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
