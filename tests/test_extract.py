"""The attribution extractor on sentences written for these tests: one pattern of news English
per test, checking the speaker, the content span, the relay chain, the channel and the hedge."""

from __future__ import annotations

import datetime as dt

import pytest

from provenance.extract import extract
from provenance.model import Claim, Dataset, actor_id, claim_id, document_id, text_hash


def attributed(ds: Dataset) -> list[Claim]:
    return [c for c in ds.claims if c.speaker is not None]


def only(ds: Dataset) -> Claim:
    claims = attributed(ds)
    assert len(claims) == 1, [(c.text, c.speaker) for c in claims]
    return claims[0]


def name(ds: Dataset, actor: str | None) -> str | None:
    if actor is None:
        return None
    return ds.actor_index()[actor].name


def speaker_of(ds: Dataset, content: str) -> str | None:
    for c in ds.claims:
        if c.text == content:
            return name(ds, c.speaker)
    raise AssertionError(f"no claim {content!r} in {[c.text for c in ds.claims]}")


# --------------------------------------------------------------------------- the document


def test_document_and_ids() -> None:
    text = "The port was closed on Monday, the Transport Ministry said."
    ds = extract(
        text,
        source="a/b.txt",
        outlet="Northland Herald",
        published=dt.date(2024, 5, 6),
        url="https://example.org/x",
        title="Port closed",
    )
    assert len(ds.documents) == 1
    doc = ds.documents[0]
    assert doc.id == document_id(text)
    assert doc.text_hash == text_hash(text)
    assert (doc.source, doc.url, doc.published, doc.title) == (
        "a/b.txt",
        "https://example.org/x",
        dt.date(2024, 5, 6),
        "Port closed",
    )
    assert doc.outlet == actor_id("Northland Herald")
    outlet = ds.actor_index()[doc.outlet]
    assert outlet.kind == "news_outlet"
    c = only(ds)
    assert c.id == claim_id(doc.id, c.span)
    assert c.document == doc.id
    assert c.origin == "extracted"
    assert ds.links == []


def test_span_is_always_the_text() -> None:
    text = (
        "Ivan Petrenko, the governor of Northland, said that three bridges had been damaged.\n"
        "“We will rebuild,” he said. “It will take months.”\n"
        "Two ferries sank near the coast, said Maria Lindqvist, a coastguard spokeswoman.\n"
        "The river flooded three villages on Sunday."
    )
    ds = extract(text)
    assert ds.claims
    for c in ds.claims:
        assert text[c.span[0] : c.span[1]] == c.text
        if c.cue_span is not None:
            assert text[c.cue_span[0] : c.cue_span[1]] == c.cue


# ------------------------------------------------------------------- direct and indirect speech


def test_direct_speech_with_that() -> None:
    ds = extract(
        "Ivan Petrenko, the governor of Northland, said that three bridges had been damaged."
    )
    c = only(ds)
    assert c.text == "three bridges had been damaged"
    assert name(ds, c.speaker) == "Ivan Petrenko"
    assert c.cue == "said"
    assert c.rule == "direct"
    actor = ds.actor_index()[c.speaker]
    assert actor.kind == "person"
    assert actor.role == "governor of Northland"


def test_direct_speech_without_that() -> None:
    c = only(extract("Mayor Tom Birch said the city had no power."))
    assert c.text == "the city had no power"


def test_indirect_speech_after_the_content() -> None:
    ds = extract("The port of Eastbay was closed on Monday, the Transport Ministry said.")
    c = only(ds)
    assert c.text == "The port of Eastbay was closed on Monday"
    assert name(ds, c.speaker) == "Transport Ministry"
    assert c.rule == "indirect"
    assert "follows the content" in (c.why or "")


def test_inverted_attribution_with_appositive() -> None:
    ds = extract(
        "Two ferries sank near the coast, said Maria Lindqvist, a spokeswoman for the coastguard."
    )
    c = only(ds)
    assert c.text == "Two ferries sank near the coast"
    assert name(ds, c.speaker) == "Maria Lindqvist"
    assert c.rule == "inverted"
    assert ds.actor_index()[c.speaker].role == "spokeswoman for the coastguard"


def test_quotation_before_the_speaker() -> None:
    ds = extract("Olu Okafor spoke after the vote. “We will not resign,” Mr Okafor added.")
    c = only(ds)
    assert c.text == "We will not resign"
    assert c.cue == "added"
    actor = ds.actor_index()[c.speaker]
    assert actor.name == "Olu Okafor"
    assert "Mr Okafor" in actor.aliases


@pytest.mark.parametrize(
    ("sentence", "cue", "content"),
    [
        ("The minister confirmed that the border was open.", "confirmed", "the border was open"),
        ("The minister warned that prices would rise.", "warned", "prices would rise"),
        ("The minister announced that the tax would be cut.", "announced", "the tax would be cut"),
        ("The minister denied that the talks had failed.", "denied", "the talks had failed"),
        ("The minister insisted that the plan was legal.", "insisted", "the plan was legal"),
        ("The minister says the plan is legal.", "says", "the plan is legal"),
        ("The minister has claimed that the plan is legal.", "claimed", "the plan is legal"),
    ],
)
def test_reporting_verbs(sentence: str, cue: str, content: str) -> None:
    c = only(extract(sentence))
    assert (c.cue, c.text) == (cue, content)


def test_adding_is_a_second_claim_of_the_same_speaker() -> None:
    ds = extract(
        "The Interior Ministry said the fire was under control, adding that no one was hurt."
    )
    claims = attributed(ds)
    assert [c.text for c in claims] == ["the fire was under control", "no one was hurt"]
    assert claims[0].speaker == claims[1].speaker
    assert claims[1].cue == "adding"
    assert claims[1].rule == "participle"


def test_according_to_before_and_after() -> None:
    ds = extract("According to the harbour authority, the ferry carried 40 passengers.")
    c = only(ds)
    assert c.text == "the ferry carried 40 passengers"
    assert c.cue == "According to"
    ds = extract("The ferry carried 40 passengers, according to Port Director Lena Brandt.")
    c = only(ds)
    assert c.text == "The ferry carried 40 passengers"
    assert name(ds, c.speaker) == "Lena Brandt"


def test_quotes_spanning_sentences_are_one_statement() -> None:
    text = "“We will rebuild the bridge. It will take months,” the mayor said. “We have no choice.”"
    ds = extract(text)
    c = only(ds)
    assert c.text.startswith("“We will rebuild the bridge. It will take months,”")
    assert c.text.endswith("“We have no choice.”")


def test_follow_on_quote_goes_to_the_last_speaker() -> None:
    text = (
        "Olu Okafor said the vote was fair.\n"
        "“We will not resign,” Mr Okafor added.\n"
        "“The people have spoken and we respect them.”"
    )
    ds = extract(text)
    assert speaker_of(ds, "The people have spoken and we respect them") == "Olu Okafor"
    follow = [c for c in ds.claims if c.rule == "follow_on_quote"]
    assert len(follow) == 1


def test_coordinated_verb_shares_the_subject() -> None:
    ds = extract("President Ana Ruiz condemned the attack and warned the toll could rise.")
    c = only(ds)
    assert c.text == "the toll could rise"
    assert name(ds, c.speaker) == "Ana Ruiz"


# --------------------------------------------------------------------------- references back


def test_pronouns_resolve_to_the_last_person() -> None:
    text = (
        "Lena Brandt, the party leader, said her party would win. "
        "She said the campaign was going well. "
        "Several rallies were cancelled, she said."
    )
    ds = extract(text)
    names = {name(ds, c.speaker) for c in attributed(ds)}
    assert names == {"Lena Brandt"}
    assert len(attributed(ds)) == 3
    assert "she" in (attributed(ds)[1].why or "")


def test_he_and_she_pick_the_right_person() -> None:
    text = (
        "Mr Tom Birch said the dam was safe. Mrs Ana Ruiz said the dam was unsafe. "
        "He said engineers had checked it."
    )
    ds = extract(text)
    assert speaker_of(ds, "engineers had checked it") == "Tom Birch"


def test_surname_and_honorific_resolve_to_the_full_name() -> None:
    text = "Ivan Petrenko said repairs had begun. Petrenko said they would take weeks."
    ds = extract(text)
    ids = {c.speaker for c in attributed(ds)}
    assert ids == {actor_id("Ivan Petrenko")}
    assert "Petrenko" in ds.actor_index()[actor_id("Ivan Petrenko")].aliases


def test_definite_description_resolves_to_the_organisation() -> None:
    text = (
        "Foreign Ministry spokeswoman Olga Marin warned that talks had stalled. "
        "The ministry said the talks would resume."
    )
    ds = extract(text)
    marin = ds.actor_index()[actor_id("Olga Marin")]
    assert marin.role == "Foreign Ministry spokeswoman"
    assert marin.affiliation == actor_id("Foreign Ministry")
    assert speaker_of(ds, "the talks would resume") == "Foreign Ministry"


def test_it_resolves_to_an_organisation() -> None:
    ds = extract("The army said it had retaken the village. It said 12 soldiers were wounded.")
    claims = attributed(ds)
    assert len(claims) == 2
    assert claims[0].speaker == claims[1].speaker


def test_title_becomes_role_and_affiliation() -> None:
    ds = extract("Harbour Authority spokesman Piet Janssen said the channel was blocked.")
    actor = ds.actor_index()[actor_id("Piet Janssen")]
    assert actor.role == "Harbour Authority spokesman"
    assert actor.affiliation == actor_id("Harbour Authority")
    assert actor_id("Harbour Authority") in ds.actor_index()


def test_news_agency_kind() -> None:
    ds = extract("State news agency Nordpress reported that the plant had shut down.")
    c = only(ds)
    actor = ds.actor_index()[c.speaker]
    assert actor.name == "Nordpress"
    assert actor.kind == "news_agency"


def test_unnamed_sources() -> None:
    for sentence, who in [
        ("Local media reported that the bridge had collapsed.", "local media"),
        ("Officials said the road would reopen.", "officials"),
        ("Residents of Eastbay say the water is unsafe.", "residents of Eastbay"),
    ]:
        ds = extract(sentence)
        c = only(ds)
        actor = ds.actor_index()[c.speaker]
        assert actor.name.lower() == who.lower()
        assert actor.kind == "unnamed"


# --------------------------------------------------------------------------- relays and channels


def test_told_a_news_agency_is_a_relay() -> None:
    ds = extract("Mayor Tom Birch told Reuters that the city had no power.")
    c = only(ds)
    assert name(ds, c.speaker) == "Tom Birch"
    assert [name(ds, v) for v in c.via] == ["Reuters"]
    assert c.text == "the city had no power"


def test_told_reporters_is_not_a_relay() -> None:
    c = only(extract("Mayor Tom Birch told reporters that the city had no power."))
    assert c.via == []


def test_reported_citing() -> None:
    ds = extract("Shelling hit the market, the Daily Courier reported, citing local officials.")
    c = only(ds)
    assert c.text == "Shelling hit the market"
    assert name(ds, c.speaker) == "local officials"
    assert [name(ds, v) for v in c.via] == ["Daily Courier"]
    assert c.rule == "citing"


def test_per_via() -> None:
    ds = extract("Looters were arrested overnight, per police via the Evening Star.")
    c = only(ds)
    assert name(ds, c.speaker) == "police"
    assert [name(ds, v) for v in c.via] == ["Evening Star"]


def test_quoted_as_saying() -> None:
    ds = extract("The Daily Courier quoted the mayor as saying that the city was safe.")
    c = only(ds)
    assert c.text == "the city was safe"
    assert [name(ds, v) for v in c.via] == ["Daily Courier"]


def test_channel_said_on_telegram() -> None:
    ds = extract("Governor Ana Ruiz said on Telegram that schools would close.")
    c = only(ds)
    assert c.channel == "Telegram"
    assert c.text == "schools would close"


def test_channel_writing_on_the_messaging_app() -> None:
    text = (
        "Governor Ana Ruiz said schools would close. "
        "Writing on the Telegram messaging app, she said classes would resume on Monday."
    )
    ds = extract(text)
    claims = attributed(ds)
    assert claims[0].channel is None
    assert claims[1].channel == "Telegram"
    assert name(ds, claims[1].speaker) == "Ana Ruiz"


def test_embedded_post() -> None:
    text = (
        "Explosions were heard across the city overnight.\n"
        "Eastbay is burning tonight\n"
        "— Anna Kovalenko 🇺🇦 (@anna_kov) March 3, 2024\n"
        "Huge blasts in the east of the city.\n"
        "Local channels report at least 5 explosions near the station. pic.twitter.com/AbC123xyz\n"
        "Officials have not commented on the blasts."
    )
    ds = extract(text)
    report = next(c for c in ds.claims if c.text == "at least 5 explosions near the station")
    assert name(ds, report.speaker) == "local channels"
    assert [name(ds, v) for v in report.via] == ["Anna Kovalenko"]
    assert report.channel == "Twitter"
    own = next(c for c in ds.claims if c.text.startswith("Huge blasts"))
    assert name(ds, own.speaker) == "Anna Kovalenko"
    assert own.rule == "social_post"
    author = ds.actor_index()[actor_id("Anna Kovalenko")]
    assert "@anna_kov" in author.aliases
    # The byline line and the line after the post are not the author's.
    assert not any("@anna_kov" in c.text for c in ds.claims)
    last = next(c for c in ds.claims if c.text.startswith("Officials have not"))
    assert last.speaker is None


# --------------------------------------------------------------------------- hedges, unattributed


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("The company reportedly cut 300 jobs, local media said.", "reportedly"),
        ("While unconfirmed, residents said the bridge had collapsed.", "unconfirmed"),
        ("Rebels claimed they had captured the airport.", "claimed"),
        (
            "Rebels said they had captured the airport, which could not be independently verified.",
            "could not be independently verified",
        ),
        (
            "Rebels said they had captured the airport. "
            "The claim could not be independently verified.",
            "could not be independently verified",
        ),
    ],
)
def test_hedges(text: str, hedge: str) -> None:
    c = only(extract(text))
    assert c.hedged
    assert c.hedge == hedge


def test_plain_report_is_not_hedged() -> None:
    c = only(extract("Officials said the road would reopen."))
    assert not c.hedged
    assert c.hedge is None


def test_unattributed_sentences() -> None:
    ds = extract(
        "The river flooded three villages on Sunday. Officials said the water was falling."
    )
    plain = [c for c in ds.claims if c.unattributed]
    assert [c.text for c in plain] == ["The river flooded three villages on Sunday."]
    assert plain[0].speaker is None
    assert plain[0].rule == "unattributed"


def test_quantities_are_filled() -> None:
    c = only(extract("The army said 12 soldiers were wounded."))
    assert c.quantities
    assert c.quantities[0].low == 12


def test_why_explains_a_resolved_description() -> None:
    text = (
        "The Transport Ministry said the port was closed.\n"
        "Two ships were stranded, the ministry said."
    )
    ds = extract(text)
    c = next(c for c in attributed(ds) if c.text == "Two ships were stranded")
    assert name(ds, c.speaker) == "Transport Ministry"
    assert c.why is not None
    assert "indirect speech" in c.why
    assert "'the ministry' resolved to Transport Ministry" in c.why
