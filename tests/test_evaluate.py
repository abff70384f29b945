"""provenance.evaluate: the same figures as the reference scorer, and the seeds' targets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from provenance.errors import InputError
from provenance.evaluate import (
    EvalResult,
    dice,
    evaluate_gold_files,
    find_article,
    format_report,
    prediction_of,
    same_actor,
    score,
)
from provenance.extract import extract

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
SHARED_GOLD = sorted((SHARED / "eval" / "gold").glob("*.json"))
REPO_GOLD = sorted((REPO / "examples" / "claims").glob("seed-*.json"))

needs_shared = pytest.mark.skipif(
    not SCORER.is_file() or not SHARED_GOLD,
    reason="../shared/eval (reference scorer and gold files) is not beside the repository",
)


def _gold(claims: list[dict[str, Any]], actors: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "format": "provenance-gold/1",
        "document": {"id": "g1", "source_file": "texts/a.txt"},
        "actors": actors
        or {
            "a": {"name": "Vasily Golubev", "aliases": ["Golubev"]},
            "r": {"name": "RIA", "aliases": []},
        },
        "claims": claims,
        "links": [],
    }


def _claim(
    cid: str,
    span: list[int],
    speaker: str = "a",
    via: list[str] | None = None,
    optional: bool = False,
) -> dict[str, Any]:
    return {"id": cid, "span": span, "speaker": speaker, "via": via or [], "optional": optional}


def test_dice() -> None:
    assert dice([0, 10], [0, 10]) == 1.0
    assert dice([0, 10], [5, 15]) == 0.5
    assert dice([0, 10], [20, 30]) == 0.0


def test_same_actor_rules() -> None:
    actor = {"name": "Vasily Golubev", "aliases": ["Golubev"]}
    assert same_actor("Golubev", actor)
    assert same_actor("the governor Vasily Golubev", actor)
    assert same_actor("Mr. Golubev", actor)
    assert not same_actor("he", actor)
    assert not same_actor(None, actor)
    assert not same_actor("Peskov", actor)


def test_score_counts_matches_speakers_relays_and_optionals() -> None:
    gold = _gold(
        [
            _claim("c1", [0, 20]),
            _claim("c2", [30, 50], via=["r"]),
            _claim("c3", [60, 80], optional=True),
            _claim("c4", [90, 100]),
        ]
    )
    pred = {
        "documents": [{"id": "d", "source": "/elsewhere/a.txt"}],
        "claims": [
            {
                "id": "p1",
                "document": "d",
                "span": [0, 18],
                "speaker": {"name": "Golubev"},
                "via": [],
            },
            {
                "id": "p2",
                "document": "d",
                "span": [30, 50],
                "speaker": "Vasily Golubev",
                "via": [{"name": "RIA"}],
            },
            {"id": "p3", "document": "d", "span": [60, 80], "speaker": {"name": "x"}, "via": []},
            {"id": "p4", "document": "d", "span": [200, 220], "speaker": {"name": "he"}, "via": []},
            {"id": "p5", "document": "d", "span": [90, 100], "speaker": None, "via": []},
        ],
    }
    res = score([gold], pred)
    row = res.documents["g1"]
    assert (row.gold, row.pred, row.matched, row.speaker_ok) == (3, 3, 2, 2)
    assert row.misses == ["c4"]
    assert (row.via_gold, row.via_ok, row.via_spurious) == (1, 1, 0)
    assert res.claim_p == pytest.approx(2 / 3)
    assert res.claim_r == pytest.approx(2 / 3)
    assert res.via_acc == 1.0
    assert res.link_f1 is None


def test_unmatched_document_is_reported() -> None:
    res = score([_gold([_claim("c1", [0, 5])])], {"documents": [], "claims": []})
    assert not res.documents["g1"].found
    assert "no predicted document" in format_report(res)


def test_find_article_looks_in_ancestor_folders(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("x", encoding="utf-8")
    deep = tmp_path / "gold" / "sub"
    deep.mkdir(parents=True)
    gold_file = deep / "g.json"
    assert find_article(gold_file, "texts/a.txt") == (tmp_path / "texts" / "a.txt").resolve()
    with pytest.raises(InputError):
        find_article(gold_file, "texts/missing.txt")


def test_bad_gold_file_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError):
        evaluate_gold_files([bad])
    with pytest.raises(InputError):
        evaluate_gold_files([tmp_path / "absent.json"])


def test_seeds_reach_the_target() -> None:
    result = evaluate_gold_files(REPO_GOLD)
    assert isinstance(result, EvalResult)
    assert result.e2e_f1 >= 0.95, format_report(result)
    assert result.via_acc == 1.0
    assert result.via_spurious == 0
    json.dumps(result.model_dump(mode="json"))  # what `provenance eval --json` prints


@needs_shared
def test_agrees_with_the_reference_scorer(tmp_path: Path) -> None:
    datasets = []
    for path in SHARED_GOLD:
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = find_article(path, gold["document"]["source_file"])
        datasets.append(extract(article.read_text(encoding="utf-8"), source=str(article)))
    pred = prediction_of(datasets)
    pred_file = tmp_path / "pred.json"
    pred_file.write_text(json.dumps(pred), encoding="utf-8")
    ref = subprocess.run(
        [sys.executable, str(SCORER), *map(str, SHARED_GOLD), "--pred", str(pred_file), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    expected = json.loads(ref.stdout)
    got = score([json.loads(p.read_text(encoding="utf-8")) for p in SHARED_GOLD], pred)
    for key in (
        "claim_p",
        "claim_r",
        "claim_f1",
        "e2e_p",
        "e2e_r",
        "e2e_f1",
        "speaker_acc",
        "via_acc",
        "via_spurious",
        "cross_event_links",
    ):
        assert getattr(got, key) == pytest.approx(expected[key]), key
    for gid, row in expected["documents"].items():
        mine = got.documents[gid].model_dump()
        for key in (
            "gold",
            "pred",
            "matched",
            "speaker_ok",
            "misses",
            "via_gold",
            "via_ok",
            "via_spurious",
            "found",
        ):
            assert mine[key] == row[key], (gid, key)
    text = subprocess.run(
        [sys.executable, str(SCORER), *map(str, SHARED_GOLD), "--pred", str(pred_file)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert format_report(got) == text.rstrip("\n")


@needs_shared
def test_evaluate_gold_files_on_the_shared_seeds() -> None:
    result = evaluate_gold_files(SHARED_GOLD)
    assert result.e2e_f1 >= 0.95, format_report(result)
    assert result.via_acc == 1.0
