"""Rich renderings of query results. Article text is untrusted: never interpreted as markup."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from provenance.model import Claim, Dataset, Verdict
from provenance.store import IngestReport


def _short(text: str, size: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def ingest_report(console: Console, report: IngestReport, db_path: str) -> None:
    """One summary line per kind of record."""
    r = report
    console.print(
        f"{db_path}: {r.documents_new} new document(s) ({r.documents_seen} already stored), "
        f"{r.claims_new} new claim(s), {r.claims_updated} updated, {r.claims_kept} unchanged, "
        f"{r.actors_new} new actor(s), {r.links_new} new link(s)",
        highlight=False,
        markup=False,
    )


def claims_table(console: Console, ds: Dataset, claims: Sequence[Claim], *, title: str) -> None:
    """A table of claims: id, speaker, chain, cue and text."""
    actors = ds.actor_index()
    docs = ds.document_index()
    table = Table(title=title, show_lines=False, expand=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("speaker")
    table.add_column("via")
    table.add_column("cue")
    table.add_column("claim")
    table.add_column("document", overflow="fold")
    for c in claims:
        speaker = actors[c.speaker].name if c.speaker in actors else (c.speaker or "(unattributed)")
        via = " > ".join(actors[v].name if v in actors else v for v in c.via)
        doc = docs.get(c.document)
        flags = " [hedged]" if c.hedged else ""
        table.add_row(
            c.id[:8],
            Text(speaker),
            Text(via),
            Text((c.cue or "") + flags),
            Text(_short(c.text)),
            Text((doc.source or doc.id) if doc else c.document),
        )
    console.print(table)


def _context(text: str, start: int, end: int, size: int = 160) -> Text:
    """The evidence span highlighted inside its surrounding text."""
    left = max(0, start - size)
    right = min(len(text), end + size)
    out = Text("…" if left else "")
    out.append(text[left:start])
    out.append(text[start:end], style="bold yellow")
    out.append(text[end:right])
    if right < len(text):
        out.append("…")
    return out


def claim_detail(
    console: Console,
    ds: Dataset,
    claim_id: str,
    appearances: Callable[[str], list[dict[str, str]]],
) -> None:
    """Everything a fact-checker needs to audit one claim."""
    claim = next(c for c in ds.claims if c.id == claim_id)
    actors = ds.actor_index()
    doc = ds.document_index()[claim.document]
    speaker = actors.get(claim.speaker or "")
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    table.add_row("claim", Text(claim.id))
    table.add_row("text", Text(claim.text))
    if speaker is not None:
        desc = speaker.name + (f" ({speaker.role})" if speaker.role else "")
        if speaker.affiliation:
            aff = actors.get(speaker.affiliation)
            desc += f", for {aff.name if aff else speaker.affiliation}"
        table.add_row("speaker", Text(f"{desc} [{speaker.kind}]"))
    else:
        table.add_row("speaker", Text("(unattributed: the publishing outlet's own statement)"))
    if claim.via:
        table.add_row(
            "via", Text(" > ".join(actors[v].name if v in actors else v for v in claim.via))
        )
    table.add_row("cue", Text(claim.cue or "-"))
    if claim.channel:
        table.add_row("channel", Text(claim.channel))
    table.add_row("hedged", Text(f"yes ({claim.hedge})" if claim.hedged else "no"))
    if claim.quantities:
        table.add_row("quantities", Text(", ".join(q.text for q in claim.quantities)))
    table.add_row("status", Text(claim.status))
    table.add_row("rule", Text(claim.rule or "-"))
    if claim.why:
        table.add_row("why", Text(claim.why))
    table.add_row("document", Text(f"{doc.id}  {doc.title or ''}".strip()))
    for app in appearances(doc.id):
        table.add_row("", Text(app["source"] or app["url"]))
    if doc.published:
        table.add_row("published", Text(doc.published.isoformat()))
    table.add_row("span", Text(f"{claim.span[0]}-{claim.span[1]}"))
    for i, verdict in enumerate(v for v in ds.verdicts if v.claim == claim.id):
        table.add_row("verdicts" if i == 0 else "", Text(verdict_text(verdict)))
    console.print(table)
    console.print(_context(doc.text, *claim.span))


def verdict_text(verdict: Verdict) -> str:
    """One verdict on one line: a published fact-check reads "already checked by" its author."""
    label = verdict.rating.replace("_", " ").capitalize()
    day = verdict.at.date().isoformat()
    if verdict.origin == "claimreview":
        text = f"{label}: already checked by {verdict.by or 'a fact-checker'} on {day}"
    else:
        text = f"{label}: rated by {verdict.by or 'unknown'} on {day}"
    if verdict.explanation:
        text += f" ({_short(verdict.explanation, 200)})"
    if verdict.url:
        text += f" {verdict.url}"
    return text


def _hop_label(hop: dict[str, Any], *, with_quote: bool) -> Text:
    label = Text()
    label.append(str(hop.get("name") or hop.get("actor") or "?"), style="bold")
    kind = hop.get("kind")
    if kind:
        label.append(f"  [{kind}]", style="dim")
    for key in ("role", "affiliation"):
        value = hop.get(key)
        if value:
            label.append(f"  {value}", style="italic")
    evidence = hop.get("evidence") or {}
    if with_quote and evidence.get("quote"):
        label.append(f"\n“{_short(str(evidence['quote']), 300)}”", style="green")
    elif evidence.get("mention"):
        # The quote is shown once, on the document hop; each actor hop shows its own words.
        label.append(f"  named as “{evidence['mention']}”", style="green")
    return label


def _chain(parent: Tree, chain: list[dict[str, Any]]) -> None:
    node = parent
    shown: set[str] = set()
    for hop in chain:
        quote = str((hop.get("evidence") or {}).get("quote") or "")
        node = node.add(_hop_label(hop, with_quote=quote not in shown))
        shown.add(quote)


def trace_tree(console: Console, result: Any) -> None:
    """The sourcing chain as a tree, then linked claims with their own chains."""
    data: dict[str, Any] = result.model_dump(mode="json")
    claim = data["claim"]
    root = Tree(Text(f"{claim['id'][:8]}  “{_short(claim['text'], 160)}”", style="bold cyan"))
    _chain(root, data.get("chain", []))
    console.print(root)
    for key in ("independent_sources", "status"):
        if key in data:
            console.print(Text(f"{key.replace('_', ' ')}: {data[key]}"))
    if data.get("primary_sources"):
        names = [p.get("name", p) if isinstance(p, dict) else p for p in data["primary_sources"]]
        console.print(Text("primary source(s): " + ", ".join(map(str, names))))
    for key, title in (
        ("corroborated_by", "Corroborated by"),
        ("conflicts_with", "Conflicts with"),
        ("repeated_by", "Repeated by"),
        ("updates", "Updates"),
        ("updated_by", "Updated by"),
    ):
        items = data.get(key) or []
        if not items:
            continue
        tree = Tree(Text(title, style="bold"))
        for item in items:
            other = item.get("claim", {})
            label = Text(f"{str(other.get('id', ''))[:8]}  “{_short(str(other.get('text', '')))}”")
            if item.get("note"):
                label.append(f"\n{item['note']}", style="dim")
            _chain(tree.add(label), item.get("chain", []))
        console.print(tree)


def speakers_table(console: Console, rows: list[dict[str, Any]]) -> None:
    """Actors with kind, role, affiliation and counts."""
    table = Table(title=f"{len(rows)} actors")
    for col in ("id", "name", "kind", "role", "affiliation", "claims", "relayed"):
        table.add_column(col, justify="right" if col in ("claims", "relayed") else "left")
    for r in rows:
        aff = r["affiliation"]["name"] if r["affiliation"] else ""
        table.add_row(
            Text(r["id"]),
            Text(r["name"]),
            r["kind"],
            Text(r["role"] or ""),
            Text(aff),
            str(r["claims"]),
            str(r["relayed"]),
        )
    console.print(table)


__all__ = [
    "claim_detail",
    "claims_table",
    "escape",
    "ingest_report",
    "speakers_table",
    "trace_tree",
]
