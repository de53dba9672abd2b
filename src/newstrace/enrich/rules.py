"""Entity spans by rule: the tagger used when no spaCy model is installed, and the clean-ups of model spans.

The rule-based tagger (`tag_paragraphs`) works in three steps.

1. **Spans.** Runs of capitalised words, allowing up to two lower-case
   connectors between them ("Group of Seven", "Bank of the Philippines") and
   names opening on an Arabic article ("al-Tamimi"), never crossing
   punctuation. Possessives ("Xi’s") end a span and are cut off, except a
   plural one before a body's cue word ("Estate Workers' Congress");
   "Almaty-based" gives "Almaty" and ends the span; leading function words
   ("The", "But") and weekday or month names are dropped, except a
   capitalised one inside a sentence that opens a body's name ("Just
   Transition Fund").
2. **Segments.** Each span is read left to right:
   - a known name from the gazetteer (longest first, up to four words) is a
     place (country, US state, region, city), a group (nationality, faith,
     party: "Kyrgyz", "Central Asian") or an organisation ("Reuters", "G7");
     a city must not also be used as a lower-case word in the article
     ("Police said ... the police") and, at the start of a sentence, must
     be a city of a million people;
   - a person's name runs on over its particles ("Souza de Albuquerque", "van
     der Heijden", "bin Salman"; not into a country: "Banco de Chile");
   - a title ("President", "Prime Minister", "Chief Executive", "leader",
     "Mr", and honorifics: "Ratu", "Alhaji", "Oba", "Chief"; "Adi", "Nana",
     "Tui", "Raja" only before two names) is dropped and makes the words
     after it a person; "Title of X"
     reads X as the title's domain (a place, an organisation, or a
     portfolio: "Minister of Foreign Affairs"), and the words after X as a
     person ("President of Kazakhstan Kassym-Jomart Tokayev");
   - a run of words holding an organisation cue word (Ministry, Group, Bank,
     Council, Company, Inc, Ltd, University, Agency, Party, Union, Fund,
     ...) is an organisation, with any "of ..." tail ("Bank of England",
     "Ministry of Water and Irrigation"), over an "and" that joins words of
     one name ("National Cocoa and Coffee Board"; not "Kenya and World Bank"
     nor "Riverside School and Park School"), never from a plain word before
     "of" ("Members of the … Forum" names the forum);
     a run with an event cue word (War, Olympics, Cup, Summit, ...) an event;
   - any other run is a person when a title stands before it (also in lower
     case: "Chinese leader Xi Jinping") or a speech verb follows it ("...,”
     Japarov said"); an unknown run right before a title is that title's
     organisation ("Apple Chief Executive Tim Cook") unless its words only
     qualify the title ("Regional Governor", "Provincial Affairs Minister");
     a short all-capitals
     word is an organisation (an acronym); everything else stays unknown.
3. **Article pass.** An unknown run whose words are all words of a person's
   name found elsewhere in the article is that person ("Tokayev", "Xi"), as
   is a one-word run that a city reading gave when it is also such a word;
   an unknown two- or three-word run whose last word appears alone elsewhere
   is a person named later by surname. Other unknown runs are dropped.

The model path (`refine_model_spans`) maps spaCy's labels to our types and
applies the same segment reading to spans that contain or follow a title,
then corrects the type of any span the gazetteer knows (an agency tagged as
a person, a country as an organisation, "Group of" + "Seven"). A city the
model calls a person is a place when it has 100,000 people or more and no
title or person context ("..., Glasgow said") is around it. Cue words type
names the gazetteer does not know: an organisation cue as the last word
("... Marine Park Authority"), then a place cue as the last or first word
("Franklin County", "Lake Turkana"), then an event word ("Typhoon Amihan",
"Academy Awards"). The words around a name correct the model too: a
company descriptor before it ("energy supplier Volterre") or ", which" after
it make a "person" an organisation; an age after it ("Kholmatov, 22,") makes
an "organisation" a person. Spans are not cut at a plural possessive or
"&" inside an organisation ("Retail Workers' Union", "Marlow & Finch"), at an
initial ("S. Venkatramani"), and a person's name runs on over a lower-case
hyphenated part ("Lau Kwok-wing") or its particles ("Khalid Abdul-Wahab" +
"al-Tamimi", "Van der" before "Heijden"), and a given name spaCy left out
after a title is kept ("Economy Minister Héctor Leonel Ajpop Tzunún").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import Gazetteer, demonym_country, fold_key, organisation_name, place_readings

SPACY_TYPES = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place",
               "NORP": "group", "EVENT": "event"}

# Initials ("U.S.") or a capitalised word (with a plural possessive before another capitalised word: "Workers'
# Congress"); written to open on one class of capitals, which lets the regex scanner skip to the next capital
# instead of trying the pattern at every position.
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-ſ](?:(?<=[A-Z])\.(?:[A-Z]\.)+|(?:[\w’'\-]*\w)?(?:(?<=s)['’](?=\s+[A-Z]))?)"
_CONNECTOR = r"(?:of|for|and|the|de|del|della|da|do|dos|das|di|al|bin|ibn|bint|van|von|der|den|ter|du|la|le)"
# An Arabic article joined to a name by a hyphen: "al-Tamimi", "el-Sisi", "ash-Shami".
_ARTICLE_NAME = rf"(?<![\w’'-])(?:al|el|ad|ar|as|ash|at|az)-{_CAP}"
# A name may go on over lower-case connectors and such articles ("Khalid Abdul-Wahab al-Tamimi"); it opens on a
# capital only, so that the scanner skips to the next one (`ARTICLE_SPAN` finds names that open on "al-").
SPAN = re.compile(rf"(?:{_CAP})(?:(?:\s+{_CONNECTOR}){{0,2}}\s+(?:{_CAP}|{_ARTICLE_NAME}))*")
ARTICLE_SPAN = re.compile(rf"{_ARTICLE_NAME}(?:\s+{_CAP})*")
# Opens on the hyphen (a literal the scanner jumps to), then looks back for the article.
_ARTICLE_HINT = re.compile(r"-(?=[A-ZÀ-Þ])(?:(?<=\b(?:al|el|ad|ar|as|at|az)-)|(?<=\bash-))")
_WORD = re.compile(r"\S+")
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
_INITIAL = re.compile(r"[A-Z]\.")
_NEXT_WORD = re.compile(r"\s*(?:,\s*)?([a-z]+)")
_APPOSITION = re.compile(r",\s+(?:(\d{1,3}),|(?:a|an|the|his|her|its|their)\s+((?:[a-z’'\-.]+\s+){0,4}[a-z\-.]+))")
_LOWER_WORD = re.compile(r"(?<![\w’'\-])[a-z][a-z\-]+")
_ACRONYM = re.compile(r"[A-Z]{2,5}")
_POSSESSIVE = ("’s", "'s", "’", "'")
_OPENING = "\"“‘([«"
_CLOSING = "\"”’)],.;:!?»"

CONNECTORS = frozenset(_CONNECTOR[3:-1].split("|"))
# Connectors that are particles of people's names ("Ricardo Souza de Albuquerque", "Marloes van der Heijden",
# "Khalid bin Salman"): inside a name they join its words instead of ending it (see `particle_join`).
NAME_PARTICLES = frozenset("de del della da do dos das di du la le van von der den ter bin ibn bint al".split())
_ARTICLE_PARTICLES = frozenset(("der", "den"))
LEADING_STOP = frozenset("""
a an and as at but by for from he her his how i if in into it its many more most my no nor not now of on once
one only or our she so some such than that the their then there these they this those though to under
unless until up upon we what when where whether which while who why with yet you your after before during
since although however meanwhile also all both each every other another several few just even still
according many further despite amid among between over earlier later yesterday today tomorrow
""".split())
CALENDAR = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april june july august
september october november december jan feb mar apr jun jul aug sep sept oct nov dec
""".split())
TITLES = frozenset("""
president president-elect vice-president premier chancellor minister secretary secretary-general chairman
chairwoman chairperson ceo director governor mayor senator sen. rep. congressman congresswoman lawmaker mp
king queen prince princess emperor empress pope cardinal archbishop bishop gen. col. lt. capt. adm. admiral
commander ambassador envoy spokesman spokeswoman spokesperson leader judge attorney professor prof. dr dr. mr
mr. mrs mrs. ms ms. sir dame lord lady sheikh emir sultan ayatollah rabbi imam deputy coach striker midfielder
defender goalkeeper founder economist analyst strategist chairman-elect tsar commissioner representative gov.
gov sec. supt. singer actor actress rapper author novelist writer filmmaker chef designer manager player
champion officer detective sergeant sgt. inspector cleric pastor father justice magistrate datuk dato dato'
datuk' seri tun tan-sri
""".split())
# Chiefly, royal and religious honorifics written before a name, in the Pacific, Africa and South-East Asia:
# "Ratu Josaia Vakaloloma", "Alhaji Musa Bello", "Oba Adeyemi", "Tunku Aziz". Stripped like any title.
HONORIFICS = frozenset("""
ratu roko oba alhaji alhaja hajia hajiya haji hajji igwe chief tunku tengku pengiran pehin hon. honourable
honorable
""".split())
TITLES = TITLES | HONORIFICS
# Honorifics that are also given names ("Adi Godrej", "Nana Mouskouri", "Raja Ahmad"): titles only before two or
# more words of a name ("Adi Kuini Speed", "Nana Addo Dankwa", "Tui Atua Tupua").
NAME_LIKE_TITLES = frozenset("adi tui nana raja".split())
MULTI_TITLES = frozenset("""
prime minister|foreign minister|defence minister|defense minister|finance minister|interior minister
|economy minister|trade minister|health minister|energy minister|deputy prime minister|vice president
|secretary of state|chief executive|chief executive officer|chief financial officer|chief economist
|general secretary|crown prince|supreme leader|first lady|chief justice|attorney general|foreign secretary
|home secretary|defence secretary|defense secretary|managing director|executive director|party leader
|opposition leader|chief of staff|head of state|prime minister-elect|state councillor|tan sri|datuk seri
""".replace("\n", "").split("|"))
_MULTI_TITLE_STARTS = frozenset(title.split()[0] for title in MULTI_TITLES)
# Words that qualify a title rather than name a body: "Provincial Governor", "Regional Governor", "Provincial
# Affairs Minister" (with `PORTFOLIOS`). Before a title they are no organisation ("Apple Chief Executive" is one).
TITLE_QUALIFIERS = frozenset("""
provincial regional federal national municipal local county city district deputy acting former interim senior
junior assistant associate executive general affairs
""".split())
# Words that open the name of a country's or a government's body ("National Cocoa and Coffee Board").
BODY_QUALIFIERS = frozenset("national federal state central regional provincial municipal royal international "
                            "county city".split())
# Fields that ministries and departments are named after ("Ministry of Water and Irrigation", "Department of
# Health and Human Services", "Ministry of Labour and Vocational Training").
DOMAIN_WORDS = frozenset("""
water irrigation trade industry energy labour labor vocational training regional integration human services
health social affairs foreign rural development local government housing urban planning science technology
innovation culture sport sports youth women children family fisheries forestry mines mining natural resources
lands environment climate agriculture livestock transport communications information tourism finance economy
economic justice interior defence defense security home education higher research employment welfare public
works infrastructure commerce investment cooperation immigration citizenship customs excise revenue
""".split())
PORTFOLIOS = frozenset("""
foreign affairs defence defense finance economy economic development trade industry commerce health interior
home justice education energy agriculture transport labour labor culture state the and emergency situations
housing environment tourism sport sports water tax planning infrastructure security communications
""".split())
ORG_CUES = frozenset("""
Ministry Department Agency Bank Group Council Company Co Corp Corporation Inc Ltd LLC PLC plc University College
Institute Party Union Fund Foundation Association Organisation Organization Commission Committee Court
Parliament Assembly Army Navy Forces Office Service Services Authority Board Bureau Federation Alliance Club
Times Post News Journal Airlines Airways Motors Holdings Partners Securities Exchange Reserve Treasury Cabinet
Secretariat Coalition Movement Network Media Press Television Radio Bloc Brigade Brigades Guard Police
Ministries Agencies Banks Systems Technologies Energy Petroleum Oil Gas Pharmaceuticals Industries
Enterprises Trust Inc. Ltd. Co. Corp. Labs Laboratories School Hospital Church Congress Senate Command
Capital Kapital Forum Solutions Ventures Investments Collective Chamber Consortium Guild Tribunal Directorate
Cooperative Co-operative Engineering Construction Logistics Shipping Insurance Markets Metro
""".split())
EVENT_CUES = frozenset("Olympics Olympic Games Cup War Summit Conference Festival Expo Championship Championships "
                       "Tournament Marathon Revolution Olympiad Biennale Prix".split())
# Last words that make a name a place ("Franklin County", "Lake Balkhash" by its first word), and words that make
# one an event wherever they stand ("Typhoon Amihan", "Academy Awards"), unless an organisation cue ends it.
PLACE_LAST_CUES = frozenset("County Province Prefecture District Region Oblast Governorate Island Islands River "
                            "Lake Sea Ocean Mountains Mountain Valley Desert Bay Peninsula Strait Stadium Arena "
                            "Airport Square Street Avenue Road Highway Bridge Reef Canal Delta".split())
PLACE_FIRST_CUES = frozenset("Lake Mount Mt Mt. Cape Gulf Port".split())
EVENT_WORDS = EVENT_CUES | frozenset("Awards Typhoon Hurricane Cyclone Storm".split())
SPEECH_VERBS = frozenset("""
said says say told tells added adds asked asks wrote writes warned warns stated states explained explains
noted notes insisted insists argued argues announced announces declared declares replied replies urged urges
claimed claims stressed stresses acknowledged recalled tweeted posted commented countered continued concluded
suggested admitted confirmed denied pledged vowed promised predicted
""".split())
COMMON_CITY_WORDS = frozenset("police most nice split reading mobile bar sale hope surprise independence orange "
                              "temple union media marathon victoria lincoln chester bath cork derby".split())


@dataclass(slots=True)
class Candidate:
    """One mention before merging: a span of a paragraph and its type (None: not known yet)."""

    paragraph: int
    start: int
    end: int
    text: str
    type: str | None


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


# ---- tokens and clean-ups (both paths) --------------------------------------------------------------------


def span_tokens(paragraph: str, start: int, end: int) -> list[list[Token]]:
    """The words of a span, cleaned and split where a name must end (possessive, punctuation, a date word); a
    plural possessive before the cue word of a body stays inside it ("Ceylon Estate Workers' Congress")."""
    parts: list[list[Token]] = [[]]
    text = paragraph[start:end]
    hyphens, apostrophes = "-" in text, "'" in text or "’" in text  # most spans have neither: skip the patterns
    for match in _WORD.finditer(paragraph, start, end):
        word = match.group()
        adjective = _PLACE_ADJECTIVE.fullmatch(word) if hyphens and "-" in word else None
        possessive = apostrophes and (word[-1] in "'’" or word.endswith(("'s", "’s")))
        if possessive and PLURAL_POSSESSIVE_WORD.fullmatch(word) and _ORG_CUE_AHEAD.match(paragraph, match.end(), end):
            token, breaks_before, breaks_after = Token(match.start(), match.end(), match.group()), False, False
        elif adjective:  # "Almaty-based Tengri Securities": the place, then a new name
            token, breaks_before, breaks_after = (Token(match.start(), match.start() + adjective.end(1),
                                                        adjective.group(1)), False, True)
        else:
            token, breaks_before, breaks_after = _clean_token(match.start(), match.group())
        if breaks_before and parts[-1]:
            parts.append([])
        if token is not None and token.text.lower() in CALENDAR:
            token, breaks_after = None, True
        if token is not None:
            parts[-1].append(token)
        if breaks_after and parts[-1]:
            parts.append([])
    stripped = (_strip_leading_stop(part, paragraph) for part in parts)
    return [part for part in stripped if part]


_PLACE_ADJECTIVE = re.compile(r"([A-ZÀ-Þ][\w’'-]*?)-(?:based|owned|led|run|born|backed|listed|registered|"
                              r"headquartered|funded|linked|made|bound)")
PLURAL_POSSESSIVE_WORD = re.compile(r"[A-Z][\w-]*s['’]|(?:People|Women|Men|Children)['’]s")
_ORG_CUE_AHEAD = re.compile(rf"(?:\s+[A-Z][\w’'-]*){{0,2}}?\s+(?:{'|'.join(sorted(map(re.escape, ORG_CUES)))})\b")


def _clean_token(offset: int, word: str) -> tuple[Token | None, bool, bool]:
    head = len(word) - len(word.lstrip(_OPENING))
    body = word[head:]
    initials = _INITIALS.match(body) if body[1:2] == "." else None
    if initials:  # "U.S." keeps its last full stop
        stripped = initials.group()
    elif len(body) == 2 and _INITIAL.fullmatch(body):  # "S. Venkatramani": an initial, not the end of a name
        return Token(offset + head, offset + head + len(body), body), head > 0, False
    else:
        stripped = body.rstrip(_CLOSING)
    breaks_after = len(stripped) < len(body)
    for ending in _POSSESSIVE if stripped.endswith(_POSSESSIVE) else ():
        if stripped.endswith(ending) and len(stripped) > len(ending) + 1:
            stripped, breaks_after = stripped[: -len(ending)], True
            break
    if not stripped or not any(map(str.isalnum, stripped)):
        return None, head > 0, True
    return Token(offset + head, offset + head + len(stripped), stripped), head > 0, breaks_after


def _strip_leading_stop(tokens: list[Token], paragraph: str) -> list[Token]:
    while tokens and tokens[0].text.lower() in LEADING_STOP and not _opens_body_name(tokens, paragraph):
        tokens = tokens[1:]
    while tokens and tokens[-1].text.lower() in CONNECTORS:
        tokens = tokens[:-1]
    return tokens


def _opens_body_name(tokens: list[Token], paragraph: str) -> bool:
    """'Just' of "the European Union's Just Transition Fund": a capitalised function word inside a sentence,
    opening a run that ends in an organisation's cue word, is part of the name (not "The", nor a sentence's
    first word)."""
    first = tokens[0]
    return (first.text[:1].isupper() and first.text.lower() not in ("the", "a", "an") and len(tokens) > 1
            and tokens[-1].text in ORG_CUES and not _at_sentence_start(paragraph, first.start))


def title_before(paragraph: str, start: int) -> str:
    """'title' when a title stands right before `start` ("leader Xi"), 'title-of' for "President of X"."""
    before = paragraph[max(0, start - 60):start]
    if not before[-1:].isspace():
        return ""
    words = before.lower().split()[-4:]
    if words and words[-1] == "of" and _ends_with_title(words[:-1]):
        return "title-of"
    return "title" if _ends_with_title(words) else ""


def _ends_with_title(words: list[str]) -> bool:
    return bool(words) and (words[-1] in TITLES or any(" ".join(words[-n:]) in MULTI_TITLES for n in (2, 3, 4)))


def title_at(tokens: list[Token], index: int) -> int:
    """How many tokens a title starting at `index` spans (0: none)."""
    first = tokens[index].text.lower()
    if first in NAME_LIKE_TITLES:
        return 1 if _name_words_after(tokens, index + 1) >= 2 else 0
    if first not in _MULTI_TITLE_STARTS:  # most words open no title of several words: skip building them
        return 1 if first in TITLES else 0
    for size in (4, 3, 2):
        if index + size <= len(tokens) and " ".join(t.text.lower() for t in tokens[index:index + size]) \
                in MULTI_TITLES:
            return size
    return 1 if tokens[index].text.lower() in TITLES else 0


def _name_words_after(tokens: list[Token], index: int) -> int:
    """How many capitalised words run on from `index`, up to the first connector or title."""
    count = 0
    while index + count < len(tokens) and tokens[index + count].text[:1].isupper() \
            and tokens[index + count].text.lower() not in TITLES:
        count += 1
    return count


def particle_join(tokens: list[Token], index: int, gazetteer: Gazetteer) -> int:
    """How many tokens from `index` continue a person's name over its particles: "de Albuquerque", "van der
    Heijden", "bin Salman" (0: none). One or two particles, then a capitalised word that is no title, no
    organisation cue and no country or region ("Banco de Chile" ends before "Chile": a body named after a
    country)."""
    end = index
    while end < len(tokens) and end - index < 2 and tokens[end].text.lower() in NAME_PARTICLES:
        end += 1
    if end == index or end >= len(tokens):
        return 0
    if tokens[index].text.lower() in _ARTICLE_PARTICLES and (index == 0 or tokens[index - 1].text.lower()
                                                              not in ("van", "von")):
        return 0  # "der", "den" only after "van"/"von" ("van der Heijden"); alone, German "Daten der Akte"
    word = tokens[end].text
    if (not word[:1].isupper() or word.lower() in TITLES or word in ORG_CUES or title_at(tokens, end)
            or strongly_known(gazetteer, word)):
        return 0
    return end + 1 - index


# ---- reading a span: known names, titles, organisation runs, unknown runs ---------------------------------


@dataclass(slots=True)
class Piece:
    tokens: list[Token]
    type: str | None  # None: an unknown run, typed by the caller
    state: str = ""  # what stood before the run: "title", "title-of" (the title's domain) or ""
    before_title: bool = False  # the run is followed by a title ("Apple Chief Executive ...")


def known_type(gazetteer: Gazetteer, text: str, city_ok) -> str | None:
    """The type the gazetteer gives a name: organisation, group or place; None when it does not know it."""
    if organisation_name(gazetteer, text):
        return "organisation"
    if demonym_country(gazetteer, text)[0]:
        return "group"
    readings = place_readings(gazetteer, text)
    if readings and (readings[0].kind != "city" or city_ok(text, readings[0])):
        return "place"
    return None


def strongly_known(gazetteer: Gazetteer, text: str) -> bool:
    """Known as something other than a city: a person's name never overrides these."""
    return known_type(gazetteer, text, lambda _text, _place: False) is not None


def segment(paragraph: str, tokens: list[Token], state: str, gazetteer: Gazetteer, city_ok) -> list[Piece]:
    """Read a span left to right into known names, dropped titles, organisation runs and unknown runs."""
    pieces: list[Piece] = []
    run: list[Token] = []
    index = 0
    while index < len(tokens):
        step, kind, next_state = _step(paragraph, tokens, index, state, gazetteer, city_ok, bool(run))
        if kind == "word":
            run.append(tokens[index])
        else:
            if run:
                pieces.append(Piece(run, None, state, before_title=kind == "title"))
                run = []
            if kind not in ("title", "skip"):
                pieces.append(Piece(tokens[index:index + step], kind, state))
        index += step
        state = next_state
    if run:
        pieces.append(Piece(run, None, state))
    return pieces


def _step(paragraph, tokens, index, state, gazetteer, city_ok, in_run):
    """(tokens consumed, what they are, the state after them)."""
    word = tokens[index].text
    after_domain = "title" if state == "title-of" else ""
    if not in_run:
        size = _organisation_extent(tokens, index, gazetteer)
        found = _known_at(paragraph, tokens, index, gazetteer, city_ok if state != "title" else _no_city)
        if found and found[0] >= size:  # "Soviet Union" is a place although "Union" is a cue word
            return found[0], found[1], after_domain
        if size:
            return size, "organisation", after_domain
    size = title_at(tokens, index)
    if size:
        follows_of = index + size < len(tokens) and tokens[index + size].text in ("of", "for")  # "Minister for"
        return (size + 1, "title", "title-of") if follows_of else (size, "title", "title")
    if state == "title-of" and word.lower() in PORTFOLIOS:
        return 1, "skip", "title-of" if index + 1 < len(tokens) and tokens[index + 1].text.lower() in \
            PORTFOLIOS else "title"
    joined = particle_join(tokens, index, gazetteer) if word.lower() in NAME_PARTICLES else 0
    if joined:  # "Souza de Albuquerque", and "Van der Heijden" opening a sentence
        return 1, "word", state
    if word.lower() in CONNECTORS:
        return 1, "skip", "" if state != "title-of" else state
    return 1, "word", state


def _no_city(_text: str, _place) -> bool:
    return False


def _known_at(paragraph, tokens, index, gazetteer, city_ok) -> tuple[int, str] | None:
    for size in range(min(gazetteer.max_words, len(tokens) - index), 0, -1):
        first, last = tokens[index], tokens[index + size - 1]
        if first.text.lower() in CONNECTORS or last.text.lower() in CONNECTORS:
            continue
        city_here = city_ok if _may_be_city(tokens, index + size) else _no_city
        kind = known_type(gazetteer, paragraph[first.start:last.end], city_here)
        if kind:
            return size, kind
    return None


def _word(tokens: list[Token], index: int) -> str:
    return tokens[index].text if index < len(tokens) else ""


def _may_be_city(tokens: list[Token], follows: int) -> bool:
    """A city name right before another name is more often a first name ("Adam Neumann")."""
    return follows >= len(tokens) or tokens[follows].text.lower() in CONNECTORS or bool(title_at(tokens, follows))


def _organisation_extent(tokens: list[Token], index: int, gazetteer: Gazetteer) -> int:
    """Tokens from `index` that make an organisation name with a cue word ("China Development Bank",
    "Bank of England"); 0 when there is none. A cue word alone ("Police") is not a name, nor a plain word before
    "of" ("Members of the Himalayan Expedition Operators' Forum" names the forum)."""
    if tokens[index].text.lower() in CONNECTORS:
        return 0
    if tokens[index].text not in ORG_CUES and _word(tokens, index + 1) in ("of", "for"):
        return 0
    cue = -1
    position = index
    while position < len(tokens) and not title_at(tokens, position):
        if tokens[position].text == "and" and not _and_in_name(tokens, index, position, cue, gazetteer):
            break
        if tokens[position].text in ORG_CUES:
            cue = position
        position += 1
    if cue < 0:
        return 0
    end = cue + 1
    while end + 1 < len(tokens) and tokens[end].text in ("of", "for", "de") and not title_at(tokens, end + 1):
        end += 2
        while end < len(tokens) and (tokens[end].text[0].isupper() or _and_in_domain(tokens, end)) \
                and not title_at(tokens, end):
            end += 1
    return end - index if end - index > 1 or tokens[index].text not in ORG_CUES else 0


def _and_in_name(tokens: list[Token], index: int, position: int, cue: int, gazetteer: Gazetteer) -> bool:
    """Whether the 'and' at `position` joins words of one name: "Securities and Exchange Commission" (right
    after a cue word that the words after it do not repeat: "Riverside Public School and McKellar Park Public
    School" is two), "National Cocoa and Coffee Board", "Fiji Hotel and Tourism Workers Union" (a cue after it,
    the words before it naming nothing by themselves); not "Kazakhstan and the World Bank", "Kenya and World
    Bank" (two names)."""
    if _word(tokens, position + 1).lower() in ("the", ""):
        return False
    if cue == position - 1:  # "Securities and Exchange Commission"; "Riverside School and Park School" is two
        return not any(token.text == tokens[cue].text for token in tokens[position + 1:])
    if cue >= 0 or not any(token.text in ORG_CUES for token in tokens[position + 1:]):
        return False
    before = " ".join(token.text for token in tokens[index:position])
    if known_type(gazetteer, before, lambda _text, _place: True) is not None:
        return False  # "Kenya and World Bank"
    # A body of a country or a level of government names its fields with "and", as do bodies named after two
    # plain words ("Coffee and Cocoa Council", "Economic and Financial Crimes Commission"); two companies or
    # people are two names ("SBI and ICICI Bank", "Gannett and GateHouse Media", "Gordon Sondland and Energy
    # Secretary …").
    first = tokens[index].text
    if first.lower() in BODY_QUALIFIERS or known_type(gazetteer, first, _no_city) in ("place", "group"):
        return True
    return position - index == 1 and _plain_word(first) and _plain_word(_word(tokens, position + 1))


def _and_in_domain(tokens: list[Token], position: int) -> bool:
    """'Ministry of Water and Irrigation': an 'and' inside what a body is 'of', before a field of government,
    when no cue word follows (which would make it a second body: 'Ministry of Finance and Central Bank');
    not 'the Department of Homeland Security and Alex Azar'."""
    return (tokens[position].text == "and" and _word(tokens, position + 1).lower() in DOMAIN_WORDS
            and not any(token.text in ORG_CUES for token in tokens[position + 1:]))


# ---- the rule-based tagger --------------------------------------------------------------------------------


def tag_paragraphs(paragraphs: list[str], gazetteer: Gazetteer) -> list[Candidate]:
    """Candidates for one article by rule (see the module docstring); unknown runs still have type None."""
    lower_words = set(_LOWER_WORD.findall("\n".join(paragraphs)))  # one scan, no match objects
    out = []
    for number, paragraph in enumerate(paragraphs):
        for match in _name_spans(paragraph):
            sentence_start = _at_sentence_start(paragraph, match.start())
            for tokens in span_tokens(paragraph, match.start(), match.end()):
                initial = sentence_start and tokens[0].start == match.start()
                tokens = split_hyphenated(tokens, gazetteer)
                out.extend(_span_candidates(paragraph, number, tokens, initial, lower_words, gazetteer))
    return out


def _name_spans(paragraph: str) -> list[re.Match]:
    """Runs of capitalised words, and of names that open on an article ("al-Khatib said"), in reading order."""
    spans = list(SPAN.finditer(paragraph))
    if _ARTICLE_HINT.search(paragraph) is None:
        return spans
    taken = [(match.start(), match.end()) for match in spans]
    extra = [match for match in ARTICLE_SPAN.finditer(paragraph)
             if not any(start <= match.start() < end for start, end in taken)]
    return sorted(spans + extra, key=lambda match: match.start()) if extra else spans


def _span_candidates(paragraph, number, tokens, initial, lower_words, gazetteer) -> list[Candidate]:
    def city_ok(text: str, place) -> bool:
        if text.lower() in lower_words or fold_key(text) in COMMON_CITY_WORDS:
            return False
        return not (initial and text == tokens[0].text) or place.population >= 1_000_000

    state = title_before(paragraph, tokens[0].start)
    out = []
    for piece in segment(paragraph, tokens, state, gazetteer, city_ok):
        kind = piece.type or _rule_run_type(paragraph, piece, tokens, initial)
        first, last = piece.tokens[0], piece.tokens[-1]
        out.append(Candidate(number, first.start, last.end, paragraph[first.start:last.end], kind))
    return out


def split_hyphenated(tokens: list[Token], gazetteer: Gazetteer) -> list[Token]:
    """'China-Central Asia' is two names; 'Kassym-Jomart', 'Guinea-Bissau' and the 'Moravian-Silesian' of
    'Moravian-Silesian Region' (before a cue word) are one."""
    out = []
    for position, token in enumerate(tokens):
        parts = token.text.split("-")
        if len(parts) > 1 and strongly_known(gazetteer, parts[0]) and not strongly_known(gazetteer, token.text) \
                and not _before_cue(tokens, position):  # "Moravian-Silesian Region" is one name
            offset = token.start
            for part in parts:
                if part:
                    out.append(Token(offset, offset + len(part), part))
                offset += len(part) + 1
        else:
            out.append(token)
    return out


def _before_cue(tokens: list[Token], position: int) -> bool:
    following = _word(tokens, position + 1)
    return following in PLACE_LAST_CUES or following in ORG_CUES


def _rule_run_type(paragraph: str, piece: Piece, span: list[Token], initial: bool) -> str | None:
    if piece.state == "title":
        return "person"
    if piece.before_title and qualifies_title(piece.tokens):
        return None  # "Regional Governor Jana …": no body is named
    if piece.state == "title-of" or piece.before_title:
        return "organisation"
    if cue_type(piece.tokens):
        return cue_type(piece.tokens)
    lone_initial = initial and len(piece.tokens) == 1 and piece.tokens[0] is span[0]
    short = len(piece.tokens) <= 3 or sum(token.text.lower() not in NAME_PARTICLES for token in piece.tokens) <= 3
    if not lone_initial and short and _person_context(paragraph, piece, span):  # "van der" adds no length
        return "person"
    if len(piece.tokens) == 1 and not lone_initial and _ACRONYM.fullmatch(piece.tokens[0].text):
        return "organisation"
    return None


def qualifies_title(tokens: list[Token]) -> bool:
    """'Provincial', 'Provincial Affairs', 'Housing': words that only say which office a title is."""
    return all(token.text.lower() in TITLE_QUALIFIERS or token.text.lower() in PORTFOLIOS for token in tokens)


def _person_context(paragraph: str, piece: Piece, span: list[Token]) -> bool:
    """A speech verb before or after the name ("said Jane Doe", "..., Japarov said"), or an apposition
    that gives an age or a title ("Jane Doe, 45,", "Jane Doe, a spokeswoman for ...")."""
    if piece.tokens[0] is span[0]:
        before = paragraph[max(0, piece.tokens[0].start - 20):piece.tokens[0].start].split()
        if before and before[-1] in SPEECH_VERBS:
            return True
    if piece.tokens[-1] is not span[-1]:
        return False
    end = piece.tokens[-1].end
    next_word = _NEXT_WORD.match(paragraph, end)
    if next_word and next_word.group(1) in SPEECH_VERBS:
        return True
    apposition = _APPOSITION.match(paragraph, end)
    return bool(apposition and (apposition.group(1) or _has_title(apposition.group(2).split())))


def _has_title(words: list[str]) -> bool:
    return any(_ends_with_title(words[:end]) for end in range(1, len(words) + 1))


def _at_sentence_start(paragraph: str, start: int) -> bool:
    before = paragraph[:start].rstrip(" \t\n\"“‘'«(")
    return not before or before[-1] in ".!?:;—–-"


# ---- spaCy spans, corrected -------------------------------------------------------------------------------


def refine_model_spans(paragraph: str, number: int, spans: list[tuple[int, int, str]],
                       gazetteer: Gazetteer) -> list[Candidate]:
    """Our candidates from spaCy's entities in one paragraph: labels mapped, titles and possessives cut,
    mistyped known names corrected, "Group of" + "Seven" joined."""
    out = []
    covered = 0  # where the last person span, carried on over its particles, ends
    for start, end, label in spans:
        kind = SPACY_TYPES.get(label)
        if kind is None or start < covered:
            continue
        if kind == "organisation":
            end = _extend_dangling(paragraph, start, end)
            joined = _joined_organisation(paragraph, number, start, end)
            if joined is not None:
                out.append(joined)
                continue
        if kind == "person":
            end = _extend_particles(paragraph, _extend_hyphenated(paragraph, end), gazetteer)
            start = _particles_before(paragraph, _extend_family_name(paragraph, start, spans, gazetteer))
            covered = end
        for tokens in span_tokens(paragraph, start, end):
            out.extend(_model_span_candidates(paragraph, number, tokens, kind, gazetteer))
    return out


def _model_span_candidates(paragraph, number, tokens, kind, gazetteer) -> list[Candidate]:
    state = title_before(paragraph, tokens[0].start)
    has_title = any(title_at(tokens, i) for i in range(len(tokens)))
    if state or has_title:
        city_ok = _no_city if kind == "person" else (lambda _text, _place: True)
        pieces = segment(paragraph, tokens, state, gazetteer, city_ok)
    else:
        pieces = [Piece(tokens, None)]
    out = []
    for piece in pieces:
        first, last = piece.tokens[0], piece.tokens[-1]
        text = paragraph[first.start:last.end]
        piece_kind = piece.type or ("person" if piece.state == "title" else kind)
        known = known_type(gazetteer, text, _city_over(paragraph, piece, tokens, piece_kind))
        piece_kind = known or (cue_type(piece.tokens) if piece.type is None else None) or piece_kind
        if not known and piece.state != "title":
            piece_kind = _context_type(paragraph, first.start, last.end, piece_kind)
        if _looks_like_name(text):
            out.append(Candidate(number, first.start, last.end, text, piece_kind))
    return out


def _city_over(paragraph: str, piece: Piece, tokens: list[Token], kind: str):
    """When a city reading may replace the model's type: always for organisations and places; for a "person"
    only a city of 100,000 people or more with no title before it and no person context ("..., Goma said")
    ("Tuguegarao", "Glasgow" read as people). A person of that name elsewhere in the article wins later on."""
    def city_ok(_text: str, place) -> bool:
        if kind != "person":
            return True
        return (piece.state != "title" and place.population >= PERSON_CITY_MIN_POPULATION
                and not _person_context(paragraph, piece, tokens))
    return city_ok


PERSON_CITY_MIN_POPULATION = 100_000


# Lower-case words that introduce a company, club or body by what it is ("energy supplier Volterre", "car parts
# maker Brenner"); a person is introduced by a title instead.
ORG_DESCRIPTORS = frozenset("""
company firm maker makers supplier suppliers operator carrier lender bank retailer insurer airline manufacturer
developer producer miner utility club side broadcaster publisher start-up startup chain giant conglomerate
group brand label distributor exporter importer provider automaker carmaker chipmaker drugmaker brewer
""".split())
_WHICH_AFTER = re.compile(r"(?:['’]s)?,\s+which\b")
_AGE_AFTER = re.compile(r",\s+\d{1,3},")


def _context_type(paragraph: str, start: int, end: int, kind: str) -> str:
    """The words around a name the model typed: 'supplier Volterre' and 'Volterre, which' are no person;
    'Kholmatov, 22,' is one."""
    if kind == "person":
        before = paragraph[max(0, start - 30):start].split()
        if (before and before[-1] in ORG_DESCRIPTORS) or _WHICH_AFTER.match(paragraph, end):
            return "organisation"
    elif kind == "organisation" and _AGE_AFTER.match(paragraph, end):
        return "person"
    return kind


def cue_type(tokens: list[Token]) -> str | None:
    """The type that a cue word gives a name of two words or more: an organisation cue as its last word wins,
    then a place cue as its last (or first) word, then an event word anywhere; None when there is none."""
    words = [token.text for token in tokens]
    if len(words) < 2:
        return None
    if words[-1] in ORG_CUES:
        return "organisation"  # "Great Barrier Reef Marine Park Authority", "Brookfield Local School District"
    if words[0] in ORG_CUES and words[1] in ("of", "for", "de", "del"):
        return "organisation"  # "Metro de Medellín", "Bank of Guatemala": a body named after its place
    if any(word in ORG_CUES for word in words):
        return None
    if words[-1] in PLACE_LAST_CUES or words[0] in PLACE_FIRST_CUES:
        return "place"
    return "event" if any(word in EVENT_WORDS for word in words) else None


# A plural possessive or "&" inside an organisation's name: "Retail Workers' Union", "Mongolian People's Party",
# "Marlow & Finch". The possessive of a singular name ("China's Foreign Ministry") still ends a name.
_PLURAL_POSSESSIVE = re.compile(r"(?:\b\w+s['’]|\b(?:People|Women|Men|Children)['’]s)\s+[A-Z]|\w\s&\s[A-Z]")


def _joined_organisation(paragraph: str, number: int, start: int, end: int) -> Candidate | None:
    text = paragraph[start:end]
    lead = re.match(r"(?:the|The)\s+", text)
    if lead:
        start, text = start + lead.end(), text[lead.end():]
    for ending in _POSSESSIVE:
        if text.endswith(ending) and len(text) > len(ending) + 1:
            end, text = end - len(ending), text[:-len(ending)]
            break
    if not _PLURAL_POSSESSIVE.search(text):
        return None
    return Candidate(number, start, end, text, "organisation")


def _extend_hyphenated(paragraph: str, end: int) -> int:
    """spaCy may stop a name before a lower-case hyphenated part: "Lau Kwok" of "Lau Kwok-wing"."""
    follow = re.match(r"-[a-z]+\b", paragraph[end:])
    return end + follow.end() if follow and paragraph[end - 1:end].isalpha() else end


# After a person: a particle and the rest of the name ("… al-Tamimi", "… de Albuquerque", "… van der Heijden").
_PARTICLES_AFTER = re.compile(r"(?:\s+(?:al|el|ad|ar|as|ash|at|az)-[A-ZÀ-Þ][\w’'-]*"
                              r"|(?:\s+(?:de|del|della|da|do|dos|das|di|du|la|le|van|von|der|den|ter|bin|ibn|"
                              r"bint)){1,2}"
                              r"\s+[A-ZÀ-Þ][\w’'-]*)+")
# Before a person: particles that open the name ("Van der Heijden said", "De Graaf", "and de Graaf").
_PARTICLES_BEFORE = re.compile(r"(?<![\w’'-])(?:[Vv]an|[Vv]on|[Dd]e|[Dd]a|[Dd]os|[Dd]el|[Dd]i|[Dd]u|[Tt]er)"
                               r"(?:\s+(?:der|den|la|los|las|de))?\s+$")


def _extend_particles(paragraph: str, end: int, gazetteer: Gazetteer) -> int:
    """spaCy may stop a name before its particles, or give the part after them as a name of its own: "Khalid
    Abdul-Wahab" + "al-Tamimi". The name runs on over them unless the word after is a title, a body's cue word
    or a country or region (see `particle_join`)."""
    follow = _PARTICLES_AFTER.match(paragraph, end)
    if follow is None:
        return end
    last = follow.group(0).split()[-1]
    bare = last.split("-", 1)[1] if last[:3].lower() in ("al-", "el-") or "-" in last[:4] else last
    if bare.lower() in TITLES or bare in ORG_CUES or strongly_known(gazetteer, _bare_word(bare)):
        return end
    return follow.end()


def _bare_word(word: str) -> str:
    return word.rstrip(".,;:!?’'\"”)")


def _plain_word(word: str) -> bool:
    """A capitalised word written like any other ("Coffee"), not an acronym or a brand ("SBI", "GateHouse")."""
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def _particles_before(paragraph: str, start: int) -> int:
    before = _PARTICLES_BEFORE.search(paragraph, max(0, start - 12), start)
    return before.start() if before else start


_AGENT_ENDINGS = ("er", "or", "ist", "ant", "ent", "ian", "ee")


def _extend_family_name(paragraph: str, start: int, spans: list[tuple[int, int, str]], gazetteer: Gazetteer) -> int:
    """spaCy may leave out a family name written first ("Nguyễn" of "Nguyễn Thị Thu Hà", "Ooi" of "Ooi Siew
    Ling"): one short capitalised word right before a person, unless it is a title, a sentence word, a known
    place, nationality or organisation, or another entity. Family names written first are short (Nguyễn, Ooi,
    Tran, Wang, Park); a longer word or an agent noun there is a role ("Prosecutor", "Substitute", "Driver")."""
    before = re.search(r"(?<![\w’'.-])(\w+) $", paragraph[max(0, start - 30):start])
    if before is None:
        return start
    word_start = start - len(before.group(0))
    word = before.group(1)
    after_title = bool(title_before(paragraph, word_start))  # "Economy Minister Héctor …": a role is given
    if (not word[0].isupper() or not word[1:].islower() or not word.isalpha()
            or (not after_title and (len(word) > 6 or word.lower().endswith(_AGENT_ENDINGS)))
            or word.lower() in TITLES or word.lower() in LEADING_STOP
            or word.lower() in CALENDAR
            or any(s <= word_start < e for s, e, _label in spans)
            or known_type(gazetteer, word, lambda _text, _place: True)
            or demonym_country(gazetteer, word)[0]):
        return start
    return word_start


def _extend_dangling(paragraph: str, start: int, end: int) -> int:
    """spaCy sometimes stops an organisation at "Group of", leaving "Seven" as a number."""
    if not re.search(r"\s(?:of|for)$", paragraph[start:end]):
        return end
    follow = re.match(r"\s+(?:[A-Z][\w’'\-]*|\d+)", paragraph[end:])
    return end + follow.end() if follow else end


def _looks_like_name(text: str) -> bool:
    return len(text) > 1 and (text[0].isupper() or text[0].isdigit()) and any(ch.isalpha() for ch in text)
