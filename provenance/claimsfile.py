"""Hand-curated claims files: the ``provenance-gold/1`` format, and the project's own JSON export.

A ``provenance-gold/1`` file describes one article::

    {"format": "provenance-gold/1",
     "document": {"id", "published", "outlet", "title", "source_file"},
     "actors": {"key": {"name", "aliases", "kind", "role", "affiliation": "other key"}},
     "claims": [{"id", "span": [start, end], "content", "speaker": "key", "via": ["key"],
                 "cue", "channel", "hedged", "optional"}],
     "unattributed": [{"span", "content"}],
     "links": [{"source": "claim id", "target": "claim id", "relation", "why"}]}

The article text is read from ``source_file``, looked up relative to the claims file's folder
and then each folder above it (so a claims file kept in a sub-folder beside the texts works).
A front-matter header at the top of that text (:mod:`provenance.importers.frontmatter`) is not
part of the article: spans index into the body after it, and its title, date, outlet and URL
fill in what the ``document`` entry leaves out.
A claim whose span does not hold its ``content`` is re-anchored at the occurrence of the
content nearest to the given span; a content that the text does not contain is an error.

A file whose ``format`` is ``provenance/1`` is a JSON export of a store and is read losslessly
by :func:`provenance.jsonio.dataset_from_dict`.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, TypeGuard

from pydantic import ValidationError

from provenance.errors import ClaimsFileError, InputError
from provenance.extract.quantities import parse_quantities
from provenance.importers.frontmatter import FrontMatter, split_front_matter
from provenance.inputs import read_json, read_text
from provenance.model import (
    ACTOR_KINDS,
    FORMAT,
    GOLD_FORMAT,
    LINK_RELATIONS,
    Actor,
    Claim,
    Dataset,
    Document,
    Link,
    Quantity,
    actor_id,
    claim_id,
    document_id,
    link_id,
    text_hash,
)

# Spellings seen in hand-made files that mean one of our kinds.
_KIND_SYNONYMS = {
    "organization": "organisation",
    "org": "organisation",
    "agency": "news_agency",
    "outlet": "news_outlet",
    "media": "news_outlet",
    "newspaper": "news_outlet",
    "gov": "government",
    "army": "military",
}


def load_claims_file(path: Path) -> Dataset:
    """Read a claims file (``provenance-gold/1`` or a ``provenance/1`` export) into a Dataset.

    Raises:
        InputError: the file cannot be read or is not JSON.
        ClaimsFileError: the content is inconsistent (unknown format, spans, ids).
    """
    data = read_json(path, what="claims file")
    if not isinstance(data, dict):
        raise ClaimsFileError(f"{path}: a claims file is a JSON object with a 'format' key")
    fmt = data.get("format")
    if fmt == GOLD_FORMAT:
        return _GoldReader(path, data).read()
    if fmt == FORMAT:
        from provenance.jsonio import dataset_from_dict

        try:
            dataset: Dataset = dataset_from_dict(data)
            return dataset
        except ClaimsFileError as exc:
            raise ClaimsFileError(f"{path}: {exc}") from None
    raise ClaimsFileError(
        f"{path}: unknown claims-file format {fmt!r}; expected {GOLD_FORMAT!r} or {FORMAT!r}"
    )


def find_source_text(claims_path: Path, source_file: str) -> Path | None:
    """Where the article named by ``source_file`` lives: beside the claims file or above it."""
    rel = Path(source_file)
    try:
        if rel.is_absolute():
            return rel if rel.is_file() else None
        folder = claims_path.resolve().parent
        for base in (folder, *folder.parents):
            for candidate in (base / rel, base / rel.name):
                if candidate.is_file():
                    return candidate
    except (OSError, ValueError):  # a name too long for the file system, a NUL in it
        return None
    return None


class _GoldReader:
    """One pass over a gold file; errors name the file and the offending entry."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data

    def fail(self, message: str) -> ClaimsFileError:
        return ClaimsFileError(f"{self.path}: {message}")

    def _obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"{where} must be a JSON object")
        return value

    def _list(self, value: Any, where: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(f"{where} must be a JSON list")
        return value

    def read(self) -> Dataset:
        doc_entry = self._obj(self.data.get("document"), "'document'")
        text, source, header = self._text(doc_entry)
        doc_id = document_id(text)
        actors, key_to_id = self._actors()
        # The claims file is the curated record: the text's front matter only fills in.
        outlet_id = self._outlet(_opt_str(doc_entry.get("outlet")) or header.outlet, actors)
        published = doc_entry.get("published")
        try:
            document = Document(
                id=doc_id,
                text=text,
                text_hash=text_hash(text),
                title=_opt_str(doc_entry.get("title")) or header.title,
                outlet=outlet_id,
                url=_opt_str(doc_entry.get("url")) or header.url,
                published=dt.date.fromisoformat(published) if published else header.published,
                source=source,
            )
        except (ValueError, TypeError) as exc:
            raise self.fail(f"'document': {_first_line(exc)}") from None
        claims, local_ids = self._claims(text, doc_id, key_to_id)
        claims += self._unattributed(text, doc_id, outlet_id)
        links = self._links(local_ids)
        return Dataset(
            documents=[document], actors=list(actors.values()), claims=claims, links=links
        )

    # ----------------------------------------------------------------- document text

    def _text(self, doc_entry: dict[str, Any]) -> tuple[str, str, FrontMatter]:
        """The article body (after any front matter), its path as recorded, and its header."""
        source_file = doc_entry.get("source_file")
        if not isinstance(source_file, str) or not source_file:
            raise self.fail("'document.source_file' must name the article text file")
        found = find_source_text(self.path, source_file)
        if found is None:
            raise self.fail(
                f"article text {source_file!r} not found beside the claims file or in a folder "
                "above it; put the text there or fix 'document.source_file'"
            )
        try:
            header, text = split_front_matter(read_text(found, what="article"), source=str(found))
        except InputError as exc:
            raise self.fail(f"article text: {exc}") from None
        source = os.path.relpath(found) if not Path(source_file).is_absolute() else str(found)
        return text, source, header

    # ----------------------------------------------------------------- actors

    def _actors(self) -> tuple[dict[str, Actor], dict[str, str]]:
        entries = self._obj(self.data.get("actors", {}), "'actors'")
        key_to_id: dict[str, str] = {}
        for key, entry in entries.items():
            entry = self._obj(entry, f"actor {key!r}")
            name = entry.get("name")
            if not isinstance(name, str) or not name.strip():
                raise self.fail(f"actor {key!r} has no 'name'")
            key_to_id[key] = actor_id(name)
        actors: dict[str, Actor] = {}
        for key, entry in entries.items():
            affiliation = entry.get("affiliation")
            if affiliation is not None and not _is_key(affiliation, key_to_id):
                raise self.fail(f"actor {key!r}: affiliation {affiliation!r} is not an actor key")
            kind = str(entry.get("kind") or "unknown").lower()
            kind = _KIND_SYNONYMS.get(kind, kind)
            if kind not in ACTOR_KINDS:
                raise self.fail(
                    f"actor {key!r}: unknown kind {kind!r}; use one of {', '.join(ACTOR_KINDS)}"
                )
            aid = key_to_id[key]
            aliases = [a for a in self._list(entry.get("aliases"), f"actor {key!r} aliases")]
            try:
                actor = Actor(
                    id=aid,
                    name=entry["name"].strip(),
                    kind=kind,  # type: ignore[arg-type]
                    aliases=[str(a) for a in aliases],
                    role=_opt_str(entry.get("role")),
                    affiliation=key_to_id[affiliation] if affiliation else None,
                    country=_opt_str(entry.get("country")),
                    origin="curated",
                )
            except ValidationError as exc:
                raise self.fail(f"actor {key!r}: {_first_line(exc)}") from None
            if aid in actors:  # two keys naming one entity: keep one node, pool the aliases
                prev = actors[aid]
                actor = prev.model_copy(
                    update={"aliases": sorted(set(prev.aliases) | set(actor.aliases))}
                )
            actors[aid] = actor
        return actors, key_to_id

    def _outlet(self, outlet: str | None, actors: dict[str, Actor]) -> str | None:
        if not outlet:
            return None
        oid = actor_id(outlet)
        if oid not in actors:
            actors[oid] = Actor(id=oid, name=outlet, kind="news_outlet", origin="curated")
        return oid

    # ----------------------------------------------------------------- claims

    def _span(self, text: str, entry: dict[str, Any], where: str) -> tuple[int, int]:
        span = entry.get("span")
        content = entry.get("content")
        start, end = -1, -1
        if (
            isinstance(span, list)
            and len(span) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in span)
        ):
            start, end = span
        valid = 0 <= start <= end <= len(text)
        if valid and (not isinstance(content, str) or text[start:end] == content):
            return start, end
        if not isinstance(content, str) or not content:
            raise self.fail(
                f"{where}: span {span!r} is outside the article ({len(text)} characters) "
                "and there is no 'content' to locate it"
            )
        located = _locate(text, content, max(start, 0))
        if located is None:
            raise self.fail(
                f"{where}: span {span!r} does not match its text and the content "
                f"{content[:40]!r} is not in the article; fix the span or the content"
            )
        return located

    def _claims(
        self, text: str, doc_id: str, key_to_id: dict[str, str]
    ) -> tuple[list[Claim], dict[str, str]]:
        claims: list[Claim] = []
        local_ids: dict[str, str] = {}
        for n, raw in enumerate(self._list(self.data.get("claims"), "'claims'"), 1):
            entry = self._obj(raw, f"claim #{n}")
            local = str(entry.get("id") or f"#{n}")
            where = f"claim {local}"
            span = self._span(text, entry, where)
            speaker = entry.get("speaker")
            if speaker is not None and not _is_key(speaker, key_to_id):
                raise self.fail(f"{where}: speaker {speaker!r} is not an actor key of the file")
            via = self._list(entry.get("via"), f"{where} via")
            for v in via:
                if not _is_key(v, key_to_id):
                    raise self.fail(f"{where}: relay {v!r} is not an actor key of the file")
            cid = claim_id(doc_id, span)
            try:
                claim = Claim(
                    id=cid,
                    document=doc_id,
                    span=span,
                    text=text[span[0] : span[1]],
                    speaker=key_to_id[speaker] if speaker is not None else None,
                    via=[key_to_id[v] for v in via],
                    cue=_opt_str(entry.get("cue")),
                    channel=_opt_str(entry.get("channel")),
                    hedged=bool(entry.get("hedged", False)),
                    rule="curated",
                    why=f"hand-curated as {local} in {self.path.name}",
                    unattributed=speaker is None,
                    quantities=_quantities(text[span[0] : span[1]]),
                    origin="curated",
                )
            except ValidationError as exc:
                raise self.fail(f"{where}: {_first_line(exc)}") from None
            if local in local_ids:
                raise self.fail(f"{where}: the id is used twice")
            local_ids[local] = cid
            claims.append(claim)
        return claims, local_ids

    def _unattributed(self, text: str, doc_id: str, outlet_id: str | None) -> list[Claim]:
        out: list[Claim] = []
        for n, raw in enumerate(self._list(self.data.get("unattributed"), "'unattributed'"), 1):
            entry = self._obj(raw, f"unattributed #{n}")
            span = self._span(text, entry, f"unattributed #{n}")
            out.append(
                Claim(
                    id=claim_id(doc_id, span),
                    document=doc_id,
                    span=span,
                    text=text[span[0] : span[1]],
                    speaker=None,
                    rule="curated",
                    why=f"hand-curated unattributed statement #{n} in {self.path.name}",
                    unattributed=True,
                    quantities=_quantities(text[span[0] : span[1]]),
                    origin="curated",
                )
            )
        return out

    def _links(self, local_ids: dict[str, str]) -> list[Link]:
        links: list[Link] = []
        for n, raw in enumerate(self._list(self.data.get("links"), "'links'"), 1):
            entry = self._obj(raw, f"link #{n}")
            ends = []
            for end in ("source", "target"):
                ref = entry.get(end)
                if not _is_key(ref, local_ids):
                    raise self.fail(f"link #{n}: {end} {ref!r} is not a claim id of the file")
                ends.append(local_ids[ref])
            relation = entry.get("relation")
            if relation not in LINK_RELATIONS:
                raise self.fail(
                    f"link #{n}: unknown relation {relation!r}; use one of "
                    + ", ".join(LINK_RELATIONS)
                )
            links.append(
                Link(
                    id=link_id(ends[0], ends[1], relation),
                    source=ends[0],
                    target=ends[1],
                    relation=relation,
                    origin="curated",
                    note=_opt_str(entry.get("why")),
                )
            )
        return links


def _is_key(value: object, keys: dict[str, str]) -> TypeGuard[str]:
    """Whether ``value`` (anything a JSON file holds, lists included) is one of ``keys``."""
    return isinstance(value, str) and value in keys


def _locate(text: str, content: str, near: int) -> tuple[int, int] | None:
    """The occurrence of ``content`` in ``text`` closest to offset ``near``."""
    best: int | None = None
    i = text.find(content)
    while i != -1:
        if best is None or abs(i - near) < abs(best - near):
            best = i
        i = text.find(content, i + 1)
    return None if best is None else (best, best + len(content))


def _quantities(text: str) -> list[Quantity]:
    # Curated claims get the same quantity intervals as extracted ones, so that linking treats
    # them alike.
    return parse_quantities(text)


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def _first_line(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        loc = ".".join(str(x) for x in err["loc"])
        return f"{loc}: {err['msg']}" if loc else str(err["msg"])
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
