"""Issue 4 through the command line: links on ingest, statuses, queries, registry."""

from __future__ import annotations

import json
from pathlib import Path

from provenance.store import Store
from tests.conftest import SEED_CLAIMS, SEED_TEXTS, Invoke


def test_seed_texts_link_exactly_the_gold_links_and_nothing_across_events(run: Invoke) -> None:
    from provenance.evaluate import score

    assert run("ingest", str(SEED_TEXTS[0]), "--published", "2024-04-05").exit_code == 0
    assert run("ingest", str(SEED_TEXTS[1]), "--published", "2023-09-07").exit_code == 0
    pred = json.loads(run("export").stdout)
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in SEED_CLAIMS]
    result = score(golds, pred)
    assert result.link_f1 == 1.0
    assert result.cross_event_links == 0
    assert result.e2e_f1 >= 0.95

    # Extracted from text, neither the ministry nor the governor is said to be Russian: they
    # still count once, and the claim stays unconfirmed.
    data = json.loads(run("trace", "44 of them", "--json").stdout)
    assert data["status"] == "unconfirmed"
    assert data["independent_sources"] == 1
    assert [c["claim"]["text"][:20] for c in data["corroborated_by"]] == ["air defence units ha"]


def test_trace_reports_one_group_for_the_ministry_and_its_governor(seeded: Invoke) -> None:
    data = json.loads(seeded("trace", "44 of them", "--json").stdout)
    assert data["status"] == "unconfirmed"
    assert data["independent_sources"] == 1
    (group,) = data["source_groups"]
    assert group["name"] == "Russian government"
    assert set(group["member_names"]) == {"Russian Ministry of Defence", "Vasily Golubev"}
    assert [c["claim"]["text"][:20] for c in data["corroborated_by"]] == ["air defence units ha"]
    assert data["circular"] == []


def test_unconfirmed_lists_most_amplified_first_and_respects_min_sources(seeded: Invoke) -> None:
    rows = json.loads(seeded("unconfirmed", "--json").stdout)
    assert rows, "the seeds have unconfirmed claims"
    reach = [(r["reach"]["documents"], r["reach"]["carriers"]) for r in rows]
    assert reach == sorted(reach, reverse=True)
    assert rows[0]["via"], "the relayed claim has the widest reach"
    texts = {r["text"][:10] for r in rows}
    assert "44 of them" in texts
    one = {
        r["text"][:10]
        for r in json.loads(seeded("unconfirmed", "--min-sources", "1", "--json").stdout)
    }
    assert "44 of them" not in one  # one independent group is enough at --min-sources 1
    assert len(one) < len(rows)


def test_disputed_after_a_manual_conflict(seeded: Invoke, db: Path) -> None:
    assert json.loads(seeded("disputed", "--json").stdout) == []
    seeded("link", "44 of them", "more than 40 airborne", "--conflicts")
    seeded("relink")
    rows = json.loads(seeded("disputed", "--json").stdout)
    assert {r["text"][:10] for r in rows} == {"44 of them", "air defenc"}
    data = json.loads(seeded("trace", "44 of them", "--json").stdout)
    assert data["status"] == "disputed"


def test_who_said_lists_every_carrier(seeded: Invoke) -> None:
    rows = json.loads(seeded("who-said", "direct confrontation", "--json").stdout)
    assert {r["speaker"]["name"] for r in rows} == {"Kremlin", "Dmitry Peskov"}


def test_registry_add_import_list(seeded: Invoke, tmp_path: Path, db: Path) -> None:
    assert (
        seeded(
            "registry", "add", "Northfield Herald", "--kind", "news_outlet", "--country", "XX"
        ).exit_code
        == 0
    )
    entries = json.loads(seeded("registry", "list", "--json").stdout)
    assert any(e["name"] == "Northfield Herald" and e["kind"] == "news_outlet" for e in entries)
    assert any(e["name"] == "TASS" for e in entries)  # shipped with the package
    bad = tmp_path / "reg.json"
    bad.write_text("{oops", encoding="utf-8")
    result = seeded("registry", "import", str(bad))
    assert result.exit_code == 1
    assert str(bad) in result.stderr and result.stderr.count("\n") == 1
    with Store(db) as s:
        assert [a.name for a in s.actors_by_origin("registry")] == ["Northfield Herald"]
