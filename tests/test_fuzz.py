"""Property-based tests (hypothesis): the extractor and the claims-file loader on hostile input.

* The extractor never raises; every claim's span lies inside the text and holds the claim's
  text; cue spans lie inside the text. Generators aim at what breaks attribution parsers:
  unbalanced and nested quote marks and brackets, long runs of capitalised words, cue words
  everywhere. Their running time grows linearly (a generous ratio of times, never a limit).
* The claims-file loader, on random JSON and on mutations of real claims files and exports,
  either loads or raises a ProvenanceError with a one-line message: never another exception.
"""

from __future__ import annotations

import copy
import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.claimsfile import load_claims_file
from provenance.errors import ProvenanceError
from provenance.extract import extract
from tests.conftest import REPO, SEED_CLAIMS

_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --------------------------------------------------------------------------- extractor

_QUOTES = ['"', "'", "“", "”", "‘", "’", "«", "»", "„", "‚", "`", "''", "``"]
_BRACKETS = ["(", ")", "[", "]", "{", "}", "((", "))", "<", ">"]
_CAPITALISED = [
    "Ministry",
    "Of",
    "Defence",
    "The",
    "Kremlin",
    "Spokesman",
    "Dmitry",
    "Peskov",
    "United",
    "States",
    "Department",
    "Reuters",
    "RIA",
    "TASS",
    "Mr.",
    "Sen.",
    "Dr",
    "Ukraine's",
    "Russian",
    "Air",
    "Force",
    "General",
    "Staff",
]
_CUES = [
    "said",
    "says",
    "told",
    "according to",
    "reported",
    "citing",
    "claimed",
    "denied",
    "added",
    "wrote",
    "announced",
    "quoted",
    "who",
    "that",
    "it",
    "he",
    "she",
    "they",
]
_PUNCT = [",", ".", ";", ":", "—", "-", "…", "!", "?", "@x", "#tag", "https://t.co/x", "\n", "\n\n"]

_token = st.one_of(
    st.sampled_from(_QUOTES),
    st.sampled_from(_BRACKETS),
    st.sampled_from(_CAPITALISED),
    st.sampled_from(_CUES),
    st.sampled_from(_PUNCT),
    st.from_regex(r"[0-9]{1,6}", fullmatch=True),
    st.text(min_size=1, max_size=6),
)
_separator = st.sampled_from([" ", " ", " ", "", "\n", "\t", "\u00a0", "\u200b"])


@st.composite
def _adversarial_text(draw: st.DrawFn) -> str:
    tokens = draw(st.lists(st.tuples(_token, _separator), max_size=120))
    return "".join(t + s for t, s in tokens)


@st.composite
def _nested(draw: st.DrawFn) -> str:
    """Quote marks and brackets nested up to 30 deep around a reported statement."""
    depth = draw(st.integers(0, 30))
    opens = draw(
        st.lists(st.sampled_from(["(", "[", "“", '"', "«", "‘"]), min_size=depth, max_size=depth)
    )
    closes = {"(": ")", "[": "]", "“": "”", '"': '"', "«": "»", "‘": "’"}
    inner = draw(st.sampled_from(["the bridge was closed", "Peskov said", "according to TASS"]))
    cue = draw(st.sampled_from([", Peskov said.", " the ministry said", "", " (Reuters)"]))
    drop = draw(st.integers(0, depth))  # some brackets never close
    return "".join(opens) + inner + "".join(closes[o] for o in reversed(opens[drop:])) + cue


@st.composite
def _capitalised_run(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_CAPITALISED), min_size=1, max_size=300))
    cue = draw(st.sampled_from(["said", "told Reuters", "according to", "reported, citing"]))
    return (
        draw(st.sampled_from(["", "“Talks failed,” "]))
        + " ".join(words)
        + f" {cue} the talks failed."
    )


def _check_extraction(text: str) -> None:
    ds = extract(text)
    (doc,) = ds.documents
    assert doc.text == text
    for claim in ds.claims:
        start, end = claim.span
        assert 0 <= start <= end <= len(text), claim.span
        assert text[start:end] == claim.text
        assert claim.document == doc.id
        if claim.cue_span is not None:
            assert 0 <= claim.cue_span[0] <= claim.cue_span[1] <= len(text)
        actors = ds.actor_index()
        for ref in (claim.speaker, *claim.via):
            assert ref is None or ref in actors, ref


@_SETTINGS
@given(st.text(max_size=400))
def test_extract_any_text(text: str) -> None:
    _check_extraction(text)


@_SETTINGS
@given(_adversarial_text())
def test_extract_quotes_brackets_cues_and_capitals(text: str) -> None:
    _check_extraction(text)


@_SETTINGS
@given(_nested())
def test_extract_nested_quotes_and_brackets(text: str) -> None:
    _check_extraction(text)


@_SETTINGS
@given(_capitalised_run())
def test_extract_long_capitalised_runs(text: str) -> None:
    _check_extraction(text)


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


_SHAPES = {
    "nested": "((“[«Peskov said “the ministry (according to TASS [citing RIA ",
    "capitals": "Ministry Of Defence Of The Russian Federation General Staff Spokesman ",
    "quotes": '“He said ”“ ‘they said’ "it said" « ils ont dit » ',
    "cues": "Peskov said, Reuters reported, citing TASS, according to officials who said that ",
}


@pytest.mark.parametrize("shape", sorted(_SHAPES))
def test_extraction_time_grows_linearly(shape: str) -> None:
    """Four times the text takes about four times as long; quadratic would be sixteen."""

    def best(text: str) -> float:
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            extract(text)
            times.append(time.perf_counter() - t0)
        return min(times)

    small, large = _repeat(_SHAPES[shape], 30_000), _repeat(_SHAPES[shape], 120_000)
    extract(small[:2000])  # warm up
    t_small, t_large = best(small), best(large)
    assert t_large < 10 * t_small + 0.2, (shape, t_small, t_large)


# --------------------------------------------------------------------------- claims files

_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=30,
)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the seed article texts, so mutated claims files find their article."""
    base = tmp_path_factory.mktemp("fuzz")
    (base / "seeds").mkdir()
    for text in (REPO / "seeds").glob("*.txt"):
        shutil.copy(text, base / "seeds" / text.name)
    return base


def _load(workdir: Path, data: Any) -> None:
    path = workdir / "fuzzed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    try:
        load_claims_file(path)
    except ProvenanceError as exc:
        message = str(exc)
        assert message and "\n" not in message
        assert "Traceback" not in message


@_SETTINGS
@given(_json)
def test_random_json_is_loaded_or_refused(workdir: Path, data: Any) -> None:
    _load(workdir, data)


@_SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "format",
                "document",
                "actors",
                "claims",
                "links",
                "unlattributed",
                "unattributed",
                "documents",
                "verdicts",
                "merges",
                "unlinked",
                "appearances",
            ]
        ),
        _json,
        max_size=6,
    ),
    st.sampled_from(["provenance-gold/1", "provenance/1"]),
)
def test_random_sections_are_loaded_or_refused(
    workdir: Path, data: dict[str, Any], fmt: str
) -> None:
    _load(workdir, {**data, "format": fmt})


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path (keys and indexes) into a JSON value."""
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


def _seed_gold() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SEED_CLAIMS[0].read_text(encoding="utf-8"))
    return data


def _seed_export() -> dict[str, Any]:
    from provenance.jsonio import dataset_to_dict
    from provenance.model import Dataset, Unlinked, Verdict

    ds = load_claims_file(SEED_CLAIMS[0])
    a, b = ds.claims[0].id, ds.claims[1].id
    ds = ds.model_copy(
        update={
            "verdicts": [Verdict(claim=a, rating="false", at="2024-04-05T10:00:00+00:00")],
            "unlinked": [Unlinked(a=a, b=b, note="no")],
        }
    )
    assert isinstance(ds, Dataset)
    return dataset_to_dict(ds)


_BASES = {"gold": _seed_gold(), "export": _seed_export()}


@settings(_SETTINGS, max_examples=60)
@given(
    st.sampled_from(sorted(_BASES)),
    st.lists(
        st.tuples(st.integers(0, 10**6), st.sampled_from(["set", "drop"]), _json),
        min_size=1,
        max_size=4,
    ),
)
def test_mutated_claims_files_are_loaded_or_refused(
    workdir: Path, base: str, mutations: list[tuple[int, str, Any]]
) -> None:
    data = copy.deepcopy(_BASES[base])
    for pick, how, value in mutations:
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = paths[pick % len(paths)]
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        if how == "drop":
            del parent[path[-1]]
        else:
            parent[path[-1]] = value
    _load(workdir, data)


def test_mutations_through_the_cli_never_show_a_traceback(tmp_path: Path) -> None:
    """A few fixed mutations end to end: exit 1 and one 'error:' line."""
    from click.testing import CliRunner

    from provenance.cli import cli

    (tmp_path / "seeds").mkdir()
    for text in (REPO / "seeds").glob("*.txt"):
        shutil.copy(text, tmp_path / "seeds" / text.name)
    cases: list[Any] = []
    gold = _seed_gold()
    for field, value in [("speaker", ["a", "list"]), ("via", [{"k": 1}]), ("span", "0-5")]:
        edited = copy.deepcopy(gold)
        edited["claims"][0][field] = value
        edited["claims"][0].pop("content")  # nothing to re-anchor a bad span from
        cases.append(edited)
    edited = copy.deepcopy(gold)
    edited["links"][0]["source"] = {"id": "c01"}
    cases.append(edited)
    edited = copy.deepcopy(gold)
    edited["actors"]["ria"]["affiliation"] = ["kremlin"]
    cases.append(edited)
    export = _seed_export()
    for section in ("documents", "claims", "verdicts"):
        edited = copy.deepcopy(export)
        edited[section][0] = 7
        cases.append(edited)
    runner = CliRunner()
    for n, data in enumerate(cases):
        path = tmp_path / f"case{n}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        result = runner.invoke(cli, ["--db", str(tmp_path / "s.db"), "ingest", str(path)])
        assert result.exit_code == 1, (n, result.output)
        assert result.stderr.startswith(f"error: {path}: "), (n, result.stderr)
        assert result.stderr.count("\n") == 1
