"""Shared fixtures: paths to the bundled seeds and claims files, a temporary store, a CLI runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"
SEED_CLAIMS = sorted((EXAMPLES / "claims").glob("seed-*.json"))
SEED_TEXTS = sorted((REPO / "seeds").glob("*.txt"))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Path of a store file that does not exist yet."""
    return tmp_path / "store.db"


Invoke = Callable[..., Result]


@pytest.fixture
def run(db: Path) -> Invoke:
    """Run the CLI against the temporary store; returns click's Result (stdout, stderr, code)."""
    from provenance.cli import cli

    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(cli, ["--db", str(db), *args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def seeded(run: Invoke) -> Invoke:
    """The CLI runner on a store holding both seed claims files."""
    result = run("ingest", *map(str, SEED_CLAIMS))
    assert result.exit_code == 0, result.output
    return run
