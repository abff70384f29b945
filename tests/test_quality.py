"""The code base stays `ruff` and `mypy --strict` clean (run as part of the test suite so that
CI, which runs the README's test command, enforces it)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, check=False
    )


def test_ruff_clean() -> None:
    pytest.importorskip("ruff")
    result = _run("ruff", "check", "provenance", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_clean() -> None:
    pytest.importorskip("mypy")
    result = _run("mypy", "--strict", "provenance")
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_provenance_stays_light() -> None:
    code = (
        "import sys, provenance, provenance.store, provenance.model; "
        "heavy = {'click', 'rich', 'networkx', 'trafilatura', 'prov'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
