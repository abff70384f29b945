"""Automatic links between claims (provenance.analysis.linking)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from types import ModuleType
from typing import Any

import pytest

from provenance.analysis.linking import blocking_keys, find_links
from provenance.analysis.synthetic import DatasetBuilder
from provenance.model import Dataset
from tests.conftest import REPO, SHARED

GOLD = SHARED / "eval" / "gold"
GOLD_FILES = sorted(GOLD.glob("seed-*.json")) if GOLD.is_dir() else []
needs_gold = pytest.mark.skipif(not GOLD_FILES, reason="../shared/eval/gold is not beside the repo")


# --------------------------------------------------------------------------- seed gold


def _score_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gold_score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold_dataset(*, drop_dates: bool = False) -> Dataset:
    from provenance.claimsfile import load_claims_file
    from provenance.pipeline import merge

    ds = merge([load_claims_file(p) for p in GOLD_FILES])
    docs = ds.documents
    if drop_dates:
        docs = [d.model_copy(update={"published": None}) for d in docs]
    return ds.model_copy(update={"links": [], "documents": docs})


def _prediction(ds: Dataset, links: list[Any]) -> dict[str, Any]:
    actors = ds.actor_index()

    def name(aid: str | None) -> dict[str, str] | None:
        return {"name": actors[aid].name} if aid and aid in actors else None

    return {
        "documents": [{"id": d.id, "source": d.source} for d in ds.documents],
        "claims": [
            {
                "id": c.id,
                "document": c.document,
                "span": list(c.span),
                "speaker": name(c.speaker),
                "via": [name(v) for v in c.via],
            }
            for c in ds.claims
        ],
        "links": [{"source": k.source, "target": k.target, "relation": k.relation} for k in links],
    }


def _score(ds: Dataset, links: list[Any]) -> dict[str, Any]:
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in GOLD_FILES]
    pred = _prediction(ds, links)
    result: dict[str, Any] = _score_module().score(
        golds, pred["documents"], pred["claims"], pred["links"]
    )
    return result


@needs_gold
def test_gold_claims_give_exactly_the_gold_links() -> None:
    ds = _gold_dataset()
    result = find_links(ds)
    scores = _score(ds, result.links)
    assert scores["link_f1"] == 1.0, [k.note for k in result.links]
    assert scores["cross_event_links"] == 0
    assert len(result.links) == 3  # no links to unattributed statements either
    assert all(k.origin == "auto" and k.note for k in result.links)
    assert result.superseded == []


@needs_gold
def test_gold_link_evidence() -> None:
    result = find_links(_gold_dataset())
    notes = sorted(k.note or "" for k in result.links)
    assert any(">40 and 44 compatible" in n and "rostov" in n for n in notes)
    assert any("3 and >=3 compatible" in n and "rostov" in n for n in notes)
    assert any("Peskov" in n and "Kremlin" in n for n in notes)


@needs_gold
def test_no_cross_event_links_without_dates() -> None:
    ds = _gold_dataset(drop_dates=True)
    by_doc = {c.id: c.document for c in ds.claims}
    result = find_links(ds)
    assert all(by_doc[k.source] == by_doc[k.target] for k in result.links)
    assert _score(ds, result.links)["cross_event_links"] == 0


@needs_gold
def test_incremental_linking_matches_full_run() -> None:
    ds = _gold_dataset()
    second = {c.id for c in ds.claims if c.document == ds.documents[-1].id}
    full = {k.id for k in find_links(ds).links}
    part = find_links(ds, only=second)
    involved = {k.id for k in part.links}
    assert involved and involved <= full
    assert all(k.source in second or k.target in second for k in part.links)


@needs_gold
def test_blocking_keys_of_a_seed_claim() -> None:
    ds = _gold_dataset()
    docs = ds.document_index()
    c04 = next(c for c in ds.claims if c.text.startswith("44 of them"))
    keys = blocking_keys(c04, docs[c04.document], ds.actor_index())
    assert "2024-W14|place:rostov|air_defence" in keys
    assert keys == blocking_keys(c04, docs[c04.document], ds.actors)  # deterministic


def _extract() -> Any:
    try:
        from provenance.extract import extract
    except ImportError:
        return None
    return extract


@needs_gold
def test_extractor_output_links() -> None:
    extract = _extract()
    if extract is None:
        pytest.skip("the extractor (provenance.extract.extract) is not available")
    from provenance.pipeline import merge

    parts = []
    for gold_path in GOLD_FILES:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = REPO / gold["document"]["source_file"]
        published = gold["document"]["published"]
        parts.append(
            extract(
                text_path.read_text(encoding="utf-8"),
                source=str(text_path),
                published=dt.date.fromisoformat(published),
            )
        )
    ds = merge(parts)
    result = find_links(ds)
    scores = _score(ds, result.links)
    assert scores["cross_event_links"] == 0
    assert scores.get("link_p", 1.0) == 1.0, [k.note for k in result.links]


# --------------------------------------------------------------------------- scenarios


def _two_docs(
    first: str, second: str, pub1: str = "2024-04-05", pub2: str = "2024-04-05"
) -> tuple[DatasetBuilder, str, str]:
    b = DatasetBuilder()
    return b, b.document(first, published=pub1), b.document(second, published=pub2)


def test_part_and_whole_are_not_linked() -> None:
    b, d1, d2 = _two_docs(
        "Russia has downed 53 drones, the majority of which targeted the Rostov region, "
        "the ministry said.",
        "The governor said 44 drones were downed in Rostov overnight.",
    )
    mod = b.actor("Russian Ministry of Defence", kind="government")
    gov = b.actor("Regional Governor", kind="person")
    b.claim(
        d1,
        "Russia has downed 53 drones, the majority of which targeted the Rostov region",
        speaker=mod,
    )
    b.claim(d2, "44 drones were downed in Rostov overnight", speaker=gov)
    assert find_links(b.build()).links == []


def test_different_places_are_not_linked() -> None:
    b, d1, d2 = _two_docs(
        "RIA said one drone was downed in the Saratov region.",
        "The ministry said one drone was downed over the Kursk region.",
    )
    ria = b.actor("RIA", kind="news_agency")
    mod = b.actor("Defence Ministry", kind="government")
    b.claim(d1, "one drone was downed in the Saratov region", speaker=ria)
    b.claim(d2, "one drone was downed over the Kursk region", speaker=mod)
    assert find_links(b.build()).links == []


def test_same_place_other_month_is_not_linked() -> None:
    b, d1, d2 = _two_docs(
        "Witnesses said three explosions were heard in Rostov.",
        "Officials said three explosions were heard in Rostov.",
        pub2="2023-09-07",
    )
    w = b.actor("Witness Group", kind="organisation")
    o = b.actor("City Officials", kind="government")
    b.claim(d1, "three explosions were heard in Rostov", speaker=w)
    b.claim(d2, "three explosions were heard in Rostov", speaker=o)
    assert find_links(b.build()).links == []


def test_compatible_counts_corroborate_across_documents() -> None:
    b, d1, d2 = _two_docs(
        "The ministry said 12 drones were shot down over the Kursk region overnight.",
        "The governor said air defences destroyed at least 10 drones over Kursk on Friday.",
    )
    mod = b.actor("Defence Ministry", kind="government")
    gov = b.actor("Kursk Governor", kind="person")
    c1 = b.claim(d1, "12 drones were shot down over the Kursk region overnight", speaker=mod)
    c2 = b.claim(d2, "air defences destroyed at least 10 drones over Kursk on Friday", speaker=gov)
    result = find_links(b.build())
    assert [(k.relation, {k.source, k.target}) for k in result.links] == [
        ("corroborates", {c1, c2})
    ]
    assert "12 and >=10 compatible" in (result.links[0].note or "")


def test_incompatible_counts_conflict() -> None:
    b, d1, d2 = _two_docs(
        "The ministry said 12 drones were shot down over Kursk.",
        "The governor said 3 drones were shot down over Kursk.",
    )
    mod = b.actor("Defence Ministry", kind="government")
    gov = b.actor("Kursk Governor", kind="person")
    b.claim(d1, "12 drones were shot down over Kursk", speaker=mod)
    b.claim(d2, "3 drones were shot down over Kursk", speaker=gov)
    result = find_links(b.build())
    assert [k.relation for k in result.links] == ["conflicts"]
    assert "incompatible" in (result.links[0].note or "")


def test_denial_conflicts() -> None:
    b, d1, d2 = _two_docs(
        "The ministry said Ukrainian drones hit a hospital in Belgorod.",
        "Kyiv denied that its drones hit a hospital in Belgorod.",
    )
    mod = b.actor("Defence Ministry", kind="government")
    kyiv = b.actor("Ukrainian government", kind="government")
    c1 = b.claim(d1, "Ukrainian drones hit a hospital in Belgorod", speaker=mod)
    c2 = b.claim(d2, "its drones hit a hospital in Belgorod", speaker=kyiv, cue="denied")
    result = find_links(b.build())
    assert [(k.relation, k.source, k.target) for k in result.links] == [("conflicts", c2, c1)]


def test_reprints_repeat_and_do_not_corroborate() -> None:
    text = "the ministry said 30 drones were destroyed over the Belgorod region overnight"
    b, d1, d2 = _two_docs(f"Reuters: {text}.", f"AP reported that {text}.")
    mod = b.actor("Defence Ministry", kind="government")
    reuters = b.actor("Reuters", kind="news_agency")
    ap = b.actor("Associated Press", kind="news_agency")
    content = "30 drones were destroyed over the Belgorod region overnight"
    b.claim(d1, content, speaker=mod, via=[reuters])
    b.claim(d2, content, speaker=mod, via=[ap])
    result = find_links(b.build())
    assert [k.relation for k in result.links] == ["repeats"]


def test_later_figure_from_same_source_updates() -> None:
    b, d1, d2 = _two_docs(
        "Officials said at least 10 people were killed in Kostiantynivka on Wednesday.",
        "Officials said 17 people were killed in Kostiantynivka on Wednesday.",
        pub1="2023-09-06",
        pub2="2023-09-07",
    )
    off = b.actor("Regional Administration", kind="government")
    early = b.claim(
        d1, "at least 10 people were killed in Kostiantynivka on Wednesday", speaker=off
    )
    late = b.claim(d2, "17 people were killed in Kostiantynivka on Wednesday", speaker=off)
    result = find_links(b.build())
    assert [(k.relation, k.source, k.target) for k in result.links] == [("updates", late, early)]
    assert result.superseded == [early]


def test_same_speaker_same_document_never_links() -> None:
    b = DatasetBuilder()
    d = b.document(
        "The ministry said 53 drones were downed over Kursk. It said 44 drones were downed "
        "over Kursk.",
        published="2024-04-05",
    )
    mod = b.actor("Defence Ministry", kind="government")
    b.claim(d, "53 drones were downed over Kursk", speaker=mod)
    b.claim(d, "44 drones were downed over Kursk", speaker=mod)
    assert find_links(b.build()).links == []


def test_manual_links_are_respected() -> None:
    b, d1, d2 = _two_docs(
        "The ministry said 12 drones were shot down over Kursk.",
        "The governor said 3 drones were shot down over Kursk.",
    )
    mod = b.actor("Defence Ministry", kind="government")
    gov = b.actor("Kursk Governor", kind="person")
    c1 = b.claim(d1, "12 drones were shot down over Kursk", speaker=mod)
    c2 = b.claim(d2, "3 drones were shot down over Kursk", speaker=gov)
    b.link(c1, c2, "corroborates", "a curator knows better")
    assert find_links(b.build()).links == []


def test_unknown_dates_across_documents_do_not_link_events() -> None:
    b, d1, d2 = _two_docs(
        "The ministry said 12 drones were shot down over Kursk.",
        "The governor said 12 drones were shot down over Kursk region.",
    )
    ds = b.build()
    ds = ds.model_copy(
        update={"documents": [d.model_copy(update={"published": None}) for d in ds.documents]}
    )
    b2 = DatasetBuilder()
    b2.documents = {d.id: d for d in ds.documents}
    mod = b2.actor("Defence Ministry", kind="government")
    gov = b2.actor("Kursk Governor", kind="person")
    b2.claim(d1, "12 drones were shot down over Kursk", speaker=mod)
    b2.claim(d2, "12 drones were shot down over Kursk region", speaker=gov)
    assert find_links(b2.build()).links == []


# --------------------------------------------------------------------------- places


@pytest.mark.parametrize(
    "name", ["Rostov", "Rostov-on-Don", "the southern Rostov region", "Rostov’s", "ROSTOV region"]
)
def test_place_key_normalises_spellings(name: str) -> None:
    from provenance.analysis.places import place_key

    assert place_key(name) == "rostov"


def test_place_key_transliterations() -> None:
    from provenance.analysis.places import place_key

    assert place_key("Zaporizhzhia") == place_key("Zaporizhia")
    assert place_key("Odessa") == place_key("Odesa")


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "drones were downed over the Kursk, Belgorod and Krasnodar regions",
            ["kursk", "belgorod", "krasnodar"],
        ),
        ("Vasily Golubev, the governor of Rostov, confirmed", ["rostov"]),
        (
            "in Enerhodar, a city in the Russian-controlled part of Ukraine's southern "
            "Zaporizhzhia region",
            ["enerhodar", "ukraine", "zaporizhia"],
        ),
        ("the Ministry of Defence said", []),
        ("near the Southern Military District headquarters", []),
        ("according to Interfax", []),
        ("on Friday in March", []),
        ("at the sideline of NATO's anniversary celebrations in Brussels", ["brusels"]),
    ],
)
def test_find_places(text: str, places: list[str]) -> None:
    from provenance.analysis.places import find_places

    assert [p.key for p in find_places(text)] == places


def test_country_is_broad() -> None:
    from provenance.analysis.places import find_places

    found = find_places("drones were shot down across Russia and over Bryansk")
    assert [(p.key, p.broad) for p in found] == [("russia", True), ("bryansk", False)]


def test_the_city_reads_as_the_last_place_named() -> None:
    b = DatasetBuilder()
    doc = b.document(
        "Residents heard blasts in Kherson. Officials said two explosions hit Kherson at dawn. "
        "A witness said two explosions took place in the city.",
        published="2024-04-05",
    )
    off = b.actor("Regional Officials", kind="government")
    wit = b.actor("A Witness", kind="person")
    b.claim(doc, "two explosions hit Kherson at dawn", speaker=off)
    b.claim(doc, "two explosions took place in the city", speaker=wit)
    result = find_links(b.build())
    assert [k.relation for k in result.links] == ["corroborates"]
    assert "kherson" in (result.links[0].note or "")


def test_ratings_are_not_denials() -> None:
    b, d1, d2 = _two_docs(
        "Analysts said most statements by the campaign were rated as mostly false this week.",
        "The fact-checkers said most statements by the campaign were rated as true this week.",
    )
    x = b.actor("Analysts Group", kind="organisation")
    y = b.actor("Fact Checkers", kind="organisation")
    b.claim(d1, "most statements by the campaign were rated as mostly false this week", speaker=x)
    b.claim(d2, "most statements by the campaign were rated as true this week", speaker=y)
    assert [k.relation for k in find_links(b.build()).links] == []


def test_one_speaker_quoted_at_two_lengths_repeats() -> None:
    quote = "the unfairness of the tax laws is unbelievable and something I have talked about"
    b, d1, d2 = _two_docs(
        f"The candidate said {quote} for years, at a rally.", f"The candidate said {quote}."
    )
    cand = b.actor("The Candidate", kind="person")
    b.claim(d1, f"{quote} for years, at a rally", speaker=cand)
    b.claim(d2, quote, speaker=cand)
    assert [k.relation for k in find_links(b.build()).links] == ["repeats"]


def test_link_result_serialises() -> None:
    from provenance.analysis.linking import LinkResult

    b, d1, d2 = _two_docs(
        "The ministry said 12 drones were shot down over Kursk.",
        "The governor said 3 drones were shot down over Kursk.",
    )
    b.claim(d1, "12 drones were shot down over Kursk", speaker=b.actor("Ministry X"))
    b.claim(d2, "3 drones were shot down over Kursk", speaker=b.actor("Governor Y"))
    result = find_links(b.build())
    assert LinkResult.model_validate_json(result.model_dump_json()) == result


@needs_gold
def test_store_keys_find_every_linked_pair() -> None:
    """A store indexing claims by blocking_keys fetches, for each claim, the claims it links to."""
    ds = _gold_dataset()
    docs = ds.document_index()
    keys = {c.id: blocking_keys(c, docs[c.document], ds.actors) for c in ds.claims}
    for link in find_links(ds).links:
        assert keys[link.source] & keys[link.target], link.note


def test_two_speakers_in_the_same_words_corroborate() -> None:
    content = "two people were injured when debris fell on Larkara"
    b, d1, d2 = _two_docs(f"Local media said {content}.", f"The mayor said {content}.")
    media = b.actor("local media", kind="unnamed")
    mayor = b.actor("The Mayor", kind="person")
    b.claim(d1, content, speaker=media)
    b.claim(d2, content, speaker=mayor)
    assert [k.relation for k in find_links(b.build()).links] == ["corroborates"]


def test_events_outside_the_lexicon_meet_by_their_verbs() -> None:
    b, d1, d2 = _two_docs(
        "The emergency service said 6,300 people had been evacuated from villages in Ostrel.",
        "The governor said up to 12,000 people had been evacuated from villages in Ostrel.",
    )
    b.claim(
        d1,
        "6,300 people had been evacuated from villages in Ostrel",
        speaker=b.actor("Emergency Service"),
    )
    b.claim(
        d2,
        "up to 12,000 people had been evacuated from villages in Ostrel",
        speaker=b.actor("The Governor"),
    )
    result = find_links(b.build())
    assert [k.relation for k in result.links] == ["corroborates"]
    assert "v:evacuat" in (result.links[0].note or "")


def test_conflict_needs_the_same_places() -> None:
    b, d1, d2 = _two_docs(
        "The ministry said 44 drones were downed in Rostov.",
        "The governor said 2 drones were downed in Morozovsk district in Rostov.",
    )
    b.claim(d1, "44 drones were downed in Rostov", speaker=b.actor("Ministry X"))
    b.claim(
        d2, "2 drones were downed in Morozovsk district in Rostov", speaker=b.actor("Governor Y")
    )
    assert find_links(b.build()).links == []
