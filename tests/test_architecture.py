"""Architecture: the one-way layer contract (import-linter) and that shipped word lists are normalized."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_architecture_layers_contract_is_kept() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    res = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def test_architecture_every_function_has_a_docstring() -> None:
    import ast

    missing = []
    for path in sorted((ROOT / "marsad").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and not ast.get_docstring(node):
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert not missing, "add a one-line docstring to: " + ", ".join(missing[:20])


def _cycles(imports: dict[str, set[str]]) -> list[list[str]]:
    """Return the strongly connected groups of more than one module in an import graph (Tarjan, iterative)."""
    num: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    for root in sorted(imports):
        if root in num:
            continue
        work = [(root, iter(sorted(imports[root])))]
        num[root] = low[root] = len(num)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in num:
                    num[child] = low[child] = len(num)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(imports.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], num[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == num[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    out.append(sorted(group))
    return out


def test_architecture_cycle_finder_finds_a_cycle() -> None:
    """The checker below can fail: a three-module loop is reported."""
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_architecture_no_module_imports_itself_back() -> None:
    """No import cycle between any two modules of the package, however long (arrows point one way)."""
    import grimp

    graph = grimp.build_graph("marsad")
    imports = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    assert _cycles(imports) == []


_SQL = __import__("re").compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|PRAGMA)\b[\s\S]*\b(FROM|INTO|SET|TABLE|WHERE|INDEX)\b")


def _sql_literals(path: Path, root: Path = ROOT) -> list[str]:
    """Return ``file:line`` of the string literals of a module that read as SQL statements."""
    import ast

    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and _SQL.search(node.value):
            found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_architecture_sql_finder_finds_sql(tmp_path: Path) -> None:
    """The checker below can fail: a module with a query is reported."""
    module = tmp_path / "probe.py"
    module.write_text('Q = "SELECT id FROM articles WHERE x = ?"\n', "utf-8")
    assert _sql_literals(module, tmp_path) == ["probe.py:1"]


def test_architecture_no_sql_outside_the_store() -> None:
    """Every SQL statement lives in ``marsad/store/``: the rest of the code calls the ``Store`` protocol."""
    offenders = [hit for path in sorted((ROOT / "marsad").rglob("*.py"))
                 if "store" not in path.relative_to(ROOT / "marsad").parts[:1] for hit in _sql_literals(path)]
    assert offenders == []


def test_architecture_sqlite_store_provides_the_store_protocol() -> None:
    """``SQLiteStore`` has every method of ``Store``, taking at least the protocol's parameters."""
    import inspect

    from marsad.store import Store, open_store
    from marsad.store.sqlite import SQLiteStore

    store = open_store(":memory:")
    try:
        assert isinstance(store, Store)
    finally:
        store.close()
    for name, member in inspect.getmembers(Store, inspect.isfunction):
        if name.startswith("_"):
            continue
        impl = getattr(SQLiteStore, name, None)
        assert callable(impl), f"SQLiteStore lacks {name}"
        wanted = list(inspect.signature(member).parameters)
        assert set(wanted) <= set(inspect.signature(impl).parameters), f"SQLiteStore.{name} parameters differ"
