"""Figures an article states (money, percentages, counts) and the parts-vs-total check.

A claim is a figure normalised to base units ("$70 billion" -> 7e10 USD,
"7.5 per cent" -> 7.5 %, "1,200 jobs" -> 1200 jobs), with what it is about
(`subject`) and when (`period`), read by rules from its sentence.

Choices (documented here because readers of the output depend on them):
- Money: a currency symbol or code before the amount ("$", "US$", "Mex$", "€",
  "Rs", "₹", "Rp", "KSh", "Sh", "kr", "CFA", "₦", "USD", "AED 600 million",
  "KHR 4,000") or a currency word or code after it ("dollars", "euros",
  "riels", "kip", "Norwegian crowns", "Cambodian riels", "45 million USD",
  "40 billion LAK"), also joined by hyphens ("1.2-billion-dollar",
  "$5-million"). `unit` is the ISO 4217 code. Codes, symbols and words are in
  `currencies.py`: any ISO 4217 code of the registry counts; codes that are
  English words count only before a scale word or grouped digits that count
  nothing ("COP 9.4 trillion", "COP 45,000"; not "COP 28", "ALL 3,000
  members"), and abbreviations ("AMD", "CVE", "SDG" ...) only so and in a
  story whose own currency they are. Signs that write one small currency
  count everywhere ("F$", "J$", "EC$", "52,000 Kč", "3,400 zł"); signs that
  are other words elsewhere count only in a story set where they write the
  money ("K38.6 billion" in Zambia or Papua New Guinea, "Q40,000" in
  Guatemala, "JD 450 million" in Jordan, "245,000 Ft" in Hungary; see
  `currencies.LOCAL_PREFIXES`), a one-letter one with a scale word or
  grouped digits too ("K5" is no money anywhere). "$"
  alone is USD, "¥" alone JPY; words shared by several countries (peso, som,
  crown, rupee, shilling, dinar, franc, CFA franc, rial, kwacha, manat ...)
  and the bare "Sh"/"Shs"/"kr"/"CFA" prefixes take the story's own country's
  money when the word is one of its names, else the country the article
  names most, else a default (MXN, KGS, SEK, INR, KES, none, CHF, XOF); a
  nationality before the word names its country's money ("Malawian
  kwacha"). One-letter
  prefixes (R, N) need a scale word or grouped digits ("R42 million",
  "N250,000"; "N95" is a mask). Pence ("95p") are GBP/100. A price per unit
  ("$13,900 per tonne", "9 crowns per share") is money in its currency; it is
  never summed as a part or a total.
- Amounts in words: number words ("twelve million dollars", "three point four
  million euros", "two hundred thousand CFA francs") and fractions of a
  scale word ("half a million people", "a quarter of a billion dollars",
  "one and a half million"); a fraction
  without a scale word ("a third of voters", "half the budget") is a share,
  not a claim.
- Ranges: both ends are claims, each with the unit and scale written at the
  end ("$3-4 billion" -> 3e9 and 4e9 USD; "between 20 and 25 per cent";
  "from 3% to 5%"; counts only with "to" or "between … and": "between 300 and
  400 municipalities"). No low/high pair: a range is two figures as written.
- Approximation words before a figure ("nearly", "about", "some", "more than",
  "up to", "an estimated" ...) are kept in the claim's `text` ("nearly $5
  billion"); `value` is the number written.
- Percentages: "%", "percent", "per cent", "pc" (unit "%"); changes in
  percentage points (unit "pp"; basis points are hundredths of a point, so
  "25 basis points" is 0.25 pp; "a quarter of a percentage point" is 0.25).
- Counts: a number from two up (digits, words "two".."ninety-nine", "seven
  thousand", "a million") followed by what is counted, with up to three
  modifiers between ("1,200 new jobs", "120 parking spaces"); unit = the last
  word, plural. Also counts whose noun is implied by a count just before in
  the sentence ("14 people died: eight in Kisumu, four in Kericho", "by 84 votes
  to 64", "Eleven of the 29 individuals", "voted 31 to 4" -> votes, "hired
  2,600 workers and plans to add another 1,500 next year", "400,000 people …,
  up from 310,000"), by a measure ("visitor numbers passed 980,000",
  "the number of visitors reached …"), or by a count earlier in the paragraph
  that a figure restates ("142 estates were shut. The planters put the figure
  at 96"). Not counts:
  years, dates, times, durations ("three days", "two summers"), ages
  ("45-year-old", "aged 45"), measurements (hectares, kilometres, tonnes, kilos,
  megawatts, degrees ...), multipliers ("three times"), ratios ("one in five"),
  "one", numbers inside names ("Group of Seven", "Route 66", "Boeing 737",
  "iPhone 15", "Covid-19", "G7"), an age between commas or brackets after a
  name ("Hatice Korkmaz, 38,"), numbers with a leading zero (phone numbers),
  and small number words after "our" or "your" ("our two countries"), a
  speaker's set phrase. After other determiners a number still counts ("the
  two new lines", "its four shafts", "one of the two villages"): every
  labelled set of `bench/enrich_eval/` counts them.
- Subject, first rule that applies: money qualifying a noun after a
  determiner ("a Sh4.2 trillion budget") or a noun and "of" before it ("a
  record budget of Shs72.4 trillion") -> that noun ("budget");
  "<subject> hit/rose to/reached/won/paid <figure>"
  -> the head of the clause's subject ("Bilateral trade between China and
  Central Asia hit" -> "bilateral trade"), read after any "X said (on
  Tuesday) (that)", "when", "because" and any figure before it, without
  auxiliaries ("the board said the work would cost" -> "work"; "a kilo when
  the Vietnamese buyers pay" -> "Vietnamese buyers"); "X with/at <figure>" -> the entity
  or words before "with/at"; "<figure> (will come) from/for/in/to X" -> X;
  else the nearest place, organisation or person before the figure in its
  clause (not one that only says it: "AFAD said 212 buildings"); else None.
- Period: the period phrase nearest the figure in its sentence, without its
  preposition ("last year", "2023", "first quarter", "the January-March
  period"); a figure in a sentence without one takes the period of the
  previous figure of the same kind and unit in its paragraph (lists run on).

`parts_checks` finds a stated total and its parts and reports whether they add
up; with no total-and-parts structure it returns no check (a total named
alone is not worth a `not-checkable` line). See its docstring for the rules.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterable, NamedTuple

from ..model import Check, Claim, Entity
from .currencies import (ABBREVIATION_CODES, ANY_LOCAL_SIGN, CURRENCY_WORDS, DOLLAR_CODES, LOCAL_PREFIXES,
                         LOCAL_SUFFIXES, ONE_LETTER_SIGNS, OWN_KEY, QUALIFIED_BY_STORY, SHARED_SYMBOLS, SUBUNITS,
                         SYMBOLS, WORD_CODES, WORD_FORMS, codes_of, country_currency, is_currency_code, local_signs,
                         prefix_key, qualified_currency, suffix_key)
from .gazetteer import demonym_words
from .quotes import sentence_spans
from .rules import LEADING_STOP

__all__ = ["find_claims", "parts_checks", "figures_of"]

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_UNIT_WORDS = ("two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
               "seventeen eighteen nineteen").split()
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_DIGIT_WORDS = "zero one two three four five six seven eight nine".split()
_WORD_INTEGER = (rf"(?:(?:{'|'.join(_TENS_WORDS)})(?:[-\s](?:one|{'|'.join(_UNIT_WORDS[:8])}))?|"
                 rf"{'|'.join(_UNIT_WORDS)}|a dozen|dozen|one|an?)")
# "three point four": a decimal written in words; "two hundred (and fifty)": hundreds, which a scale word may
# follow ("two hundred thousand CFA francs").
_WORD_HUNDREDS = (rf"(?:{_WORD_INTEGER})\s+hundred(?:\s+(?:and\s+)?(?:(?:{'|'.join(_TENS_WORDS)})"
                  rf"(?:[-\s](?:one|{'|'.join(_UNIT_WORDS[:8])}))?|{'|'.join(_UNIT_WORDS)}|one))?")
_WORD_NUMBER = (rf"(?:{_WORD_HUNDREDS}|(?:{_WORD_INTEGER}|zero)\s+point(?:\s+(?:{'|'.join(_DIGIT_WORDS)}))+|"
                rf"{_WORD_INTEGER})")
_NO_WORDS = "(?!)"  # matches nothing: stands for the number words in a pattern's digits-only variant


class _NumberPattern(NamedTuple):
    """A pattern that reads numbers in digits or words, and its variant for digits only. Scanning for number
    words at every position is what makes these patterns slow; in a paragraph where `_has_number_words` finds
    none, the variant finds the same figures (a bare "a"/"an", the only word left, is never an amount without
    a scale word after it, and consumes nothing another match could start in)."""

    digits: re.Pattern
    words: re.Pattern
    digit_led: bool  # every match of `digits` starts at a digit that follows no word character

    @classmethod
    def of(cls, template: str, flags: int = 0, digit_led: bool = False) -> _NumberPattern:
        """`template` with <INTEGER> and <NUMBER> where `_WORD_INTEGER` and `_WORD_NUMBER` go."""
        return cls(re.compile(template.replace("<INTEGER>", _NO_WORDS).replace("<NUMBER>", _NO_WORDS), flags),
                   re.compile(template.replace("<INTEGER>", _WORD_INTEGER).replace("<NUMBER>", _WORD_NUMBER),
                              flags), digit_led)

    def finditer(self, paragraph: str, wordy: bool) -> Iterable[re.Match]:
        if wordy:
            return self.words.finditer(paragraph)
        return _at_digit_runs(self.digits, paragraph) if self.digit_led else self.digits.finditer(paragraph)


_DIGIT_RUN = re.compile(r"\d+")


def _at_digit_runs(pattern: re.Pattern, paragraph: str) -> list[re.Match]:
    """`pattern.finditer(paragraph)` for a pattern whose matches start at a digit that follows no word character,
    so only at the start of a run of digits: trying it there alone is several times faster than its own scan,
    which enters the pattern at every position (a leading lookbehind defeats the scanner's quick skip)."""
    found, reached = [], 0
    for run in _DIGIT_RUN.finditer(paragraph):
        if run.start() >= reached:
            match = pattern.match(paragraph, run.start())
            if match:
                found.append(match)
                reached = match.end()
    return found


_WORD_VALUES = {word: float(value) for value, word in enumerate(["zero", "one", *_UNIT_WORDS])} | {
    word: float(10 * (value + 2)) for value, word in enumerate(_TENS_WORDS)} | {"a": 1.0, "an": 1.0, "dozen": 12.0}
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9,
           "b": 1e9, "trillion": 1e12, "tn": 1e12, "crore": 1e7, "lakh": 1e5, "hundred": 1e2}
_WORD_SCALE = r"thousand|million|billion|trillion|crore|lakh"

# Where a three-capital word is read as a currency code (validated against `is_currency_code`, so no pattern of
# every code): before or after an amount.
_CODE_SHAPE = r"(?-i:[A-Z]{3})"
_PREFIX = "|".join([*sorted((re.escape(s) for s in {*SYMBOLS, *SHARED_SYMBOLS, *LOCAL_PREFIXES}), key=len,
                            reverse=True), _CODE_SHAPE])
_CUE_PATTERNS = {cue: re.compile(rf"\b(?:{cue})")
                 for _default, cues in CURRENCY_WORDS.values() for cue, _code in cues}
# The literal start of each alternative ("mali\\b" -> "mali"): a match needs one of them in the text.
_CUE_STEMS = {cue: tuple(part.split("\\")[0] for part in cue.split("|")) for cue in _CUE_PATTERNS}
# A nationality or place before the currency word: "Norwegian crowns", "CFA francs", "Kenya shillings".
_QUALIFIER = r"(?-i:U\.S\.|[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*)?)"
# Longest first, so that "pounds" is not read as "pound" and a following "s".
_CURRENCY_WORD = "(?:" + "|".join(sorted((re.escape(form).replace("\\ ", r"\s+") for form in WORD_FORMS),
                                         key=len, reverse=True)) + r")(?:\s+sterling)?"
_RATE = (r"(?P<rate>\s(?:per|a|an)\s(?:tonne|ton|metric ton|barrel|share|ounce|month|year|day|hour|kilogram|kg|"
         r"litre|liter|gallon|head|person|capita|week|unit|night|adult|child|square metre|square meter|"
         r"megawatt-hour|MWh)\b(?!\s+(?:earlier|ago|before|later|on)\b))?")  # "$8bn a year earlier" is no rate
_MONEY_BEFORE = re.compile(
    rf"(?<![\w$])(?P<cur>{_PREFIX})\s?(?P<num>{_DIGITS})(?:\s?-?(?P<scale>{_WORD_SCALE}|bn|mn|mln|tn|m|b|k)\b)?"
    rf"{_RATE}")
_MONEY_AFTER = _NumberPattern.of(
    rf"(?<![\w$.,])(?P<num>{_DIGITS}|<NUMBER>)(?:\s?-?(?P<scale>{_WORD_SCALE}|bn|mn|mln|tn|m)\b)?[\s-]"
    rf"(?:(?P<qual>{_QUALIFIER})\s)?(?P<word>{_CURRENCY_WORD}|{_CODE_SHAPE})\b{_RATE}",
    re.IGNORECASE, digit_led=True)
# The first half of a range takes the second's currency and scale: "$5-6 billion", "between 5 and 7 percent".
_RANGE_LINK = rf"(?:-|–|to|and|or)\s?(?:{_PREFIX})?\s?$"
_RANGE_HEAD = re.compile(rf"(?<![\w$.,])(?P<cur>{_PREFIX})?\s?(?P<num>{_DIGITS}|{_WORD_NUMBER})\s?{_RANGE_LINK}",
                         re.IGNORECASE)
# How every range head ends, in a dozen characters at most: looked for there first, since most figures have no
# head and a failing search for the whole head tries each of the forty characters before the figure.
_RANGE_LINK_END = re.compile(_RANGE_LINK, re.IGNORECASE)
_RANGE_LINK_REACH = 3 + 1 + max(len(symbol) for symbol in [*SYMBOLS, *SHARED_SYMBOLS, *LOCAL_PREFIXES, "XXX"]) + 1
# A sign after the amount that is money only in the story's country ("245,000 Ft" in Budapest): case-sensitive.
_LOCAL_SUFFIX = re.compile(
    rf"(?<![\w$.,])(?P<num>{_DIGITS})(?:\s?-?(?P<scale>{_WORD_SCALE}|bn|mn|m)\b)?\s?"
    rf"(?P<sign>{'|'.join(sorted(map(re.escape, LOCAL_SUFFIXES), key=len, reverse=True))})(?!\w){_RATE}")
_BARE_SCALED = re.compile(rf"(?P<num>{_DIGITS})\s?(?P<scale>{_WORD_SCALE}|bn|mn|mln|tn)\b")
_SCALED_TAIL = re.compile(rf"\s?(?:-|–|to)\s?{_DIGITS}\s?(?:{_WORD_SCALE}|bn|mn|mln|tn)\b")
# A sign right before the number ("-1.5%", "−0.2%", "minus 0.4%"), but not the dash of a range ("5-7%").
_PERCENT = _NumberPattern.of(
    rf"(?:(?P<neg>(?<![\w.,%)−-])[-−](?=\d)|\b(?:minus|negative)\s+))?"
    rf"(?<![\w$.,])(?P<num>{_DIGITS}|<NUMBER>)\s?-?(?P<sign>%|per\s?cent\b|percent\b|pc\b|"
    r"percentage[\s-]points?\b|basis[\s-]points?\b)", re.IGNORECASE)
# Cheap tests that let most paragraphs skip the costlier patterns: a set lookup on their words.
_WORD = re.compile(r"[a-z]+")
_NUMBER_TOKENS = frozenset([*_UNIT_WORDS, *_TENS_WORDS, "dozen", "thousand", "million", "billion", "trillion",
                            "crore", "lakh", "quarter", "half", "third"])
# The currency words cut into letter runs the way a paragraph's words are ("guaraní" -> "guaran"): a paragraph
# with none of them and no currency code has no currency word to look for after its numbers.
_CURRENCY_TOKENS = frozenset(token for form in WORD_FORMS for token in re.findall(r"[a-z]+", form))
_DIGIT = re.compile(r"\d")
_SCALE_TOKENS = frozenset(("thousand", "million", "billion", "trillion"))
_FRACTION_TOKENS = frozenset(("half", "quarter", "quarters", "third", "thirds"))
# A word of three capitals; written to open on a class of characters so the scanner skips to the next capital.
_CAPITALS3 = re.compile(r"[A-Z](?<![\w][A-Z])[A-Z]{2}(?!\w)")
_PENCE = re.compile(r"(?<![\w$.,£])(?P<num>\d+(?:\.\d+)?)(?:p|\s?pence)\b" + _RATE)  # "95p", "145.3p": hundredths of a pound
_FRACTION_POINT = re.compile(r"\b(?P<frac>a quarter|a half|half|three quarters|a third|two thirds)\s+(?:of\s+)?"
                             r"(?:a\s+)?percentage[\s-]point\b", re.IGNORECASE)
_FRACTIONS = {"a quarter": 0.25, "a half": 0.5, "half": 0.5, "three quarters": 0.75, "a third": 1 / 3,
              "two thirds": 2 / 3}
# A fraction of a scale word: "half a million", "a quarter of a billion", "one and a half million". A fraction
# alone ("a third of voters", "half the budget") is a share, not an amount, so the scale word is required.
_SCALED_FRACTION = re.compile(
    rf"(?<![\w$.,])(?:(?P<whole>{_DIGITS}|{_WORD_INTEGER})\s+and\s+(?P<part>a\s+half|a\s+quarter|three\s+quarters)"
    r"|(?P<frac>a\s+half|half|a\s+quarter|one\s+quarter|three\s+quarters|a\s+third|one\s+third|two\s+thirds)"
    r"(?:\s+of)?\s+an?)\s+(?P<scale>thousand|million|billion|trillion)\b", re.IGNORECASE)
_FRACTION_VALUES = {"half": 0.5, "a half": 0.5, "a quarter": 0.25, "one quarter": 0.25, "three quarters": 0.75,
                    "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3}
_CURRENCY_AFTER = re.compile(rf"\s(?:(?P<qual>{_QUALIFIER})\s)?(?P<word>{_CURRENCY_WORD})\b", re.IGNORECASE)
# "1.5m residents": a scale letter joined to the digits counts too (a plural noun must follow; see `_counts`).
_NUMBER = _NumberPattern.of(
    rf"(?<![\w$€£¥.,/:-])(?P<num>{_DIGITS}|<INTEGER>)"
    rf"(?:[\s-](?P<scale>hundred(?:[\s-](?:{_WORD_SCALE}))?|{_WORD_SCALE})\b|"
    r"(?<=\d)(?P<abbr>m|bn)(?=\s))?(?![\w:/]|[.,]\d)", re.IGNORECASE, digit_led=True)

_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
# Nouns after a number that make it no count: time spans, measures, multipliers.
_NOT_COUNTED = frozenset((
    "second seconds minute minutes hour hours day days week weeks month months year years decade decades century "
    "centuries millennia night nights morning mornings evening evenings weekend weekends summer summers winter "
    "winters spring springs autumn autumns season seasons term terms times percent per cent years-old pm am a.m. "
    "p.m. hectares hectare acres acre kilometres kilometre kilometers kilometer km kms miles mile metres metre "
    "meters meter m cm mm feet foot ft inches inch yards kilograms kilogram kg kgs grams gram tonnes tonne tons "
    "ton pounds lbs ounces litres litre liters liter gallons barrels megawatts megawatt mw gigawatts gigawatt gw "
    "kilowatts kw kwh mwh twh degrees degree knots mph kph km/h volts calories points magnitude storeys stories "
    "floors cubic square dram drams kilo kilos kilogrammes kilogramme grammes gramme").split())
_IRREGULAR_NOUNS = frozenset("people children men women police personnel staff cattle sheep fish aircraft livestock "
                             "deer troops".split())
_NOT_PLURAL = frozenset(
    "was has is its this his us as less across unless always perhaps whereas yes besides towards afterwards "
    "news series does goes thus plus minus versus various previous famous serious dangerous".split())
_NOT_MODIFIERS = frozenset(
    "the a an of to in on at by for from with and or but than that which who were was are is had have has will "
    "would could should may might be been being not no more less per each every them those these their its his "
    "her our your my as into over under about after before between during".split())
_PERIOD_OPENERS = frozenset("next last this".split())
_DEFINITE = frozenset("the our their these those both its his her my your all".split())
_QUANTIFIERS = frozenset(
    "about some nearly around almost over more than fewer less at only just roughly approximately an "
    "estimated and or to with of by least up between from".split())
# Before a four-digit number, these make it an amount ("some 2000 people") rather than a year ("by 2032").
_APPROXIMATELY = frozenset("about some nearly around almost over than fewer roughly approximately estimated "
                           "least".split())
# Words before a bare number that make it an item of a list after a count ("eight in Kisumu, four in Kericho").
_LIST_LEADS = frozenset("and to or remaining another took won got secured while including but with holding held "
                        "housing hosting reached".split())


@dataclass(frozen=True)
class _Figure:
    start: int
    end: int
    kind: str
    value: float
    unit: str | None
    scale: float = 1.0  # the written scale word's factor ("billion": 1e9), for ranges


def find_claims(paragraphs: list[str], entities: list[Entity]) -> list[Claim]:
    """Money, percentages and counts in reading order, with subject and period."""
    mentions = _mentions_by_paragraph(paragraphs, entities)
    currencies = local_currencies(paragraphs, article_country(entities))
    claims: list[Claim] = []
    for index, paragraph in enumerate(paragraphs):
        claims.extend(_paragraph_claims(index, paragraph, currencies, mentions.get(index, [])))
    return _ones_named(claims)


def _ones_named(claims: list[Claim]) -> list[Claim]:
    """'90 long trams and 50 shorter ones': 'ones' counts the noun of the count before it."""
    named: list[Claim] = []
    for claim in claims:
        if claim.kind == "count" and claim.unit == "ones":
            earlier = next((c for c in reversed(named) if c.kind == "count" and c.unit != "ones"), None)
            claim = replace(claim, unit=earlier.unit) if earlier else claim
        named.append(claim)
    return named


def _paragraph_claims(index: int, paragraph: str, currencies: dict[str, str | None],
                      mentions: list[tuple[int, int, Entity]]) -> list[Claim]:
    sentences = sentence_spans(paragraph)
    claims: list[Claim] = []
    periods: dict[tuple[int, int], list[re.Match]] = {}  # the period phrases of each sentence, found once
    previous_end = -1
    for figure in figures_of(paragraph, currencies, sentences):
        sentence = next(((s, e) for s, e in sentences if s <= figure.start < e), (0, len(paragraph)))
        if sentence not in periods:
            periods[sentence] = list(_PERIODS.finditer(paragraph, sentence[0], sentence[1]))
        period = _period(periods[sentence], figure) or _running_period(claims, figure)
        subject = _subject(paragraph, sentence, figure, mentions)
        if claims and _is_conversion(paragraph, previous_end, figure):
            subject, period = claims[-1].subject, claims[-1].period
        elif claims and subject is None and _continues(paragraph, previous_end, figure):
            subject = claims[-1].subject
        claims.append(Claim(text=paragraph[_approximation_start(paragraph, figure.start):figure.end],
                            kind=figure.kind, value=figure.value,
                            unit=figure.unit, subject=subject, period=period, paragraph=index))
        previous_end = figure.end
    return claims


# Words that say a figure is approximate or a bound; kept in the claim's text ("nearly $5 billion") because
# they are part of what the article states, while `value` stays the number written.
_APPROXIMATION = re.compile(
    r"(?:\b(?:nearly|almost|about|around|roughly|approximately|some|an estimated|more than|"
    r"less than|fewer than|(?:well |just )?(?:over|under)|up to|at least|at most|close to|as (?:much|many|little|few) "
    r"as|upwards of|in excess of))\s$", re.IGNORECASE)


def _approximation_start(paragraph: str, start: int) -> int:
    found = _APPROXIMATION.search(paragraph, max(0, start - 24), start)
    return found.start() if found else start


def _is_conversion(paragraph: str, previous_end: int, figure: _Figure) -> bool:
    """'2.4 billion euros ($2.6 billion)': a figure in brackets right after another restates it."""
    return previous_end >= 0 and re.fullmatch(r"\s*\(\s*(?:about|around|roughly|some|or)?\s*",
                                               paragraph[previous_end:figure.start]) is not None


def _continues(paragraph: str, previous_end: int, figure: _Figure) -> bool:
    """'rose 7.5 percent to $2.6bn': a figure joined to the previous one by 'to'/'from' is about the same thing."""
    return previous_end >= 0 and re.fullmatch(r"\s*,?\s*(?:to|from)\s+(?:a\s+record\s+|about\s+|around\s+)?",
                                               paragraph[previous_end:figure.start]) is not None


def _running_period(earlier: list[Claim], figure: _Figure) -> str | None:
    for claim in reversed(earlier):
        if claim.kind == figure.kind and claim.unit == figure.unit:
            return claim.period
    return None


def local_currencies(paragraphs: list[str], country: str | None = None) -> dict[str, str | None]:
    """For currency words shared by several countries: the money of the article's own country (`country`, see
    `article_country`) when that is one of the word's currencies, else the country the article names most."""
    text = " ".join(paragraphs).lower()
    chosen: dict[str, str | None] = {word: default for word, (default, _cues) in CURRENCY_WORDS.items()}
    own = country_currency(country)
    for word in {_shared_base(m.group(1)) for m in _SHARED_WORDS.finditer(text)}:  # only the words used
        cues = CURRENCY_WORDS[word][1]
        if own and own in codes_of(word):
            chosen[word] = own
            continue
        if word == "pound":
            continue  # "pounds" are sterling unless the story is set elsewhere: a British story seldom says Britain
        counts = Counter({code: _cue_count(cue, text) for cue, code in cues})
        best = counts.most_common(1)
        if best and best[0][1] > 0:
            chosen[word] = best[0][0]
    if own in DOLLAR_CODES and not _local_dollar_written(" ".join(paragraphs), own):
        chosen["dollar"] = chosen["cent"] = own  # never guessed from names alone: a US story may mention Canada
    chosen.update(local_signs(own))  # "K", "Q", "JD", "Ft": signs that write this story's money
    return chosen


def _cue_count(cue: str, text: str) -> int:
    """How often a country's names ('kenya|nairobi') start a word of the lower-cased text. A plain substring test
    first: most cues are absent, and it spares a scan of the whole article for each."""
    if not any(stem in text for stem in _CUE_STEMS[cue]):
        return 0
    return len(_CUE_PATTERNS[cue].findall(text))


def _local_dollar_written(text: str, code: str) -> bool:
    """'NT$95 billion ($2.9 billion)': a story that converts its own prefixed dollar into bare $ in brackets uses
    a bare $ for US ones. A prefix written once with no such conversion ("its C$48.5-million budget, of which
    $31.2 million ...") leaves the bare $ local."""
    prefixes = [re.escape(symbol) for symbol, symbol_code in SYMBOLS.items() if symbol_code == code and symbol != "$"]
    return bool(prefixes) and re.search(rf"(?:{'|'.join(prefixes)})\s?{_DIGITS}[^()]{{0,20}}\(\s*(?:about|around|"
                                        rf"roughly|some|or|US)?\s*\$", text) is not None


def article_country(entities: list[Entity]) -> str | None:
    """The country a story is set in: the one whose places it mentions most, the dateline's place (no mention in
    the body) counting double and winning a tie ("GUATEMALA CITY (AFP) - … migrants in the United States");
    other ties go to the place seen first."""
    weights: Counter = Counter()
    for entity in entities:
        if entity.type == "place" and entity.country:
            weights[entity.country] += len(entity.mentions) or 2.5  # the half only breaks ties
    return weights.most_common(1)[0][0] if weights else None


# Words that several countries' money goes by (the dollar aside, see `local_currencies`), and the prefixes that
# stand for them before a number ("Sh4.2 trillion", "Rs 450", "kr 700", "CFA 400").
_SHARED_FORMS = sorted((form for form, base in WORD_FORMS.items()
                        if base in CURRENCY_WORDS and len(codes_of(base)) > 1 and base not in ("dollar", "cent")),
                       key=len, reverse=True)
_SHARED_PREFIXES = {"sh": "shilling", "rs": "rupee", "dh": "dirham", "kr": "crown", "cfa": "cfa", "fcfa": "cfa"}
# The lookahead of first letters lets the scanner skip to them (a leading \b alone does not): half the time.
_SHARED_FIRST = "".join(sorted({form[0] for form in _SHARED_FORMS} | set("srdkcf")))
_SHARED_WORDS = re.compile(rf"(?=[{_SHARED_FIRST}])\b({'|'.join(map(re.escape, _SHARED_FORMS))}|"
                           r"sh(?=s?\s?\d)|rs(?=\.?\s?\d)|dh(?=s?\s?\d)|kr(?=\.?\s?\d)|f?cfa)")


def _shared_base(found: str) -> str:
    return WORD_FORMS.get(found) or _SHARED_PREFIXES[found]


# --- figures ------------------------------------------------------------------------------------------


def figures_of(paragraph: str, currencies: dict[str, str | None] | None = None,
               sentences: list[tuple[int, int]] | None = None) -> list[_Figure]:
    """Every money, percentage and count figure, left to right, none overlapping (money wins)."""
    words = frozenset(_WORD.findall(paragraph.lower()))
    if not _DIGIT.search(paragraph) and not words & _NUMBER_TOKENS:
        return []  # most paragraphs: no digit and no number word, nothing to scan for
    currencies = currencies if currencies is not None else local_currencies([paragraph])
    wordy = _has_number_words(paragraph)
    found = _with_range_heads(paragraph, _plain_figures(paragraph, currencies, words, wordy, with_counts=True))
    sentences = sentences if sentences is not None else sentence_spans(paragraph)
    found.extend(figure for figure in _implied_counts(paragraph, found, sentences, words, wordy)
                 if not _overlaps(figure, found))
    return sorted(found, key=lambda figure: figure.start)


def amount_spans(paragraph: str) -> list[tuple[int, int]]:
    """Where money and percentages stand, as `figures_of` finds them, for callers that need no more (the entity
    tagger drops names inside amounts). Counts are left out, which never moves an amount: they are found after
    it and never cover a range's first number; the currency is not resolved, which only names the unit."""
    words = frozenset(_WORD.findall(paragraph.lower()))
    if not _DIGIT.search(paragraph) and not words & _NUMBER_TOKENS:
        return []
    found = _with_range_heads(paragraph, _plain_figures(paragraph, ANY_LOCAL_SIGN, words,
                                                        _has_number_words(paragraph), with_counts=False))
    return sorted((figure.start, figure.end) for figure in found if figure.kind in ("money", "percent"))


# Where a number word or a scale word begins (on the lower-cased paragraph): with none, a paragraph is scanned
# with the digits-only patterns (see `_NumberPattern`). "a m"/"am" before a currency word reads as "a million".
_NUMBER_WORD_START = re.compile(
    rf"\b(?:{'|'.join([*_DIGIT_WORDS, *_UNIT_WORDS[8:], *_TENS_WORDS])}|dozen|hundred|{_WORD_SCALE})"
    r"|\ban?\s?-?(?:bn|mn|mln|tn|m)\b")


def _has_number_words(paragraph: str) -> bool:
    return _NUMBER_WORD_START.search(paragraph.lower()) is not None


def _plain_figures(paragraph: str, currencies: dict[str, str | None], words: frozenset[str], wordy: bool,
                   with_counts: bool) -> list[_Figure]:
    """Money, percentages and (`with_counts`) counts, none overlapping: earlier kinds win."""
    found: list[_Figure] = []
    passes = [_money(paragraph, currencies, words, wordy), _percentages(paragraph, wordy)]
    if words & _SCALE_TOKENS and words & _FRACTION_TOKENS:  # "half a million": a fraction and a scale word
        passes.insert(0, _scaled_fractions(paragraph, currencies))
    if with_counts:
        passes.append(_counts(paragraph, wordy))
    for figures in passes:
        for figure in figures:
            if not _overlaps(figure, found):
                found.append(figure)
    return found


def _overlaps(figure: _Figure, others: list[_Figure]) -> bool:
    return any(figure.start < other.end and other.start < figure.end for other in others)


def _amount(number: str, scale: str | None) -> float | None:
    """The value of '15.5' + 'billion', 'twenty-five', 'three point four', 'a' + 'million'; None for a bare 'a'."""
    number = " ".join(number.lower().replace("\u00a0", " ").split())
    if number[0].isdigit():
        value = float(number.replace(",", ""))
    elif number in ("a", "an") and not scale:
        return None
    elif " point " in number:
        whole, decimals = number.split(" point ", 1)
        value = _amount(whole, None) if whole != "zero" else 0.0
        value = (value or 0.0) + float("0." + "".join(str(_DIGIT_WORDS.index(w)) for w in decimals.split()))
    else:
        value = _words_value(_WORD_SPLIT.split(number.replace("a dozen", "dozen")))
    return value * _scale_factor(scale)


_WORD_SPLIT = re.compile(r"[-\s]+")


def _scale_factor(scale: str | None) -> float:
    """'billion' -> 1e9, 'hundred thousand' -> 1e5, None -> 1."""
    return math.prod(_SCALES.get(word, 1.0) for word in _WORD_SPLIT.split(scale.lower())) if scale else 1.0


def _words_value(words: list[str]) -> float:
    """['two', 'hundred', 'and', 'fifty'] -> 250.0; ['twenty', 'five'] -> 25.0."""
    if "hundred" in words:
        at = words.index("hundred")
        return _words_value(words[:at]) * 100 + _words_value(words[at + 1:])
    return sum(_WORD_VALUES.get(word, 0.0) for word in words)


def _money(paragraph: str, currencies: dict[str, str | None], words: frozenset[str], wordy: bool) -> list[_Figure]:
    figures = []
    for match in _prefixed_amounts(paragraph):
        value, symbol = _amount(match.group("num"), match.group("scale")), match.group("cur")
        unit = _prefix_unit(paragraph, match, currencies) if value is not None else None
        if unit is not None:
            figures.append(_Figure(match.start(), match.end(), "money", value, unit,
                                   _scale_factor(match.group("scale"))))
    for match in _local_suffixes(paragraph, currencies):
        value = _amount(match.group("num"), match.group("scale"))
        figures.append(_Figure(match.start(), match.end(), "money", value,
                               currencies[suffix_key(match.group("sign"))], _scale_factor(match.group("scale"))))
    for match in _PENCE.finditer(paragraph):
        figures.append(_Figure(match.start(), match.end(), "money", float(match.group("num")) / 100, "GBP"))
    has_word = bool(words & _CURRENCY_TOKENS) or any(map(is_currency_code, _CAPITALS3.findall(paragraph)))
    for match in _MONEY_AFTER.finditer(paragraph, wordy) if has_word else ():
        value = _amount(match.group("num"), match.group("scale"))
        base = _word_base(match.group("word"))
        if value is None or (base is None and not is_currency_code(match.group("word"))):
            continue  # "12 CEO": three capitals that are no currency code
        if _not_money(paragraph, match, value):
            continue
        if base == "cent" or base in SUBUNITS:
            value /= 100
        unit = _currency_code(match.group("qual"), match.group("word"), currencies)
        figures.append(_Figure(match.start(), match.end(), "money", value, unit,
                               _scale_factor(match.group("scale"))))
    return figures


# A prefix ending right before a number (a space between allowed), searched for in the few characters before
# each run of digits.
_PREFIX_BEFORE = re.compile(rf"(?<![\w$])(?:{_PREFIX})\s?$")
_PREFIX_REACH = max(len(symbol) for symbol in [*SYMBOLS, *SHARED_SYMBOLS, *LOCAL_PREFIXES, "XXX"]) + 1


def _prefixed_amounts(paragraph: str) -> list[re.Match]:
    """`_MONEY_BEFORE.finditer(paragraph)`, found from the digits back: each run of digits is checked for a prefix
    in the few characters before it, which is several times faster than the pattern's own scan (it enters the
    long list of prefixes at every position)."""
    found, reached = [], 0
    for run in _DIGIT_RUN.finditer(paragraph):
        start = run.start()
        if start < reached:
            continue  # inside the last amount
        prefix = _PREFIX_BEFORE.search(paragraph, max(reached, start - _PREFIX_REACH), start)
        match = _MONEY_BEFORE.match(paragraph, prefix.start()) if prefix else None
        if match:
            found.append(match)
            reached = match.end()
    return found


def _prefix_unit(paragraph: str, match: re.Match, currencies: dict[str, str | None]) -> str | None:
    """The currency of an amount after a prefix, or None when the prefix is no currency here: "R5" alone is a
    road ("R3-4 billion" is money), "ALL 3 members" and "the TOP 10" are words, "K5 million" is money only in a
    story set where "K" writes the currency."""
    symbol = match.group("cur")
    if symbol in ONE_LETTER_SIGNS and not _unmistakable_amount(paragraph, match):
        return None
    local = currencies.get(prefix_key(symbol))
    if local:
        return local  # also over a sign's reading elsewhere: "P" is the pula in Gaborone, the peso in Manila
    if symbol in WORD_CODES or symbol in ABBREVIATION_CODES:
        return symbol if _word_code_money(paragraph, match, currencies) else None
    if not _is_prefix(symbol) or symbol in LOCAL_PREFIXES and symbol not in SYMBOLS:
        return None
    unit = SYMBOLS.get(symbol, symbol.upper())
    return currencies.get(SHARED_SYMBOLS[symbol]) or unit if symbol in SHARED_SYMBOLS else unit


def _unmistakable_amount(paragraph: str, match: re.Match) -> bool:
    """A scale word or grouped digits after the sign, or the scaled end of a range: "K5 million", "Q40,000",
    "R3-4 billion"."""
    return bool(match.group("scale")) or "," in match.group("num") or bool(_SCALED_TAIL.match(paragraph,
                                                                                                match.end()))


def _word_code_money(paragraph: str, match: re.Match, currencies: dict[str, str | None]) -> bool:
    """'COP 9.4 trillion', 'COP 45,000 a month': a code that is also a word is money when the amount is written
    as only money is (a scale word or grouped digits) and counts nothing ('ALL 3,000 members'); an abbreviation
    code ('AMD 7,000') only, besides, in a story whose own currency it is."""
    if not _unmistakable_amount(paragraph, match) or isinstance(_counted_noun(paragraph[match.end():]), tuple):
        return False
    return match.group("cur") in WORD_CODES or currencies.get(OWN_KEY) == match.group("cur")


_SUFFIX_KEYS = tuple(suffix_key(sign) for sign in LOCAL_SUFFIXES)


def _local_suffixes(paragraph: str, currencies: dict[str, str | None]) -> list[re.Match]:
    """'245,000 Ft' in a Hungarian story: amounts followed by a sign that writes the story's currency."""
    if not any(key in currencies for key in _SUFFIX_KEYS):
        return []
    return [match for match in _at_digit_runs(_LOCAL_SUFFIX, paragraph)
            if suffix_key(match.group("sign")) in currencies]


def _scaled_fractions(paragraph: str, currencies: dict[str, str | None]) -> list[_Figure]:
    """'half a million people' (count), 'a quarter of a billion dollars' (money); before the plain patterns,
    which would read the 'a million' inside as the whole amount."""
    figures = []
    for match in _SCALED_FRACTION.finditer(paragraph):
        scale = _SCALES[match.group("scale").lower()]
        if match.group("whole"):
            whole = _amount(match.group("whole"), None) if match.group("whole").lower() not in ("a", "an") else 1.0
            value = ((whole or 0.0) + _FRACTION_VALUES[" ".join(match.group("part").lower().split())]) * scale
        else:
            value = _FRACTION_VALUES[" ".join(match.group("frac").lower().split())] * scale
        currency = _CURRENCY_AFTER.match(paragraph, match.end())
        if currency:
            unit = _currency_code(currency.group("qual"), currency.group("word"), currencies)
            figures.append(_Figure(match.start(), currency.end(), "money", value, unit, scale))
            continue
        noun = _counted_noun(paragraph[match.end():])
        if isinstance(noun, tuple):
            figures.append(_Figure(match.start(), match.end() + noun[1], "count", value, noun[0], scale))
    return figures


def _word_base(word: str) -> str | None:
    """'Pesos' -> 'peso', 'pounds sterling' -> 'sterling'; None for a word that names no currency ('CEO')."""
    normal = " ".join(word.lower().split())
    return "sterling" if "sterling" in normal else WORD_FORMS.get(normal)


def _currency_code(qualifier: str | None, word: str, currencies: dict[str, str | None]) -> str | None:
    """'Norwegian crowns' -> NOK, 'Cambodian riels' -> KHR, 'pesos' in a story about Manila -> PHP, 'USD' -> USD,
    'CFA francs' -> XOF or XAF by the story's zone."""
    if is_currency_code(word):
        return word
    base = _word_base(word)
    if base is None:
        return None
    if base in SUBUNITS:
        return SUBUNITS[base]
    if qualifier:
        by_story = QUALIFIED_BY_STORY.get(f"{qualifier.lower()} {base}")
        if by_story:
            return currencies.get(by_story, CURRENCY_WORDS[by_story][0])
        qualified = qualified_currency(qualifier, base)
        if qualified:
            return qualified
    return currencies.get(base, CURRENCY_WORDS[base][0])


# Currency words that are also other words after a small number ("the team 3 won", "a 2 dram pour", "40 kip"):
# money only with a scale word, a rate, 1,000 or more, or a larger sum in the same word nearby.
_ALSO_WORDS = frozenset("won sol soles lei lari taka kip dram drams lek lev kina pula loti".split())


def _not_money(paragraph: str, match: re.Match, value: float) -> bool:
    """'200 pounds of flour' (weight) and 'the team 3 won' (a verb) are not money."""
    word = match.group("word").lower()
    if word.startswith("pound") and not match.group("scale") and "sterling" not in word:
        return re.match(r"\s+of\b", paragraph[match.end():]) is not None
    if word in _ALSO_WORDS:  # "500 won per share" is a price
        return (not match.group("scale") and not match.group("rate") and value < 1000
                and not (word != "won" and _larger_amount_in(paragraph, word)))
    return False


def _larger_amount_in(paragraph: str, word: str) -> bool:
    """'a pension of 2,000 lei ... of 900 lei': once the paragraph uses the word for a large sum, its small
    figures in that word are money too ("won" stays out: it is a verb far more often)."""
    return re.search(rf"\d,\d{{3}}\s{word}\b|\d\s?(?:{_WORD_SCALE}|bn|mn)\s{word}\b", paragraph) is not None


def _percentages(paragraph: str, wordy: bool) -> list[_Figure]:
    figures: list[_Figure] = []
    lowered = paragraph.lower()
    if "%" not in paragraph and "cent" not in lowered and "point" not in lowered and "pc" not in lowered:
        return figures
    for match in _PERCENT.finditer(paragraph, wordy):
        value = _amount(match.group("num"), None)
        if value is None:
            continue
        value = -value if match.group("neg") else value
        sign = match.group("sign").lower()
        if sign.startswith("basis"):
            value, unit = value / 100, "pp"
        else:
            unit = "pp" if sign.startswith("percentage") else "%"
        figures.append(_Figure(match.start(), match.end(), "percent", value, unit))
    for match in _FRACTION_POINT.finditer(paragraph):
        figures.append(_Figure(match.start(), match.end(), "percent", _FRACTIONS[match.group("frac").lower()], "pp"))
    return figures


def _counts(paragraph: str, wordy: bool) -> list[_Figure]:
    figures = []
    for match in _NUMBER.finditer(paragraph, wordy):
        number, scale = match.group("num"), match.group("scale") or match.group("abbr")
        if _not_a_count(paragraph, match, number, scale):
            continue
        if match.group("abbr") and (_ARTICLE_BEFORE.search(paragraph[:match.start()])
                                    or match.group("abbr").lower() != match.group("abbr")):
            continue  # "a 2m wall": metres
        noun = _counted_noun(paragraph[match.end():])
        value = _amount(number, scale)
        if not isinstance(noun, tuple) or value is None or value < 2:
            continue
        figures.append(_Figure(match.start(), match.end() + noun[1], "count", value, noun[0],
                               _scale_factor(scale)))
    return figures


_ARTICLE_BEFORE = re.compile(r"(?i)\b(?:an?|the)\s+$")
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_MONTH_AFTER = re.compile(r"\s*(?:" + "|".join(_MONTHS) + r")\b")
_AGE_TIME_SCORE_AFTER = re.compile(r"-?\s?(?:years?-old|year old)|\s?(?:a\.m\.|p\.m\.|am\b|pm\b|gmt|hrs)|-\d|\s?-\s?\d")
_RATIO_BEFORE = re.compile(r"(?i)(?<![\d,.])\b(?:one|a|\d+)\s+(?:\w+\s+)?in\s+$")
_LEADING_ZERO = re.compile(r"0\d+")


def _not_a_count(paragraph: str, match: re.Match, number: str, scale: str | None) -> bool:
    """Years, dates, times, ages, ratios, 'one', names and 'our two countries' are not counts."""
    before = paragraph[:match.start()].rsplit(None, 3)  # the last three words are all that is read
    previous = before[-1].lower().strip("(,") if before else ""
    after = paragraph[match.end():match.end() + 12].lower()
    if number.lower() in ("one", "a", "an") and not scale:
        return True
    if number[0].isupper() and before and not before[-1].endswith((".", "!", "?", "“", '"', ":")):
        return True  # "the Group of Seven leaders": a number word inside a name
    if _YEAR.fullmatch(number) and previous not in _APPROXIMATELY:
        return True  # a year
    if previous in _MONTHS or _MONTH_AFTER.match(after):
        return True  # "May 18", "18 May"
    if _AGE_TIME_SCORE_AFTER.match(after):
        return True  # ages, times, scores ("2-1")
    if previous in ("aged", "no.", "number", "article", "section", "route", "interstate", "highway", "flight"):
        return True
    if _RATIO_BEFORE.search(paragraph[max(0, match.start() - 25):match.start()]):
        return True  # "one in five reefs", "one car in four": a ratio
    if not number[0].isdigit() and previous in _SET_PHRASE_OWNERS and not scale:
        return (_amount(number, None) or 0) <= 10  # "our two countries"
    if _LEADING_ZERO.fullmatch(number) or _apposition_age(paragraph, match):
        return True  # "0722 …" (a phone number); "Hatice Korkmaz, 38, said", "Tokayev (70)": an age
    # A number right after a capitalised word, or one with a capital inside ("Boeing 737", "iPhone 15"), is a name.
    return (number[0].isdigit() and bool(before) and any(ch.isupper() for ch in before[-1])
            and previous not in _QUANTIFIERS and previous not in _DEFINITE and previous not in LEADING_STOP
            and not before[-1].endswith((",", ".", ";", ":")))  # "Its 14 factories", "Another 14 people"


# "our two countries", "your three children": words of a speaker's set phrase, not a figure the story states.
_SET_PHRASE_OWNERS = frozenset(("our", "your"))


_APPOSITION_AGE = re.compile(r"[A-Z][\w’'.-]*\s?[,(]\s?$")


def _apposition_age(paragraph: str, match: re.Match) -> bool:
    """A bare number between commas or in brackets right after a name: 'Hatice Korkmaz, 38,', 'Tokayev (70)'."""
    return (paragraph[match.end():match.end() + 1] in (",", ")")
            and _APPOSITION_AGE.search(paragraph, max(0, match.start() - 40), match.start()) is not None)


_NEXT_WORD = re.compile(r"\s*([A-Za-z][\w’'/-]*|\d+-[A-Za-z][\w-]*)")


def _counted_noun(rest: str) -> tuple[str, int] | str | None:
    """The counted noun after a number, past up to three modifiers: ' new jobs' -> ('jobs', 9).

    "blocked" when the word after the number makes it no count ('three days', '5 km').
    """
    consumed = 0
    for _position in range(4):
        match = _NEXT_WORD.match(rest, consumed)  # each word right after the last, or none
        if match is None:
            return None
        word, consumed = match.group(1), match.end()
        lowered = word.lower()
        if word[0].isdigit():
            continue  # "three planned 24-hour strikes"
        if lowered in _NOT_COUNTED or lowered.split("-")[-1] in _NOT_COUNTED:
            return "blocked"
        if lowered in _IRREGULAR_NOUNS or _looks_plural(lowered) or _plural_demonym(word):
            return lowered, consumed
        if lowered in _NOT_MODIFIERS or lowered in _PERIOD_OPENERS or lowered.endswith("ly"):
            return None  # "another 1,500 next year": a period, not what is counted
    return None


def _plural_demonym(word: str) -> bool:
    """'Thais', 'Israelis': people of a nation, which the '-is' rule of `_looks_plural` would refuse."""
    return word[:1].isupper() and word.endswith("s") and word[:-1].lower() in demonym_words()


def _looks_plural(word: str) -> bool:
    return (len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))
            and word not in _NOT_PLURAL and word.replace("-", "").isalpha())


# --- ranges and implied counts -------------------------------------------------------------------------------


def _with_range_heads(paragraph: str, figures: list[_Figure]) -> list[_Figure]:
    """'between 5 and 7 percent', '$5 billion to $6 billion', '$5-6 billion': both ends of a range are figures."""
    figures = [*figures, *_range_tails(paragraph, figures)]
    out = list(figures)
    for figure in figures:
        linked = _RANGE_LINK_END.search(paragraph, max(0, figure.start - _RANGE_LINK_REACH), figure.start)
        head = _RANGE_HEAD.search(paragraph, max(0, figure.start - 40), figure.start) if linked else None
        if head and head.group("cur") and not _is_prefix(head.group("cur")):  # "the TOP 5 to 10%": no currency
            head = _RANGE_HEAD.search(paragraph, head.start("num"), figure.start)
        if head is None or not _range_fits(paragraph, head, figure):
            continue
        if figure.kind == "count" and not _count_range_head(paragraph, head):
            continue
        value = _amount(head.group("num"), None)
        if value is None or (head.group("num").lower() in ("a", "an", "one") and figure.kind != "percent"):
            continue
        covering = [f for f in out if f.start <= head.start("num") < f.end]
        if covering and (covering[0].kind != figure.kind or covering[0].scale != 1.0 or covering[0] is figure):
            continue
        for other in covering:
            out.remove(other)
        out.append(_Figure(head.start(), head.end("num"), figure.kind, value * figure.scale, figure.unit,
                           figure.scale))
    return out


def _is_prefix(written: str) -> bool:
    return written in SYMBOLS or written in SHARED_SYMBOLS or written in LOCAL_PREFIXES or is_currency_code(written)


def _count_range_head(paragraph: str, head: re.Match) -> bool:
    """'between 300 and 400 municipalities', 'from 20 to 25 people': a count's range is written with 'to' or
    'between … and' ('two or three people' is vague, '3-1' a score), and its head is no year or age itself."""
    if head.group("cur") or not re.search(r"(?:to|and)\s?$", head.group(0)):
        return False
    number = _NUMBER.words.match(paragraph, head.start("num"))
    return number is not None and number.group("num") == head.group("num") and not _not_a_count(
        paragraph, number, number.group("num"), None)


def _range_fits(paragraph: str, head: re.Match, figure: _Figure) -> bool:
    """'between $5 and $6 billion', '5-7%', '3 to 4 million euros'; not '31 and $2 billion' or '£3 and €3bn'."""
    head_unit = SYMBOLS.get(head.group("cur") or "", head.group("cur"))
    if figure.kind == "percent" and head_unit:
        return False
    symbol_written = figure.kind == "money" and not paragraph[figure.start].isalnum()
    same_symbol = bool(head.group("cur")) and paragraph.startswith(head.group("cur"), figure.start)
    if symbol_written and not same_symbol and (head_unit or "").upper() != (figure.unit or ""):
        return False  # "31 and $2 billion", "£3 to €3bn"
    connector = re.search(r"(and|or|to|-|–)\s?(?:\S*)?\s?$", head.group(0))
    if connector and connector.group(1) == "and":
        return re.search(r"(?i)\bbetween\s+$", paragraph[:head.start()]) is not None
    return True


def _range_tails(paragraph: str, figures: list[_Figure]) -> list[_Figure]:
    """'$5-6 billion': the money pattern stops at '$5'; the '6 billion' after it is money too."""
    tails = []
    for figure in figures:
        if figure.kind != "money" or figure.scale != 1.0:
            continue
        tail = re.match(r"\s?(?:-|–|to)\s?", paragraph[figure.end:])
        scaled = _BARE_SCALED.match(paragraph, figure.end + tail.end()) if tail else None
        if scaled and not any(f.start <= scaled.start() < f.end for f in figures):
            scale = _SCALES[scaled.group("scale").lower()]
            tails.append(_Figure(scaled.start(), scaled.end(), "money", float(scaled.group("num").replace(",", ""))
                                 * scale, figure.unit, scale))
    return tails


_VOTES = _NumberPattern.of(rf"\b(?:voted|vote of|votes? was|by)\s+(?P<a>\d+|<INTEGER>)\s*(?:-|–|to)\s*"
                             rf"(?P<b>\d+|<INTEGER>)\b(?!\s*(?:votes|%|per|percent))", re.IGNORECASE)
_OF_THE = _NumberPattern.of(rf"(?<![\w$.,])(?P<num>\d+|<INTEGER>)\s+of\s+(?:(?:the|its|their)\s+)?"
                             rf"(?:[\w-]+['’]s\s+)?(?P<whole>{_DIGITS}|<INTEGER>)\b", re.IGNORECASE,
                             digit_led=True)
# "Of the dead, 41 were in Sindh": the number counts the group named before it.
_OF_GROUP = _NumberPattern.of(rf"\b[Oo]f\s+(?:the|those)\s+(?P<group>[a-z]+),\s+(?P<num>\d+|<INTEGER>)\b"
                               r"(?!\s*%)")
_PEOPLE_ADJECTIVES = frozenset("dead injured wounded missing displaced arrested detained killed evacuated rescued "
                               "hurt sick infected".split())
# "a crowd of 38,500": a number after a word for a gathering counts people.
# Each pattern that opens on one of a few words comes with those words: a paragraph without any skips it.
_GATHERING_WORDS = frozenset("crowd audience attendance turnout gathering congregation".split())
_GATHERING = re.compile(rf"\b(?:{'|'.join(_GATHERING_WORDS)})\s+of\s+(?:about\s+|some\s+|"
                        rf"around\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+|roughly\s+)?(?P<num>{_DIGITS})\b"
                        rf"(?![.,]?\d|\s*(?:%|per\b|percent\b))", re.IGNORECASE)
# "from four lanes to two": the second number counts what the first did.
_TO_BARE = re.compile(rf"\s+to\s+(?P<num>\d+|{_WORD_INTEGER})\b(?![.,]\d|\s*%)", re.IGNORECASE)


def _implied_counts(paragraph: str, figures: list[_Figure], sentences: list[tuple[int, int]],
                    words: frozenset[str], wordy: bool) -> list[_Figure]:
    """Counts whose noun is implied: 'voted 31 to 4', 'Eleven of the 29 individuals', '…: eight in Kisumu'."""
    found: list[_Figure] = []
    for match in _VOTES.finditer(paragraph, wordy):
        for group in ("a", "b"):
            value = _amount(match.group(group), None)
            if value is not None and value >= 1:
                found.append(_Figure(match.start(group), match.end(group), "count", value, "votes"))
    counts = [f for f in figures if f.kind == "count"]
    for match in _OF_THE.finditer(paragraph, wordy):
        whole = next((f for f in counts if f.start == match.start("whole")), None) or _whole_of(paragraph, match)
        value = _amount(match.group("num"), None)
        if whole is not None and value is not None and value >= 2:
            found.append(_Figure(match.start("num"), match.end("num"), "count", value, whole.unit))
            if whole not in counts:
                found.append(whole)
    found.extend(_group_counts(paragraph, words, wordy))
    found.extend(_distant_noun_counts(paragraph, counts, sentences, words))
    found.extend(_from_to_counts(paragraph, counts))
    found.extend(_list_items(paragraph, [*figures, *found], sentences, wordy))
    return found


def _whole_of(paragraph: str, match: re.Match) -> _Figure | None:
    """'five of the seven members', 'five of our seven members': the whole is a count even after 'our' (which
    `_not_a_count` refuses for 'our two countries'), since a part of it is counted."""
    number = _NUMBER.words.match(paragraph, match.start("whole"))
    if number is None or number.group("scale") or number.group("abbr"):
        return None
    noun = _counted_noun(paragraph[number.end():])
    value = _amount(number.group("num"), None)
    if (not isinstance(noun, tuple) or value is None or value < 2
            or _YEAR.fullmatch(number.group("num"))):
        return None
    return _Figure(number.start(), number.end() + noun[1], "count", value, noun[0])


def _group_counts(paragraph: str, words: frozenset[str], wordy: bool) -> list[_Figure]:
    """'Of the dead, 41 …' (people), 'Of the victims, 12 …' (victims); 'a crowd of 38,500' (people)."""
    found = []
    for match in _OF_GROUP.finditer(paragraph, wordy):
        group = match.group("group")
        unit = "people" if group in _PEOPLE_ADJECTIVES else group if _looks_plural(group) else None
        value = _bare_count(paragraph, match.start("num"))
        if unit and value is not None:
            found.append(_Figure(match.start("num"), match.end("num"), "count", value, unit))
    for match in _GATHERING.finditer(paragraph) if words & _GATHERING_WORDS else ():
        value = _bare_count(paragraph, match.start("num"))
        if value is not None:
            found.append(_Figure(match.start("num"), match.end("num"), "count", value, "people"))
    return found


_ABOUT = r"(?:about\s+|some\s+|around\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+|roughly\s+)?"
_BARE_NUMBER = rf"(?P<num>{_DIGITS})(?:\s(?P<scale>{_WORD_SCALE}))?\b(?![.,]?\d|\s*(?:%|per\b|percent\b))"
# "a city of about 210,000": a settlement's size counts people.
_SETTLEMENT_WORDS = frozenset("city town village nation country island district province municipality".split())
_SETTLEMENT = re.compile(rf"\b(?:{'|'.join(_SETTLEMENT_WORDS)})\s+of\s+"
                         rf"{_ABOUT}{_BARE_NUMBER}", re.IGNORECASE)
# "12,870 of the completions": a bare number taking a part of a plural group.
_PART_OF_GROUP = re.compile(rf"(?<![\w$.,]){_BARE_NUMBER}\s+of\s+the\s+(?P<noun>[a-z]+)\b")
# "the cap on visitors ... to 5,600 from 4,500", "the number of visitors fell 12% to 1.1 million": the noun
# named by the measure counts the bare numbers after 'to'/'from' in the same sentence.
_MEASURE_WORDS = frozenset("number cap limit ceiling quota count".split())
_MEASURE_OF = re.compile(rf"\b(?:{'|'.join(_MEASURE_WORDS)})\s+(?:of|on)\s+(?:[a-z]+\s+){{0,2}}?"
                         r"(?P<noun>[a-z]+s)\b(?!\s+(?:of|and)\b)")
# "visitor numbers passed 980,000", "passenger numbers rose to 2.1 million": the noun before "numbers", plural.
_NOUN_NUMBERS = re.compile(r"\b(?P<noun>[a-z]{3,})\s+numbers\b")
_NOT_COUNTED_NOUNS = frozenset("record large small big high low huge growing rising falling total overall official "
                               "final new similar greater smaller larger higher lower the their its our".split())
_TO_FROM_NUMBER = re.compile(rf"\b(?:to|from|passed|reached|hit|topped|exceeded|surpassed|at)\s+{_ABOUT}"
                             rf"{_BARE_NUMBER}")
# "The association put the figure at 96": a restated figure counts what the count before it in the paragraph did.
_RESTATED = re.compile(rf"\b(?:put|puts|putting|estimated|estimates|gave|gives|set|sets)\s+(?:the|that|this|its|"
                       rf"their)\s+(?:figure|number|total|tally|count)\s+at\s+{_ABOUT}{_BARE_NUMBER}")
# "completed 33,450 homes, short of the target of 41,000": a goal takes the noun of the count before it.
_GOAL_WORDS = frozenset("target goal forecast estimate projection peak record".split())
_GOAL_OF = re.compile(rf"\b(?:{'|'.join(_GOAL_WORDS)})\s+of\s+{_ABOUT}{_BARE_NUMBER}")


def _distant_noun_counts(paragraph: str, counts: list[_Figure], sentences: list[tuple[int, int]],
                         words: frozenset[str]) -> list[_Figure]:
    """Bare numbers whose counted noun stands elsewhere in the sentence (see the patterns above)."""
    found = [_figure_at(paragraph, m, "people")
             for m in (_SETTLEMENT.finditer(paragraph) if words & _SETTLEMENT_WORDS else ())]
    found += [_figure_at(paragraph, m, m.group("noun")) for m in _at_digit_runs(_PART_OF_GROUP, paragraph)
              if _looks_plural(m.group("noun"))]
    for measure, noun in _measures(paragraph, words):
        end = next((e for s, e in sentences if s <= measure.start() < e), len(paragraph))
        found += [_figure_at(paragraph, m, noun) for m in _TO_FROM_NUMBER.finditer(paragraph, measure.end(), end)]
    for restated in _RESTATED.finditer(paragraph) if words & _RESTATED_WORDS else ():
        before = [count for count in counts if count.start < restated.start()]
        if before:
            found.append(_figure_at(paragraph, restated, before[-1].unit))
    for goal in _GOAL_OF.finditer(paragraph) if words & _GOAL_WORDS else ():
        start = next((s for s, e in sentences if s <= goal.start() < e), 0)
        before = [count for count in counts if start <= count.start < goal.start()]
        if before:
            found.append(_figure_at(paragraph, goal, before[-1].unit))
    return [figure for figure in found if figure is not None]


_RESTATED_WORDS = frozenset("figure number total tally count".split())


def _measures(paragraph: str, words: frozenset[str]) -> list[tuple[re.Match, str]]:
    """Each phrase that names a measure of a counted noun, with the noun: 'the number of visitors' -> visitors,
    'visitor numbers' -> visitors."""
    found = [(m, m.group("noun")) for m in (_MEASURE_OF.finditer(paragraph) if words & _MEASURE_WORDS else ())]
    found += [(m, m.group("noun") + "s") for m in (_NOUN_NUMBERS.finditer(paragraph) if "numbers" in words else ())
              if m.group("noun") not in _NOT_COUNTED_NOUNS and m.group("noun") not in _NOT_MODIFIERS
              and not m.group("noun").endswith(("s", "ly", "ing", "ed"))]
    return found


def _figure_at(paragraph: str, match: re.Match, unit: str | None) -> _Figure | None:
    """A count of `unit` for the bare number in `match`, unless it is a year, date or score or has its own noun."""
    number = _NUMBER.words.match(paragraph, match.start("num"))
    if (number is None or unit is None or number.group("num") != match.group("num")
            or _counted_noun(paragraph[number.end():])):
        return None
    if _not_a_count(paragraph, number, number.group("num"), number.group("scale")):
        return None
    value = _amount(number.group("num"), number.group("scale"))
    if value is None or value < 2:
        return None
    return _Figure(number.start(), number.end(), "count", value, unit,
                   _scale_factor(number.group("scale")))


def _bare_count(paragraph: str, start: int) -> float | None:
    """The value of a number with no noun of its own at `start`, unless it is a year, age, date or score."""
    number = _NUMBER.words.match(paragraph, start)
    if number is None or number.group("scale") or number.group("abbr") or _counted_noun(paragraph[number.end():]):
        return None
    if _not_a_count(paragraph, number, number.group("num"), None):
        return None
    value = _amount(number.group("num"), None)
    return value if value is not None and value >= 2 else None


def _from_to_counts(paragraph: str, counts: list[_Figure]) -> list[_Figure]:
    found = []
    for count in counts:
        if not re.search(r"(?i)\bfrom\s+$", paragraph[max(0, count.start - 6):count.start]):
            continue
        tail = _TO_BARE.match(paragraph, count.end)
        value = _bare_count(paragraph, tail.start("num")) if tail else None
        if value is not None:
            found.append(_Figure(tail.start("num"), tail.end("num"), "count", value, count.unit))
    return found


def _list_items(paragraph: str, figures: list[_Figure], sentences: list[tuple[int, int]],
                wordy: bool) -> list[_Figure]:
    """Bare numbers after a count in its sentence, led by a comma, 'and', 'to', 'took': they count the same thing."""
    items: list[_Figure] = []
    if not any(figure.kind == "count" for figure in figures):
        return items  # an item needs a count before it
    for match in _NUMBER.finditer(paragraph, wordy):
        if match.group("scale") or "." in match.group("num") or _overlaps(_Figure(match.start(), match.end(), "", 0,
                                                                                 None), figures):
            continue
        sentence = next(((s, e) for s, e in sentences if s <= match.start() < e), (0, len(paragraph)))
        earlier = [f for f in figures if f.kind == "count" and sentence[0] <= f.start and f.end <= match.start()
                   and not _CONTAINER.search(paragraph, max(0, f.start - 8), f.start)]
        value = _amount(match.group("num"), None)
        if not earlier or value is None or value < 2 or not _leads_list_item(paragraph, match):
            continue
        if _not_a_count(paragraph, match, match.group("num"), None) or _counted_noun(paragraph[match.end():]):
            continue
        items.append(_Figure(match.start(), match.end(), "count", value, earlier[-1].unit))
    return items


# "14 people died across three counties: eight in Kisumu …": the items count people, not counties.
_CONTAINER = re.compile(r"\b(?:across|in|over|among|between|from|at)\s+$")


def _leads_list_item(paragraph: str, match: re.Match) -> bool:
    before = paragraph[:match.start()].rstrip()
    if before.endswith((",", ":", ";")):
        return True
    words = before.split()
    return bool(words) and (words[-1].lower() in _LIST_LEADS
                            or " ".join(words[-2:]).lower() in _COMPARISON_LEADS)


# "… to about 400,000 people over 65, up from 310,000 now": the earlier figure of the same thing.
_COMPARISON_LEADS = frozenset(("up from", "down from", "compared with", "compared to", "against", "versus"))


# --- subject and period ---------------------------------------------------------------------------------


def _mentions_by_paragraph(paragraphs: list[str], entities: list[Entity]) -> dict[int, list[tuple[int, int, Entity]]]:
    out: dict[int, list[tuple[int, int, Entity]]] = {}
    for entity in entities:
        for mention in entity.mentions:
            if 0 <= mention.paragraph < len(paragraphs) and mention.start < mention.end:
                out.setdefault(mention.paragraph, []).append((mention.start, mention.end, entity))
    for items in out.values():
        items.sort(key=lambda item: item[0])
    return out


_WITH_AT_END = (r"(?:with|at)\s+(?:about|around|some|nearly|almost|over|more than|less than|roughly|"
                r"an estimated|a record|a total of|just over|just under)?\s*$")
_WITH_AT = re.compile(r"(?P<np>[^,;:—–]*?)\s+(?:(?:leading|coming|trailing|next|second|third|last|ranked\s+\w+)\s+)?"
                      + _WITH_AT_END, re.IGNORECASE)
# What every match of `_WITH_AT` ends with: tested first, since the lazy phrase before it makes a failing search
# of `_WITH_AT` try every length of phrase from every position.
_ENDS_WITH_AT = re.compile(r"\s" + _WITH_AT_END, re.IGNORECASE)
_VERBISH = frozenset("is was are were stood stands sold sells trades trading leading coming ranks ranked priced "
                     "valued came comes".split())
_VERB = re.compile(
    r"\b(?:hit|reached|reach|reaches|rose|rises|rise|fell|falls|fall|grew|grows|climbed|dropped|jumped|soared|"
    r"plunged|slipped|increased|decreased|declined|totalled|totaled|totals|amounted|stood|came|topped|exceeded|"
    r"surpassed|was|were|is|are|gained|lost|shed|earned|posted|reported|recorded|cost|costs|raised|generated|"
    r"made|spent|invested|received|took|won|secured|got|included|includes|include|comprised|comprises|"
    r"pay|pays|paid|contribute|contributes|contributed|provide|provides|provided|cover|covers|covered|"
    r"give|gives|gave|lend|lends|lent)\b"
    r"(?:\s+(?:to|at|by|of))?\s+(?:by\s+)?(?:a\s+record|an\s+estimated|a\s+total\s+of|about|around|nearly|almost|"
    r"some|more\s+than|over|less\s+than|roughly|just\s+over|just\s+under|only|to|by|the\s+remaining|"
    r"the\s+other|another|an?)?\s*$", re.IGNORECASE)
_AFTER_PREPOSITION = re.compile(r"\s+(?:(?:will|would|had|has|have|was|were|is|are|goes|go|went|come|comes|came|"
                                r"left|set|going|coming)\s+){0,2}(?:from|for|in|to)\s+", re.IGNORECASE)
_PREPOSITION = re.compile(r"\s(?:between|of|in|from|with|for|to|at|by|on|among|across|during|last|this)\s",
                          re.IGNORECASE)
_LEADING = re.compile(r"^(?:and|but|while|whereas|meanwhile|overall|in all|in total|so far|that|which|it is|"
                      r"also)\s+", re.IGNORECASE)
_SPEECH_AFTER = re.compile(r"\s*(?:said|says|told|reported|announced|estimated|reports)\b", re.IGNORECASE)


_MODIFIED_NOUN = re.compile(r"\s([a-z]{3,})\b(?![-’'])")
# "a budget of Shs72.4 trillion": a noun and 'of' right before the amount (not "Of the $1.2 billion", nor "20% of").
_NOUN_OF = re.compile(r"\b(?:an?|the|its|their|his|her|record)\s+(?:[a-z]+\s+)?([a-z]{3,})\s+of\s+"
                      r"(?:about\s+|some\s+|nearly\s+|around\s+|up\s+to\s+|almost\s+)?$")
# "The board said on Tuesday (that) the work would cost €1.4bn": the clause reported starts after the verb.
_REPORTED = re.compile(r"\b(?:said|says|announced|estimated|expects|expected|believes|reported)\b"
                       r"(?:\s+on\s+\w+day|\s+in\s+a\s+statement|\s+last\s+\w+)?(?:\s+that)?\s+(?=\S)")


def _after_reported_speech(paragraph: str, start: int, end: int) -> int:
    """Where the clause holding a figure starts, past 'X said (on Tuesday) (that)' before it in the sentence."""
    reported = list(_REPORTED.finditer(paragraph, start, end))
    return reported[-1].end() if reported else start
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|its|their|his|her|our)\s$", re.IGNORECASE)
_NOT_NOUNS = frozenset("last this next per each every year month week day annually plus".split())


def _subject(paragraph: str, sentence: tuple[int, int], figure: _Figure,
             mentions: list[tuple[int, int, Entity]]) -> str | None:
    """What a figure is about; see the module docstring for the order of the rules."""
    modified = _MODIFIED_NOUN.match(paragraph, figure.end)
    if figure.kind == "money" and modified and modified.group(1) not in _NOT_MODIFIERS | _NOT_NOUNS \
            and _DETERMINER_BEFORE.search(paragraph, max(0, figure.start - 6), figure.start):
        return modified.group(1)  # "a Sh4.2 trillion budget", "a $5 billion loan": the noun it qualifies
    noun_of = _NOUN_OF.search(paragraph, max(sentence[0], figure.start - 40), figure.start)
    if figure.kind == "money" and noun_of and noun_of.group(1).lower() not in _NOT_MODIFIERS | _NOT_NOUNS:
        return noun_of.group(1).lower()  # "a record budget of Shs72.4 trillion", "a fine of $5 million"
    start = _after_reported_speech(paragraph, sentence[0], figure.start)
    before = paragraph[start:figure.start]
    opened = before.rfind("(")  # a bracket closed before the figure ("Commission (Conagua) will lend") opens no clause
    dash = before.rfind(" - ")  # a dateline's dash: "GOMA, Congo (Reuters) - Health workers … have recorded"
    clause_start = start + max(*(before.rfind(ch) for ch in ",;:—–"), dash + 2 if dash >= 0 else -1,
                               opened if ")" not in before[opened:] else -1) + 1
    near = max(start, figure.start - 80)  # the verb and its qualifiers sit right before the figure
    verb = _VERB.search(paragraph, near, figure.start)
    if verb:
        head = _clause_head(paragraph, clause_start, verb.start(), start, mentions)
        if head:
            return head
    tail = max(clause_start, figure.start - 150)
    with_at = _WITH_AT.search(paragraph, tail, figure.start) if _ENDS_WITH_AT.search(paragraph, tail,
                                                                                      figure.start) else None
    if with_at and with_at.group("np").strip():
        return _entity_ending_near(mentions, with_at.end("np")) or _last_words(with_at.group("np"))
    after = _AFTER_PREPOSITION.match(paragraph, figure.end, sentence[1])
    named = _phrase_after(paragraph, after.end(), sentence[1], mentions) if after else None
    if named:
        return named
    inside = [entity for s, e, entity in mentions if clause_start <= s and e <= figure.start
              and entity.type in ("place", "organisation", "person") and not _SPEECH_AFTER.match(paragraph, e)]
    return inside[-1].name if inside else None


def _phrase_after(paragraph: str, start: int, end: int, mentions: list[tuple[int, int, Entity]]) -> str | None:
    """'from the Environment Agency, …' -> the entity, or the words up to the next comma or figure."""
    entity = next((e for s, _e, e in mentions if s == start or (s > start and paragraph[start:s].lower().strip()
                                                                  in ("the",))), None)
    if entity is not None and entity.type in ("place", "organisation", "person", "group"):
        return entity.name
    stop = re.search(rf"[,;:.()]|\s(?:and|or|but|while|a|per)\s+(?=[\d$€£¥₹₦]|(?:{_PREFIX})\s?\d|(?:"
                     + "|".join(_UNIT_WORDS) + r")\b)|\s(?:last|this|next|on|in|since)\s", paragraph[start:end])
    phrase = paragraph[start:start + (stop.start() if stop else end - start)].split()
    if phrase and phrase[0].lower() == "the":
        phrase = phrase[1:]
    text = " ".join(phrase[:6])
    if not text or _PERIODS.fullmatch(text) or text[0].isdigit() or text.split()[0].lower() in _MONTHS:
        return None
    return text


def _entity_ending_near(mentions: list[tuple[int, int, Entity]], position: int) -> str | None:
    near = [entity for s, e, entity in mentions if position - 3 <= e <= position]
    return near[-1].name if near else None


def _last_words(phrase: str) -> str | None:
    """'Aluminium traded' -> 'Aluminium': the words before 'with/at', without a trailing verb."""
    words = [w for w in phrase.split() if w.lower() not in ("and", "with", "by", "followed", "is", "it")]
    while words and (words[-1].lower().endswith("ed") or words[-1].lower() in _VERBISH):
        words.pop()
    return " ".join(words[-3:]) or None


_AUXILIARIES = frozenset("will would could should may might can cannot shall must has have had is are was were be "
                         "been also still already now just only not never jointly".split())
_SUBORDINATORS = frozenset("when while because if although whereas unless until though that".split())


def _head_words(words: list[str]) -> list[str]:
    """The last words of a clause before its verb that name what it is about: after any 'when', 'because' ...
    ("… a kilo when the Vietnamese buyers (pay)") and after any figure before it ("took 42 and smaller parties
    and independents (won)"; "scored 14 goals and (provided)" leaves nothing), without auxiliaries ("the work
    would (cost)")."""
    cut = max((i + 1 for i, word in enumerate(words) if word.lower() in _SUBORDINATORS), default=0)
    words = words[cut:]
    while words and words[-1].lower() in _AUXILIARIES | _CONJUNCTIONS:
        words.pop()
    return _after_last_figure(words)[-5:]


_CONJUNCTIONS = frozenset(("and", "or", "but"))


def _after_last_figure(words: list[str]) -> list[str]:
    figure = max((i for i, word in enumerate(words) if any(char.isdigit() for char in word)), default=-1)
    if figure < 0:
        return words
    rest = words[figure + 1:]
    if rest and rest[0].lower() not in _CONJUNCTIONS:  # the figure's own noun ("14 goals and"): skip past it
        rest = list(itertools.dropwhile(lambda word: word.lower() not in _CONJUNCTIONS, rest))
    return list(itertools.dropwhile(lambda word: word.lower() in _CONJUNCTIONS, rest))


def _clause_head(paragraph: str, start: int, end: int, sentence_start: int,
                 mentions: list[tuple[int, int, Entity]]) -> str | None:
    """'Bilateral trade between China and Central Asia' -> 'bilateral trade'; pronouns give None.

    A head that is one of the article's entities (an entity mention covers it) is the entity's name.
    """
    clause = paragraph[start:end]
    leading = _LEADING.match(clause.strip())
    offset = start + (len(clause) - len(clause.lstrip())) + (leading.end() if leading else 0)
    cut = _PREPOSITION.search(f" {paragraph[offset:end]} ")
    head_end = offset + cut.start() if cut else end
    words = _head_words(paragraph[offset:head_end].split())
    if not words or words[0].lower().lstrip("“\"‘") in ("it", "this", "that", "they", "which", "he", "she",
                                                         "there", "we", "i", "you"):
        return None
    if words[0].lower() in ("the", "a", "an") and len(words) > 1:
        words = words[1:]
    head_start = paragraph.find(words[0], offset, head_end)
    covering = [entity for s, e, entity in mentions if s <= head_start < e and e >= head_end - 1]
    if covering:
        return covering[0].name
    named = any(s <= head_start < e for s, e, _entity in mentions)
    at_sentence_start = paragraph[sentence_start:head_start].strip(" “\"‘") == ""
    if at_sentence_start and not named and words[0][1:].islower():
        words[0] = words[0][0].lower() + words[0][1:]  # "Bilateral trade" opens a sentence; it is no name
    return " ".join(words)


_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_PERIODS = re.compile(  # month names stay case-sensitive: "in may" is no period
    r"\b(?:(?:last|this|next|the previous|the past|the same)\s+(?:fiscal\s+|financial\s+|calendar\s+)?"
    r"(?:year|month|quarter|week|decade|half)"
    rf"|(?:the\s+)?(?:{_MONTH_NAMES})[-–](?:{_MONTH_NAMES})\s+period"
    r"|(?:the\s+)?(?:first|second|third|fourth|final|last)[\s-](?:quarter|half)(?:\s+of\s+(?:19|20)\d\d)?"
    r"|Q[1-4](?![.,]\d)(?:\s+(?:19|20)\d\d)?"
    rf"|(?:the\s+)?(?:year|12\s+months|six\s+months|nine\s+months|three\s+months)\s+(?:to|ended|ending|through)\s+"
    rf"(?:{_MONTH_NAMES})(?:\s+(?:19|20)\d\d)?"
    r"|a\s+year\s+(?:earlier|ago|before)"
    r")\b"
    rf"|\b(?:in|during|for|since|by|of|through|throughout)\s+(?P<when>(?:fiscal\s+)?(?:(?:{_MONTH_NAMES})\s+)?"
    r"(?:19|20)\d\d(?:[-–/]\d\d(?:\d\d)?)?|"
    rf"(?-i:{_MONTH_NAMES}))\b", re.IGNORECASE)


def _period(in_sentence: list[re.Match], figure: _Figure) -> str | None:
    """The period phrase (of those `_PERIODS` found in the figure's sentence) nearest to it (ties go to the one
    after)."""
    best, best_distance = None, None
    for match in in_sentence:
        if figure.start <= match.start() < figure.end:
            continue
        distance = match.start() - figure.end if match.start() >= figure.end else figure.start - match.end() + 0.5
        if best_distance is None or distance < best_distance:
            best, best_distance = (match.group("when") or match.group(0)), distance
    if best is None:
        return None
    best = " ".join(best.split())
    return best if best.endswith("period") else _THE_BEFORE_ORDINAL.sub("", best)


_THE_BEFORE_ORDINAL = re.compile(r"(?i)^the\s+(?=first|second|third|fourth|final)")


# --- parts vs total -----------------------------------------------------------------------------------------

_TOTAL_WORDS = re.compile(r"\b(?:total|combined|overall|altogether|aggregate|all|together|sum)\b", re.IGNORECASE)
_RATE_TEXT = re.compile(r"\s(?:per|a|an)\s\w+$")
RELATIVE_TOLERANCE = 0.01


def parts_checks(claims: list[Claim], paragraphs: list[str] | None = None) -> list[Check]:
    """One parts-vs-total check for each stated total followed by two or more of its parts.

    A total is a money or count figure whose subject is a common-noun phrase
    ("bilateral trade"), says it is a total ("combined sales"), or is unknown
    ("Of the £40m, …"); a figure about a named entity is not one, so peers in a
    row ("Germany earned $90bn; France $60bn and Italy $50bn") are not checked.
    Its parts are the figures after it in the same paragraph (and the next, when
    it is the last figure of its kind in its own), each smaller, about distinct
    subjects and in its unit; a mixed currency makes the check `not-checkable`.
    The figure just before a total joins its parts when that makes them add up
    ("won 68 of the 126 seats …, took 42 … the remaining 16"). Counts of other
    things listed after a count total that say they are its kind ("34 vehicles …
    The vehicles included 11 trucks, 20 cars and three vans") are parts too, but
    only reported when they add up; three or more under another common noun
    ("62 employees … The claimants include 40 drivers, 15 mechanics and 9 staff")
    only when they add up or go over the total (short of it, they may be a
    selection). Parts summing to more than 1.5 times the total are no parts
    (peers after a larger peer). Inner totals are found first, so a
    sub-total's parts never count for the total above it.

    consistent: the gap is within what the written precision allows (half a
    unit of the last written digit of the total and of each part written with
    decimals or a scale word: "$70 billion" is 69.5 to 70.5) or 1% of the total;
    inconsistent otherwise, with the gap in the detail; not-checkable for mixed
    currencies and for a shortfall with only two parts (they may be a selection).

    With the `paragraphs` the claims came from, the wording also marks a total
    whatever its subject, its parts being the figures after it in its unit:
    "spend Sh2.1 billion …, with Sh1.2 billion for …" (a breakdown), and, as a
    whole split into all its parts (so two parts short of it are inconsistent),
    "cut 4,300 jobs, 2,100 of them in …", "killed 63 people. Of the dead, 41 …",
    "Of 28,412 ballots returned, 24,960 …", "The budget will be financed by …",
    "The dead were 11 children, nine women …"; and "37 people were hurt …, 21
    protesters and 12 members of …" (people, then the kinds of people they
    were). The parts the wording marks are those in the first part's sentence.
    A figure the words make a baseline ("rose to £46m from £29m", "compared
    with …") is no total.
    """
    checks: list[tuple[int, Check]] = []
    tentative: list[tuple[int, list[int], Check]] = []
    used: set[int] = _range_ends(claims, paragraphs) if paragraphs else set()  # "€300-400 million": no parts
    cues = _breakdown_cues(claims, paragraphs) if paragraphs else {}
    baselines = _baselines(claims, paragraphs) if paragraphs else set()
    for index in reversed(range(len(claims))):
        found = _parts_of(claims, index, used, cues.get(index)) if index not in baselines else None
        if found is None:
            continue
        parts, check = found
        if check.status == "not-checkable":
            tentative.append((index, parts, check))  # kept only if no larger total takes these parts
            continue
        used.update(parts)
        checks.append((index, check))
    checks.extend((index, check) for index, parts, check in tentative if not used.intersection(parts)
                  and index not in used)
    return [check for _index, check in sorted(checks, key=lambda item: item[0])]


def _parts_of(claims: list[Claim], index: int, used: set[int],
              cue: tuple[str, frozenset[int]] | None = None) -> tuple[list[int], Check] | None:
    total = claims[index]
    if total.kind == "percent" or index in used or _RATE_TEXT.search(total.text):
        return None
    if cue is not None:
        kind, listed = cue
        parts = [i for i in _following(claims, index, used) if i in listed and (
            claims[i].kind == "money" or claims[i].unit == total.unit or kind != "breakdown")]
        if len(parts) >= 2:
            return parts, _check(total, [claims[i] for i in parts], whole_split=kind != "breakdown")
    if total.subject and not _collective(total.subject):
        return _adding_up(claims, index, used)
    following = _following(claims, index, used)
    same_unit = _by_subject(claims, following, total)
    in_unit = sum(claims[i].value for i in same_unit if claims[i].unit == total.unit)
    if len(same_unit) >= 2 and in_unit <= 1.5 * total.value:  # far over: peers after a larger peer, no parts
        same_unit = _with_part_before(claims, index, same_unit, used)
        return same_unit, _check(total, [claims[i] for i in same_unit])
    others = _other_things(claims, following, total)
    if len(others) >= 2:
        check = _check(total, [claims[i] for i in others])
        named_kind = claims[others[0]].subject == total.unit
        # "62 former employees … The claimants include 40 drivers, 15 mechanics and 9 office staff": parts under
        # another common noun may be a selection, so only adding up, or going over the total, is reported.
        if check.status == "consistent" or (not named_kind and sum(claims[i].value for i in others) > total.value):
            return others, check
    return None


# After a total, in its sentence: ", with Sh1.2 billion for …", ", including …".
_BREAKDOWN = re.compile(r"^[^.;!?]*,\s*(?:with|including|of which)\s+(?:\S+\s+){0,3}$", re.IGNORECASE)
# A part that says it is one: "2,100 of them in Germany".
_PART_OF_THEM = re.compile(r"\s+of\s+(?:them|these|those|which|the\s+total)\b", re.IGNORECASE)
# Right before the first part: "… 63 people. Of the dead, 41 …".
_OF_THE_GROUP = re.compile(r"(?:^|[.!?][\"”’]?\s+)Of\s+(?:the|these|those)\s+[a-z]+,\s*$")
# Right before the total: "Of 28,412 ballots returned, 24,960 backed …".
_OF_TOTAL = re.compile(r"(?:^|[.!?][\"”’]?\s+)Of\s+(?:the\s+)?$")
# Right before the first part: "The budget will be financed by Shs38.1 trillion …", "The dead were 11 children …".
_SPLIT_INTO = re.compile(r"\b(?:financed|funded|paid for|made up|split|divided|broken down)\s+(?:by|of|into|"
                         r"between|as)\s+$|(?:^|[.!?][\"”’]?\s+)The\s+(?:dead|injured|wounded|victims|missing)"
                         r"\s+(?:were|included|include|are)\s+$")


def _adding_up(claims: list[Claim], index: int, used: set[int]) -> tuple[list[int], Check] | None:
    """A count about a named thing followed by counts of the same noun that add up exactly to it: 'killed 31 people
    in the Bicol region, 18 in Albay, nine in Sorsogon and four in Catanduanes'. Such a total may as well be a
    peer of the figures after it, so only a consistent sum is reported (a coincidence is rare; a gap is not)."""
    total = claims[index]
    if total.kind != "count":
        return None
    parts = _by_subject(claims, _following(claims, index, used), total)
    if len(parts) < 2:
        return None
    check = _check(total, [claims[i] for i in parts])
    return (parts, check) if check.status == "consistent" else None


def _breakdown_cues(claims: list[Claim], paragraphs: list[str]) -> dict[int, tuple[str, frozenset[int]]]:
    """Index of a total -> 'breakdown', 'split' or 'apposition', from the words around it and its first part (see
    `parts_checks`), with the claims that may be its parts: those of its kind in the first part's sentence (so
    "Of the $1.2 billion, $780 million …, $310 million … and $110 million …" stops before the next sentence's
    contract)."""
    spans = _claim_spans(claims, paragraphs)
    cues: dict[int, tuple[str, frozenset[int]]] = {}
    for index, kind in _cue_kinds(claims, paragraphs, spans).items():
        following = next(i for i in range(index + 1, len(claims)) if claims[i].kind == claims[index].kind)
        cues[index] = kind, _in_sentence_of(claims, paragraphs, spans, following)
    return cues


def _in_sentence_of(claims: list[Claim], paragraphs: list[str], spans: dict[int, tuple[int, int]],
                    first: int) -> frozenset[int]:
    """The claims of `first`'s kind from `first` to the end of its sentence."""
    paragraph = paragraphs[claims[first].paragraph]
    end = next((e for s, e in sentence_spans(paragraph) if s <= spans[first][0] < e), len(paragraph))
    return frozenset(i for i in range(first, len(claims)) if claims[i].paragraph == claims[first].paragraph
                     and claims[i].kind == claims[first].kind and i in spans and spans[i][0] < end)


def _cue_kinds(claims: list[Claim], paragraphs: list[str], spans: dict[int, tuple[int, int]]) -> dict[int, str]:
    cues: dict[int, str] = {}
    for index, claim in enumerate(claims):
        following = next((i for i in range(index + 1, len(claims)) if claims[i].kind == claim.kind), None)
        if following is None or index not in spans or following not in spans or claim.kind == "percent":
            continue
        start, end = spans[index]
        next_start, next_end = spans[following]
        here, there = paragraphs[claim.paragraph], paragraphs[claims[following].paragraph]
        if claims[following].paragraph == claim.paragraph:
            between = here[end:next_start]
        elif claims[following].paragraph == claim.paragraph + 1:
            between = here[end:] + " " + there[:next_start]  # the total ends its paragraph; the parts open the next
        else:
            continue
        if (_PART_OF_THEM.match(there, next_end) or _OF_THE_GROUP.search(between) or _SPLIT_INTO.search(between)
                or (_OF_TOTAL.search(here[:start]) and re.match(r"[^.!?]*,\s*$", between))):
            cues[index] = "split"
        elif _BREAKDOWN.match(between):
            cues[index] = "breakdown"
        elif _people_listed(claims, index, following, between):
            cues[index] = "apposition"
    return cues


def _people_listed(claims: list[Claim], index: int, following: int, between: str) -> bool:
    """'Thirty-seven people were hurt in clashes, 21 protesters and 12 members of the security forces': people
    counted, then, after a comma in the same sentence, counts of the kinds of people they were."""
    total, first = claims[index], claims[following]
    return (total.kind == "count" and total.unit == "people" and first.unit != total.unit
            and first.paragraph == total.paragraph and re.fullmatch(r"[^.;:!?]*,\s*", between) is not None)


_BASELINE_BEFORE = re.compile(r"\b(?:from|compared\s+(?:with|to)|against|versus)\s+(?:an?\s+\w+\s+of\s+)?$",
                              re.IGNORECASE)


def _baselines(claims: list[Claim], paragraphs: list[str]) -> set[int]:
    """Figures that give the earlier value of a measure: 'rose to £46m from £29m', 'compared with a loss of
    £17.8m'."""
    spans = _claim_spans(claims, paragraphs)
    return {index for index, (start, _end) in spans.items()
            if _BASELINE_BEFORE.search(paragraphs[claims[index].paragraph], max(0, start - 40), start)}


def _range_ends(claims: list[Claim], paragraphs: list[str]) -> set[int]:
    """Both ends of each range ('€300-400 million', '12 to 15 per cent')."""
    spans = _claim_spans(claims, paragraphs)
    ends: set[int] = set()
    for index in range(len(claims) - 1):
        here, there = claims[index], claims[index + 1]
        if index in spans and index + 1 in spans and here.paragraph == there.paragraph and re.fullmatch(
                r"\s?(?:-|–|to)\s?", paragraphs[here.paragraph][spans[index][1]:spans[index + 1][0]]):
            ends.update((index, index + 1))
    return ends


def _claim_spans(claims: list[Claim], paragraphs: list[str]) -> dict[int, tuple[int, int]]:
    """Where each claim's text stands in its paragraph, claims being in reading order."""
    spans: dict[int, tuple[int, int]] = {}
    position: dict[int, int] = {}
    for index, claim in enumerate(claims):
        if not 0 <= claim.paragraph < len(paragraphs):
            continue
        found = paragraphs[claim.paragraph].find(claim.text, position.get(claim.paragraph, 0))
        if found >= 0:
            spans[index] = (found, found + len(claim.text))
            position[claim.paragraph] = found + len(claim.text)
    return spans


def _following(claims: list[Claim], index: int, used: set[int]) -> list[int]:
    """Indices of the claims that may be parts: after the total, same kind, smaller, nearby, not used."""
    total = claims[index]
    last_of_kind = not any(c.kind == total.kind and c.paragraph == total.paragraph for c in claims[index + 1:])
    reach = total.paragraph + (1 if last_of_kind else 0)
    out = []
    for position in range(index + 1, len(claims)):
        claim = claims[position]
        if claim.paragraph > reach:
            break
        if claim.kind != total.kind or position in used or _RATE_TEXT.search(claim.text):
            continue
        if claim.unit == total.unit and claim.value >= total.value:
            break  # another total begins
        if claim.period and total.period and claim.period != total.period:
            break
        out.append(position)
    return out


def _by_subject(claims: list[Claim], following: list[int], total: Claim) -> list[int]:
    """One part per distinct subject: its figure in the total's unit when it gives two ('€2.4bn ($2.6bn)')."""
    chosen: dict[str, int] = {}
    for position in following:
        claim = claims[position]
        if total.kind == "count" and claim.unit != total.unit:
            continue  # counts of other things are never parts of this count ("7 tackles", "3 assists")
        if not claim.subject or claim.subject == total.subject:
            if claim.unit == total.unit:
                break  # a figure in the list about nothing new ends the list
            continue
        current = chosen.get(claim.subject)
        if current is None or (claims[current].unit != total.unit and claim.unit == total.unit):
            chosen[claim.subject] = position
    return list(chosen.values())


def _with_part_before(claims: list[Claim], index: int, parts: list[int], used: set[int]) -> list[int]:
    """'won 68 of the 126 seats': the figure just before the total is a part when the parts fall short without it."""
    total, before = claims[index], index - 1
    if before < 0 or before in used:
        return parts
    candidate = claims[before]
    if (candidate.paragraph != total.paragraph or candidate.kind != total.kind or candidate.unit != total.unit
            or candidate.value >= total.value or candidate.subject in {claims[i].subject for i in parts}):
        return parts
    parts_sum = sum(claims[i].value for i in parts if claims[i].unit == total.unit)
    if parts_sum + candidate.value <= total.value + _tolerance(total, [claims[i] for i in parts] + [candidate]):
        return [before, *parts]
    return parts


def _other_things(claims: list[Claim], following: list[int], total: Claim) -> list[int]:
    """Counts of different things in a row after a count total, when they say they are its kind: '34 vehicles …
    The vehicles included 11 tractor-trailers, 20 cars and three trucks' (the first one's subject is 'vehicles');
    also three or more whose first one is about another common noun ('The claimants include …')."""
    first_subject = claims[following[0]].subject if following else None
    if total.kind != "count" or not first_subject or (first_subject != total.unit and not (
            first_subject[:1].islower() and len(following) >= 3)):
        return []
    run: list[int] = []
    for position in following:
        claim = claims[position]
        if claim.unit == total.unit or claim.unit in {claims[i].unit for i in run}:
            break
        run.append(position)
    return run


def _collective(subject: str) -> bool:
    """A total is about a common-noun phrase ('bilateral trade') or says it is a total ('combined sales')."""
    return subject[:1].islower() or _TOTAL_WORDS.search(subject) is not None


def _check(total: Claim, parts: list[Claim], whole_split: bool = False) -> Check:
    names = ", ".join(part.subject or part.unit or "?" for part in parts)
    where = f" ({total.subject or total.text}: {names})"
    if total.kind == "money" and any(part.unit != total.unit for part in parts):
        units = ", ".join(sorted({part.unit or "?" for part in parts}))
        return Check(kind="parts-vs-total", status="not-checkable",
                     detail=f"total {total.text}, parts in other currencies ({units}){where}")
    parts_sum = sum(part.value for part in parts)
    gap = total.value - parts_sum
    scale, word = _display_scale(total.value)
    unit = f" {total.unit}" if total.unit and total.kind == "money" else f" {total.unit}" if total.unit else ""
    head = (f"parts sum to {_number(parts_sum / scale)}{word}{unit}, total {_number(total.value / scale)}{word}"
            f"{unit}")
    amount = f"{_number(abs(gap) / scale)}{word}"
    if abs(gap) <= _tolerance(total, parts):
        within = "exact" if gap == 0 else f"{amount} {'short' if gap > 0 else 'over'}, within rounding"
        return Check(kind="parts-vs-total", status="consistent", detail=f"{head}: {within}{where}")
    # Two figures may be a selection ("with Germany at $4bn and France at $3bn"), unless the words split the whole.
    if gap > 0 and len(parts) < 3 and not whole_split:
        return Check(kind="parts-vs-total", status="not-checkable",
                     detail=f"{head}: {amount} unaccounted for; the parts may be a selection{where}")
    return Check(kind="parts-vs-total", status="inconsistent",
                 detail=f"{head}: {amount} {'short' if gap > 0 else 'over'}{where}")


def _tolerance(total: Claim, parts: list[Claim]) -> float:
    return max(RELATIVE_TOLERANCE * total.value, _rounding(total) + sum(_rounding(part) for part in parts))


def _rounding(claim: Claim) -> float:
    """Half a unit of the last written digit, for figures written with decimals or a scale word, else 0.

    '$70 billion' -> 0.5 billion, '15.5 billion dollars' -> 0.05 billion; '14 people' is exact.
    """
    digits = re.search(_DIGITS, claim.text)
    if not digits:
        return 0.0
    written = digits.group(0).replace(",", "")
    number = float(written)
    if number == 0 or ("." not in written and claim.value == number):
        return 0.0
    decimals = len(written.split(".")[1]) if "." in written else 0
    return 0.5 * (10 ** -decimals) * claim.value / number


def _display_scale(value: float) -> tuple[float, str]:
    for scale, word in ((1e12, " trillion"), (1e9, " billion"), (1e6, " million")):
        if value >= scale:
            return scale, word
    return 1.0, ""


def _number(value: float) -> str:
    return f"{value:,.3f}".rstrip("0").rstrip(".")
