"""The ``claimreview`` export: schema.org ClaimReview JSON-LD, as search engines and fact-check
aggregators read it.

The output is a JSON array of JSON-LD objects, each with its own ``@context``:

* a **ClaimReview** for every claim whose current verdict (the latest of its verdict history)
  is a rating, not ``unreviewed`` or ``in_review``: ``claimReviewed`` (the claim text),
  ``datePublished`` (the day of the verdict), ``reviewRating`` (a ``Rating`` whose
  ``alternateName`` is the rating label, "Mostly false", and ``ratingExplanation`` the
  verdict's explanation), ``itemReviewed`` (the Claim, below) and ``author``: the publisher
  given with ``--publisher`` (an Organization), else the verdict's ``by`` (a Person);
* a plain **Claim** for every other attributed claim: ``text``, ``author`` (the speaker, a
  ``Person`` or an ``Organization`` with its name), ``datePublished`` and ``appearance``
  (``CreativeWork`` objects: the claim's document and the documents of claims repeating it,
  with ``url`` when it is an http(s) URL, ``name``, ``datePublished`` and ``publisher``) and
  ``firstAppearance`` (the earliest of them).

Unattributed statements are left out unless they were rated. The JSON is written with ``<``,
``>`` and ``&`` escaped (:func:`provenance.export.safe.script_json`) so that it can be pasted
into a ``<script type="application/ld+json">`` element as it is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from provenance.export.base import ExportFormat
from provenance.export.safe import is_web_url, script_json
from provenance.model import Actor, Claim, Dataset, Document, Verdict

__all__ = ["FORMAT", "UNRATED", "current_verdicts", "rating_label", "render", "to_jsonld"]

CONTEXT = "https://schema.org"

UNRATED = frozenset({"unreviewed", "in_review"})
"""Verdict workflow states that are not a rating: such claims are plain Claims."""

_PERSON_KINDS = frozenset({"person"})


def rating_label(rating: str) -> str:
    """The human label of a rating: ``mostly_false`` -> ``Mostly false``."""
    return rating.replace("_", " ").capitalize()


def current_verdicts(verdicts: list[Verdict]) -> dict[str, Verdict]:
    """The current verdict of each claim: the last of its history.

    ``Dataset.verdicts`` is in history order (the store's insertion order), and a later entry
    replaces an earlier one even when it carries an older date (an imported review).
    """
    return {v.claim: v for v in verdicts}


def render(ds: Dataset, options: Mapping[str, str] | None = None) -> str:
    """The claims of ``ds`` as ClaimReview JSON-LD text.

    Args:
        ds: what to export.
        options: ``publisher``: the name of the organisation publishing the reviews.
    """
    return script_json(to_jsonld(ds, publisher=(options or {}).get("publisher")), indent=1) + "\n"


def to_jsonld(ds: Dataset, *, publisher: str | None = None) -> list[dict[str, Any]]:
    """The JSON-LD objects of :func:`render`, as Python values."""
    actors = ds.actor_index()
    docs = ds.document_index()
    claims = {c.id: c for c in ds.claims}
    verdicts = current_verdicts(ds.verdicts)
    # "repeats" joins the appearances of one statement, in both directions.
    repeats: dict[str, set[str]] = defaultdict(set)
    for link in ds.links:
        if link.relation == "repeats":
            repeats[link.source].add(link.target)
            repeats[link.target].add(link.source)

    out: list[dict[str, Any]] = []
    for claim in sorted(ds.claims, key=lambda c: _order(c, docs)):
        verdict = verdicts.get(claim.id)
        rated = verdict is not None and verdict.rating not in UNRATED
        if claim.speaker is None and not rated:
            continue
        others = [claims[o] for o in sorted(repeats.get(claim.id, ())) if o in claims]
        item = _claim(claim, others, actors, docs)
        if rated:
            assert verdict is not None
            out.append(_review(claim, verdict, item, publisher))
        else:
            out.append({"@context": CONTEXT, **item})
    return out


def _review(
    claim: Claim, verdict: Verdict, item: dict[str, Any], publisher: str | None
) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": rating_label(verdict.rating)}
    if verdict.explanation:
        rating["ratingExplanation"] = verdict.explanation
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "claimReviewed": claim.text,
        "datePublished": verdict.at.date().isoformat(),
        "reviewRating": rating,
        "itemReviewed": item,
    }
    if publisher:
        review["author"] = {"@type": "Organization", "name": publisher}
    elif verdict.by:
        review["author"] = {"@type": "Person", "name": verdict.by}
    if is_web_url(verdict.url):
        # An imported review keeps its address, so a re-import recognises it.
        review["url"] = verdict.url
    return review


def _claim(
    claim: Claim,
    others: list[Claim],
    actors: Mapping[str, Actor],
    docs: Mapping[str, Document],
) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim", "identifier": claim.id, "text": claim.text}
    if claim.speaker:
        item["author"] = _agent(claim.speaker, actors)
    seen: set[str] = set()
    works: list[tuple[str, dict[str, Any]]] = []
    for c in [claim, *others]:
        if c.document in seen:
            continue
        seen.add(c.document)
        doc = docs.get(c.document)
        works.append((_date(doc) or "9999", _work(c.document, doc, actors)))
    if works:
        item["appearance"] = [w for _, w in works]
        first = min(works, key=lambda w: w[0])  # stable: the claim's own document on ties
        item["firstAppearance"] = first[1]
        if "datePublished" in first[1]:
            item["datePublished"] = first[1]["datePublished"]
    return item


def _agent(aid: str, actors: Mapping[str, Actor]) -> dict[str, Any]:
    actor = actors.get(aid)
    if actor is None:
        return {"@type": "Thing", "name": aid}
    kind = "Person" if actor.kind in _PERSON_KINDS else "Organization"
    agent: dict[str, Any] = {"@type": kind, "name": actor.name}
    if actor.role and kind == "Person":
        agent["jobTitle"] = actor.role
    return agent


def _work(did: str, doc: Document | None, actors: Mapping[str, Actor]) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "identifier": did}
    if doc is None:
        return work
    if doc.url and is_web_url(doc.url):
        work["url"] = doc.url
    name = doc.title or doc.source
    if name:
        work["name"] = name
    if doc.published:
        work["datePublished"] = doc.published.isoformat()
    if doc.outlet:
        work["publisher"] = {**_agent(doc.outlet, actors), "@type": "Organization"}
    return work


def _date(doc: Document | None) -> str | None:
    return doc.published.isoformat() if doc is not None and doc.published else None


def _order(claim: Claim, docs: Mapping[str, Document]) -> tuple[str, str, int, str]:
    return (_date(docs.get(claim.document)) or "9999", claim.document, claim.span[0], claim.id)


FORMAT = ExportFormat(
    name="claimreview",
    help="schema.org ClaimReview JSON-LD: rated claims as ClaimReviews, the others as Claims.",
    suffix=".jsonld",
    render=render,
    options=(("publisher", "name of the organisation publishing the reviews"),),
    render_options=render,
)
