"""The ``html`` export and the ``provenance report`` command: one self-contained HTML file, a
citation-trail report that works offline.

For every claim it shows the sourcing chain as an interactive graph (pan with the mouse, zoom
with the wheel or the buttons, click or press Enter on a node to see its evidence quote in
context), the claim's status and how many independent sources stand behind it
(:func:`provenance.analysis.independence.assess`), its current verdict, and the corroborating,
conflicting, repeating and updating claims; and a table of all claims with filters (speaker,
status, text search). A claim can be linked to as ``report.html#claim=<id>``.

Nothing is fetched: the script and style are inlined from ``provenance/data/report.js`` and
``report.css`` (a small SVG graph written for this report, no third-party library), and a
Content-Security-Policy allows only those two inline blocks (by hash) and no network access.

Article text is untrusted. The data is embedded as JSON inside
``<script type="application/json">`` with ``<``, ``>``, ``&`` and U+2028/2029 escaped
(:func:`provenance.export.safe.script_json`), the script renders it with ``textContent`` and
``createElement`` only (never ``innerHTML``), and only http(s) URLs become links. The few
strings written into the HTML itself (the title) are HTML-escaped.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from provenance.export.base import ExportFormat
from provenance.export.safe import is_web_url, script_json
from provenance.export.to_claimreview import current_verdicts
from provenance.model import Actor, Claim, Dataset, Document, Verdict

__all__ = ["FORMAT", "render", "render_report", "report_data"]

CONTEXT_CHARS = 240
"""Characters of article text shown before and after an evidence quote."""

ASSESS_LIMIT = 5000
"""Above this many claims the report shows the stored status instead of assessing each claim
again (the store keeps statuses current on every ingest; the assessment adds the count of
independent sources and the source groups)."""

_SECTIONS = ("corroborated_by", "conflicts_with", "repeated_by", "repeats", "updated_by", "updates")


def _asset(name: str) -> str:
    return (resources.files("provenance") / "data" / name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render(ds: Dataset) -> str:
    """The report of every claim of ``ds`` as one HTML page."""
    return render_report(ds)


def render_report(
    ds: Dataset,
    *,
    focus: Sequence[str] | None = None,
    title: str | None = None,
    registry: Sequence[Actor] | None = None,
) -> str:
    """The report as one self-contained HTML page.

    Args:
        ds: the claims and everything they refer to (a store's dataset or neighbourhood).
        focus: claim ids listed in the table; None lists every claim. Linked claims outside
            the focus are still shown in the graphs and details.
        title: the page title.
        registry: registry actors for the independence assessment (None: the shipped one).
    """
    data = report_data(ds, focus=focus, title=title, registry=registry)
    script = _asset("report.js")
    style = _asset("report.css")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(script)}; style-src {_csp_hash(style)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    page_title = html.escape(data["title"], quote=True)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{page_title}</title>\n"
        f"<style>{style}</style>\n"
        "</head>\n<body>\n"
        '<noscript><p class="noscript">This report needs JavaScript to draw the claims.</p>'
        "</noscript>\n"
        '<div id="app"></div>\n'
        f'<script type="application/json" id="report-data">{script_json(data)}</script>\n'
        f"<script>{script}</script>\n"
        "</body>\n</html>\n"
    )


# --------------------------------------------------------------------------- data


def report_data(
    ds: Dataset,
    *,
    focus: Sequence[str] | None = None,
    title: str | None = None,
    registry: Sequence[Actor] | None = None,
) -> dict[str, Any]:
    """What the report's script draws, as JSON-ready values (see ``report.js``)."""
    from provenance.analysis.trace import Tracer

    tracer = Tracer(ds)
    actors = ds.actor_index()
    docs = ds.document_index()
    verdicts = current_verdicts(ds.verdicts)
    claims = {c.id: c for c in ds.claims}
    listed = [cid for cid in focus if cid in claims] if focus is not None else sorted(claims)
    # Every claim a listed one links to is drawn too: include it (not listed in the table).
    shown: dict[str, bool] = {cid: True for cid in listed}
    for link in ds.links:
        for a, b in ((link.source, link.target), (link.target, link.source)):
            if a in shown and shown[a] and b in claims:
                shown.setdefault(b, False)
    assessments = _assess(ds, list(shown), registry)
    items = []
    for cid, is_listed in shown.items():
        items.append(
            _claim_item(
                claims[cid],
                is_listed,
                tracer,
                actors,
                docs,
                verdicts.get(cid),
                assessments.get(cid),
            )
        )
    items.sort(key=lambda i: (i["published"] or "9999", i["document"], i["start"], i["id"]))
    return {
        "format": "provenance-report/1",
        "title": title or "Citation trail report",
        "assessed": bool(assessments),
        "counts": {
            "claims": len(listed),
            "documents": len({claims[c].document for c in listed}),
            "actors": len(actors),
        },
        "claims": items,
    }


def _assess(
    ds: Dataset, claim_ids: Sequence[str], registry: Sequence[Actor] | None
) -> dict[str, dict[str, Any]]:
    if len(ds.claims) > ASSESS_LIMIT:
        return {}
    try:
        from provenance.analysis.independence import assess
    except ImportError:  # an older analysis package: the stored status is shown
        return {}
    out: dict[str, dict[str, Any]] = {}
    for cid in claim_ids:
        a = assess(cid, ds, registry=registry)
        out[cid] = {
            "status": a.status,
            "independent": a.independent_sources,
            "groups": [
                {
                    "name": g.name,
                    "members": g.member_names,
                    "independent": g.independent,
                    "why": g.why,
                }
                for g in a.source_groups
            ],
            "circular": a.circular,
            "reasons": a.reasons,
        }
    return out


def _claim_item(
    claim: Claim,
    listed: bool,
    tracer: Any,
    actors: Mapping[str, Actor],
    docs: Mapping[str, Document],
    verdict: Verdict | None,
    assessment: Mapping[str, Any] | None,
) -> dict[str, Any]:
    t = tracer.trace(claim.id)
    doc = docs.get(claim.document)
    hops = [_hop(h.model_dump(mode="json")) for h in t.chain]
    quote_start = t.chain[0].evidence.span[0] if t.chain else claim.span[0]
    quote = t.chain[0].evidence.quote if t.chain else claim.text
    before = after = ""
    if doc is not None:
        quote_end = quote_start + len(quote)
        before = _trim_start(doc.text[max(0, quote_start - CONTEXT_CHARS) : quote_start])
        after = _trim_end(doc.text[quote_end : quote_end + CONTEXT_CHARS])
    speaker = actors.get(claim.speaker) if claim.speaker else None
    linked = []
    for section in _SECTIONS:
        for item in getattr(t, section):
            linked.append(
                {
                    "section": section,
                    "claim": item.claim["id"],
                    "relation": item.relation,
                    "origin": item.origin,
                    "note": item.note,
                }
            )
    outlet = actors.get(doc.outlet) if doc is not None and doc.outlet else None
    return {
        "id": claim.id,
        "listed": listed,
        "text": claim.text,
        "speaker": (speaker.name if speaker else claim.speaker) or "",
        "speaker_kind": speaker.kind if speaker else None,
        "via": [actors[v].name if v in actors else v for v in claim.via],
        "unattributed": claim.unattributed,
        "hedged": claim.hedged,
        "hedge": claim.hedge,
        "cue": claim.cue,
        "channel": claim.channel,
        "why": claim.why,
        "document": claim.document,
        "document_name": (doc.title or doc.source or doc.id) if doc else claim.document,
        "outlet": outlet.name if outlet else (doc.outlet if doc else None),
        "url": doc.url if doc is not None and is_web_url(doc.url) else None,
        "published": doc.published.isoformat() if doc is not None and doc.published else None,
        "start": claim.span[0],
        "stored_status": claim.status,
        "status": assessment["status"] if assessment else claim.status,
        "assessment": assessment,
        "verdict": _verdict(verdict),
        "evidence": {
            "before": before,
            "quote": quote,
            "after": after,
            "claim": [claim.span[0] - quote_start, claim.span[1] - quote_start],
        },
        "chain": hops,
        "linked": linked,
    }


def _hop(hop: Mapping[str, Any]) -> dict[str, Any]:
    ev = hop["evidence"]
    mention = None
    if ev.get("mention_span"):
        start = ev["mention_span"][0] - ev["span"][0]
        mention = [start, start + len(ev["mention"] or "")]
    return {
        "kind": hop["kind"],
        "name": hop["name"],
        "actor": hop["actor"],
        "actor_kind": hop.get("actor_kind"),
        "role": hop.get("role"),
        "affiliation": hop.get("affiliation"),
        "title": hop.get("title"),
        "source": hop.get("source"),
        "url": hop["url"] if is_web_url(hop.get("url")) else None,
        "published": hop.get("published"),
        "mention": mention,
    }


def _verdict(v: Verdict | None) -> dict[str, Any] | None:
    if v is None:
        return None
    return {
        "rating": v.rating,
        "label": v.rating.replace("_", " ").capitalize(),
        "explanation": v.explanation,
        "by": v.by,
        "at": v.at.isoformat(timespec="minutes"),
        # A published fact-check imported from ClaimReview: shown as "already checked by".
        "checked": v.origin == "claimreview",
        "url": v.url if is_web_url(v.url) else None,
    }


def _trim_start(text: str) -> str:
    # Start the context at a word boundary, marked with an ellipsis when cut.
    if not text:
        return text
    cut = text.find(" ")
    return "… " + text[cut + 1 :] if cut > 0 and len(text) >= CONTEXT_CHARS else text


def _trim_end(text: str) -> str:
    if not text:
        return text
    cut = text.rfind(" ")
    return text[:cut] + " …" if cut > 0 and len(text) >= CONTEXT_CHARS else text


FORMAT = ExportFormat(
    name="html",
    help="A self-contained, offline HTML report: each claim's chain as a graph, with evidence.",
    suffix=".html",
    render=render,
)
