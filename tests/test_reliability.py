"""Data safety: crashes, repeated and concurrent ingests, lossless backups, old stores.

The ingest runs in real ``python -m provenance`` processes where it matters (SIGKILL, two
writers at once), so what is tested is what a user's shell does.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.errors import StoreError
from provenance.store import SCHEMA_VERSION, Store
from tests.conftest import REPO, SEED_CLAIMS, SEED_TEXTS, Invoke
from tests.news_articles import write_articles

N_ARTICLES = 80


def _cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "provenance", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=REPO,
    )


def _export(db: Path) -> str:
    """The store's JSON export (lossless, no timestamps unless verdicts are stored)."""
    result = CliRunner().invoke(
        _main(), ["--db", str(db), "export", "--format", "json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def _main():  # type: ignore[no-untyped-def]
    from provenance.cli import cli

    return cli


def _table(db: Path, sql: str) -> list[tuple[object, ...]]:
    raw = sqlite3.connect(db)
    try:
        return sorted(tuple(r) for r in raw.execute(sql))
    finally:
        raw.close()


_PER_DOCUMENT_SQL = (
    "SELECT d.id, "
    "(SELECT COUNT(*) FROM claims c WHERE c.document_id = d.id), "
    "(SELECT COUNT(*) FROM claim_via v JOIN claims c ON c.id = v.claim_id "
    " WHERE c.document_id = d.id), "
    "(SELECT COUNT(*) FROM appearances a WHERE a.document_id = d.id) "
    "FROM documents d"
)


def _per_document(db: Path) -> dict[str, tuple[int, int, int]]:
    """Per document: claims, relay rows of its claims, appearances."""
    rows = _table(db, _PER_DOCUMENT_SQL)
    return {str(r[0]): (int(r[1]), int(r[2]), int(r[3])) for r in rows}  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], Path, float]:
    """80 articles, and a store holding them from one uninterrupted CLI run (and its time)."""
    base = tmp_path_factory.mktemp("corpus")
    paths = write_articles(base / "articles", N_ARTICLES)
    ref = base / "reference.db"
    t0 = time.monotonic()
    result = _cli("--db", str(ref), "ingest", *map(str, paths))
    took = time.monotonic() - t0
    assert result.returncode == 0, result.stderr
    return paths, ref, took


# --------------------------------------------------------------------------- crash safety


def test_sigkill_at_random_points_never_leaves_half_an_ingest(
    corpus: tuple[list[Path], Path, float], tmp_path: Path
) -> None:
    paths, ref, took = corpus
    expected = _per_document(ref)
    assert len(expected) == N_ARTICLES and all(n[0] > 0 for n in expected.values())
    db = tmp_path / "killed.db"
    rnd = random.Random(20240405)
    # Spread the kills over the whole run: start-up, extraction, the write transaction.
    delays = sorted(rnd.uniform(0.2, 1.05) * took for _ in range(5))
    for delay in delays:
        proc = subprocess.Popen(
            [sys.executable, "-m", "provenance", "--db", str(db), "ingest", *map(str, paths)],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        if not db.exists():
            continue  # killed before the store was created
        with Store(db) as store:
            assert store.integrity_ok(), f"corrupt after SIGKILL at {delay:.2f} s"
        found = _per_document(db)
        for doc, counts in found.items():
            # A document is there with all its claims, relays and appearance, or not at all.
            assert counts == expected[doc], (delay, doc, counts, expected[doc])
        assert len(found) in (0, N_ARTICLES), f"partial batch after SIGKILL at {delay:.2f} s"
        orphans = _table(
            db,
            "SELECT id FROM claims WHERE document_id NOT IN (SELECT id FROM documents) "
            "UNION SELECT claim_id FROM claim_via WHERE claim_id NOT IN (SELECT id FROM claims)",
        )
        assert orphans == []
    result = _cli("--db", str(db), "ingest", *map(str, paths))
    assert result.returncode == 0, result.stderr
    assert Store(db).counts() == Store(ref).counts()
    assert _export(db) == _export(ref)


# --------------------------------------------------------------------------- idempotency


def test_same_file_twice_and_same_text_elsewhere_through_the_cli(
    run: Invoke, db: Path, tmp_path: Path
) -> None:
    article = SEED_TEXTS[0]
    first = json.loads(run("ingest", str(article), "--json").stdout)
    assert first["documents_new"] == 1 and first["claims_new"] > 0
    before = _export(db)
    again = json.loads(run("ingest", str(article), "--json").stdout)
    assert again["documents_new"] == 0 and again["claims_new"] == 0
    assert again["claims_updated"] == 0 and again["links_new"] == 0
    assert again["documents_seen"] == 1
    assert _export(db) == before
    # The same text under another name and with a URL: one more appearance, no new claims.
    copy = tmp_path / "mirror" / "copied-article.txt"
    copy.parent.mkdir()
    shutil.copy(article, copy)
    url = "https://example.org/news/copied"
    third = json.loads(run("ingest", str(copy), "--url", url, "--json").stdout)
    assert third["documents_new"] == 0 and third["claims_new"] == 0
    assert third["documents_seen"] == 1
    with Store(db) as store:
        assert store.counts() == Store(db).counts()
        (doc,) = store.documents()
        seen = {(a["source"], a["url"]) for a in store.appearances(doc.id)}
        assert seen == {(str(article), ""), (str(copy), url)}
        assert doc.url == url  # learnt from the later appearance, never overwritten
    claims_before = json.loads(before)["claims"]
    assert json.loads(_export(db))["claims"] == claims_before


# --------------------------------------------------------------------------- concurrency


def test_two_writers_and_a_reader_at_once(
    corpus: tuple[list[Path], Path, float], tmp_path: Path
) -> None:
    paths, ref, _ = corpus
    db = tmp_path / "shared.db"  # does not exist yet: both writers create it at once
    half = len(paths) // 2
    overlap = 10
    batches = [paths[: half + overlap], paths[half - overlap :]]
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "provenance", "--db", str(db), "ingest", *map(str, batch)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for batch in batches
    ]
    expected = _per_document(ref)
    reader_errors: list[str] = []
    reads = 0
    stop = threading.Event()

    def reader() -> None:
        nonlocal reads
        while not stop.is_set():
            if not db.exists():
                time.sleep(0.01)
                continue
            try:
                with Store(db, create=False) as store:
                    store.db.execute("BEGIN")  # one snapshot for the reads below
                    counts = store.counts()
                    docs = {
                        r[0]: (r[1], r[2], r[3])
                        for r in store.db.execute(_PER_DOCUMENT_SQL).fetchall()
                    }
                    store.db.execute("COMMIT")
                    assert counts["documents"] == len(docs)
                    # A reader sees whole batches: every document with all its claims.
                    assert all(docs[d] == expected[d] for d in docs), "torn read"
                    reads += 1
            except StoreError as exc:
                if "no store here" not in str(exc):
                    reader_errors.append(str(exc))
            except Exception as exc:  # a locked database, a torn read: all failures
                reader_errors.append(f"{type(exc).__name__}: {exc}")

    thread = threading.Thread(target=reader)
    thread.start()
    outputs = [w.communicate(timeout=120) for w in writers]
    stop.set()
    thread.join()
    for w, (_, err) in zip(writers, outputs, strict=True):
        assert w.returncode == 0, err
        assert "locked" not in err and "busy" not in err
    assert reader_errors == []
    assert reads > 0
    # Every document once, with exactly its claims; the overlap was seen twice, not copied.
    assert _per_document(db) == _per_document(ref)
    assert Store(db).counts() == Store(ref).counts()


def test_stores_created_at_the_same_moment(tmp_path: Path) -> None:
    """Switching a new store to WAL needs a lock SQLite does not wait for: we must retry."""
    db = tmp_path / "new.db"
    other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE placeholder (x)")  # a rollback-journal database, as SQLite starts
    other.execute("BEGIN")
    other.execute("SELECT * FROM placeholder").fetchall()  # a reader holds it
    release = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    release.start()
    try:
        with Store(db) as store:  # without the retry: "database is locked" at once
            assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        release.join()
        other.close()


def test_opening_a_store_to_read_does_not_wait_for_a_writer(db: Path) -> None:
    with Store(db) as store:
        store.ingest(_seed())
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a long ingest holds the write lock
    writer.execute("DELETE FROM claims")
    try:
        # The write lock is held until this returns: if opening took it (it used to, to check
        # the schema version), this would wait and then fail with "busy".
        with Store(db, create=False) as store:
            assert store.counts()["claims"] == 23  # the last committed state
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_store_busy_for_too_long_is_a_one_line_error(db: Path) -> None:
    Store(db).close()
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with Store(db) as store:
            store.db.execute("PRAGMA busy_timeout = 50")  # instead of a minute
            with pytest.raises(StoreError, match="the store is busy") as info, store.transaction():
                pass
            assert str(db) in str(info.value) and "\n" not in str(info.value)
            assert store.integrity_ok()
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def _seed():  # type: ignore[no-untyped-def]
    from provenance.claimsfile import load_claims_file

    return load_claims_file(SEED_CLAIMS[0])


# --------------------------------------------------------------------------- lossless backup


def test_curated_store_survives_export_and_restore_exactly(
    seeded: Invoke, db: Path, tmp_path: Path
) -> None:
    articles = write_articles(tmp_path / "articles", 4, seed=5)
    assert seeded("ingest", *map(str, articles)).exit_code == 0
    mirror = tmp_path / "mirror.txt"
    shutil.copy(articles[0], mirror)
    assert seeded("ingest", str(mirror), "--url", "https://example.org/a").exit_code == 0
    for args in (
        ("rate", "44 of them", "--rating", "in_review", "--by", "ana"),
        ("rate", "44 of them", "--rating", "unproven", "--explanation", "one source"),
        ("unlink", "44 of them", "more than 40 airborne", "--note", "different nights"),
        ("link", "Other drones were downed", "44 of them", "--updates", "--note", "later"),
        ("affiliate", "Antony Blinken", "US State Department", "--kind", "government"),
        ("merge", "Russian Ministry of Defence", "Kremlin"),
        ("registry", "add", "Northfield Herald", "--kind", "news_outlet", "--country", "XX"),
        ("registry", "add", "Herald Radio", "--affiliation", "Northfield Herald"),
        ("registry", "add", "TASS", "--kind", "news_agency", "--alias", "ТАСС"),
        # Merges, affiliations and registry edits change who is independent of whom: the
        # documented step after them (a restore recomputes statuses the same way).
        ("relink",),
    ):
        result = seeded(*args)
        assert result.exit_code == 0, (args, result.output)
    backup = tmp_path / "backup.json"
    assert seeded("export", "--format", "json", "-o", str(backup)).exit_code == 0

    restored = tmp_path / "restored.db"
    runner = CliRunner()
    result = runner.invoke(_main(), ["--db", str(restored), "ingest", str(backup)])
    assert result.exit_code == 0, result.output
    assert _export(restored) == backup.read_text(encoding="utf-8")

    # The tables behind the export agree too (ingest times aside).
    for sql in (
        "SELECT id, text_hash, text, title, outlet, url, published, source FROM documents",
        "SELECT document_id, source, url FROM appearances",
        "SELECT * FROM actors",
        "SELECT actor_id, alias, norm FROM actor_aliases",
        "SELECT * FROM claims",
        "SELECT * FROM claim_via",
        "SELECT * FROM links",
        "SELECT a, b, note FROM link_suppressions",
        "SELECT from_id, into_id FROM actor_merges",
        "SELECT seq, claim_id, rating, explanation, by, at FROM verdicts",
    ):
        assert _table(restored, sql) == _table(db, sql), sql
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert {a["id"] for a in data["actors"] if a["origin"] == "registry"} >= {
        "northfield-herald",
        "herald-radio",
        "tass",
    }
    assert {(a["source"], a["url"]) for a in data["appearances"]} >= {
        (str(mirror), "https://example.org/a")
    }
    # Restoring the same backup again changes nothing.
    again = runner.invoke(_main(), ["--db", str(restored), "ingest", str(backup), "--json"])
    report = json.loads(again.stdout)
    assert report["documents_new"] == report["claims_new"] == report["links_new"] == 0
    assert _export(restored) == backup.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- migrations


def test_schema_1_store_keeps_every_row_and_catches_up_on_reingest(tmp_path: Path) -> None:
    """tests/data/store-v1.db holds seed-000 ingested by the first release."""
    old = tmp_path / "old.db"
    shutil.copy(REPO / "tests" / "data" / "store-v1.db", old)
    tables = ("documents", "appearances", "actors", "actor_aliases", "claims", "claim_via", "links")
    before = {t: _table(old, f"SELECT * FROM {t}") for t in tables}
    result = _cli("--db", str(old), "claims", "--json")  # opening through the CLI migrates
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 18
    with Store(old) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.integrity_ok()
    for table in tables:  # every row and column of schema 1 is kept; new columns come after
        width = len(before[table][0])
        assert [row[:width] for row in _table(old, f"SELECT * FROM {table}")] == before[table]
    # The first release did not parse quantities of curated claims: re-ingesting the claims
    # file brings the old store to exactly what a fresh store holds.
    runner = CliRunner()
    result = runner.invoke(_main(), ["--db", str(old), "ingest", str(SEED_CLAIMS[0])])
    assert result.exit_code == 0, result.output
    fresh = tmp_path / "fresh.db"
    result = runner.invoke(_main(), ["--db", str(fresh), "ingest", str(SEED_CLAIMS[0])])
    assert result.exit_code == 0, result.output
    old_data, fresh_data = json.loads(_export(old)), json.loads(_export(fresh))
    for data in (old_data, fresh_data):
        for record in data["documents"]:
            record.pop("source")  # where each was first ingested from
        data.pop("appearances", None)
    assert old_data == fresh_data


def test_opening_the_same_old_store_twice_at_once_migrates_once(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    shutil.copy(REPO / "tests" / "data" / "store-v1.db", old)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "provenance", "--db", str(old), "claims", "--json"],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert len(json.loads(out)) == 18
    with Store(old) as store:
        assert store.integrity_ok()
        assert store.counts()["claims"] == 23
