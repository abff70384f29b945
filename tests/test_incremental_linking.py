"""Linking as an ingest does it: batch by batch against the store's ``claim_keys`` index, with a
session that keeps claim features between slices. It must find what one pass over all the
claims finds, whatever the order and the batching."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import provenance.pipeline as pipeline
import provenance.refresh as refresh_module
from benchmarks.corpus import article_paths, write_corpus
from provenance.analysis.linking import FeatureMaker, find_links
from provenance.analysis.synthetic import DatasetBuilder
from provenance.model import Dataset
from provenance.pipeline import ingest_paths, load_path
from provenance.refresh import Linking, refresh
from provenance.store import Store

N = 48


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Generated article texts with front matter (dates, outlets): they link across articles."""
    out = tmp_path_factory.mktemp("corpus")
    write_corpus(out, N, seed=5)
    return [article_paths(out, i)[0] for i in range(N)]


def _auto_links(db: Path) -> set[tuple[str, str, str]]:
    with Store(db) as store:
        return {(k.source, k.target, k.relation) for k in store.links() if k.origin == "auto"}


def _speakers_described_alike(articles: list[Path]) -> set[str]:
    """Speakers every article describes the same way (kind, role, affiliation)."""
    seen: dict[str, set[tuple[str, str | None, str | None]]] = {}
    for path in articles:
        for a in load_path(path).actors:
            seen.setdefault(a.id, set()).add((a.kind, a.role, a.affiliation))
    return {aid for aid, views in seen.items() if len(views) == 1}


def test_one_batch_and_one_article_at_a_time_link_alike(
    articles: list[Path], tmp_path: Path
) -> None:
    with Store(tmp_path / "batch.db") as store:
        ingest_paths(store, articles)
    with Store(tmp_path / "single.db") as store:
        for path in articles:
            ingest_paths(store, [path])
        speaker = {c.id: c.speaker for c in store.dataset().claims}
    # A link is decided with what the store knows then: when a later article describes a
    # speaker differently ("protest organisers" as an unnamed group rather than an unknown
    # actor), a pair judged before it may be judged otherwise after it. Elsewhere, batching
    # must change nothing.
    alike = _speakers_described_alike(articles)

    def comparable(links: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
        return {k for k in links if all(speaker[c] is None or speaker[c] in alike for c in k[:2])}

    batch = comparable(_auto_links(tmp_path / "batch.db"))
    assert len(batch) > N  # the corpus links across articles: the comparison means something
    assert comparable(_auto_links(tmp_path / "single.db")) == batch


def test_incremental_links_are_those_of_one_full_pass(articles: list[Path], tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        ingest_paths(store, articles)
        whole = store.dataset()
    full = {
        (k.source, k.target, k.relation)
        for k in find_links(whole.model_copy(update={"links": []})).links
    }
    assert _auto_links(tmp_path / "s.db") == full


def test_a_tiny_feature_cache_changes_nothing(
    articles: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Slices of 6 files, so later slices need the features of claims the cache has dropped.
    monkeypatch.setattr(pipeline, "STREAM_AFTER", 6)
    with Store(tmp_path / "big.db") as store:
        ingest_paths(store, articles)
    monkeypatch.setattr(refresh_module, "FEATURE_CACHE", 3)
    with Store(tmp_path / "tiny.db") as store:
        ingest_paths(store, articles)
    assert _auto_links(tmp_path / "tiny.db") == _auto_links(tmp_path / "big.db")


# --------------------------------------------------------------------------- denials


def _denial_pair() -> tuple[Dataset, str, str]:
    b = DatasetBuilder()
    d1 = b.document(
        "The ministry said Ukrainian drones hit a children's hospital and two schools in "
        "Belgorod overnight.",
        published="2024-04-05",
    )
    d2 = b.document(
        "Kyiv denied that its forces struck a hospital in Belgorod.", published="2024-04-05"
    )
    mod = b.actor("Defence Ministry", kind="government")
    kyiv = b.actor("Ukrainian government", kind="government")
    claim = b.claim(
        d1,
        "Ukrainian drones hit a children's hospital and two schools in Belgorod overnight",
        speaker=mod,
    )
    denial = b.claim(d2, "its forces struck a hospital in Belgorod", speaker=kyiv, cue="denied")
    return b.build(), claim, denial


def _only(ds: Dataset, claim: str) -> Dataset:
    """The part of ``ds`` holding one claim: its document and speaker."""
    c = next(x for x in ds.claims if x.id == claim)
    return Dataset(
        documents=[d for d in ds.documents if d.id == c.document],
        actors=[a for a in ds.actors if a.id == c.speaker],
        claims=[c],
    )


@pytest.mark.parametrize("denial_first", [True, False], ids=["denial-first", "claim-first"])
def test_a_denial_links_whichever_arrives_first(tmp_path: Path, denial_first: bool) -> None:
    ds, claim, denial = _denial_pair()
    expected = [("conflicts", denial, claim)]
    assert [(k.relation, k.source, k.target) for k in find_links(ds).links] == expected
    order = [denial, claim] if denial_first else [claim, denial]
    with Store(tmp_path / "d.db") as store:
        for cid in order:
            with store.transaction():
                store.ingest(_only(ds, cid))
                refresh(store, [cid])
        got = [(k.relation, k.source, k.target) for k in store.links()]
    assert got == expected


# --------------------------------------------------------------------------- features offered


def test_offered_features_are_used_only_for_the_claim_as_stored() -> None:
    ds, claim, _ = _denial_pair()
    features = FeatureMaker(ds).of(next(c for c in ds.claims if c.id == claim))
    stored = features.claim
    assert Linking._reuse(features, stored) == features
    # A merge gave the stored claim another speaker: its features must be computed again.
    moved = stored.model_copy(update={"speaker": "someone-else"})
    assert Linking._reuse(features, moved) is None
    assert Linking._reuse(None, stored) is None
    assert dataclasses.replace(features, claim=stored) == features


def test_relink_judges_every_pair_again_and_drops_what_no_longer_holds(
    articles: list[Path], tmp_path: Path
) -> None:
    from provenance.model import Link, link_id
    from provenance.refresh import refresh_all

    with Store(tmp_path / "r.db") as store:
        ingest_paths(store, articles[:12])
        judged = {k.id for k in store.links()}
        a, b = sorted(c.id for c in store.dataset().claims)[:2]
        stale = Link(id=link_id(a, b, "conflicts"), source=a, target=b, relation="conflicts")
        if stale.id in judged:
            pytest.skip("the two claims picked are linked for real")
        with store.transaction():
            store.put_auto_links([stale])
            report = refresh_all(store)
        assert (report.links_new, report.links_dropped) == (0, 1)
        assert {k.id for k in store.links()} == judged
