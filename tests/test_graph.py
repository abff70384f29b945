"""The claim graph: node kinds, edge types and their attributes (as documented in graph.py)."""

from __future__ import annotations

import networkx as nx

from provenance.graph import actor_node, build_graph, claim_node, document_node
from provenance.model import Dataset, Link
from tests.golden.sample import AIR_FORCE, GLADKOV, MOD, OUTLET, RIA, RU, sample_dataset


def _edges(g: nx.MultiDiGraph, relation: str) -> list[tuple[str, str, dict[str, object]]]:
    return [(u, v, d) for u, v, d in g.edges(data=True) if d["relation"] == relation]


def test_nodes_have_prefixed_ids_and_kinds() -> None:
    ds = sample_dataset()
    g = build_graph(ds)
    kinds = {n: d["kind"] for n, d in g.nodes(data=True)}
    assert sorted(kinds.values()).count("claim") == len(ds.claims)
    assert sorted(kinds.values()).count("actor") == len(ds.actors)
    assert sorted(kinds.values()).count("document") == len(ds.documents)
    for node, kind in kinds.items():
        assert node.startswith(f"{kind}:")
        assert g.nodes[node]["id"] == node.split(":", 1)[1]
    mod = g.nodes[actor_node(MOD)]
    assert mod["actor_kind"] == "government"
    assert mod["affiliation"] == RU
    assert mod["aliases"] == "Defence Ministry; Ministry of Defence"


def test_attribute_values_are_plain_and_never_none() -> None:
    g = build_graph(sample_dataset())
    values = [v for _, d in g.nodes(data=True) for v in d.values()]
    values += [v for _, _, d in g.edges(data=True) for v in d.values()]
    assert all(isinstance(v, str | int | float | bool) for v in values)


def test_claim_edges() -> None:
    ds = sample_dataset()
    g = build_graph(ds)
    relayed = next(c for c in ds.claims if c.via)
    node = claim_node(relayed.id)
    assert (node, actor_node(MOD)) in {(u, v) for u, v, _ in _edges(g, "said_by")}
    ((_, v, data),) = [e for e in _edges(g, "relayed_by") if e[0] == node]
    assert (v, data["hop"]) == (actor_node(RIA), 1)
    (appears,) = [d for u, _, d in _edges(g, "appears_in") if u == node]
    assert (appears["start"], appears["end"]) == relayed.span
    unattributed = next(c for c in ds.claims if c.unattributed)
    assert not [e for e in _edges(g, "said_by") if e[0] == claim_node(unattributed.id)]


def test_document_actor_and_link_edges() -> None:
    ds = sample_dataset()
    g = build_graph(ds)
    doc_a = next(d for d in ds.documents if d.outlet)
    assert [(u, v) for u, v, _ in _edges(g, "published_by")] == [
        (document_node(doc_a.id), actor_node(OUTLET))
    ]
    affiliated = {u for u, v, _ in _edges(g, "affiliated_with") if v == actor_node(RU)}
    assert affiliated == {actor_node(a) for a in (MOD, RIA, GLADKOV)}
    for link in ds.links:
        data = g.edges[claim_node(link.source), claim_node(link.target), link.id]
        assert data == {
            "relation": link.relation,
            "link": link.id,
            "origin": link.origin,
            "note": link.note,
        }
    assert actor_node(AIR_FORCE) in g


def test_references_outside_the_dataset_become_stubs() -> None:
    ds = sample_dataset()
    claim = next(c for c in ds.claims if c.via)
    partial = Dataset(
        claims=[claim],
        links=[Link(id="l1", source=claim.id, target="elsewhere", relation="conflicts")],
    )
    g = build_graph(partial)
    assert g.nodes[actor_node(MOD)] == {"kind": "actor", "id": MOD, "label": MOD, "stub": True}
    assert g.nodes[claim_node("elsewhere")]["kind"] == "claim"
    assert g.nodes[document_node(claim.document)]["stub"] is True
    assert g.has_edge(claim_node(claim.id), claim_node("elsewhere"), "l1")


def test_empty_dataset() -> None:
    g = build_graph(Dataset())
    assert isinstance(g, nx.MultiDiGraph)
    assert g.number_of_nodes() == 0
