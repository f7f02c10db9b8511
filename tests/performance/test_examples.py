import pytest
from conftest import SHARED_EXAMPLES, VENDORED_EXAMPLES


@pytest.mark.parametrize(
    "name",
    [
        "insurance_agency.json",
        "insurance_agency.expected.json",
        "people_team.json",
        "people_team.expected.json",
        "people_team.what_if.expected.json",
        "deals_team.json",
        "deals_team.expected.json",
    ],
)
def test_the_vendored_example_is_a_faithful_copy_of_the_shared_one(name):
    shared = SHARED_EXAMPLES / name
    if not shared.is_file():
        pytest.skip("../shared/examples is not beside this clone; the vendored copy is used")
    assert (VENDORED_EXAMPLES / name).read_bytes() == shared.read_bytes()
