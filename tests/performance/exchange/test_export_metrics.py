import json
from io import StringIO

import pytest
from conftest import EXAMPLES
from django.core.management import CommandError, call_command


def export(*args: str):
    out = StringIO()
    call_command("export_metrics", *args, stdout=out)
    return json.loads(out.getvalue())


def _without_texts(document: dict) -> dict:
    for role in document["roles"]:
        for recommendation in role.get("recommendations", []):
            assert recommendation.pop("text")
    return document


def test_it_exports_a_month_exactly_as_domain_md_expects(example_agency):
    expected = json.loads((EXAMPLES / "insurance_agency.expected.json").read_text())
    assert _without_texts(export("--month", "2026-03")) == expected["2026-03"]


def test_it_exports_a_range_as_a_list_of_months(example_agency):
    documents = export("--from", "2026-01", "--to", "2026-03")
    assert [document["month"] for document in documents] == ["2026-01", "2026-02", "2026-03"]


def test_recommendations_carry_readable_sentences(example_agency):
    closers = export("--month", "2026-03")["roles"][0]
    assert closers["recommendations"][0]["text"] == "Need 1.25 more deals per closer"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--month", "2026-13"), "no month 13"),
        (("--month", "March"), "write it as YYYY-MM"),
        ((), "Give --month"),
        (("--from", "2026-03", "--to", "2026-01"), "before"),
        (("--month", "2025-12"), "No business assumptions"),
    ],
)
def test_it_refuses_bad_months_with_a_clear_message(example_agency, args, message):
    with pytest.raises(CommandError, match=message):
        export(*args)


@pytest.mark.parametrize("month", ["2026-01", "2026-02", "2026-03"])
def test_it_exports_the_people_example_exactly_as_domain_md_expects(people_team, month):
    expected = json.loads((EXAMPLES / "people_team.expected.json").read_text())
    assert _without_texts(export("--month", month)) == expected[month]
