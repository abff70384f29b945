"""``ingest --format claimreview``: published fact-checks attached to the matching stored claims."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from provenance.importers.claimreview import (
    MATCH_THRESHOLD,
    ClaimIndex,
    rating_of,
    similarity,
    words,
)
from provenance.store import Store
from tests.conftest import SEED_CLAIMS, Invoke

ROSTOV = "44 of them were downed or intercepted in Rostov"
KURSK = "Other drones were downed over the Kursk, Belgorod and Krasnodar regions"


def _review(
    text: str,
    label: str = "False",
    *,
    author: Any = None,
    url: str | None = "https://checks.example/rostov-drones",
    date: str | None = "2024-04-06",
    explanation: str | None = "No independent source confirms the figure.",
) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": label}
    if explanation:
        rating["ratingExplanation"] = explanation
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": text,
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": "Harbour Checks"} if author is None else author,
    }
    if url:
        review["url"] = url
    if date:
        review["datePublished"] = date
    return review


def _write(tmp_path: Path, data: Any, name: str = "reviews.jsonld") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _verdicts(db: Path, fragment: str) -> list[Any]:
    with Store(db) as store:
        return store.verdicts(store.resolve_claim(fragment))


# --------------------------------------------------------------------------- file shapes


@pytest.mark.parametrize(
    "shape",
    [
        lambda r: r,
        lambda r: [r],
        lambda r: {"@context": "https://schema.org", "@graph": [r]},
        lambda r: {
            "@context": "https://schema.org",
            "@type": "DataFeed",
            "dataFeedElement": [{"@type": "DataFeedItem", "item": [r]}],
        },
        lambda r: {"@type": "DataFeed", "dataFeedElement": [r]},
    ],
    ids=["object", "list", "graph", "datafeed-item", "datafeed-direct"],
)
def test_every_file_shape_attaches_the_verdict(
    seeded: Invoke, db: Path, tmp_path: Path, shape: Callable[[Any], Any]
) -> None:
    path = _write(tmp_path, shape(_review(ROSTOV)))
    result = seeded("ingest", "--format", "claimreview", str(path), "--yes")
    assert result.exit_code == 0, result.output
    assert result.stderr == "attached 1 verdict(s) to 1 claim(s)\n"
    (verdict,) = _verdicts(db, ROSTOV)
    assert (verdict.rating, verdict.by, verdict.origin, verdict.url) == (
        "false",
        "Harbour Checks",
        "claimreview",
        "https://checks.example/rostov-drones",
    )
    assert verdict.explanation == "No independent source confirms the figure."
    assert verdict.at.isoformat() == "2024-04-06T00:00:00+00:00"


def test_matches_are_shown_and_confirmed(seeded: Invoke, db: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, [_review("Says " + ROSTOV)])
    declined = seeded("ingest", "--format", "claimreview", str(path), input="n\n")
    assert declined.exit_code == 0
    assert declined.stdout == (
        f"“Says {ROSTOV}” (False, by Harbour Checks)\n"
        f"  matches d3d3e265 “{ROSTOV}” (similarity 0.95)\n"
    )
    # CliRunner echoes the typed answer, as a terminal would.
    assert declined.stderr == "Attach 1 verdict(s)? [y/N]: n\nnothing attached\n"
    assert _verdicts(db, ROSTOV) == []

    accepted = seeded("ingest", "--format", "claimreview", str(path), input="y\n")
    assert accepted.exit_code == 0
    assert accepted.stderr == "Attach 1 verdict(s)? [y/N]: y\nattached 1 verdict(s) to 1 claim(s)\n"
    assert len(_verdicts(db, ROSTOV)) == 1

    # The same review again is recognised, not attached twice.
    again = seeded("ingest", "--format", "claimreview", str(path), "--yes")
    assert again.stderr == "nothing new attached: 1 verdict(s) already attached\n"
    assert len(_verdicts(db, ROSTOV)) == 1


def test_json_lists_matches_and_unmatched(seeded: Invoke, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [_review(ROSTOV), _review("The moon is made of cheese, officials said", "Pants on Fire")],
    )
    result = seeded("ingest", "--format", "claimreview", str(path), "--json", "--yes")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (match,) = data["matches"]
    assert match["claim"] == "d3d3e265291a"
    assert match["claim_text"] == ROSTOV
    assert match["similarity"] == 1.0
    assert match["review"]["rating"] == "false"
    assert match["review"]["author"] == "Harbour Checks"
    (unmatched,) = data["unmatched"]
    assert unmatched["claim_reviewed"] == "The moon is made of cheese, officials said"
    assert data["unrated"] == []
    assert result.stderr == (
        f"note: {path}: review 2 “The moon is made of cheese, officials said” matches no "
        "stored claim\nattached 1 verdict(s) to 1 claim(s)\n"
    )


def test_no_match_is_reported_not_an_error(seeded: Invoke, db: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, _review("The harbour bridge reopened on Monday"))
    result = seeded("ingest", "--format", "claimreview", str(path))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == (
        f"note: {path}: review 1 “The harbour bridge reopened on Monday” matches no stored "
        "claim\nno review matched a stored claim; nothing attached\n"
    )


def test_already_checked_by_shows_on_the_claim(seeded: Invoke, tmp_path: Path) -> None:
    seeded("rate", KURSK, "--rating", "in_review", "--by", "alice")
    path = _write(tmp_path, _review(KURSK, "Mostly False", url="https://checks.example/kursk"))
    assert seeded("ingest", "--format", "claimreview", str(path), "--yes").exit_code == 0
    shown = seeded("show", KURSK)
    assert shown.exit_code == 0
    assert "In review: rated by alice on" in shown.stdout
    assert (
        "Mostly false: already checked by Harbour Checks on 2024-04-06 (No independent source "
        "confirms the figure.) https://checks.example/kursk"
    ) in shown.stdout
    data = json.loads(seeded("show", KURSK, "--json").stdout)
    assert [v["origin"] for v in data["verdicts"]] == ["rated", "claimreview"]
    assert data["verdicts"][1]["by"] == "Harbour Checks"


# --------------------------------------------------------------------------- round trip


def test_export_then_import_reattaches_the_verdicts(seeded: Invoke, tmp_path: Path) -> None:
    seeded(
        "rate", ROSTOV, "--rating", "mostly_false", "--explanation", "one source", "--by", "alice"
    )
    seeded("rate", KURSK, "--rating", "in_review", "--by", "bob")  # not a review: not exported
    seeded("rate", "direct confrontation” over Ukraine", "--rating", "misleading", "--by", "carol")
    exported = tmp_path / "reviews.jsonld"
    assert seeded("export", "--format", "claimreview", "-o", str(exported)).exit_code == 0

    other = tmp_path / "other.db"
    runner = CliRunner()

    def run_other(*args: str) -> Result:
        from provenance.cli import cli

        return runner.invoke(cli, ["--db", str(other), *args], catch_exceptions=False)

    assert run_other("ingest", *map(str, SEED_CLAIMS)).exit_code == 0
    result = run_other("ingest", "--format", "claimreview", str(exported), "--yes")
    assert result.exit_code == 0, result.output
    assert result.stderr == "attached 2 verdict(s) to 2 claim(s)\n"
    with Store(tmp_path / "store.db") as original, Store(other) as copy:
        before = original.current_verdicts(original.all_claim_ids())
        after = copy.current_verdicts(copy.all_claim_ids())
    rated = {cid: v for cid, v in before.items() if v.rating != "in_review"}
    assert set(after) == set(rated)
    for cid, verdict in rated.items():
        got = after[cid]
        assert (got.rating, got.explanation, got.by) == (
            verdict.rating,
            verdict.explanation,
            verdict.by,
        )
        assert got.origin == "claimreview"
        assert got.at.date() == verdict.at.date()


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "{",
            "malformed JSON at line 1 column 2 (Expecting property name enclosed in double quotes)",
        ),
        ("", "the ClaimReview file is empty"),
        (
            json.dumps({"@type": "NewsArticle", "headline": "Not a review"}),
            "no ClaimReview found; expected schema.org ClaimReview JSON-LD (an object, a list, "
            "an @graph or a DataFeed)",
        ),
        (
            json.dumps([{"@type": "ClaimReview", "reviewRating": {"alternateName": "False"}}]),
            "ClaimReview 1 has no claimReviewed text",
        ),
    ],
    ids=["bad-json", "empty", "not-claimreview", "no-text"],
)
def test_bad_files_fail_in_one_line_and_change_nothing(
    seeded: Invoke, db: Path, tmp_path: Path, content: str, message: str
) -> None:
    good = _write(tmp_path, _review(ROSTOV), "good.jsonld")
    bad = tmp_path / "bad.jsonld"
    bad.write_text(content, encoding="utf-8")
    result = seeded("ingest", "--format", "claimreview", str(good), str(bad), "--yes")
    assert result.exit_code == 1
    assert result.stderr == f"error: {bad}: {message}\n"
    assert result.stdout == ""
    assert _verdicts(db, ROSTOV) == []


def test_missing_file_and_url(seeded: Invoke, tmp_path: Path) -> None:
    missing = tmp_path / "none.jsonld"
    result = seeded("ingest", "--format", "claimreview", str(missing))
    assert result.exit_code == 1
    assert result.stderr == f"error: {missing}: no such ClaimReview file; check the path\n"
    url = "https://checks.example/feed.json"
    result = seeded("ingest", "--format", "claimreview", url)
    assert result.exit_code == 2
    assert result.stderr == f"error: {url}: --format claimreview reads files; save the feed first\n"


def test_article_options_do_not_apply(seeded: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path, _review(ROSTOV))
    result = seeded("ingest", "--format", "claimreview", str(path), "--outlet", "Reuters")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --outlet, --published, --url and --title describe articles, not --format "
        "claimreview\n"
    )


def test_hostile_review_text_is_cleaned(seeded: Invoke, db: Path, tmp_path: Path) -> None:
    review = _review(
        ROSTOV + "\x1b[31m",
        author={"name": "Harbour\x1b]0;pwned\x07 Checks"},
        url="javascript:alert(1)",
    )
    path = _write(tmp_path, review)
    result = seeded("ingest", "--format", "claimreview", str(path), "--yes")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    (verdict,) = _verdicts(db, ROSTOV)
    assert verdict.url is None
    assert verdict.by is not None and verdict.by.isprintable()


# --------------------------------------------------------------------------- ratings


def test_labels_and_numeric_ratings(seeded: Invoke, db: Path, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            _review(ROSTOV, "Pants on Fire!", explanation="Invented.", date="2024-04-06"),
            _review(KURSK, "Four stars", explanation=None),
        ],
    )
    result = seeded("ingest", "--format", "claimreview", str(path), "--yes")
    assert result.exit_code == 0
    assert result.stderr == (
        f"note: {path}: review 2 skipped: rating 'Four stars' not understood\n"
        "attached 1 verdict(s) to 1 claim(s)\n"
    )
    (verdict,) = _verdicts(db, ROSTOV)
    assert (verdict.rating, verdict.explanation) == ("false", "Pants on Fire!: Invented.")
    assert rating_of({"ratingValue": 2, "bestRating": 5, "worstRating": 1}) == "mostly_false"
    assert rating_of({"ratingValue": "5"}) == "true"
    assert rating_of({"alternateName": "Half True"}) == "mixed"
    assert rating_of({"alternateName": "Missing context"}) == "misleading"
    assert rating_of({"ratingValue": 9}) is None
    assert rating_of({}) is None


def test_latest_review_is_the_current_verdict(seeded: Invoke, db: Path, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            _review(ROSTOV, "Mostly true", date="2024-05-01", url="https://b.example/2"),
            _review(ROSTOV, "False", date="2024-04-06", url="https://a.example/1"),
        ],
    )
    assert seeded("ingest", "--format", "claimreview", str(path), "--yes").exit_code == 0
    with Store(db) as store:
        cid = store.resolve_claim(ROSTOV)
        assert store.current_verdicts([cid])[cid].rating == "mostly_true"


# --------------------------------------------------------------------------- similarity


def test_threshold_is_inclusive_at_exactly_point_eight() -> None:
    assert MATCH_THRESHOLD == 0.8
    # ROSTOV has 9 words; dropping "or" and adding 3 words shares 8 of 11: 2*8/(9+11) = 0.8.
    at = "44 of them were downed intercepted in Rostov late last night"
    below = "44 of them were downed intercepted in Rostov late last Friday night"  # 16/21
    assert similarity(ROSTOV, at) == pytest.approx(0.8)
    assert similarity(ROSTOV, below) == pytest.approx(16 / 21)
    index = ClaimIndex([("r", ROSTOV), ("k", KURSK)])
    assert index.search(at) == [("r", pytest.approx(0.8))]
    assert index.search(below) == []


def test_near_threshold_through_the_cli(seeded: Invoke, db: Path, tmp_path: Path) -> None:
    above = "44 of them were downed intercepted in Rostov late last night"
    below = "44 of them were downed intercepted in Rostov late last Friday night"
    path = _write(tmp_path, [_review(below, url="https://a.example/1"), _review(above)])
    result = seeded("ingest", "--format", "claimreview", str(path), "--json", "--yes")
    data = json.loads(result.stdout)
    assert [m["review"]["claim_reviewed"] for m in data["matches"]] == [above]
    assert data["matches"][0]["similarity"] == 0.8
    assert [r["claim_reviewed"] for r in data["unmatched"]] == [below]


def test_similarity_measure() -> None:
    assert similarity("The bridge was closed on Monday", "the BRIDGE was closed, on monday!") == 1
    # Negation must agree, however similar the rest.
    assert similarity("The bridge was closed on Monday", "The bridge was not closed on Monday") == 0
    assert similarity("The bridge wasn't closed", "The bridge was not closed") == 1
    # Curly apostrophes and accents do not matter.
    assert words("Ukraine’s café") == words("Ukraine's cafe")
    assert similarity("", "anything") == 0


def test_index_finds_what_brute_force_finds() -> None:
    texts = [
        "the ministry said ten drones were downed over the region",
        "ten drones were downed over the region overnight",
        "drones were downed",
        "the governor said power was restored in the region",
        "power was restored in the region on friday",
        "the ministry denied that any drones were downed",
    ]
    index = ClaimIndex((str(i), t) for i, t in enumerate(texts))
    for threshold in (0.5, 0.6, 0.7, 0.8, 0.9):
        for query in [*texts, "drones were downed over the region", "power restored"]:
            expected = sorted(
                str(i) for i, t in enumerate(texts) if similarity(query, t) + 1e-9 >= threshold
            )
            assert sorted(cid for cid, _ in index.search(query, threshold)) == expected


def test_old_store_verdicts_read_as_rated(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import REPO

    copy = tmp_path / "v1.db"
    shutil.copy(REPO / "tests" / "data" / "store-v1.db", copy)
    with Store(copy) as store:
        ids = store.all_claim_ids()
        if not ids:
            pytest.skip("the v1 store holds no claims")
        with store.transaction():
            store.rate(ids[0], "false", None, "alice")
        (verdict,) = store.verdicts(ids[0])
    assert (verdict.origin, verdict.url) == ("rated", None)


def test_imported_review_exports_with_its_url(seeded: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path, _review(ROSTOV, url="https://checks.example/r"))
    assert seeded("ingest", "--format", "claimreview", str(path), "--yes").exit_code == 0
    out = tmp_path / "again.jsonld"
    assert seeded("export", "--format", "claimreview", "-o", str(out)).exit_code == 0
    reviews = [r for r in json.loads(out.read_text("utf-8")) if r["@type"] == "ClaimReview"]
    (review,) = reviews
    assert review["url"] == "https://checks.example/r"
    assert review["author"]["name"] == "Harbour Checks"
    # Importing that export again recognises the review: nothing is attached twice.
    again = seeded("ingest", "--format", "claimreview", str(out), "--yes")
    assert again.stderr == "nothing new attached: 1 verdict(s) already attached\n"
