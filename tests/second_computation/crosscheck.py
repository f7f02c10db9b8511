"""The engine against the second computation on one workspace, every month, every value."""

from . import compute
from .compare import count_values, key_paths, labelled
from .engine_side import engine_documents
from .numbers import unrounded_output

PARTS = ("metrics", "statements", "payroll")


def crosscheck(workspace: dict) -> tuple[list[str], int]:
    """(each value where the engine's documents differ from the second computation's, with its
    path, the engine's value first, and any document whose keys come in another order; how many
    values were compared), over every month from the first economics record to the last month
    with data, a cancellation or a clawback."""
    mine = compute(workspace)
    with unrounded_output():
        unrounded = compute(workspace)
    theirs = engine_documents(workspace, list(mine))
    lines, compared = [], 0
    for month in mine:
        for part in PARTS:
            compared += count_values(mine[month][part])
            lines += labelled(theirs[month][part], mine[month][part], unrounded[month][part], f"{month}/{part}")
            lines += _order(theirs[month][part], mine[month][part], f"{month}/{part}", part == "statements")
    return lines, compared


def _order(found, expected, path: str, by_person: bool) -> list[str]:
    """A document whose keys come in another order (statements compared person by person: how
    they are gathered in a month is ours, not a written document)."""
    pairs = [(found.get(p), expected[p], f"{path}/{p}") for p in expected] if by_person else [(found, expected, path)]
    return [
        f"{where}: keys in another order" for a, b, where in pairs if a is not None and key_paths(a) != key_paths(b)
    ]


def explain(kind: str, seed: int, lines: list[str], compared: int) -> str:
    shown = "\n".join(lines[:40])
    more = f"\n... and {len(lines) - 40} more" if len(lines) > 40 else ""
    return (
        f"{kind} workspace of seed {seed}: {len(lines)} of {compared} values differ "
        f"(the engine's value, then the second computation's):\n{shown}{more}\n"
        f"Smallest case: cd tests && python -m second_computation.shrink {kind} {seed} 'A PATH PATTERN'"
    )
