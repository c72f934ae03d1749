"""The shape of the code: no import cycles, small modules and functions, cheap imports, no private names
across packages. These read the source (and start fresh interpreters), not the behaviour."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "src" / "geowire"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60
HEAVY = ("spacy", "scipy", "pyarrow", "thinc", "datasketch", "fastapi", "matplotlib", "networkx", "trafilatura")


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PKG.rglob("*.py")):
        parts = ["geowire", *path.relative_to(PKG).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _runtime_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement, at any depth, except those under `if TYPE_CHECKING:`."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                found.append(child)
            visit(child)

    visit(tree)
    return found


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The geowire modules an import statement executes (a name from a package is its submodule if any)."""
    if isinstance(node, ast.Import):
        return {a.name for a in node.names if a.name in MODULES}
    if node.level:
        base = module.split(".") if _is_package(module) else module.split(".")[:-1]
        base = base[: len(base) - node.level + 1]
        origin = ".".join(base + ([node.module] if node.module else []))
    else:
        origin = node.module or ""
    if origin not in MODULES:
        return set()
    names = [a.name for a in node.names]
    subs = {f"{origin}.{n}" for n in names if f"{origin}.{n}" in MODULES}
    if node.module is None and len(subs) == len(names):  # `from . import x, y`: only the submodules run here
        return subs
    return subs | {origin}


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[name] = {t for node in _runtime_imports(tree) for t in _targets(name, node)} - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * len(graph)))
    for v in sorted(graph):
        if v not in index:
            strong(v)
    return found


def test_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles() -> None:
    graph = import_graph()
    assert graph["geowire.ingest.archives"] >= {"geowire.ingest.base"}  # the walk sees relative imports
    assert "geowire.web.api" in graph["geowire.web.app"]
    assert cycles(graph) == []


def test_modules_and_functions_are_small() -> None:
    too_long = []
    for path in MODULES.values():
        src = path.read_text(encoding="utf-8")
        if len(src.splitlines()) > MAX_MODULE_LINES:
            too_long.append(f"{path.relative_to(PKG)}: {len(src.splitlines())} lines")
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = (node.end_lineno or node.lineno) - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    too_long.append(f"{path.relative_to(PKG)}:{node.lineno} {node.name}: {n} lines")
    assert not too_long, too_long


def test_the_web_imports_no_private_name() -> None:
    private = []
    for name, path in MODULES.items():
        if not name.startswith("geowire.web"):
            continue
        for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                private += [f"{name}: {node.module}.{a.name}" for a in node.names
                            if a.name.startswith("_") and not a.name.endswith("__")]
    assert not private, private


def _loaded_after(code: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys, json\n"
                          "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    return [m for m in json.loads(out.splitlines()[-1]) if m in HEAVY]


def test_import_geowire_is_light() -> None:
    assert _loaded_after("import geowire; geowire.Article; geowire.ingest; geowire.read_inputs") == []


@pytest.mark.parametrize("argv", [["dyads"], ["events", "--limit", "3"], ["rejects"], ["status"], ["alerts"], ["--version"]])
def test_query_commands_load_nothing_heavy(tmp_path: Path, argv: list[str]) -> None:
    db = tmp_path / "s.duckdb"
    import geowire

    with geowire.Store(db):
        pass
    args = argv + ([] if argv[0].startswith("-") else ["--db", str(db)])
    code = f"from geowire.cli import main\ntry:\n    main({args!r})\nexcept SystemExit:\n    pass"
    assert _loaded_after(code) == []


def test_library_errors_name_no_cli_flag() -> None:
    import re

    flag = re.compile(r"(?<![\w-])--[a-z]")
    found = []
    for name, path in MODULES.items():
        if name.startswith("geowire.cli"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise | ast.Call) and flag.search(ast.unparse(node)) and (
                    isinstance(node, ast.Raise) or ast.unparse(node.func).endswith(("Reject", "Error"))):
                found.append(f"{name}:{node.lineno}")
    assert not found, found
