"""``unconfirmed --json`` and ``disputed --json`` are printed a slice at a time (bounded memory on
a big store), byte for byte what one ``json.dumps(rows, indent=1)`` prints."""

from __future__ import annotations

import json

import pytest

import provenance.cli.commands_analysis as analysis
from tests.conftest import Invoke


@pytest.mark.parametrize("command", ["unconfirmed", "disputed"])
def test_sliced_json_is_one_document(
    seeded: Invoke, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    whole = seeded(command, "--json")
    assert whole.exit_code == 0, whole.output
    rows = json.loads(whole.stdout)
    assert whole.stdout == json.dumps(rows, indent=1, ensure_ascii=False) + "\n"
    monkeypatch.setattr(analysis, "_SLICE", 2)
    sliced = seeded(command, "--json")
    assert sliced.stdout == whole.stdout


def test_unconfirmed_sliced_over_several_slices(
    seeded: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = json.loads(seeded("unconfirmed", "--json").stdout)
    assert len(rows) > 2  # the seeds hold several unconfirmed claims: several slices of 2
    monkeypatch.setattr(analysis, "_SLICE", 2)
    table = seeded("unconfirmed")
    assert f"{len(rows)} unconfirmed claims" in table.stdout
