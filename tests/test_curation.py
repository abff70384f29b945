"""Manual curation wins over automation and survives re-ingest."""

from __future__ import annotations

import json
from pathlib import Path

from provenance.claimsfile import load_claims_file
from provenance.model import Dataset, Link, link_id
from provenance.store import Store
from tests.conftest import SEED_CLAIMS, Invoke


def test_manual_link_replaces_automatic_and_survives_reingest(seeded: Invoke, db: Path) -> None:
    result = seeded("link", "44 of them", "Other drones were downed", "--conflicts", "--note", "x")
    assert result.exit_code == 0, result.output
    with Store(db) as s:
        a = s.resolve_claim("44 of them")
        b = s.resolve_claim("Other drones were downed")
        relations = {
            (lk.relation, lk.origin) for lk in s.links_of([a]) if b in (lk.source, lk.target)
        }
        assert relations == {("conflicts", "manual")}
        auto = Link(
            id=link_id(a, b, "corroborates"),
            source=a,
            target=b,
            relation="corroborates",
            origin="auto",
        )
        s.ingest(Dataset(links=[auto]))  # an automatic link for the same pair arrives later
    assert seeded("ingest", *map(str, SEED_CLAIMS)).exit_code == 0
    with Store(db) as s:
        pair = [lk for lk in s.links_of([a]) if b in (lk.source, lk.target)]
        assert [(lk.relation, lk.origin) for lk in pair] == [("conflicts", "manual")]


def test_unlink_is_remembered(seeded: Invoke, db: Path) -> None:
    assert seeded("unlink", "44 of them", "more than 40 airborne").exit_code == 0
    with Store(db) as s:
        a = s.resolve_claim("44 of them")
        b = s.resolve_claim("more than 40 airborne")
        assert s.links_of([a]) == []
        auto = Link(
            id=link_id(a, b, "corroborates"),
            source=a,
            target=b,
            relation="corroborates",
            origin="auto",
        )
        assert s.ingest(Dataset(links=[auto])).links_new == 0
        assert s.links_of([a]) == []
        assert s.is_suppressed(b, a)


def test_link_needs_a_relation(seeded: Invoke) -> None:
    result = seeded("link", "44 of them", "Other drones were downed")
    assert result.exit_code == 2
    assert "--corroborates, --conflicts, --repeats or --updates" in result.stderr


def test_affiliate_creates_the_organisation_and_survives_reingest(seeded: Invoke, db: Path) -> None:
    result = seeded("affiliate", "Antony Blinken", "US State Department", "--kind", "government")
    assert result.exit_code == 0, result.output
    seeded("ingest", *map(str, SEED_CLAIMS))
    rows = {r["name"]: r for r in json.loads(seeded("speakers", "--json").stdout)}
    assert rows["Antony Blinken"]["affiliation"]["name"] == "US State Department"
    assert rows["US State Department"]["kind"] == "government"


def test_affiliation_loop_is_refused(seeded: Invoke) -> None:
    result = seeded("affiliate", "Russian government", "Kremlin")
    assert result.exit_code == 2
    assert "makes a loop" in result.stderr


def test_merge_moves_claims_and_maps_later_ingests(seeded: Invoke, db: Path) -> None:
    assert seeded("merge", "Russian Ministry of Defence", "Kremlin").exit_code == 0
    with Store(db) as s:
        merged = s.find_claims(speaker="russian-ministry-of-defence")
        assert any("direct confrontation" in c.text for c in merged)
        assert s.match_actors("Kremlin") == ["russian-ministry-of-defence"]
    seeded("ingest", *map(str, SEED_CLAIMS))
    with Store(db) as s:
        assert not s.actors_by_id(["kremlin"])
        assert s.actor("dmitry-peskov").affiliation == "russian-ministry-of-defence"


def test_rate_keeps_history(seeded: Invoke, db: Path) -> None:
    assert seeded("rate", "44 of them", "--rating", "in_review", "--by", "ana").exit_code == 0
    out = seeded(
        "rate",
        "44 of them",
        "--rating",
        "unproven",
        "--explanation",
        "one source",
        "--by",
        "ben",
        "--json",
    )
    assert json.loads(out.stdout)["rating"] == "unproven"
    with Store(db) as s:
        history = s.verdicts(s.resolve_claim("44 of them"))
        assert [(v.rating, v.by) for v in history] == [("in_review", "ana"), ("unproven", "ben")]
    bad = seeded("rate", "44 of them", "--rating", "pants-on-fire")
    assert bad.exit_code == 2


def test_curation_is_not_lost_when_the_store_reopens(db: Path) -> None:
    with Store(db) as s:
        s.ingest(load_claims_file(SEED_CLAIMS[0]))
        a = s.resolve_claim("44 of them")
        with s.transaction():
            s.rate(a, "false", None, "x")
    with Store(db) as s:
        assert s.current_verdicts([a])[a].rating == "false"


def test_json_export_restores_curation_into_an_empty_store(seeded: Invoke, tmp_path: Path) -> None:
    """The backup method: export --format json, ingest into an empty store, same store."""
    seeded("rate", "44 of them", "--rating", "unproven", "--by", "ana")
    seeded("unlink", "44 of them", "more than 40 airborne")
    seeded("link", "Other drones were downed", "one drone was downed", "--repeats")
    seeded("affiliate", "Antony Blinken", "US State Department")
    seeded("merge", "Russian Ministry of Defence", "Kremlin")
    backup = tmp_path / "backup.json"
    assert seeded("export", "-o", str(backup)).exit_code == 0
    from click.testing import CliRunner

    from provenance.cli import cli

    restored = tmp_path / "restored.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", str(restored), "ingest", str(backup)])
    assert result.exit_code == 0, result.output
    again = tmp_path / "again.json"
    result = runner.invoke(cli, ["--db", str(restored), "export", "-o", str(again)])
    assert result.exit_code == 0, result.output
    assert again.read_text(encoding="utf-8") == backup.read_text(encoding="utf-8")
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert data["verdicts"][0]["rating"] == "unproven"
    assert data["merges"] == [{"source": "kremlin", "into": "russian-ministry-of-defence"}]
    assert len(data["unlinked"]) == 1
