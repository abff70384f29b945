"""The source registry: who is who among agencies, outlets, governments, militaries, platforms.

The registry is data, not code: ``provenance/data/registry.json`` ships well-known entries and a
user file in the same schema extends or overrides them. Schema (``provenance-registry/1``)::

    {"format": "provenance-registry/1",
     "actors": [
       {"name": "RIA Novosti",                  # required; the id is model.actor_id(name)
        "id": "ria-novosti",                    # optional; must equal actor_id(name) if given
        "aliases": ["RIA", "RIA news agency"],  # other names it is cited by
        "kind": "news_agency",                  # one of model.ACTOR_KINDS
        "country": "RU",                        # ISO 3166-1 alpha-2
        "role": "Russian state news agency",    # free text
        "ownership": "state",                   # state, state-funded, public, private, ...
        "affiliation": "Rossiya Segodnya"}      # name, alias or id of the entry it answers to
     ]}

Affiliations chain (RIA Novosti -> Rossiya Segodnya -> Russian government), and
:func:`affiliation_root` follows them to the top: sources sharing a root are not independent.
An entry of a later file replaces the entry with the same id (aliases included).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from provenance.errors import InputError
from provenance.inputs import read_json
from provenance.model import ACTOR_KINDS, Actor, actor_id, normalize_name

__all__ = [
    "REGISTRY_FORMAT",
    "RegistryEntry",
    "affiliation_chain",
    "affiliation_root",
    "builtin_registry_path",
    "load_registry",
    "registry_document",
    "registry_index",
    "resolve_actor",
    "validate_registry_file",
]

REGISTRY_FORMAT = "provenance-registry/1"
"""The ``format`` tag of a registry file."""


class RegistryEntry(BaseModel):
    """One entry of a registry file, as written by hand."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: str = Field(min_length=1)
    id: str | None = None
    aliases: list[str] = Field(default_factory=list)
    kind: str = "unknown"
    country: str | None = None
    role: str | None = None
    ownership: str | None = None
    affiliation: str | None = None


def builtin_registry_path() -> Path:
    """Where the shipped registry lives."""
    return Path(__file__).resolve().parent.parent / "data" / "registry.json"


def _entries(data: Any, source: Path) -> list[RegistryEntry]:
    """The entries of one parsed registry file; errors name the file and the entry."""
    if not isinstance(data, dict):
        raise InputError(f"{source}: a registry file is a JSON object with 'format' and 'actors'")
    fmt = data.get("format")
    if fmt != REGISTRY_FORMAT:
        raise InputError(f"{source}: registry format {fmt!r}; expected {REGISTRY_FORMAT!r}")
    raw = data.get("actors")
    if not isinstance(raw, list):
        raise InputError(f"{source}: 'actors' must be a list of entries")
    out: list[RegistryEntry] = []
    seen: set[str] = set()
    for n, item in enumerate(raw, 1):
        where = f"{source}: entry #{n}"
        try:
            entry = RegistryEntry.model_validate(item)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(x) for x in err["loc"]) or "entry"
            raise InputError(f"{where}: {loc}: {err['msg']}") from None
        aid = actor_id(entry.name)
        if entry.id is not None and entry.id != aid:
            raise InputError(f"{where}: id {entry.id!r} is not actor_id({entry.name!r}) = {aid!r}")
        if entry.kind not in ACTOR_KINDS:
            raise InputError(
                f"{where}: unknown kind {entry.kind!r}; use one of {', '.join(ACTOR_KINDS)}"
            )
        if aid in seen:
            raise InputError(f"{where}: {entry.name!r} appears twice in the file")
        seen.add(aid)
        out.append(entry)
    return out


def _read_entries(path: Path) -> list[RegistryEntry]:
    return _entries(read_json(path, what="registry file"), path)


def _build(layers: Sequence[tuple[Path, list[RegistryEntry]]]) -> list[Actor]:
    """Merge entry lists (later layers override) and resolve affiliations to actor ids."""
    merged: dict[str, tuple[Path, RegistryEntry]] = {}
    for source, entries in layers:
        for entry in entries:
            merged[actor_id(entry.name)] = (source, entry)
    # Affiliations may name an entry by name, alias or id.
    names: dict[str, str] = {}
    for aid, (_, entry) in merged.items():
        for alias in entry.aliases:
            names.setdefault(normalize_name(alias), aid)
    for aid, (_, entry) in merged.items():
        names[normalize_name(entry.name)] = aid
        names[aid] = aid
    actors: list[Actor] = []
    for aid, (source, entry) in merged.items():
        parent: str | None = None
        if entry.affiliation:
            parent = names.get(entry.affiliation) or names.get(normalize_name(entry.affiliation))
            if parent is None:
                raise InputError(
                    f"{source}: {entry.name!r}: affiliation {entry.affiliation!r} names no "
                    "registry entry; add that entry or fix the name"
                )
        role = entry.role
        if role is None and entry.ownership:
            role = f"{entry.ownership} {entry.kind.replace('_', ' ')}"
        actors.append(
            Actor(
                id=aid,
                name=entry.name,
                kind=entry.kind,  # type: ignore[arg-type]  # checked against ACTOR_KINDS
                aliases=list(entry.aliases),
                role=role,
                affiliation=parent if parent != aid else None,
                country=entry.country,
                origin="registry",
            )
        )
    return actors


def validate_registry_file(path: Path) -> list[Actor]:
    """Check a user registry file (against the shipped registry it extends).

    Returns:
        The file's entries as actors (affiliations resolved).

    Raises:
        InputError: one line naming the file and what is wrong.
    """
    builtin = _read_entries(builtin_registry_path())
    own = _read_entries(path)
    ids = {actor_id(e.name) for e in own}
    actors = _build([(builtin_registry_path(), builtin), (path, own)])
    return [a for a in actors if a.id in ids]


def load_registry(extra: Sequence[Path] = ()) -> list[Actor]:
    """The shipped registry, extended or overridden by user registry files in order.

    Raises:
        InputError: a file is unreadable or invalid (the message names it).
    """
    layers = [(builtin_registry_path(), _read_entries(builtin_registry_path()))]
    layers += [(p, _read_entries(p)) for p in extra]
    return _build(layers)


def registry_document(
    actors: Iterable[Actor], *, ownership: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """A registry file's JSON object for ``actors`` (what ``registry add`` writes).

    Affiliations are written as the parent's id, which the loader accepts.
    """
    own = ownership or {}
    entries: list[dict[str, Any]] = []
    for a in actors:
        entry: dict[str, Any] = {"name": a.name, "kind": a.kind}
        if a.aliases:
            entry["aliases"] = list(a.aliases)
        for key in ("country", "role", "affiliation"):
            value = getattr(a, key)
            if value:
                entry[key] = value
        if a.id in own:
            entry["ownership"] = own[a.id]
        entries.append(entry)
    return {"format": REGISTRY_FORMAT, "actors": entries}


def write_registry_file(path: Path, actors: Iterable[Actor]) -> None:
    """Write ``actors`` as a registry file (UTF-8, indented, stable order)."""
    doc = registry_document(sorted(actors, key=lambda a: a.id))
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def registry_index(registry: Iterable[Actor]) -> dict[str, Actor]:
    """Normalized names and aliases to actors; an alias shared by two entries is left out
    (ambiguous), and a canonical name always wins over another entry's alias."""
    by_alias: dict[str, Actor] = {}
    ambiguous: set[str] = set()
    by_name: dict[str, Actor] = {}
    for actor in registry:
        by_name[normalize_name(actor.name)] = actor
        for alias in actor.aliases:
            key = normalize_name(alias)
            if key in by_alias and by_alias[key].id != actor.id:
                ambiguous.add(key)
            by_alias[key] = actor
    index = {k: v for k, v in by_alias.items() if k not in ambiguous}
    index.update(by_name)
    for actor in by_name.values():
        index.setdefault(actor.id, actor)
    return index


def resolve_actor(name: str, registry: Iterable[Actor] | Mapping[str, Actor]) -> Actor | None:
    """The registry actor a name refers to (by normalized name, alias or id), or ``None``.

    Args:
        name: a name as written ("the Kremlin", "RIA", "Russia's Defence Ministry").
        registry: a list of actors, or an index from :func:`registry_index` (faster when
            resolving many names).
    """
    index = registry if isinstance(registry, Mapping) else registry_index(registry)
    key = normalize_name(name)
    if not key:
        return None
    found = index.get(key)
    if found is None and key.startswith("the "):
        found = index.get(key[4:])
    return found


def affiliation_chain(actor: str, actors_by_id: Mapping[str, Actor]) -> list[str]:
    """Actor ids from ``actor`` up its affiliations, stopping at the top or at a cycle."""
    chain = [actor]
    seen = {actor}
    current = actors_by_id.get(actor)
    while current is not None and current.affiliation:
        parent = current.affiliation
        if parent in seen:
            break
        chain.append(parent)
        seen.add(parent)
        current = actors_by_id.get(parent)
    return chain


def affiliation_root(actor: str, actors_by_id: Mapping[str, Actor]) -> str:
    """The top of an actor's affiliation chain (itself when it answers to no one).

    Cycle-safe: when affiliations loop (A -> B -> A), the root is the smallest id of the loop,
    so every member of the loop gets the same root.
    """
    chain = affiliation_chain(actor, actors_by_id)
    last = actors_by_id.get(chain[-1])
    if last is not None and last.affiliation and last.affiliation in chain:
        loop = chain[chain.index(last.affiliation) :]
        return min(loop)
    return chain[-1]
