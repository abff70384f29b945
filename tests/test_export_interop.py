"""Interoperability exports: ClaimReview JSON-LD, W3C PROV, GEXF, Neo4j CSV and Graphviz DOT.

Each output is read back with its consumer's own library or rules (prov, networkx, csv, the
JSON-LD shape Google documents for ClaimReview) rather than compared as text only.
"""

from __future__ import annotations

import datetime as dt
import json
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
        claim=c.id, rating="false", explanation="</script><script>alert(2)</script>", at=dt.datetime(2024, 5, 1)
    )
    return Dataset(documents=[doc], actors=actors, claims=[c], verdicts=[verdict])


def test_interop_formats_are_registered() -> None:
    assert {"claimreview", "prov-json", "prov-n", "prov-xml"} <= set(format_names())


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
        q for q, v in index.values.items() if v.startswith("Other drones were downed")
        and q.startswith("claim:")
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
    outlets = {index.labels.get(b) for a, b in index.rel["Attribution"] if a.startswith("document:")}
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
