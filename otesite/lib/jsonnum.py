"""JSON numbers that never go through a float.

Every figure we write is a ``Decimal`` rounded once, half-up (``exact``); ``dumps`` writes it as a
JSON number with exactly its digits (``93542724616819.96``, where ``float()`` would have written
``93542724616820.0``). ``ExactEncoder`` and ``ExactDecoder`` do the same for a model's JSONField
(what an approved month keeps) and for the charts' ``json_script`` payloads, and read numbers
back as Decimals.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from otesite.lib.formatting import quantize

_MARK = "\u0000exact:"
_MARKED = re.compile(r'"\\u0000exact:(-?[0-9]+(?:\.[0-9]+)?)"')


def exact(value: Decimal | None, places: int = 2) -> Decimal | None:
    """``value`` rounded half-up to ``places`` (once, from the unrounded value); None stays None;
    a value that is not finite (none of ours is) is None rather than a number JSON cannot hold."""
    if value is None or not value.is_finite():
        return None
    rounded = quantize(value, places)
    return rounded if rounded else rounded.copy_abs()  # -0.00 is written 0.00


class ExactEncoder(json.JSONEncoder):
    """Writes a Decimal as a JSON number with its exact digits."""

    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal):
            if not o.is_finite():
                return None
            return _MARK + format(o, "f")
        return super().default(o)

    def encode(self, o: Any) -> str:
        return _MARKED.sub(r"\1", super().encode(o))

    def iterencode(self, o: Any, _one_shot: bool = False):
        for chunk in super().iterencode(o, _one_shot):
            yield _MARKED.sub(r"\1", chunk)


class ExactDecoder(json.JSONDecoder):
    """Reads every JSON number with a fraction as a Decimal, so stored figures come back exact."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("parse_float", Decimal)
        super().__init__(*args, **kwargs)


def dumps(value: Any, **kwargs: Any) -> str:
    """json.dumps, with Decimals written exactly."""
    return json.dumps(value, cls=ExactEncoder, **kwargs)
