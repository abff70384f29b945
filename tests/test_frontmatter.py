"""Front matter in plain-text articles: the parser, and ``ingest``/``extract`` honouring it (the
document is the body, the command line wins over the header, a bad date is refused)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.errors import InputError
from provenance.importers.frontmatter import (
    MAX_CHARS,
    MAX_LINES,
    FrontMatter,
    split_front_matter,
)
from provenance.model import Dataset
from provenance.pipeline import TextOptions, extract_file
from provenance.store import Store
from tests.conftest import SEED_TEXTS, Invoke

BODY = (
    "Russia has downed 53 Ukrainian drones over the Rostov region, the Ministry of Defence "
    "said on Friday.\n"
    "Vasily Golubev, the governor of Rostov, said that air defence units had destroyed more "
    "than 40 airborne targets.\n"
)

HEADER = (
    "---\n"
    "title: Drones downed over Rostov\n"
    "published: 2024-04-05\n"
    "outlet: Talpress\n"
    "url: https://example.org/a/1\n"
    "---\n"
)


# --------------------------------------------------------------------------- the parser


def test_header_with_all_keys() -> None:
    header, body = split_front_matter(HEADER + BODY, source="a.txt")
    assert header == FrontMatter(
        title="Drones downed over Rostov",
        published=dt.date(2024, 4, 5),
        outlet="Talpress",
        url="https://example.org/a/1",
    )
    assert body == BODY  # exactly the header lines removed


def test_keys_are_case_insensitive_and_have_aliases() -> None:
    text = "---\nDate: 2024-04-05\nSITE: Talpress\nTitle: T\n---\n" + BODY
    header, body = split_front_matter(text, source="a.txt")
    assert header == FrontMatter(title="T", published=dt.date(2024, 4, 5), outlet="Talpress")
    assert body == BODY
    for key in ("outlet", "source", "site", "publisher"):
        got, _ = split_front_matter(f"---\n{key}: Reuters\n---\n{BODY}", source="a.txt")
        assert got.outlet == "Reuters", key


def test_quoted_values() -> None:
    text = (
        "---\n"
        "title: \"Drones: 53 downed, 'most' over Rostov\"\n"
        "outlet: 'The Daily Lantern'\n"
        'published: "2024-04-05"\n'
        "url: 'https://example.org/a/1#top'\n"
        "---\n" + BODY
    )
    header, body = split_front_matter(text, source="a.txt")
    assert header.title == "Drones: 53 downed, 'most' over Rostov"
    assert header.outlet == "The Daily Lantern"
    assert header.published == dt.date(2024, 4, 5)
    assert header.url == "https://example.org/a/1#top"
    assert body == BODY


@pytest.mark.parametrize(
    "value",
    [
        "2024-04-05T08:30:00+02:00",
        "2024-04-05T23:30:00Z",
        "2024-04-05 08:30",
        "2024-04-05T08:30:00.123456-05:00",
    ],
)
def test_datetime_value_keeps_its_date(value: str) -> None:
    header, _ = split_front_matter(f"---\npublished: {value}\n---\n{BODY}", source="a.txt")
    assert header.published == dt.date(2024, 4, 5)  # the date as written, no time-zone shift


def test_no_header_leaves_the_text_untouched() -> None:
    assert split_front_matter(BODY, source="a.txt") == (FrontMatter(), BODY)
    # "---" must be the whole first line.
    for text in ("--- \ntitle: x\n---\n" + BODY, "----\ntitle: x\n---\n" + BODY,
                 "\n---\ntitle: x\n---\n" + BODY, "---title: x\n---\n" + BODY):  # fmt: skip
        assert split_front_matter(text, source="a.txt") == (FrontMatter(), text)


def test_unclosed_header_is_just_text() -> None:
    for text in ("---\ntitle: x\n" + BODY, "---\n", "---", "---\ntitle: x\n--- \n" + BODY):
        assert split_front_matter(text, source="a.txt") == (FrontMatter(), text)


def test_prose_between_two_rules_is_not_a_header() -> None:
    text = "---\nBreaking news from the front\n---\n" + BODY
    assert split_front_matter(text, source="a.txt") == (FrontMatter(), text)


def test_the_closing_line_must_come_early() -> None:
    filler = "".join(f"k{i}: v\n" for i in range(MAX_LINES - 2))
    _, body = split_front_matter(f"---\n{filler}---\n{BODY}", source="a.txt")
    assert body == BODY  # the closing line is line MAX_LINES
    late = f"---\n{filler}k: v\n---\n{BODY}"
    assert split_front_matter(late, source="a.txt") == (FrontMatter(), late)
    long_title = "x" * MAX_CHARS
    big = f"---\ntitle: {long_title}\n---\n{BODY}"
    assert split_front_matter(big, source="a.txt") == (FrontMatter(), big)


def test_comment_and_blank_lines_and_unknown_keys() -> None:
    text = (
        "---\n"
        "# saved by the night desk\n"
        "\n"
        "author: Ana Varga\n"
        "tags: drones, Rostov\n"
        "   # indented comment\n"
        "published: 2024-04-05\n"
        "title:\n"
        "---\n" + BODY
    )
    header, body = split_front_matter(text, source="a.txt")
    assert header == FrontMatter(published=dt.date(2024, 4, 5))  # empty title says nothing
    assert body == BODY


def test_byte_order_mark_and_crlf() -> None:
    text = "\ufeff---\r\npublished: 2024-04-05\r\noutlet: Talpress\r\n---\r\n" + BODY
    header, body = split_front_matter(text, source="a.txt")
    assert header == FrontMatter(published=dt.date(2024, 4, 5), outlet="Talpress")
    assert body == BODY
    plain = "\ufeff" + BODY  # no header: untouched, mark included
    assert split_front_matter(plain, source="a.txt") == (FrontMatter(), plain)


def test_header_only_the_body_may_be_empty() -> None:
    assert split_front_matter("---\ntitle: T\n---", source="a.txt") == (FrontMatter(title="T"), "")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "published: yesterday",
            "article.txt: front matter 'published' is not a date: 'yesterday' (write YYYY-MM-DD)",
        ),
        (
            "Date: '2024-02-30'",
            "article.txt: front matter 'date' is not a date: '2024-02-30' (write YYYY-MM-DD)",
        ),
        (
            "published: 05/04/2024",
            "article.txt: front matter 'published' is not a date: '05/04/2024' (write YYYY-MM-DD)",
        ),
    ],
)
def test_bad_date_is_an_input_error(line: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        split_front_matter(f"---\n{line}\n---\n{BODY}", source="article.txt")
    assert str(info.value) == message


# --------------------------------------------------------------------------- the pipeline


def _stored(db: Path) -> Dataset:
    with Store(db) as store:
        return store.dataset()


def test_extract_file_reads_the_header(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(HEADER + BODY, encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text(BODY, encoding="utf-8")
    got = extract_file(path)
    want = extract_file(
        plain,
        TextOptions(outlet="Talpress", published=dt.date(2024, 4, 5),
                    url="https://example.org/a/1", title="Drones downed over Rostov"),
    )  # fmt: skip
    # The same article as the header-less text given its metadata on the command line.
    assert got.model_dump(exclude={"documents"}) == want.model_dump(exclude={"documents"})
    assert got.documents[0].model_dump(exclude={"source"}) == want.documents[0].model_dump(
        exclude={"source"}
    )


def test_header_without_a_body_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(HEADER + "\n  \n", encoding="utf-8")
    with pytest.raises(InputError, match="no article text after the front matter"):
        extract_file(path)


# --------------------------------------------------------------------------- the CLI


def test_ingest_stores_the_header_metadata_and_body_spans(
    run: Invoke, db: Path, tmp_path: Path
) -> None:
    seed = SEED_TEXTS[0].read_text(encoding="utf-8")
    path = tmp_path / "article.txt"
    path.write_text(HEADER + seed, encoding="utf-8")
    result = run("ingest", str(path))
    assert result.exit_code == 0, result.output
    ds = _stored(db)
    (doc,) = ds.documents
    assert doc.text == seed
    assert doc.published == dt.date(2024, 4, 5)
    assert doc.title == "Drones downed over Rostov"
    assert doc.url == "https://example.org/a/1"
    outlet = {a.id: a for a in ds.actors}[doc.outlet or ""]
    assert outlet.name == "Talpress"
    attributed = [c for c in ds.claims if not c.unattributed]
    assert attributed
    for claim in ds.claims:
        assert doc.text[claim.span[0] : claim.span[1]] == claim.text


def test_command_line_wins_over_the_header(run: Invoke, db: Path, tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(HEADER + BODY, encoding="utf-8")
    result = run("ingest", str(path), "--published", "2024-04-07", "--title", "Mine")
    assert result.exit_code == 0, result.output
    (doc,) = _stored(db).documents
    assert doc.published == dt.date(2024, 4, 7)
    assert doc.title == "Mine"
    assert doc.url == "https://example.org/a/1"  # what the command line does not say


def test_bad_date_exits_with_one_line_and_stores_nothing(db: Path, tmp_path: Path) -> None:
    from provenance.cli import cli

    good = tmp_path / "good.txt"
    good.write_text(HEADER + BODY, encoding="utf-8")
    bad = tmp_path / "article.txt"
    bad.write_text("---\npublished: yesterday\n---\n" + BODY, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", str(db), "ingest", str(good), str(bad)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {bad}: front matter 'published' is not a date: 'yesterday' (write YYYY-MM-DD)\n"
    )
    with Store(db) as store:
        assert store.counts() == {"documents": 0, "actors": 0, "claims": 0, "links": 0}


def test_extract_command_honours_the_header(run: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(HEADER + BODY, encoding="utf-8")
    result = run("extract", str(path), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (doc,) = data["documents"]
    assert doc["text"] == BODY
    assert doc["published"] == "2024-04-05"
    assert doc["title"] == "Drones downed over Rostov"
    for claim in data["claims"]:
        assert BODY[claim["span"][0] : claim["span"][1]] == claim["text"]


# --------------------------------------------------------------------------- benchmark corpus


def test_corpus_texts_carry_their_metadata(tmp_path: Path) -> None:
    from benchmarks.corpus import article_paths, generate, write_corpus
    from provenance.claimsfile import load_claims_file
    from provenance.extract import extract

    write_corpus(tmp_path, 6, seed=2)
    for art in generate(6, seed=2):
        text, claims_file = article_paths(tmp_path, art.index)
        outlet = art.actors[art.outlet].name
        # Ingesting the text alone gives what the benchmark's extraction passes in-process.
        want = extract(art.text, source=str(text), outlet=outlet, published=art.published,
                       title=art.title)  # fmt: skip
        assert extract_file(text) == want
        # The gold claims file still indexes the body.
        loaded = load_claims_file(claims_file)
        assert loaded.documents[0].text == art.text
        gold = json.loads(claims_file.read_text(encoding="utf-8"))
        assert gold["document"]["outlet"] == outlet
        for c in gold["claims"]:
            assert art.text[c["span"][0] : c["span"][1]] == c["content"]


def test_claims_file_text_with_header_fills_in_and_scores_alike(tmp_path: Path) -> None:
    from benchmarks.corpus import article_paths, generate, write_corpus
    from provenance.claimsfile import load_claims_file
    from provenance.evaluate import evaluate_gold_files

    with_header, without = tmp_path / "with", tmp_path / "without"
    write_corpus(with_header, 5, seed=3)
    write_corpus(without, 5, seed=3)
    arts = list(generate(5, seed=3))
    for art in arts:
        article_paths(without, art.index)[0].write_text(art.text, encoding="utf-8")
    golds = [[article_paths(root, a.index)[1] for a in arts] for root in (with_header, without)]
    # The extractor scored on the texts with a header gives the figures it gives without one.
    assert evaluate_gold_files(golds[0]) == evaluate_gold_files(golds[1])
    # A claims file that leaves the date and title out gets them from the text's header.
    claims_file = golds[0][0]
    data = json.loads(claims_file.read_text(encoding="utf-8"))
    del data["document"]["published"], data["document"]["title"]
    claims_file.write_text(json.dumps(data), encoding="utf-8")
    (doc,) = load_claims_file(claims_file).documents
    assert (doc.published, doc.title, doc.text) == (arts[0].published, arts[0].title, arts[0].text)
