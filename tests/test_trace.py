"""The sourcing-chain trace: chain order, evidence quotes, mentions, linked claims, errors."""

from __future__ import annotations

import json

import pytest

from provenance.analysis.trace import find_mention, quote_bounds, trace
from provenance.claimsfile import load_claims_file
from provenance.errors import NotFoundError
from provenance.model import Dataset
from tests.conftest import EXAMPLES
from tests.golden.sample import (
    AIR_FORCE,
    GLADKOV,
    MOD,
    OUTLET,
    RIA,
    assert_golden,
    sample_dataset,
)


def _claim_id(ds: Dataset, fragment: str) -> str:
    (cid,) = [c.id for c in ds.claims if fragment in c.text]
    return cid


def test_seed_ria_claim_chain() -> None:
    ds = load_claims_file(EXAMPLES / "claims" / "seed-000.json")
    t = trace(ds, _claim_id(ds, "Other drones were downed"))
    assert [hop.kind for hop in t.chain] == ["document", "relay", "primary"]
    assert [hop.name for hop in t.chain[1:]] == ["RIA", "Russian Ministry of Defence"]
    quote = t.chain[0].evidence.quote
    assert quote == (
        "Other drones were downed over the Kursk, Belgorod and Krasnodar regions, "
        "RIA reported, citing the Defence Ministry."
    )
    assert [hop.evidence.mention for hop in t.chain] == [None, "RIA", "Defence Ministry"]
    assert [s.name for s in t.primary_sources] == ["Russian Ministry of Defence"]
    start, end = t.chain[0].evidence.span
    assert ds.documents[0].text[start:end] == quote


def test_chain_order_publishing_side_first() -> None:
    ds = sample_dataset()
    t = trace(ds, _claim_id(ds, "Russia downed 12"))
    assert [(h.kind, h.actor) for h in t.chain[1:]] == [
        ("outlet", OUTLET),
        ("relay", RIA),
        ("primary", MOD),
    ]
    doc = t.chain[0]
    assert (doc.kind, doc.title, doc.source, doc.published) == (
        "document",
        "Drones downed over Belgorod",
        "articles/a.txt",
        "2024-04-05",
    )
    assert t.chain[2].affiliation == "Russian government"
    assert t.claim["speaker"] == {"id": MOD, "name": "Russian Ministry of Defence"}


def test_evidence_holds_claim_cue_and_mention() -> None:
    ds = sample_dataset()
    text = {d.id: d.text for d in ds.documents}
    for claim in ds.claims:
        t = trace(ds, claim.id)
        for hop in t.chain:
            ev = hop.evidence
            assert claim.text in ev.quote
            assert text[claim.document][ev.span[0] : ev.span[1]] == ev.quote
            if claim.cue:
                assert claim.cue in ev.quote
            if ev.mention is not None:
                assert ev.mention_span is not None
                assert text[claim.document][ev.mention_span[0] : ev.mention_span[1]] == ev.mention
    gladkov = trace(ds, _claim_id(ds, "at least 10"))
    assert gladkov.chain[-1].evidence.mention == "Vyacheslav Gladkov"
    assert gladkov.chain[-1].role == "governor of Belgorod"
    air = trace(ds, _claim_id(ds, "lost no aircraft"))
    assert (air.chain[-1].actor, air.chain[-1].evidence.mention) == (AIR_FORCE, "air force")


def test_linked_claims_with_their_chains_and_notes() -> None:
    ds = sample_dataset()
    t = trace(ds, _claim_id(ds, "Russia downed 12"))
    (corroboration,) = t.corroborated_by
    assert corroboration.claim["speaker"]["id"] == GLADKOV
    assert corroboration.chain[-1].name == "Vyacheslav Gladkov"
    assert corroboration.note == "12 and at least 10 drones over Belgorod, same night"
    (repeat,) = t.repeated_by
    assert repeat.claim["text"] == "12 drones were downed over Belgorod"
    assert t.conflicts_with == [] and t.repeats == [] and t.updates == []
    back = trace(ds, repeat.claim["id"])
    assert [r.claim["id"] for r in back.repeats] == [t.claim["id"]]


def test_unattributed_claim_ends_at_the_outlet() -> None:
    ds = sample_dataset()
    t = trace(ds, _claim_id(ds, "no word on casualties"))
    assert [h.kind for h in t.chain] == ["document", "outlet"]
    assert [(s.id, s.kind) for s in t.primary_sources] == [(OUTLET, "actor")]


def test_neighbourhood_without_document_still_traces() -> None:
    ds = sample_dataset()
    claim = next(c for c in ds.claims if c.via)
    t = trace(Dataset(claims=[claim]), claim.id)
    assert [h.name for h in t.chain] == [claim.document, RIA, MOD]
    assert t.chain[0].evidence.quote == claim.text


def test_unknown_claim_raises_not_found() -> None:
    with pytest.raises(NotFoundError, match="no claim 'nope'"):
        trace(sample_dataset(), "nope")


def test_json_form_and_golden() -> None:
    ds = sample_dataset()
    data = trace(ds, _claim_id(ds, "Russia downed 12")).model_dump(mode="json")
    for key in ("claim", "chain", "primary_sources", "corroborated_by", "conflicts_with"):
        assert key in data
    assert_golden("sample-trace.json", json.dumps(data, indent=1, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------- text helpers


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("One. Two three, he said. Four.", "Two three", "Two three, he said."),
        ("Mr. Peskov said no. Next.", "said no", "Mr. Peskov said no."),
        ("U.S. officials said so. Next.", "officials", "U.S. officials said so."),
        ("First line\nSecond “quoted.” Third.", "Second", "Second “quoted.”"),
        ("A. B said x. Then y.", "B said", "A. B said x."),
        ("He said 3.5 drones. Next.", "3.5 drones", "He said 3.5 drones."),
        ("Start. a lower case follows. End.", "lower", "Start. a lower case follows."),
    ],
)
def test_quote_bounds(text: str, part: str, expected: str) -> None:
    start = text.index(part)
    lo, hi = quote_bounds(text, start, start + len(part))
    assert text[lo:hi] == expected


def test_quote_bounds_spans_several_sentences() -> None:
    text = "Zero. One two. Three four. Five."
    lo, hi = quote_bounds(text, text.index("two"), text.index("Three") + 3)
    assert text[lo:hi] == "One two. Three four."


def test_find_mention_prefers_longest_and_outside_the_content() -> None:
    quote = "Russia downed drones, the Russian Defence Ministry said."
    names = ["Russia", "Defence Ministry", "Russian Defence Ministry"]
    assert find_mention(quote, names) == (26, 50)
    assert find_mention(quote, ["Russia"], avoid=(0, 20)) == (0, 6)  # only inside: fallback
    assert find_mention("Ukraine’s military said", ["Ukraine's military"]) == (0, 18)
    assert find_mention("RIAN said", ["RIA"]) is None


def test_head_word_mention_outside_the_content() -> None:
    ds = load_claims_file(EXAMPLES / "claims" / "seed-000.json")
    t = trace(ds, _claim_id(ds, "44 of them"))
    assert t.chain[-1].evidence.mention == "ministry"  # "The ministry said that ..."
    assert t.chain[-1].evidence.quote.startswith("The ministry said")
