"""SQL is built only from constants and placeholders; every value goes in as a parameter.

A static check over ``provenance/``: any f-string, ``%`` or ``.format`` that builds SQL may only
interpolate the structural pieces listed in ``_STRUCTURAL`` (placeholder lists, column lists
defined as constants, table and column names from literal tuples, ``int(...)``). A value from
the user interpolated into SQL fails the test. Then the same through the CLI with hostile
claim references, search terms and names.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from provenance.store import Store
from tests.conftest import REPO, Invoke

_SQL = re.compile(
    r"\b(SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES|PRAGMA|CREATE|ALTER|DROP|LIMIT|FROM|IN \()"
)

# Interpolated expression -> why it is safe. Names are checked below to be bound only to
# constants (UPPER_CASE module constants, literal tuples, placeholder lists).
_STRUCTURAL = {
    "marks": 'a placeholder list: ",".join("?" * n)',
    "table": "a table name from a literal tuple",
    "column": "a column name from a literal tuple",
    "where": "one of two literal WHERE clauses",
    "int(limit)": "an integer",
    "version + 1": "an integer (PRAGMA takes no parameters)",
    "int(mib) * 1024": "an integer (PRAGMA takes no parameters)",
    "int(before)": "an integer read back from PRAGMA cache_size",
    "','.join('?' * len(ids)) or 'NULL'": "a placeholder list",
}
_CONSTANT = re.compile(r"^_[A-Z][A-Z0-9_]*$")


def _sources() -> list[tuple[Path, ast.Module]]:
    return [
        (path, ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted((REPO / "provenance").rglob("*.py"))
    ]


def _is_sql_text(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and bool(_SQL.search(node.value))
    )


def test_sql_interpolates_only_structural_pieces() -> None:
    problems = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            where = f"{path.relative_to(REPO)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.JoinedStr):
                literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                if not _SQL.search(literal):
                    continue
                for value in node.values:
                    if isinstance(value, ast.FormattedValue):
                        expr = ast.unparse(value.value)
                        if expr not in _STRUCTURAL and not _CONSTANT.match(expr):
                            problems.append(f"{where}: f-string SQL interpolates {expr!r}")
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
                if _is_sql_text(node.left):
                    problems.append(f"{where}: SQL built with %")
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "format"
                and _is_sql_text(node.func.value)
            ):
                problems.append(f"{where}: SQL built with .format()")
    assert problems == []


def _literal(node: ast.AST) -> bool:
    """A string constant, or a tuple/list of them (nested)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.Tuple | ast.List):
        return all(_literal(e) for e in node.elts)
    return False


def test_structural_names_are_bound_only_to_constants() -> None:
    """In the store, ``marks``, ``table``, ``column`` and ``where`` never hold outside values."""
    marks_form = re.compile(r"""['"],['"]\.join\(['"]\?['"] \* len\(\w+\)\)( or ['"]NULL['"])?""")
    problems = []
    checked = 0
    for path, tree in _sources():
        if "store" not in path.parts:
            continue
        for node in ast.walk(tree):
            where = f"{path.relative_to(REPO)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if not isinstance(target, ast.Name):
                        continue
                    src = ast.unparse(node.value)
                    if target.id == "marks":
                        checked += 1
                        if not marks_form.fullmatch(src):
                            problems.append(f"{where}: marks = {src}")
                    elif target.id == "where":
                        checked += 1
                        value = node.value
                        if isinstance(value, ast.Tuple):  # (clause, args)
                            value = value.elts[0]
                        if not _literal(value) and not isinstance(value, ast.List):
                            problems.append(f"{where}: where = {src}")
            if isinstance(node, ast.For):
                bound = {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}
                if bound & {"table", "column"}:
                    checked += 1
                    if not _literal(node.iter):
                        problems.append(f"{where}: {sorted(bound)} from {ast.unparse(node.iter)}")
            if (
                isinstance(node, ast.comprehension)
                and isinstance(node.target, ast.Name)
                and node.target.id in {"table", "column"}
            ):
                checked += 1
                if not _literal(node.iter):
                    problems.append(f"{where}: {node.target.id} from {ast.unparse(node.iter)}")
    assert problems == []
    assert checked >= 10  # the check looked at the store's SQL at all


def test_hostile_references_and_search_terms_are_only_data(seeded: Invoke, db: Path) -> None:
    before = Store(db).counts()
    hostile = [
        "' OR '1'='1",
        "'; DROP TABLE claims; --",
        '" OR 1=1 --',
        "%",
        "_",
        "\\",
        "a%' UNION SELECT id FROM documents --",
    ]
    for ref in hostile:
        result = seeded("show", ref)
        assert result.exit_code == 1, (ref, result.output)
        assert result.stderr.startswith("error: no claim") or "names several" in result.stderr
        for option in ("--search", "--speaker", "--outlet", "--document"):
            listed = seeded("claims", option, ref, "--json")
            assert listed.exit_code == 0, (ref, option, listed.output)
            rows = json.loads(listed.stdout)
            if option == "--search":
                assert all(ref.lower() in r["text"].lower() for r in rows), (ref, rows[:1])
    assert seeded("rate", "44 of them", "--rating", "false", "--by", "'); DROP TABLE verdicts;--")
    with Store(db) as store:
        assert store.counts() == before
        assert store.integrity_ok()
        assert store.verdicts()[-1].by == "'); DROP TABLE verdicts;--"
