"""The extraction pass: sentences -> attributions -> resolved claim drafts.

Attributions are found per sentence first (that needs no context), then resolved in text order so
that each reference ("he", "the ministry", "Golubev") sees exactly the actors named before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from provenance.extract.channels import find_channel
from provenance.extract.hedges import find_hedge
from provenance.extract.lexicon import (
    HONORIFICS,
    LEADING_PREPOSITIONS,
    NOT_PARTICIPLES,
    NP_MODIFIERS,
    ORG_NOUNS,
    PARTICIPLE_CUES,
    STOPWORDS,
    TITLE_WORDS,
    UNNAMED_NOUNS,
)
from provenance.extract.phrases import Mention, parse_mention, scan_right
from provenance.extract.rules import Attribution, cue_text, find_attributions
from provenance.extract.social import Post, find_posts
from provenance.extract.speakers import ORG_KINDS, Entity, Registry, Resolution
from provenance.extract.text import Sentence, Token, paragraphs, split_sentences

_TRIM_LEAD = frozenset({",", ";", ":", "—", "–", "-", "(", "…"})
_TRIM_TAIL = frozenset({".", ",", ";", ":", "—", "–", "-", "("})
_TRIM_WORDS_TAIL = frozenset({"and", "but", "as", "while", "or", "so"})
_URL_STARTS = ("pic.twitter.com", "http", "www.", "t.co")
_NOT_AFTER_SUBJECT = frozenset({"to"})
SUBJECT_HEADS = ORG_NOUNS | UNNAMED_NOUNS
_NESTING_WORDS = frozenset(
    {"that", "when", "because", "after", "as", "since", "before", "if", "until", "whether"}
)
_AUXILIARIES = frozenset(
    {"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may"}
    | {"might", "must", "should", "did", "does", "do", "is'nt", "isn't", "wasn't"}
)
_CIRCUMSTANCE_AFTER_QUOTE = frozenset(
    {"until", "as", "when", "while", "after", "before", "since", "then"}
)
_CLAUSE_STARTS = frozenset(
    {"the", "he", "she", "they", "it", "we", "i", "when", "while", "after", "as", "if", "then"}
)


def _participle_within(toks: list[Token], k: int, hi: int) -> bool:
    """Is there a participle ("showing") among the few words from ``k``?"""
    for q in range(k, min(hi, k + 5)):
        t = toks[q]
        if t.quote != 0 or t.text in (",", ";"):
            return False
        if t.low.endswith("ing") and not t.cap and t.low not in NOT_PARTICIPLES:
            return True
    return False


_SUBORDINATORS = frozenset(
    {"while", "although", "though", "because", "if", "when", "whereas", "unless", "since"}
)
MIN_UNATTRIBUTED_WORDS = 5
MAX_CONTENT_TOKENS = 120
MAX_UNATTRIBUTED_CHARS = 2000
_WINDOW = 40
"""Tokens around an attribution searched for its channel and hedge."""
MIN_POST_WORDS = 4


@dataclass
class Draft:
    """A claim before it becomes a :class:`~provenance.model.Claim`."""

    span: tuple[int, int]
    speaker: Entity | None
    via: list[Entity] = field(default_factory=list)
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    channel: str | None = None
    hedge: str | None = None
    rule: str = "unattributed"
    why: str = ""
    unattributed: bool = False
    context: tuple[int, int] | None = None
    """Character range of the sentence(s) the claim stands in (for dating the event)."""


@dataclass
class Result:
    """Claim drafts and the registry of the actors they refer to."""

    drafts: list[Draft]
    registry: Registry
    outlet: Entity | None


def _trim(toks: list[Token], lo: int, hi: int, drop_that: bool = True) -> tuple[int, int] | None:
    """Content token range without edge punctuation, a leading "that" or a trailing link."""
    if lo == 0:
        # "EASTBAY — The barrier ...": a dateline in capitals is not part of the statement.
        k = 0
        while k < min(hi, 5) and (
            (toks[k].word and len(toks[k].text) >= 2 and toks[k].text.isupper())
            or (k > 0 and toks[k].text in (",", "."))
        ):
            k += 1
        if (
            0 < k < hi - 1
            and toks[k].text in ("—", "–", "-")
            and toks[k].quote == 0
            and sum(len(t.text) for t in toks[:k] if t.word) >= 4
        ):
            lo = k + 1
    for k in range(lo, hi):
        if toks[k].low.startswith(_URL_STARTS):
            hi = k
            break
    changed = True
    while changed and lo < hi:
        changed = False
        while lo < hi and (
            toks[lo].text in _TRIM_LEAD or (toks[lo].low in ("and", "but") and lo + 1 < hi)
        ):
            lo += 1
            changed = True
        if (
            drop_that
            and lo < hi
            and toks[lo].low == "that"
            and lo + 1 < hi
            and toks[lo + 1].low not in _AUXILIARIES  # "that was not its position": the subject
        ):
            lo += 1
            changed = True
        while hi > lo and (toks[hi - 1].text in _TRIM_TAIL or toks[hi - 1].low in _TRIM_WORDS_TAIL):
            hi -= 1
            changed = True
    if lo >= hi:
        return None
    # One complete quotation: the claim is the quoted words.
    if (
        toks[lo].quote == 2
        and toks[hi - 1].quote == 3
        and hi - lo > 2
        and not any(t.quote in (2, 3) for t in toks[lo + 1 : hi - 1])
    ):
        lo += 1
        hi -= 1
        while hi > lo and toks[hi - 1].text in _TRIM_TAIL:
            hi -= 1
        if lo >= hi:
            return None
    if not any(t.word for t in toks[lo:hi]):
        return None
    return lo, hi


def _is_pure_quote(sent: Sentence) -> bool:
    toks = sent.tokens
    if not toks or toks[0].quote != 2:
        return False
    # Every word is inside a quotation.
    return all(t.quote != 0 or not t.word for t in toks)


def _words(toks: list[Token]) -> int:
    return sum(1 for t in toks if t.word)


def _declarative(sent: Sentence, minimum: int) -> bool:
    toks = sent.tokens
    if _words(toks) < minimum:
        return False
    last = toks[-1]
    if last.text == "?" or (last.quote == 3 and len(toks) > 1 and toks[-2].text == "?"):
        return False
    # Headings and datelines are short and have no final full stop.
    return last.text in (".", "!", "…") or last.quote == 3 or _words(toks) >= 12


class Extractor:
    """One extraction over one text (holds the per-article state)."""

    def __init__(self, text: str, outlet: str | None) -> None:
        self.text = text
        self.registry = Registry()
        self.outlet: Entity | None = None
        if outlet and outlet.strip():
            self.outlet = self.registry.named(outlet.strip(), "news_outlet", 0)
            self.outlet.kind = "news_outlet"
        self.drafts: list[Draft] = []

    # ------------------------------------------------------------------ helpers

    def _resolve(self, m: Mention, sentence: Sentence) -> Resolution:
        toks = sentence.tokens
        self.registry.here = toks[m.start].start if 0 <= m.start < len(toks) else sentence.start
        return self.registry.resolve(m, sentence.index + 1)

    def _note_names(self, sent: Sentence) -> None:
        """Remember multi-word capitalised names (for later surname references)."""
        toks = sent.tokens
        run: list[Token] = []
        for k, tok in enumerate([*toks, Token("", 0, 0, "", False, False)]):
            if (
                tok.word
                and tok.cap
                and tok.quote == 0
                and tok.base not in STOPWORDS
                and not tok.possessive
                and k > 0
            ):
                run.append(tok)
                continue
            if (
                tok.text == "."
                and run
                and run[-1].end == tok.start
                and (len(run[-1].text) == 1 or run[-1].low in HONORIFICS)
            ):
                continue  # "Ann J. Clark", "Mr. Birch": the full stop of an initial or title
            if tok.word and tok.cap and tok.possessive and tok.quote == 0 and k > 0:
                run.append(tok)
            while run and run[0].low in HONORIFICS:
                run = run[1:]
            if 2 <= len(run) <= 4:
                name = self.text[run[0].start : run[-1].end]
                self.registry.note_name(
                    name.replace("’s", "").replace("'s", ""), sent.index + 1, run[0].start
                )
            run = []

    def _register_subject(self, sent: Sentence) -> None:
        """A person named as a sentence's subject becomes the most recent person (for "he")."""
        toks = sent.tokens
        p = 0
        if toks and toks[0].low in LEADING_PREPOSITIONS:
            # "On a radio show on Tuesday, Clark criticized ...": after the opener.
            for q in range(1, min(len(toks), 16)):
                if toks[q].quote != 0 or toks[q].text in (";", ":"):
                    break
                if toks[q].text == ",":
                    p = q + 1
                    break
        while p < len(toks) and (
            toks[p].low in ("but", "and", "so", "yet", "still", "meanwhile")
            or toks[p].text in (",", "—")
        ):
            p += 1
        if p >= len(toks) or toks[p].quote != 0:
            return
        if not toks[p].cap and toks[p].base not in NP_MODIFIERS and toks[p].base not in TITLE_WORDS:
            return  # "presidential nominee Jane Roe was ...": a title may open the subject
        if len(toks[p].text) >= 2 and toks[p].text.isupper() and toks[p].text.isalpha():
            return  # "THE BUDGET Later that year ...": a heading in capitals, not a subject
        end = scan_right(toks, p, len(toks))
        if end <= p or end >= len(toks) or toks[end].possessive:
            return
        nxt = toks[end]
        if not (nxt.word and not nxt.cap) and nxt.text != ",":
            return
        if nxt.low in _NOT_AFTER_SUBJECT:
            return  # "New Funds to Fight Floods: ...": a heading, not a subject
        m = parse_mention(toks, p, end, self.text)
        if m.form == "name" and (m.kind == "person" or (not m.single and m.kind == "unknown")):
            self._resolve(m, sent)
        elif (m.form == "name" and m.kind in ORG_KINDS) or (
            m.form in ("definite", "unnamed") and toks[end - 1].base in SUBJECT_HEADS
        ):
            # "The council issued a notice. It says ...", "Growers are angry ... They say":
            # an organisation or group as subject is what "it" / "they" next refers to.
            self._resolve(m, sent)
        elif (m.form == "name" and m.single) or toks[end - 1].possessive:
            # A known person's surname keeps that person salient, also as a possessive
            # subject ("Mr. Birch's view is that ...": the sentence is about him).
            word = (toks[end - 1].base if toks[end - 1].possessive else m.name.lower()).replace(
                "’", "'"
            )
            for ent in self.registry.with_surname(word):
                if ent.kind == "person":
                    self.registry.touch(ent)
                    break
            else:
                full = self.registry.full_names.get(word)
                if full is not None and m.form == "name" and not toks[end - 1].possessive:
                    # "Clark criticized ...": the person named in full earlier, as subject.
                    ent = self.registry.named(full, "person", sent.index + 1)
                    if ent.kind == "person":
                        self.registry.touch(ent)

    # ------------------------------------------------------------------ main pass

    def run(self) -> Result:
        """Extract claim drafts from the whole text."""
        text = self.text
        paras = paragraphs(text)
        sents = split_sentences(text, paras)
        posts = find_posts(text, paras)
        post_of: dict[int, Post] = {}
        bylines: set[int] = set()
        post_entity: dict[int, Entity] = {}
        for found_post in posts:
            bylines.add(found_post.byline)
            for k in found_post.paragraphs:
                post_of[k] = found_post
        found = [find_attributions(s, text) for s in sents]
        consumed: set[int] = set()
        last_para_speaker: tuple[int, Entity] | None = None
        for si, sent in enumerate(sents):
            if sent.paragraph in bylines:
                continue
            if si in consumed:
                continue
            self._note_names(sent)
            self._register_subject(sent)
            post = post_of.get(sent.paragraph)
            author: Entity | None = None
            if post is not None:
                author = post_entity.get(post.byline)
                if author is None:
                    author = self.registry.named(post.author, "person", sent.index + 1)
                    if post.handle:
                        author.aliases.add(post.handle)
                    if author.kind == "unknown":
                        author.kind = "person"
                    post_entity[post.byline] = author
            atts = found[si]
            made = self._attributions(sents, si, atts, found, consumed, post, author)
            if made:
                for d in made:
                    if d.speaker is not None and d.speaker.kind == "person":
                        last_para_speaker = (sent.paragraph, d.speaker)
                continue
            if post is not None and author is not None:
                if _declarative(sent, MIN_POST_WORDS):
                    self._post_claim(sent, post, author)
                continue
            if (
                _is_pure_quote(sent)
                and last_para_speaker is not None
                and (
                    last_para_speaker[0] == sent.paragraph - 1
                    or last_para_speaker[0] == sent.paragraph
                )
            ):
                self._follow_on(sent, last_para_speaker[1])
                last_para_speaker = (sent.paragraph, last_para_speaker[1])
                continue
            if (
                _declarative(sent, MIN_UNATTRIBUTED_WORDS)
                and not _is_pure_quote(sent)
                and sent.end - sent.start <= MAX_UNATTRIBUTED_CHARS
            ):
                toks = sent.tokens
                self.drafts.append(
                    Draft(
                        (toks[0].start, toks[-1].end),
                        None,
                        unattributed=True,
                        why="no reporting cue in the sentence",
                        context=(sent.start, sent.end),
                    )
                )
        return Result(self.drafts, self.registry, self.outlet)

    def _post_claim(self, sent: Sentence, post: Post, author: Entity) -> None:
        toks = sent.tokens
        rng = _trim(toks, 0, len(toks), drop_that=False)
        if rng is None:
            return
        lo, hi = rng
        end = toks[hi - 1].end
        # Keep the sentence's own full stop, as the post wrote it.
        if hi < len(toks) and toks[hi].text in (".", "!", "…"):
            end = toks[hi].end
        self.drafts.append(
            Draft(
                (toks[lo].start, end),
                author,
                [],
                None,
                None,
                post.platform,
                None,
                "social_post",
                f"text of an embedded {post.platform} post whose byline names {author.name}",
                context=(sent.start, sent.end),
            )
        )

    def _follow_on(self, sent: Sentence, speaker: Entity) -> None:
        toks = sent.tokens
        rng = _trim(toks, 0, len(toks))
        if rng is None:
            return
        lo, hi = rng
        self.drafts.append(
            Draft(
                (toks[lo].start, toks[hi - 1].end),
                speaker,
                [],
                None,
                None,
                None,
                None,
                "follow_on_quote",
                f"a quotation with no cue of its own continues the statement of {speaker.name} "
                f"from the sentence before",
                context=(sent.start, sent.end),
            )
        )

    def _attributions(
        self,
        sents: list[Sentence],
        si: int,
        atts: list[Attribution],
        found: list[list[Attribution]],
        consumed: set[int],
        post: Post | None,
        author: Entity | None,
    ) -> list[Draft]:
        sent = sents[si]
        toks = sent.tokens
        n = len(toks)
        out: list[Draft] = []
        prev_entity: Entity | None = None
        prev_note = ""
        for idx, att in enumerate(atts):
            # Speaker.
            note = ""
            entity: Entity | None
            if att.inherit:
                entity = prev_entity
                note = f"continues the statement of {entity.name}" if entity else ""
            elif att.mention is not None:
                res = self._resolve(att.mention, sent)
                entity, note = res.entity, res.note
            else:
                entity = None
            via: list[Entity] = []
            for vm in att.via:
                vres = self._resolve(vm, sent)
                if vres.entity is not None and vres.entity is not entity:
                    if vm.kind in ("news_agency", "news_outlet") or vres.entity.kind == "unknown":
                        vres.entity.kind = (
                            vm.kind if vm.kind in ("news_agency", "news_outlet") else "news_outlet"
                        )
                    via.append(vres.entity)
            if post is not None and author is not None and entity is not author:
                via.append(author)
            if entity is not None:
                entity.speaker = True
            prev_entity = entity if entity is not None else prev_entity
            prev_note = note or prev_note
            if entity is None:
                continue
            # Content.
            rng = self._content(atts, idx, n)
            if rng is None:
                continue
            lo, hi = rng
            if att.side == "right" and _only_a_phrase(toks, lo, hi):
                continue  # "The mayor responded with a shrug": a manner, not a statement
            start, end = toks[lo].start, toks[hi - 1].end
            # A quotation that goes on in the next sentences of the paragraph is one statement.
            if att.side in ("left", "whole", "right") and self._ends_sentence(atts, idx, n):
                k = si + 1
                while (
                    k < len(sents)
                    and sents[k].paragraph == sent.paragraph
                    and not found[k]
                    and (sents[k].tokens[0].quote == 2)
                ):
                    if toks[lo].quote == 0 and att.side == "right":
                        break
                    end = sents[k].tokens[-1].end
                    consumed.add(k)
                    k += 1
                if end != toks[hi - 1].end:
                    # Span from the first quote mark to the last, as written.
                    start = min(
                        start, toks[lo - 1].start if lo > 0 and toks[lo - 1].quote == 2 else start
                    )
            cue = cue_text(att)
            cue_span = (toks[att.cue_lo].start, toks[att.cue_hi - 1].end)
            # Channel and hedge are looked for near the cue and in the content's reach; the
            # window keeps the work per cue bounded in run-on "sentences".
            w_lo = max(0, min(lo, att.region_lo) - _WINDOW)
            w_hi = min(n, max(hi, att.region_hi) + _WINDOW, att.cue_hi + 4 * _WINDOW)
            w_lo = max(w_lo, att.cue_lo - 4 * _WINDOW)
            channel = _channel_outside(toks, lo, hi, att.lemma, w_lo, w_hi)
            if channel is None and post is not None:
                channel = post.platform
            hedge = find_hedge(toks[w_lo:w_hi], att.lemma, toks[att.cue_lo].text)
            if hedge is None and si + 1 < len(sents) and sents[si + 1].paragraph == sent.paragraph:
                nxt = find_hedge(sents[si + 1].tokens, None, None)
                if nxt and " " in nxt:
                    hedge = nxt
            why = self._why(att, entity, note, via, cue)
            out.append(
                Draft(
                    (start, end),
                    entity,
                    via,
                    cue,
                    cue_span,
                    channel,
                    hedge,
                    att.rule,
                    why,
                    context=(sent.start, max(sent.end, end)),
                )
            )
        self.drafts.extend(out)
        # The speaker of the main clause stays the most salient person: someone whose words
        # are reported inside the statement ("X said that Y has long pushed for ...") is not
        # what the next "he" refers to.
        main = next((d for d in out if d.speaker is not None), None)
        if (
            main is not None
            and len(out) > 1
            and main.speaker is not None
            and main.speaker.kind == "person"
            and atts
            and atts[0].side == "right"
            and any(d.span[0] >= main.span[0] and d is not main for d in out)
        ):
            self.registry.touch(main.speaker)
        return out

    @staticmethod
    def _ends_sentence(atts: list[Attribution], idx: int, n: int) -> bool:
        att = atts[idx]
        if idx + 1 < len(atts):
            return False
        if att.side == "left":
            # '"C1," X said after the vote. "C2."': what follows the attribution describes the
            # saying; a quotation closed just before it may still go on in the next sentence.
            toks = att.sentence.tokens
            if att.region_hi >= n - 1:
                return True
            if att.region_lo == 0 or toks[att.region_lo - 1].quote != 3:
                return False
            # Unless the words after it say something more (", going on to say ...").
            return not any(
                t.low in PARTICIPLE_CUES or t.low == "going"
                for t in toks[att.region_hi : min(n, att.region_hi + 60)]
            )
        return True

    @staticmethod
    def _content(atts: list[Attribution], idx: int, n: int) -> tuple[int, int] | None:
        att = atts[idx]
        toks = att.sentence.tokens
        # The content lies between the neighbouring attributions of the sentence.
        prev_hi = 0
        for k in range(idx - 1, max(-1, idx - 6), -1):
            if atts[k].region_hi <= att.region_lo:
                prev_hi = atts[k].region_hi
                if (
                    att.side == "left"
                    and k == idx - 1
                    and atts[k].side == "right"
                    and atts[k].rule == "direct"
                    and not any(t.text == ";" for t in toks[prev_hi : att.region_lo])
                ):
                    # "Y told police that C, the source added": the whole report, Y's words
                    # included, is the source's statement (Y's is a claim within it).
                    prev_hi = Extractor._outer_start(atts, k)
                break
        start = att.right_start if att.side == "right" else att.region_hi
        next_lo = n
        for k in range(idx + 1, min(len(atts), idx + 6)):
            if atts[k].region_lo >= start:
                if (
                    att.side == "right"
                    and atts[k].side == "right"
                    and atts[k].region_lo > 0
                    and (
                        (
                            atts[k].region_lo == start
                            and (toks[start - 1].low == "that" or att.rule == "according_to")
                        )
                        or (
                            # "According to X, Y said C": X reports what Y said.
                            att.rule == "according_to"
                            and atts[k].region_lo == start + 1
                            and toks[start].text == ","
                        )
                        or (
                            atts[k].region_lo > start
                            and toks[atts[k].region_lo - 1].low in _NESTING_WORDS
                        )
                    )
                ):
                    # "X asserted that Y told Z that C", "X said Y was right when he said C":
                    # Y's report is part of X's statement.
                    continue
                next_lo = atts[k].region_lo
                break
        if att.side == "right":
            lo, hi = att.right_start, next_lo
        elif att.side == "left":
            lo, hi = prev_hi, att.region_lo
        else:
            lo, hi = prev_hi, next_lo
        if lo < 0 or hi <= lo:
            return None
        # A statement is a sentence or two, never pages: bound it (run-on input).
        if hi - lo > MAX_CONTENT_TOKENS:
            if att.side == "left":
                lo = hi - MAX_CONTENT_TOKENS
            else:
                hi = lo + MAX_CONTENT_TOKENS
        # A semicolon closes the statement: what follows is the writer's again; so do a
        # trailing relative clause (", which ...") and a participle (", contradicting ...").
        bounded = hi < n  # another attribution of the sentence follows the content
        if att.side == "right" and toks[lo].quote == 2:
            # '... shouts, "Hold it," until the whistle blows': the quotation is the statement;
            # a clause about the circumstances after it is the writer's.
            for k in range(lo + 1, min(hi, n)):
                if toks[k].quote == 3:
                    after = k + 1
                    if after < hi and toks[after].text == ",":
                        after += 1
                    if after < hi and toks[after].low in _CIRCUMSTANCE_AFTER_QUOTE:
                        hi = k + 1
                    break
        if att.side == "right":
            # "While a judge found that C, the ruling ...": the subordinate clause ends at
            # its comma, and so does the statement.
            subordinate = (
                att.region_lo > 0
                and toks[att.region_lo - 1].low in _SUBORDINATORS
                and (
                    att.region_lo == 1
                    or toks[att.region_lo - 2].low in ("but", "and", "yet")
                    or toks[att.region_lo - 2].text in (",", "—")
                )
            )
            for k in range(lo, min(hi, n)):
                t = toks[k]
                if (
                    (subordinate or att.rule == "noun" or att.relative)
                    and t.quote == 3
                    and toks[k - 1].text == ","
                    and k + 1 < hi
                ):
                    hi = k + 1  # 'her claim that fares would "fall soon," the plan ...'
                    break
                if t.quote != 0:
                    continue
                if t.text == ";" or (t.text == ":" and bounded and k > lo):
                    # A colon before someone else's attributed quotation ends this statement.
                    hi = k
                    break
                if (subordinate or att.rule == "noun" or att.relative) and t.text == "," and k > lo:
                    hi = k  # "Contrary to his claim that C, the budget ...": the noun's clause
                    break
                if (
                    t.text == ","
                    and k > lo + 2
                    and k + 2 < hi
                    and toks[k + 1].quote == 0
                    and toks[k + 2].low != "that"
                    and (
                        toks[k + 1].low == "but"
                        or (toks[k + 1].low == "and" and toks[k + 2].low in _CLAUSE_STARTS)
                        or (toks[k + 1].low == "with" and _participle_within(toks, k + 2, hi))
                    )
                ):
                    # "X said C, but critics ...", "..., and the cut is ...", "..., with
                    # polls showing ...": the writer goes on.
                    hi = k
                    break
                if (
                    t.text == ","
                    and k + 1 < hi
                    and k > lo + 2
                    and toks[k + 1].quote == 0
                    and (
                        toks[k + 1].low in ("which", "who", "where", "whose")
                        or (
                            # ", quietly adding ...": an adverb before the participle
                            toks[k + 1].low.endswith("ly")
                            and k + 2 < hi
                            and toks[k + 2].low.endswith("ing")
                            and toks[k + 2].quote == 0
                            and toks[k + 2].low not in NOT_PARTICIPLES
                        )
                        or (
                            toks[k + 1].low.endswith("ing")
                            and not toks[k + 1].cap
                            and toks[k + 1].low not in NOT_PARTICIPLES
                        )
                    )
                ):
                    hi = k
                    break
        elif att.side == "left":
            for k in range(min(hi, n) - 1, lo - 1, -1):
                if toks[k].text in (";", ":") and toks[k].quote == 0:
                    lo = k + 1  # "... on staff: “C,” the union wrote": the quotation
                    break
        return _trim(toks, lo, hi)

    @staticmethod
    def _outer_start(atts: list[Attribution], k: int) -> int:
        """Where the content of a statement that contains attribution ``k`` starts: after the
        attribution before ``k`` (if any), else at the start of the sentence."""
        lo = atts[k].region_lo
        for q in range(k - 1, max(-1, k - 6), -1):
            if atts[q].region_hi <= lo:
                return atts[q].region_hi
        return 0

    def _why(self, att: Attribution, entity: Entity, note: str, via: list[Entity], cue: str) -> str:
        sp = att.mention.text if att.mention is not None else entity.name
        rule = att.rule
        if rule == "direct":
            base = f"direct speech: '{sp} {cue}' precedes the content"
        elif rule == "indirect":
            base = f"indirect speech: '{sp} {cue}' follows the content"
        elif rule == "inverted":
            base = f"inverted attribution: '{cue} {sp}' follows the content"
        elif rule == "interjected":
            base = f"interjected attribution: '{sp} {cue}' stands inside the content"
        elif rule == "according_to":
            where = "precedes" if att.side == "right" else "follows"
            base = f"'{cue} {sp}' {where} the content"
        elif rule == "participle":
            base = f"'{cue}' continues the statement of {entity.name} in the same sentence"
        elif rule == "coordinated":
            base = f"'{cue}' shares its subject '{sp}' with the first verb of the sentence"
        elif rule == "citing":
            base = f"relay: {att.relay_note}; the cited source is the speaker"
        elif rule == "noun":
            base = f"reporting noun: '{sp}'s {cue} that' introduces the content"
        elif rule == "quoted_as":
            base = f"relay: '{via[0].name if via else ''}' quoted '{sp}' as the speaker"
        else:
            base = f"{rule}: '{sp} {cue}'"
        extras = [base]
        if note and att.rule != "participle":
            extras.append(note)
        if via and rule not in ("citing", "quoted_as"):
            extras.append("relayed by " + ", ".join(v.name for v in via))
        return "; ".join(extras)


_PHRASE_PREPOSITIONS = frozenset(
    {"with", "in", "on", "at", "into", "for", "from", "by", "during", "over", "under", "about"}
)


def _only_a_phrase(toks: list[Token], lo: int, hi: int) -> bool:
    """Is the content ``[lo, hi)`` a bare prepositional phrase with no verb in it ("with
    a shrug", "on being himself")? Such a phrase says how or where, it reports nothing."""
    if toks[lo].low not in _PHRASE_PREPOSITIONS or toks[lo].quote != 0:
        return False
    if lo + 1 < hi and toks[lo + 1].low in ("least", "most"):
        return False  # "at least 5 explosions": a quantity
    for t in toks[lo:hi]:
        if t.quote != 0 or t.low in _AUXILIARIES or t.low in ("be", "been"):
            return False
        if t.text[0].isdigit():
            return False  # "over 300 deaths": a figure is reported
        if t.low.endswith("ed") and not t.cap:
            return False
    return True


def _channel_outside(
    toks: list[Token], lo: int, hi: int, lemma: str | None, w_lo: int, w_hi: int
) -> str | None:
    """A platform named outside the content ``[lo, hi)`` within the window ``[w_lo, w_hi)``."""
    before = find_channel(toks, w_lo, min(lo, w_hi), lemma)
    if before:
        return before
    return find_channel(toks, max(hi, w_lo), w_hi, lemma)


def run(text: str, outlet: str | None = None) -> Result:
    """Extract claim drafts and actors from ``text``."""
    return Extractor(text, outlet).run()
