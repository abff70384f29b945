"""Published fact-checks in: schema.org ClaimReview JSON-LD -> verdicts on the stored claims.

A fact-checking organisation publishes each review as a ``ClaimReview``: the checked statement
(``claimReviewed``), a ``reviewRating`` (its ``alternateName`` is the verdict label, "Mostly
false", and ``ratingExplanation`` the reason), the ``author``, the review's ``url`` and
``datePublished``. :func:`load_reviews` reads a file holding one such object, a list of them, an
``@graph``, or a ``DataFeed`` (``dataFeedElement`` items, each review directly or under
``item``); the ``claimreview`` export of this package reads back the same way.

:func:`match_reviews` finds the stored claims whose text matches each review's
``claimReviewed`` (see :data:`MATCH_THRESHOLD` for the measure), and :func:`attach` stores one
verdict per match with ``origin="claimreview"``, ``by`` the reviewer and ``url`` the review,
which the CLI and the HTML report show as "already checked by <reviewer>".

Labels are free text; :data:`LABELS` maps the common ones (PolitiFact's "Pants on Fire", "Half
True", "Missing context" ...) onto the verdict scale of :data:`provenance.model.RATINGS`, and a
numeric ``ratingValue`` between ``worstRating`` and ``bestRating`` is used when the label is not
known. A review whose rating is neither is reported, not guessed.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
import urllib.parse
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from provenance.errors import InputError
from provenance.inputs import read_json
from provenance.model import RATINGS, Verdict
from provenance.store import Store

__all__ = [
    "LABELS",
    "MATCH_THRESHOLD",
    "AttachReport",
    "ClaimIndex",
    "MatchResult",
    "Review",
    "ReviewMatch",
    "attach",
    "load_reviews",
    "match_reviews",
    "rating_of",
    "similarity",
    "words",
]

MATCH_THRESHOLD = 0.8
"""Smallest similarity at which a review's ``claimReviewed`` matches a stored claim's text.

The similarity is the Sørensen-Dice coefficient of the two texts' word sets,
``2 * |A & B| / (|A| + |B|)``, where a word is a run of letters and digits (casefolded,
accents removed, quotes and punctuation ignored, "n't" kept as "not"). 1.0 means the same words in
any order; 0.8 means, for two ten-word texts, that eight words are shared: enough to absorb a
fact-checker's rewording ("Says ...", a dropped article, "Ukraine's" for "Ukrainian") while two
different statements about the same subject stay apart. Two texts only match when they agree on
negation as well (both or neither have "not", "no", "never" ...): dropping one word flips a
claim's meaning while hardly moving the score.
"""

_NEGATIONS = frozenset(
    {"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere", "without"}
)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})

_UNRATED = frozenset({"unreviewed", "in_review"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

LABELS: dict[str, str] = {
    **{r.replace("_", " "): r for r in RATINGS if r not in _UNRATED},
    "pants on fire": "false",
    "fake": "false",
    "incorrect": "false",
    "wrong": "false",
    "fabricated": "false",
    "hoax": "false",
    "not true": "false",
    "four pinocchios": "false",
    "barely true": "mostly_false",
    "largely false": "mostly_false",
    "three pinocchios": "mostly_false",
    "half true": "mixed",
    "mixture": "mixed",
    "partly true": "mixed",
    "partly false": "mixed",
    "partially true": "mixed",
    "partially false": "mixed",
    "two pinocchios": "mixed",
    "missing context": "misleading",
    "needs context": "misleading",
    "out of context": "misleading",
    "exaggerated": "misleading",
    "exaggeration": "misleading",
    "distorts the facts": "misleading",
    "largely true": "mostly_true",
    "one pinocchio": "mostly_true",
    "correct": "true",
    "accurate": "true",
    "unsupported": "unproven",
    "unverified": "unproven",
    "unsubstantiated": "unproven",
    "no evidence": "unproven",
    "lacks evidence": "unproven",
}
"""Review labels (normalised: casefolded, punctuation dropped) and the verdict each stands for."""

# A numeric rating between worst and best, as a fraction of the way from false to true: the
# usual 1-5 scale then maps 1 false, 2 mostly false, 3 mixed, 4 mostly true, 5 true.
_SCALE: tuple[tuple[float, str], ...] = (
    (0.2, "false"),
    (0.4, "mostly_false"),
    (0.6, "mixed"),
    (0.8, "mostly_true"),
    (math.inf, "true"),
)


@dataclass(frozen=True)
class Review:
    """One published fact-check, as read from a ClaimReview object.

    Attributes:
        claim_reviewed: the checked statement.
        rating: the verdict on the scale of :data:`~provenance.model.RATINGS`, or None when
            the review's rating is not understood.
        label: the review's own rating label ("Pants on Fire").
        explanation: the rating explanation.
        author: who published the review.
        url: where the review was published (http(s) only).
        published: when it was published.
        source: the file it was read from.
        position: its 1-based position among the reviews of that file.
    """

    claim_reviewed: str
    rating: str | None
    label: str | None
    explanation: str | None
    author: str | None
    url: str | None
    published: dt.datetime | None
    source: str
    position: int

    def verdict(self, claim: str) -> Verdict:
        """The verdict this review gives ``claim`` (the review must have a rating)."""
        if self.rating is None:
            raise ValueError("a review without a rating gives no verdict")
        explanation = self.explanation
        # Keep the reviewer's own label when the scale says it less precisely.
        if self.label and _normalise_label(self.label) != self.rating.replace("_", " "):
            explanation = f"{self.label}: {explanation}" if explanation else self.label
        return Verdict(
            claim=claim,
            rating=self.rating,
            explanation=explanation,
            by=self.author,
            at=self.published or dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
            origin="claimreview",
            url=self.url,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (for ``--json``)."""
        return {
            "source": self.source,
            "position": self.position,
            "claim_reviewed": self.claim_reviewed,
            "rating": self.rating,
            "label": self.label,
            "explanation": self.explanation,
            "author": self.author,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
        }


@dataclass(frozen=True)
class ReviewMatch:
    """A review and one stored claim its text matches."""

    review: Review
    claim: str
    claim_text: str
    similarity: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (for ``--json``)."""
        return {
            "review": self.review.to_dict(),
            "claim": self.claim,
            "claim_text": self.claim_text,
            "similarity": round(self.similarity, 3),
        }


@dataclass
class MatchResult:
    """What :func:`match_reviews` found: matches, reviews without a match, reviews not rated."""

    matches: list[ReviewMatch] = field(default_factory=list)
    unmatched: list[Review] = field(default_factory=list)
    unrated: list[Review] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (for ``--json``)."""
        return {
            "matches": [m.to_dict() for m in self.matches],
            "unmatched": [r.to_dict() for r in self.unmatched],
            "unrated": [r.to_dict() for r in self.unrated],
        }


@dataclass
class AttachReport:
    """What :func:`attach` wrote: verdicts attached, and matches whose verdict was there already."""

    attached: int = 0
    already: int = 0
    claims: set[str] = field(default_factory=set)


# --------------------------------------------------------------------------- reading


def load_reviews(path: Path) -> list[Review]:
    """Read every ClaimReview of a JSON-LD file.

    Raises:
        InputError: unreadable file, malformed JSON, no ClaimReview in it, or a ClaimReview
            without the statement it reviews.
    """
    data = read_json(path, what="ClaimReview file")
    objects = list(_claim_reviews(data))
    if not objects:
        raise InputError(
            f"{path}: no ClaimReview found; expected schema.org ClaimReview JSON-LD "
            "(an object, a list, an @graph or a DataFeed)"
        )
    return [_review(obj, path, i) for i, obj in enumerate(objects, start=1)]


def _claim_reviews(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    # Bounded: JSON-LD containers nest a few levels, never dozens.
    if depth > 20:
        return
    if isinstance(node, list):
        for item in node:
            yield from _claim_reviews(item, depth + 1)
        return
    if not isinstance(node, dict):
        return
    if "ClaimReview" in _types(node):
        yield node
        return
    for key in ("@graph", "dataFeedElement", "item", "itemListElement"):
        if key in node:
            yield from _claim_reviews(node[key], depth + 1)


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    # "schema:ClaimReview" and "https://schema.org/ClaimReview" name the same type.
    return {v.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if isinstance(v, str)}


def _review(obj: dict[str, Any], path: Path, position: int) -> Review:
    item = obj.get("itemReviewed")
    text = _text(obj.get("claimReviewed")) or (
        _text(item.get("text")) if isinstance(item, dict) else None
    )
    if not text:
        raise InputError(f"{path}: ClaimReview {position} has no claimReviewed text")
    rating_obj = obj.get("reviewRating")
    if isinstance(rating_obj, list):
        rating_obj = next((r for r in rating_obj if isinstance(r, dict)), None)
    rating_obj = rating_obj if isinstance(rating_obj, dict) else {}
    label = _text(rating_obj.get("alternateName")) or _text(rating_obj.get("name"))
    return Review(
        claim_reviewed=text,
        rating=rating_of(rating_obj),
        label=label,
        explanation=_text(rating_obj.get("ratingExplanation")),
        author=_name(obj.get("author")) or _name(obj.get("publisher")) or _host(obj.get("url")),
        url=_web_url(obj.get("url")),
        published=_datetime(obj.get("datePublished")),
        source=str(path),
        position=position,
    )


def rating_of(rating: dict[str, Any]) -> str | None:
    """The verdict a schema.org ``Rating`` stands for, or None when it is not understood.

    The label (``alternateName``, else ``name``) is looked up in :data:`LABELS`; failing that,
    a numeric ``ratingValue`` is placed between ``worstRating`` (default 1) and ``bestRating``
    (default 5).
    """
    for key in ("alternateName", "name"):
        label = _text(rating.get(key))
        if label and _normalise_label(label) in LABELS:
            return LABELS[_normalise_label(label)]
    value = _number(rating.get("ratingValue"))
    best = _number(rating.get("bestRating"))
    worst = _number(rating.get("worstRating"))
    best = 5.0 if best is None else best
    worst = 1.0 if worst is None else worst
    if value is None or best == worst or not min(best, worst) <= value <= max(best, worst):
        return None
    fraction = (value - worst) / (best - worst)
    return next(r for limit, r in _SCALE if fraction < limit)


def _normalise_label(label: str) -> str:
    text = unicodedata.normalize("NFKC", label).casefold().replace("_", " ").replace("-", " ")
    return " ".join(re.findall(r"[^\W_]+", text))


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        # Review files are untrusted: no control character (a terminal escape) gets through.
        text = " ".join(_CONTROL.sub(" ", value).split())
        return text or None
    return None


def _name(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) if names else None
    if isinstance(value, dict):
        return _text(value.get("name")) or _text(value.get("alternateName"))
    return _text(value)


def _web_url(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    parts = urllib.parse.urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(c.isspace() or c in "<>\"'`\\" for c in value.strip()):
        return None
    return value.strip()


def _host(value: Any) -> str | None:
    url = _web_url(value)
    return urllib.parse.urlsplit(url).hostname if url else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


def _datetime(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.replace(microsecond=0)


# --------------------------------------------------------------------------- matching


def words(text: str) -> frozenset[str]:
    """The word set :func:`similarity` compares (see :data:`MATCH_THRESHOLD`)."""
    folded = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    out: set[str] = set()
    for word in _WORD.findall(plain):
        if word.endswith("n't"):
            # "didn't" says "did not": the negation must count as the word "not".
            out.update((word[:-3], "not"))
        else:
            out.update(part for part in word.split("'") if part)
    return frozenset(out)


def similarity(a: str | frozenset[str], b: str | frozenset[str]) -> float:
    """Dice similarity of two texts' word sets, 0.0 when they disagree on negation.

    See :data:`MATCH_THRESHOLD`.
    """
    wa = words(a) if isinstance(a, str) else a
    wb = words(b) if isinstance(b, str) else b
    if not wa or not wb or (wa & _NEGATIONS) != (wb & _NEGATIONS):
        return 0.0
    return 2 * len(wa & wb) / (len(wa) + len(wb))


class ClaimIndex:
    """Stored claim texts indexed by word, for finding the claims a review matches.

    Comparing a review with every claim would cost reviews x claims; the index only scores
    claims that share one of the review's rarest words (prefix filtering): a claim with Dice
    similarity t or more to a review of n words shares at least ``t * n / (2 - t)`` of its
    words, so it must contain one of the ``n - ceil(t * n / (2 - t)) + 1`` rarest.
    """

    def __init__(self, claims: Iterable[tuple[str, str]]) -> None:
        """Index ``(claim id, claim text)`` pairs."""
        self.texts: dict[str, str] = {}
        self.words: dict[str, frozenset[str]] = {}
        self.postings: dict[str, list[str]] = defaultdict(list)
        for cid, text in claims:
            ws = words(text)
            if not ws:
                continue
            self.texts[cid] = text
            self.words[cid] = ws
            for w in ws:
                self.postings[w].append(cid)

    def search(self, text: str, threshold: float = MATCH_THRESHOLD) -> list[tuple[str, float]]:
        """Claims whose similarity to ``text`` is at least ``threshold``, best first."""
        ws = words(text)
        if not ws:
            return []
        # A tiny epsilon keeps exact fractions such as 8/10 from being lost to rounding.
        need = max(1, math.ceil(threshold * len(ws) / (2 - threshold) - 1e-9))
        rarest = sorted(ws, key=lambda w: (len(self.postings.get(w, ())), w))
        candidates: set[str] = set()
        for w in rarest[: len(ws) - need + 1]:
            candidates.update(self.postings.get(w, ()))
        scored = [(cid, similarity(ws, self.words[cid])) for cid in candidates]
        hits = [(cid, s) for cid, s in scored if s + 1e-9 >= threshold]
        return sorted(hits, key=lambda h: (-h[1], h[0]))


def match_reviews(
    store: Store, reviews: Sequence[Review], *, threshold: float = MATCH_THRESHOLD
) -> MatchResult:
    """Find the stored claims each review's statement matches.

    Args:
        store: the open store.
        reviews: the reviews read by :func:`load_reviews`.
        threshold: smallest similarity that matches (see :data:`MATCH_THRESHOLD`).

    Returns:
        Every (review, claim) match, best first within a review; the reviews that matched no
        claim; the reviews whose rating is not understood (never matched).
    """
    result = MatchResult()
    rated = [r for r in reviews if r.rating is not None]
    result.unrated = [r for r in reviews if r.rating is None]
    if not rated:
        return result
    index = ClaimIndex(store.claim_texts())
    for review in rated:
        hits = index.search(review.claim_reviewed, threshold)
        if not hits:
            result.unmatched.append(review)
        for cid, score in hits:
            result.matches.append(ReviewMatch(review, cid, index.texts[cid], score))
    return result


def attach(store: Store, matches: Sequence[ReviewMatch]) -> AttachReport:
    """Store the verdict of every match, in one transaction.

    Verdicts are appended oldest review first, so that the most recent review is a claim's
    current verdict. A review already attached to a claim (same reviewer, rating and review URL)
    is not attached twice.
    """
    report = AttachReport()
    ordered = sorted(
        matches,
        key=lambda m: (
            m.review.published or dt.datetime.max.replace(tzinfo=dt.timezone.utc),
            m.review.source,
            m.review.position,
        ),
    )
    with store.transaction():
        for match in ordered:
            verdict = match.review.verdict(match.claim)
            if _attached(store, verdict) or not store.add_verdict(verdict):
                report.already += 1
                continue
            report.attached += 1
            report.claims.add(match.claim)
    return report


def _attached(store: Store, verdict: Verdict) -> bool:
    return any(
        v.origin == "claimreview"
        and (v.by, v.rating, v.url, v.explanation)
        == (verdict.by, verdict.rating, verdict.url, verdict.explanation)
        for v in store.verdicts(verdict.claim)
    )
