"""The ``markdown`` export: a citation trail to paste into a fact-check write-up.

For every attributed claim, grouped by document (earliest publication first) and in the order
of the text: the claim quoted, who said it (role, affiliation), the sourcing chain
"Document → RIA → Russian Ministry of Defence" with each hop and the words naming it, the
evidence quote, and the corroborating, conflicting, repeating and updating claims. Documents
are cited as footnotes (``[^1]``) with title, outlet, published date, URL and source path.

Everything taken from an article or a claims file (text, names, titles, paths, notes) is
untrusted and escaped (:func:`escape`), so it can neither inject HTML nor change the layout.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from provenance.export.base import ExportFormat
from provenance.model import Dataset, Document

__all__ = ["FORMAT", "escape", "render"]

# ASCII punctuation with a meaning somewhere in CommonMark or GitHub Markdown: emphasis, code,
# links, HTML, tables, headings, strikethrough, math, entities. Backslash-escaping any ASCII
# punctuation is always valid, so escaping too much is harmless.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&$])")
# At the start of a line these open a block (list, quote, heading, rule): escape them there.
_BLOCK_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")

_LINKED = (
    ("corroborated_by", "Corroborated by"),
    ("conflicts_with", "Conflicts with"),
    ("repeated_by", "Repeated by"),
    ("repeats", "Repeats"),
    ("updated_by", "Updated by"),
    ("updates", "Updates"),
)


def escape(text: str) -> str:
    """Untrusted text as inline Markdown that shows exactly that text.

    Line breaks become spaces (one claim, one line), Markdown punctuation is backslash-escaped
    and a leading list, quote, heading or rule marker is neutralised.
    """
    flat = " ".join(text.split())
    out = _SPECIAL.sub(r"\\\1", flat)
    return _BLOCK_START.sub(lambda m: m.group(1) + _escape_start(m.group(2)), out)


def _escape_start(marker: str) -> str:
    # "1." becomes "1\." (the dot is what makes a list), "-" becomes "\-".
    return marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker


def _code(ident: str) -> str:
    # Ids are hashes and slugs, shown as code; an id from a hand-edited file may be anything,
    # and a backtick in it would end the code span, so such ids are escaped text instead.
    return f"`{ident}`" if re.fullmatch(r"[\w.:-]+", ident) else escape(ident)


def _url(url: str) -> str:
    # Only plain http(s) URLs become links; anything else ("javascript:...") is shown as text.
    if re.fullmatch(r"https?://[^\s<>\"'`\\]+", url):
        return f"<{url}>"
    return escape(url)


def render(ds: Dataset) -> str:
    """The citation trail of ``ds`` as Markdown text."""
    return "\n".join(_Trail(ds).lines()) + "\n"


class _Trail:
    """One rendering pass: documents are numbered as footnotes in the order they appear."""

    def __init__(self, ds: Dataset) -> None:
        from provenance.analysis.trace import Tracer

        self.ds = ds
        self.tracer = Tracer(ds)
        self.docs = ds.document_index()
        ordered = sorted(ds.documents, key=_doc_order)
        self.note = {d.id: n for n, d in enumerate(ordered, 1)}
        self.ordered = ordered

    def ref(self, did: str) -> str:
        n = self.note.get(did)
        return f"[^{n}]" if n is not None else f" (document {_code(did)})"

    def lines(self) -> Iterator[str]:
        by_doc: dict[str, list[str]] = defaultdict(list)
        for claim in sorted(self.ds.claims, key=lambda c: (c.document, c.span[0], c.id)):
            if claim.speaker is not None:
                by_doc[claim.document].append(claim.id)
        total = sum(len(v) for v in by_doc.values())
        yield "# Citation trail"
        yield ""
        yield f"{total} attributed claim(s) from {len(by_doc)} document(s)."
        number = 0
        for doc in self.ordered:
            if doc.id not in by_doc:
                continue
            yield ""
            yield f"## {escape(_doc_name(doc))}{self.ref(doc.id)}"
            for cid in by_doc[doc.id]:
                number += 1
                yield ""
                yield from self.claim(number, cid)
        if self.ordered:
            yield ""
            yield "## Documents"
            yield ""
            yield from (self.reference(doc) for doc in self.ordered)

    def claim(self, number: int, cid: str) -> Iterator[str]:
        t = self.tracer.trace(cid).model_dump(mode="json")
        c = t["claim"]
        yield f"### {number}. Claim {_code(c['id'])}"
        yield ""
        yield f"> “{escape(c['text'])}”"
        yield ""
        if t["chain"] and t["chain"][-1]["kind"] == "primary":
            yield f"- **Said by:** {_who(t['chain'][-1])}"
        if c.get("cue"):
            cue = f"- **Cue:** “{escape(c['cue'])}”"
            if c.get("channel"):
                cue += f" (on {escape(c['channel'])})"
            yield cue
        if c.get("hedged"):
            yield f"- **Hedged:** “{escape(c['hedge'])}”" if c.get("hedge") else "- **Hedged:** yes"
        yield f"- **Chain:** {self.chain_line(t['chain'])}"
        yield ""
        yield from self.hops(t["chain"])
        for key, title in _LINKED:
            if t.get(key):
                yield ""
                yield f"**{title}:**"
                yield ""
                yield from (self.linked(item) for item in t[key])

    def chain_line(self, chain: list[dict[str, Any]]) -> str:
        parts = []
        for hop in chain:
            if hop["kind"] == "document":
                parts.append(f"Document{self.ref(hop['actor'])}")
            else:
                parts.append(escape(hop["name"]))
        return " → ".join(parts)

    def hops(self, chain: list[dict[str, Any]]) -> Iterator[str]:
        label = {"document": "document", "outlet": "outlet", "relay": "relay"}
        label["primary"] = "primary source"
        for n, hop in enumerate(chain, 1):
            ev = hop["evidence"]
            if hop["kind"] == "document":
                line = f"{n}. **Document**{self.ref(hop['actor'])}"
                if hop.get("published"):
                    line += f", published {escape(hop['published'])}"
            else:
                line = f"{n}. **{escape(hop['name'])}**, {label[hop['kind']]}"
                details = [escape(str(hop[k])) for k in ("role", "affiliation") if hop.get(k)]
                if details:
                    line += f" ({'; '.join(details)})"
                if ev.get("mention"):
                    line += f", named as “{escape(ev['mention'])}”"
            yield line
        # Every hop of one claim is evidenced by the same sentence(s): quote them once.
        if chain:
            ev = chain[0]["evidence"]
            start, end = ev["span"]
            yield ""
            yield f"> {escape(ev['quote'])}"
            yield ">"
            yield f"> — evidence, characters {start}–{end} of {self.ref(ev['document'])}"

    def linked(self, item: Mapping[str, Any]) -> str:
        other = item["claim"]
        chain = self.chain_line(item["chain"])
        line = f"- “{escape(other['text'])}” {_code(other['id'])} — {chain}"
        if item.get("note"):
            line += f" ({escape(item['note'])})"
        return line

    def reference(self, doc: Document) -> str:
        parts = [f"*{escape(doc.title)}*" if doc.title else escape(_doc_name(doc))]
        if doc.outlet:
            actor = self.tracer.actors.get(doc.outlet)
            parts.append(escape(actor.name if actor else doc.outlet))
        if doc.published:
            parts.append(f"published {doc.published.isoformat()}")
        if doc.url:
            parts.append(_url(doc.url))
        if doc.source:
            parts.append(f"source {escape(doc.source)}")
        parts.append(f"document {_code(doc.id)}")
        return f"[^{self.note[doc.id]}]: " + ", ".join(parts) + "."


def _who(hop: Mapping[str, Any]) -> str:
    out = f"**{escape(hop['name'])}**"
    details = [escape(str(hop[k])) for k in ("role", "affiliation") if hop.get(k)]
    return out + (f" ({'; '.join(details)})" if details else "")


def _doc_name(doc: Document) -> str:
    return doc.title or doc.source or doc.id


def _doc_order(doc: Document) -> tuple[str, str, str]:
    return (doc.published.isoformat() if doc.published else "9999", _doc_name(doc), doc.id)


FORMAT = ExportFormat(
    name="markdown",
    help="A citation trail to paste into a write-up: each claim, its chain and evidence.",
    suffix=".md",
    render=render,
)
