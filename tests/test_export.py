"""Export formats: the registry, writing files safely, and every format against golden files.

Golden files live in tests/golden/; regenerate them after an intended change with
``PROVENANCE_UPDATE_GOLDEN=1 python -m pytest tests/test_export.py tests/test_trace.py``.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import networkx as nx
import pytest

from provenance.errors import ExportError
from provenance.export import ExportFormat, export, format_names, get_format, register
from provenance.export.to_csv import COLUMNS
from provenance.graph import build_graph
from provenance.jsonio import loads
from provenance.model import Dataset
from tests.golden.sample import assert_golden, sample_dataset

SUFFIX = {"json": "json", "csv": "csv", "graphml": "graphml", "markdown": "md"}


# --------------------------------------------------------------------------- registry


def test_builtin_formats() -> None:
    assert {"json", "csv", "graphml", "markdown"} <= set(format_names())
    assert format_names() == sorted(format_names())
    for name in format_names():
        fmt = get_format(name)
        assert fmt.name == name and fmt.help and fmt.suffix.startswith(".")
    assert get_format("CSV").name == "csv"


def test_unknown_format_names_the_valid_ones() -> None:
    with pytest.raises(ExportError) as info:
        get_format("pdf")
    assert str(info.value) == (
        "unknown export format 'pdf'; choose from " + ", ".join(format_names())
    )


def test_register_refuses_duplicates_and_bad_formats() -> None:
    with pytest.raises(ValueError, match="registered already"):
        register(get_format("json"))
    with pytest.raises(ValueError, match="no render function"):
        ExportFormat(name="x", help="x", suffix=".x")
    with pytest.raises(ValueError, match="no writer"):
        ExportFormat(name="x", help="x", suffix="", writes_folder=True)


# --------------------------------------------------------------------------- writing


def test_text_returned_without_destination() -> None:
    text = export(sample_dataset(), "json", None)
    assert text is not None and loads(text) == sample_dataset()


def test_file_written_and_not_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert export(sample_dataset(), "csv", out) is None
    first = out.read_bytes()
    out.write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportError, match=r"out\.csv exists; use --force to overwrite"):
        export(sample_dataset(), "csv", out)
    assert out.read_text(encoding="utf-8") == "keep me"
    export(sample_dataset(), "csv", out, force=True)
    assert out.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary left behind


def test_missing_folder_is_an_export_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export(sample_dataset(), "json", tmp_path / "nope" / "out.json")


def test_failed_render_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from provenance.export import _REGISTRY

    def broken(ds: Dataset) -> str:
        raise RuntimeError("boom")

    monkeypatch.setitem(_REGISTRY, "broken", ExportFormat("broken", "x", ".x", render=broken))
    out = tmp_path / "out.x"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        export(sample_dataset(), "broken", out, force=True)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.x"]


def test_folder_formats_need_a_destination(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from provenance.export import _REGISTRY

    def write(ds: Dataset, folder: Path) -> None:
        (folder / "claims.csv").write_text(str(len(ds.claims)), encoding="utf-8")

    fmt = ExportFormat("bundle", "x", "", writes_folder=True, write_folder=write)
    monkeypatch.setitem(_REGISTRY, "bundle", fmt)
    with pytest.raises(ExportError, match="writes a folder; name it with --output"):
        export(sample_dataset(), "bundle", None)
    dest = tmp_path / "bundle"
    export(sample_dataset(), "bundle", dest)
    assert (dest / "claims.csv").read_text(encoding="utf-8") == "5"
    with pytest.raises(ExportError, match="exists; use --force"):
        export(sample_dataset(), "bundle", dest)
    (dest / "stale.txt").write_text("old run", encoding="utf-8")
    export(Dataset(), "bundle", dest, force=True)
    assert sorted(p.name for p in dest.iterdir()) == ["claims.csv"]
    assert [p.name for p in tmp_path.iterdir()] == ["bundle"]


# --------------------------------------------------------------------------- golden files


@pytest.mark.parametrize("fmt", ["json", "csv", "graphml", "markdown"])
def test_golden(fmt: str) -> None:
    text = export(sample_dataset(), fmt, None)
    assert text is not None
    assert_golden(f"sample.{SUFFIX[fmt]}", text)


@pytest.mark.parametrize("fmt", ["json", "csv", "graphml", "markdown"])
def test_file_equals_stdout_text(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"out.{SUFFIX[fmt]}"
    export(sample_dataset(), fmt, out)
    assert out.read_bytes().decode("utf-8") == export(sample_dataset(), fmt, None)


def test_json_parses_back() -> None:
    assert loads(export(sample_dataset(), "json", None) or "") == sample_dataset()


def test_csv_parses_back() -> None:
    ds = sample_dataset()
    rows = list(csv.DictReader(io.StringIO(export(ds, "csv", None) or "")))
    assert tuple(rows[0]) == COLUMNS
    names = {a.id: a.name for a in ds.actors}
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) == {c.id for c in ds.claims}
    for claim in ds.claims:
        row = by_id[claim.id]
        assert row["text"] == claim.text
        assert (int(row["start"]), int(row["end"])) == claim.span
        assert row["speaker"] == (names[claim.speaker] if claim.speaker else "")
        assert row["via"] == " > ".join(names[v] for v in claim.via)
        assert row["hedged"] == str(claim.hedged).lower()
        assert row["unattributed"] == str(claim.unattributed).lower()


def test_graphml_parses_back() -> None:
    ds = sample_dataset()
    g = build_graph(ds)
    back = nx.read_graphml(io.StringIO(export(ds, "graphml", None) or ""), force_multigraph=True)
    assert dict(back.nodes(data=True)) == dict(g.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True), key=repr) == sorted(
        g.edges(keys=True, data=True), key=repr
    )


def test_markdown_holds_each_claim_and_chain() -> None:
    from provenance.export.to_markdown import escape

    ds = sample_dataset()
    md = export(ds, "markdown", None) or ""
    for claim in ds.claims:
        if claim.speaker:
            assert f"“{escape(claim.text)}”" in md
        else:
            assert claim.text not in md  # unattributed statements are not cited
    assert "Document[^1] → Daily Example → RIA → Russian Ministry of Defence" in md
    assert "named as “Defence Ministry”" in md
    assert "[^1]: *Drones downed over Belgorod*, Daily Example, published 2024-04-05" in md
    assert "**Corroborated by:**" in md and "**Repeated by:**" in md


# --------------------------------------------------------------------------- hostile input

HOSTILE_TEXT = (
    '=HYPERLINK("http://evil.example","click") was typed, <script>alert(1)</script> '
    "*bold* | pipe, the *Evil* <b>Agency</b> | Press said.\n"
    "# Not a heading\n"
    "-1 drones were seen, officials said."
)


def _hostile() -> Dataset:
    from provenance.model import Actor
    from tests.golden.sample import claim, document

    doc = document(
        HOSTILE_TEXT,
        title="[Title](javascript:alert(1)) <img src=x>",
        url="javascript:alert(1)",
        source="evil_*file*.txt",
        outlet="evil",
    )
    evil = Actor(id="evil", name="*Evil* <b>Agency</b> | Press", kind="news_agency")
    formula = Actor(id="formula", name='=HYPERLINK("http://evil.example")', kind="person")
    c1 = claim(
        doc,
        '=HYPERLINK("http://evil.example","click") was typed, <script>alert(1)</script> '
        "*bold* | pipe",
        speaker="evil",
        via=["formula"],
        cue="said",
    )
    c2 = claim(doc, "-1 drones were seen", speaker="formula", cue="@said")
    return Dataset(documents=[doc], actors=[evil, formula], claims=[c1, c2])


def test_csv_neutralises_formulas() -> None:
    rows = list(csv.reader(io.StringIO(export(_hostile(), "csv", None) or "")))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert '\'=HYPERLINK("http://evil.example","click") was typed' in cells[7]
    assert "'-1 drones were seen" in cells
    assert "'@said" in cells


def test_markdown_escapes_article_text_and_names() -> None:
    md = export(_hostile(), "markdown", None) or ""
    assert re.search(r"(?<!\\)<", md) is None  # no raw HTML, no autolink of the bad URL
    assert "\\<script\\>alert(1)\\</script\\>" in md
    assert "\\*bold\\* \\| pipe" in md
    assert "\\*Evil\\* \\<b\\>Agency\\</b\\> \\| Press" in md
    assert re.search(r"(?<!\\)\]\(", md) is None  # no link syntax survives
    assert "\\[Title\\](javascript:alert(1))" in md
    assert "evil\\_\\*file\\*.txt" in md
    for line in md.splitlines():
        assert not line.startswith("# Not")
        assert "| pipe" not in line.replace("\\|", "")


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("1. item", "1\\. item"),
        ("> quote", "\\> quote"),
        ("a\nb\r\nc", "a b c"),
        ("`code` & ~x~ $m$", "\\`code\\` \\& \\~x\\~ \\$m\\$"),
        ("plain words, fine.", "plain words, fine."),
    ],
)
def test_markdown_escape(text: str, escaped: str) -> None:
    from provenance.export.to_markdown import escape

    assert escape(text) == escaped


def test_new_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    import os

    out = tmp_path / "out.json"
    export(sample_dataset(), "json", out)
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
    out.chmod(0o640)
    export(sample_dataset(), "json", out, force=True)
    assert out.stat().st_mode & 0o777 == 0o640
