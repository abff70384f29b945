"""Scoring the extractor against hand-made gold annotations (``provenance-gold/1`` files).

A typed reimplementation of ``../shared/eval/score.py`` with the same rules, so that
``provenance eval`` prints exactly the figures of the reference scorer:

* a gold document is paired with the predicted document whose ``source`` has the same file name
  (or, failing that, the same id);
* claims match one to one, greedily by decreasing Dice coefficient of their spans, when the
  coefficient is at least 0.5; only predicted claims with a speaker count;
* gold claims marked ``optional`` neither help nor hurt;
* a speaker is right when one normalised name contains the other as whole words (never a bare
  pronoun); a relay chain is right when it has the same length and each relay names the gold one;
* links count when both ends match gold claims; links between documents a gold file declares
  unrelated (``not_linked_with``) are counted as cross-event errors.

:func:`score` works on plain JSON-like dicts (a gold file and a prediction export);
:func:`evaluate_gold_files` runs the extractor on each gold file's article and scores it;
:func:`format_report` prints the reference scorer's report.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any

from pydantic import BaseModel, Field

from provenance.errors import InputError
from provenance.importers.frontmatter import split_front_matter
from provenance.model import Dataset, Link

__all__ = [
    "DICE_MIN",
    "DocumentRow",
    "EvalResult",
    "dice",
    "evaluate_gold_files",
    "find_article",
    "format_report",
    "prediction_of",
    "same_actor",
    "score",
]

DICE_MIN = 0.5
"""Least Dice coefficient of two spans for the claims to match."""

PRONOUNS = frozenset(
    {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "its", "their"}
)

Json = dict[str, Any]


class DocumentRow(BaseModel):
    """Figures of one gold document."""

    gold: int = 0
    pred: int = 0
    matched: int = 0
    speaker_ok: int = 0
    misses: list[str] = Field(default_factory=list)
    wrong_speaker: list[tuple[str, str | None]] = Field(default_factory=list)
    spurious: list[str | list[int]] = Field(default_factory=list)
    via_gold: int = 0
    via_ok: int = 0
    via_spurious: int = 0
    found: bool = False


class EvalResult(BaseModel):
    """Per-document rows and overall figures, as ``score.py --json`` reports them."""

    documents: dict[str, DocumentRow] = Field(default_factory=dict)
    claim_p: float = 0.0
    claim_r: float = 0.0
    claim_f1: float = 0.0
    e2e_p: float = 0.0
    e2e_r: float = 0.0
    e2e_f1: float = 0.0
    speaker_acc: float = 0.0
    via_acc: float | None = None
    via_spurious: int = 0
    link_p: float | None = None
    link_r: float | None = None
    link_f1: float | None = None
    cross_event_links: int = 0


# --------------------------------------------------------------------------- names and spans


def norm(name: str | None) -> str:
    """Comparison form of a name, exactly as the reference scorer computes it."""
    s = unicodedata.normalize("NFKC", name or "").replace("’", "'").lower()
    s = re.sub(r"[^\w@' ]+", " ", s)
    s = re.sub(r"^(the|mr|mrs|ms|dr)\s+", "", s.strip())
    return re.sub(r"\s+", " ", s).strip()


def _names_of(actor: Mapping[str, Any]) -> set[str]:
    return {norm(actor["name"])} | {norm(a) for a in actor.get("aliases", [])}


def _contains(longer: str, shorter: str) -> bool:
    """``shorter`` stands in ``longer`` as whole words (and is not a pronoun or too short)."""
    return (
        len(shorter) > 3
        and shorter not in PRONOUNS
        and re.search(rf"(^| ){re.escape(shorter)}( |$)", longer) is not None
    )


def same_actor(pred_name: str | None, actor: Mapping[str, Any]) -> bool:
    """Does a predicted speaker name denote the gold actor? A bare pronoun never does."""
    p = norm(pred_name)
    if not p or p in PRONOUNS:
        return False
    return any(p == n or _contains(p, n) or _contains(n, p) for n in _names_of(actor))


def _name_of(x: Any) -> str | None:
    if x is None:
        return None
    return x.get("name") if isinstance(x, dict) else str(x)


def dice(a: Sequence[int], b: Sequence[int]) -> float:
    """Dice coefficient of two character ranges."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return 2 * inter / ((a[1] - a[0]) + (b[1] - b[0]) or 1)


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --------------------------------------------------------------------------- scoring


def _match_document(gold: Mapping[str, Any], pred_docs: Sequence[Mapping[str, Any]]) -> Any:
    want = PurePath(str(gold["document"]["source_file"])).name
    for d in pred_docs:
        for key in ("source", "path", "source_file", "file", "url"):
            if d.get(key) and PurePath(str(d[key])).name == want:
                return d["id"]
    for d in pred_docs:  # a claims file ingested as such keeps the gold's own id
        if d.get("id") == gold["document"]["id"]:
            return d["id"]
    return None


def _split_pred(pred: Mapping[str, Any]) -> tuple[list[Json], list[Json], list[Json]]:
    """Documents, claims and links of a prediction (an export or a single-document extraction)."""
    if "document" in pred and "documents" not in pred:
        doc = dict(pred["document"])
        claims = [
            dict(c, document=c.get("document", doc.get("id"))) for c in pred.get("claims", [])
        ]
        return [doc], claims, list(pred.get("links", []))
    return (
        list(pred.get("documents", [])),
        list(pred.get("claims", [])),
        list(pred.get("links", [])),
    )


def score(golds: Sequence[Mapping[str, Any]], pred: Mapping[str, Any]) -> EvalResult:
    """Score a prediction against gold files, with the rules of the reference scorer.

    Args:
        golds: parsed ``provenance-gold/1`` files.
        pred: a prediction: ``{"documents": [...], "claims": [...], "links": [...]}`` (claims'
            ``speaker`` and ``via`` entries are ``{"name": ...}`` or plain strings).

    Returns:
        The per-document rows and overall figures.
    """
    pred_docs, pred_claims, pred_links = _split_pred(pred)
    tot = dict(gold=0, pred=0, matched=0, speaker_ok=0, via_gold=0, via_ok=0, via_spurious=0)
    gold_of_pred: dict[Any, tuple[str, str]] = {}
    result = EvalResult()
    for g in golds:
        gid = g["document"]["id"]
        actors = g["actors"]
        pdoc = _match_document(g, pred_docs)
        preds = [
            c
            for c in pred_claims
            if pdoc is not None
            and c.get("document") == pdoc
            and _name_of(c.get("speaker"))
            and c.get("span")
        ]
        gclaims = list(g["claims"])
        required = [c for c in gclaims if not c["optional"]]
        pairs = sorted(
            (
                (dice(gc["span"], pc["span"]), i, j)
                for i, gc in enumerate(gclaims)
                for j, pc in enumerate(preds)
            ),
            reverse=True,
        )
        used_g: set[int] = set()
        used_p: set[int] = set()
        matched: list[tuple[Json, Json]] = []
        for d, i, j in pairs:
            if d < DICE_MIN:
                break
            if i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            matched.append((gclaims[i], preds[j]))
            gold_of_pred[preds[j]["id"]] = (gid, gclaims[i]["id"])
        n_opt_matched = sum(1 for gc, _ in matched if gc["optional"])
        m = [(gc, pc) for gc, pc in matched if not gc["optional"]]
        matched_ids = {gc["id"] for gc, _ in m}
        row = DocumentRow(gold=len(required), pred=len(preds) - n_opt_matched, matched=len(m))
        row.speaker_ok = sum(
            same_actor(_name_of(pc["speaker"]), actors[gc["speaker"]]) for gc, pc in m
        )
        row.misses = [gc["id"] for gc in required if gc["id"] not in matched_ids]
        row.wrong_speaker = [
            (gc["id"], _name_of(pc["speaker"]))
            for gc, pc in m
            if not same_actor(_name_of(pc["speaker"]), actors[gc["speaker"]])
        ]
        row.spurious = [
            str(pc.get("text", ""))[:60] or list(pc["span"])
            for j, pc in enumerate(preds)
            if j not in used_p
        ]
        for gc, pc in m:
            pv = [_name_of(v) for v in pc.get("via") or []]
            if gc["via"]:
                row.via_gold += 1
                row.via_ok += len(pv) == len(gc["via"]) and all(
                    same_actor(p, actors[v]) for p, v in zip(pv, gc["via"], strict=False)
                )
            elif pv:
                row.via_spurious += 1
        row.found = pdoc is not None
        result.documents[gid] = row
        for k in tot:
            tot[k] += getattr(row, k)

    result.claim_p, result.claim_r, result.claim_f1 = _prf(tot["matched"], tot["pred"], tot["gold"])
    result.e2e_p, result.e2e_r, result.e2e_f1 = _prf(tot["speaker_ok"], tot["pred"], tot["gold"])
    result.speaker_acc = tot["speaker_ok"] / tot["matched"] if tot["matched"] else 0.0
    result.via_acc = tot["via_ok"] / tot["via_gold"] if tot["via_gold"] else None
    result.via_spurious = tot["via_spurious"]

    # Links: gold pairs are unordered; the relation must agree.
    gold_links = {
        (
            frozenset({(g["document"]["id"], ln["source"]), (g["document"]["id"], ln["target"])}),
            ln["relation"],
        )
        for g in golds
        for ln in g.get("links", [])
    }
    separate = {
        (g["document"]["id"], g["not_linked_with"]["document"])
        for g in golds
        if g.get("not_linked_with")
    }
    pred_set: set[tuple[frozenset[tuple[str, str]], Any]] = set()
    cross_event = 0
    for ln in pred_links:
        a, b = gold_of_pred.get(ln.get("source")), gold_of_pred.get(ln.get("target"))
        if a and b:
            pred_set.add((frozenset({a, b}), ln.get("relation")))
            if (a[0], b[0]) in separate or (b[0], a[0]) in separate:
                cross_event += 1
    if gold_links:
        tp = len(gold_links & pred_set)
        result.link_p, result.link_r, result.link_f1 = _prf(tp, len(pred_set), len(gold_links))
    result.cross_event_links = cross_event
    return result


# --------------------------------------------------------------------------- running the extractor


def prediction_of(datasets: Iterable[Dataset], links: Iterable[Link] = ()) -> Json:
    """The prediction format of the scorer for extracted datasets.

    Each claim's speaker and relays are given by their actor's name.
    """
    docs: list[Json] = []
    claims: list[Json] = []
    for ds in datasets:
        actors = ds.actor_index()
        for d in ds.documents:
            docs.append({"id": d.id, "source": d.source, "title": d.title})
        for c in ds.claims:
            speaker = actors.get(c.speaker) if c.speaker else None
            claims.append(
                {
                    "id": c.id,
                    "document": c.document,
                    "span": [c.span[0], c.span[1]],
                    "text": c.text,
                    "speaker": {"name": speaker.name} if speaker is not None else None,
                    "via": [{"name": actors[v].name if v in actors else v} for v in c.via],
                }
            )
    return {
        "documents": docs,
        "claims": claims,
        "links": [
            {"source": ln.source, "target": ln.target, "relation": ln.relation} for ln in links
        ],
    }


def find_article(gold_path: Path, source_file: str) -> Path:
    """The article text of a gold file: ``source_file`` resolved against the gold file's folder
    or any folder above it.

    Raises:
        InputError: when no such file exists.
    """
    rel = Path(source_file)
    if rel.is_absolute() and rel.is_file():
        return rel
    for folder in [gold_path.resolve().parent, *gold_path.resolve().parent.parents]:
        candidate = folder / rel
        if candidate.is_file():
            return candidate
    raise InputError(
        f"{gold_path}: article {source_file!r} not found beside the gold file or above it"
    )


def _read_gold(path: Path) -> Json:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not JSON: {exc}") from exc
    if not isinstance(data, dict) or "document" not in data or "claims" not in data:
        raise InputError(f"{path}: not a gold claims file (no document or claims)")
    return data


def evaluate_gold_files(
    paths: Sequence[Path | str],
    *,
    linker: Callable[[list[Dataset]], Iterable[Link]] | None = None,
) -> EvalResult:
    """Run the extractor on each gold file's article and score the result.

    Args:
        paths: ``provenance-gold/1`` files. Each one's ``document.source_file`` is looked up
            beside the file or in any folder above it; its ``published`` date and ``outlet`` are
            passed to the extractor (the article's front matter fills in what they leave out,
            and the extractor reads the body after it).
        linker: optional: links between the extracted claims (all documents at once), scored
            against the gold links.

    Raises:
        InputError: a gold file or its article cannot be read.
    """
    from provenance.extract import extract

    golds: list[Json] = []
    datasets: list[Dataset] = []
    for raw in paths:
        path = Path(raw)
        gold = _read_gold(path)
        doc = gold["document"]
        article = find_article(path, str(doc.get("source_file", "")))
        try:
            raw_text = article.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{article}: cannot read: {exc}") from exc
        # Gold spans index the body after any front matter, as the claims-file reader reads it.
        header, text = split_front_matter(raw_text, source=str(article))
        published = None
        if doc.get("published"):
            try:
                published = dt.date.fromisoformat(str(doc["published"])[:10])
            except ValueError:
                published = None
        outlet = doc.get("outlet") or None
        datasets.append(
            extract(
                text,
                source=str(article),
                outlet=outlet or header.outlet,
                published=published or header.published,
                title=doc.get("title") or header.title,
            )
        )
        golds.append(gold)
    links = list(linker(datasets)) if linker is not None else []
    return score(golds, prediction_of(datasets, links))


# --------------------------------------------------------------------------- report


def format_report(result: EvalResult) -> str:
    """The text report of the reference scorer (per document, then overall figures)."""
    lines: list[str] = []
    for gid, row in result.documents.items():
        if not row.found:
            lines.append(f"{gid}: no predicted document with the same source file name")
            continue
        lines.append(
            f"{gid}: gold {row.gold}  predicted {row.pred}  matched {row.matched}  "
            f"speaker right {row.speaker_ok}"
        )
        if row.misses:
            lines.append("  missed: " + ", ".join(row.misses))
        for cid, name in row.wrong_speaker:
            lines.append(f"  wrong speaker for {cid}: {name!r}")
        for s in row.spurious:
            lines.append(f"  spurious: {s!r}")
    lines.append(
        f"claims       P {result.claim_p:.3f}  R {result.claim_r:.3f}  F1 {result.claim_f1:.3f}"
    )
    lines.append(f"speaker acc  {result.speaker_acc:.3f} of matched claims")
    if result.via_acc is not None:
        lines.append(f"relay chains {result.via_acc:.3f} right, {result.via_spurious} spurious")
    if result.link_f1 is not None:
        lines.append(
            f"links        P {result.link_p:.3f}  R {result.link_r:.3f}  F1 {result.link_f1:.3f}"
            f"  cross-event {result.cross_event_links}"
        )
    lines.append(f"end-to-end   P {result.e2e_p:.3f}  R {result.e2e_r:.3f}  F1 {result.e2e_f1:.3f}")
    return "\n".join(lines)
