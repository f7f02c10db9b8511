"""Writing a checked workspace (performance/exchange/workspace.py) in bulk: section by section,
new rows in INSERTs and changed ones in UPDATEs, each with its history row, and nothing for the
rows that did not change, so re-importing an export writes nothing."""

from __future__ import annotations

from collections.abc import Callable

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from performance.exchange import workspace_people
from performance.exchange.workspace_records import Record

BATCH_SIZE = 1000  # rows a statement: well under SQLite's limit on a statement's parameters


def write_records(records: list[Record], summary, reason: str, by, progress: Callable[[str, str, int], None]) -> None:
    """Write section by section in bulk: the new rows in INSERTs, the changed ones in UPDATEs, each
    with its history row (`by` as the history's user, `reason` as its change reason); rows that
    did not change are not written and get no history. A section's rows refer only to those of
    sections before it (a plan to its role, a closer to its deal), which are saved by then."""
    sections: dict[str, list[Record]] = {}
    for record in records:
        sections.setdefault(record.section, []).append(record)
    for section, found in sections.items():
        model = type(found[0].instance)
        for record in found:
            if record.before_save is not None and (record.is_new or record.changed):
                record.before_save(record.instance, reason)
        new = [record.instance for record in found if record.is_new]
        changed = [record.instance for record in found if record.changed and not record.is_new]
        history = {"batch_size": BATCH_SIZE, "default_user": by, "default_change_reason": reason}
        if new:
            bulk_create_with_history(new, model, **history)
        if changed:
            bulk_update_with_history(changed, model, fields=_written_fields(model), **history)
        counts = summary.counts.get(section)
        for record in found:
            if record.deleting:
                record.instance._change_reason = reason
                record.instance.delete()
            if record.tiers is not None:
                workspace_people.replace_tiers(record.instance, record.tiers, reason)
            if counts is None:  # rows counted with the record they belong to (a deal's closers)
                continue
            if record.is_new:
                counts.created += 1
            elif record.changed or record.tiers is not None or record.children_changed:
                counts.updated += 1
            else:
                counts.unchanged += 1
        if section in summary.counts:
            progress("wrote", section, len(found))


def _written_fields(model) -> list[str]:
    return [field.name for field in model._meta.concrete_fields if not field.primary_key]
