"""What the statement screens show beside the statement itself: the lines a rep may dispute, and
each person's e-mail and sign-off on the statements list."""

from __future__ import annotations

from dataclasses import dataclass

from otesite.lib.formatting import format_percent, format_units
from performance import engine
from performance.disputes import SignOff
from performance.statement_records import StatementEmail


def band_label(band: engine.StatementBand) -> str:
    """ "Band 100.0% to 150.0% (× 1.5)", as the statement shows the band."""
    top = "above" if band.to_pct is None else format_percent(band.to_pct)
    return f"Band {format_percent(band.from_pct)} to {top} (× {format_units(band.multiplier)})"


def statement_lines(statement: engine.Statement) -> list[str]:
    """The lines of a statement a rep may name in a dispute, in the statement's order. Deals
    and clawbacks are offered once statements carry them (by their deal's id)."""
    lines = ["Quota", "Units", "Credited deals", "Pay attainment"]
    lines += [band_label(band) for band in statement.bands]
    lines += ["Base", "Commission", "Earnings"]
    for name, word in (("deals", "Deal"), ("clawbacks", "Clawback of deal")):
        for item in getattr(statement, name, None) or ():
            found = getattr(item, "id", None) or getattr(item, "deal", None)
            if found:
                lines.append(f"{word} {found}")
    return lines


@dataclass(frozen=True)
class StatementRow:
    """A row of the statements list: the person's statement, e-mail and sign-off."""

    person_id: int
    person: str
    statement: engine.Statement
    email: StatementEmail | None  # the latest attempt of this approval (of the month when not approved)
    address: str  # the person's e-mail address now ("" for none)
    sign_off: SignOff

    @property
    def email_state(self) -> str:
        """ "sent", "failed", "sending", "no_address" or "not_sent"."""
        if self.email is not None:
            return self.email.status
        return "not_sent" if self.address else "no_address"
