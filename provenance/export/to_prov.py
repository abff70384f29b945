"""The ``prov-json``, ``prov-n`` and ``prov-xml`` exports: the claim graph in W3C PROV, written
by the ``prov`` package (``pip install 'provenance[prov]'``).

Mapping (namespaces ``document:``, ``claim:``, ``statement:``, ``actor:`` and the vocabulary
``pv:``, all ``urn:provenance:...`` URNs; ``pv:kind`` etc. carry what PROV has no term for):

* a **document** is an entity (``prov:type`` ``pv:Document`` and ``prov:Collection``) with its
  title, url, published date and source; ``wasAttributedTo`` its publishing outlet;
  ``hadMember`` each claim it carries.
* a **claim** is an entity (``pv:Claim``; ``prov:value`` its text, ``pv:start``/``pv:end`` its
  evidence span, ``pv:cue``, ``pv:status``) ``wasAttributedTo`` its speaker.
* the **sourcing chain** is a chain of quotations. Each relay hop is an entity
  ``statement:<claim>-via-<n>`` (what the n-th relay published, ``wasAttributedTo`` that
  relay) and the speaker's original statement is ``statement:<claim>-said`` (attributed to
  the speaker). The claim ``wasQuotedFrom`` the first relay's statement, each relay's statement
  ``wasQuotedFrom`` the next, and the last ``wasQuotedFrom`` the speaker's statement. The
  claim ``hadPrimarySource`` the speaker's statement. For "RIA reported, citing the Defence
  Ministry": document ``hadMember`` claim ``wasQuotedFrom`` RIA's statement ``wasQuotedFrom``
  the Ministry's statement.
* **speakers, relays and outlets** are agents (``prov:Person`` for people,
  ``prov:Organization`` otherwise) with their name as ``prov:label``; an **affiliation** is
  ``actedOnBehalfOf``.
* an ``updates`` link is ``wasRevisionOf`` (the updating claim is a revision of the updated
  one); ``corroborates``, ``conflicts`` and ``repeats`` are ``wasInfluencedBy`` with
  ``pv:relation``, since PROV has no terms for them.

All strings are attribute values, which each serialiser escapes (XML by lxml, PROV-N with
backslashes, JSON by json), so article text cannot change the structure.
"""

from __future__ import annotations

import re
from typing import Any

from provenance.errors import ExportError
from provenance.export.base import ExportFormat
from provenance.model import Actor, Claim, Dataset, Document

__all__ = ["FORMATS", "NAMESPACES", "to_prov_document"]

NAMESPACES = {
    "pv": "urn:provenance:ns#",
    "document": "urn:provenance:document:",
    "claim": "urn:provenance:claim:",
    "statement": "urn:provenance:statement:",
    "actor": "urn:provenance:actor:",
}

_LOCAL = re.compile(r"[^\w.-]", re.UNICODE)


def _local(rid: str) -> str:
    # Ids are hashes and slugs; one from a hand-edited file may hold anything. Percent-encode
    # what is not a name character so every id is a valid qualified name in XML and PROV-N.
    return _LOCAL.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), rid)


def _prov() -> Any:
    try:
        import prov.model
    except ImportError:
        raise ExportError(
            "the PROV formats need the prov package: pip install 'provenance[prov]'"
        ) from None
    return prov.model


def to_prov_document(ds: Dataset) -> Any:
    """The Dataset as a ``prov.model.ProvDocument`` (see the module docstring).

    Raises:
        ExportError: the ``prov`` package is not installed.
    """
    pm = _prov()
    d = pm.ProvDocument()
    for prefix, uri in NAMESPACES.items():
        d.add_namespace(prefix, uri)
    prov_type = pm.PROV_TYPE
    actors = ds.actor_index()
    agents: set[str] = set()

    def agent(aid: str) -> str:
        qn = f"actor:{_local(aid)}"
        if aid in agents:
            return qn
        agents.add(aid)
        actor: Actor | None = actors.get(aid)
        attrs: dict[Any, Any] = {"pv:id": aid}
        if actor is None:
            attrs["prov:label"] = aid
        else:
            kind = pm.PROV["Person"] if actor.kind == "person" else pm.PROV["Organization"]
            attrs.update({prov_type: kind, "prov:label": actor.name, "pv:kind": actor.kind})
            if actor.role:
                attrs["pv:role"] = actor.role
            if actor.country:
                attrs["pv:country"] = actor.country
        d.agent(qn, attrs)
        return qn

    for actor in sorted(ds.actors, key=lambda a: a.id):
        agent(actor.id)
    for actor in sorted(ds.actors, key=lambda a: a.id):
        if actor.affiliation:
            d.actedOnBehalfOf(agent(actor.id), agent(actor.affiliation))

    for doc in sorted(ds.documents, key=lambda x: x.id):
        _document(d, pm, doc, agent)
    for claim in sorted(ds.claims, key=lambda c: c.id):
        _claim(d, pm, claim, agent)

    for link in sorted(ds.links, key=lambda k: k.id):
        src, dst = f"claim:{_local(link.source)}", f"claim:{_local(link.target)}"
        attrs = {"pv:link": link.id, "pv:relation": link.relation, "pv:origin": link.origin}
        if link.note:
            attrs["pv:note"] = link.note
        if link.relation == "updates":
            d.wasRevisionOf(src, dst, other_attributes=attrs)
        else:
            d.wasInfluencedBy(src, dst, other_attributes=attrs)
    return d


def _document(d: Any, pm: Any, doc: Document, agent: Any) -> None:
    attrs: dict[Any, Any] = {
        pm.PROV_TYPE: pm.PROV["Collection"],
        "pv:recordType": "Document",
        "pv:id": doc.id,
        "pv:textHash": doc.text_hash,
    }
    for key, value in (("prov:label", doc.title or doc.source or doc.id), ("pv:url", doc.url),
                       ("pv:source", doc.source), ("pv:title", doc.title)):
        if value:
            attrs[key] = value
    if doc.published:
        attrs["pv:published"] = doc.published.isoformat()
    qn = f"document:{_local(doc.id)}"
    d.entity(qn, attrs)
    if doc.outlet:
        d.wasAttributedTo(qn, agent(doc.outlet))


def _claim(d: Any, pm: Any, claim: Claim, agent: Any) -> None:
    qn = f"claim:{_local(claim.id)}"
    attrs: dict[Any, Any] = {
        "pv:recordType": "Claim",
        "pv:id": claim.id,
        "prov:value": claim.text,
        "pv:start": claim.span[0],
        "pv:end": claim.span[1],
        "pv:status": claim.status,
        "pv:hedged": claim.hedged,
    }
    for key, value in (("pv:cue", claim.cue), ("pv:channel", claim.channel),
                       ("pv:hedge", claim.hedge), ("pv:rule", claim.rule)):
        if value:
            attrs[key] = value
    d.entity(qn, attrs)
    d.hadMember(f"document:{_local(claim.document)}", qn)
    if claim.speaker:
        d.wasAttributedTo(qn, agent(claim.speaker))
    # The quotation chain: claim <- relay 1 <- ... <- relay n <- the speaker's statement.
    previous = qn
    for hop, relay in enumerate(claim.via, 1):
        statement = f"statement:{_local(claim.id)}-via-{hop}"
        d.entity(statement, {"pv:recordType": "Relay", "pv:hop": hop, "prov:value": claim.text})
        d.wasAttributedTo(statement, agent(relay))
        d.wasQuotedFrom(previous, statement)
        previous = statement
    if claim.speaker:
        said = f"statement:{_local(claim.id)}-said"
        d.entity(said, {"pv:recordType": "Statement", "prov:value": claim.text})
        d.wasAttributedTo(said, agent(claim.speaker))
        d.wasQuotedFrom(previous, said)
        d.hadPrimarySource(qn, said)


def _render(fmt: str) -> Any:
    def render(ds: Dataset) -> str:
        doc = to_prov_document(ds)
        if fmt == "provn":
            text: str = doc.get_provn()
        elif fmt == "json":
            text = doc.serialize(format="json", indent=1)
        else:
            text = doc.serialize(format="xml")
        return text if text.endswith("\n") else text + "\n"

    return render


FORMATS = (
    ExportFormat(
        name="prov-json",
        help="W3C PROV-JSON: documents and claims as entities, sources as agents, quotations.",
        suffix=".json",
        render=_render("json"),
    ),
    ExportFormat(
        name="prov-n",
        help="W3C PROV-N (human-readable PROV notation) of the claim graph.",
        suffix=".provn",
        render=_render("provn"),
    ),
    ExportFormat(
        name="prov-xml",
        help="W3C PROV-XML of the claim graph.",
        suffix=".xml",
        render=_render("xml"),
    ),
)
