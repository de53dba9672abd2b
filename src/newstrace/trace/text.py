"""Text features for tracing: sentences, content-word stems, and anchors.

Anchors are what survives paraphrase and translation: names (capitalised
words, reduced to a transliteration-tolerant key) and numbers (normalised to
values, so "$70 billion", "70 billion dollars" and "70.000 millones" agree).
Stems are a cheap, language-light stand-in for word identity: lower-cased
content words with common English suffixes cut off.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

_WORD = re.compile(r"[^\W_](?:[\w’'\-]*[^\W_])?")
_DIGIT = re.compile(r"\d")
# The word before the stop is looked at only where a sentence could end (`_word_before`): a word group
# at the front of the pattern made the engine try it at every word start of the text.
_SENTENCE_END = re.compile(r"[.!?…](?P<close>[\"”’»)\]]*)\s+(?=[\"“‘«(\[]?[A-Z0-9À-Ý])")
_WORD_OR_DOT = re.compile(r"[\w.]+")
_WORD_CHAR = re.compile(r"\w")
# Abbreviations after which a full stop does not end the sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr sen rep gov gen col lt sgt capt cmdr adm st prof jr sr inc corp co ltd no vs etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u".split()
)
# Matched from the first digit, so that the engine skips ahead to digits (a leading optional currency
# group made it try every position); the currency matters only for the one-letter scales (`_FIGURE_CURRENCY`).
_NUMBER = re.compile(
    r"(?P<digits>\d{1,3}(?:[,.\u00a0 ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?:\s?(?P<scale>mil millones|mil milhões|trillions?|billions?|millions?|thousands?|bn|mn|mln|tn|m|b|k|"
    r"millones|milliards?|milliarden|millionen|miliardi|milioni|milhões|bilhões|mio|mrd|crores?|lakhs?)\b)?"
    r"(?:\s?(?P<percent>%|percents?\b|per cent\b|por ciento\b|pour cent\b|prozent\b|per cento\b))?",
    re.IGNORECASE,
)
_FIGURE_CURRENCY = re.compile(r"(?:[$€£¥]|US\$|USD|EUR|GBP)\s?$", re.IGNORECASE)
_SCALES = {
    "thousand": 1e3, "thousands": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
    "millones": 1e6, "millionen": 1e6, "milioni": 1e6, "milhões": 1e6, "mio": 1e6, "billion": 1e9, "billions": 1e9,
    "bn": 1e9, "b": 1e9, "mil millones": 1e9, "mil milhões": 1e9, "milliard": 1e9, "milliards": 1e9,
    "milliarden": 1e9, "miliardi": 1e9, "bilhões": 1e9, "mrd": 1e9, "trillion": 1e12, "trillions": 1e12,
    "tn": 1e12, "crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5,
}
_NUMBER_WORDS = {
    word: value for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
        " seventeen eighteen nineteen twenty".split())
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
     "hundred": 100, "dozen": 12, "half": 0.5}
# Languages that write 1.234,5 rather than 1,234.5.
_DECIMAL_COMMA = frozenset("de es fr it pt nl pl ru uk tr da sv no nb fi cs sk ro hu hr sl el id vi".split())

STOPWORDS = frozenset("""
a about above after again against all also although am among an and another any are around as at be because
been before being below between both but by can could did do does doing down during each either even ever every
few for from further had has have having he her here hers herself him himself his how however i if in into is it
its itself just last least less let like made make many may me might more most much must my near neither never
new next no nor not now of off often on once one only or other our ours out over own per perhaps rather said same
say says she should since so some still such than that the their theirs them themselves then there these they
this those though through thus to too toward towards under until up upon us very via was we were what when where
whether which while who whom whose why will with within without would yet you your yours
monday tuesday wednesday thursday friday saturday sunday january february march april june july august
september october november december mr mrs ms dr
""".split())


@dataclass(frozen=True)
class Sentence:
    text: str
    paragraph: int
    tokens: tuple[str, ...]
    anchors: frozenset[str]  # "n:<value>" numbers, "p:<value>" percentages, "w:<key>" names
    numbers: tuple[str, ...]  # number anchors in order, for fact comparison

    @property
    def words(self) -> int:
        return len(self.tokens)

    # Stems serve only the alignment of candidate pairs, not the signatures every article needs: computed
    # when first asked for.
    @cached_property
    def stems(self) -> frozenset[str]:
        return frozenset(content_stems(self.tokens))

    @property
    def numbers_set(self) -> frozenset[str]:
        return frozenset(self.numbers)


def sentences_of(paragraphs: list[str], language: str | None = None) -> list[Sentence]:
    """Split paragraphs into sentences and compute their features."""
    decimal_comma = uses_decimal_comma(language)
    out = []
    for index, paragraph in enumerate(paragraphs):
        for text in split_sentences(paragraph.strip()):
            out.append(sentence_features(text, index, decimal_comma))
    return out


def uses_decimal_comma(language: str | None) -> bool:
    return (language or "en")[:2] in _DECIMAL_COMMA


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph, closing quotes kept, not split after 'Mr.' or 'Sen.'."""
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(paragraph):
        word = _word_before(paragraph, match.start(), start).lower().rstrip(".")
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):  # "J. Smith"
            continue
        sentences.append(paragraph[start:match.end("close")].strip())
        start = match.end()
    sentences.append(paragraph[start:].strip())
    return [sentence for sentence in sentences if sentence]


def _word_before(text: str, end: int, floor: int) -> str:
    """The word before a stop: the longest run of 1-6 word characters and dots that ends at `end` and
    starts at a word boundary (what a leading `\\b[\\w.]{1,6}` group in the pattern would capture)."""
    for begin in range(max(floor, end - 6), end):
        run = text[begin:end]
        if _WORD_OR_DOT.fullmatch(run) and _starts_word(text, begin):
            return run
    return ""


def _starts_word(text: str, index: int) -> bool:
    """A regex word boundary just before text[index]."""
    after_word = index > 0 and _WORD_CHAR.match(text, index - 1) is not None
    return after_word != (_WORD_CHAR.match(text, index) is not None)


def sentence_features(text: str, paragraph: int, decimal_comma: bool = False) -> Sentence:
    tokens = _WORD.findall(text)
    roles = list(map(token_anchors, tokens))  # each token's (name anchor, number-word anchor), once
    numbers = _numbers(text, decimal_comma, roles)
    names = _names(tokens, roles)
    return Sentence(text=text, paragraph=paragraph, tokens=tuple(tokens), anchors=frozenset(numbers + names),
                    numbers=tuple(numbers))


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


def words_of_sentences(sentences: Iterable[Sentence]) -> list[str]:
    """The body's words in order, from its sentences: equal to `words_of` the body, as sentences split only
    at spaces (property test)."""
    return [token for sentence in sentences for token in sentence.tokens]


def content_stems(tokens: Iterable[str]) -> list[str]:
    return [stem for stem in map(_content_stem, tokens) if stem is not None]


@lru_cache(maxsize=1 << 18)
def _content_stem(token: str) -> str | None:
    """The token's stem; None for a stopword, a word of one or two letters, or a number."""
    lowered = token.lower()
    if lowered in STOPWORDS or len(lowered) <= 2 or lowered.isdigit():
        return None
    return stem(lowered)


_SUFFIXES = ("ational", "ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ers", "est", "ed", "es",
             "ly", "er", "s", "e")


@lru_cache(maxsize=1 << 18)
def stem(word: str) -> str:
    """A crude, fast English stemmer: enough for 'agreed'/'agreement'/'agrees' to meet."""
    word = fold(word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:7]


@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """Lower-case, strip diacritics and apostrophes/hyphens: 'Xi’an' -> 'xian', 'Žemaitė' -> 'zemaite'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 18)
def name_key(word: str) -> str:
    """A transliteration-tolerant key for a name: first letter plus consonant skeleton.

    'Sadyr' and 'Sadir' give 'sdr'; 'Xian' and 'Xi’an' give 'xn'.
    """
    folded = fold(word)
    if len(folded) <= 3:
        return folded  # short names ('Xi', 'Wu', 'Li') have no skeleton to speak of
    skeleton = folded[0] + "".join(ch for ch in folded[1:] if ch not in "aeiouy")
    # Collapse doubled consonants ('Gaddafi'/'Gadafi').
    return re.sub(r"(.)\1+", r"\1", skeleton)


def _names(tokens: list[str], roles: list[tuple[str | None, str | None]]) -> list[str]:
    """Name anchors of a sentence's tokens, in order: capitalised words outside the stopwords.

    A capitalised first word is a name only when the next word is capitalised too ("Kassym-Jomart
    Tokayev said"); otherwise it is just the start of the sentence.
    """
    names = [name for name, _ in roles if name]
    if names and roles[0][0] and not (len(tokens) > 1 and tokens[1][:1].isupper()):
        del names[0]
    return names


# Looked up once per distinct word (words repeat across a corpus): the token's name anchor, when it is a
# capitalised word outside the stopwords, and its number anchor, when it is a number word.
@lru_cache(maxsize=1 << 18)
def token_anchors(token: str) -> tuple[str | None, str | None]:
    lowered = token.lower()
    name = None
    if token[:1].isupper() and lowered not in STOPWORDS and not (token.isupper() and len(token) <= 1):
        key = name_key(token)
        name = "w:" + key if key else None
    number = None
    if lowered in _NUMBER_WORDS and lowered not in ("one", "half"):
        number = f"n:{_NUMBER_WORDS[lowered]:.4g}"
    return name, number


def number_anchors(text: str, decimal_comma: bool = False) -> list[str]:
    """Every number in the text as a normalised anchor, figures then number words: 'n:7e+10', 'p:7.5'."""
    return _numbers(text, decimal_comma, list(map(token_anchors, _WORD.findall(text))))


def _numbers(text: str, decimal_comma: bool, roles: list[tuple[str | None, str | None]]) -> list[str]:
    spelled = [number for _, number in roles if number]
    return (digit_anchors(text, decimal_comma) if _DIGIT.search(text) else []) + spelled


def digit_anchors(text: str, decimal_comma: bool) -> list[str]:
    anchors = []
    for match in _NUMBER.finditer(text):
        digits, scale, percent = match.groups(default="")
        scale = scale.lower()
        if scale in ("m", "b", "k") and not _FIGURE_CURRENCY.search(text, max(0, match.start() - 4), match.start()):
            scale = ""  # "5 m" is metres, "3 k" is ambiguous; only "$5m" is money
        anchors += _figure_anchors(digits, scale, bool(percent), decimal_comma)
    return anchors


@lru_cache(maxsize=1 << 16)
def _figure_anchors(digits: str, scale: str, percent: bool, decimal_comma: bool) -> tuple[str, ...]:
    """The anchors of one written figure: its value(s) times the scale, as a count or a percentage."""
    kind = "p" if percent else "n"
    return tuple(f"{kind}:{value * _SCALES.get(scale, 1.0):.4g}" for value in _number_values(digits, decimal_comma))


def _number_values(digits: str, decimal_comma: bool) -> list[float]:
    """The value of a written number; both readings when '13.900' could be 13.9 or 13900.

    Translated and machine-translated copies write figures in the other
    convention, so an ambiguous figure must be able to match either way.
    """
    digits = digits.replace("\u00a0", " ")
    separators = [ch for ch in digits if ch in ",. "]
    if not separators:
        return [float(digits)]
    decimal = _decimal_separator(digits, separators, decimal_comma)
    readings = {decimal}
    if len(separators) == 1 and separators[0] != " " and len(digits) - digits.index(separators[0]) - 1 == 3:
        readings = {separators[0], None}
    values = []
    for separator in readings:
        cleaned = "".join("." if ch == separator else "" if ch in ",. " else ch for ch in digits)
        try:
            values.append(float(cleaned))
        except ValueError:
            continue
    return values


def _decimal_separator(digits: str, separators: list[str], decimal_comma: bool) -> str | None:
    """Which separator in '1,234.5' / '2.400' / '2,4' marks decimals (None: only thousands)."""
    if len(set(separators)) > 1:
        return separators[-1]
    separator = separators[0]
    if separator == " " or len(separators) > 1:
        return None
    after = len(digits) - digits.index(separator) - 1
    if after != 3:
        return separator
    # '2.400' and '1,125': thousands or decimals by the language's convention.
    return separator if (separator == ",") == decimal_comma else None
