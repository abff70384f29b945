"""The embedded SQLite store: documents, actors, claims and links, with their curation.

The store owns its schema (see :mod:`provenance.store.migrations`) and migrates itself on open.
It runs in WAL mode so that readers never block the one writer, and every write goes through
:meth:`Store.transaction`, so an ingest is all-or-nothing.

Merging rules on ingest (why re-ingest never loses curation):

* a document whose text is already stored gains an *appearance* (another path or URL), not a copy;
* a curated claim (from a claims file) is never replaced by an extracted one for the same span;
* actor fields set by a more trusted origin (manual > curated > registry > text) are kept, and
  aliases are pooled;
* manual and curated links are never overwritten by automatic ones.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict

from provenance.errors import AmbiguousError, NotFoundError, StoreError
from provenance.model import (
    FORMAT,
    Actor,
    Appearance,
    Claim,
    Dataset,
    Document,
    Link,
    Merge,
    Quantity,
    Unlinked,
    normalize_name,
)
from provenance.store.curation import CurationMixin, _pair
from provenance.store.keys import pack_codes, unpack_codes
from provenance.store.migrations import migrate

DEFAULT_DB = "provenance.db"
"""Store file used when neither ``--db`` nor ``PROVENANCE_DB`` names one."""

ENV_DB = "PROVENANCE_DB"

_ORIGIN_RANK = {"manual": 4, "curated": 3, "registry": 2, "text": 1}
_CLAIM_COLUMNS = (
    "id, document_id, start, end, text, speaker_id, cue, cue_start, cue_end, channel, hedged, "
    "hedge, rule, why, unattributed, quantities, event_date, status, origin"
)

_DOCUMENT_COLUMNS = "id, text, text_hash, title, outlet, url, published, source"
_LINK_COLUMNS = "id, source, target, relation, origin, note"


_BUSY_TIMEOUT_MS = 60_000
"""How long a write waits for another process's write transaction before giving up."""
INGEST_CACHE_MIB = 2048
"""Page cache of an ingest's writer (:meth:`Store.large_cache`), allocated only as used: enough
to hold the whole store of a 100k-article ingest (1.7 GB), whose indexes are written at random
places."""
_CACHE_KIB = 128 * 1024
"""Page cache per connection (SQLite's default is 2 MiB): an ingest is one transaction, and
with a small cache its index pages spill to the WAL and are read back over and over (measured on
a 3k-article ingest: system time 3.2 s -> 1.0 s, wall time -8%)."""
MAX_BLOCK = 500
"""The most claims one blocking key may gather and still pair them: a key shared by more (a
stock phrase, a busy place and week) says little about any pair, and pairing it would make
linking quadratic."""


def _is_busy(exc: sqlite3.DatabaseError) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and (
        "locked" in str(exc) or "busy" in str(exc)
    )


def _busy_message(path: str) -> str:
    return (
        f"{path}: the store is busy (another provenance command has been writing to it for "
        f"over {_BUSY_TIMEOUT_MS // 1000} s); try again when it has finished"
    )


def _enable_wal(db: sqlite3.Connection) -> None:
    """Switch to WAL mode, waiting for other processes that open the same new store.

    Changing the journal mode needs a lock that SQLite does not wait for (the busy timeout does
    not apply), so two commands creating one store at the same moment would see "database is
    locked". Retry with short sleeps, up to the busy timeout.
    """
    deadline = time.monotonic() + _BUSY_TIMEOUT_MS / 1000
    delay = 0.005
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() >= deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.1)


def default_path() -> Path:
    """The store path from ``PROVENANCE_DB``, else ``./provenance.db``."""
    return Path(os.environ.get(ENV_DB) or DEFAULT_DB)


class IngestReport(BaseModel):
    """What one :meth:`Store.ingest` changed."""

    model_config = ConfigDict(extra="forbid")

    documents_new: int = 0
    documents_seen: int = 0
    claims_new: int = 0
    claims_updated: int = 0
    claims_kept: int = 0
    actors_new: int = 0
    links_new: int = 0

    def add(self, other: IngestReport) -> None:
        """Accumulate another report into this one."""
        for name in type(self).model_fields:
            setattr(self, name, getattr(self, name) + getattr(other, name))


class Store(CurationMixin):
    """A provenance store in one SQLite file.

    Example:
        >>> with Store(":memory:") as store:
        ...     report = store.ingest(dataset)
        ...     claim = store.claim("3fa2")  # id or unique id prefix
    """

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            p = Path(self.path)
            if p.is_dir():
                raise StoreError(f"{p}: is a directory; give --db a file path")
            if not create and not p.exists():
                raise StoreError(f"{p}: no store here; ingest something first")
            if not p.parent.exists():
                raise StoreError(f"{p}: folder {p.parent} does not exist")
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves (see transaction()).
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=60.0)
            self.db.row_factory = sqlite3.Row
            self.db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            if self.path != ":memory:":
                _enable_wal(self.db)
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
            migrate(self.db, path=self.path)
        except sqlite3.DatabaseError as exc:
            if _is_busy(exc):
                raise StoreError(_busy_message(self.path)) from None
            raise StoreError(
                f"{self.path}: not a provenance store ({exc}); give --db another path"
            ) from None
        self._depth = 0

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside happen together or not at all; nesting joins the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if _is_busy(exc):
                raise StoreError(_busy_message(self.path)) from None
            raise
        self._depth = 1
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")
        finally:
            self._depth = 0

    @contextmanager
    def large_cache(self, mib: int = INGEST_CACHE_MIB) -> Iterator[None]:
        """A bigger page cache for the duration of a bulk write (restored after).

        A large ingest inserts into indexes keyed by content hashes, at random places: once
        the indexes outgrow the cache, every insert reads pages back from the file.
        """
        (before,) = self.db.execute("PRAGMA cache_size").fetchone()
        self.db.execute(f"PRAGMA cache_size = -{int(mib) * 1024}")
        try:
            yield
        finally:
            self.db.execute(f"PRAGMA cache_size = {int(before)}")

    def integrity_ok(self) -> bool:
        """``PRAGMA integrity_check`` says ok."""
        return bool(self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok")

    # ------------------------------------------------------------------ writing

    def ingest(self, ds: Dataset) -> IngestReport:
        """Add a dataset in one transaction, merging with what is stored (see module doc)."""
        report = IngestReport()
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        ds = self._apply_merges(ds)
        with self.transaction():
            report.actors_new += self._upsert_actors(ds.actors)
            listed = {a.document for a in ds.appearances}
            for doc in ds.documents:
                if self._upsert_document(doc, now, appearance=doc.id not in listed):
                    report.documents_new += 1
                else:
                    report.documents_seen += 1
            outcomes = self._upsert_claims(ds.claims)
            report.claims_new += outcomes.count("new")
            report.claims_updated += outcomes.count("updated")
            report.claims_kept += outcomes.count("kept")
            for link in ds.links:
                report.links_new += self.put_link(link)
            self._restore_curation(ds)
        return report

    def _restore_curation(self, ds: Dataset) -> None:
        """Verdicts, unlinked pairs and merges carried by a JSON export."""
        for merge in ds.merges:
            if self.actors_by_id([merge.source]) and self.actors_by_id([merge.into]):
                self.merge_actors(merge.into, merge.source)
            else:
                self.record_merge(merge.source, merge.into)
        for pair in ds.unlinked:
            self.unlink(pair.a, pair.b, pair.note)
        for verdict in ds.verdicts:
            self.add_verdict(verdict)
        for seen in ds.appearances:
            self.db.execute(
                "INSERT OR IGNORE INTO appearances (document_id, source, url, seen_at) "
                "SELECT id, ?, ?, ? FROM documents WHERE id = ?",
                (seen.source, seen.url, seen.seen_at, seen.document),
            )

    def _apply_merges(self, ds: Dataset) -> Dataset:
        """Rewrite actor ids a curator merged away, so re-ingest does not split them again."""
        merges = self.merges()
        if not merges or not any(a.id in merges or a.affiliation in merges for a in ds.actors):
            return ds

        def m(aid: str | None) -> str | None:
            return self.merged_into(aid) if aid is not None and aid in merges else aid

        actors: dict[str, Actor] = {}
        for a in ds.actors:
            new_id = m(a.id) or a.id
            aliases = [*a.aliases, a.name] if new_id != a.id else a.aliases
            moved = a.model_copy(
                update={"id": new_id, "affiliation": m(a.affiliation), "aliases": aliases}
            )
            if new_id in actors:
                prev = actors[new_id]
                moved = prev.model_copy(
                    update={"aliases": sorted({*prev.aliases, *aliases} - {prev.name})}
                )
            actors[new_id] = moved
        return ds.model_copy(
            update={
                "actors": list(actors.values()),
                "claims": [
                    c.model_copy(
                        update={"speaker": m(c.speaker), "via": [m(v) or v for v in c.via]}
                    )
                    for c in ds.claims
                ],
                "documents": [d.model_copy(update={"outlet": m(d.outlet)}) for d in ds.documents],
            }
        )

    def _upsert_actors(self, actors: Sequence[Actor]) -> int:
        """Store actors, merging each with what is stored; returns how many are new.

        One read and a few statements for all of them: an article names a handful of actors,
        nearly all stored already and unchanged, and a statement each cost more than the rest
        of the ingest. The result is what storing them one by one, in order, gives.
        """
        # Per actor id: (kind, role, affiliation, country, origin), as stored so far.
        stored: dict[str, tuple[Any, ...]] = {}
        for chunk in _chunks(list({a.id: None for a in actors}), 500):
            marks = ",".join("?" * len(chunk))
            for r in self._tuples(
                f"SELECT id, kind, role, affiliation, country, origin FROM actors "
                f"WHERE id IN ({marks})",
                chunk,
            ):
                stored[r[0]] = r[1:]
        inserts: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        aliases: list[tuple[str, str, str]] = []
        for actor in actors:
            row = stored.get(actor.id)
            if row is None:
                values = (actor.kind, actor.role, actor.affiliation, actor.country, actor.origin)
                inserts.append((actor.id, actor.name, *values))
            else:
                values = _merged_actor(actor, row)
                if values != row:  # rewriting the same values would change nothing
                    updates.append((*values, actor.id))
            stored[actor.id] = values
            aliases.extend(
                (actor.id, alias, normalize_name(alias)) for alias in {actor.name, *actor.aliases}
            )
        # Inserts first: an update of an actor inserted here comes after it in the list too.
        self.db.executemany(
            "INSERT INTO actors (id, name, kind, role, affiliation, country, origin) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            inserts,
        )
        self.db.executemany(
            "UPDATE actors SET kind = ?, role = ?, affiliation = ?, country = ?, origin = ? "
            "WHERE id = ?",
            updates,
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO actor_aliases (actor_id, alias, norm) VALUES (?, ?, ?)",
            aliases,
        )
        return len(inserts)

    def _upsert_document(self, doc: Document, now: str, *, appearance: bool = True) -> bool:
        exists = self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if exists is None:
            self.db.execute(
                "INSERT INTO documents (id, text_hash, text, title, outlet, url, published, "
                "source, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc.id,
                    doc.text_hash,
                    doc.text,
                    doc.title,
                    doc.outlet,
                    doc.url,
                    doc.published.isoformat() if doc.published else None,
                    doc.source,
                    now,
                ),
            )
        else:
            # Fill in what an earlier ingest did not know; never overwrite.
            self.db.execute(
                "UPDATE documents SET title = COALESCE(title, ?), outlet = COALESCE(outlet, ?), "
                "url = COALESCE(url, ?), published = COALESCE(published, ?) WHERE id = ?",
                (
                    doc.title,
                    doc.outlet,
                    doc.url,
                    doc.published.isoformat() if doc.published else None,
                    doc.id,
                ),
            )
        if appearance:
            self.db.execute(
                "INSERT OR IGNORE INTO appearances (document_id, source, url, seen_at) "
                "VALUES (?, ?, ?, ?)",
                (doc.id, doc.source or "", doc.url or "", now),
            )
        return exists is None

    def _upsert_claims(self, claims: Sequence[Claim]) -> list[str]:
        """:meth:`_upsert_claim` for each claim, in order; new claims are written together.

        Most claims of an ingest are new: one read finds which, and each run of new claims
        is inserted in one statement, in input order (so rows are laid out as one at a time).
        """
        ids = [c.id for c in claims]
        if len(set(ids)) != len(ids):
            # The same claim twice: the second must see the first stored.
            return [self._upsert_claim(c) for c in claims]
        known: set[str] = set()
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            known.update(
                r[0] for r in self._tuples(f"SELECT id FROM claims WHERE id IN ({marks})", chunk)
            )
        outcomes: list[str] = []
        run: list[Claim] = []
        for claim in claims:
            if claim.id in known:
                self._insert_claims(run)
                run = []
                outcomes.append(self._upsert_claim(claim))
            else:
                run.append(claim)
                outcomes.append("new")
        self._insert_claims(run)
        return outcomes

    def _upsert_claim(self, claim: Claim) -> str:
        row = self.db.execute("SELECT origin FROM claims WHERE id = ?", (claim.id,)).fetchone()
        if row is not None:
            if row["origin"] == "curated" and claim.origin == "extracted":
                return "kept"
            stored = self.claims_by_id([claim.id])[0]
            # The status is the store's own assessment, not part of what an input says: a
            # re-ingested claim that differs only there is unchanged.
            if stored == claim.model_copy(update={"status": stored.status}):
                return "kept"
            self.db.execute("DELETE FROM claim_via WHERE claim_id = ?", (claim.id,))
            self.db.execute("DELETE FROM claims WHERE id = ?", (claim.id,))
        self._insert_claims([claim])
        return "new" if row is None else "updated"

    def _insert_claims(self, claims: Sequence[Claim]) -> None:
        """Insert claims that are not stored, with their relays."""
        if not claims:
            return
        self.db.executemany(
            f"INSERT INTO claims ({_CLAIM_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    claim.id,
                    claim.document,
                    claim.span[0],
                    claim.span[1],
                    claim.text,
                    claim.speaker,
                    claim.cue,
                    claim.cue_span[0] if claim.cue_span else None,
                    claim.cue_span[1] if claim.cue_span else None,
                    claim.channel,
                    int(claim.hedged),
                    claim.hedge,
                    claim.rule,
                    claim.why,
                    int(claim.unattributed),
                    json.dumps([q.model_dump(mode="json") for q in claim.quantities])
                    if claim.quantities
                    else "[]",  # most claims count nothing: what json.dumps gives, sooner
                    claim.event_date.isoformat() if claim.event_date else None,
                    claim.status,
                    claim.origin,
                )
                for claim in claims
            ],
        )
        via = [(c.id, hop, actor) for c in claims for hop, actor in enumerate(c.via, 1)]
        if via:
            self.db.executemany(
                "INSERT INTO claim_via (claim_id, hop, actor_id) VALUES (?, ?, ?)", via
            )

    def put_link(self, link: Link) -> int:
        """Store a link; an automatic one never replaces a manual or curated one.

        Returns:
            1 if the link is new, else 0.
        """
        if link.origin == "auto" and (
            self.is_suppressed(link.source, link.target)
            or self._has_curated_link(link.source, link.target)
        ):
            return 0
        row = self.db.execute("SELECT origin FROM links WHERE id = ?", (link.id,)).fetchone()
        if row is not None:
            if link.origin == "auto" and row["origin"] != "auto":
                return 0
            self.db.execute(
                "UPDATE links SET origin = ?, note = ? WHERE id = ?",
                (link.origin, link.note, link.id),
            )
            return 0
        self.db.execute(
            "INSERT INTO links (id, source, target, relation, origin, note) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (link.id, link.source, link.target, link.relation, link.origin, link.note),
        )
        return 1

    def put_auto_links(self, links: Sequence[Link]) -> int:
        """Store automatic links as :meth:`put_link` would one by one, in a few statements.

        Returns:
            How many of them are new.
        """
        ends = sorted({end for link in links for end in (link.source, link.target)})
        blocked: set[tuple[str, str]] = set()
        existing: dict[str, str] = {}
        for chunk in _chunks(ends, 400):
            marks = ",".join("?" * len(chunk))
            blocked.update(
                (r[0], r[1])
                for r in self.db.execute(
                    f"SELECT a, b FROM link_suppressions WHERE a IN ({marks})", chunk
                )
            )
            blocked.update(
                _pair(r[0], r[1])
                for r in self.db.execute(
                    f"SELECT source, target FROM links WHERE origin != 'auto' "
                    f"AND source IN ({marks})",
                    chunk,
                )
            )
        for chunk in _chunks(sorted({link.id for link in links}), 400):
            marks = ",".join("?" * len(chunk))
            existing.update(
                (r[0], r[1])
                for r in self.db.execute(
                    f"SELECT id, origin FROM links WHERE id IN ({marks})", chunk
                )
            )
        wanted = [k for k in links if _pair(k.source, k.target) not in blocked]
        new = [k for k in wanted if k.id not in existing]
        self.db.executemany(
            "INSERT INTO links (id, source, target, relation, origin, note) "
            "VALUES (?, ?, ?, ?, 'auto', ?)",
            [(k.id, k.source, k.target, k.relation, k.note) for k in new],
        )
        self.db.executemany(
            "UPDATE links SET note = ? WHERE id = ? AND origin = 'auto'",
            [(k.note, k.id) for k in wanted if existing.get(k.id) == "auto"],
        )
        return len(new)

    def auto_link_ids(self) -> set[str]:
        """Ids of every automatic link."""
        return {r[0] for r in self.db.execute("SELECT id FROM links WHERE origin = 'auto'")}

    def delete_auto_links(self) -> None:
        """Remove every automatic link (before judging every pair again)."""
        self.db.execute("DELETE FROM links WHERE origin = 'auto'")

    def _has_curated_link(self, a: str, b: str) -> bool:
        # A curator's word on a pair (any relation) leaves no room for an automatic link.
        return (
            self.db.execute(
                "SELECT 1 FROM links WHERE origin != 'auto' AND ((source = ? AND target = ?) "
                "OR (source = ? AND target = ?))",
                (a, b, b, a),
            ).fetchone()
            is not None
        )

    # ------------------------------------------------------------------ blocking keys

    def put_keys(self, keys: Mapping[str, Iterable[int]]) -> None:
        """Replace the blocking keys of these claims (claim id -> key codes, see
        :func:`provenance.store.keys.key_code`)."""
        ids = sorted(keys)
        stale: list[tuple[int, str]] = []
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            for cid, blob in self.db.execute(
                f"SELECT claim_id, codes FROM claim_key_sets WHERE claim_id IN ({marks})", chunk
            ):
                stale.extend((code, cid) for code in unpack_codes(blob))
        if stale:
            self.db.executemany(
                "DELETE FROM claim_keys WHERE key = ? AND claim_id = ?", sorted(stale)
            )
        sets = {cid: sorted(set(keys[cid])) for cid in ids}
        self.db.executemany(
            "INSERT OR REPLACE INTO claim_key_sets (claim_id, codes) VALUES (?, ?)",
            ((cid, pack_codes(codes)) for cid, codes in sets.items()),
        )
        # In key order: the index pages are then visited in order (a third faster, measured).
        self.db.executemany(
            "INSERT OR IGNORE INTO claim_keys (key, claim_id) VALUES (?, ?)",
            sorted((k, cid) for cid, codes in sets.items() for k in codes),
        )

    def key_members(
        self, keys: Iterable[int], *, cap: Callable[[int], int | None] = lambda key: None
    ) -> dict[int, list[str]]:
        """The claims indexed under each of these key codes (code -> claim ids, in id order).

        Args:
            keys: codes of blocking keys.
            cap: the most members a key's block may have (``None``: no limit); a bigger block
                is left out (boilerplate identifies nothing, and pairing it would make linking
                quadratic). Every block is also limited to :data:`MAX_BLOCK` members.
        """
        out: dict[int, list[str]] = {}
        for chunk in _chunks(sorted(set(keys)), 500):
            marks = ",".join("?" * len(chunk))
            for key, cid in self.db.execute(
                f"SELECT key, claim_id FROM claim_keys WHERE key IN ({marks})", chunk
            ):
                out.setdefault(key, []).append(cid)
        for key in list(out):
            limit = cap(key)
            limit = MAX_BLOCK if limit is None else min(limit, MAX_BLOCK)
            if len(out[key]) > limit:
                del out[key]
        return out

    def all_claim_ids(self) -> list[str]:
        """Every claim id, in id order."""
        return [r[0] for r in self.db.execute("SELECT id FROM claims ORDER BY id")]

    # ------------------------------------------------------------------ reading: claims

    def resolve_claim(self, ref: str) -> str:
        """The full id of the claim named by ``ref``: an id, a unique id prefix, or a text.

        A text that is not an id prefix names the one claim whose text contains it.

        Raises:
            NotFoundError: nothing matches.
            AmbiguousError: several claims match; the message lists some.
        """
        ref = ref.strip()
        if not ref:
            raise NotFoundError("no claim named: give a claim id or id prefix")
        ids = [
            r[0]
            for r in self.db.execute(
                "SELECT id FROM claims WHERE id >= ? AND id < ? ORDER BY id LIMIT 6",
                (ref, ref + "\uffff"),
            )
        ]
        if not ids:
            rows = self.db.execute(
                "SELECT id, text FROM claims WHERE text LIKE ? ESCAPE '\\' ORDER BY id LIMIT 50",
                (_like(ref),),
            ).fetchall()
            ids = [r[0] for r in rows]
            # LIKE ignores case; when that is what makes it ambiguous, the exact case decides.
            exact = [r[0] for r in rows if ref in r[1]]
            if len(ids) > 1 and len(exact) == 1:
                ids = exact
        if not ids:
            raise NotFoundError(f"no claim {ref!r}; list claims with 'provenance claims'")
        if len(ids) > 1:
            shown = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
            raise AmbiguousError(f"{ref!r} names several claims ({shown}); give more of the id")
        return str(ids[0])

    def claim(self, ref: str) -> Claim:
        """The claim named by an id, unique id prefix or unique text fragment."""
        cid = self.resolve_claim(ref)
        return self.claims_by_id([cid])[0]

    def claims_by_id(self, ids: Sequence[str]) -> list[Claim]:
        """Claims with these ids, in the given order (unknown ids are skipped)."""
        if not ids:
            return []
        found: dict[str, Claim] = {}
        for chunk in _chunks(list(dict.fromkeys(ids)), 500):
            marks = ",".join("?" * len(chunk))
            rows = self._tuples(f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE id IN ({marks})", chunk)
            via = self._via_of([r[0] for r in rows])
            for r in rows:
                found[r[0]] = _claim_from_row(r, via.get(r[0], []))
        return [found[i] for i in ids if i in found]

    def _tuples(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of a query as plain tuples, for readers that take columns by position
        (a :class:`sqlite3.Row` costs an object a row and a name lookup a column)."""
        cursor = self.db.cursor()
        cursor.row_factory = None
        return cursor.execute(sql, args).fetchall()

    def _via_of(self, claim_ids: Sequence[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for chunk in _chunks(list(claim_ids), 500):
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(
                f"SELECT claim_id, actor_id FROM claim_via WHERE claim_id IN ({marks}) "
                "ORDER BY claim_id, hop",
                chunk,
            ):
                out.setdefault(r[0], []).append(r[1])
        return out

    def find_claims(
        self,
        *,
        speaker: str | None = None,
        outlet: str | None = None,
        document: str | None = None,
        search: str | None = None,
        include_unattributed: bool = False,
        limit: int | None = None,
    ) -> list[Claim]:
        """Claims filtered by speaker, carrying outlet (publisher or relay), document and text.

        Actors are matched by id, by any alias (normalised) or by a fragment of their name;
        documents by id prefix or a fragment of their source path.
        """
        where: list[str] = []
        args: list[Any] = []
        if not include_unattributed:
            where.append("c.unattributed = 0")
        if speaker is not None:
            ids = self.match_actors(speaker)
            where.append(f"c.speaker_id IN ({','.join('?' * len(ids)) or 'NULL'})")
            args += ids
        if outlet is not None:
            ids = self.match_actors(outlet)
            marks = ",".join("?" * len(ids)) or "NULL"
            where.append(
                f"(d.outlet IN ({marks}) OR EXISTS (SELECT 1 FROM claim_via v "
                f"WHERE v.claim_id = c.id AND v.actor_id IN ({marks})))"
            )
            args += ids + ids
        if document is not None:
            where.append("(d.id LIKE ? ESCAPE '\\' OR d.source LIKE ? ESCAPE '\\')")
            args += [_like(document, contains=False), _like(document)]
        if search is not None:
            where.append("c.text LIKE ? ESCAPE '\\'")
            args.append(_like(search))
        sql = (
            "SELECT c.id FROM claims c JOIN documents d ON d.id = c.document_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY d.published, d.id, c.start"
            + (f" LIMIT {int(limit)}" if limit else "")
        )
        return self.claims_by_id([r[0] for r in self.db.execute(sql, args)])

    # ------------------------------------------------------------------ reading: actors

    def match_actors(self, term: str) -> list[str]:
        """Ids of actors named by ``term``: exact id, alias, or name fragment."""
        norm = normalize_name(term)
        ids = [r[0] for r in self.db.execute("SELECT id FROM actors WHERE id = ?", (term,))]
        ids += [
            r[0]
            for r in self.db.execute(
                "SELECT DISTINCT actor_id FROM actor_aliases WHERE norm = ?", (norm,)
            )
        ]
        if not ids and norm:
            ids = [
                r[0]
                for r in self.db.execute(
                    "SELECT DISTINCT actor_id FROM actor_aliases WHERE norm LIKE ? ESCAPE '\\'",
                    (_like(norm),),
                )
            ]
        return list(dict.fromkeys(ids))

    def actor(self, ref: str) -> Actor:
        """The one actor named by ``ref`` (id, alias or unique name fragment)."""
        ids = self.match_actors(ref)
        if not ids:
            raise NotFoundError(f"no actor {ref!r}; list actors with 'provenance speakers'")
        if len(ids) > 1:
            raise AmbiguousError(f"{ref!r} names several actors ({', '.join(ids[:5])})")
        return self.actors_by_id(ids)[0]

    def actors_by_id(self, ids: Iterable[str]) -> list[Actor]:
        """Actors with these ids (unknown ids are skipped), with their aliases."""
        wanted = list(dict.fromkeys(ids))
        out: dict[str, Actor] = {}
        for chunk in _chunks(wanted, 500):
            marks = ",".join("?" * len(chunk))
            aliases: dict[str, list[str]] = {}
            for r in self.db.execute(
                f"SELECT actor_id, alias FROM actor_aliases WHERE actor_id IN ({marks}) "
                "ORDER BY alias",
                chunk,
            ):
                aliases.setdefault(r[0], []).append(r[1])
            for r in self.db.execute(f"SELECT * FROM actors WHERE id IN ({marks})", chunk):
                out[r["id"]] = _actor_from_row(r, aliases.get(r["id"], []))
        return [out[i] for i in wanted if i in out]

    def actors_by_origin(self, origin: str) -> list[Actor]:
        """Actors added by one origin (``registry`` for user registry entries)."""
        return self.actors_by_id(
            r[0]
            for r in self.db.execute(
                "SELECT id FROM actors WHERE origin = ? ORDER BY id", (origin,)
            )
        )

    def actors(self) -> list[Actor]:
        """Every actor, by id."""
        return self.actors_by_id(r[0] for r in self.db.execute("SELECT id FROM actors ORDER BY id"))

    def claim_counts(self) -> dict[str, dict[str, int]]:
        """Per actor id: claims spoken (``said``) and relayed (``relayed``)."""
        out: dict[str, dict[str, int]] = {}
        for r in self.db.execute(
            "SELECT speaker_id, COUNT(*) FROM claims WHERE speaker_id IS NOT NULL "
            "GROUP BY speaker_id"
        ):
            out.setdefault(r[0], {"said": 0, "relayed": 0})["said"] = r[1]
        for r in self.db.execute("SELECT actor_id, COUNT(*) FROM claim_via GROUP BY actor_id"):
            out.setdefault(r[0], {"said": 0, "relayed": 0})["relayed"] = r[1]
        return out

    # ------------------------------------------------------------------ reading: documents, links

    def documents_by_id(self, ids: Iterable[str]) -> list[Document]:
        """Documents with these ids (unknown ids are skipped)."""
        wanted = list(dict.fromkeys(ids))
        out: dict[str, Document] = {}
        for chunk in _chunks(wanted, 500):
            marks = ",".join("?" * len(chunk))
            for r in self._tuples(
                f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id IN ({marks})", chunk
            ):
                out[r[0]] = _document_from_row(r)
        return [out[i] for i in wanted if i in out]

    def documents(self) -> list[Document]:
        """Every document, oldest publication first."""
        return self.documents_by_id(
            r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY published, id")
        )

    def appearances(self, document: str) -> list[dict[str, str]]:
        """Every path and URL a document was ingested from."""
        return [
            {"source": r["source"], "url": r["url"], "seen_at": r["seen_at"]}
            for r in self.db.execute(
                "SELECT * FROM appearances WHERE document_id = ? ORDER BY seen_at", (document,)
            )
        ]

    def links_of(self, claim_ids: Iterable[str]) -> list[Link]:
        """Links touching any of these claims."""
        wanted = list(dict.fromkeys(claim_ids))
        out: dict[str, Link] = {}
        for chunk in _chunks(wanted, 400):
            marks = ",".join("?" * len(chunk))
            for r in self._tuples(
                f"SELECT {_LINK_COLUMNS} FROM links "
                f"WHERE source IN ({marks}) OR target IN ({marks})",
                chunk + chunk,
            ):
                out[r[0]] = _link_from_row(r)
        return sorted(out.values(), key=lambda link: link.id)

    def links(self) -> list[Link]:
        """Every link."""
        return [
            _link_from_row(r)
            for r in self._tuples(f"SELECT {_LINK_COLUMNS} FROM links ORDER BY id")
        ]

    # ------------------------------------------------------------------ whole views

    def counts(self) -> dict[str, int]:
        """How many documents, actors, claims and links the store holds."""
        return {
            table: int(self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            for table in ("documents", "actors", "claims", "links")
        }

    def dataset(self) -> Dataset:
        """Everything in the store as one Dataset (for export and whole-graph analysis)."""
        claim_ids = [r[0] for r in self.db.execute("SELECT id FROM claims ORDER BY id")]
        return Dataset(
            documents=self.documents(),
            actors=self.actors(),
            claims=self.claims_by_id(claim_ids),
            links=self.links(),
            verdicts=self.verdicts(),
            unlinked=[Unlinked(a=a, b=b, note=note) for a, b, note in self.suppressions()],
            merges=[Merge(source=k, into=v) for k, v in sorted(self.merges().items())],
            appearances=self._extra_appearances(),
        )

    def _extra_appearances(self) -> list[Appearance]:
        """Every appearance of the documents seen elsewhere than their own source and URL."""
        by_doc: dict[str, list[Appearance]] = {}
        elsewhere: set[str] = set()
        for r in self.db.execute(
            "SELECT a.document_id, a.source, a.url, a.seen_at, d.source AS own_source, "
            "d.url AS own_url FROM appearances a JOIN documents d ON d.id = a.document_id "
            "ORDER BY a.document_id, a.source, a.url"
        ):
            doc = r["document_id"]
            by_doc.setdefault(doc, []).append(
                Appearance(document=doc, source=r["source"], url=r["url"], seen_at=r["seen_at"])
            )
            if (r["source"], r["url"]) != (r["own_source"] or "", r["own_url"] or ""):
                elsewhere.add(doc)
        return [a for doc in sorted(elsewhere) for a in by_doc[doc]]

    def claims_in_context(self, claim_ids: Sequence[str]) -> Dataset:
        """These claims with their documents and actors (affiliations followed to their
        roots), without links: what comparing the claims needs."""
        return self._context(list(claim_ids), [])

    def _context(self, claim_ids: list[str], links: list[Link]) -> Dataset:
        claims = self.claims_by_id(claim_ids)
        docs = self.documents_by_id({c.document: None for c in claims})
        actor_ids = {c.speaker for c in claims if c.speaker}
        actor_ids.update(a for c in claims if c.via for a in c.via)
        actor_ids.update(d.outlet for d in docs if d.outlet)
        # Built without validation, like its records: validating would hash every document
        # text again (a third of the cost of reading a neighbourhood).
        return _built(
            Dataset,
            format=FORMAT,
            documents=docs,
            actors=self._with_affiliations(actor_ids),
            claims=claims,
            links=links,
            verdicts=[],
            unlinked=[],
            merges=[],
            appearances=[],
        )

    def neighbourhood(self, claim_ids: Sequence[str]) -> Dataset:
        """The claims, the claims linked to them, and the documents and actors they need.

        This is what a trace reads: a bounded slice of the store, never the whole graph.
        Affiliations are followed to their roots so independence can be judged.
        """
        links = self.links_of(claim_ids)
        ids = list(
            dict.fromkeys(
                [*claim_ids, *(end for link in links for end in (link.source, link.target))]
            )
        )
        return self._context(ids, links)

    def _with_affiliations(self, ids: set[str]) -> list[Actor]:
        seen: dict[str, Actor] = {}
        frontier = set(ids)
        while frontier:
            batch = self.actors_by_id(sorted(frontier - seen.keys()))
            frontier = set()
            for actor in batch:
                seen[actor.id] = actor
                if actor.affiliation and actor.affiliation not in seen:
                    frontier.add(actor.affiliation)
        return sorted(seen.values(), key=lambda a: a.id)


# ---------------------------------------------------------------------- row conversion


def _merged_actor(actor: Actor, row: Sequence[Any]) -> tuple[Any, ...]:
    """An actor's (kind, role, affiliation, country, origin) merged into a stored row of them.

    Fields set by a more trusted origin than the incoming one are kept; unknown ones are filled.
    """
    kind, role, affiliation, country, origin = row
    wins = _ORIGIN_RANK.get(actor.origin or "", 0) >= _ORIGIN_RANK.get(origin or "", 0)

    def pick(value: Any, old: Any) -> Any:
        return value if value is not None and (wins or old is None) else old

    if actor.kind != "unknown" and (wins or kind == "unknown"):
        kind = actor.kind
    return (
        kind,
        pick(actor.role, role),
        pick(actor.affiliation, affiliation),
        pick(actor.country, country),
        actor.origin if wins else origin,
    )


# Rows become records without validation: the store validated every record on the way in, and
# re-validating (a SHA-256 of every document text, each quantity) on every read was most of the
# cost of reading a neighbourhood. Types the columns do not carry (dates, spans) are converted
# here.

_M = TypeVar("_M", bound=BaseModel)
_T = TypeVar("_T")


def _built(cls: type[_M], **values: Any) -> _M:
    """A record from values already of the right types, every field given, in field order.

    What ``model_construct`` does for such values, without its per-field loop over aliases and
    defaults (which cost more than reading the row: measured 17 us a claim).
    """
    record = cls.__new__(cls)
    object.__setattr__(record, "__dict__", values)
    object.__setattr__(record, "__pydantic_fields_set__", set(values))
    object.__setattr__(record, "__pydantic_extra__", None)
    object.__setattr__(record, "__pydantic_private__", None)
    return record


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


_QUANTITY_FIELDS = len(Quantity.model_fields)


def _quantities(column: str) -> list[Quantity]:
    if column == "[]":
        return []  # most claims count nothing: skip the JSON parser
    return list(_decoded_quantities(column))


@functools.lru_cache(maxsize=8192)
def _decoded_quantities(column: str) -> tuple[Quantity, ...]:
    # Memoised: the claims of a batch and their neighbours often count the same things (one
    # figure repeated by many outlets: four in five columns read are one seen before). The
    # records are shared between claims, which is safe as nothing changes a Quantity in place.
    return tuple(
        _built(Quantity, **q) if len(q) == _QUANTITY_FIELDS else Quantity.model_construct(**q)
        for q in json.loads(column)
    )  # written by model_dump: every field, in order (model_construct fills older rows in)


def _claim_from_row(r: Sequence[Any], via: list[str]) -> Claim:
    """A claim from a row of :data:`_CLAIM_COLUMNS`, in that order."""
    (
        cid,
        document,
        start,
        end,
        text,
        speaker,
        cue,
        cue_start,
        cue_end,
        channel,
        hedged,
        hedge,
        rule,
        why,
        unattributed,
        quantities,
        event_date,
        status,
        origin,
    ) = r
    return _built(
        Claim,
        id=cid,
        document=document,
        span=(start, end),
        text=text,
        speaker=speaker,
        via=via,
        cue=cue,
        cue_span=(cue_start, cue_end) if cue_start is not None else None,
        channel=channel,
        hedged=bool(hedged),
        hedge=hedge,
        rule=rule,
        why=why,
        unattributed=bool(unattributed),
        quantities=_quantities(quantities),
        event_date=_date(event_date),
        status=status,
        origin=origin,
    )


def _actor_from_row(r: sqlite3.Row, aliases: list[str]) -> Actor:
    return Actor(
        id=r["id"],
        name=r["name"],
        kind=r["kind"],
        aliases=[a for a in aliases if a != r["name"]],
        role=r["role"],
        affiliation=r["affiliation"],
        country=r["country"],
        origin=r["origin"],
    )


def _document_from_row(r: Sequence[Any]) -> Document:
    """A document from a row of :data:`_DOCUMENT_COLUMNS`, in that order."""
    did, text, hash_, title, outlet, url, published, source = r
    return _built(
        Document,
        id=did,
        text=text,
        text_hash=hash_,
        title=title,
        outlet=outlet,
        url=url,
        published=_date(published),
        source=source,
    )


def _link_from_row(r: Sequence[Any]) -> Link:
    """A link from a row of :data:`_LINK_COLUMNS`, in that order."""
    lid, source, target, relation, origin, note = r
    return _built(
        Link, id=lid, source=source, target=target, relation=relation, origin=origin, note=note
    )


def _like(text: str, *, contains: bool = True) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%" if contains else f"{escaped}%"


def _chunks(items: list[_T], size: int) -> Iterator[list[_T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
