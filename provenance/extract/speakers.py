"""The actors of one article and the resolution of references to them.

News writing names a speaker in full once ("Vasily Golubev, the governor of Rostov") and then
refers back with a surname ("Golubev"), an honorific ("Mr Zelensky"), a pronoun ("he") or a
definite description ("the ministry", "the governor"). :class:`Registry` keeps the entities in the
order they were last mentioned and resolves each later reference to the most recent fitting one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from provenance.extract.lexicon import (
    HONORIFICS,
    MEDIUM_NOUNS,
    NEWS_NAME_TAILS,
    NEWS_WORDS,
    NOT_PERSON_NAME_WORDS,
    ORG_NOUNS,
    SOURCE_NOUNS,
    STOPWORDS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
)
from provenance.extract.phrases import PLACE_PREFIXES, Mention

RECENT_LIMIT = 60
"""How far back (in distinct actors) a pronoun or description looks for its antecedent."""

ORG_KINDS = frozenset(
    {"organisation", "government", "military", "news_outlet", "news_agency", "platform", "party"}
)


@dataclass(eq=False)
class Entity:
    """One actor of the article, before it becomes a :class:`~provenance.model.Actor`."""

    name: str
    kind: str
    sentence: int
    """Sentence (1-based) where it was first named, for the ``why`` explanations."""
    aliases: set[str] = field(default_factory=set)
    role: str | None = None
    affiliation: Entity | None = None
    gender: str | None = None
    seen: int = 0
    """Recency stamp: higher is more recently mentioned."""
    speaker: bool = False

    @property
    def words(self) -> list[str]:
        """Lower-case words of the name, aliases and role (for definite descriptions)."""
        out = self.name.lower().replace("’", "'").split()
        for a in self.aliases:
            out += a.lower().split()
        if self.role:
            for w in self.role.lower().replace("-", " ").split():
                out.append(w)
                full = TITLE_ABBREVIATIONS.get(w.rstrip("."))
                if full:
                    out += full  # "Sen." is "the senator", "Gov." is "the governor"
        return out

    @property
    def surname(self) -> str:
        """Last word of the name, lower case ("golubev")."""
        parts = self.name.lower().replace("’", "'").split()
        return parts[-1] if parts else ""


def _key(name: str) -> str:
    words = [
        w
        for w in name.lower().replace("’", "'").replace(".", " ").split()
        if w not in ("the", "of", "a", "an", "and")
    ]
    return " ".join(sorted(words))


@dataclass
class Resolution:
    """The entity a mention refers to, and how it was found (for ``why``)."""

    entity: Entity | None
    note: str


class Registry:
    """Entities of one article with recency, and reference resolution."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self._by_key: dict[str, Entity] = {}
        self._recent: dict[int, Entity] = {}
        """Mentioned entities, least recent first (dicts keep insertion order)."""
        self._by_surname: dict[str, list[Entity]] = {}
        self._clock = 0
        self.full_names: dict[str, str] = {}
        self.passing: list[tuple[str, int, int]] = []
        """The last person-like names seen in passing: name, sentence (1-based), offset."""
        self.here = 0
        """Character offset of the reference being resolved."""
        """Surname -> most recent multi-word name seen anywhere in the text."""

    # ------------------------------------------------------------------ bookkeeping

    def touch(self, entity: Entity) -> None:
        """Mark ``entity`` as the most recently mentioned."""
        self._clock += 1
        entity.seen = self._clock
        self._recent.pop(id(entity), None)
        self._recent[id(entity)] = entity
        self._index_surname(entity)

    def _index_surname(self, entity: Entity) -> None:
        # "Tom Ash and Ann Rowe" names two people: neither surname refers to it.
        if len(entity.name.split()) > 1 and " and " not in entity.name:
            bucket = self._by_surname.setdefault(entity.surname, [])
            if entity not in bucket:
                bucket.append(entity)

    def with_surname(self, word: str) -> list[Entity]:
        """Multi-word-named entities whose last word is ``word`` (lower case)."""
        return list(self._by_surname.get(word, ()))

    def recent(self, limit: int = RECENT_LIMIT) -> list[Entity]:
        """The most recently mentioned entities, most recent first (at most ``limit``)."""
        out: list[Entity] = []
        for ent in reversed(self._recent.values()):
            out.append(ent)
            if len(out) >= limit:
                break
        return out

    def _add(self, name: str, kind: str, sentence: int) -> Entity:
        ent = Entity(name=name, kind=kind, sentence=sentence)
        self.entities.append(ent)
        self._by_key[_key(name)] = ent
        return ent

    def named(self, name: str, kind: str, sentence: int) -> Entity:
        """The entity called exactly ``name`` (up to word order and articles), created if new."""
        key = _key(name)
        ent = self._by_key.get(key)
        if ent is None:
            ent = self._add(name, kind, sentence)
        elif ent.kind == "unknown" and kind != "unknown":
            ent.kind = kind
        return ent

    def note_name(self, name: str, sentence: int = 0, at: int = 0) -> None:
        """Remember a multi-word proper name seen in passing, for later surname references
        (and, when it has the shape of a person's name, as a last resort for "he"/"she")."""
        parts = name.split()
        if len(parts) >= 2:
            self.full_names[parts[-1].lower().replace("’", "'")] = name
            lows = [w.lower().rstrip(".") for w in parts]
            if (
                2 <= len(parts) <= 4
                and lows[0] not in PLACE_PREFIXES
                and not any(
                    w in ORG_NOUNS
                    or w in NEWS_WORDS
                    or w in NOT_PERSON_NAME_WORDS
                    or w in MEDIUM_NOUNS
                    or w in SOURCE_NOUNS
                    or w in TITLE_WORDS
                    for w in lows
                )
                and not any(w.isupper() and len(w) > 1 for w in parts)
            ):
                self.passing.append((name, sentence, at))
                if len(self.passing) > 8:
                    del self.passing[0]

    # ------------------------------------------------------------------ resolution

    def resolve(self, m: Mention, sentence: int) -> Resolution:
        """The entity ``m`` refers to (created when it is a new name)."""
        if m.form == "pronoun":
            return self._pronoun(m.name, sentence)
        if m.form == "definite":
            return self._definite(m, sentence)
        if m.form == "name":
            return self._name(m, sentence)
        if m.form == "unnamed":
            ent = self.named(m.name, "unnamed", sentence)
            self.touch(ent)
            return Resolution(ent, "")
        ent = self.named(m.name, m.kind, sentence)
        self.touch(ent)
        return Resolution(ent, "")

    def _pronoun(self, word: str, sentence: int = 0) -> Resolution:
        if word in ("he", "she"):
            want = "m" if word == "he" else "f"
            people = [e for e in self.recent() if _may_be_person(e)]
            for rank, ent in enumerate(people):
                if ent.gender and ent.gender != want:
                    continue
                if rank == 0 and ent.gender is None:
                    # Only the most recent person learns a gender from a pronoun: a pronoun
                    # that skips over people says nothing certain about them.
                    ent.gender = want
                self.touch(ent)
                return Resolution(
                    ent,
                    f"'{word}' resolved to {ent.name}, the last person named "
                    f"(sentence {ent.sentence})",
                )
            # No one (of that gender) has spoken yet: a person just named in passing, before
            # the pronoun, is the best guess.
            passing = next((p for p in reversed(self.passing) if p[2] < self.here), None)
            if passing is not None and 0 <= sentence - passing[1] <= 2:
                ent = self.named(passing[0], "person", passing[1])
                if ent.kind == "person" and (ent.gender is None or ent.gender == want):
                    self.touch(ent)
                    return Resolution(
                        ent, f"'{word}' resolved to {ent.name}, named in sentence {ent.sentence}"
                    )
            if people:
                # No one of that gender: the most recent person is still the best guess.
                ent = people[0]
                self.touch(ent)
                return Resolution(
                    ent,
                    f"'{word}' resolved to {ent.name}, the last person named "
                    f"(sentence {ent.sentence})",
                )
            return Resolution(None, f"'{word}' has no antecedent")
        if word in ("they", "it"):
            for ent in self.recent():
                if ent.kind == "person" or _may_be_person(ent):
                    continue  # "they" and "it" are not one person
                if word == "it" and ent.kind == "unnamed":
                    continue
                self.touch(ent)
                return Resolution(ent, f"'{word}' resolved to {ent.name} (sentence {ent.sentence})")
            return Resolution(None, f"'{word}' has no antecedent")
        return Resolution(None, f"'{word}' is not resolvable outside a quotation")

    def _definite(self, m: Mention, sentence: int) -> Resolution:
        words = [w for w in m.name.lower().replace("’", "'").split() if w != "the"]
        head = words[-1] if words else ""
        org_head = head in ORG_NOUNS
        for ent in self.recent():
            if org_head and ent.kind in ("person", "unnamed"):
                continue  # "the ministry" is not the ministry's spokeswoman
            if head in ent.words and all(w in ent.words for w in words if w != "the"):
                self.touch(ent)
                return Resolution(
                    ent, f"'{m.text}' resolved to {ent.name} named in sentence {ent.sentence}"
                )
        # Nothing named earlier fits: the description itself is the actor ("the army").
        ent = self.named(m.name, m.kind, sentence)
        if ent.kind == "unknown":
            ent.kind = "unnamed"
        self.touch(ent)
        return Resolution(ent, "")

    def _name(self, m: Mention, sentence: int) -> Resolution:
        parts = m.name.replace("’", "'").split()
        if m.single or len(parts) == 1:
            word = parts[0].lower() if parts else ""
            # A surname: the most recent person whose name ends with it.
            best: Entity | None = None
            for cand in self._by_surname.get(word, ()):
                if (
                    cand.kind in ("person", "unknown")
                    and cand.surname == word
                    and len(cand.name.split()) > 1
                    and (best is None or cand.seen > best.seen)
                ):
                    best = cand
            if best is None and word in self.full_names:
                if word in NEWS_NAME_TAILS or word in ORG_NOUNS:
                    # "the Times" after "The Eastbay Times": the outlet, not a person.
                    outlet = self.named(self.full_names[word], "news_outlet", sentence)
                    if outlet.kind in ("unknown", "person"):
                        outlet.kind = "news_outlet" if word in NEWS_NAME_TAILS else "organisation"
                    self.touch(outlet)
                    return Resolution(outlet, f"'{m.text}' resolved to {outlet.name}")
                best = self.named(self.full_names[word], "person", sentence)
            if best is not None:
                best.aliases.add(m.name)
                if m.honorific:
                    best.aliases.add(
                        m.text if m.text.lower().split()[0].rstrip(".") in HONORIFICS else m.name
                    )
                    if best.kind == "unknown":
                        best.kind = "person"
                if m.gender and not best.gender:
                    best.gender = m.gender
                if m.role and not best.role:
                    best.role = m.role
                self.touch(best)
                note = (
                    ""
                    if best.name == m.text
                    else (f"'{m.text}' resolved to {best.name} named in sentence {best.sentence}")
                )
                return Resolution(best, note)
        ent = self._by_key.get(_key(m.name))
        if ent is None and len(parts) > 1 and m.kind == "person":
            # A full name after its surname was used alone: upgrade the short entity.
            short = self._by_key.get(_key(parts[-1]))
            if short is not None and short.kind in ("person", "unknown"):
                del self._by_key[_key(short.name)]
                short.aliases.add(short.name)
                short.name = m.name
                self._by_key[_key(m.name)] = short
                self._index_surname(short)
                ent = short
        if ent is None:
            ent = self._add(m.name, m.kind, sentence)
        if ent.kind == "unknown" and m.kind != "unknown":
            ent.kind = m.kind
        if m.role and not ent.role:
            ent.role = _clean_role(m.role)
        if m.gender and not ent.gender:
            ent.gender = m.gender
        if m.text != m.name:
            ent.aliases.add(m.text)
        if m.affiliation and ent.affiliation is None:
            aff = self.named(m.affiliation, "organisation", sentence)
            if aff is not ent:
                ent.affiliation = aff
                self.touch(aff)  # mentioned too: "the ministry" may refer back to it
        self.touch(ent)
        return Resolution(ent, "")


def _may_be_person(ent: Entity) -> bool:
    """A person, or a bare name that may well be one ("Lynch"), but not an acronym ("NATO")."""
    if ent.kind == "person":
        return True
    # A bare capitalised word is a person only once it has spoken ("Fowler said"): subjects
    # such as "Demonstrators" or "Video" are not.
    return (
        ent.kind == "unknown"
        and ent.speaker
        and not ent.name.isupper()
        and ent.name[:1].isupper()
        and " " not in ent.name
    )


def _clean_role(role: str) -> str:
    words = role.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if words and words[0].lower() in STOPWORDS and words[0][0].isupper() and len(words) > 1:
        words = words[1:]
    return " ".join(words)
