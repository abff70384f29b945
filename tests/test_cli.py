"""The command line: every command, its JSON, and its errors (exact messages and exit codes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance.store import Store
from tests.conftest import SEED_CLAIMS, SEED_TEXTS, Invoke


def test_help_for_every_command_has_an_example(run: Invoke) -> None:
    from provenance.cli import cli

    for name in cli.commands:
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert "Example" in result.output, f"{name} --help has no example"


def test_ingest_reports_counts(run: Invoke) -> None:
    result = run("ingest", *map(str, SEED_CLAIMS))
    assert result.exit_code == 0
    assert "2 new document(s)" in result.stdout
    assert "41 new claim(s)" in result.stdout
    again = run("ingest", "--json", *map(str, SEED_CLAIMS))
    report = json.loads(again.stdout)
    assert report["claims_new"] == 0 and report["documents_seen"] == 2


def test_claims_json_and_filters(seeded: Invoke) -> None:
    rows = json.loads(seeded("claims", "--json").stdout)
    assert len(rows) == 18 + 15
    assert all(r["speaker"]["name"] for r in rows)
    golubev = json.loads(seeded("claims", "--speaker", "Golubev", "--json").stdout)
    assert {r["speaker"]["name"] for r in golubev} == {"Vasily Golubev"}
    assert len(golubev) == 3
    ria = json.loads(seeded("claims", "--outlet", "RIA", "--json").stdout)
    assert [r["via"][0]["name"] for r in ria] == ["RIA"]
    searched = json.loads(seeded("claims", "-q", "explosions", "--json").stdout)
    assert searched and all("explosions" in r["text"].lower() for r in searched)


def test_show_prints_evidence_cue_and_rule(seeded: Invoke) -> None:
    result = seeded("show", "Other drones were downed")
    assert result.exit_code == 0
    out = result.stdout
    for expected in ("Russian Ministry of Defence", "RIA", "reported", "curated", "1017-1088"):
        assert expected in out
    data = json.loads(seeded("show", "Other drones were downed", "--json").stdout)
    assert data["span"] == [1017, 1088]
    assert data["via"] == [{"id": "ria", "name": "RIA"}]


def test_trace_of_the_ria_claim(seeded: Invoke) -> None:
    result = seeded("trace", "Other drones were downed", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    names = [hop["name"] for hop in data["chain"]]
    assert names[-2:] == ["RIA", "Russian Ministry of Defence"]
    assert data["chain"][0]["kind"] == "document"
    assert all(hop["evidence"]["quote"] for hop in data["chain"])
    assert "Russian Ministry of Defence" in json.dumps(data["primary_sources"])
    assert data["corroborated_by"] == [] and data["conflicts_with"] == []
    text = seeded("trace", "Other drones were downed").stdout
    assert text.index("RIA") < text.index("Russian Ministry of Defence")


def test_trace_lists_corroboration(seeded: Invoke) -> None:
    data = json.loads(seeded("trace", "44 of them", "--json").stdout)
    (other,) = data["corroborated_by"]
    assert other["claim"]["text"].startswith("air defence units")


def test_speakers(seeded: Invoke) -> None:
    rows = json.loads(seeded("speakers", "--json").stdout)
    peskov = next(r for r in rows if r["name"] == "Dmitry Peskov")
    assert peskov["role"] == "Kremlin spokesman"
    assert peskov["affiliation"] == {"id": "kremlin", "name": "Kremlin"}
    assert peskov["claims"] == 2
    ria = next(r for r in rows if r["name"] == "RIA")
    assert ria["relayed"] == 1


@pytest.mark.parametrize("fmt", ["json", "csv", "graphml", "markdown"])
def test_export_to_file_and_refusal_to_overwrite(seeded: Invoke, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    assert seeded("export", "--format", fmt, "-o", str(out)).exit_code == 0
    assert out.stat().st_size > 0
    again = seeded("export", "--format", fmt, "-o", str(out))
    assert again.exit_code == 1
    assert "exists" in again.stderr and "--force" in again.stderr
    assert seeded("export", "--format", fmt, "-o", str(out), "--force").exit_code == 0


def test_json_export_reproduces_the_claims_file(seeded: Invoke, tmp_path: Path) -> None:
    """Scored like ../shared/eval/score.py: every gold claim found with its speaker and chain."""
    from provenance.evaluate import score

    pred = json.loads(seeded("export", "--format", "json").stdout)
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in SEED_CLAIMS]
    result = score(golds, pred)
    assert result.claim_f1 == 1.0
    assert result.e2e_f1 == 1.0
    assert result.via_acc == 1.0
    assert result.link_f1 == 1.0


# --------------------------------------------------------------------------- bad input


def _unchanged(db: Path, before: dict[str, int] | None) -> None:
    if before is None:
        assert not db.exists() or Store(db).counts() == {
            "documents": 0,
            "actors": 0,
            "claims": 0,
            "links": 0,
        }
    else:
        assert Store(db).counts() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such claims file; check the path"),
        (
            b"{",
            "malformed JSON at line 1 column 2 (Expecting property name enclosed in double quotes)",
        ),
        (b"", "the claims file is empty"),
    ],
)
def test_bad_claims_file_one_line_and_store_unchanged(
    seeded: Invoke, db: Path, tmp_path: Path, content: bytes | None, message: str
) -> None:
    before = Store(db).counts()
    bad = tmp_path / "bad.json"
    if content is not None:
        bad.write_bytes(content)
    result = seeded("ingest", str(SEED_CLAIMS[0]), str(bad))
    assert result.exit_code == 1
    assert result.stderr == f"error: {bad}: {message}\n"
    assert result.stdout == ""
    _unchanged(db, before)


def test_span_mismatch_is_refused(run: Invoke, db: Path, tmp_path: Path) -> None:
    data = json.loads(SEED_CLAIMS[0].read_text(encoding="utf-8"))
    data["claims"][3]["content"] = "not in the article at all"
    data["document"]["source_file"] = str(
        Path(SEED_CLAIMS[0]).parents[2] / data["document"]["source_file"]
    )
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    result = run("ingest", str(bad))
    assert result.exit_code == 1
    assert "claim c04: span [338, 385] does not match its text" in result.stderr
    assert result.stderr.count("\n") == 1
    _unchanged(db, None)


def test_directory_given_as_a_file(run: Invoke, tmp_path: Path) -> None:
    result = run("ingest", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path}: is a directory; give the files inside it\n"


def test_unknown_claim_id(seeded: Invoke) -> None:
    for command in ("show", "trace"):
        result = seeded(command, "ffffffffffff")
        assert result.exit_code == 1
        assert result.stderr == (
            "error: no claim 'ffffffffffff'; list claims with 'provenance claims'\n"
        )


def test_ambiguous_claim(seeded: Invoke) -> None:
    result = seeded("show", "Rostov")
    assert result.exit_code == 1
    assert "names several claims" in result.stderr


def test_query_without_a_store(run: Invoke, db: Path) -> None:
    result = run("claims")
    assert result.exit_code == 1
    assert result.stderr == f"error: {db}: no store here; ingest something first\n"
    assert not db.exists()


def test_usage_error_exit_code(run: Invoke) -> None:
    result = run("show")
    assert result.exit_code == 2
    result = run("ingest", "x.txt", "--published", "yesterday")
    assert result.exit_code == 2
    assert "use YYYY-MM-DD" in result.stderr


def test_unknown_export_format(seeded: Invoke) -> None:
    result = seeded("export", "--format", "pdf")
    assert result.exit_code == 2
    assert "'pdf' is not a format; choose from" in result.stderr


def test_interrupt_exits_130_and_leaves_store(
    seeded: Invoke, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = Store(db).counts()

    def boom(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("provenance.store.core.Store._upsert_claim", boom)
    result = seeded("ingest", str(SEED_CLAIMS[0]))
    assert result.exit_code == 130
    assert "interrupted" in result.stderr
    _unchanged(db, before)


def test_internal_error_has_no_traceback_unless_asked(
    seeded: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr("provenance.store.core.Store.actors", boom)
    result = seeded("speakers")
    assert result.exit_code == 1
    assert result.stderr.startswith("internal error: RuntimeError: kaput")
    assert "Traceback" not in result.stderr
    result = seeded("--traceback", "speakers")
    assert "Traceback" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the article is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a binary file, not a text article"),
        (
            "Le ministre a d\xe9clar\xe9 que tout va bien.".encode("latin-1"),
            "not valid utf-8 text (byte 15); convert it to UTF-8 or pass --encoding",
        ),
    ],
)
def test_bad_article_text(
    run: Invoke, db: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "article.txt"
    bad.write_bytes(content)
    for command in ("ingest", "extract"):
        result = run(command, str(bad))
        assert result.exit_code == 1
        assert result.stderr.startswith(f"error: {bad}: {message}")
        assert result.stderr.count("\n") == 1
    _unchanged(db, None)


def test_encoding_option_reads_latin1(run: Invoke, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes("The minister said the caf\xe9 was closed.".encode("latin-1"))
    result = run("extract", str(article), "--encoding", "latin-1", "--json")
    assert result.exit_code == 0, result.output
    claims = json.loads(result.stdout)["claims"]
    assert any("caf\u00e9" in c["text"] for c in claims)


def test_article_without_attribution_is_a_note_not_an_error(run: Invoke, tmp_path: Path) -> None:
    article = tmp_path / "weather.txt"
    article.write_text("It rained in the morning. The sun came out later.\n", encoding="utf-8")
    result = run("ingest", str(article))
    assert result.exit_code == 0
    assert result.stderr == f"note: {article}: no attributed statement found\n"


def test_extract_json_is_scorable(run: Invoke) -> None:
    result = run("extract", *map(str, SEED_TEXTS), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert sorted(d["source"] for d in data["documents"]) == sorted(map(str, SEED_TEXTS))
    for claim in data["claims"]:
        doc = next(d for d in data["documents"] if d["id"] == claim["document"])
        start, end = claim["span"]
        assert doc["text"][start:end] == claim["text"]
        assert claim["rule"], "every claim records the rule that produced it"


def test_extract_json_links_claims_within_the_batch(run: Invoke) -> None:
    data = json.loads(run("extract", *map(str, SEED_TEXTS), "--json").stdout)
    doc_of = {c["id"]: c["document"] for c in data["claims"]}
    relations = {link["relation"] for link in data["links"]}
    assert "corroborates" in relations
    # The two seed articles report different strikes: nothing may link across them.
    assert all(doc_of[link["source"]] == doc_of[link["target"]] for link in data["links"])
