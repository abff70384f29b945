"""When did the reported event happen? A date window from a claim's words and the article date.

News claims rarely carry a full date; they say "overnight", "on Friday", "yesterday". Resolved
against the document's publication date these become a window ``[earliest, latest]``:

=========================  ===================================================================
expression                 window (``pub`` = publication date)
=========================  ===================================================================
overnight, last night      ``[pub - 1, pub]`` (the night before publication)
today, this morning, ...   ``[pub, pub]``
yesterday                  ``[pub - 1, pub - 1]``
on Friday, Friday morning  the most recent Friday on or before ``pub``
last Friday                the most recent Friday strictly before ``pub``
N days ago                 ``[pub - N, pub - N]``
this week                  ``[Monday of pub's week, pub]``
last week                  the previous Monday-to-Sunday week
September 7, 2023          that day; without a year, the most recent such day on or before pub
in March, last month       that month (claim text only: too vague to take from the context)
last year, in 2023         that year (claim text only)
nothing said               ``[pub - 3, pub]`` (:data:`DEFAULT_DAYS`), or unknown without ``pub``
=========================  ===================================================================

Expressions are looked for in the claim's text first; only when it says nothing is the sentence
around it consulted (day-level expressions only), so that "in June" elsewhere in the sentence
does not move the claim. Several expressions in one text give the window spanning them all
("overnight and on Friday morning").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DEFAULT_DAYS", "DateWindow", "document_date", "event_date", "event_window"]

DEFAULT_DAYS = 3
"""Width of the window assumed when a claim says nothing about when: news reports what
happened in the last few days."""

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _name:
        _MONTHS[_name.lower()] = _i
        _MONTHS[_name[:3].lower()] = _i
_MONTHS["sept"] = 9

_MONTH_RE = (
    r"(?P<month>january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}

_ISO_DATE = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_MONTH_DAY = re.compile(
    rf"\b{_MONTH_RE}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}})\b)?",
    re.IGNORECASE,
)
_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+(?P<year>\d{{4}})\b)?",
    re.IGNORECASE,
)
_MONTH_ONLY = re.compile(
    rf"\b(?:in|since|during|early|late|mid|last|this)[\s-]+{_MONTH_RE}\b(?!\s+\d)(?:\s+(?P<year>\d{{4}}))?",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(
    r"\b(?P<last>last\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
_OVERNIGHT = re.compile(r"\b(?:overnight|last\s+night|during\s+the\s+night)\b", re.IGNORECASE)
_TODAY = re.compile(
    r"\b(?:today|this\s+(?:morning|afternoon|evening)|earlier\s+today|tonight)\b", re.IGNORECASE
)
_YESTERDAY = re.compile(r"\byesterday\b", re.IGNORECASE)
_DAYS_AGO = re.compile(r"\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven)\s+days?\s+ago\b", re.I)
_THIS_WEEK = re.compile(r"\b(?:this|earlier\s+this)\s+week\b", re.IGNORECASE)
_LAST_WEEK = re.compile(r"\blast\s+week\b", re.IGNORECASE)
_LAST_MONTH = re.compile(r"\blast\s+month\b", re.IGNORECASE)
_THIS_MONTH = re.compile(r"\b(?:this|earlier\s+this)\s+month\b", re.IGNORECASE)
_LAST_YEAR = re.compile(r"\blast\s+year\b", re.IGNORECASE)
_IN_YEAR = re.compile(r"\b(?:in|since|during)\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)

# Every expression above contains one of these words or numbers: a text without any is
# skipped in one test instead of fifteen scans (see _may_say_when). Days relative to the
# publication ("overnight", "this morning", "yesterday", "on Friday", "3 days ago") all
# contain one of the first five.
_DAY_WORDS = ("day", "night", "morning", "afternoon", "evening")
_HINT_WORDS = (
    *_DAY_WORDS, "week", "month", "year",
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)  # fmt: skip
_DAY_WORD = re.compile("|".join(_DAY_WORDS), re.IGNORECASE)
_HINT_WORD = re.compile("|".join(_HINT_WORDS), re.IGNORECASE)
_HINT_NUMBER = re.compile(r"(?:19|20)\d\d|\d{4}-\d")
# Full dates all have digits: most texts have none, and one scan for a digit is cheaper than
# three for dates.
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class DateWindow:
    """An inclusive range of days in which the event happened, and what it was read from."""

    earliest: dt.date
    latest: dt.date
    basis: str = "default"

    def overlaps(self, other: DateWindow) -> bool:
        """True when the two windows share at least one day."""
        return self.earliest <= other.latest and other.earliest <= self.latest

    def days(self) -> int:
        """Number of days in the window."""
        return (self.latest - self.earliest).days + 1

    def label(self) -> str:
        """``2024-04-05`` for one day, ``2024-04-04..2024-04-05`` for a range."""
        if self.earliest == self.latest:
            return self.earliest.isoformat()
        return f"{self.earliest.isoformat()}..{self.latest.isoformat()}"


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_day(month: int, day: int, year: int | None, pub: dt.date | None) -> dt.date | None:
    if year is not None:
        return _safe_date(year, month, day)
    if pub is None:
        return None
    # Without a year: the most recent such day on or before publication.
    for y in (pub.year, pub.year - 1):
        d = _safe_date(y, month, day)
        if d is not None and d <= pub:
            return d
    return None


def _month_window(month: int, year: int | None, pub: dt.date | None) -> tuple[dt.date, dt.date]:
    if year is None:
        if pub is None:
            raise LookupError
        year = pub.year if month <= pub.month else pub.year - 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


def _explicit_dates(text: str, pub: dt.date | None) -> list[tuple[dt.date, dt.date, str]]:
    found: list[tuple[dt.date, dt.date, str]] = []
    if _DIGIT.search(text) is None:
        return found
    for m in _ISO_DATE.finditer(text):
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if d is not None:
            found.append((d, d, m.group()))
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        for m in pattern.finditer(text):
            year = int(m["year"]) if m["year"] else None
            d = _month_day(_MONTHS[m["month"].casefold()], int(m["day"]), year, pub)
            if d is not None:
                found.append((d, d, m.group()))
    return found


def _has_word(text: str, words: tuple[str, ...], pattern: re.Pattern[str]) -> bool:
    """Whether ``text`` has one of ``words`` in any case, as ``pattern``, their case-blind
    alternation, finds.

    In ASCII text that is a substring test of its lower-case copy, several times faster than
    the pattern (the regex engine tries each alternative at each position); other text is left
    to the pattern, whose case folding also knows letters such as the Kelvin sign.
    """
    if text.isascii():
        low = text.lower()
        return any(word in low for word in words)
    return pattern.search(text) is not None


def _may_say_when(text: str) -> bool:
    """Whether ``text`` may hold a date expression: it has a word or number of the hint."""
    return _has_word(text, _HINT_WORDS, _HINT_WORD) or _HINT_NUMBER.search(text) is not None


def _day_level(text: str, pub: dt.date | None) -> list[tuple[dt.date, dt.date, str]]:
    """Expressions that pin the event to a day or two (in a text :func:`_may_say_when`)."""
    found = _explicit_dates(text, pub)
    if pub is None or not _has_word(text, _DAY_WORDS, _DAY_WORD):
        return found
    one = dt.timedelta(days=1)
    for m in _OVERNIGHT.finditer(text):
        found.append((pub - one, pub, m.group()))
    for m in _TODAY.finditer(text):
        found.append((pub, pub, m.group()))
    for m in _YESTERDAY.finditer(text):
        found.append((pub - one, pub - one, m.group()))
    for m in _DAYS_AGO.finditer(text):
        raw = m["n"].lower()
        n = _NUMBER_WORDS[raw] if raw in _NUMBER_WORDS else int(raw)
        d = pub - dt.timedelta(days=n)
        found.append((d, d, m.group()))
    for m in _WEEKDAY.finditer(text):
        back = (pub.weekday() - _WEEKDAYS[m["wd"].lower()]) % 7
        if m["last"] and back == 0:
            back = 7
        d = pub - dt.timedelta(days=back)
        found.append((d, d, m.group()))
    return found


def _vague_level(text: str, pub: dt.date | None) -> list[tuple[dt.date, dt.date, str]]:
    """Week-, month- and year-level expressions (only trusted inside the claim itself; in a
    text :func:`_may_say_when`)."""
    found: list[tuple[dt.date, dt.date, str]] = []
    for m in _MONTH_ONLY.finditer(text):
        year = int(m["year"]) if m["year"] else None
        try:
            lo, hi = _month_window(_MONTHS[m["month"].casefold()], year, pub)
        except LookupError:
            continue
        found.append((lo, hi, m.group()))
    for m in _IN_YEAR.finditer(text):
        y = int(m["year"])
        found.append((dt.date(y, 1, 1), dt.date(y, 12, 31), m.group()))
    if pub is None:
        return found
    monday = pub - dt.timedelta(days=pub.weekday())
    for m in _THIS_WEEK.finditer(text):
        found.append((monday, pub, m.group()))
    for m in _LAST_WEEK.finditer(text):
        found.append((monday - dt.timedelta(days=7), monday - dt.timedelta(days=1), m.group()))
    for m in _THIS_MONTH.finditer(text):
        found.append((pub.replace(day=1), pub, m.group()))
    for m in _LAST_MONTH.finditer(text):
        end = pub.replace(day=1) - dt.timedelta(days=1)
        found.append((end.replace(day=1), end, m.group()))
    for m in _LAST_YEAR.finditer(text):
        found.append((dt.date(pub.year - 1, 1, 1), dt.date(pub.year - 1, 12, 31), m.group()))
    return found


def _hull(found: list[tuple[dt.date, dt.date, str]], where: str) -> DateWindow:
    lo = min(f[0] for f in found)
    hi = max(f[1] for f in found)
    said = ", ".join(dict.fromkeys(f[2].strip() for f in found))
    return DateWindow(lo, hi, f"{where}: {said}")


def event_window(
    text: str,
    published: dt.date | None,
    *,
    sentence: str | None = None,
    default_days: int = DEFAULT_DAYS,
) -> DateWindow | None:
    """The window of days in which the event a claim reports happened.

    Args:
        text: the claim's text (its reported content).
        published: the document's publication date, if known.
        sentence: the sentence (or paragraph) the claim stands in, consulted for day-level
            expressions when the claim's text says nothing.
        default_days: width of the default window when nothing is said.

    Returns:
        The window, or ``None`` when nothing is said and the publication date is unknown.
    """
    try:
        if _may_say_when(text):
            found = _day_level(text, published) + _vague_level(text, published)
            if found:
                return _hull(found, "claim")
        if sentence and _may_say_when(sentence):
            found = _day_level(sentence, published)
            if found:
                return _hull(found, "sentence")
    except (ValueError, OverflowError):  # absurd dates ("year 0"): treat as not said
        pass
    if published is None:
        return None
    start = published - dt.timedelta(days=max(default_days, 0))
    return DateWindow(start, published, f"default: {default_days} days before publication")


def event_date(
    text: str, published: dt.date | None, *, sentence: str | None = None
) -> dt.date | None:
    """The single day of the event when the words pin it down (for ``Claim.event_date``).

    A window of one day ("yesterday", "on Friday", "September 7") gives that day; wider
    windows ("overnight" spans two dates) and the default window give ``None``.
    """
    w = event_window(text, published, sentence=sentence)
    if w is None or w.basis.startswith("default"):
        return None
    if w.earliest == w.latest:
        return w.earliest
    return None


def document_date(text: str) -> dt.date | None:
    """The latest full date (with a year) written in a text: a lower bound of its publication
    date when none was given, useful to order documents; ``None`` when the text has none."""
    found = [f[0] for f in _explicit_dates(text, None)]
    return max(found) if found else None
