"""General news-English word lists used by the attribution rules.

Everything here is generic vocabulary of news writing (reporting verbs, titles, unnamed-source
nouns, platforms). Nothing names a particular person or outlet: the rules must hold on unseen
news, so the extractor recognises outlets by their shape ("news agency", "... Times") rather than
by a list of names.
"""

from __future__ import annotations


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# --------------------------------------------------------------------------- reporting verbs

# Finite forms of reporting verbs, mapped to their lemma. Only verbs whose object is the reported
# content belong here; "call" and "ask" are left out because their object is rarely a statement.
_VERB_FORMS: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said"),
    "tell": ("tell", "tells", "told"),
    "add": ("adds", "added"),
    "claim": ("claim", "claims", "claimed"),
    "confirm": ("confirm", "confirms", "confirmed"),
    "warn": ("warn", "warns", "warned"),
    "announce": ("announce", "announces", "announced"),
    "deny": ("deny", "denies", "denied"),
    "insist": ("insist", "insists", "insisted"),
    "report": ("report", "reports", "reported"),
    "note": ("note", "notes", "noted"),
    "write": ("write", "writes", "wrote"),
    "argue": ("argue", "argues", "argued"),
    "state": ("states", "stated"),
    "explain": ("explains", "explained"),
    "assert": ("asserts", "asserted"),
    "acknowledge": ("acknowledge", "acknowledges", "acknowledged"),
    "admit": ("admit", "admits", "admitted"),
    "allege": ("allege", "alleges", "alleged"),
    "tweet": ("tweets", "tweeted"),
    "post": ("posted",),
    "declare": ("declares", "declared"),
    "suggest": ("suggest", "suggests", "suggested"),
    "predict": ("predict", "predicts", "predicted"),
    "estimate": ("estimate", "estimates", "estimated"),
    "recall": ("recalls", "recalled"),
    "stress": ("stresses", "stressed"),
    "emphasize": ("emphasizes", "emphasized", "emphasises", "emphasised"),
    "maintain": ("maintains", "maintained"),
    "contend": ("contend", "contends", "contended"),
    "counter": ("countered",),
    "respond": ("responded",),
    "reply": ("replied",),
    "caution": ("cautioned",),
    "complain": ("complained",),
    "concede": ("concedes", "conceded"),
    "promise": ("promised",),
    "pledge": ("pledged",),
    "vow": ("vows", "vowed"),
    "testify": ("testified",),
    "disclose": ("disclosed",),
    "reveal": ("revealed",),
    "believe": ("believe", "believes"),
    "agree": ("agreed",),
    "observe": ("observed",),
    "point": ("pointed",),  # only with "out", checked by the rules
    "show": ("show", "shows", "showed"),
    "find": ("find", "finds", "found"),
    "indicate": ("indicate", "indicates", "indicated"),
    "conclude": ("concluded",),
    "accuse": ("accused",),
    "charge": ("charged",),
    "mention": ("mentioned",),
    "remark": ("remarked",),
    "joke": ("joked",),
    "quip": ("quipped",),
    "boast": ("boasted",),
    "fear": ("fear", "fears", "feared"),
    "worry": ("worried",),
    "quote": ("quoted",),
    "cite": ("cited",),
    "call": ("calls", "called"),
    "ask": ("asks", "asked"),
    "urge": ("urge", "urges", "urged"),
    "describe": ("describes", "described"),
    "read": ("reads", "read"),
}

FINITE_CUES: dict[str, str] = {
    form: lemma for lemma, forms in _VERB_FORMS.items() for form in forms
}
"""Finite reporting-verb forms -> lemma."""

PARTICIPLE_CUES: dict[str, str] = {
    "adding": "add",
    "saying": "say",
    "noting": "note",
    "arguing": "argue",
    "warning": "warn",
    "claiming": "claim",
    "insisting": "insist",
    "stressing": "stress",
    "explaining": "explain",
    "telling": "tell",
    "asserting": "assert",
    "acknowledging": "acknowledge",
    "announcing": "announce",
    "declaring": "declare",
    "predicting": "predict",
    "alleging": "allege",
    "writing": "write",
    "pointing": "point",
    "emphasizing": "emphasize",
    "emphasising": "emphasize",
    "denying": "deny",
    "urging": "urge",
}
"""Present participles that attach a further claim to the speaker of the clause ("adding that")."""

# Verbs whose grammatical subject must be a document or a data source ("polls showed", "the
# study found"), never a person: "he found" is rarely a report of speech.
SOURCE_ONLY_LEMMAS = _words("show find indicate read")

# Lemmas that report through a document rather than speech; a news organisation as subject of
# these is the speaker (not a relay).
HEDGING_LEMMAS = _words("claim allege")
"""Reporting verbs that themselves distance the writer from the content."""

# Forms that are also common nouns: they count as verbs only after a subject-like word.
NOUN_LIKE_FORMS = _words(
    "report reports claim claims note notes states estimate estimates fear fears post show shows "
    "find finds state warns counter quote cite believe calls tweets"
)

# Lemmas that need a content clause, not an object noun phrase: "the ministry confirmed the
# deaths" is still a claim, but "he denied" with nothing after is not.
NEEDS_OBJECT_CLAUSE = _words("believe fear worry agree accuse charge")

DETERMINERS = _words(
    "the a an this that these those his her their its our my your no any some every each "
    "such another"
)

# Words skipped between the subject and the cue ("the ministry has also said").
AUX_ADVERBS = _words(
    "has have had also would will may might could can did does do is are was were 's 've "
    "later earlier previously repeatedly often always again then reportedly allegedly "
    "publicly privately once further first quickly recently already still now initially "
    "subsequently separately flatly simply just frequently regularly long since herself "
    "himself themselves itself even falsely wrongly correctly rightly confidently openly "
    "explicitly specifically formally officially proudly angrily bluntly tersely sharply "
    "strongly firmly loudly quietly directly previously originally "
    "usually consistently separately last"
)
NEGATIONS = _words("not never n't neither nor")

WEEKDAYS = _words(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight overnight"
)
TIME_WORDS = WEEKDAYS | _words(
    "morning afternoon evening night week weekend month year day days earlier later "
    "recently last this next early late on at in during"
)
MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)

# Nouns that, after a preposition following the cue, name the medium of a statement
# ("said in a statement", "told reporters on a conference call").
MEDIUM_NOUNS = _words(
    "statement interview interviews release conference call briefing speech address post "
    "posts tweet tweets message messages video videos letter email e-mail appearance remarks "
    "hearing testimony op-ed column article blog podcast broadcast program programme show "
    "rally event meeting session debate reporters journalists telephone phone radio "
    "television tv channel app application account page website site platform network "
    "newspaper magazine op-ed editorial"
)

# --------------------------------------------------------------------------- noun phrases

TITLE_WORDS = _words(
    "president vice prime minister secretary governor gov mayor senator sen rep "
    "representative congressman congresswoman chairman chairwoman chair director chief "
    "spokesman spokeswoman spokesperson ambassador commissioner ceo cfo founder leader "
    "speaker general gen admiral colonel col lieutenant lt major maj captain capt sergeant "
    "sgt commander judge justice attorney prosecutor sheriff officer official advisor "
    "adviser aide head deputy candidate nominee lawmaker king queen prince princess "
    "pope bishop rev reverend dr prof professor analyst economist envoy councillor "
    "councilman councilwoman lawyer manager executive strategist pollster chancellor "
    "premier emir sheikh ayatollah mp mep minister-president secretary-general "
    "president-elect host anchor correspondent editor author researcher scientist "
    "historian expert consultant coordinator superintendent inspector administrator "
    "mr mrs ms miss sir lord lady dame del delegate atty supt"
)

HONORIFICS = _words("mr mrs ms miss dr sir dame lord lady")
FEMALE_HONORIFICS = _words("mrs ms miss dame lady")
MALE_HONORIFICS = _words("mr sir lord")

# Words that open an abbreviation followed by a full stop: a "." after them is not a sentence end.
ABBREVIATIONS = _words(
    "mr mrs ms dr gov sen rep st jr sr gen lt col sgt capt prof rev no nos vs etc inc co "
    "corp ltd jan feb mar apr jun jul aug sep sept oct nov dec maj adm cmdr gens reps sens "
    "pres ft mt ave blvd dept univ assn bros est approx fig al e g i ie eg del atty supt"
)

# Heads of noun phrases naming a person by function.
ROLE_NOUNS = TITLE_WORDS | _words(
    "official officials spokesman spokeswoman spokesperson spokespeople representative "
    "representatives aide aides adviser advisers advisor advisors source sources "
    "person people man woman men women resident residents witness witnesses analyst "
    "analysts expert experts observer observers critic critics supporter supporters "
    "opponent opponents voter voters member members activist activists lawmaker lawmakers "
    "leader leaders diplomat diplomats minister ministers officer officers soldier "
    "soldiers commander commanders investigator investigators prosecutors prosecutor "
    "scientist scientists researchers researcher economist economists doctor doctors "
    "staffer staffers insider insiders colleague colleagues friend friends ally allies "
    "republican republicans democrat democrats conservative conservatives liberal "
    "liberals progressive progressives farmer farmers worker workers employee employees "
    "journalist journalists reporter reporters correspondent correspondents author "
    "authors writer writers organizer organizers organiser organisers candidate "
    "candidates governor governors mayor mayors senator senators congressman "
    "congressmen official's parent parents student students teacher teachers "
    "rescuer rescuers volunteer volunteers fighter fighters militant militants rebel "
    "rebels survivor survivors victim victims relative relatives family families "
    "lawyer lawyers attorney attorneys president presidents chairman director directors "
    "manager managers executive executives owner owners founder strategist strategists "
    "pollster pollsters historian historians professor professors "
    "mother mothers father fathers son sons daughter daughters wife wives husband husbands "
    "brother brothers sister sisters widow widows widower grandmother grandfather uncle aunt "
    "cousin mom dad parent boyfriend girlfriend neighbor neighbour fiance fiancee "
    "partner partners associate associates boss bosses surrogate surrogates donor donors "
    "engineer engineers nurse nurses pilot pilots driver drivers firefighter firefighters "
    "paramedic paramedics clerk clerks banker bankers trader traders broker brokers miner "
    "miners developer developers contractor contractors builder builders planner planners "
    "inspector inspectors regulator regulators detective detectives agent agents guard "
    "guards consultant consultants producer producers singer singers actor actors actress "
    "athlete athletes player players coach coaches fan fans shopper shoppers consumer "
    "consumers customer customers tenant tenants landlord landlords homeowner homeowners "
    "patient patients surgeon surgeons veteran veterans sailor sailors negotiator "
    "negotiators mediator mediators monitor monitors commuter commuters passenger "
    "passengers migrant migrants refugee refugees immigrant immigrants citizen citizens "
    "taxpayer taxpayers retiree retirees pensioner pensioners judge judges councillors "
    "councilor councilors delegate delegates moderator moderators forecaster forecasters "
    "scholar scholars academic academics"
)

# Heads of noun phrases naming an organisation.
ORG_NOUNS = _words(
    "ministry ministries department government administration office council parliament "
    "cabinet presidency kremlin military army navy forces command police agency "
    "committee commission campaign party team company firm group organisation "
    "organization association union court tribunal bank fund institute university "
    "foundation service services authority authorities regime embassy mission "
    "coalition alliance board bureau directorate staff headquarters senate congress "
    "house assembly legislature operator network newspaper paper outlet channel "
    "broadcaster station website corporation corp inc ltd center centre unit brigade "
    "battalion regiment guard troops coastguard secretariat prosecutor's "
    "white-house ngo charity hospital school club league federation utility airline "
    "carrier insurer retailer manufacturer automaker lender supplier provider distributor "
    "exchange startup studio city county town village municipality"
)

NEWS_WORDS = _words(
    "news agency newspaper broadcaster tv television radio channel outlet daily magazine "
    "times post journal herald tribune telegraph guardian gazette press wire network "
    "observer chronicle newswire"
)
"""Words that mark a noun phrase as a news organisation ("the Interfax news agency")."""

AGENCY_WORDS = _words("agency wire newswire")

# Unnamed-source heads: the speaker is real but not named ("officials", "local media").
UNNAMED_NOUNS = _words(
    "media source sources official officials residents resident witnesses witness "
    "people observers analysts experts reports report insiders diplomats locals "
    "eyewitnesses eyewitness users bloggers accounts channels critics supporters "
    "opponents voters activists authorities police rescuers investigators aides "
    "advisers staffers lawmakers scientists researchers economists doctors "
    "historians person someone somebody many others some demonstrators protesters "
    "protestors delegates participants attendees members parents students teachers "
    "workers employees families relatives neighbours neighbors survivors victims "
    "commentators pundits donors leaders republicans democrats conservatives liberals "
    "percent majority minority half third quarter respondents americans audience crowd "
    "viewers listeners readers onlookers spectators"
)

# Heads of noun phrases naming a document or data source, which can be the subject of
# "show" or "find" ("polls showed", "the study found").
SOURCE_NOUNS = _words(
    "poll polls survey surveys study studies data report reports research analysis "
    "average averages slide slides transcript transcripts tally chart charts graph table "
    "brief briefs motion petition affidavit ad ads advertisement commercial "
    "analyses statement statements letter letters memo memos document documents lawsuit filing "
    "complaint records figures estimates video videos footage images photos pictures "
    "post posts tweet tweets review audit investigation inquiry assessment census "
    "numbers statistics evidence results findings indictment ruling report's book "
    "article paper papers website release footage emails email model models map maps"
)

# Modifiers allowed inside a noun phrase before its head ("local media", "senior officials").
NP_MODIFIERS = _words(
    "local state news senior former top chief deputy other several some many few most "
    "all both one two three four five six seven eight nine ten dozens hundreds "
    "independent foreign western eastern northern southern regional federal national "
    "international official unnamed anonymous unidentified military government "
    "administration campaign intelligence security defence defense health public "
    "private social media online new recent latest previous earlier internal leaked "
    "separate additional interim acting outgoing incoming then current longtime "
    "longstanding veteran retired ex prominent leading influential key well-known "
    "ruling opposition rival pro-government pro-kremlin pro-russian pro-ukrainian "
    "pro-western pro-democracy conservative liberal progressive republican democratic "
    "presidential congressional political diplomatic economic legal police emergency "
    "rescue fire medical hospital court press communications climate energy "
    "foreign-policy white house another certain various numerous multiple us u.s "
    "american european russian ukrainian chinese british french german israeli "
    "palestinian iranian indian japanese turkish polish italian spanish canadian "
    "australian syrian iraqi afghan saudi egyptian korean north south east west "
    "general governing main the own"
)

# Prepositions that may join two parts of one speaker phrase ("residents of the city",
# "a spokesman for the ministry"), only after a noun-phrase head.
NP_PREPOSITIONS = _words("of for at on in from with to")

NP_INNER = _words("the a an of and & de da del der di du la le van von al bin el ibn st")

PRONOUNS = _words("he she they it we i you")
PERSON_PRONOUNS = _words("he she")

# Capitalised words that never start a name: sentence-initial function words and adverbs.
STOPWORDS = _words(
    "a an the and or but nor so yet for as at by in on of off to up with without within "
    "into onto from than then that this these those there here where when while whereas "
    "who whom whose which what why how if unless until although though because since "
    "after before during despite amid amidst among between through throughout over under "
    "above below about against along around beyond near across toward towards upon via "
    "per it its it's he she they we i you his her their our my your him them us me "
    "is are was were be been being has have had do does did will would can could may "
    "might must shall should not no yes also still however meanwhile moreover "
    "furthermore instead otherwise indeed thus hence therefore nonetheless nevertheless "
    "besides accordingly asked speaking writing according earlier later now today "
    "yesterday tomorrow already just only even again all both each every some many "
    "most more much few several any such other another once twice first second third "
    "last next new old one two three four five six seven eight nine ten additionally "
    "separately similarly likewise overall finally initially recently currently "
    "previously eventually ultimately apparently reportedly allegedly clearly "
    "obviously perhaps maybe certainly surely unfortunately fortunately sadly "
    "interestingly notably importantly specifically meanwhile instead whether "
    "not nothing everything something anything everyone someone anyone nobody having "
    "unlike like let please"
)

CONJUNCTIONS = _words("and but or nor yet so")
CLAUSE_OPENERS = _words(
    "as while when and but although though because since which who where whereas "
    "after before if unless until so yet or nor"
)
# Prepositions that open an adverbial phrase before an interjected "X said," ("During his
# time in office, Mr. X said, ..."): the content is only what follows the attribution.
LEADING_PREPOSITIONS = _words(
    "during in on at after before since for with without under over by from despite "
    "amid throughout within across following"
)
APPOSITIVE_OPENERS = _words(
    "the a an who which whose one its his her their himself herself also now then "
    "then-president formerly former currently"
)

# --------------------------------------------------------------------------- platforms, hedges

PLATFORMS: dict[str, str] = {
    "telegram": "Telegram",
    "twitter": "Twitter",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "whatsapp": "WhatsApp",
    "weibo": "Weibo",
    "wechat": "WeChat",
    "vkontakte": "VKontakte",
    "linkedin": "LinkedIn",
    "reddit": "Reddit",
    "threads": "Threads",
    "bluesky": "Bluesky",
    "snapchat": "Snapchat",
    "truth": "Truth Social",
    "x": "X",
}
"""Social platforms by lower-case token ("truth" and "x" need context, checked by the rules)."""

HEDGE_WORDS = _words(
    "unconfirmed unverified reportedly allegedly purportedly supposedly apparently "
    "claimed claims claim alleged alleges allege purported"
)

HEDGE_PHRASES: tuple[tuple[str, ...], ...] = (
    ("could", "not", "be", "independently", "verified"),
    ("could", "not", "be", "independently", "confirmed"),
    ("could", "not", "independently", "verify"),
    ("could", "not", "independently", "confirm"),
    ("could", "not", "immediately", "verify"),
    ("could", "not", "immediately", "confirm"),
    ("could", "not", "be", "verified"),
    ("could", "not", "be", "confirmed"),
    ("has", "not", "been", "verified"),
    ("has", "not", "been", "confirmed"),
    ("have", "not", "been", "verified"),
    ("have", "not", "been", "confirmed"),
    ("not", "independently", "verified"),
    ("without", "providing", "evidence"),
    ("without", "evidence"),
)
"""Multi-word hedges, as lower-case token sequences."""

# --------------------------------------------------------------------------- phrase shapes

COUNT_WORDS = _words(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty "
    "forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million "
    "millions dozens half"
)
"""Number words that count the members of a speaker group ("eight of 10 voters")."""

COUNT_LEADS = _words(
    "nearly almost about around roughly only just some another over under more fewer less "
    "than at least most"
)
"""Words before a count in a speaker phrase ("nearly 40 percent", "another 19 percent")."""

NEWS_NAME_TAILS = _words(
    "post times journal herald tribune gazette telegraph chronicle guardian observer courier "
    "ledger bulletin examiner inquirer dispatch daily"
)
"""Last words of multi-word news outlet names ("The Eastbay Post", "The Daily Courier")."""

STATES_COMPOUNDS = _words(
    "member island gulf baltic border client successor neighbouring neighboring nation city "
    "frontline front-line coastal arab"
)
"""Nouns before "states" that make it a noun ("member states"), not the verb."""

HEADLINE_LEMMAS = _words(
    "say tell warn claim admit deny insist predict confirm announce argue suggest show find"
)
"""Reporting verbs recognised capitalised in a title-case headline ("..., Engineers Say")."""

VERBISH = _words(
    "is are was were be been being has have had do does did will would can could may might "
    "must shall should that who whom which whose where when while if because as than"
)
"""Auxiliaries and clause words that cannot stand inside a subject noun phrase."""

PP_ADJECTIVES = _words(
    "close familiar knowledgeable briefed involved opposed loyal allied aligned sympathetic "
    "critical"
)
"""Adjectives between a speaker noun and its preposition ("people familiar with")."""

TITLE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "sen": ("senator",),
    "sens": ("senator", "senators"),
    "rep": ("representative", "congressman", "congresswoman", "lawmaker"),
    "reps": ("representatives", "lawmakers"),
    "gov": ("governor",),
    "gen": ("general",),
    "lt": ("lieutenant",),
    "col": ("colonel",),
    "maj": ("major",),
    "sgt": ("sergeant",),
    "capt": ("captain",),
    "adm": ("admiral",),
    "cmdr": ("commander",),
    "pres": ("president",),
    "atty": ("attorney",),
    "supt": ("superintendent",),
    "prof": ("professor",),
    "rev": ("reverend",),
    "dr": ("doctor",),
    "del": ("delegate",),
}
"""Abbreviated titles and the nouns a later description uses for the same person."""

NOT_PERSON_NAME_WORDS = _words(
    "amendment act bill law society club college academy street avenue road square park "
    "county city state states river lake mountain mountains bridge program programme project "
    "plan prize award awards day week war wars agreement accord treaty convention conference "
    "summit forum festival league cup series index hall tower building museum airport "
    "hotel island islands sea ocean valley church cathedral mosque temple games olympics "
    "doctrine initiative strategy corridor region province district republic kingdom empire "
    "america americans europe africa asia"
)
"""Words that make a capitalised name a thing or a place, not a person ("Equal Rights
Amendment", "Union League Club")."""

FINDING_BODIES = _words(
    "judge judges court courts jury juries panel panels tribunal commission inquiry "
    "investigators investigator inspector inspectors auditor auditors regulator regulators "
    "researchers scientists authors watchdog ombudsman coroner examiner"
)
"""Bodies whose "found" / "showed" reports a finding ("a federal judge found that ...")."""

PERSON_NOUN_ENDINGS = ("man", "woman", "men", "women", "person", "ist", "ists", "ian", "ians")
"""Endings of nouns that name a person by occupation or belief ("businessman", "activist",
"politician"); lower-case words with them can head a speaker phrase."""

NOT_PERSON_NOUNS = _words(
    "insist insists assist assists resist resists persist persists consist consists exist "
    "exists desist subsist checklist playlist wishlist shortlist blacklist watchlist german "
    "human humans median meridian ottoman roman woman's"
)
"""Words with a person-noun ending that are not (or not only) persons ("insist", "human")."""

CLAIM_NOUNS: dict[str, str] = {
    "claim": "claim",
    "claims": "claim",
    "assertion": "assert",
    "contention": "contend",
    "argument": "argue",
    "insistence": "insist",
    "allegation": "allege",
    "allegations": "allege",
    "warning": "warn",
    "promise": "promise",
    "pledge": "pledge",
    "suggestion": "suggest",
    "statement": "state",
    "admission": "admit",
    "denial": "deny",
    "boast": "boast",
    "prediction": "predict",
}
"""Nouns of saying that take a "that" clause after a possessor ("the mayor's claim that C")."""

NOT_PARTICIPLES = frozenset(
    {
        "according",
        "anything",
        "bombing",
        "bring",
        "building",
        "concerning",
        "during",
        "evening",
        "everything",
        "fighting",
        "finding",
        "findings",
        "following",
        "funding",
        "hearing",
        "including",
        "killing",
        "king",
        "meeting",
        "morning",
        "nothing",
        "polling",
        "regarding",
        "ruling",
        "shooting",
        "something",
        "spending",
        "spring",
        "thing",
        "things",
        "warning",
    }
)
"""Words ending in "-ing" that are not participles (nouns, prepositions, "bring"): they do not
open a participial clause ("..., adding that") nor continue a verb phrase."""
