"""The lossless JSON format provenance/1: shape, round trip, score.py compatibility, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from provenance.claimsfile import load_claims_file
from provenance.errors import ClaimsFileError
from provenance.jsonio import claim_from_dict, claim_to_dict, dataset_from_dict, dumps, loads
from provenance.model import FORMAT, Dataset
from tests.conftest import SEED_CLAIMS, SHARED
from tests.golden.sample import GLADKOV, MOD, RIA, sample_dataset


def _sorted(ds: Dataset) -> Dataset:
    return Dataset(
        documents=sorted(ds.documents, key=lambda d: d.id),
        actors=sorted(ds.actors, key=lambda a: a.id),
        claims=sorted(ds.claims, key=lambda c: c.id),
        links=sorted(ds.links, key=lambda k: k.id),
    )


def test_round_trip_is_exact() -> None:
    ds = sample_dataset()
    assert loads(dumps(ds)) == ds
    assert dumps(loads(dumps(ds))) == dumps(ds)


@pytest.mark.parametrize("path", SEED_CLAIMS, ids=lambda p: p.name)
def test_seed_claims_files_round_trip(path: Path) -> None:
    ds = load_claims_file(path)
    assert loads(dumps(ds)) == _sorted(ds)


def test_shape_speaker_and_via_are_objects() -> None:
    data = json.loads(dumps(sample_dataset()))
    assert list(data) == ["format", "documents", "actors", "claims", "links"]
    assert data["format"] == FORMAT
    for section in ("documents", "actors", "claims", "links"):
        ids = [entry["id"] for entry in data[section]]
        assert ids == sorted(ids)
    relayed = next(c for c in data["claims"] if c["via"])
    assert relayed["speaker"] == {"id": MOD, "name": "Russian Ministry of Defence"}
    assert relayed["via"] == [{"id": RIA, "name": "RIA"}]
    assert relayed["span"] == [0, 58]
    unattributed = next(c for c in data["claims"] if c["unattributed"])
    assert unattributed["speaker"] is None
    doc = data["documents"][0]
    assert {"id", "source", "text", "text_hash", "title", "outlet", "url", "published"} <= set(doc)


def test_dumps_keeps_unicode_and_ends_with_newline() -> None:
    text = dumps(sample_dataset())
    assert "Ukraine's" in text and "\\u" not in text
    assert text.endswith("}\n")


def test_claim_to_dict_names_unknown_actors_by_id() -> None:
    claim = next(c for c in sample_dataset().claims if c.speaker == GLADKOV)
    assert claim_to_dict(claim, {})["speaker"] == {"id": GLADKOV, "name": GLADKOV}
    assert claim_from_dict(claim_to_dict(claim, {})) == claim


def test_bare_actor_ids_are_accepted() -> None:
    data = json.loads(dumps(sample_dataset()))
    for c in data["claims"]:
        c["speaker"] = c["speaker"]["id"] if c["speaker"] else None
        c["via"] = [v["id"] for v in c["via"]]
    assert dataset_from_dict(data) == sample_dataset()


def test_score_py_reads_the_export(tmp_path: Path) -> None:
    """The shared scorer finds every gold claim, speaker and relay chain in our export."""
    script = SHARED / "eval" / "score.py"
    if not script.is_file():
        pytest.skip("../shared/eval/score.py is not available")
    ds = [load_claims_file(p) for p in SEED_CLAIMS]
    merged = Dataset(
        documents=[d for x in ds for d in x.documents],
        actors=list({a.id: a for x in ds for a in x.actors}.values()),
        claims=[c for x in ds for c in x.claims],
        links=[k for x in ds for k in x.links],
    )
    pred = tmp_path / "pred.json"
    pred.write_text(dumps(merged), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(script), *map(str, SEED_CLAIMS), "--pred", str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(out.stdout)
    assert result["claim_f1"] == 1.0
    assert result["e2e_f1"] == 1.0
    assert result["via_acc"] == 1.0


# --------------------------------------------------------------------------- errors


def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(dumps(sample_dataset()))
    return data


def _break(change: str) -> dict[str, Any]:
    data = _data()
    claim = data["claims"][0]
    if change == "format":
        data["format"] = "provenance-gold/1"
    elif change == "top-level":
        data["comments"] = []
    elif change == "claim-key":
        claim["colour"] = "red"
    elif change == "span":
        claim["span"] = [10, 2]
    elif change == "type":
        claim["hedged"] = "yes"
    elif change == "document":
        claim["document"] = "nope"
    elif change == "duplicate":
        data["actors"].append(data["actors"][0])
    elif change == "speaker-ref":
        claim["speaker"] = {"name": "Someone"}
    elif change == "section":
        data["claims"] = {}
    elif change == "hash":
        data["documents"][0]["text"] += "!"
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("format", "format is 'provenance-gold/1', expected 'provenance/1'"),
        ("top-level", "unknown top-level key 'comments'"),
        ("claim-key", "claims[0] (id 0fcf159c8478) colour: Extra inputs are not permitted"),
        ("span", "claims[0] (id 0fcf159c8478): Value error, span [10, 2] is not a character"),
        ("type", "claims[0] (id 0fcf159c8478) hedged: Input should be a valid boolean"),
        ("document", "claim 0fcf159c8478: document 'nope' is not in 'documents'"),
        ("duplicate", "actor id 'daily-example' is used twice"),
        ("speaker-ref", "claims[0] (id 0fcf159c8478) speaker: an actor reference needs an 'id'"),
        ("section", "'claims' must be a JSON list"),
        ("hash", "documents[0] (id 098ac89d78f8): Value error, text_hash does not match"),
    ],
)
def test_invalid_input_is_one_line(change: str, message: str) -> None:
    with pytest.raises(ClaimsFileError) as info:
        dataset_from_dict(_break(change))
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON: Expecting property name enclosed in double quotes (line 1"),
        ("[]", "a provenance/1 file is a JSON object"),
    ],
)
def test_loads_rejects_non_exports(text: str, message: str) -> None:
    with pytest.raises(ClaimsFileError, match=message.replace("(", r"\(")):
        loads(text)
