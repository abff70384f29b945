"""A small, deterministic Dataset for the golden-file tests, and the golden-file check.

Two documents, a ministry, the agency relaying it, a governor, an outlet, an unattributed
statement, one ``corroborates`` and one ``repeats`` link. Regenerate the golden files after an
intended format change with::

    PROVENANCE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_export.py tests/test_trace.py

and review the diff (``git diff tests/golden``) before committing it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from provenance.model import (
    Actor,
    Claim,
    Dataset,
    Document,
    Link,
    Quantity,
    Span,
    actor_id,
    claim_id,
    document_id,
    link_id,
    text_hash,
)

GOLDEN = Path(__file__).resolve().parent
UPDATE = os.environ.get("PROVENANCE_UPDATE_GOLDEN") == "1"

TEXT_A = (
    "Russia downed 12 drones over the Belgorod region overnight, RIA reported, citing the "
    "Defence Ministry. Governor Vyacheslav Gladkov said at least 10 drones were destroyed "
    "over Belgorod.\nThere was no word on casualties."
)
TEXT_B = (
    "The Defence Ministry said 12 drones were downed over Belgorod. Ukraine's air force "
    "reportedly said it lost no aircraft."
)


def assert_golden(name: str, text: str) -> None:
    """``text`` equals the golden file ``name`` byte for byte (or rewrites it when updating)."""
    path = GOLDEN / name
    data = text.encode("utf-8")
    if UPDATE or not path.exists():
        if not UPDATE:
            raise AssertionError(
                f"golden file {path} is missing; run with PROVENANCE_UPDATE_GOLDEN=1 to create it"
            )
        path.write_bytes(data)
    assert path.read_bytes() == data, (
        f"{name} differs from the golden file; if the change is intended, regenerate with "
        "PROVENANCE_UPDATE_GOLDEN=1 and review the diff"
    )


def span_of(text: str, part: str) -> Span:
    """The span of the first occurrence of ``part`` in ``text``."""
    start = text.index(part)
    return (start, start + len(part))


def document(text: str, **fields: object) -> Document:
    """A document of ``text`` with its hash-derived id."""
    return Document(id=document_id(text), text=text, text_hash=text_hash(text), **fields)  # type: ignore[arg-type]


def claim(doc: Document, part: str, **fields: object) -> Claim:
    """A claim whose evidence is the first occurrence of ``part`` in ``doc``."""
    span = span_of(doc.text, part)
    return Claim(id=claim_id(doc.id, span), document=doc.id, span=span, text=part, **fields)  # type: ignore[arg-type]


def link(source: Claim, target: Claim, relation: str, note: str) -> Link:
    """A curated link."""
    return Link(
        id=link_id(source.id, target.id, relation),
        source=source.id,
        target=target.id,
        relation=relation,  # type: ignore[arg-type]
        origin="curated",
        note=note,
    )


RU = actor_id("Russian government")
MOD = actor_id("Russian Ministry of Defence")
RIA = actor_id("RIA")
GLADKOV = actor_id("Vyacheslav Gladkov")
OUTLET = actor_id("Daily Example")
AIR_FORCE = actor_id("Ukrainian Air Force")


def sample_dataset() -> Dataset:
    """The golden Dataset (every list sorted by id, as a JSON export reads back)."""
    doc_a = document(
        TEXT_A,
        title="Drones downed over Belgorod",
        outlet=OUTLET,
        url="https://example.org/news/belgorod-drones",
        published=dt.date(2024, 4, 5),
        source="articles/a.txt",
    )
    doc_b = document(TEXT_B, published=dt.date(2024, 4, 6), source="articles/b.txt")
    actors = [
        Actor(id=RU, name="Russian government", kind="government", aliases=["Russia"]),
        Actor(
            id=MOD,
            name="Russian Ministry of Defence",
            kind="government",
            aliases=["Defence Ministry", "Ministry of Defence"],
            affiliation=RU,
            country="RU",
            origin="curated",
        ),
        Actor(id=RIA, name="RIA", kind="news_agency", aliases=["RIA Novosti"], affiliation=RU),
        Actor(
            id=GLADKOV,
            name="Vyacheslav Gladkov",
            kind="person",
            aliases=["Gladkov"],
            role="governor of Belgorod",
            affiliation=RU,
        ),
        Actor(id=OUTLET, name="Daily Example", kind="news_outlet"),
        Actor(id=AIR_FORCE, name="Ukrainian Air Force", kind="military", aliases=["air force"]),
    ]
    c1 = claim(
        doc_a,
        "Russia downed 12 drones over the Belgorod region overnight",
        speaker=MOD,
        via=[RIA],
        cue="reported",
        cue_span=span_of(TEXT_A, "reported"),
        rule="said-citing",
        why="RIA reported, citing the Defence Ministry",
        quantities=[Quantity(text="12 drones", low=12.0, high=12.0, unit="drone")],
        event_date=dt.date(2024, 4, 5),
    )
    c2 = claim(
        doc_a,
        "at least 10 drones were destroyed over Belgorod",
        speaker=GLADKOV,
        cue="said",
        rule="curated",
        origin="curated",
        quantities=[Quantity(text="at least 10 drones", low=10.0, unit="drone")],
    )
    c3 = claim(doc_a, "There was no word on casualties.", unattributed=True)
    c4 = claim(doc_b, "12 drones were downed over Belgorod", speaker=MOD, cue="said")
    c5 = claim(
        doc_b,
        "it lost no aircraft",
        speaker=AIR_FORCE,
        cue="said",
        hedged=True,
        hedge="reportedly",
        status="disputed",
    )
    links = [
        link(c2, c1, "corroborates", "12 and at least 10 drones over Belgorod, same night"),
        link(c4, c1, "repeats", "the same figure from the same ministry"),
    ]

    return Dataset(
        documents=sorted([doc_a, doc_b], key=lambda d: d.id),
        actors=sorted(actors, key=lambda a: a.id),
        claims=sorted([c1, c2, c3, c4, c5], key=lambda c: c.id),
        links=sorted(links, key=lambda k: k.id),
    )
