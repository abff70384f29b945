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
    assert {"claimreview"} <= set(format_names())


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
