"""Quotes and who said them: direct, partial and "according to" statements.

Rule-based, over the paragraphs and the article's entities (whose mentions
carry paragraph offsets, so a speaker phrase is resolved by overlap first).

What counts as a quote:
- direct: a quotation that stands as a sentence (it opens the sentence, or is
  introduced by "said:" / "said,"), with a speech verb next to it in either
  order ("“…,” Tokayev told Xi", "said Japarov", "the minister said: “…”"), or
  introduced by a paragraph of its own ending "said:". A quotation with no
  attribution continues the previous quote's speaker when that quote is in the
  same paragraph or one of the two before; a quotation that runs on into the
  next paragraph (British style) takes the speaker named there.
- partial: a quoted phrase of three or more words inside a sentence whose
  speech verb names the speaker ("said the talks had been “frank and
  useful”"); after "called", "dubbed", "described" ... three words when the
  verb has an object before them ("called the bonus “an election
  sweetener”"), else four (three would be a name: "a show called “Ask
  Dr. Mike”", "it is called “pigeon breeder’s lung”", "so-called"); not
  titles ("titled “A Future for All”", or every long word capitalised).
- a quotation resumed after its attribution in the same sentence ("“A,” said
  X, who farms near Y, “b.”") is a direct quote by the same speaker.
- attributed: a sentence with "according to X" and no quotation; the text is
  the sentence without the attribution; the speaker is the named body or
  person in X ("a report published by the X Authority" -> X Authority), X as
  written when it names a body through its country ("China’s foreign
  ministry"), the body named before for "the board", "the bank" ... alone
  (not "the bank's weekly data"), and None for an unnamed source ("the text
  of the bill").
Scare quotes (a word or short phrase, no speech verb: ‘lasting’, “Weal and
woe”) are not quotes. Single quotes (‘…’ and '…') are quotation marks only
when they open at a word start and close before a non-letter, so the
apostrophes in "China’s" and "don't" never open or close one.

Speakers: a name inside the speaker phrase (the head: "Terra Viva spokesman
Marc Solé" is Marc Solé) gives its entity's canonical name; a surname alone
gives the full name the article used first ("Imboden" -> "Lukas Imboden"),
ranks are dropped ("Trooper Dana Whitcomb" -> "Dana Whitcomb"); a role ("the
minister", "the company") gives the latest entity introduced with it, "the
spokesperson" the body named after "a spokesperson for"; a pronoun is resolved
by `_pronoun_speaker` (see there), never to a name right after "in", "near" or
"outside" ("In Tefé, fisherman …": a place, whatever the entities say), and
"…, chief executive Hendrik Oosthuizen said" is by the titled name, not by the
end of the clause before its comma; an unknown name is kept as written without
its title (short ones too: "Gov.", "Sgt", "Insp."). None when nobody is named,
and for a person the story leaves unnamed ("said a resident", "a trader told
Reuters", "one official said"): the bare quotes and pronouns that continue
theirs stay None rather than go to someone named before. "According to" a body
the entities cut short gives its whole name ("the Cotton and Cashew Council",
"the Garment Manufacturers Association in Cambodia").
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Entity, Quote
from .gazetteer import PLAIN_LETTERS
from .rules import HONORIFICS, ORG_CUES, PORTFOLIOS

__all__ = ["find_quotes", "quote_spans", "sentence_spans", "fold"]

# Opening mark -> the marks that may close it.
_CLOSERS = {"“": "”", "«": "»", "„": "“”", "‘": "’", '"': '"', "'": "'"}
_OPENERS = re.compile("[“«„‘\"']")
_SINGLE = "‘'"  # single marks: also apostrophes, so they open only at a word start and close before a non-letter
_SPEECH_WORDS = (
    "was quoted as saying|were quoted as saying|quoted as saying|according to|pointed out|points out|"
    "said|says|say|saying|told|tells|added|adds|adding|stated|states|warned|warns|noted|notes|declared|declares|"
    "explained|explains|asked|asks|replied|replies|insisted|insists|stressed|stresses|argued|argues|wrote|"
    "writes|claimed|claims|announced|announces|continued|continues|recalled|recalls|acknowledged|acknowledges|"
    "admitted|admits|concluded|concludes|emphasi[sz]ed|emphasi[sz]es|remarked|remarks|commented|comments|"
    "observed|observes|tweeted|tweets|posted|vowed|vows|pledged|pledges|urged|urges|cautioned|cautions|"
    "suggested|suggests|predicted|predicts|responded|responds|answered|answers|conceded|concedes|confirmed|"
    "confirms|reiterated|reiterates|underlined|underlines|highlighted|highlights|complained|complains|"
    "promised|promises|asserted|asserts|maintained|maintains|quipped|joked|shouted|reported|reports|"
    "insisted|recounted|recounts|boasted|boasts|lamented|laments|countered|counters|agreed|agrees"
)
_SPEECH = re.compile(rf"\b(?:{_SPEECH_WORDS})\b", re.IGNORECASE)
# Verbs that introduce a quoted phrase but not a whole quotation ("called it “…”").
_PARTIAL_CUES = re.compile(
    rf"\b(?:{_SPEECH_WORDS}|call(?:s|ed)?|describ(?:es|ed)|dubb?(?:s|ed)|term(?:s|ed)|brand(?:s|ed)|"
    r"label(?:l?ed|s)|hail(?:s|ed)|accus(?:es|ed)|prais(?:es|ed)|critici[sz](?:es|ed)|condemn(?:s|ed)|"
    r"denounc(?:es|ed)|refer(?:s|red) to)\b",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…]+([\"”’»)\]']*)(\s+)(?=[\"“‘«„(\['’]?[A-Z0-9À-Ý])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr sen rep gov gen col lt sgt capt cmdr adm st prof jr sr inc corp co ltd no vs etc "
    "maj supt insp amb det cpl pvt brig cdr lieut "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m".split()
)
_PRONOUNS = frozenset("he she they it we i".split())
# Words between a speaker and the verb that are not part of the name ("Tokayev later told").
_FILLERS = frozenset(
    "also later then again once previously earlier recently further simply repeatedly publicly separately "
    "reportedly quickly flatly bluntly has had have was were is are would will had has been just only "
    "subsequently himself herself themselves".split()
)
# Where a speaker noun phrase after the verb stops ("said Japarov, adding", "said the minister in a statement").
_NP_STOP = frozenset(
    "who which whose in on at during adding after before when while as to that speaking according from "
    "told with referring in noting and but because".split()
)
_TITLES = frozenset(
    "president prime minister foreign finance defence defense deputy vice chancellor premier secretary "
    "spokesman spokeswoman spokesperson ambassador governor mayor senator sen rep representative general gen "
    "king queen prince princess sheikh emir chairman chairwoman chair ceo chief executive director head "
    "leader mr mrs ms dr prof professor pope cardinal bishop judge justice commissioner envoy minister-president "
    "lord lady sir state interior economy trade culture health energy top senior acting former incoming "
    "outgoing new general-secretary secretary-general commander colonel lieutenant captain admiral trooper "
    "comrade officer sergeant detective inspector constable corporal councillor councilman councilwoman "
    "congressman congresswoman mp lawmaker rev reverend father imam rabbi coach superintendent marshal sheriff "
    "attorney prosecutor organiser organizer glaciologist archaeologist chairperson mayor-elect dame "
    "administrator founder co-founder owner manager analyst strategist economist actor actress singer author "
    "writer editor reporter correspondent columnist producer striker midfielder defender goalkeeper "
    "quarterback pitcher guard forward president-elect vice-president attorney-general "
    # ranks and offices written short, with or without the full stop: "Gov. Alejandro Treviño Garza"
    "gov lt col maj capt sgt supt insp amb cmdr cdr adm det cpl pvt brig lieut".split()
) | HONORIFICS
_SHORT_TITLES = frozenset("gov sen rep gen lt col maj capt sgt supt insp amb cmdr cdr adm det cpl pvt brig lieut mr "
                          "mrs ms dr prof".split())
# Capitalised words that open a sentence but never a name ("But Parise said", "To LeBron James, …").
_NOT_NAME_START = frozenset("the a an but and to so as in for with when after while if yet or also now then "
                            "meanwhile however still asked speaking said according".split())
_PARTICLES = frozenset("van der de den da di du von bin ibn al el la le dos das del i y arap".split())
_ROLE_WORDS = frozenset(
    "president minister premier chancellor spokesman spokeswoman spokesperson ambassador governor mayor "
    "senator leader secretary chairman chairwoman chair chief executive director head king queen envoy "
    "official commander general judge diplomat analyst economist officer lawyer prosecutor coach doctor".split()
)
# Other words that, written before a name, give the role a later "the judge said" refers to.
_ROLE_SYNONYMS = {"judge": ("judge", "justice", "magistrate"), "lawyer": ("lawyer", "attorney", "counsel"),
                  "doctor": ("doctor", "dr "), "chief": ("chief", "ceo")}
# "one woman, who gave her name only as Mrs Adebayo": the name an unnamed speaker is then given.
_GIVEN_NAME = re.compile(r"[^.;“”\"]{0,60}?\b(?:(?:gave|giving|gives)\s+(?:his|her|their)\s+(?:first\s+|full\s+)?"
                         r"name|identified(?:\s+(?:himself|herself|themselves))?)\s+(?:only\s+)?as\s+"
                         r"((?:Mrs|Mr|Ms|Dr)\.?\s+[A-Z][\w’'-]*|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)")
_ORG_WORDS = frozenset(
    "ministry government company firm group bank agency office court police army committee commission "
    "council department embassy party union organisation organization institute authority authorities "
    "kremlin cabinet parliament board bureau directorate association federation chamber cooperative "
    "fund forum".split()
)
# "according to the board", "according to the bank": the body the article named with that word before.
_BODY_BY_WORD = re.compile(rf"^the\s+(?:{'|'.join(sorted(_ORG_WORDS))})$", re.IGNORECASE)
# "the company said": the latest organisation, whatever its name.
_GENERIC_ORGS = frozenset("company firm group carmaker automaker retailer airline insurer lender operator developer "
                          "miner producer manufacturer club business conglomerate startup utility".split())
_ATTRIBUTION_NOT_SOURCES = frozenset(("plan", "schedule", "the plan", "the schedule", "rules", "the rules", "law",
                                      "the law", "tradition", "some", "reports", "media reports"))


@dataclass(frozen=True)
class QuoteSpan:
    """A quoted stretch of a paragraph: [start, end) includes the marks; `text` is the words inside."""

    start: int
    end: int
    text: str
    closed: bool


@dataclass
class _Speaker:
    text: str
    start: int  # paragraph offsets of the speaker words
    end: int
    verb_start: int
    verb: str = ""  # the speech verb that attributes the words
    whole: bool = True  # False: the last words of a longer clause, which need not be its subject's start


@dataclass
class _Context:
    """What speaker resolution needs: the text, entity mentions, and the running quote chain."""

    paragraphs: list[str]
    mentions: list[tuple[int, int, int, Entity]]  # (paragraph, start, end, entity), reading order
    # The same mentions by paragraph, (start, end, entity) in reading order: most look-ups stay in one paragraph.
    in_paragraph: dict[int, list[tuple[int, int, Entity]]] = field(default_factory=dict)
    last_speaker: str | None = None
    last_quote_paragraph: int = -10
    # The last quote's speaker is a person the story leaves unnamed ("said a resident"): pronouns and bare
    # quotes that continue it stay unnamed rather than fall back on someone named earlier.
    last_unnamed: bool = False
    unnamed_now: bool = False  # set while the quote at hand is resolved
    # Full names by folded surname, so that a later "Imboden said" gives "Lukas Imboden".
    full_names: dict[str, str] = field(default_factory=dict)
    # For `_by_name`, built at its first use: each person or organisation mention with its entity's folded forms.
    named_keys: list[tuple[Entity, set[str], set[str]]] = field(default_factory=list)


def find_quotes(paragraphs: list[str], entities: list[Entity]) -> list[Quote]:
    """Direct, partial and attributed quotes with their (normalised) speakers, in reading order."""
    context = _Context(paragraphs=list(paragraphs), mentions=_mention_index(paragraphs, entities))
    for paragraph, start, end, entity in context.mentions:
        context.in_paragraph.setdefault(paragraph, []).append((start, end, entity))
    for entity in sorted(entities, key=lambda e: -len(e.name)):
        if entity.type == "person":
            _remember(_without_title(entity.name), context)
    for index, paragraph in enumerate(paragraphs):  # names the entity list may have cut short ("Danladi")
        for run in _NAME_RUN.finditer(paragraph):
            name = _bare_name(run.group(0))
            if name and len(name.split()) >= 2 and not _known_place(index, run.start(), run.end(), context):
                _remember(name, context)
    found: list[tuple[Quote, bool]] = []  # each quote, and whether its quotation runs on past its paragraph
    for index, paragraph in enumerate(paragraphs):
        spans = quote_spans(paragraph)
        found.extend(_quotes_in_paragraph(index, paragraph, spans, context))
        found.extend((quote, False) for quote in _attributed(index, paragraph, spans, context))
    return _attribute_run_on(found)


def _attribute_run_on(found: list[tuple[Quote, bool]]) -> list[Quote]:
    """British style: a quotation that runs on into the next paragraph takes the speaker named there."""
    quotes = [quote for quote, _runs_on in found]
    for position in reversed(range(len(found) - 1)):
        quote, runs_on = found[position]
        following = quotes[position + 1]
        if (runs_on and quote.speaker is None and quote.kind == "direct" and following.kind == "direct"
                and following.paragraph == quote.paragraph + 1 and following.speaker is not None):
            quotes[position] = Quote(text=quote.text, speaker=following.speaker, paragraph=quote.paragraph,
                                     kind=quote.kind)
    return quotes


# --- finding quotation marks and sentences ------------------------------------------------------------


@lru_cache(maxsize=4096)
def quote_spans(paragraph: str) -> tuple[QuoteSpan, ...]:
    """The outermost quotations in a paragraph, left to right (nested ones are inside them).

    Cached: quotes, claims and relative dates all read the same paragraphs.
    """
    spans, position = [], 0
    while True:
        mark = _OPENERS.search(paragraph, position)
        if mark is None:
            return tuple(spans)
        span = _span_at(paragraph, mark.start())
        if span is None:
            position = mark.start() + 1
            continue
        spans.append(span)
        position = max(span.end, mark.start() + 1)


def _span_at(paragraph: str, position: int) -> QuoteSpan | None:
    mark = paragraph[position]
    if mark not in _CLOSERS:
        return None
    if mark in "‘\"'" and position > 0 and paragraph[position - 1].isalnum():
        return None  # an apostrophe or inch mark, not an opening quote
    if mark == "'" and not paragraph[position + 1:position + 2].isalpha():
        return None
    close = _closing_index(paragraph, position, mark)
    if close is None:
        if mark in _SINGLE:
            return None
        if paragraph[:position].strip(" —–-") != "":
            return None  # an unclosed quote only counts when it opens the paragraph (runs on to the next)
        return QuoteSpan(position, len(paragraph), paragraph[position + 1:].strip(), False)
    return QuoteSpan(position, close + 1, paragraph[position + 1:close].strip(), True)


def _closing_index(paragraph: str, position: int, mark: str) -> int | None:
    closers = _CLOSERS[mark]
    for index in range(position + 1, len(paragraph)):
        if paragraph[index] not in closers:
            continue
        if mark in _SINGLE:
            after = paragraph[index + 1:index + 2]
            if after.isalnum() or paragraph[index - 1].isspace():
                continue  # "don’t": an apostrophe inside the quote
        return index
    return None


@lru_cache(maxsize=4096)
def sentence_spans(paragraph: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence; never split inside a quotation or after 'Mr.'. Cached like quote_spans."""
    protected = quote_spans(paragraph)
    bounds, start = [], 0
    for match in _SENTENCE_END.finditer(paragraph):
        punct, end = match.start(), match.start(2)
        if _inside_quote(punct, end, protected) or _after_abbreviation(paragraph, punct):
            continue
        bounds.append((start, end))
        start = match.end()
    if start < len(paragraph):
        bounds.append((start, len(paragraph)))
    return tuple((s, e) for s, e in bounds if paragraph[s:e].strip())


def _inside_quote(punct: int, end: int, spans: tuple[QuoteSpan, ...]) -> bool:
    return any(span.start < punct and end < span.end for span in spans)


def _after_abbreviation(paragraph: str, punct: int) -> bool:
    word = re.search(r"([\w.]{1,6})$", paragraph[max(0, punct - 8):punct])
    if not word:
        return False
    token = word.group(1).lower().rstrip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _word_count(text: str) -> int:
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


# --- direct and partial quotes ------------------------------------------------------------------------


def _quotes_in_paragraph(index: int, paragraph: str, spans: list[QuoteSpan],
                         context: _Context) -> list[tuple[Quote, bool]]:
    sentences = sentence_spans(paragraph)
    quotes: list[tuple[Quote, bool]] = []
    previous_end = 0
    previous_direct = False
    for number, span in enumerate(spans):
        sentence = next(((s, e) for s, e in sentences if s <= span.start < e), (0, len(paragraph)))
        next_start = spans[number + 1].start if number + 1 < len(spans) else len(paragraph)
        before_start = max(sentence[0], previous_end)
        context.unnamed_now = False
        if previous_direct and previous_end > sentence[0] and _resumes(paragraph[previous_end:span.start]):
            quote = Quote(text=_clean(span.text), speaker=_chained(context), paragraph=index, kind="direct")
        else:
            quote = _classify(index, paragraph, span, before_start, next_start, sentence, context, bool(quotes))
        previous_end = span.end
        previous_direct = quote is not None and quote.kind == "direct"
        if quote is None:
            continue
        quotes.append((quote, not span.closed))
        context.last_speaker, context.last_quote_paragraph = quote.speaker, index
        context.last_unnamed = context.unnamed_now and quote.speaker is None
    return quotes


def _resumes(between: str) -> bool:
    """'“A,” said Nkodo, who farms near Mbalmayo, “b.”': after a direct quote in the same sentence, words that
    attribute it and end in a comma lead into the rest of the same quotation, by the same speaker."""
    return between.rstrip().endswith(",") and _SPEECH.search(between) is not None and _word_count(between) <= 30


def _classify(index: int, paragraph: str, span: QuoteSpan, before_start: int, next_start: int,
              sentence: tuple[int, int], context: _Context, earlier_in_paragraph: bool) -> Quote | None:
    """A Quote for this quotation, or None for a scare quote / title."""
    words = _word_count(span.text)
    if words == 0:
        return None
    before = paragraph[before_start:span.start]
    opens_sentence = before.strip(" \t—–-") == ""
    speaker = _speaker_before(paragraph, before_start, span.start)
    introduced = speaker is not None and re.search(r"[:,]\s*$|\bthat\s*$", before) is not None
    if _is_title(paragraph, span):
        return None
    if opens_sentence or introduced:
        after = _speaker_after(paragraph, span.end, next_start)
        found, where = (speaker if introduced else after), index
        if found is None and paragraph[:span.start].strip() == "":
            found, where = _introduced_before(index, context), index - 1
        ends_like_sentence = span.text[-1:] in ",.?!…—–-" or not span.closed
        if found is not None and (ends_like_sentence or words >= 4):
            name = _resolve(found, where, context, earlier_in_paragraph)
            return Quote(text=_clean(span.text), speaker=name, paragraph=index, kind="direct")
        if opens_sentence and ends_like_sentence and words >= 3:
            name = _continued_speaker(index, context)
            return Quote(text=_clean(span.text), speaker=name, paragraph=index, kind="direct")
    return _partial(index, paragraph, span, sentence, context, earlier_in_paragraph)


def _partial(index: int, paragraph: str, span: QuoteSpan, sentence: tuple[int, int], context: _Context,
             earlier_in_paragraph: bool) -> Quote | None:
    """A quoted phrase inside reported speech: three words after 'said' or 'told', and after 'called',
    'described' ... with an object between; four otherwise (see `_names_a_thing`)."""
    words = _word_count(span.text)
    if words < 3 or _is_title(paragraph, span):
        return None
    speaker = _sentence_speaker(paragraph, sentence, span)
    if speaker is None or (words < 4 and not _SPEECH.fullmatch(speaker.verb)
                           and _names_a_thing(paragraph, sentence[0], span.start)):
        return None
    name = _resolve(speaker, index, context, earlier_in_paragraph)
    return Quote(text=_clean(span.text), speaker=name, paragraph=index, kind="partial")


# Right before a quoted phrase: words that give a thing its name ("the so-called “red zone areas”", "the
# nickname of “…”", "known as “…”").
_NAMING_BEFORE = re.compile(r"\b(?:so[- ]called|nickname|name|term|label|moniker|known as|referred to as)\s+"
                            r"(?:of\s+)?(?:the\s+)?$", re.IGNORECASE)


def _names_a_thing(paragraph: str, sentence_start: int, quote_start: int) -> bool:
    """A short phrase after 'called', 'dubbed' ... is a name, not the speaker's words, unless the verb has its
    own object first ('called the bonus “an election sweetener”', 'called it an “…”'): 'a show called “…”', 'it
    is called “…”', 'what's called “…”', 'the nickname of “…”'."""
    if _NAMING_BEFORE.search(paragraph, max(sentence_start, quote_start - 40), quote_start):
        return True
    cues = list(_PARTIAL_CUES.finditer(paragraph, sentence_start, quote_start))
    return not cues or paragraph[cues[-1].end():quote_start].strip() == ""


def _introduced_before(index: int, context: _Context) -> _Speaker | None:
    """'Chief executive Simran Kaur said:' as a paragraph of its own introduces the quotation after it."""
    previous = context.paragraphs[index - 1].rstrip() if index > 0 else ""
    if not previous.endswith(":"):
        return None
    # From its last sentence: "… supply. Speaking in Cork, he said:" must not reach back to "Cork" past "he".
    last_start = sentence_spans(previous)[-1][0] if previous else 0
    return _speaker_before(previous, last_start, len(previous))


_TITLE_SMALL_WORDS = frozenset("of the a an and in on for to with at by from or".split())


def _is_title(paragraph: str, span: QuoteSpan) -> bool:
    """A report, film or slogan name ('titled “A Future for All”'), not words someone said."""
    if re.search(r"\b(?:titled|entitled|headlined|named|slogan|hashtag)\s*,?\s*$", paragraph[:span.start]):
        return True
    words = [w for w in span.text.split() if w.lower() not in _TITLE_SMALL_WORDS]
    # "Long Train Running": every word capitalised and no punctuation of speech
    return len(words) >= 2 and all(w[:1].isupper() for w in words) and not re.search(r"[,.!?;:]", span.text)


def _continued_speaker(index: int, context: _Context) -> str | None:
    """A quotation with no attribution: the previous quote's speaker, if that quote is recent."""
    if context.last_quote_paragraph >= index - 2:
        return _nobody(context) if context.last_unnamed else context.last_speaker
    return None


def _clean(text: str) -> str:
    """The quoted words, with the comma or dash that joined them to the attribution taken off."""
    return " ".join(text.split()).rstrip(" ,;:—–-")


# --- speaker phrases around a quotation ---------------------------------------------------------------


def _speaker_after(paragraph: str, start: int, stop: int) -> _Speaker | None:
    """'“…,” Tokayev told Xi.' / '“…,” said Japarov.' : the speaker in the clause after a quotation."""
    segment = paragraph[start:stop]
    lead = len(segment) - len(segment.lstrip(" ,;:—–-\u00a0"))
    clause = segment[lead:lead + _clause_length(segment[lead:])]
    verb = _SPEECH.search(clause)
    # "Kurinji Selvaraj, a research analyst at the Council on Energy, Environment and Water, said": a name and
    # its apposition may run long before the verb; anything else that long is no attribution.
    appositive = re.match(r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*(?=\s*,)", clause)
    if verb is None or _word_count(clause[:verb.start()]) > (30 if appositive else 7):
        return None
    base = start + lead
    if appositive and _word_count(clause[:verb.start()]) > 7:
        speaker = _Speaker(text=appositive.group(0), start=base, end=base + appositive.end(),
                           verb_start=base + verb.start())
    elif clause[:verb.start()].strip(" ,") == "":
        speaker = _noun_phrase_after(paragraph, base + verb.end(), base + len(clause), base + verb.start())
    else:
        speaker = _subject_before(paragraph, base, base + verb.start())
    return _with_verb(speaker, verb.group(0))


def _with_verb(speaker: _Speaker | None, verb: str) -> _Speaker | None:
    if speaker is not None:
        speaker.verb = verb.lower()
    return speaker


def _clause_length(text: str) -> int:
    """Up to the first sentence end (not the full stop of 'U.N.' or 'Sen.'), semicolon or opening quote."""
    for match in re.finditer(r"[.!?;](?=\s|$)|[“\"«„]", text):
        if match.group(0) == "." and _after_abbreviation(text, match.start()):
            continue
        return match.start()
    return len(text)


def _speaker_before(paragraph: str, start: int, stop: int) -> _Speaker | None:
    """'Japarov said: “…”' / 'According to Japarov, “…”': a speech verb shortly before the quotation."""
    before = paragraph[start:stop]
    verbs = list(_SPEECH.finditer(before))
    if not verbs:
        return None
    verb = verbs[-1]
    if _word_count(before[verb.end():]) > 8:
        return None
    if verb.group(0).lower() == "according to":
        return _noun_phrase_after(paragraph, start + verb.end(), stop, start + verb.start())
    subject = _subject_before(paragraph, start, start + verb.start())
    if subject is None:  # "Said Japarov: “…”"
        return _noun_phrase_after(paragraph, start + verb.end(), stop, start + verb.start())
    return _with_verb(subject, verb.group(0))


def _sentence_speaker(paragraph: str, sentence: tuple[int, int], span: QuoteSpan) -> _Speaker | None:
    """For a partial quote: the subject of the speech verb nearest the quotation in its sentence."""
    start, end = sentence
    cues = [m for m in _PARTIAL_CUES.finditer(paragraph, start, end) if not (span.start <= m.start() < span.end)]
    if not cues:
        return None
    cue = min(cues, key=lambda m: abs(m.start() - span.start))
    if cue.group(0).lower() == "according to" or paragraph[start:cue.start()].strip(" ,“”\"") == "":
        speaker = _noun_phrase_after(paragraph, cue.end(), end, cue.start())
    else:
        clause_start = start
        for other in quote_spans(paragraph[start:cue.start()]):
            clause_start = max(clause_start, start + other.end)  # the subject follows any quotation before the verb
        speaker = _subject_before(paragraph, clause_start, cue.start())
    if speaker is not None:
        speaker.verb = cue.group(0).lower()
    return speaker


def _subject_before(paragraph: str, start: int, verb_start: int) -> _Speaker | None:
    """The noun phrase just before a verb, skipping ', who …,' clauses and taking a name over its apposition."""
    text = paragraph[start:verb_start]
    segments = [(m.start() + start, m.group(0)) for m in re.finditer(r"[^,—–]+", text)]
    candidates = []
    for seg_start, seg in reversed(segments):
        stripped = seg.strip()
        if not stripped or re.match(r"(?i)(who|which|whose|speaking|asked|when|while|after|in|at|on|during|from)\b",
                                    stripped):
            continue
        candidates.append((seg_start + seg.index(stripped), stripped))
        if len(candidates) == 2:
            break
    if not candidates:
        return None
    chosen = candidates[0]
    # "Zhang Wei, chief economist at Pinpoint, said": a lower-case or "the …" segment describes the name before it
    described = not _has_name(chosen[1]) or chosen[1][:1].islower() or re.match(
        r"(?i)(?:the|a|an|his|her|its|their)\s", chosen[1])
    if len(candidates) == 2 and described and _has_name(candidates[1][1].split()[-1]) \
            and not _titled_name(chosen[1]):
        chosen = candidates[1]  # "Japarov, the Kyrgyz president, said"
    return _trim_subject(chosen[0], chosen[1], verb_start)


def _titled_name(phrase: str) -> bool:
    """'chief executive Hendrik Oosthuizen': a role and the name it goes with, which speaks itself; the words
    before its comma ('… a power line from Kafue Gorge') are the end of another clause."""
    name = _bare_name(phrase)
    words = phrase.split()
    if not name or len(words) <= len(name.split()):
        return False
    return words[-len(name.split()) - 1].lower().rstrip(".") in _TITLES


def _trim_subject(seg_start: int, phrase: str, verb_start: int) -> _Speaker | None:
    tokens = phrase.split()
    while tokens and tokens[-1].lower() in _FILLERS:
        tokens.pop()
    if not tokens:
        return None
    whole, tokens = len(tokens) <= 6, tokens[-6:]
    text = " ".join(tokens)
    offset = seg_start + phrase.find(tokens[0]) if tokens[0] in phrase else seg_start
    return _Speaker(text=text, start=offset, end=offset + len(text), verb_start=verb_start, whole=whole)


def _noun_phrase_after(paragraph: str, start: int, stop: int, verb_start: int) -> _Speaker | None:
    """'said Kyrgyz President Sadir Japarov, who …': words after the verb up to a stop word or comma."""
    segment = paragraph[start:stop]
    lead = len(segment) - len(segment.lstrip())
    tokens = []
    for token in segment.split()[:8]:
        bare = token.rstrip(",.;:!?)”\"»")
        if bare.lower() in _NP_STOP or not bare or bare[0] in "(“\"«—–":
            break
        if bare.lower() == "of" and sum(1 for t in tokens if t[:1].isupper()) >= 2:
            break  # "Adaeze Nwankwo of the University of Ibadan"; but "the Bank of England" stays whole
        tokens.append(bare)
        abbreviation = token.endswith(".") and _after_abbreviation(token, len(token) - 1)
        if bare != token and not abbreviation:
            break  # a comma or full stop ends the phrase; "Sen." and "U.N." do not
    if not tokens:
        return None
    text = " ".join(tokens)
    return _Speaker(text=text, start=start + lead, end=start + lead + len(text), verb_start=verb_start)


def _has_name(text: str) -> bool:
    """Whether a phrase holds a capitalised word that is not a title or sentence-initial article."""
    tokens = [t.strip("’'\"") for t in text.split()]
    return any(t[:1].isupper() and t.lower() not in _TITLES and t.lower() not in ("the", "a", "an")
               for t in tokens)


# --- resolving a speaker phrase to an entity -------------------------------------------------------------


def _mention_index(paragraphs: list[str], entities: list[Entity]) -> list[tuple[int, int, int, Entity]]:
    mentions = []
    for entity in entities:
        for mention in entity.mentions:
            if 0 <= mention.paragraph < len(paragraphs) and 0 <= mention.start < mention.end:
                mentions.append((mention.paragraph, mention.start, mention.end, entity))
    mentions.sort(key=lambda item: (item[0], item[1]))
    return mentions


def _resolve(speaker: _Speaker, index: int, context: _Context, earlier_in_paragraph: bool) -> str | None:
    """The canonical name for a speaker phrase: by mention overlap, pronoun chain, name match, or role."""
    words = speaker.text.lower().split()
    if len(words) == 1 and words[0] in _PRONOUNS:
        return _pronoun_speaker(index, speaker, context, earlier_in_paragraph)
    if speaker.whole and _unnamed(speaker.text):  # "said a resident", "one official said": nobody named
        given = _GIVEN_NAME.match(context.paragraphs[index], speaker.end)
        return _remember(_bare_name(given.group(1)), context) if given else _nobody(context)
    overlapping = _overlapping(index, speaker, context)
    bare = _bare_name(speaker.text)
    if overlapping is not None and (overlapping.type == "person" or not _names_someone_else(bare, overlapping)):
        if bare and len(bare) > len(overlapping.name) and overlapping.name in bare:
            return _remember(bare, context)  # the entity list cut the name short: "Jordi Mas" of "Jordi Mas i Ventura"
        if overlapping.type != "person" and len(overlapping.name.split()) > 1:
            return overlapping.name
        return _remember(_without_title(overlapping.name), context)
    named = _by_name(speaker.text, context)
    if named is not None:
        return _remember(named, context)
    if not _has_name(speaker.text):  # "the minister", "the company"
        given = _GIVEN_NAME.match(context.paragraphs[index], speaker.end)
        if given is not None:
            return _remember(_bare_name(given.group(1)), context)
        return _by_role(speaker.text, index, speaker.start, context)
    return _remember(bare, context)


_INDEFINITE = frozenset("a an one another some several two three".split())
_SPOKES = frozenset("spokesperson spokesman spokeswoman representative".split())
_HEAD_END = frozenset("of for at from in with on who whose which".split())


def _unnamed(text: str) -> bool:
    """'a resident', 'a trader', 'one official', 'a woman', 'one of the protesters': a person the story does not
    name. Not 'A. Venkatesh' (an initial), nor a spokesperson ('a spokesperson for Pennine Connect', 'a WeWork
    spokesperson': the body speaks through them; see `_resolve` for the rest)."""
    words = [word.strip(",.;:") for word in text.split()]
    if len(words) < 2 or words[0].lower() not in _INDEFINITE:
        return False
    head = list(itertools.takewhile(lambda word: word.lower() not in _HEAD_END, words))
    if len(head) == 1:
        return words[1].lower() == "of"  # "one of the residents"
    return head[-1][:1].islower() and head[-1].lower() not in _SPOKES


def _nobody(context: _Context) -> None:
    """An unnamed person speaks: None, remembered so that the quotes that continue theirs stay unnamed."""
    context.unnamed_now = True
    return None


def _without_title(name: str) -> str:
    """'Trooper Dana Whitcomb' -> 'Dana Whitcomb', 'Gov. Garza' -> 'Garza': a person's name as the speaker,
    without the rank. A spelled-out title is kept on a two-word name ("General Motors" is no person); a short
    one ("Gov.", "Sgt") never is one."""
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _TITLES and (
            len(words) > 2 or words[0].lower().rstrip(".") in _SHORT_TITLES):
        words.pop(0)
    return " ".join(words)


def _names_someone_else(bare: str | None, entity: Entity) -> bool:
    """'Red Cross worker Chiara Bellandi': the organisation is not the speaker, the named person after it is."""
    return bare is not None and len(bare.split()) >= 2 and fold(bare) not in {
        fold(v) for v in [entity.name, *entity.variants]}


def _remember(name: str | None, context: _Context) -> str | None:
    """A one-word name becomes the full name it was first given as; a full name is kept for later."""
    if not name:
        return name
    words = name.split()
    key = fold(words[-1])
    if len(words) == 1:
        return context.full_names.get(key, name)
    context.full_names.setdefault(key, name)
    return name


def _overlapping(index: int, speaker: _Speaker, context: _Context) -> Entity | None:
    """The entity named inside the speaker words: a person first, then an organisation, group or place."""
    inside = [(start, entity) for start, end, entity in context.in_paragraph.get(index, ())
              if start < speaker.end and end > speaker.start]
    for wanted in ("person", "organisation", "place"):  # a nationality ("the Brazilian") never speaks
        typed = [item for item in inside if item[1].type == wanted]
        if typed:
            return max(typed, key=lambda item: item[0])[1]  # the head of "Terra Viva spokesman Marc Solé"
    return None


def _pronoun_speaker(index: int, speaker: _Speaker, context: _Context, earlier_in_paragraph: bool) -> str | None:
    """'he said': who the pronoun stands for, nearest evidence first.

    After a quote attributed earlier in the same paragraph, that speaker. Else a person named in this
    paragraph before the quote ('Smith disagreed. “…,” he said.' is Smith even after a quote by Jones);
    else the previous quote's speaker when that quote is in the previous paragraph (or two back, for
    'he added', which continues); else the person named in the previous paragraph ('Finance Minister
    Thandi Mahlangu said …' then '“…,” she said.'); else the chain within two paragraphs; else the last
    person named.
    """
    chain = context.last_speaker
    has_chain = chain is not None or context.last_unnamed  # an unnamed speaker is a speaker too
    if earlier_in_paragraph and has_chain:
        return _chained(context)
    named_here = _named_before(index, speaker.verb_start, context)
    if named_here is not None:
        return _nobody(context) if named_here is _UNNAMED else named_here
    reach = 2 if speaker.verb in _CONTINUING else 1
    if has_chain and context.last_quote_paragraph >= index - reach:
        return _chained(context)
    if index > 0:
        named_before = _named_before(index - 1, len(context.paragraphs[index - 1]), context)
        if named_before is not None:
            return _nobody(context) if named_before is _UNNAMED else named_before
    if has_chain and context.last_quote_paragraph >= index - 2:
        return _chained(context)
    previous = [entity for paragraph, start, _end, entity in context.mentions
                if entity.type == "person" and (paragraph, start) < (index, speaker.verb_start)
                and not _PLACE_BEFORE.search(context.paragraphs[paragraph], max(0, start - 10), start)]
    return previous[-1].name if previous else chain


def _chained(context: _Context) -> str | None:
    return _nobody(context) if context.last_unnamed else context.last_speaker


_CONTINUING = frozenset(("added", "adds", "continued", "continues", "went on", "goes on"))


# What `_reported_speaker` gives when the latest reported speech is by a person left unnamed ("A council official,
# who asked not to be named, said …"): a pronoun after it stands for that person, not for anyone named before.
_UNNAMED = "(unnamed)"


def _named_before(index: int, position: int, context: _Context) -> str | None:
    return _reported_speaker(index, position, context) or _first_person_of_last_sentence(index, position, context)


def _reported_speaker(index: int, position: int, context: _Context) -> str | None:
    """'Sandra Pike, who runs a cafe, said the works could ruin her. “…,” she said.': the last named speaker
    of reported speech earlier in the paragraph; `_UNNAMED` when that speech is by a person the story leaves
    unnamed ('A council official … said'), read from a whole subject only, not the tail of a longer clause."""
    paragraph = context.paragraphs[index]
    spans = quote_spans(paragraph)
    for start, end in reversed(sentence_spans(paragraph[:position])):
        for verb in reversed(list(_SPEECH.finditer(paragraph, start, end))):
            if any(span.start <= verb.start() < span.end for span in spans):
                continue
            subject = _subject_before(paragraph, start, verb.start())
            if subject is None:
                continue
            if subject.whole and _unnamed(subject.text):  # not the tail of a clause: "… in a long letter, saying"
                return _UNNAMED
            if _has_name(subject.text):
                name = _resolve(subject, index, context, True)
                if name is not None:
                    return name
    return None


# The lookbehind stands after the first capital so that the pattern opens on a class of characters, which lets
# the scanner skip to the next capital (a leading lookbehind makes it try every position).
_NAME_RUN = re.compile(r"[A-Z](?<![\w’'-][A-Z])[\w’'-]+(?:\s+(?:(?:van|der|de|den|da|di|du|von|bin|ibn|al|el|la|le|"
                       r"dos|das|del|i|arap)\s+)*[A-Z][\w’'-]+)+")


# A name right after "in", "near", "outside" is a place whatever the entities say ("In Tefé, fisherman …").
_PLACE_BEFORE = re.compile(r"(?<![\w’'-])(?:[Ii]n|[Nn]ear|[Oo]utside)\s+$")


def _first_person_of_last_sentence(index: int, position: int, context: _Context) -> str | None:
    """The first person named in the last sentence before `position` (outside quotes) that names one.

    A person is an entity mention of type person or, failing those, two or more capitalised words that
    are no place or organisation the article knows ('Dutch runner Femke Roozendaal'), and that do not
    qualify a role before another name ('Te Puke grower Huia Tawhai-Rangitoto' is Huia Tawhai-Rangitoto).
    """
    paragraph = context.paragraphs[index]
    spans = quote_spans(paragraph)
    outside = [(s, e) for s, e in sentence_spans(paragraph[:position])
               if not any(span.start <= s < span.end for span in spans)]
    for start, end in reversed(outside):
        people = [entity.name for s, _e, entity in context.in_paragraph.get(index, ())
                  if start <= s < end and entity.type == "person"
                  and not _PLACE_BEFORE.search(paragraph, max(0, s - 10), s)]
        if people:
            return people[0]
        for run in _NAME_RUN.finditer(paragraph, start, end):
            name = _bare_name(run.group(0))
            if name and len(name.split()) >= 2 and not _known_non_person(index, run.start(), run.end(), context) \
                    and not _qualifies_role(paragraph, run.end()):
                return _remember(name, context)
    return None


_ROLE_BEFORE_NAME = re.compile(r"\s+([a-z][a-z-]+)\s+[A-Z]")
_ROLE_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent")
_NOT_ROLES = frozenset("after over under never ever together whether other rather either neither later earlier "
                       "per nor".split())


def _qualifies_role(paragraph: str, end: int) -> bool:
    """A name run followed by a role word and another name: 'Te Puke grower Huia …', 'Red Cross worker Chiara …'."""
    found = _ROLE_BEFORE_NAME.match(paragraph, end)
    if found is None:
        return False
    word = found.group(1)
    return word in _TITLES or (len(word) > 4 and word.endswith(_ROLE_ENDINGS) and word not in _NOT_ROLES)


def _known_non_person(index: int, start: int, end: int, context: _Context) -> bool:
    return any(s < end and e > start and entity.type != "person"
               for s, e, entity in context.in_paragraph.get(index, ()))


def _known_place(index: int, start: int, end: int, context: _Context) -> bool:
    return any(s < end and e > start and entity.type == "place" for s, e, entity in context.in_paragraph.get(index, ()))


def _by_name(text: str, context: _Context) -> str | None:
    """An entity whose name or a variant matches the speaker words (whole, or by surname)."""
    name = _bare_name(text)
    if name is None:
        return None
    key, last = fold(name), fold(name.split()[-1])
    if not context.named_keys:
        context.named_keys = _named_keys(context.mentions)
    for entity, forms, _surnames in context.named_keys:
        if key in forms:
            return entity.name
    for entity, _forms, surnames in context.named_keys:
        if entity.type == "person" and last in surnames:
            return entity.name
    return None


def _named_keys(mentions: list[tuple[int, int, int, Entity]]) -> list[tuple[Entity, set[str], set[str]]]:
    """Each mention of a person or organisation, in reading order, with its entity's folded names and folded last
    words; folded once per entity rather than for every speaker looked up."""
    keys: dict[int, tuple[set[str], set[str]]] = {}
    out = []
    for _paragraph, _start, _end, entity in mentions:
        if entity.type not in ("person", "organisation"):
            continue
        if id(entity) not in keys:
            forms = [entity.name, *entity.variants]
            keys[id(entity)] = ({fold(v) for v in forms}, {fold(v.split()[-1]) for v in forms if v})
        out.append((entity, *keys[id(entity)]))
    return out


def _by_role(text: str, index: int, position: int, context: _Context) -> str | None:
    """'the minister', 'the Kazakh leader', 'the ministry', 'the company': the latest entity with that role."""
    words = [_POSSESSIVE_END.sub("", w).lower() for w in text.split()]
    roles = [w for w in words if w in _ROLE_WORDS]
    orgs = [w for w in words if w in _ORG_WORDS or w in _GENERIC_ORGS]
    qualifiers = [w[:5] for w in words if w not in _ROLE_WORDS and w not in ("the", "a", "an", "its", "his", "her")]
    earlier = [m for m in context.mentions if (m[0], m[1]) < (index, position)]
    for paragraph, start, end, entity in reversed(earlier):
        if roles and entity.type == "person":
            window = context.paragraphs[paragraph][max(0, start - 60):end + 50].lower()
            if any(form in window for form in _ROLE_SYNONYMS.get(roles[-1], (roles[-1],))) and all(
                    q in window for q in qualifiers):
                return entity.name
        if orgs and not roles and entity.type == "organisation" and (
                orgs[-1] in entity.name.lower() or orgs[-1] in _GENERIC_ORGS):
            return entity.name
    if orgs and not roles and orgs[-1] in _GENERIC_ORGS:
        return _introduced_company(index, position, context)
    if roles and roles[-1] in _SPOKES:  # "the spokesperson said" after "A spokesperson for X said"
        return _spoken_for(index, position, context)
    return None


_SPOKES_FOR = re.compile(r"\bspokes(?:person|man|woman)\s+(?:for|of|at)\s+(?:the\s+)?", re.IGNORECASE)


def _spoken_for(index: int, position: int, context: _Context) -> str | None:
    """The body named after the last 'spokesperson for' in this paragraph (before `position`) or the two before:
    a body speaking through an unnamed spokesperson is the speaker."""
    for number in range(index, max(-1, index - 3), -1):
        text = context.paragraphs[number][:position] if number == index else context.paragraphs[number]
        found = list(_SPOKES_FOR.finditer(text))
        if not found:
            continue
        start = found[-1].end()
        named = next((entity for s, _e, entity in context.in_paragraph.get(number, ())
                      if s == start and entity.type != "place"), None)
        run = _ORG_RUN.match(text, start)
        return named.name if named else run.group(0) if run else None
    return None


_INTRODUCED = re.compile(rf"\b(?:{'|'.join(sorted(_GENERIC_ORGS))})\s+((?:[A-Z][\w&’'-]*\s?)+)")


def _introduced_company(index: int, position: int, context: _Context) -> str | None:
    """'Electric carmaker Voltra …', then 'the company said': the name after the last such noun."""
    for paragraph in range(index, -1, -1):
        text = context.paragraphs[paragraph][:position] if paragraph == index else context.paragraphs[paragraph]
        found = [m.group(1).strip() for m in _INTRODUCED.finditer(text)]
        if found:
            return found[-1]
    return None


_POSSESSIVE_END = re.compile(r"[’']s$")


def _bare_name(text: str) -> str | None:
    """'Kyrgyz President Sadir Japarov' -> 'Sadir Japarov': the trailing capitalised run after any title."""
    tokens = [_POSSESSIVE_END.sub("", t.strip(",.;:\"")).strip("’'") for t in text.split()]  # "Elizabeth II's"
    run: list[str] = []
    for token in reversed(tokens):
        particle = token.lower() in _PARTICLES or token.lower().startswith(("al-", "el-"))
        if not (token[:1].isupper() or (particle and run)) or token.lower() in _TITLES:
            break
        run.insert(0, token)
    while run and (run[0].lower() in _PARTICLES or run[0].lower() in _NOT_NAME_START):
        run.pop(0)  # "the Retail Workers' Union", "But Parise", or a particle with nothing before it
    before = tokens[len(tokens) - len(run) - 1].lower() if len(tokens) > len(run) else ""
    if len(run) >= 3 and before in ("for", "of") and run[0].lower() in PORTFOLIOS:
        run.pop(0)  # "Minister for Housing Ciarán Ó Dálaigh": the portfolio is no part of the name
    return " ".join(run) or None


def fold(text: str) -> str:
    """Lower-case without diacritics or punctuation, for comparing name spellings."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(PLAIN_LETTERS))
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


# --- "according to" statements --------------------------------------------------------------------------


def _attributed(index: int, paragraph: str, spans: list[QuoteSpan], context: _Context) -> list[Quote]:
    """'…, according to China’s foreign ministry': the statement, attributed to its source."""
    quotes: list[Quote] = []
    if _ACCORDING.search(paragraph) is None:
        return quotes
    for start, end in sentence_spans(paragraph):
        if any(start <= span.start < end and _word_count(span.text) >= 4 for span in spans):
            continue  # a sentence with a quotation is handled as a quote
        match = _ACCORDING.search(paragraph, start, end)
        if match is None:
            continue
        comma = paragraph.find(",", match.end(), end)
        source_end = comma if comma >= 0 else end
        source_text = paragraph[match.end():source_end].strip().rstrip(".")
        if not source_text or source_text.lower() in _ATTRIBUTION_NOT_SOURCES:
            continue
        statement = _clean((paragraph[start:match.start()] + " " + paragraph[source_end:end]).strip(" ,;—–")
                           .rstrip(".").strip(" ,"))
        if _word_count(statement) < 3:
            continue
        source = _Speaker(text=source_text, start=match.end(), end=source_end, verb_start=match.start())
        quotes.append(Quote(text=statement, speaker=_source_name(source, index, context), paragraph=index,
                            kind="attributed"))
    return quotes


_SOURCE_CUT = re.compile(r"\s(?:published|released|issued|posted|seen|obtained|reviewed|compiled|in|on|at|during|"
                         r"unsealed|filed|dated)\s", re.IGNORECASE)
_ORG_RUN = re.compile(r"\b[A-Z][\w’'.&-]*(?:\s+(?:(?:of|and|for|on|the|&)\s+)*[A-Z][\w’'.&-]*)*")
# Bodies often named after the country they work in: "the Garment Manufacturers Association in Cambodia".
_BODY_BEFORE_IN = re.compile(r"\b(?:Association|Chamber|Federation|Council|Union|Confederation|Society|League|"
                             r"Alliance|Forum)$")


def _source_end(text: str) -> int:
    """Where the name of an 'according to' source ends: before 'published', 'in a journal', 'on Friday' ...; not
    at the 'in' of a body named after its country."""
    for cut in _SOURCE_CUT.finditer(f"{text} "):
        if (cut.group(0).strip().lower() == "in" and text[cut.end():cut.end() + 1].isupper()
                and _BODY_BEFORE_IN.search(text, 0, cut.start())):
            continue
        return cut.start()
    return len(text)


def _whole_body_name(text: str, name: str) -> str:
    """The whole name of a body named with a cue word ("Council", "Association", ...) that the entities cut
    short, as the source text writes it; else the entity's name."""
    if name.split()[-1] not in ORG_CUES:
        return name
    return _body_in_place(text, name) or _body_joined(text, name) or name


def _body_in_place(text: str, name: str) -> str | None:
    """'Garment Manufacturers Association in Cambodia': the place a body is named after (see `_source_end`)."""
    in_place = re.search(rf"{re.escape(name)}\s+in\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*", text)
    return in_place.group(0) if in_place and _BODY_BEFORE_IN.search(name) else None


def _body_joined(text: str, name: str) -> str | None:
    """'Cotton and Cashew Council' for 'Cashew Council': one or two capitalised words joined to the name by 'and'
    or '&' at the start of the source's name, holding no cue word of their own ('the Ministry of Finance and
    Central Bank' is two bodies)."""
    joined = re.search(rf"((?:[A-Z][\w’'-]*\s+){{1,2}}(?:and|&)\s+){re.escape(name)}\b", text)
    if joined is None or any(word in ORG_CUES for word in joined.group(1).split()):
        return None
    before = text[:joined.start()].split()[-1:]
    if before and (before[0][:1].isupper() or before[0] in ("of", "for", "and", "&")):
        return None  # the joined words do not open the name
    return joined.group(1) + name


_CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may "
                      "june july august september october november december".split())


def _source_name(source: _Speaker, index: int, context: _Context) -> str | None:
    """Who an 'according to' statement is from: a named body or person, else None for an unnamed document.

    'a report published on Friday by the X Authority' -> X Authority; 'futures data from CME Group' -> CME
    Group; 'the state weather bureau PAGASA' -> PAGASA; 'China’s foreign ministry' stays as written (named
    through its country); 'the text of the bill', 'a study published … in a journal' -> None.
    """
    text, offset = source.text, source.start
    by_from = list(re.finditer(r"\b(?:by|from)\s+", text))
    if by_from and not re.search(r"\b(?:seen|obtained|reviewed)\s+by\s+$", text[:by_from[-1].end()]):
        offset, text = offset + by_from[-1].end(), text[by_from[-1].end():]
    text = text[:_source_end(text)]
    head = _Speaker(text=text, start=offset, end=offset + len(text), verb_start=source.verb_start)
    entity = _overlapping(index, head, context)
    if entity is not None and entity.type in ("person", "organisation"):
        return _remember(entity.name, context) if entity.type == "person" else _whole_body_name(text, entity.name)
    if re.match(r"^(?:the\s+)?[A-Z][\w.-]*[’']s\s+[a-z]", text):
        return text  # "China’s foreign ministry": a body named through its country
    if _BODY_BY_WORD.match(text.strip()):  # not "the bank's weekly data": a document of the body, unnamed
        return _by_role(text, index, source.start, context)
    runs = [run.group(0) for run in _ORG_RUN.finditer(text) if run.group(0).lower() not in _CALENDAR]
    return max(runs, key=len) if runs else None
