"""Comparing two JSON documents value by value, with every difference named by its path."""

import re
from typing import Any


def differences(found: Any, expected: Any, path: str = "") -> list[str]:
    """Every path where ``found`` and ``expected`` differ: a missing or extra key, a list of
    another length, or another value (JSON numbers compared as JSON parses them)."""
    if isinstance(found, dict) and isinstance(expected, dict):
        lines = []
        for key in list(expected) + [key for key in found if key not in expected]:
            if key not in found:
                lines.append(f"{path}/{key}: missing (expected {expected[key]!r})")
            elif key not in expected:
                lines.append(f"{path}/{key}: not expected ({found[key]!r})")
            else:
                lines += differences(found[key], expected[key], f"{path}/{key}")
        return lines
    if isinstance(found, list) and isinstance(expected, list):
        if len(found) != len(expected):
            return [f"{path}: {len(found)} items, expected {len(expected)}: {found!r} vs {expected!r}"]
        return [
            line
            for i, pair in enumerate(zip(found, expected, strict=True))
            for line in differences(*pair, f"{path}[{i}]")
        ]
    if found != expected or type(found) is bool and type(expected) is not bool:
        return [f"{path}: {found!r}, expected {expected!r}"]
    return []


def key_paths(data: Any, prefix: str = "") -> list[str]:
    """Every key path in document order, so that key order is compared too."""
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in [f"{prefix}/{key}", *key_paths(value, f"{prefix}/{key}")]]
    if isinstance(data, list):
        return [p for i, item in enumerate(data) for p in key_paths(item, f"{prefix}[{i}]")]
    return []


def count_values(data: Any) -> int:
    """How many leaf values a document holds (what a comparison checks one by one)."""
    if isinstance(data, dict):
        return sum(count_values(value) for value in data.values())
    if isinstance(data, list):
        return sum(count_values(item) for item in data)
    return 1


def labelled(found: Any, expected: Any, unrounded: Any, path: str = "") -> list[str]:
    """``differences``, each marked "[half rounded down]" where ``found`` wrote an exact half
    (an exact half cent, or a 4th-decimal half) rounded toward zero while ``expected`` rounded it
    up: ``unrounded`` is the expected document with each number before rounding (``Unrounded``)."""
    lines = []
    for line in differences(found, expected, path):
        where = line.split(": ", 1)[0][len(path) :]
        value = _at(unrounded, where)
        if hasattr(value, "is_half") and value.is_half() and _at(found, where) == value.rounded_down():
            line = f"{line} [half rounded down: exactly {value.value.normalize():f}]"
        lines.append(line)
    return lines


def _at(document: Any, path: str) -> Any:
    """The value at a path written by ``differences`` ("/roles[0]/people[1]/gap"), or None."""
    try:
        for key, index in re.findall(r"/([^/\[]+)|\[(\d+)\]", path):
            document = document[key] if key else document[int(index)]
    except (KeyError, IndexError, TypeError):
        return None
    return document
