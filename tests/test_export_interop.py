"""Interoperability exports: ClaimReview JSON-LD, W3C PROV, GEXF, Neo4j CSV and Graphviz DOT.

Each output is read back with its consumer's own library or rules (prov, networkx, csv, the
JSON-LD shape Google documents for ClaimReview) rather than compared as text only.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from provenance.errors import ExportError
from provenance.export import export, format_names, get_format
from provenance.model import Actor, Dataset, Verdict
from tests.conftest import EXAMPLES
from tests.golden.sample import MOD, RIA, assert_golden, claim, document, sample_dataset

HOSTILE = (
    'The "Evil" <script>alert(1)</script> agency said "it\'s </script><b>fine</b>" & more.\n'
    "Second line."
)


def rated_sample() -> Dataset:
    """The golden sample with a verdict history: one claim rated, one back in review."""
    ds = sample_dataset()
    by_text = {c.text: c.id for c in ds.claims}
    first = by_text["Russia downed 12 drones over the Belgorod region overnight"]
    second = by_text["at least 10 drones were destroyed over Belgorod"]
    ds.verdicts.extend(
        [
            Verdict(claim=first, rating="in_review", at=dt.datetime(2024, 5, 1, 9)),
            Verdict(
                claim=first,
                rating="mostly_false",
                explanation="Only 4 drones <confirmed> by independent sources",
                by="Ann Checker",
                at=dt.datetime(2024, 5, 2, 10),
            ),
            Verdict(claim=second, rating="true", at=dt.datetime(2024, 5, 1, 9)),
            Verdict(claim=second, rating="in_review", at=dt.datetime(2024, 5, 3, 9)),
        ]
    )
    return ds


def hostile_dataset() -> Dataset:
    """A document, actors and a claim whose every string tries to break out of its format."""
    doc = document(
        HOSTILE,
        title='<img src=x onerror="alert(1)"> "quoted" title',
        url="javascript:alert(1)",
        source='evil\n"file".txt',
        outlet="evil-outlet",
        published=dt.date(2024, 4, 5),
    )
    actors = [
        Actor(id="evil", name='Evil <script>alert("x")</script> "Agency"', kind="news_agency"),
        Actor(id="evil-outlet", name="Outlet & <b>Co</b>", kind="news_outlet"),
    ]
    c = claim(doc, "it's </script><b>fine</b>", speaker="evil", cue="said")
    verdict = Verdict(
        claim=c.id,
        rating="false",
        explanation="</script><script>alert(2)</script>",
        at=dt.datetime(2024, 5, 1),
    )
    return Dataset(documents=[doc], actors=actors, claims=[c], verdicts=[verdict])


def test_interop_formats_are_registered() -> None:
    assert {"claimreview", "prov-json", "prov-n", "prov-xml", "gexf", "neo4j", "dot"} <= set(
        format_names()
    )


# --------------------------------------------------------------------------- claimreview


def _claimreview(ds: Dataset, **options: str) -> list[dict[str, Any]]:
    text = export(ds, "claimreview", None, options=options)
    assert text is not None
    value = json.loads(text)
    assert isinstance(value, list)
    return value


def test_claimreview_golden() -> None:
    text = export(rated_sample(), "claimreview", None, options={"publisher": "Example Check"})
    assert text is not None
    assert_golden("sample.jsonld", text)


def test_claimreview_structure() -> None:
    items = _claimreview(rated_sample(), publisher="Example Check")
    reviews = [i for i in items if i["@type"] == "ClaimReview"]
    plain = [i for i in items if i["@type"] == "Claim"]
    assert len(reviews) == 1  # the other rated claim went back in review: its rating is gone
    assert all(i["@context"] == "https://schema.org" for i in items)
    review = reviews[0]
    for key in ("claimReviewed", "reviewRating", "itemReviewed", "author", "datePublished"):
        assert key in review
    assert review["claimReviewed"] == "Russia downed 12 drones over the Belgorod region overnight"
    assert review["datePublished"] == "2024-05-02"
    assert review["author"] == {"@type": "Organization", "name": "Example Check"}
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating"
    assert rating["alternateName"] == "Mostly false"
    assert rating["ratingExplanation"] == "Only 4 drones <confirmed> by independent sources"
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Organization", "name": "Russian Ministry of Defence"}
    assert item["datePublished"] == "2024-04-05"
    urls = [a.get("url") for a in item["appearance"]]
    assert urls[0] == "https://example.org/news/belgorod-drones"
    assert len(item["appearance"]) == 2  # the article and the one repeating the claim
    assert all(a["@type"] == "CreativeWork" for a in item["appearance"])
    assert item["firstAppearance"]["datePublished"] == "2024-04-05"
    assert item["firstAppearance"]["publisher"]["name"] == "Daily Example"
    # Attributed, unrated claims are plain Claims; unattributed statements are left out.
    texts = {p["text"] for p in plain}
    assert "at least 10 drones were destroyed over Belgorod" in texts
    assert "There was no word on casualties." not in texts
    gladkov = next(p for p in plain if p["text"].startswith("at least"))
    assert gladkov["author"]["@type"] == "Person"
    assert gladkov["author"]["name"] == "Vyacheslav Gladkov"


def test_claimreview_author_falls_back_to_the_rater() -> None:
    review = next(i for i in _claimreview(rated_sample()) if i["@type"] == "ClaimReview")
    assert review["author"] == {"@type": "Person", "name": "Ann Checker"}


def test_claimreview_escapes_html() -> None:
    text = export(hostile_dataset(), "claimreview", None) or ""
    assert "<" not in text and ">" not in text and "&" not in text
    review = json.loads(text)[0]
    assert review["claimReviewed"] == "it's </script><b>fine</b>"
    assert review["reviewRating"]["ratingExplanation"] == "</script><script>alert(2)</script>"
    work = review["itemReviewed"]["appearance"][0]
    assert "url" not in work  # javascript: is not a URL anything may link to


def test_options_are_checked() -> None:
    with pytest.raises(ExportError, match="the csv format takes no option 'publisher'"):
        export(sample_dataset(), "csv", None, options={"publisher": "x"})
    assert get_format("claimreview").option_names() == ("publisher",)


def test_cli_export_publisher(seeded: Any, tmp_path: Path) -> None:
    out = tmp_path / "reviews.jsonld"
    result = seeded("export", "-f", "claimreview", "--publisher", "Example Check", "-o", str(out))
    assert result.exit_code == 0, result.output
    items = json.loads(out.read_text(encoding="utf-8"))
    assert items and all(i["@type"] in ("Claim", "ClaimReview") for i in items)
    bad = seeded("export", "-f", "csv", "--publisher", "x")
    assert bad.exit_code == 1 and "takes no option 'publisher'" in bad.stderr


# --------------------------------------------------------------------------- W3C PROV


def _seed_000() -> Dataset:
    from provenance.claimsfile import load_claims_file

    return load_claims_file(EXAMPLES / "claims" / "seed-000.json")


def _read_prov(fmt: str, ds: Dataset) -> Any:
    from prov.model import ProvDocument

    text = export(ds, fmt, None)
    assert text is not None
    return ProvDocument.deserialize(content=text.encode("utf-8"), format=fmt.split("-")[1])


class _ProvIndex:
    """The relations of a PROV document, by type, as (first, second) qualified-name strings."""

    def __init__(self, doc: Any) -> None:
        self.labels: dict[str, str] = {}
        self.values: dict[str, str] = {}
        self.rel: dict[str, list[tuple[str, str]]] = {}
        for rec in doc.get_records():
            if rec.is_relation():
                kind = str(rec.get_type()).split(":")[1]
                asserted = {str(t) for t in rec.get_asserted_types()}
                if "prov:Quotation" in asserted:
                    kind = "Quotation"
                elif "prov:PrimarySource" in asserted:
                    kind = "PrimarySource"
                elif "prov:Revision" in asserted:
                    kind = "Revision"
                first, second = (str(a) for a in rec.args[:2])
                self.rel.setdefault(kind, []).append((first, second))
            else:
                ident = str(rec.identifier)
                for key, value in rec.attributes:
                    if str(key) == "prov:label":
                        self.labels[ident] = str(value)
                    elif str(key) == "prov:value":
                        self.values[ident] = str(value)

    def one(self, kind: str, first: str) -> str:
        found = [b for a, b in self.rel.get(kind, []) if a == first]
        assert len(found) == 1, (kind, first, found)
        return found[0]

    def attributed(self, entity: str) -> str:
        return self.labels[self.one("Attribution", entity)]


@pytest.mark.parametrize("fmt", ["prov-json", "prov-xml"])
def test_prov_chain_of_the_ria_claim(fmt: str) -> None:
    index = _ProvIndex(_read_prov(fmt, _seed_000()))
    claim_qn = next(
        q
        for q, v in index.values.items()
        if v.startswith("Other drones were downed") and q.startswith("claim:")
    )
    document = [a for a, b in index.rel["Membership"] if b == claim_qn]
    assert len(document) == 1 and document[0].startswith("document:")
    # document -> claim -quoted from-> RIA's statement -quoted from-> the Ministry's statement
    chain = []
    node = claim_qn
    while any(a == node for a, _ in index.rel["Quotation"]):
        node = index.one("Quotation", node)
        chain.append(index.attributed(node))
    assert chain == ["RIA", "Russian Ministry of Defence"]
    primary = index.one("PrimarySource", claim_qn)
    assert index.attributed(primary) == "Russian Ministry of Defence"
    assert index.attributed(claim_qn) == "Russian Ministry of Defence"
    # RIA and the Ministry act on behalf of the Russian government.
    delegations = {(index.labels[a], index.labels[b]) for a, b in index.rel["Delegation"]}
    assert ("RIA", "Russian government") in delegations
    assert ("Russian Ministry of Defence", "Russian government") in delegations


def test_prov_formats_agree() -> None:
    ds = sample_dataset()
    as_json = _read_prov("prov-json", ds)
    assert as_json == _read_prov("prov-xml", ds)
    # prov has no PROV-N reader: the PROV-N text holds the same statements as the JSON read back
    # (the reader groups records by kind, so compare them as sets of lines).
    provn = export(ds, "prov-n", None) or ""
    assert sorted(provn.splitlines()) == sorted((as_json.get_provn() + "\n").splitlines())


def test_prov_updates_are_revisions_and_outlets_attributed() -> None:
    from tests.golden.sample import link

    ds = sample_dataset()
    first, later = sorted(ds.claims, key=lambda c: c.id)[:2]
    ds.links.append(link(later, first, "updates", "a later figure"))
    index = _ProvIndex(_read_prov("prov-json", ds))
    assert (f"claim:{later.id}", f"claim:{first.id}") in index.rel["Revision"]
    attributions = index.rel["Attribution"]
    outlets = {index.labels.get(b) for a, b in attributions if a.startswith("document:")}
    assert outlets == {"Daily Example"}


def test_prov_escapes_hostile_text() -> None:
    ds = hostile_dataset()
    for fmt in ("prov-json", "prov-xml"):
        index = _ProvIndex(_read_prov(fmt, ds))
        assert "it's </script><b>fine</b>" in index.values.values()
        assert 'Evil <script>alert("x")</script> "Agency"' in index.labels.values()
    provn = export(ds, "prov-n", None) or ""
    assert '\\"Agency\\"' in provn


def test_prov_missing_package_is_an_export_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "prov", None)
    monkeypatch.setitem(sys.modules, "prov.model", None)
    with pytest.raises(ExportError, match=r"pip install 'provenance\[prov\]'"):
        export(sample_dataset(), "prov-json", None)


# --------------------------------------------------------------------------- GEXF


def test_gexf_reads_back_with_dates() -> None:
    import io

    import networkx as nx

    from provenance.graph import build_graph

    ds = sample_dataset()
    text = export(ds, "gexf", None) or ""
    back = nx.read_gexf(io.StringIO(text))
    g = build_graph(ds)
    assert set(back.nodes) == set(g.nodes)
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    for node, data in g.nodes(data=True):
        got = back.nodes[node]
        assert got["kind"] == data["kind"] and got["label"] == data["label"]
        assert got["record_id"] == data["id"]
        if data["kind"] == "claim":
            assert (got["span_start"], got["span_end"]) == (data["start"], data["end"])
    docs = {d.id: d for d in ds.documents}
    for c in ds.claims:
        published = docs[c.document].published
        assert published is not None
        assert back.nodes[f"claim:{c.id}"]["start"] == published.isoformat()
    # Actors appear with the first article naming them: the ministry on 5 April.
    assert back.nodes[f"actor:{MOD}"]["start"] == "2024-04-05"
    assert back.nodes[f"actor:{RIA}"]["start"] == "2024-04-05"
    relations = {(u, v, d["relation"]) for u, v, d in back.edges(data=True)}
    assert relations == {(u, v, d["relation"]) for u, v, d in g.edges(data=True)}
    assert all("start" in d for _, _, d in back.edges(data=True))


def test_gexf_escapes_hostile_text() -> None:
    import io

    import networkx as nx

    text = export(hostile_dataset(), "gexf", None) or ""
    back = nx.read_gexf(io.StringIO(text))
    assert back.nodes["actor:evil"]["label"] == 'Evil <script>alert("x")</script> "Agency"'
    assert "<script>" not in text


# --------------------------------------------------------------------------- Neo4j


def test_neo4j_folder_has_import_headers(tmp_path: Path) -> None:
    import csv

    from provenance.export.to_neo4j import FILES, IMPORT_COMMAND

    ds = sample_dataset()
    dest = tmp_path / "graph.neo4j"
    export(ds, "neo4j", dest)
    assert sorted(p.name for p in dest.iterdir()) == sorted(FILES)

    def read(name: str) -> list[dict[str, str]]:
        with (dest / name).open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    ids: set[str] = set()
    for name, label, count in (
        ("claims.csv", "Claim", len(ds.claims)),
        ("actors.csv", "Actor", len(ds.actors)),
        ("documents.csv", "Document", len(ds.documents)),
    ):
        rows = read(name)
        columns = list(rows[0]) if rows else []
        assert columns[0] == "uid:ID" and columns[-1] == ":LABEL"
        assert len(rows) == count and {r[":LABEL"] for r in rows} == {label}
        ids |= {r["uid:ID"] for r in rows}
        for column in rows[0]:
            # Every typed column uses a type neo4j-admin knows.
            if ":" in column and not column.startswith(":") and column != "uid:ID":
                assert column.split(":")[1] in {"int", "boolean", "date"}
    claims = {r["id"]: r for r in read("claims.csv")}
    first = next(c for c in ds.claims if c.via)
    row = claims[first.id]
    assert (int(row["start:int"]), int(row["end:int"])) == first.span
    assert row["hedged:boolean"] == "false" and row["event_date:date"] == "2024-04-05"
    rels = read("relationships.csv")
    assert list(rels[0])[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in rels)
    types = {r[":TYPE"] for r in rels}
    assert {"SAID_BY", "RELAYED_BY", "APPEARS_IN", "PUBLISHED_BY", "AFFILIATED_WITH"} <= types
    assert {"CORROBORATES", "REPEATS"} <= types
    relay = next(r for r in rels if r[":TYPE"] == "RELAYED_BY")
    assert relay["hop:int"] == "1" and relay[":END_ID"] == f"actor:{RIA}"
    assert IMPORT_COMMAND in (dest / "import.sh").read_text(encoding="utf-8")


def test_neo4j_quotes_hostile_text(tmp_path: Path) -> None:
    import csv

    dest = tmp_path / "graph.neo4j"
    export(hostile_dataset(), "neo4j", dest)
    with (dest / "documents.csv").open(encoding="utf-8", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["source"] == 'evil\n"file".txt'


# --------------------------------------------------------------------------- DOT

_DOT_STRING = r'"(?:[^"\\]|\\.)*"'
_DOT_NODE = re.compile(rf"^  ({_DOT_STRING}) \[(.*)\];$")
_DOT_EDGE = re.compile(rf"^  ({_DOT_STRING}) -> ({_DOT_STRING}) \[(.*)\];$")
_DOT_ATTR = re.compile(rf"(\w+)=({_DOT_STRING})(?:, |$)")


def _unquote(s: str) -> str:
    # The inverse of to_dot.quote for what it writes: \\ \" and \n.
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), s[1:-1])


DotAttrs = dict[str, str]


def _parse_dot(text: str) -> tuple[dict[str, DotAttrs], list[tuple[str, str, DotAttrs]]]:
    """A strict reader of the DOT subset the export writes: any other line fails the test."""
    lines = text.splitlines()
    assert lines[0] == "digraph provenance {" and lines[-1] == "}"
    nodes: dict[str, dict[str, str]] = {}
    edges = []
    for line in lines[1:-1]:
        if line.startswith(("  graph [", "  node [", "  edge [")):
            continue
        edge = _DOT_EDGE.match(line)
        if edge:
            attrs = {k: _unquote(v) for k, v in _DOT_ATTR.findall(edge.group(3))}
            edges.append((_unquote(edge.group(1)), _unquote(edge.group(2)), attrs))
            continue
        node = _DOT_NODE.match(line)
        assert node, f"unexpected DOT line: {line!r}"
        attr_text = node.group(2)
        attrs = {k: _unquote(v) for k, v in _DOT_ATTR.findall(attr_text)}
        # The attribute list must be consumed entirely by well-formed pairs.
        assert ", ".join(f"{k}={v}" for k, v in _DOT_ATTR.findall(attr_text)) == attr_text
        nodes[_unquote(node.group(1))] = attrs
    return nodes, edges


def test_dot_golden() -> None:
    assert_golden("sample.dot", export(sample_dataset(), "dot", None) or "")


def test_dot_structure() -> None:
    from provenance.graph import build_graph

    ds = sample_dataset()
    nodes, edges = _parse_dot(export(ds, "dot", None) or "")
    g = build_graph(ds)
    assert set(nodes) == set(g.nodes)
    assert sorted((u, v, a["relation"]) for u, v, a in edges) == sorted(
        (u, v, d["relation"]) for u, v, d in g.edges(data=True)
    )
    for node, data in g.nodes(data=True):
        assert nodes[node]["label"] == data["label"]
        assert nodes[node]["kind"] == data["kind"]


def test_dot_escapes_hostile_text() -> None:
    ds = hostile_dataset()
    text = export(ds, "dot", None) or ""
    nodes, _ = _parse_dot(text)
    assert nodes["actor:evil"]["label"] == 'Evil <script>alert("x")</script> "Agency"'
    claim = ds.claims[0]
    assert nodes[f"claim:{claim.id}"]["tooltip"] == claim.text
    assert nodes[f"document:{ds.documents[0].id}"]["label"].startswith("<img")
    try:
        import pydot  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        return
    (graph,) = pydot.graph_from_dot_data(text)
    assert len(graph.get_edges()) == len(_parse_dot(text)[1])
