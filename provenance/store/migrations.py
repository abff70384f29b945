"""The store's schema, as an ordered list of migrations applied on open.

``PRAGMA user_version`` records how many migrations a store has had. Opening a store applies
the missing ones in one transaction each, so a store written by any earlier version opens with
the current code; a store whose version is newer than this code knows is refused rather than
guessed at. Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

import itertools
import operator
import sqlite3
from collections.abc import Callable

from provenance.errors import StoreError
from provenance.store.keys import key_code, pack_codes

Migration = Callable[[sqlite3.Connection], None]


def _run_script(db: sqlite3.Connection, script: str) -> None:
    # Not executescript(): it commits first, which would break the migration's transaction.
    # So no semicolon may appear inside a comment of a migration script.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _m001_initial(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE documents (
            id          TEXT PRIMARY KEY,
            text_hash   TEXT NOT NULL UNIQUE,
            text        TEXT NOT NULL,
            title       TEXT,
            outlet      TEXT,
            url         TEXT,
            published   TEXT,
            source      TEXT,
            ingested_at TEXT NOT NULL
        );
        -- Every path or URL a document text was ingested from (the same text twice is one
        -- document with two appearances).
        CREATE TABLE appearances (
            document_id TEXT NOT NULL REFERENCES documents(id),
            source      TEXT NOT NULL DEFAULT '',
            url         TEXT NOT NULL DEFAULT '',
            seen_at     TEXT NOT NULL,
            PRIMARY KEY (document_id, source, url)
        );
        CREATE TABLE actors (
            id          TEXT PRIMARY KEY,
            name        TEXT NOT NULL,
            kind        TEXT NOT NULL,
            role        TEXT,
            affiliation TEXT,
            country     TEXT,
            origin      TEXT
        );
        CREATE TABLE actor_aliases (
            actor_id TEXT NOT NULL REFERENCES actors(id),
            alias    TEXT NOT NULL,
            norm     TEXT NOT NULL,
            PRIMARY KEY (actor_id, alias)
        );
        CREATE INDEX actor_aliases_norm ON actor_aliases(norm);
        CREATE TABLE claims (
            id           TEXT PRIMARY KEY,
            document_id  TEXT NOT NULL REFERENCES documents(id),
            start        INTEGER NOT NULL,
            end          INTEGER NOT NULL,
            text         TEXT NOT NULL,
            speaker_id   TEXT,
            cue          TEXT,
            cue_start    INTEGER,
            cue_end      INTEGER,
            channel      TEXT,
            hedged       INTEGER NOT NULL DEFAULT 0,
            hedge        TEXT,
            rule         TEXT,
            why          TEXT,
            unattributed INTEGER NOT NULL DEFAULT 0,
            quantities   TEXT NOT NULL DEFAULT '[]',
            event_date   TEXT,
            status       TEXT NOT NULL DEFAULT 'unconfirmed',
            origin       TEXT NOT NULL DEFAULT 'extracted'
        );
        CREATE INDEX claims_document ON claims(document_id);
        CREATE INDEX claims_speaker ON claims(speaker_id);
        CREATE TABLE claim_via (
            claim_id TEXT NOT NULL REFERENCES claims(id),
            hop      INTEGER NOT NULL,
            actor_id TEXT NOT NULL,
            PRIMARY KEY (claim_id, hop)
        );
        CREATE INDEX claim_via_actor ON claim_via(actor_id);
        CREATE TABLE links (
            id       TEXT PRIMARY KEY,
            source   TEXT NOT NULL,
            target   TEXT NOT NULL,
            relation TEXT NOT NULL,
            origin   TEXT NOT NULL,
            note     TEXT
        );
        CREATE INDEX links_source ON links(source);
        CREATE INDEX links_target ON links(target);
        """,
    )


def _m002_curation(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        -- Pairs a curator unlinked: automatic linking must not link them again.
        CREATE TABLE link_suppressions (
            a    TEXT NOT NULL,
            b    TEXT NOT NULL,
            note TEXT,
            at   TEXT NOT NULL,
            PRIMARY KEY (a, b)
        );
        -- Actors a curator declared to be one entity: ingest maps from_id to into_id.
        CREATE TABLE actor_merges (
            from_id TEXT PRIMARY KEY,
            into_id TEXT NOT NULL,
            at      TEXT NOT NULL
        );
        -- The verdict history of each claim: the latest row is the current rating.
        CREATE TABLE verdicts (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            claim_id    TEXT NOT NULL,
            rating      TEXT NOT NULL,
            explanation TEXT,
            by          TEXT,
            at          TEXT NOT NULL
        );
        CREATE INDEX verdicts_claim ON verdicts(claim_id);
        -- Blocking keys of each claim (place, entities, date): candidate pairs for linking.
        CREATE TABLE claim_keys (
            key      TEXT NOT NULL,
            claim_id TEXT NOT NULL,
            PRIMARY KEY (key, claim_id)
        );
        CREATE INDEX claim_keys_claim ON claim_keys(claim_id)
        """,
    )


def _m003_assessment(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        -- Independent source groups found by the last assessment: lets 'unconfirmed
        -- --min-sources N' answer from an index for any N.
        ALTER TABLE claims ADD COLUMN independent_sources INTEGER;
        CREATE INDEX claims_status ON claims(status, independent_sources)
        """,
    )


def _m004_verdict_origin(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        -- Verdicts imported from published ClaimReview markup: who checked it is in 'by',
        -- 'origin' tells them from a store user's own ratings, 'url' is the published review.
        ALTER TABLE verdicts ADD COLUMN origin TEXT NOT NULL DEFAULT 'rated';
        ALTER TABLE verdicts ADD COLUMN url TEXT
        """,
    )


def _period_first(key: str) -> str:
    """A blocking key of schema 4 (``stmt:<hash>|<week>``, ``said:<org>|<week>|<word>``,
    ``place:<place>|<week>|<family>``) in the form of schema 5 (``<week>|stmt:<hash>``...)."""
    kind, _, rest = key.partition(":")
    parts = rest.split("|")
    if kind == "stmt" and len(parts) == 2:
        return f"{parts[1]}|stmt:{parts[0]}"
    if kind in ("said", "place", "deny") and len(parts) == 3:
        return f"{parts[1]}|{kind}:{parts[0]}|{parts[2]}"
    return key


def _m005_period_first_keys(db: sqlite3.Connection) -> None:
    # Blocking keys lead with their week, so one week's keys sit together in the index (an
    # ingest of today's news then writes to a few hot pages instead of all over the index).
    db.create_function("period_first", 1, _period_first, deterministic=True)
    db.execute("UPDATE claim_keys SET key = period_first(key)")


def _code_or_none(key: str) -> int | None:
    # Keys are derived data ('relink' writes them again): one of no known kind is dropped.
    try:
        return key_code(key)
    except ValueError:
        return None


def _m006_key_codes(db: sqlite3.Connection) -> None:
    # Blocking keys as integer codes (see provenance.store.keys) in a table without rowids,
    # and each claim's codes in one row instead of an index by claim: the text keys, their
    # rowid table and that index were three quarters of a large store, and the index's
    # scattered inserts the costliest part of indexing a new claim.
    db.create_function("key_code", 1, _code_or_none, deterministic=True)
    _run_script(
        db,
        """
        CREATE TABLE claim_key_codes (
            key      INTEGER NOT NULL,
            claim_id TEXT NOT NULL,
            PRIMARY KEY (key, claim_id)
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO claim_key_codes (key, claim_id)
            SELECT code, claim_id FROM (SELECT key_code(key) AS code, claim_id FROM claim_keys)
            WHERE code IS NOT NULL ORDER BY 1, 2;
        DROP TABLE claim_keys;
        ALTER TABLE claim_key_codes RENAME TO claim_keys;
        -- The codes of each claim's keys (8 bytes each), to find them when it is keyed again.
        CREATE TABLE claim_key_sets (
            claim_id TEXT PRIMARY KEY,
            codes    BLOB NOT NULL
        ) WITHOUT ROWID
        """,
    )
    rows = db.execute("SELECT claim_id, key FROM claim_keys ORDER BY claim_id, key").fetchall()
    db.executemany(
        "INSERT INTO claim_key_sets (claim_id, codes) VALUES (?, ?)",
        (
            (cid, pack_codes(code for _, code in group))
            for cid, group in itertools.groupby(rows, key=operator.itemgetter(0))
        ),
    )


MIGRATIONS: list[Migration] = [
    _m001_initial,
    _m002_curation,
    _m003_assessment,
    _m004_verdict_origin,
    _m005_period_first_keys,
    _m006_key_codes,
]
"""Applied in order; ``user_version`` is the number applied so far."""

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: sqlite3.Connection, *, path: str) -> int:
    """Bring the schema of ``db`` up to :data:`SCHEMA_VERSION`; return the version found.

    Each migration runs in its own transaction together with its ``user_version`` bump, so an
    interrupted upgrade leaves the store at the last complete version.
    """
    (found,) = db.execute("PRAGMA user_version").fetchone()
    _check_known(found, path)
    if found >= SCHEMA_VERSION:
        # Up to date: take no write lock, so that opening a store to read never waits for
        # (or fails behind) another process's long ingest.
        return int(found)
    while True:
        # Re-read the version under the write lock: another process may have migrated the
        # store while this one waited for the lock.
        db.execute("BEGIN IMMEDIATE")
        try:
            (version,) = db.execute("PRAGMA user_version").fetchone()
            _check_known(version, path)
            if version >= SCHEMA_VERSION:
                db.execute("COMMIT")
                return int(found)
            MIGRATIONS[version](db)
            db.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


def _check_known(version: int, path: str) -> None:
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: written by a newer provenance (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); upgrade provenance"
        )
