"""The benchmark corpus generator is deterministic and its ground truth is exact; the benchmark
runner's measurement functions run (no timing assertions: figures live in benchmarks/)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from benchmarks import run as bench
from benchmarks.corpus import (
    GOLD_FORMAT,
    article_paths,
    cross_link_records,
    generate,
    interval,
    intervals_meet,
    to_dataset,
    write_corpus,
)
from provenance.claimsfile import load_claims_file
from provenance.store import Store

N = 60


def test_same_seed_same_output() -> None:
    a = [(x.text, x.gold(), x.cross_links) for x in generate(N, seed=5)]
    b = [(x.text, x.gold(), x.cross_links) for x in generate(N, seed=5)]
    assert a == b
    other = [x.text for x in generate(N, seed=6)]
    assert other != [t for t, _, _ in a]


def test_small_corpus_is_prefix_of_big_one() -> None:
    small = [x.text for x in generate(20, seed=3)]
    big = [x.text for x in generate(45, seed=3)]
    assert big[:20] == small


def test_spans_hold_their_content() -> None:
    for art in generate(N, seed=2):
        gold = art.gold()
        assert gold["format"] == GOLD_FORMAT
        assert gold["claims"], art.key
        for c in gold["claims"]:
            start, end = c["span"]
            assert art.text[start:end] == c["content"], (art.key, c["id"])
            assert c["content"] == c["content"].strip()
            assert c["speaker"] in gold["actors"]
            assert all(v in gold["actors"] for v in c["via"])
        for u in gold["unattributed"]:
            start, end = u["span"]
            assert art.text[start:end] == u["content"]
        local = {c["id"] for c in gold["claims"]}
        for k in gold["links"]:
            assert {k["source"], k["target"]} <= local
            assert k["relation"] in ("corroborates", "conflicts", "repeats", "updates")


def test_written_files_load_as_claims_files(tmp_path: Path) -> None:
    stats = write_corpus(tmp_path, N, seed=4)
    assert stats.articles == N
    links = json.loads((tmp_path / "links.json").read_text(encoding="utf-8"))
    assert len(links["links"]) == stats.cross_links
    uids: set[str] = set()
    with Store(tmp_path / "store.db") as store:
        for art in generate(N, seed=4):
            text, claims_file = article_paths(tmp_path, art.index)
            # The text file is the article's front matter, then the text the gold spans index.
            assert text.read_text(encoding="utf-8") == art.front_matter() + art.text
            loaded = load_claims_file(claims_file)
            # What the generator builds in-process is what the loader reads from the files.
            assert to_dataset(art, source=loaded.documents[0].source) == loaded
            store.ingest(loaded)
            cross = cross_link_records(art)
            uids |= {c.id for c in loaded.claims}
            assert all(k.target in uids for k in cross)
        counts = store.counts()
    assert counts["documents"] == N
    assert counts["claims"] == stats.claims + stats.unattributed


def test_intervals_follow_the_quantity_parser() -> None:
    from provenance.extract.quantities import parse_quantities

    for phrase, kind, n in (
        ("at least 12 drones", "at least", 12),
        ("more than 40 homes", "more than", 40),
        ("up to 17 people", "up to", 17),
        ("about 2,000 people", "about", 2000),
        ("nearly 300 houses", "nearly", 300),
    ):
        (q,) = parse_quantities(phrase)
        lo, lo_open, hi, hi_open = interval(kind, n)
        assert (q.low, q.low_open, q.high_open) == (lo, lo_open, hi_open), phrase
        assert q.high == (None if hi == float("inf") else hi), phrase
    assert intervals_meet(interval("more than", 40), interval("exact", 44))
    assert not intervals_meet(interval("more than", 40), interval("exact", 40))
    assert not intervals_meet(interval("up to", 5), interval("at least", 6))


def test_runner_sizes_and_percentiles() -> None:
    assert bench.parse_sizes("1M,10k,2500") == [2500, 10_000, 1_000_000]
    assert bench.human(100_000) == "100k"
    assert bench.percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.0
    with pytest.raises(ValueError):
        bench.parse_size("0")


def test_runner_measurements_smoke(tmp_path: Path) -> None:
    """A tiny --quick style run of the store-build, trace and graph measurements."""
    args = argparse.Namespace(
        quick=True, sizes="20", claims="300", extract_articles=5, workers=1, samples=5,
        cli_runs=1, link_budget=20.0, seed=1, skip="extract,ingest", workdir=str(tmp_path),
        rebuild=False, keep=False,
    )  # fmt: skip
    cfg, cleanup = bench.config(args)
    assert cleanup is None
    rep = bench.Report(quick=True)
    bench.measure_trace(cfg, rep)
    bench.measure_graph(cfg, rep)
    text = rep.render("header")
    assert "trace API p50 / p95" in text
    assert "store size on disk" in text
    assert not any(r.value.startswith("error") for r in rep.rows), text


def test_runner_ingest_task(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", 12, seed=1)
    result = bench.task_ingest({
        "corpus": str(tmp_path / "corpus"), "n": 12, "db": str(tmp_path / "i.db"),
        "mode": "claims", "workers": 1,
    })  # fmt: skip
    assert result["n"] == 12
    assert result["claims"] > 0
