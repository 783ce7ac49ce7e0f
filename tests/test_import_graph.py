"""The import graph the contract in pyproject.toml ([tool.importlinter]) is checked on.

`make test` runs `lint-imports` (layers api -> bookings -> screening -> watch_sources,
no cycles between siblings). These tests keep the ground under it honest: the graph
holds the imports written inside functions, and no module takes part in a cycle.
"""

import ast
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent


def _project_graph() -> grimp.ImportGraph:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return grimp.build_graph(*config["root_packages"], cache_dir=None)


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []
    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == module:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return components


def test_the_graph_counts_imports_written_inside_functions():
    # AppConfig.ready() imports the audit chain inside the method, to wire the hook.
    graph = _project_graph()
    assert "bookings.audit" in graph.find_modules_directly_imported_by("bookings.apps")


def test_no_module_of_the_project_takes_part_in_an_import_cycle():
    assert _cycles(_project_graph()) == []


def test_a_cycle_closed_by_an_import_inside_a_function_is_reported():
    # bookings.apps imports watch_sources.signals inside ready(); plant the way back.
    graph = _project_graph()
    graph.add_import(importer="watch_sources.signals", imported="bookings.apps")
    assert ["bookings.apps", "watch_sources.signals"] in _cycles(graph)


def _test_module_imports(path: Path, root: Path = ROOT) -> set[str]:
    """The modules a test file imports, relative imports resolved to dotted names."""
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            found.add(".".join(p for p in (base, node.module or "") if p))
    return found


def _imports_a_test_module(module: str) -> bool:
    last = module.rpartition(".")[2]
    return module.startswith("tests") and (last == "conftest" or last.startswith("test_"))


def test_no_test_imports_a_conftest_or_another_test_module():
    # Shared test code lives in factories and helpers modules; a conftest is pytest's to load.
    offenders = {}
    for path in (ROOT / "tests").rglob("*.py"):
        found = sorted(m for m in _test_module_imports(path) if _imports_a_test_module(m))
        if found:
            offenders[str(path.relative_to(ROOT))] = found
    assert offenders == {}


def test_the_test_import_check_sees_relative_and_absolute_imports(tmp_path):
    planted = tmp_path / "tests" / "reports" / "test_planted.py"
    planted.parent.mkdir(parents=True)
    planted.write_text(
        "from .conftest import x\nfrom tests.conftest import y\nimport tests.api.test_access\n"
        "from .helpers import PERIOD\n"
    )
    found = _test_module_imports(planted, root=tmp_path)
    assert found == {
        "tests.reports.conftest",
        "tests.conftest",
        "tests.api.test_access",
        "tests.reports.helpers",
    }
    assert sorted(m for m in found if _imports_a_test_module(m)) == [
        "tests.api.test_access",
        "tests.conftest",
        "tests.reports.conftest",
    ]
