"""Manual curation: what a fact-checker decides wins over automation and survives re-ingest.

* ``link`` / ``unlink``: a manual link replaces any automatic link between the same two claims;
  an unlinked pair is remembered so automatic linking never links it again.
* ``affiliate``: sets who an actor speaks for (origin ``manual``, which no ingest overrides).
* ``merge``: two actor ids are one entity; claims, relays, outlets and affiliations move to the
  kept actor, and later ingests map the merged id to it.
* ``rate``: appends to a claim's verdict history (who, when, why).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator

from provenance.errors import NotFoundError, UsageError
from provenance.model import Actor, Link, Verdict, actor_id, link_id, normalize_name


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


_VERDICT_COLUMNS = "claim_id, rating, explanation, by, at, origin, url"


def _verdict_from_row(r: sqlite3.Row) -> Verdict:
    return Verdict(
        claim=r[0],
        rating=r[1],
        explanation=r[2],
        by=r[3],
        at=r[4],
        origin=r[5],
        url=r[6],
    )


class CurationMixin:
    """Curation operations of :class:`provenance.store.Store` (needs ``self.db``)."""

    db: sqlite3.Connection

    # ------------------------------------------------------------------ links

    def is_suppressed(self, a: str, b: str) -> bool:
        """Whether a curator unlinked these two claims."""
        return (
            self.db.execute(
                "SELECT 1 FROM link_suppressions WHERE a = ? AND b = ?", _pair(a, b)
            ).fetchone()
            is not None
        )

    def link_manually(self, source: str, target: str, relation: str, note: str | None) -> Link:
        """Record a curator's link; it replaces every other link between the two claims."""
        if source == target:
            raise UsageError("a claim cannot be linked to itself")
        link = Link(
            id=link_id(source, target, relation),
            source=source,
            target=target,
            relation=relation,  # type: ignore[arg-type]
            origin="manual",
            note=note,
        )
        self.db.execute(
            "DELETE FROM links WHERE (source = ? AND target = ?) OR (source = ? AND target = ?)",
            (source, target, target, source),
        )
        self.db.execute(
            "DELETE FROM link_suppressions WHERE a = ? AND b = ?", _pair(source, target)
        )
        self.db.execute(
            "INSERT INTO links (id, source, target, relation, origin, note) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (link.id, link.source, link.target, link.relation, link.origin, link.note),
        )
        return link

    def unlink(self, a: str, b: str, note: str | None = None) -> int:
        """Remove every link between two claims and keep automation from re-adding one.

        Returns:
            How many links were removed.
        """
        cur = self.db.execute(
            "DELETE FROM links WHERE (source = ? AND target = ?) OR (source = ? AND target = ?)",
            (a, b, b, a),
        )
        self.db.execute(
            "INSERT OR REPLACE INTO link_suppressions (a, b, note, at) VALUES (?, ?, ?, ?)",
            (*_pair(a, b), note, _now()),
        )
        return int(cur.rowcount)

    def suppressions(self) -> list[tuple[str, str, str | None]]:
        """Every unlinked pair with its note."""
        return [
            (r[0], r[1], r[2])
            for r in self.db.execute("SELECT a, b, note FROM link_suppressions ORDER BY a, b")
        ]

    # ------------------------------------------------------------------ actors

    def merged_into(self, aid: str) -> str:
        """The id an actor id now stands for (itself unless it was merged away)."""
        seen = {aid}
        while True:
            row = self.db.execute(
                "SELECT into_id FROM actor_merges WHERE from_id = ?", (aid,)
            ).fetchone()
            if row is None or row[0] in seen:
                return aid
            aid = row[0]
            seen.add(aid)

    def affiliate(self, actor: str, organisation: str) -> None:
        """Record that ``actor`` speaks for ``organisation`` (created if unknown).

        Raises:
            UsageError: the affiliation would make a loop.
        """
        org_row = self.db.execute("SELECT id FROM actors WHERE id = ?", (organisation,)).fetchone()
        if org_row is None:
            raise NotFoundError(f"no actor {organisation!r}")
        seen: set[str] = {actor}
        cur: str | None = organisation
        while cur is not None:
            if cur in seen:
                raise UsageError(
                    f"{actor} cannot be affiliated to {organisation}: that makes a loop"
                )
            seen.add(cur)
            row = self.db.execute("SELECT affiliation FROM actors WHERE id = ?", (cur,)).fetchone()
            cur = row[0] if row else None
        self.db.execute(
            "UPDATE actors SET affiliation = ?, origin = 'manual' WHERE id = ?",
            (organisation, actor),
        )

    def create_actor(self, name: str, kind: str = "organisation") -> Actor:
        """Add an actor a curator names (origin ``manual``); an existing one is returned as is."""
        aid = actor_id(name)
        row = self.db.execute("SELECT id FROM actors WHERE id = ?", (aid,)).fetchone()
        if row is None:
            self.db.execute(
                "INSERT INTO actors (id, name, kind, origin) VALUES (?, ?, ?, 'manual')",
                (aid, name, kind),
            )
            self.db.execute(
                "INSERT OR IGNORE INTO actor_aliases (actor_id, alias, norm) VALUES (?, ?, ?)",
                (aid, name, normalize_name(name)),
            )
        return Actor(id=aid, name=name, kind=kind, origin="manual")  # type: ignore[arg-type]

    def merge_actors(self, keep: str, gone: str) -> None:
        """Make ``gone`` an alias of ``keep`` everywhere, now and in later ingests."""
        if keep == gone:
            raise UsageError("an actor cannot be merged with itself")
        for table, column in (
            ("claims", "speaker_id"),
            ("claim_via", "actor_id"),
            ("documents", "outlet"),
            ("actors", "affiliation"),
        ):
            self.db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (keep, gone))
        self.db.execute(
            "INSERT OR IGNORE INTO actor_aliases (actor_id, alias, norm) "
            "SELECT ?, alias, norm FROM actor_aliases WHERE actor_id = ?",
            (keep, gone),
        )
        self.db.execute("DELETE FROM actor_aliases WHERE actor_id = ?", (gone,))
        self.db.execute("DELETE FROM actors WHERE id = ?", (gone,))
        self.db.execute(
            "UPDATE actors SET affiliation = NULL WHERE id = ? AND affiliation = ?", (keep, keep)
        )
        self.record_merge(gone, keep)

    def record_merge(self, gone: str, keep: str) -> None:
        """Remember that ``gone`` now means ``keep`` (earlier merges into ``gone`` follow)."""
        self.db.execute(
            "INSERT OR REPLACE INTO actor_merges (from_id, into_id, at) VALUES (?, ?, ?)",
            (gone, keep, _now()),
        )
        self.db.execute("UPDATE actor_merges SET into_id = ? WHERE into_id = ?", (keep, gone))

    def merges(self) -> dict[str, str]:
        """Every merged-away actor id and the id it became."""
        return {r[0]: r[1] for r in self.db.execute("SELECT from_id, into_id FROM actor_merges")}

    # ------------------------------------------------------------------ verdicts

    def rate(self, claim: str, rating: str, explanation: str | None, by: str | None) -> Verdict:
        """Append a verdict to the claim's history and return it."""
        verdict = Verdict(
            claim=claim,
            rating=rating,
            explanation=explanation,
            by=by,
            at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
        )
        self.db.execute(
            "INSERT INTO verdicts (claim_id, rating, explanation, by, at) VALUES (?, ?, ?, ?, ?)",
            (claim, rating, explanation, by, verdict.at.isoformat()),
        )
        return verdict

    def verdicts(self, claim: str | None = None) -> list[Verdict]:
        """Verdict history, oldest first (of one claim, or of all)."""
        sql = f"SELECT {_VERDICT_COLUMNS} FROM verdicts"
        args: tuple[str, ...] = ()
        if claim is not None:
            sql += " WHERE claim_id = ?"
            args = (claim,)
        return [_verdict_from_row(r) for r in self.db.execute(sql + " ORDER BY seq", args)]

    def add_verdict(self, verdict: Verdict) -> bool:
        """Restore a verdict from an export, unless the very same one is stored already."""
        exists = self.db.execute(
            "SELECT 1 FROM verdicts WHERE claim_id = ? AND rating = ? AND at = ? AND "
            "COALESCE(by, '') = COALESCE(?, '')",
            (verdict.claim, verdict.rating, verdict.at.isoformat(), verdict.by),
        ).fetchone()
        if exists:
            return False
        self.db.execute(
            "INSERT INTO verdicts (claim_id, rating, explanation, by, at, origin, url) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                verdict.claim,
                verdict.rating,
                verdict.explanation,
                verdict.by,
                verdict.at.isoformat(),
                verdict.origin,
                verdict.url,
            ),
        )
        return True

    def current_verdicts(self, claim_ids: list[str]) -> dict[str, Verdict]:
        """The latest verdict of each of these claims that has one."""
        out: dict[str, Verdict] = {}
        for i in range(0, len(claim_ids), 500):
            chunk = claim_ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(
                f"SELECT {_VERDICT_COLUMNS} FROM verdicts "
                f"WHERE claim_id IN ({marks}) ORDER BY seq",
                chunk,
            ):
                out[r[0]] = _verdict_from_row(r)
        return out

    def claim_texts(self) -> Iterator[tuple[str, str]]:
        """Every claim's id and text, for matching published fact-checks against the store."""
        for r in self.db.execute("SELECT id, text FROM claims ORDER BY id"):
            yield r[0], r[1]

    # ------------------------------------------------------------------ statuses

    def set_statuses(self, statuses: dict[str, tuple[str, int]]) -> None:
        """Store assessed claim statuses and independent-source counts (claim id -> both)."""
        self.db.executemany(
            "UPDATE claims SET status = ?, independent_sources = ? WHERE id = ?",
            [(status, n, cid) for cid, (status, n) in statuses.items()],
        )

    def ranked_by_reach(
        self, *, status: str, min_sources: int | None = None, limit: int | None = None
    ) -> list[tuple[str, int, int]]:
        """Claims of one status, most amplified first: (claim id, documents, carriers).

        Reach counts the documents carrying the claim or a repeat of it, and the distinct
        outlets and relays among them. With ``min_sources``, "unconfirmed" means fewer
        independent source groups than that (and neither disputed nor superseded).
        """
        if status == "unconfirmed" and min_sources is not None:
            where = (
                "c.status IN ('unconfirmed', 'confirmed') "
                "AND COALESCE(c.independent_sources, 0) < ?"
            )
            args: list[object] = [min_sources]
        else:
            where, args = "c.status = ?", [status]
        sql = f"""
            WITH picked AS (
                SELECT c.id FROM claims c WHERE c.unattributed = 0 AND {where}
            ), family AS (
                SELECT id AS cid, id AS member FROM picked
                UNION SELECT l.source, l.target FROM links l JOIN picked p ON p.id = l.source
                    WHERE l.relation = 'repeats'
                UNION SELECT l.target, l.source FROM links l JOIN picked p ON p.id = l.target
                    WHERE l.relation = 'repeats'
            )
            SELECT f.cid,
                   COUNT(DISTINCT m.document_id) AS documents,
                   COUNT(DISTINCT d.outlet) + COUNT(DISTINCT v.actor_id) AS carriers
            FROM family f
            JOIN claims m ON m.id = f.member
            JOIN documents d ON d.id = m.document_id
            LEFT JOIN claim_via v ON v.claim_id = m.id
            GROUP BY f.cid
            ORDER BY documents DESC, carriers DESC, f.cid
        """
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [(r[0], int(r[1]), int(r[2])) for r in self.db.execute(sql, args)]
