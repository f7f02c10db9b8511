"""The layers go one way: the base package (otesite/lib), the setup data (compensation), the
services (performance), the ways in and out (performance.exchange, .web, .api, the commands,
the admin, the URLs). Read from the source, imports inside functions included, so a lazy
import cannot hide a climb back up."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("otesite", "compensation", "performance")
TOP = (
    "performance.exchange",
    "performance.web",
    "performance.api",
    "performance.management",
    "performance.templatetags",
    "performance.admin",
    "otesite.urls",
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                found[_module_name(path)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return {module for module in found if module in MODULES and module != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _is(name: str, *prefixes: str) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for other in GRAPH[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in GRAPH:
        if node not in index:
            visit(node)
    return found


def test_the_graph_is_read_from_every_module():
    assert "otesite.lib.parse" in GRAPH
    assert "performance.engine.month" in GRAPH["performance.engine"]


def test_no_modules_import_each_other_in_a_circle():
    assert _cycles() == []


def test_the_base_package_imports_nothing_of_the_layers_above():
    climbs = {
        name: sorted(other for other in imports if not _is(other, "otesite.lib"))
        for name, imports in GRAPH.items()
        if _is(name, "otesite.lib")
    }
    assert {name: found for name, found in climbs.items() if found} == {}


def test_the_setup_data_imports_nothing_of_performance():
    climbs = {
        name: sorted(other for other in imports if not _is(other, "otesite.lib", "compensation"))
        for name, imports in GRAPH.items()
        if _is(name, "compensation")
    }
    assert {name: found for name, found in climbs.items() if found} == {}


def test_the_services_import_none_of_the_ways_in_and_out():
    climbs = {
        name: sorted(other for other in imports if _is(other, *TOP))
        for name, imports in GRAPH.items()
        if _is(name, "performance") and not _is(name, *TOP)
    }
    assert {name: found for name, found in climbs.items() if found} == {}


@pytest.mark.parametrize("name", sorted(name for name in MODULES if _is(name, "performance.engine")))
def test_the_engine_is_pure(name):
    """No Django, and nothing of the project but the engine and the pure base modules."""
    source = MODULES[name].read_text()
    assert "django" not in {alias.split(".")[0] for alias in _all_imported(source)}
    assert all(
        _is(other, "performance.engine", "otesite.lib.formatting", "otesite.lib.months") for other in GRAPH[name]
    )


def _all_imported(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level:
            found.add(node.module or "")
    return found


def test_the_pure_base_modules_the_engine_reads_import_no_django():
    for name in ("otesite.lib.formatting", "otesite.lib.months"):
        assert "django" not in {alias.split(".")[0] for alias in _all_imported(MODULES[name].read_text())}
    assert _all_imported(MODULES["otesite.lib"].read_text()) == set()  # importing the package costs nothing
