from decimal import Decimal

import pytest
from django.template import Context, Template


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("source", "value", "expected"),
    [
        ("{{ v|money }}", Decimal("5670"), "$5,670"),
        ("{{ v|money }}", Decimal("1417.5"), "$1,417.50"),
        ("{{ v|money }}", None, "n/a"),
        ("{{ v|signed_money }}", Decimal("6808"), "+$6,808"),
        ("{{ v|signed_money }}", Decimal("-1134"), "-$1,134"),
        ("{{ v|signed_money }}", Decimal("0"), "$0"),
        ("{{ v|pct }}", Decimal("75"), "75.0%"),
        ("{{ v|pct }}", Decimal("33.333"), "33.3%"),
        ("{{ v|units }}", Decimal("1.25"), "1.25"),
        ("{{ v|units }}", Decimal("16.00"), "16"),
        ("{{ v|ratio }}", Decimal("7.14330"), "7.14"),
        ("{{ v|ratio }}", None, "n/a"),
        ("{{ v|progress }}", Decimal("200.12"), "100.0"),
        ("{{ v|progress }}", None, "0"),
        ("{{ v|rate }}", Decimal("0.10"), "10.0%"),
        ("{{ v|rate }}", None, "n/a"),
    ],
)
def test_every_screen_formats_numbers_the_same_way(source, value, expected):
    assert render(source, v=value) == expected
