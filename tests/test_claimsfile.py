"""Reading hand-curated claims files (provenance-gold/1)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from provenance.claimsfile import load_claims_file
from provenance.errors import ClaimsFileError, InputError
from tests.conftest import REPO, SEED_CLAIMS


def _copy_seed(tmp_path: Path, name: str = "seed-000.json") -> tuple[Path, dict[str, object]]:
    """A claims file and its article in tmp_path, for editing."""
    data = json.loads((REPO / "examples" / "claims" / name).read_text(encoding="utf-8"))
    src = data["document"]["source_file"]  # type: ignore[index]
    (tmp_path / "seeds").mkdir(exist_ok=True)
    shutil.copy(REPO / src, tmp_path / src)
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path, data


def test_seed_file_reads_every_claim_with_its_chain() -> None:
    ds = load_claims_file(SEED_CLAIMS[0])
    (doc,) = ds.documents
    attributed = [c for c in ds.claims if not c.unattributed]
    assert len(attributed) == 18
    assert len([c for c in ds.claims if c.unattributed]) == 5
    for c in ds.claims:
        assert doc.text[c.span[0] : c.span[1]] == c.text
        assert c.origin == "curated"
    ria = next(c for c in ds.claims if c.text.startswith("Other drones were downed"))
    assert ria.speaker == "russian-ministry-of-defence"
    assert ria.via == ["ria"]
    actors = ds.actor_index()
    assert actors["dmitry-peskov"].affiliation == "kremlin"
    assert actors["kremlin"].affiliation == "russian-government"
    assert {link.relation for link in ds.links} == {"corroborates"}
    assert len(ds.links) == 2


def test_ids_are_stable_across_reads() -> None:
    a = load_claims_file(SEED_CLAIMS[0])
    b = load_claims_file(SEED_CLAIMS[0])
    assert [c.id for c in a.claims] == [c.id for c in b.claims]
    assert a.documents[0].id == b.documents[0].id


def test_text_found_in_a_folder_above(tmp_path: Path) -> None:
    path, _ = _copy_seed(tmp_path)
    nested = tmp_path / "deep" / "er"
    nested.mkdir(parents=True)
    moved = nested / path.name
    moved.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    assert len(load_claims_file(moved).claims) == 23


def test_wrong_span_is_reanchored_from_content(tmp_path: Path) -> None:
    path, data = _copy_seed(tmp_path)
    claims = data["claims"]
    assert isinstance(claims, list)
    claims[8]["span"] = [5, 20]
    path.write_text(json.dumps(data), encoding="utf-8")
    ds = load_claims_file(path)
    c = next(c for c in ds.claims if c.text.startswith("Other drones"))
    assert c.span == (1017, 1088)


def test_span_that_matches_nothing_is_an_error(tmp_path: Path) -> None:
    path, data = _copy_seed(tmp_path)
    claims = data["claims"]
    assert isinstance(claims, list)
    claims[0]["content"] = "words that are not in the article"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ClaimsFileError, match=r"claim c01: span \[0, 96\] does not match"):
        load_claims_file(path)


def test_span_out_of_range_without_content(tmp_path: Path) -> None:
    path, data = _copy_seed(tmp_path)
    claims = data["claims"]
    assert isinstance(claims, list)
    claims[0]["span"] = [0, 10**7]
    del claims[0]["content"]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ClaimsFileError, match="outside the article"):
        load_claims_file(path)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["claims"][0].update(speaker="nobody"), "speaker 'nobody' is not an actor"),
        (lambda d: d["claims"][0].update(via=["ghost"]), "relay 'ghost' is not an actor"),
        (lambda d: d["links"][0].update(source="c99"), "source 'c99' is not a claim id"),
        (lambda d: d["links"][0].update(relation="likes"), "unknown relation 'likes'"),
        (lambda d: d["actors"]["ria"].update(kind="alien"), "unknown kind 'alien'"),
        (lambda d: d["actors"]["ria"].update(affiliation="x"), "affiliation 'x' is not"),
        (lambda d: d.update(format="other/9"), "unknown claims-file format 'other/9'"),
        (lambda d: d["document"].update(source_file="missing.txt"), "'missing.txt' not found"),
        (lambda d: d["document"].update(published="April"), "'document'"),
    ],
)
def test_inconsistent_files_name_the_problem(tmp_path: Path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    path, data = _copy_seed(tmp_path)
    edit(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ClaimsFileError) as info:
        load_claims_file(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"{not json", "malformed JSON at line 1 column 2"),
        (b"\x00\x01\x02binary", "binary file"),
        ('{"a": "caf\xe9"}'.encode("latin-1"), "not valid utf-8 text"),
        (b"[1, 2]", "a claims file is a JSON object"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        load_claims_file(path)


def test_directory_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        load_claims_file(tmp_path)
    with pytest.raises(InputError, match="no such claims file"):
        load_claims_file(tmp_path / "nope.json")
