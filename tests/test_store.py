"""The SQLite store: schema, merging rules, transactions, queries."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from provenance.claimsfile import load_claims_file
from provenance.errors import AmbiguousError, NotFoundError, StoreError
from provenance.model import (
    Claim,
    Dataset,
    Document,
    Link,
    claim_id,
    document_id,
    link_id,
    text_hash,
)
from provenance.store import SCHEMA_VERSION, Store
from provenance.store.keys import key_code, unpack_codes
from tests.conftest import SEED_CLAIMS


@pytest.fixture
def store(db: Path) -> Store:
    s = Store(db)
    s.ingest(load_claims_file(SEED_CLAIMS[0]))
    return s


def test_new_store_is_migrated_and_in_wal_mode(db: Path) -> None:
    with Store(db) as s:
        assert s.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.integrity_ok()


def test_store_from_a_newer_version_is_refused(db: Path) -> None:
    Store(db).close()
    raw = sqlite3.connect(db)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    raw.close()
    with pytest.raises(StoreError, match="written by a newer provenance"):
        Store(db)


def test_a_file_that_is_not_a_store(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("hello, this is not SQLite" * 100)
    with pytest.raises(StoreError, match="not a provenance store"):
        Store(bad)
    with pytest.raises(StoreError, match="is a directory"):
        Store(tmp_path)
    with pytest.raises(StoreError, match="no store here"):
        Store(tmp_path / "absent.db", create=False)


def test_ingest_twice_adds_nothing(store: Store) -> None:
    before = store.counts()
    report = store.ingest(load_claims_file(SEED_CLAIMS[0]))
    assert report.claims_new == 0 and report.documents_new == 0 and report.links_new == 0
    assert report.documents_seen == 1
    assert store.counts() == before


def test_same_text_from_another_path_is_an_appearance(store: Store) -> None:
    ds = load_claims_file(SEED_CLAIMS[0])
    doc = ds.documents[0].model_copy(update={"source": "mirror/copy.txt", "url": "https://x/a"})
    report = store.ingest(Dataset(documents=[doc]))
    assert report.documents_new == 0
    sources = [a["source"] for a in store.appearances(doc.id)]
    assert "mirror/copy.txt" in sources and len(sources) == 2
    assert store.counts()["documents"] == 1


def test_failed_ingest_leaves_store_unchanged(store: Store) -> None:
    before = store.counts()
    text = "A new article."
    doc = Document(id=document_id(text), text=text, text_hash=text_hash(text))
    orphan = Claim(id="x1", document="no-such-document", span=(0, 1), text="A")
    with pytest.raises(sqlite3.IntegrityError):
        store.ingest(Dataset(documents=[doc], claims=[orphan]))
    assert store.counts() == before


def test_curated_claim_is_not_replaced_by_extraction(store: Store) -> None:
    curated = store.claim("44 of them")
    extracted = curated.model_copy(update={"speaker": "someone-else", "origin": "extracted"})
    report = store.ingest(Dataset(claims=[extracted]))
    assert report.claims_kept == 1
    assert store.claim(curated.id).speaker == "russian-ministry-of-defence"


def test_manual_link_wins_over_automatic(store: Store) -> None:
    a, b = store.claim("44 of them").id, store.claim("more than 40 airborne").id
    lid = link_id(a, b, "corroborates")
    assert store.links_of([a])[0].origin == "curated"
    store.ingest(
        Dataset(
            links=[
                Link(
                    id=lid,
                    source=a,
                    target=b,
                    relation="corroborates",
                    origin="auto",
                    note="machine",
                )
            ]
        )
    )
    (link,) = store.links_of([a])
    assert link.origin == "curated" and link.note != "machine"


def test_claims_resolve_by_prefix_text_and_report_ambiguity(store: Store) -> None:
    c = store.claim("Other drones were downed")
    assert store.claim(c.id[:6]).id == c.id
    assert store.resolve_claim(c.id) == c.id
    with pytest.raises(NotFoundError, match="no claim 'zzz-nothing'"):
        store.claim("zzz-nothing")
    with pytest.raises(AmbiguousError, match="names several claims"):
        store.claim("Rostov")


def test_find_claims_filters(store: Store) -> None:
    assert {c.speaker for c in store.find_claims(speaker="Golubev")} == {"vasily-golubev"}
    via_ria = store.find_claims(outlet="RIA")
    assert [c.text[:12] for c in via_ria] == ["Other drones"]
    assert all("Rostov" in c.text for c in store.find_claims(search="Rostov"))
    assert store.find_claims(speaker="nobody at all") == []
    with_unattributed = store.find_claims(include_unattributed=True)
    assert len(with_unattributed) == len(store.find_claims()) + 5
    assert len(store.find_claims(document="seeds/000")) == 18


def test_neighbourhood_holds_linked_claims_and_affiliation_roots(store: Store) -> None:
    cid = store.claim("44 of them").id
    ds = store.neighbourhood([cid])
    texts = {c.text[:10] for c in ds.claims}
    assert texts == {"44 of them", "air defenc"}
    ids = {a.id for a in ds.actors}
    assert {"russian-ministry-of-defence", "vasily-golubev", "russian-government"} <= ids


def test_dataset_round_trips_through_the_store(store: Store) -> None:
    original = load_claims_file(SEED_CLAIMS[0])
    stored = store.dataset()
    assert sorted(c.id for c in stored.claims) == sorted(c.id for c in original.claims)
    by_id = {c.id: c for c in original.claims}
    for c in stored.claims:
        assert c == by_id[c.id]
    assert {a.id: a for a in stored.actors} == {a.id: a for a in original.actors}


def test_claim_ids_do_not_depend_on_the_path() -> None:
    assert claim_id("doc", (1, 5)) == claim_id("doc", (1, 5))
    assert claim_id("doc", (1, 5)) != claim_id("doc", (1, 6))


def test_a_store_written_by_schema_1_migrates_without_loss(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import REPO

    old = tmp_path / "old.db"
    shutil.copy(REPO / "tests" / "data" / "store-v1.db", old)
    raw = sqlite3.connect(old)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
    raw.close()
    with Store(old) as s:
        assert s.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert s.integrity_ok()
        assert s.counts() == {"documents": 1, "actors": 11, "claims": 23, "links": 2}
        expected = load_claims_file(SEED_CLAIMS[0])
        assert sorted(c.id for c in s.dataset().claims) == sorted(c.id for c in expected.claims)
        assert s.claim("Other drones were downed").via == ["ria"]


def _store_with_text_keys(db: Path, version: int, rows: list[tuple[str, str]]) -> None:
    """A store of schema ``version`` (4 or 5) whose blocking keys are text in a rowid table
    with an index by claim, as the code of those schemas wrote them."""
    with Store(db):
        pass
    raw = sqlite3.connect(db)
    raw.executescript(
        """
        DROP TABLE claim_keys;
        DROP TABLE claim_key_sets;
        CREATE TABLE claim_keys (
            key TEXT NOT NULL, claim_id TEXT NOT NULL, PRIMARY KEY (key, claim_id));
        CREATE INDEX claim_keys_claim ON claim_keys(claim_id);
        """
    )
    raw.executemany("INSERT INTO claim_keys (key, claim_id) VALUES (?, ?)", rows)
    raw.execute(f"PRAGMA user_version = {version}")
    raw.commit()
    raw.close()


def _keys_and_sets(s: Store) -> tuple[set[tuple[int, str]], dict[str, list[int]]]:
    keys = {(r[0], r[1]) for r in s.db.execute("SELECT key, claim_id FROM claim_keys")}
    sets = {
        r[0]: unpack_codes(r[1]) for r in s.db.execute("SELECT claim_id, codes FROM claim_key_sets")
    }
    return keys, sets


def test_schema_5_puts_the_period_first_in_blocking_keys(db: Path) -> None:
    # Keys of schema 4 in the old form ("kind:...|week|...").
    _store_with_text_keys(
        db,
        4,
        [
            ("stmt:3f9a0c1b2d4e|2024-W14", "c1"),
            ("said:kremlin|2024-W14|confrontation", "c1"),
            ("place:rostov|doc:ab12|air_defence", "c2"),
            ("deny:rostov|2024-W13|air_defence", "c2"),
        ],
    )
    with Store(db) as s:
        keys, _ = _keys_and_sets(s)
        assert s.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    # Schema 5 put the period first; schema 6 keeps the code of each key.
    assert keys == {
        (key_code("2024-W14|stmt:3f9a0c1b2d4e"), "c1"),
        (key_code("2024-W14|said:kremlin|confrontation"), "c1"),
        (key_code("doc:ab12|place:rostov|air_defence"), "c2"),
        (key_code("2024-W13|deny:rostov|air_defence"), "c2"),
    }


def test_schema_6_keeps_blocking_keys_as_codes_without_rowids(db: Path) -> None:
    place, stmt, said = (
        "2024-W14|place:rostov|air_defence",
        "2024-W14|stmt:3f9a0c1b2d4e",
        "undated|said:tass|drones",
    )
    _store_with_text_keys(db, 5, [(stmt, "c1"), (place, "c1"), (said, "c2"), ("not a key", "c2")])
    with Store(db) as s:
        keys, sets = _keys_and_sets(s)
        tables = dict(s.db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
        indexes = {r[0] for r in s.db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        members = s.key_members([key_code(place)])
    # A key of no known kind is dropped: 'relink' writes keys again.
    assert keys == {(key_code(stmt), "c1"), (key_code(place), "c1"), (key_code(said), "c2")}
    assert sets == {"c1": sorted([key_code(stmt), key_code(place)]), "c2": [key_code(said)]}
    assert "WITHOUT ROWID" in tables["claim_keys"]
    assert "claim_keys_claim" not in indexes
    assert members == {key_code(place): ["c1"]}


def test_put_keys_replaces_a_claims_keys(store: Store) -> None:
    with store.transaction():
        store.put_keys({"c1": [3, 1, 2], "c2": [2]})
        store.put_keys({"c1": [4, 2], "c3": []})
    keys, sets = _keys_and_sets(store)
    assert keys == {(2, "c1"), (4, "c1"), (2, "c2")}
    assert sets == {"c1": [2, 4], "c2": [2], "c3": []}


def test_automatic_links_in_bulk_respect_curators(store: Store) -> None:
    ids = sorted(c.id for c in store.dataset().claims)
    a, b = store.claim("44 of them").id, store.claim("more than 40 airborne").id  # curated pair
    x, y, z = [i for i in ids if i not in (a, b)][:3]
    store.unlink(x, z)  # a curator said these two are not linked

    def auto(s: str, t: str, note: str) -> Link:
        return Link(id=link_id(s, t, "repeats"), source=s, target=t, relation="repeats", note=note)

    assert store.put_auto_links([auto(x, y, "first")]) == 1
    added = store.put_auto_links(
        [auto(x, y, "again"), auto(a, b, "machine"), auto(z, x, "unlinked"), auto(y, z, "new")]
    )
    assert added == 1  # only y-z: x-y exists, a-b is curated, x-z was unlinked
    notes = {(k.source, k.target): (k.origin, k.note) for k in store.links()}
    assert notes[(x, y)] == ("auto", "again")
    assert notes[(y, z)] == ("auto", "new")
    assert (z, x) not in notes and notes[(a, b)][0] == "curated"
