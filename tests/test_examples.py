"""The outputs shipped in ``examples/`` are what the current code makes of the seed claims."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import cli
from tests.conftest import EXAMPLES, REPO, SEED_CLAIMS

# Regenerate with: provenance --db /tmp/ex.db ingest examples/claims/*.json, then the commands
# below with -o examples/... --force (from the repository root: sources are relative paths).
OUTPUTS = {
    "seed-trail.md": ["export", "--format", "markdown"],
    "seed-report.html": ["report"],
}


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_example_output_is_current(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    db = str(tmp_path / "store.db")
    runner = CliRunner()
    ingest = runner.invoke(
        cli, ["--db", db, "ingest", *(str(p.relative_to(REPO)) for p in SEED_CLAIMS)]
    )
    assert ingest.exit_code == 0, ingest.output
    out = tmp_path / name
    made = runner.invoke(cli, ["--db", db, *OUTPUTS[name], "-o", str(out)])
    assert made.exit_code == 0, made.output
    assert out.read_text(encoding="utf-8") == (EXAMPLES / name).read_text(encoding="utf-8"), (
        f"examples/{name} is stale: regenerate it (see the comment at the top of this test)"
    )
