"""assess_statuses: the status and count of assess_many, without the explanations."""

from __future__ import annotations

import random

import pytest

from provenance.analysis.independence import assess_many, assess_statuses
from provenance.analysis.synthetic import DatasetBuilder
from provenance.model import Actor, Dataset, LinkRelation

EVENT = "12 drones were shot down over the Kursk region"
RELATIONS: tuple[LinkRelation, ...] = ("corroborates", "repeats", "conflicts", "updates")
WEIGHTS = (5, 3, 1, 1)  # mostly support, so that groups form and some claims are confirmed


def _tangled(seed: int) -> Dataset:
    """Claims by official, unnamed and news sources, relayed through each other (loops
    included), hedged or not, joined by random links of every relation."""
    rng = random.Random(seed)
    b = DatasetBuilder()
    actors = [
        b.actor("Russian Ministry of Defence", kind="government"),
        b.actor("Vasily Golubev", kind="person", role="governor"),
        b.actor("TASS", kind="news_agency"),
        b.actor("Reuters", kind="news_agency"),
        b.actor("local media", kind="unnamed"),
        b.actor("Outlet A", kind="news_outlet"),
        b.actor("Outlet B", kind="news_outlet"),
        b.actor("Ukrainian Air Force", kind="military"),
        b.actor("Associated Press", kind="news_agency"),
        b.actor("BBC", kind="news_outlet"),
    ]
    ids = []
    for i in range(30):
        outlet = rng.choice([None, *actors])
        doc = b.document(f"Report {i}: {EVENT}.", published="2024-04-05", outlet=outlet)
        speaker = rng.choice([None, *actors])
        via = rng.sample(actors, rng.randint(0, 2))
        ids.append(b.claim(doc, EVENT, speaker=speaker, via=via, hedged=rng.random() < 0.3))
    for _ in range(25):
        b.link(rng.choice(ids), rng.choice(ids), rng.choices(RELATIONS, WEIGHTS)[0])
    return b.build()


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("min_sources", [1, 2, 3])
def test_statuses_are_those_of_the_full_assessments(seed: int, min_sources: int) -> None:
    ds = _tangled(seed)
    ids = [c.id for c in ds.claims]
    registries: list[list[Actor] | None] = [None, []]
    for registry in registries:
        full = assess_many(ids, ds, min_sources=min_sources, registry=registry)
        expected = {cid: (a.status, a.independent_sources) for cid, a in full.items()}
        assert assess_statuses(ids, ds, min_sources=min_sources, registry=registry) == expected


def test_claims_outside_the_dataset_are_left_out() -> None:
    ds = _tangled(0)
    assert assess_statuses(["nope"], ds) == {}
