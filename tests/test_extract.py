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


# --------------------------------------------------------------------------- speaker phrases


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        ("Several crew members said the captain had ignored the warning.", "crew members"),
        ("City transit director Jane Holt said the trains were late.", "Jane Holt"),
        ("Another 12 percent said they had no opinion.", "12 percent"),
        ("Nearly six of 10 residents say the park should stay open.", "six of 10 residents"),
        ("Tenant rights groups warned that the law was harsh.", "Tenant rights groups"),
        ("Experts on river ecology said the new dam would harm fish.", "Experts on river"),
        ("People familiar with the talks said a deal was near.", "People familiar with"),
        (
            "Although the budget is small, elected leaders from both valleys say it will help.",
            "elected leaders from both valleys",
        ),
        ("Those close to the coach say that he would resign.", "Those close to the coach"),
        ("A lawyer for the tenants, Mark Bell, said the appeal would be filed soon.", "Mark Bell"),
        (
            "“The dam is safe,” Rep. Ann Rowe (R-Ohio), a flood panel member, said in a phone "
            "interview.",
            "Ann Rowe",
        ),
        ("The mayor on May 3 said the bridge would open.", "mayor"),
        ("“The hearing is pointless,” said Del. Ann Clark of the Eastbay Islands.", "Ann Clark"),
    ],
)
def test_speaker_phrases_of_news_english(sentence: str, who: str) -> None:
    ds = extract(sentence)
    c = only(ds)
    assert who.lower() in (name(ds, c.speaker) or "").lower()


def test_appositive_description_becomes_the_role() -> None:
    ds = extract("A lawyer for the tenants, Mark Bell, said the appeal would be filed soon.")
    assert ds.actor_index()[actor_id("Mark Bell")].role == "lawyer for the tenants"


def test_names_joined_by_and_are_one_speaker_of_two() -> None:
    ds = extract("Tom Ash and Ann Rowe said the deal was fair. Rowe said it would last.")
    assert speaker_of(ds, "the deal was fair") == "Tom Ash and Ann Rowe"
    assert speaker_of(ds, "it would last") == "Ann Rowe"


@pytest.mark.parametrize(
    "sentence",
    [
        "If, as I've argued, the plan fails, taxes will rise.",
        "At the assembly, the wishes of member states outweigh everything else.",
        "Many of their calls are never answered by the helpline.",
        "The site rates so many rival claims as false that readers complain.",
        "Ann Clark told the truth about the dam.",
        "The team was writing a report on the dam.",
        "He found a way to win the seat.",
        "The court found an interest in the case.",
        "The band showed up late at the festival.",
    ],
)
def test_no_attribution_in(sentence: str) -> None:
    assert attributed(extract(sentence)) == []


def test_a_news_name_is_an_outlet_not_a_person() -> None:
    ds = extract("“It is over,” the Eastbay Post reported. He said nothing.")
    claims = attributed(ds)
    assert len(claims) == 1
    assert ds.actor_index()[claims[0].speaker].kind == "news_outlet"


def test_calls_for_is_a_cue_after_a_subject() -> None:
    c = only(extract("The mayor calls for calm after the flood."))
    assert c.text == "calm after the flood"


# --------------------------------------------------------------------------- cue shapes


def test_progressive_reporting_verb() -> None:
    c = only(extract("Mayor Tom Ash is saying that the bridge is safe."))
    assert (c.cue, c.text) == ("saying", "the bridge is safe")


def test_warned_someone_that() -> None:
    c = only(extract("Governor Ann Rowe warned residents that the storm is coming."))
    assert c.text == "the storm is coming"


@pytest.mark.parametrize(
    ("headline", "who", "content"),
    [
        (
            "Eastbay Dam Will Hold All Winter, Chief Engineer Says.",
            "Engineer",
            "Eastbay Dam Will Hold All Winter",
        ),
        ("Mayor Says New Bridge Will Open in May", "Mayor", "New Bridge Will Open in May"),
        ("New Poll Shows Support For Transit Levy.", "Poll", "Support For Transit Levy"),
    ],
)
def test_title_case_headline(headline: str, who: str, content: str) -> None:
    ds = extract(headline)
    c = only(ds)
    assert c.text == content
    assert who in (name(ds, c.speaker) or "")


@pytest.mark.parametrize(
    ("sentence", "who", "content"),
    [
        (
            "The Eastbay/Northfield poll showed the mayor doing better.",
            "The Eastbay/Northfield poll",
            "the mayor doing better",
        ),
        ("Rolling averages show the mayor ahead.", "Rolling averages", "the mayor ahead"),
        (
            "A 2019 survey that ran in a farming weekly found that the method was wasteful.",
            "A 2019 survey that ran in a farming weekly",
            "the method was wasteful",
        ),
        (
            "The newest county poll released Monday shows that the levy has support.",
            "The newest county poll",
            "the levy has support",
        ),
        (
            "A district judge found that the rule was unlawful.",
            "A district judge",
            "the rule was unlawful",
        ),
        (
            "The Eastbay Herald found that most rentals were unlicensed.",
            "Eastbay Herald",
            "most rentals were unlicensed",
        ),
    ],
)
def test_findings_of_documents_and_bodies(sentence: str, who: str, content: str) -> None:
    ds = extract(sentence)
    c = only(ds)
    assert (name(ds, c.speaker), c.text) == (who, content)


def test_a_subordinate_clause_ends_the_statement() -> None:
    ds = extract("While one inspector found that the bridge was sound, a second review disagreed.")
    assert only(ds).text == "the bridge was sound"


# --------------------------------------------------------------------------- content spans


def test_quote_goes_on_after_the_circumstances_of_the_saying() -> None:
    text = (
        "“We need rain,” water board chairman Tom Ash said after the farmers left. "
        "“The wells are dry.”"
    )
    c = only(extract(text))
    assert c.text.startswith("“We need rain,”")
    assert c.text.endswith("“The wells are dry.”")


def test_quote_after_a_further_cue_is_not_joined() -> None:
    text = "“We won,” Ash said, going on to praise the staff. “They worked hard.”"
    ds = extract(text)
    first = next(c for c in attributed(ds) if c.text.startswith("We won"))
    assert "worked hard" not in first.text


def test_nested_report_belongs_to_the_outer_speaker() -> None:
    text = (
        "A source said the van left early. "
        "Mayor Ann Clark told staff that she did not want a driver, the source added."
    )
    ds = extract(text)
    outer = speaker_of(ds, "Mayor Ann Clark told staff that she did not want a driver")
    assert outer is not None and outer.lower() == "a source"
    assert speaker_of(ds, "she did not want a driver") == "Ann Clark"


def test_report_inside_a_when_clause_is_part_of_the_statement() -> None:
    ds = extract("Ann Clark said the mayor was correct when he said that fares would fall.")
    assert speaker_of(ds, "the mayor was correct when he said that fares would fall") == "Ann Clark"


# --------------------------------------------------------------------------- references back


def test_title_abbreviation_matches_a_later_description() -> None:
    ds = extract("Gov. Ann Clark spoke on Friday. The governor said the dam was safe.")
    assert speaker_of(ds, "the dam was safe") == "Ann Clark"


def test_possessive_subject_keeps_the_person_salient() -> None:
    text = (
        "Tom Birch said the dam was safe. Piet Janssen said it was not. "
        "Birch's view is that repairs can wait. He said engineers agreed."
    )
    assert speaker_of(extract(text), "engineers agreed") == "Tom Birch"


def test_heading_is_not_a_subject() -> None:
    text = (
        "Tom Birch said the dam was safe.\n"
        "New Funds to Fight Floods: pumps are scarce in the valley.\n"
        "“We need more,” he said."
    )
    assert speaker_of(extract(text), "We need more") == "Tom Birch"


def test_pronoun_finds_a_person_named_in_passing() -> None:
    ds = extract("Reviewers praised Ann Clark's speech, in which she said taxes would rise.")
    assert speaker_of(ds, "taxes would rise") == "Ann Clark"


def test_subject_after_an_opening_phrase() -> None:
    text = (
        "On Monday, Ann Clark and Tom Birch met. "
        "On a radio show on Tuesday, Clark criticized the police. "
        "“This cannot go on,” she said."
    )
    assert speaker_of(extract(text), "This cannot go on") == "Ann Clark"


def test_question_in_quotes_then_its_speaker_is_one_sentence() -> None:
    ds = extract("“Why must we wait again?” Ann Clark asked. “The river is rising.”")
    c = only(ds)
    assert name(ds, c.speaker) == "Ann Clark"
    assert c.text.startswith("“Why must we wait again?”")


def test_said_nothing_is_not_a_statement() -> None:
    assert attributed(extract("Asked about the vote, the mayor said nothing.")) == []


def test_where_and_when_of_the_saying_is_not_the_statement() -> None:
    text = (
        "“The bridge will open in May,” Mr. Birch said at a dinner in Eastbay, "
        "where Mrs. Clark also spoke."
    )
    assert only(extract(text)).text == "The bridge will open in May"


def test_statement_goes_on_after_an_interjected_attribution() -> None:
    c = only(extract("The mill thrived for years, Mr. Birch said, until the river dried up."))
    assert c.text == "The mill thrived for years, Mr. Birch said, until the river dried up"
    assert c.rule == "interjected"


def test_aside_between_two_pieces_of_a_quotation() -> None:
    text = "“Each season,” Birch said, pointing at the field, “the river takes more soil.”"
    c = only(extract(text))
    assert c.text.startswith("“Each season") and c.text.endswith("takes more soil.”")


def test_content_after_a_time_phrase() -> None:
    c = only(extract("Ann Clark said after the vote she would not resign."))
    assert c.text == "she would not resign"


def test_second_verb_shares_the_subject_and_march_is_not_a_month() -> None:
    ds = extract("Teachers said they want higher pay, but pledged to march.")
    assert [c.text for c in attributed(ds)] == ["they want higher pay", "to march"]


@pytest.mark.parametrize(
    ("text", "who", "content"),
    [
        ("“I still swim every day,” Mr. Prince, 82, told me.", "Prince", "I still swim every day"),
        (
            "Officials at the harbour office, a unit of the port authority, said the pier "
            "was closed.",
            "Officials at the harbour office",
            "the pier was closed",
        ),
        (
            "Ann Clark, 59, of Eastbay, Ohio, who watched the parade from a bench, said the "
            "event was moving.",
            "Ann Clark",
            "the event was moving",
        ),
        (
            "Asked about the budget, Chief Ann Clark said, “We will manage somehow.”",
            "Ann Clark",
            "We will manage somehow",
        ),
        (
            "However, Ann Clark's brief said that was not its position.",
            "Ann Clark's brief",
            "that was not its position",
        ),
        ("Tom Birch praised Ann Clark, who says she is grateful.", "Ann Clark", "she is grateful"),
        (
            "“The bill will pass by spring,” Senate leader Tom Birch, R-Ky., said.",
            "Tom Birch",
            "The bill will pass by spring",
        ),
        (
            "“The harvest is late,” Chancellor Ann Clark told reporters after the "
            "vote that was held on Monday.",
            "Ann Clark",
            "The harvest is late",
        ),
        (
            "The fair featured cooks like Tom Birch, who joked of the stall, “It smells of "
            "onions.”",
            "Tom Birch",
            "It smells of onions",
        ),
    ],
)
def test_appositives_tags_and_relatives(text: str, who: str, content: str) -> None:
    ds = extract(text)
    c = only(ds)
    assert (name(ds, c.speaker), c.text) == (who, content)


@pytest.mark.parametrize(
    ("text", "who", "content"),
    [
        (
            "Even Northfield, the town's oldest partner, said it objected to the toll and urged "
            "the council to wait.",
            "Northfield",
            "the council to wait",
        ),
        (
            "“We need roads,” the Eastbay businessman said, arguing that he will fix them.",
            "Eastbay businessman",
            "We need roads",
        ),
        ("Restructuring experts say the sale will go ahead.", "Restructuring experts", None),
        (
            "She said the plan was fair, and when asked about costs, the 41-year-old father of "
            "two replied, “It is meant to help.”",
            "41-year-old father of two",
            "It is meant to help",
        ),
    ],
)
def test_subjects_of_coordinated_and_described_speakers(
    text: str, who: str | None, content: str | None
) -> None:
    ds = extract(text)
    claims = attributed(ds)
    if content is None:
        assert any(name(ds, c.speaker) == who for c in claims)
        return
    matching = [c for c in ds.claims if c.text == content]
    assert matching, [c.text for c in ds.claims]
    assert name(ds, matching[0].speaker) == who


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The bank announced that lending is slowing, and the cut weighs on builders.",
            "lending is slowing",
        ),
        (
            "Surveys show the mayor ahead, with one poll giving her 3 points.",
            "the mayor ahead",
        ),
        ("Officials said the road was open, but traffic was slow.", "the road was open"),
        (
            "The coach told fans this weekend he would stay on, quietly adding his own conditions.",
            "he would stay on",
        ),
    ],
)
def test_the_writer_takes_over_after_the_statement(text: str, content: str) -> None:
    assert only(extract(text)).text == content


def test_coordinated_verb_after_a_new_pronoun_subject() -> None:
    # "I laughed and said": the writer speaks, not the aunt of the clause before.
    ds = extract("When my cousin mentioned the storm, I shrugged and said, “I am not worried.”")
    assert not any("worried" in c.text for c in attributed(ds))


def test_urged_someone_to() -> None:
    ds = extract("At the fair, Senator Tom Birch urged farmers to plant earlier.")
    c = only(ds)
    assert (c.cue, c.text, name(ds, c.speaker)) == (
        "urged",
        "farmers to plant earlier",
        "Tom Birch",
    )


def test_second_verb_with_a_quotation_and_a_closing_circumstance() -> None:
    text = (
        "Ann Clark trains the team. She urges her striker to slow down and repeatedly says, "
        "“Hold it,” until the whistle blows."
    )
    ds = extract(text)
    assert speaker_of(ds, "Hold it") == "Ann Clark"
    assert speaker_of(ds, "her striker to slow down") == "Ann Clark"


@pytest.mark.parametrize(
    ("text", "who", "content"),
    [
        (
            "The valley is in trouble, Tom Birch said in June, citing rising costs for growers.",
            "Tom Birch",
            "rising costs for growers",
        ),
        (
            "In 2019, the court halted the merger, citing harm to small shops.",
            "the court",
            "harm to small shops",
        ),
        (
            "Ann Clark said she had lost the vote and called it a serious mistake.",
            "Ann Clark",
            "it a serious mistake",
        ),
        (
            "Ann Clark described the plan as a costly gamble.",
            "Ann Clark",
            "the plan as a costly gamble",
        ),
        ("It was a blast that the chief described as “deliberate.”", "the chief", "deliberate"),
        (
            "The levy is large, according to the business-friendly Eastbay Institute, more "
            "than twice the rest.",
            "business-friendly Eastbay Institute",
            "The levy is large",
        ),
        (
            "Critics seized on Ann Clark's claim that the dam was safe.",
            "Ann Clark",
            "the dam was safe",
        ),
        (
            "Records show the gate was open, undercutting the Eastbay Port Authority’s earlier "
            "claim that it was locked.",
            "Eastbay Port Authority",
            "it was locked",
        ),
        (
            "Ann Clark spoke. Contrary to her claim that fares would “fall soon,” the budget grew.",
            "Ann Clark",
            "fares would “fall soon,”",
        ),
    ],
)
def test_grounds_characterisations_and_claim_nouns(text: str, who: str, content: str) -> None:
    ds = extract(text)
    assert speaker_of(ds, content) == who


def test_citing_a_source_after_a_report_stays_a_relay() -> None:
    ds = extract("Shelling hit the market, the Daily Courier reported, citing local officials.")
    c = only(ds)
    assert (c.rule, name(ds, c.speaker)) == ("citing", "local officials")


def test_told_names_the_listener_never_the_speaker() -> None:
    text = (
        "“The river is dying,” Ann Clark, a biologist at the institute and who also "
        "advises the council, told The Eastbay Post."
    )
    ds = extract(text)
    c = only(ds)
    assert name(ds, c.speaker) == "Ann Clark"
    assert [name(ds, v) for v in c.via] == ["Eastbay Post"]


def test_according_to_a_report_of_what_someone_said() -> None:
    ds = extract(
        "According to Eastbay News, spokesman Tom Birch said Friday that the levy would pass."
    )
    assert speaker_of(ds, "spokesman Tom Birch said Friday that the levy would pass") == (
        "Eastbay News"
    )
    assert speaker_of(ds, "the levy would pass") == "Tom Birch"


@pytest.mark.parametrize(
    ("text", "who", "content"),
    [
        ("But some argue that the route is too long.", "some", "the route is too long"),
        (
            "The notice also referred to the cost it said the plan would have: “We are "
            "proud,” the union wrote.",
            "the union",
            "We are proud",
        ),
        (
            "Other leaked memos obtained by reporters suggest that the firm cut corners.",
            "Other leaked memos",
            "the firm cut corners",
        ),
        (
            "A new survey being published on Monday by students shows that rents doubled.",
            "A new survey",
            "rents doubled",
        ),
        (
            "Although costs are rising, some farming groups acknowledge that the "
            "scheme has helped.",
            "some farming groups",
            "the scheme has helped",
        ),
    ],
)
def test_more_subjects_of_news_english(text: str, who: str, content: str) -> None:
    ds = extract(text)
    c = only(ds)
    assert (name(ds, c.speaker), c.text) == (who, content)


@pytest.mark.parametrize(
    ("text", "who", "content"),
    [
        (
            "Officials at Eastbay Harbour Services, a unit of the port authority, said the pier "
            "was closed.",
            "Officials at Eastbay Harbour Services",
            "the pier was closed",
        ),
        (
            "Legal scholars in Ohio and across the region say the ruling will stand.",
            "Legal scholars in Ohio and across the region",
            "the ruling will stand",
        ),
        (
            "Those close to her say that the coach would resign.",
            "Those close to her",
            "the coach would resign",
        ),
        (
            "In March, several farming groups gave the council more time, saying its "
            "budget was short.",
            "several farming groups",
            "its budget was short",
        ),
    ],
)
def test_subjects_with_objects_and_openers(text: str, who: str, content: str) -> None:
    ds = extract(text)
    assert speaker_of(ds, content) == who


def test_participle_after_meanwhile_and_a_pronoun() -> None:
    text = (
        "The Eastbay Times endorsed Ann Clark. "
        "Meanwhile, it criticised Tom Birch, saying his budget was reckless."
    )
    assert speaker_of(extract(text), "his budget was reckless") == "Eastbay Times"


def test_occupations_head_speaker_phrases() -> None:
    ds = extract("The barrier will not be finished, engineers told the council on Tuesday.")
    c = only(ds)
    assert (name(ds, c.speaker), c.text) == ("engineers", "The barrier will not be finished")


def test_a_transitive_verb_after_a_comma_is_not_inverted() -> None:
    text = "Councillor Ahmed Nasser, a critic of the plan, accused the mayor of hiding the delay."
    ds = extract(text)
    assert all(name(ds, c.speaker) == "Ahmed Nasser" for c in attributed(ds))


def test_denied_that_is_an_object_not_a_statement() -> None:
    ds = extract("Tom Birch denied that, saying he had learned of the problem only last week.")
    assert [c.text for c in attributed(ds)] == ["he had learned of the problem only last week"]


def test_said_that_with_an_aside_keeps_the_statement() -> None:
    c = only(extract("Ann Clark said that, if elected, she would cut taxes."))
    assert c.text == "if elected, she would cut taxes"


def test_people_estimate_too() -> None:
    ds = extract("Analysts at Northbridge Capital estimated that prices could rise by 15 percent.")
    assert name(ds, only(ds).speaker) == "Analysts at Northbridge Capital"


def test_headline_with_a_plural_subject() -> None:
    ds = extract("Flood Barrier Will Not Be Ready Before Winter, City Engineers Warn")
    c = only(ds)
    assert c.text == "Flood Barrier Will Not Be Ready Before Winter"


def test_dateline_is_not_part_of_the_statement() -> None:
    c = only(extract("EASTBAY — The barrier will not be ready before winter, engineers said."))
    assert c.text == "The barrier will not be ready before winter"


def test_parenthetical_phrase_between_subject_and_verb() -> None:
    ds = extract(
        "The health ministry, in a statement released Monday, said it had offered a raise."
    )
    c = only(ds)
    assert (name(ds, c.speaker), c.text) == ("the health ministry", "it had offered a raise")


def test_called_on_includes_who_is_called_on() -> None:
    c = only(extract("Karin Voss called on the prime minister to intervene personally."))
    assert c.text == "the prime minister to intervene personally"


def test_he_is_the_main_speaker_not_someone_reported_inside() -> None:
    text = (
        "Spokesman Piet Birch said Monday that Mayor Tom Clark has long pushed for cheaper buses. "
        "He said Clark expects the council to agree."
    )
    assert speaker_of(extract(text), "Clark expects the council to agree") == "Piet Birch"


def test_a_document_reads_and_it_adds() -> None:
    text = "“The mayor was honored,” the article read. “He has erased his debt,” it added."
    ds = extract(text)
    assert speaker_of(ds, "The mayor was honored") == "the article"
    assert speaker_of(ds, "He has erased his debt") == "the article"


def test_the_times_is_the_outlet_named_in_full_before() -> None:
    text = (
        "Editors at The Eastbay Times agreed. “His company had debt,” the Times wrote. "
        "“Since then, his fortunes changed,” it further wrote."
    )
    ds = extract(text)
    assert speaker_of(ds, "His company had debt") == "Eastbay Times"
    assert speaker_of(ds, "Since then, his fortunes changed") == "Eastbay Times"
    assert ds.actor_index()[actor_id("Eastbay Times")].kind == "news_outlet"


def test_a_bare_prepositional_phrase_is_not_a_statement() -> None:
    assert attributed(extract("Mayor Tom Birch responded with a shrug.")) == []
    assert attributed(extract("He called in to a late-night sports show.")) == []


def test_warned_of_and_complained_about() -> None:
    c = only(extract("Weather officials warned of more severe storms on Sunday."))
    assert c.text == "more severe storms on Sunday"
    c = only(extract("The coach complained about the referee after the game."))
    assert c.text == "the referee after the game"


def test_utilities_say() -> None:
    ds = extract("Thousands of homes were without power on Saturday, utilities said.")
    assert name(ds, only(ds).speaker) == "utilities"


def test_which_relative_names_the_speaker_and_ends_at_its_comma() -> None:
    ds = extract(
        "The fine imposed by the Eastbay Commission, which contended that the mill polluted "
        "the river, is large."
    )
    c = only(ds)
    assert (name(ds, c.speaker), c.text) == ("Eastbay Commission", "the mill polluted the river")
    ds = extract("Reporters asked the county fire service which reported 1,204 call-outs.")
    assert only(ds).text == "1,204 call-outs"


@pytest.mark.parametrize(
    ("text", "who", "content"),
    [
        (
            "In an Eastbay radio interview Clark declared “The dam is safe.”",
            "Clark",
            "The dam is safe",
        ),
        ("In the meeting officials said the plan was fine.", "officials", "the plan was fine"),
        ("In the report the mayor said the dam was safe.", "the mayor", "the dam was safe"),
    ],
)
def test_subject_after_an_opening_phrase_without_a_comma(text: str, who: str, content: str) -> None:
    ds = extract(text)
    c = only(ds)
    assert (name(ds, c.speaker), c.text) == (who, content)


def test_it_refers_to_an_organisation_subject() -> None:
    text = (
        "Tom Birch spoke on Monday. The city sent a letter on Thursday. "
        "It says the campaign broke the law."
    )
    assert speaker_of(extract(text), "the campaign broke the law") == "the city"


def test_according_to_a_long_source_up_to_its_comma() -> None:
    ds = extract("According to court filings reviewed by reporters, the firm hid losses.")
    c = only(ds)
    assert (name(ds, c.speaker), c.text) == (
        "court filings reviewed by reporters",
        "the firm hid losses",
    )
