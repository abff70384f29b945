"""The project's lossless JSON format, ``provenance/1``.

A JSON export is one object::

    {"format": "provenance/1",
     "documents": [Document, ...],   # every Document field: id, text, text_hash, ..., source
     "actors":    [Actor, ...],      # every Actor field
     "claims":    [Claim, ...],      # every Claim field, but speaker and via as objects
     "links":     [Link, ...]}       # every Link field

Each list is sorted by id, so the same Dataset always gives the same bytes. A claim's
``speaker`` is ``{"id": ..., "name": ...}`` (or ``null`` for an unattributed statement) and its
``via`` a list of such objects, publishing side first: that is what a reader (and
``../shared/eval/score.py``) needs without joining on the actors list. :func:`loads` turns them
back into ids, so ``loads(dumps(ds)) == ds`` for a Dataset whose lists are sorted by id.

Input is strict: unknown keys are an error, and every error is a
:class:`~provenance.errors.ClaimsFileError` with a one-line message naming the offending entry.
Later sections (verdicts, registry entries, curation) are added as optional top-level keys by
extending :data:`_SECTIONS` and the two converters below.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from provenance.errors import ClaimsFileError
from provenance.model import FORMAT, Actor, Claim, Dataset, Document, Link

__all__ = [
    "actor_ref",
    "claim_from_dict",
    "claim_to_dict",
    "dataset_from_dict",
    "dataset_to_dict",
    "dumps",
    "loads",
]

_SECTIONS = ("documents", "actors", "claims", "links")
"""The list-valued top-level keys, in output order."""

_CURATION = ("verdicts", "unlinked", "merges", "appearances")
"""Optional sections, written only when the store has any: verdict history, unlinked pairs,
actor merges, and the paths and URLs of documents seen in more than one place."""

_INDENT = 1


# --------------------------------------------------------------------------- writing


def actor_ref(aid: str | None, actors: Mapping[str, Actor]) -> dict[str, str] | None:
    """An actor as a reference object ``{"id", "name"}``.

    Args:
        aid: the actor id, or None.
        actors: actors by id; an id missing from it is named by the id itself, so a claim
            taken out of its dataset still renders.

    Returns:
        The reference, or None when ``aid`` is None.
    """
    if aid is None:
        return None
    actor = actors.get(aid)
    return {"id": aid, "name": actor.name if actor is not None else aid}


def claim_to_dict(claim: Claim, actors: Mapping[str, Actor]) -> dict[str, Any]:
    """A claim as the JSON export shows it: every field, speaker and via as reference objects.

    Args:
        claim: the claim.
        actors: actors by id, to name the speaker and relays.

    Returns:
        A JSON-ready dict (spans as lists, dates as ISO strings).
    """
    out = claim.model_dump(mode="json")
    out["speaker"] = actor_ref(claim.speaker, actors)
    out["via"] = [actor_ref(v, actors) for v in claim.via]
    return out


def dataset_to_dict(ds: Dataset) -> dict[str, Any]:
    """A Dataset as a ``provenance/1`` JSON object, every list sorted by id."""
    actors = ds.actor_index()
    return {
        "format": FORMAT,
        "documents": [d.model_dump(mode="json") for d in sorted(ds.documents, key=_by_id)],
        "actors": [a.model_dump(mode="json") for a in sorted(ds.actors, key=_by_id)],
        "claims": [claim_to_dict(c, actors) for c in sorted(ds.claims, key=_by_id)],
        "links": [link.model_dump(mode="json") for link in sorted(ds.links, key=_by_id)],
        **_curation_to_dict(ds),
    }


def _curation_to_dict(ds: Dataset) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if ds.verdicts:
        # History order matters (the latest verdict is the current one): keep it.
        out["verdicts"] = [v.model_dump(mode="json") for v in ds.verdicts]
    if ds.unlinked:
        out["unlinked"] = [
            u.model_dump(mode="json") for u in sorted(ds.unlinked, key=lambda u: (u.a, u.b))
        ]
    if ds.merges:
        out["merges"] = [
            m.model_dump(mode="json") for m in sorted(ds.merges, key=lambda m: m.source)
        ]
    if ds.appearances:
        out["appearances"] = [
            a.model_dump(mode="json")
            for a in sorted(ds.appearances, key=lambda a: (a.document, a.source, a.url))
        ]
    return out


def dumps(ds: Dataset) -> str:
    """A Dataset as ``provenance/1`` JSON text (UTF-8 characters kept, ending with a newline)."""
    return json.dumps(dataset_to_dict(ds), indent=_INDENT, ensure_ascii=False) + "\n"


def _by_id(record: Document | Actor | Claim | Link) -> str:
    return record.id


# --------------------------------------------------------------------------- reading


def loads(text: str) -> Dataset:
    """Parse ``provenance/1`` JSON text into a Dataset.

    Raises:
        ClaimsFileError: the text is not JSON, or not a valid ``provenance/1`` object.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ClaimsFileError(
            f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    return dataset_from_dict(data)


def dataset_from_dict(data: Any) -> Dataset:
    """Rebuild a Dataset from a ``provenance/1`` JSON object.

    Args:
        data: the parsed JSON (a dict with ``format`` and the four lists).

    Returns:
        The Dataset, equal to the one that was exported.

    Raises:
        ClaimsFileError: wrong format tag, unknown keys, invalid entries, a claim whose
            document is missing, or an id used twice.
    """
    if not isinstance(data, dict):
        raise ClaimsFileError("a provenance/1 file is a JSON object")
    if data.get("format") != FORMAT:
        raise ClaimsFileError(f"format is {data.get('format')!r}, expected {FORMAT!r}")
    unknown = sorted(set(data) - {"format", *_SECTIONS, *_CURATION})
    if unknown:
        raise ClaimsFileError(
            f"unknown top-level key {unknown[0]!r}; expected format, "
            + ", ".join((*_SECTIONS, *_CURATION))
        )
    sections = {name: _section(data, name) for name in (*_SECTIONS, *_CURATION)}
    sections["claims"] = [_claim_ids(c, n) for n, c in enumerate(sections["claims"])]
    try:
        ds = Dataset.model_validate({"format": FORMAT, **sections})
    except ValidationError as exc:
        raise ClaimsFileError(_describe(exc, sections)) from None
    _check_consistency(ds)
    return ds


def claim_from_dict(entry: Mapping[str, Any]) -> Claim:
    """Rebuild one claim from its export form (speaker and via objects, or plain ids).

    Raises:
        ClaimsFileError: the entry is not a valid claim.
    """
    try:
        return Claim.model_validate(_claim_ids(entry, 0))
    except ValidationError as exc:
        raise ClaimsFileError(_describe(exc, {})) from None


def _section(data: dict[str, Any], name: str) -> list[Any]:
    value = data.get(name, [])
    if not isinstance(value, list):
        raise ClaimsFileError(f"{name!r} must be a JSON list")
    return value


def _ref_id(value: Any, where: str) -> Any:
    # A reference is {"id", "name"} in the export; a bare id is accepted too, as hand-edited
    # files and older tools write it. Anything else is left for pydantic to reject.
    if isinstance(value, dict):
        if "id" not in value:
            raise ClaimsFileError(f"{where}: an actor reference needs an 'id'")
        extra = sorted(set(value) - {"id", "name"})
        if extra:
            raise ClaimsFileError(f"{where}: unknown key {extra[0]!r} in an actor reference")
        return value["id"]
    return value


def _claim_ids(entry: Any, n: int) -> Any:
    """The claim entry with speaker and via turned from reference objects back into ids."""
    if not isinstance(entry, Mapping):
        return entry  # pydantic names the entry and the type
    where = f"claims[{n}]" + (f" (id {entry['id']})" if isinstance(entry.get("id"), str) else "")
    out = dict(entry)
    if "speaker" in out:
        out["speaker"] = _ref_id(out["speaker"], f"{where} speaker")
    if isinstance(out.get("via"), list):
        out["via"] = [_ref_id(v, f"{where} via") for v in out["via"]]
    return out


def _describe(exc: ValidationError, sections: Mapping[str, list[Any]]) -> str:
    """One line from pydantic's first error: where (section, index, record id) and what."""
    err = exc.errors()[0]
    loc = list(err["loc"])
    where = ""
    if len(loc) >= 2 and loc[0] in sections and isinstance(loc[1], int):
        section, index = str(loc[0]), loc[1]
        where = f"{section}[{index}]"
        entries = sections[section]
        entry = entries[index] if index < len(entries) else None
        if isinstance(entry, Mapping) and isinstance(entry.get("id"), str):
            where += f" (id {entry['id']})"
        loc = loc[2:]
    field = ".".join(str(x) for x in loc)
    parts = [p for p in (where, field) if p]
    return f"{' '.join(parts)}: {err['msg']}" if parts else str(err["msg"])


def _check_consistency(ds: Dataset) -> None:
    # What would make the file mean two things or put dangling records in the store: duplicate
    # ids, claims without their document (the evidence) or whose span is not their text,
    # speakers and relays that are not actors of the file, links, verdicts and unlinked pairs
    # naming claims the file does not hold. A store's export always passes. Affiliations are
    # not checked, as the store keeps affiliations to actors it has not seen (yet).
    records: tuple[tuple[str, list[Document] | list[Actor] | list[Claim] | list[Link]], ...] = (
        ("document", ds.documents),
        ("actor", ds.actors),
        ("claim", ds.claims),
        ("link", ds.links),
    )
    for what, items in records:
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                raise ClaimsFileError(f"{what} id {item.id!r} is used twice")
            seen.add(item.id)
    docs = ds.document_index()
    actors = ds.actor_index()
    for claim in ds.claims:
        doc = docs.get(claim.document)
        if doc is None:
            raise ClaimsFileError(
                f"claim {claim.id}: document {claim.document!r} is not in 'documents'"
            )
        start, end = claim.span
        if end > len(doc.text):
            raise ClaimsFileError(
                f"claim {claim.id}: span [{start}, {end}] is outside its document "
                f"({len(doc.text)} characters)"
            )
        if doc.text[start:end] != claim.text:
            raise ClaimsFileError(
                f"claim {claim.id}: span [{start}, {end}] does not hold the claim's text"
            )
        for role, ref in (("speaker", claim.speaker), *(("relay", v) for v in claim.via)):
            if ref is not None and ref not in actors:
                raise ClaimsFileError(f"claim {claim.id}: {role} {_short(ref)} is not in 'actors'")
    claims = {c.id for c in ds.claims}
    for link in ds.links:
        for end_name, ref in (("source", link.source), ("target", link.target)):
            if ref not in claims:
                raise ClaimsFileError(
                    f"link {link.id}: {end_name} {_short(ref)} is not in 'claims'"
                )
    for n, verdict in enumerate(ds.verdicts):
        if verdict.claim not in claims:
            raise ClaimsFileError(
                f"verdicts[{n}]: claim {_short(verdict.claim)} is not in 'claims'"
            )
    for n, pair in enumerate(ds.unlinked):
        for ref in (pair.a, pair.b):
            if ref not in claims:
                raise ClaimsFileError(f"unlinked[{n}]: claim {_short(ref)} is not in 'claims'")


def _short(value: str, size: int = 60) -> str:
    """``value`` quoted for a one-line message, cut to ``size`` characters."""
    return repr(value if len(value) <= size else value[:size] + "...")
