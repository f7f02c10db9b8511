"""How the templates are written: read from the source, so a copy-pasted script tag or a
hand-written input shows up here by file and line."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
CHART_SCRIPTS = "performance/_chart_scripts.html"
# The login page is Django's own AuthenticationForm, written out by the logins work (SSO);
# the admin's change-list override is the admin's.
HAND_WRITTEN_ALLOWED = {"registration/login.html", "admin/change_list_with_import.html"}


def _templates() -> dict[str, str]:
    return {str(path.relative_to(TEMPLATES)): path.read_text() for path in sorted(TEMPLATES.rglob("*.html"))}


def test_the_chart_scripts_are_written_once_and_included_by_every_page_with_a_chart():
    templates = _templates()
    with_tags = sorted(name for name, text in templates.items() if "chart.umd.min.js" in text or "js/charts.js" in text)
    charting = sorted(
        name
        for name, text in templates.items()
        if re.search(r'include "(performance/_chart|compensation/_payout_chart)\.html"|data-chart=', text)
        and not name.startswith(("performance/_chart", "compensation/_"))
    )

    assert with_tags == [CHART_SCRIPTS]
    missing = [name for name in charting if CHART_SCRIPTS not in templates[name]]
    assert missing == []


def test_no_template_writes_an_input_a_form_field_should_render():
    found = [
        f"{name}:{number}: {line.strip()}"
        for name, text in _templates().items()
        if name not in HAND_WRITTEN_ALLOWED
        for number, line in enumerate(text.splitlines(), start=1)
        if re.search(r"<(input|select|textarea)\b", line)
    ]

    assert found == []
