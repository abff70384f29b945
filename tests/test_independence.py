"""Independent source groups and claim status (provenance.analysis.independence)."""

from __future__ import annotations

import pytest

from provenance.analysis.independence import assess
from provenance.analysis.linking import find_links
from provenance.analysis.synthetic import DatasetBuilder
from provenance.errors import NotFoundError
from provenance.model import Dataset
from tests.conftest import SHARED

GOLD = SHARED / "eval" / "gold" / "seed-000.json"

EVENT = "12 drones were shot down over the Kursk region"


def with_auto_links(ds: Dataset) -> Dataset:
    return ds.model_copy(update={"links": ds.links + find_links(ds).links})


@pytest.mark.skipif(not GOLD.is_file(), reason="../shared/eval/gold is not beside the repo")
def test_seed_mod_claim_has_one_group_and_is_unconfirmed() -> None:
    from provenance.claimsfile import load_claims_file

    ds = load_claims_file(GOLD)
    ds = with_auto_links(ds.model_copy(update={"links": []}))
    c04 = next(c for c in ds.claims if c.text.startswith("44 of them"))
    c05 = next(c for c in ds.claims if c.text.startswith("air defence units"))
    a = assess(c04.id, ds)
    assert a.corroborated_by == [c05.id]
    assert a.independent_sources == 1
    assert [g.name for g in a.source_groups] == ["Russian government"]
    assert set(a.source_groups[0].members) == {"russian-ministry-of-defence", "vasily-golubev"}
    assert "answer to Russian government" in a.source_groups[0].why
    assert a.status == "unconfirmed"
    assert a.primary_sources == ["russian-ministry-of-defence", "vasily-golubev"]


def test_wire_reprints_are_one_group() -> None:
    b = DatasetBuilder()
    mod = b.actor("Russian Ministry of Defence", kind="government")
    ids = []
    for agency in ("Reuters", "Associated Press", "Agence France-Presse"):
        relay = b.actor(agency, kind="news_agency")
        doc = b.document(f"{agency}: the ministry said {EVENT} overnight.", published="2024-04-05")
        ids.append(b.claim(doc, f"{EVENT} overnight", speaker=mod, via=[relay]))
    ds = with_auto_links(b.build())
    assert {k.relation for k in ds.links} == {"repeats"}
    a = assess(ids[0], ds)
    assert a.independent_sources == 1
    assert len(a.source_groups) == 1
    assert sorted(a.repeated_by) == sorted(ids[1:])
    assert a.corroborated_by == []
    assert a.status == "unconfirmed"


def _pair(
    first_speaker: str, second_speaker: str, *, hedged: bool = False, kind: str = "organisation"
) -> tuple[DatasetBuilder, str, str]:
    b = DatasetBuilder()
    s1 = b.actor(first_speaker, kind="government")
    s2 = b.actor(second_speaker, kind=kind)  # type: ignore[arg-type]
    d1 = b.document(f"{first_speaker} said {EVENT}.", published="2024-04-05")
    d2 = b.document(
        f"{second_speaker} said at least 10 drones were downed over Kursk.", published="2024-04-05"
    )
    c1 = b.claim(d1, EVENT, speaker=s1)
    c2 = b.claim(d2, "at least 10 drones were downed over Kursk", speaker=s2, hedged=hedged)
    return b, c1, c2


def test_two_independent_sources_confirm() -> None:
    b, c1, c2 = _pair("Russian Ministry of Defence", "Reuters", kind="news_agency")
    ds = with_auto_links(b.build())
    a = assess(c1, ds)
    assert a.corroborated_by == [c2]
    assert a.independent_sources == 2
    assert a.status == "confirmed"
    assert a.circular == []


def test_min_sources_is_a_parameter() -> None:
    b, c1, _ = _pair("Russian Ministry of Defence", "Reuters", kind="news_agency")
    ds = with_auto_links(b.build())
    assert assess(c1, ds, min_sources=3).status == "unconfirmed"


def test_registry_groups_state_media_with_the_government() -> None:
    b, c1, _ = _pair("Russian Ministry of Defence", "TASS", kind="news_agency")
    ds = with_auto_links(b.build())
    a = assess(c1, ds)
    assert a.independent_sources == 1
    assert a.source_groups[0].root == "russian-government"
    # Without the registry the text says nothing about TASS: two groups.
    assert assess(c1, ds, registry=[]).independent_sources == 2


def test_conflict_disputes() -> None:
    b = DatasetBuilder()
    mod = b.actor("Russian Ministry of Defence", kind="government")
    ua = b.actor("Ukrainian Air Force", kind="military")
    d1 = b.document(f"The ministry said {EVENT}.", published="2024-04-05")
    d2 = b.document(
        "The air force said 2 drones were shot down over the Kursk region.", published="2024-04-05"
    )
    c1 = b.claim(d1, EVENT, speaker=mod)
    c2 = b.claim(d2, "2 drones were shot down over the Kursk region", speaker=ua)
    ds = with_auto_links(b.build())
    a = assess(c1, ds)
    assert a.conflicts_with == [c2]
    assert a.status == "disputed"


def test_hedged_only_support_does_not_confirm() -> None:
    b, c1, _ = _pair("Russian Ministry of Defence", "Reuters", hedged=True, kind="news_agency")
    a = assess(c1, with_auto_links(b.build()))
    assert a.independent_sources == 1
    assert a.status == "unconfirmed"
    assert any("only hedged" in g.why for g in a.source_groups)


def test_unnamed_support_does_not_count() -> None:
    b, c1, _ = _pair("Russian Ministry of Defence", "local media", kind="unnamed")
    a = assess(c1, with_auto_links(b.build()))
    assert a.independent_sources == 1
    assert a.status == "unconfirmed"
    assert any(not g.independent and "unnamed" in g.why for g in a.source_groups)


def test_circular_citation_is_flagged() -> None:
    b = DatasetBuilder()
    outlet_a = b.actor("Outlet A", kind="news_outlet")
    outlet_b = b.actor("Outlet B", kind="news_outlet")
    d1 = b.document(f"Outlet A, citing Outlet B, said {EVENT}.", published="2024-04-05")
    d2 = b.document(f"Outlet B, citing Outlet A, said {EVENT}.", published="2024-04-05")
    c1 = b.claim(d1, EVENT, speaker=outlet_b, via=[outlet_a])
    c2 = b.claim(d2, EVENT, speaker=outlet_a, via=[outlet_b])
    b.link(c1, c2, "corroborates")
    a = assess(c1, b.build())
    assert ["outlet-a", "outlet-b", "outlet-a"] in a.circular
    assert a.independent_sources == 1
    assert a.status == "unconfirmed"


def test_confirmation_relayed_by_the_origin_is_circular() -> None:
    b = DatasetBuilder()
    mod = b.actor("Russian Ministry of Defence", kind="government")
    witness = b.actor("Independent Monitor", kind="organisation")
    d1 = b.document(f"The ministry said {EVENT}.", published="2024-04-05")
    d2 = b.document(f"The monitor said {EVENT}, according to the ministry.", published="2024-04-05")
    c1 = b.claim(d1, EVENT, speaker=mod)
    c2 = b.claim(d2, EVENT, speaker=witness, via=[mod])
    b.link(c1, c2, "corroborates")
    a = assess(c1, b.build())
    assert a.circular == [[c2, mod]]
    assert a.independent_sources == 1
    assert a.status == "unconfirmed"


def test_update_supersedes() -> None:
    b = DatasetBuilder()
    off = b.actor("Regional Administration", kind="government")
    d1 = b.document(
        "Officials said at least 10 people were killed in Kostiantynivka.", published="2023-09-06"
    )
    d2 = b.document(
        "Officials said 17 people were killed in Kostiantynivka.", published="2023-09-07"
    )
    early = b.claim(d1, "at least 10 people were killed in Kostiantynivka", speaker=off)
    late = b.claim(d2, "17 people were killed in Kostiantynivka", speaker=off)
    ds = with_auto_links(b.build())
    a = assess(early, ds)
    assert a.status == "superseded"
    assert a.updated_by == [late]
    assert assess(late, ds).status == "unconfirmed"


def test_unknown_claim() -> None:
    with pytest.raises(NotFoundError):
        assess("nope", Dataset())


def test_officials_of_an_unnamed_government_count_once() -> None:
    # "The Ministry of Defence said ..." and "the governor of Northfield said ...": the text names
    # neither's government, so they may well be one state speaking twice.
    b = DatasetBuilder()
    ministry = b.actor("Ministry of Defence", kind="government")
    governor = b.actor("Anna Kovacs", kind="person", role="governor of Northfield")
    d1 = b.document(f"The Ministry of Defence said {EVENT}.", published="2024-04-05")
    d2 = b.document(
        "Anna Kovacs, the governor of Northfield, said at least 10 drones were downed over Kursk.",
        published="2024-04-05",
    )
    c1 = b.claim(d1, EVENT, speaker=ministry)
    c2 = b.claim(d2, "at least 10 drones were downed over Kursk", speaker=governor)
    ds = with_auto_links(b.build())
    a = assess(c1, ds)
    assert a.corroborated_by == [c2]
    assert a.independent_sources == 1
    (group,) = a.source_groups
    assert group.name == "a government the text does not name"
    assert set(group.members) == {ministry, governor}
    assert "provenance affiliate" in group.why
    assert a.status == "unconfirmed"

    # Once a person says whose officials they are, each counts for its own government.
    north = b.actor("Government of Northland", kind="government")
    south = b.actor("Government of Southland", kind="government")
    ds2 = b.build()
    actors = {
        a_.id: a_.model_copy(update={"affiliation": {ministry: north, governor: south}[a_.id]})
        if a_.id in (ministry, governor)
        else a_
        for a_ in ds2.actors
    }
    ds2 = with_auto_links(ds2.model_copy(update={"actors": list(actors.values())}))
    assert assess(c1, ds2).independent_sources == 2


def test_an_unaffiliated_reporter_is_not_an_official() -> None:
    b, c1, _ = _pair("Ministry of Defence", "Northfield Herald", kind="news_outlet")
    ds = with_auto_links(b.build())
    # The ministry's government is unknown, but a newspaper is not an official voice.
    assert assess(c1, ds, registry=[]).independent_sources == 2
