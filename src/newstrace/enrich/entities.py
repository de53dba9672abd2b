"""Entities of articles: spaCy's NER (or the rule-based tagger), cleaned, typed and merged per article.

1. Candidates: with a model, one `nlp.pipe` over every paragraph of every
   article in the batch, spaCy labels mapped to our types (PERSON person, ORG
   organisation, GPE/LOC/FAC place, NORP group, EVENT event) and corrected by
   `rules.refine_model_spans` (titles, possessives, leading "the", known
   names the model mistypes), and completed by the names the rule tagger reads
   from a cue word or the gazetteer where the model found nothing or cut a name
   up ("Salland-Oost Water Board", "Ceylon Estate Workers' Congress",
   "Moravian-Silesian Region", "Tamils"). Without one, `rules.tag_paragraphs`.
2. Types settled per article. The words around a name first: "In Tefé,"
   opening a sentence, "Amazonas state", "the Hayaniya district", "Chimwemwe
   township", "the town of Olst", "the Eliška mine" make a place of a name no
   list knows (added where no tagger found it, retyped where one called it a
   person, organisation or event), as does a list of three or more names whose
   others are places ("Huehuetenango, San Marcos and Quiché"); "gave her name
   only as Selvi" makes a person. Then a one-word name that is a word of a person's
   name found elsewhere in the article is that person ("Tokayev", "Xi"),
   unless the gazetteer knows it as a country, region, nationality or
   organisation; a name tagged differently in different places takes its
   most frequent type; the rule tagger's unknown runs are dropped unless a
   later bare surname makes them people. Before that, a two- or three-word
   name typed otherwise whose last word speaks alone elsewhere ("Mokoena
   said") is a person, and a one-word "person" that is the first word of an
   organisation in the article ("Qinling" after "Qinling Motors") is that
   organisation.
3. Merged per article: places by their gazetteer reading ("U.S." and
   "United States"), else by a folded key ("Xi’an", "Xian"); organisations
   by their known canonical name, an acronym of a longer name, or a longer name's first word alone
   ("Qinling" for "Qinling Motors", also when the model typed it a person); people
   when one name's words are a subsequence of another's ("Tokayev" in
   "Kassym-Jomart Tokayev"; "Xi" in "Xi Jinping"), choosing the nearest
   earlier full name when several fit; an acronym in brackets right after an
   organisation is that organisation ("Royal Netherlands Meteorological
   Institute (KNMI)"). The canonical name is the fullest
   form (most words, then most characters), typographic apostrophes made
   plain; variants are all forms as written. A person's full names and
   surnames are then looked up in the text once more, to add the mentions
   the tagger missed ("..., Japarov said." when spaCy skipped it); a surname
   two people share is left alone.
4. The dateline's places ("XI’AN, China") and the article's agency are
   added when the text does not name them; every place gets the country it
   lies in, preferring countries the article or dateline names when a city
   name is ambiguous.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..model import Article, Entity, Mention
from . import rules
from .claims import amount_spans
from .gazetteer import Gazetteer, best_place, demonym_country, fold_key, load_gazetteer, organisation_name
from .nlp import load_model
from .rules import Candidate

MAX_PARAGRAPH_CHARS = 100_000  # spaCy's own limit is 1,000,000; longer "paragraphs" are not prose
PIPE_BATCH_SIZE = 256
TYPE_ORDER = ("person", "organisation", "place", "group", "event")


def find_entities(articles: list[Article], options) -> list[list[Entity]]:
    """Entities of each article; `options.use_model` False (or no model installed): the rule-based tagger.

    Articles the parser found to be in another language than English go to the rule-based tagger too:
    the English model reads capitalised words of other languages as names (its output there is noise)."""
    gazetteer = load_gazetteer()
    nlp = load_model(options.model) if options.use_model else None
    by_model = [index for index, article in enumerate(articles) if nlp is not None and _is_english(article)]
    candidates = {index: found for index, found in
                  zip(by_model, model_candidates(nlp, [articles[i] for i in by_model], gazetteer))}
    for index, article in enumerate(articles):
        if index not in candidates:
            candidates[index] = rules.tag_paragraphs(article.paragraphs, gazetteer)
    return [entities_of(article, candidates[index], gazetteer) for index, article in enumerate(articles)]


def _is_english(article: Article) -> bool:
    return not article.language or article.language.lower().startswith("en")


def model_candidates(nlp, articles: list[Article], gazetteer: Gazetteer) -> list[list[Candidate]]:
    """spaCy's entities, corrected. One pipe over all paragraphs of the batch (n_process=1: the caller
    spreads batches over processes)."""
    if not articles:
        return []
    jobs = [(number, index, paragraph) for number, article in enumerate(articles)
            for index, paragraph in enumerate(article.paragraphs) if paragraph.strip()]
    texts = (paragraph[:MAX_PARAGRAPH_CHARS] for _, _, paragraph in jobs)
    out: list[list[Candidate]] = [[] for _ in articles]
    for (number, index, paragraph), doc in zip(jobs, nlp.pipe(texts, batch_size=PIPE_BATCH_SIZE, n_process=1)):
        spans = [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]
        found = rules.refine_model_spans(paragraph, index, spans, gazetteer)
        out[number].extend(_with_cue_names(found, paragraph, index, gazetteer))
    return out


def _with_cue_names(found: list[Candidate], paragraph: str, index: int, gazetteer: Gazetteer) -> list[Candidate]:
    """The model's names, completed by the names the rule tagger reads from a cue word or the gazetteer and the
    model missed or cut up: "Salland-Oost Water Board" (no entity), "Ceylon Estate Workers' Congress" (two),
    "Moravian-Silesian Region" ("Moravian" alone), "Tamils". A rule name fills a gap, or replaces the model's
    names inside it where the model is known to cut: a people's word of a longer name, or pieces of a name
    holding a plural possessive. It never crosses a model name's edge."""
    if not _may_hold_cue_names(paragraph, gazetteer):
        return found
    out = list(found)
    for rule in (c for c in rules.tag_paragraphs([paragraph], gazetteer) if _named_by_cue(c, gazetteer)):
        inside = [c for c in out if rule.start <= c.start and c.end <= rule.end]
        crossing = [c for c in out if c.start < rule.end and rule.start < c.end and c not in inside]
        if crossing or (inside and not _model_cut(rule, inside)):
            continue
        out = [c for c in out if c not in inside] + [Candidate(index, rule.start, rule.end, rule.text, rule.type)]
    return out


_CAPITALISED = re.compile(r"[A-ZÀ-Þ][\w’'-]*")
_CUE_WORDS = rules.ORG_CUES | rules.PLACE_LAST_CUES


def _may_hold_cue_names(paragraph: str, gazetteer: Gazetteer) -> bool:
    """A cheap test before the rule tagger runs on a paragraph the model read: a cue word, or a word a list
    knows as a people ("Tamils"), among its capitalised words."""
    words = set(_CAPITALISED.findall(paragraph))
    return not words.isdisjoint(_CUE_WORDS) or any(demonym_country(gazetteer, word)[0] for word in words)


def _model_cut(rule: Candidate, inside: list[Candidate]) -> bool:
    if rule.type == "group" or any((c.start, c.end) == (rule.start, rule.end) for c in inside):
        return False
    return all(c.type == "group" for c in inside) or (
        rules.PLURAL_POSSESSIVE_WORD.search(rule.text) is not None and all(c.type == "organisation" for c in inside))


def _named_by_cue(candidate: Candidate, gazetteer: Gazetteer) -> bool:
    words = candidate.text.split()
    if candidate.type == "group":
        return rules.known_type(gazetteer, candidate.text, lambda _text, _place: False) == "group"
    return candidate.type in ("organisation", "place") and len(words) > 1 and rules.cue_type(
        [rules.Token(0, 0, word) for word in words]) == candidate.type


def entities_of(article: Article, candidates: list[Candidate], gazetteer: Gazetteer) -> list[Entity]:
    candidates = _split_person_of_body(_without_amounts(candidates, article.paragraphs), gazetteer)
    candidates = _joined_names(_by_context(candidates, article.paragraphs), article.paragraphs, gazetteer)
    candidates = _places_in_lists(_places_by_context(candidates, article.paragraphs, gazetteer), article.paragraphs,
                                  gazetteer)
    settled = settle_types(candidates, gazetteer, speaking_words(article.paragraphs))
    clusters = _join_bracketed(cluster_mentions(settled, gazetteer), settled, article.paragraphs)
    entities = [_entity(cluster) for cluster in clusters]
    _complete_person_mentions(entities, article.paragraphs)
    entities += _unmentioned(article, entities, gazetteer)
    _resolve_countries(entities, article, gazetteer)
    return sorted(entities, key=_first_seen)


def _without_amounts(candidates: list[Candidate], paragraphs: list[str]) -> list[Candidate]:
    """Drop names that overlap a sum of money or a percentage: the model reads "LE 125 billion", "EGP" (of
    "EGP 134.2 billion") or "R3-4 billion" as organisations and events."""
    suspects = [candidate for candidate in candidates if _amount_like(candidate.text)]
    amounts: dict[int, list[tuple[int, int]]] = {}
    for number in {candidate.paragraph for candidate in suspects}:
        if 0 <= number < len(paragraphs) and any(map(str.isdigit, paragraphs[number])):
            amounts[number] = amount_spans(paragraphs[number])
    inside = {id(candidate) for candidate in suspects if any(
        start < candidate.end and candidate.start < end for start, end in amounts.get(candidate.paragraph, ()))}
    return [candidate for candidate in candidates if id(candidate) not in inside]


def _amount_like(text: str) -> bool:
    """A piece of an amount ("LE 125 billion", "EGP", "Rs", "NT"), not a word like "Norwegian" in "Norwegian
    crowns", which is a nationality in its own right."""
    return len(text) <= 3 or text.isupper() or any(map(str.isdigit, text))


# "Finance Minister Aisha …", "Council member Darlene Hoch": a portfolio or a body's generic word, no name.
_PORTFOLIO_AFTER = re.compile(r"\s+(?:Minister|Secretary|member)\b")
# "Sindh province", "Dadu district": the model takes in the lower-case word for the kind of place.
_PLACE_KIND_WORD = re.compile(r"\s+(?:province|district|county|state|region|prefecture|governorate|oblast)$")
# "in Dong Nai and Binh Duong provinces": names before a plural word for places are places.
_PLACES_AFTER = re.compile(r"(?:\s+(?:and|or)\s+(?:[A-Z][\w’'-]*\s+){1,3})?\s*(?:provinces|districts|counties|"
                           r"states|regions|prefectures|governorates)\b|\s+(?:province|district|county|prefecture|"
                           r"governorate|oblast)\b")
# "Minister for Housing Ciarán Ó Dálaigh": the model takes the portfolio into the name after it.
_MINISTER_OF = re.compile(r"\b(?:Minister|Secretary|Commissioner)\s+(?:for|of)\s+$")
# "a picker who gave her name only as Selvi", "identified only as Ahmed": whoever it is, a person.
_GIVEN_NAME_BEFORE = re.compile(r"\b(?:(?:gave|giving|gives)\s+(?:his|her|their)\s+(?:first\s+|full\s+)?name|"
                                r"identified(?:\s+(?:himself|herself|themselves))?|known)\s+(?:only\s+)?as\s+$")
# "Their lawyer, Babatunde Ajayi-Coker, said": a name in apposition to a role is a person.
_ROLE_BEFORE = re.compile(r"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]he)\s+([a-z-]+),\s+$")


def _by_context(candidates: list[Candidate], paragraphs: list[str]) -> list[Candidate]:
    """Types and spans the surrounding words settle (see the patterns above)."""
    out = []
    for candidate in candidates:
        paragraph = paragraphs[candidate.paragraph] if 0 <= candidate.paragraph < len(paragraphs) else ""
        one_word = " " not in candidate.text
        if candidate.type == "organisation" and one_word and _PORTFOLIO_AFTER.match(paragraph, candidate.end) and (
                candidate.text.lower() in rules.PORTFOLIOS or candidate.text in rules.ORG_CUES
                or _PORTFOLIO_AFTER.match(paragraph, candidate.end).group(0).strip() != "member"):
            continue
        if candidate.type == "organisation" and _PORTFOLIO_AFTER.match(paragraph, candidate.end) and all(
                rules.qualifies_title(part) for part in rules.span_tokens(paragraph, candidate.start, candidate.end)):
            continue  # "Provincial Affairs Minister": a portfolio of several words
        candidate = _without_portfolio(candidate, paragraph)
        trimmed = _PLACE_KIND_WORD.search(candidate.text) if candidate.type == "place" else None
        if trimmed:
            candidate = Candidate(candidate.paragraph, candidate.start, candidate.start + trimmed.start(),
                                  candidate.text[:trimmed.start()], "place")
        elif paragraph.endswith("as ", 0, candidate.start) and _GIVEN_NAME_BEFORE.search(
                paragraph, max(0, candidate.start - 45), candidate.start):
            candidate = Candidate(candidate.paragraph, candidate.start, candidate.end, candidate.text, "person")
        elif candidate.type in ("person", "organisation", None) and _PLACES_AFTER.match(paragraph, candidate.end):
            candidate = Candidate(candidate.paragraph, candidate.start, candidate.end, candidate.text, "place")
        elif candidate.type in ("organisation", "place", None) and not one_word and (
                role := _ROLE_BEFORE.search(paragraph, max(0, candidate.start - 40), candidate.start)) and (
                role.group(1) in rules.TITLES or role.group(1) in ("lawyer", "spokesman", "spokeswoman")):
            candidate = Candidate(candidate.paragraph, candidate.start, candidate.end, candidate.text, "person")
        out.append(candidate)
    return out


# A capitalised name, up to three words (particles allowed inside: "Santo Domingo", "San José de Ocoa"); a word
# never ends in a possessive, so "Papua New Guinea's Enga province" gives "Enga".
_NAME_WORD = r"[A-ZÀ-Þ][\w-]*(?:[’'](?!s\b)[\w-]+)*"
_PLACE_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:de|del|da|do|dos|la)\s+)?{_NAME_WORD}){{0,2}}"
# The same, opening on a class of capitals (the lookbehind after it), so that the scanner skips to the next one.
_PLACE_NAME_START = rf"[A-ZÀ-Þ](?<![\w’'-][A-ZÀ-Þ])[\w-]*(?:[’'](?!s\b)[\w-]+)*" \
                    rf"(?:\s+(?:(?:de|del|da|do|dos|la)\s+)?{_NAME_WORD}){{0,2}}"
_PLACE_KINDS = ("province|district|state|region|township|neighbourhood|neighborhood|village|town|municipality|county|"
                "prefecture|governorate|oblast")
# Words around a name that say it is a place, whether or not any list knows it: "Amazonas state", "the Hayaniya
# district", "Chimwemwe township"; "the town of Olst"; "In Tefé, fisherman …" opening a sentence; "the Eliška
# mine". Each pattern holds the name in group 1 (and the second of two in group 2: "Nuwara Eliya and Badulla
# districts").
_SITES = ("mine", "dam", "oilfield", "reservoir", "glacier", "volcano")
_STATE_GOES_ON = ("(?:has|had|have|is|was|were|will|said|says|government|governor|capital|authorities|officials|"
                  "legislature|assembly|police|and|or|in|on|at|to|where|which|that|before|after|since)")
_KINDS_OF = ("town", "village", "city", "district", "province", "region", "island", "port", "township", "hamlet",
             "municipality")
# Each pattern with the words one of which a paragraph must hold for it to be tried (a plain substring test).
_PLACE_CONTEXTS = (
    # not before "of": in "the Cumbrian village of Allerby" the place is the name after it
    # "state" also qualifies things ("the Individual Medley state title"): before a lower-case word, only one that
    # goes on about a place ("Amazonas state has declared", "Kaduna state government")
    (re.compile(rf"({_PLACE_NAME_START})(?:\s+and\s+({_PLACE_NAME}))?\s+(?:{_PLACE_KINDS})s?\b(?!\s+of\b)"
                rf"(?<!state)(?<!states)"
                rf"|({_PLACE_NAME_START})\s+states?\b(?!\s+(?!{_STATE_GOES_ON}\b)[a-z])"),
     tuple(f" {kind}" for kind in _PLACE_KINDS.split("|"))),
    (re.compile(rf"\b(?:{'|'.join(_KINDS_OF)})\s+of\s+({_PLACE_NAME})(?![\w’'-])"),
     tuple(f"{kind} of " for kind in _KINDS_OF)),
    (re.compile(rf"In\s+({_PLACE_NAME}),"), ("In ",)),  # opening a sentence: see `_context_place_spans`
    (re.compile(rf"\bthe\s+({_PLACE_NAME})\s+(?:{'|'.join(_SITES)})\b"), tuple(f" {site}" for site in _SITES)),
)


def _places_by_context(candidates: list[Candidate], paragraphs: list[str], gazetteer: Gazetteer) -> list[Candidate]:
    """Names the words around them make places (see `_PLACE_CONTEXTS`): a name no tagger found is added as a
    place, one typed a person or organisation becomes one ("In Tefé," read as a person), unless the gazetteer
    knows it as an organisation or a people, or a cue word makes it a body ("In Parliament,")."""
    spans = _context_place_spans(paragraphs)
    if not spans:
        return candidates
    hit = {number for number, _start, _end in spans}
    by_span = {(c.paragraph, c.start, c.end): c for c in candidates if c.paragraph in hit}
    taken = defaultdict(list)
    for candidate in by_span.values():
        taken[candidate.paragraph].append((candidate.start, candidate.end))
    added = []
    for number, start, end in spans:
        text = paragraphs[number][start:end]
        if not _may_be_place(text, gazetteer):
            continue
        same = by_span.get((number, start, end))
        if same is not None and (same.type in ("person", "organisation", "event", None)
                                 or (same.type == "group" and not same.text.endswith(_DEMONYM_ENDINGS))):
            same.type = "place"  # a "group" only when it does not read as a people's adjective ("Masai", no)
        elif same is None and not any(s < end and start < e for s, e in taken[number]):
            added.append(Candidate(number, start, end, text, "place"))
            taken[number].append((start, end))
    return candidates + added


_DEMONYM_ENDINGS = ("an", "ese", "ish", "ic", "i", "ai", "ns")


def _places_in_lists(candidates: list[Candidate], paragraphs: list[str], gazetteer: Gazetteer) -> list[Candidate]:
    """'from Huehuetenango, San Marcos and Quiché': a name in a list of three or more, closed by 'and' or 'or',
    whose other items are all places is a place too, when the tagger typed it a person or organisation (or
    nothing) and no list knows it as one."""
    for run in _lists(sorted(candidates, key=lambda c: (c.paragraph, c.start)), paragraphs):
        joined = paragraphs[run[-1].paragraph][run[-2].end:run[-1].start] if len(run) >= 3 else ""
        if " and " not in joined and " or " not in joined:
            continue  # "SpaceX, Hawthorne, California": where a body is, no list
        if sum(item.type == "place" for item in run) >= len(run) - 1:
            for item in run:
                if item.type in ("person", "organisation", None) and _may_be_place(item.text, gazetteer):
                    item.type = "place"
    return candidates


_LIST_JOIN = re.compile(r",\s|,?\s(?:and|or)\s")


def _lists(ordered: list[Candidate], paragraphs: list[str]) -> list[list[Candidate]]:
    """Runs of names one after another, joined only by ', ', ' and ', ', and ', ' or '."""
    runs: list[list[Candidate]] = []
    for candidate in ordered:
        last = runs[-1][-1] if runs else None
        if (last is not None and last.paragraph == candidate.paragraph and 2 <= candidate.start - last.end <= 6
                and _LIST_JOIN.fullmatch(paragraphs[candidate.paragraph], last.end, candidate.start)):
            runs[-1].append(candidate)
        else:
            runs.append([candidate])
    return runs


# Any of the words above: opening on a space or "I" (the scanner then skips quickly), a little wider than needed.
_ANY_PLACE_CONTEXT = re.compile(" (?:" + "|".join(sorted({*_PLACE_KINDS.split("|"), *_KINDS_OF, *_SITES}, key=len,
                                                         reverse=True)) + ")|In ")


def _context_place_spans(paragraphs: list[str]) -> list[tuple[int, int, int]]:
    found = []
    for number, paragraph in enumerate(paragraphs):
        if _ANY_PLACE_CONTEXT.search(paragraph) is None:
            continue  # most paragraphs: one scan for all the patterns' words
        for pattern, needs in _PLACE_CONTEXTS:
            if not any(word in paragraph for word in needs):
                continue
            for match in pattern.finditer(paragraph):
                if match.group(0).startswith("In ") and (not _opens_sentence(paragraph, match.start())
                                                          or match.group(0).startswith("In The ")):
                    continue  # "In The Dragon Waiting, …": a work or a body; a place would be known
                found.extend((number, *_without_leading_stop(paragraph, match.start(group), match.end(group)))
                             for group in range(1, pattern.groups + 1) if match.group(group))
    return [span for span in found if span[1] < span[2]]


def _opens_sentence(paragraph: str, start: int) -> bool:
    before = paragraph[:start].rstrip()
    return not before or before[-1] in ".!?“\""


def _without_leading_stop(paragraph: str, start: int, end: int) -> tuple[int, int]:
    """'The Hayaniya' opening a sentence is 'Hayaniya'; 'The' alone ('The state said') is nothing (start == end)."""
    while start < end:
        word = re.match(r"(\S+)\s*", paragraph[start:end])
        if word is None or word.group(1).lower() not in rules.LEADING_STOP:
            break
        start += word.end()
    return min(start, end), end


def _may_be_place(text: str, gazetteer: Gazetteer) -> bool:
    words = text.split()
    if any(word in rules.ORG_CUES or word.lower() in rules.CALENDAR or word.lower() in rules.TITLES
           or word == "May" for word in words):  # "In May,": the month the calendar list leaves out as a verb
        return False
    if any(char.isdigit() for char in text):
        return False  # "In Cinebench R20,": a product
    known = rules.known_type(gazetteer, text, lambda _text, _place: True)
    return known in (None, "place")


def _without_portfolio(candidate: Candidate, paragraph: str) -> Candidate:
    """'Housing Ciarán Ó Dálaigh' after 'Minister for' is the person 'Ciarán Ó Dálaigh'."""
    words = candidate.text.split(" ")
    if (len(words) < 3 or words[0].lower() not in rules.PORTFOLIOS
            or not _MINISTER_OF.search(paragraph, max(0, candidate.start - 30), candidate.start)):
        return candidate
    start = candidate.start + len(words[0]) + 1
    return Candidate(candidate.paragraph, start, candidate.end, paragraph[start:candidate.end], "person")


def _joined_names(candidates: list[Candidate], paragraphs: list[str], gazetteer: Gazetteer) -> list[Candidate]:
    """Names the model cut in two, joined again: 'Wilfredo' (person) + 'Quispe Mamani' (organisation) -- a
    one-word person right before one or two capitalised words that no list knows and no cue marks as a body,
    one space apart, is one person; also a surname cut at its hyphen (`_with_hyphenated_part`) and two
    organisations joined by 'and' that the article abbreviates as one (`_joined_by_acronym`)."""
    ordered = sorted(candidates, key=lambda c: (c.paragraph, c.start))
    acronyms = {c.text for c in candidates if c.text.isupper() and 2 < len(c.text) <= 8}
    out: list[Candidate] = []
    for candidate in ordered:
        candidate = _with_hyphenated_part(candidate, paragraphs[candidate.paragraph])
        previous = out[-1] if out else None
        if previous is not None and _joined_by_acronym(previous, candidate, paragraphs, acronyms):
            out[-1] = Candidate(previous.paragraph, previous.start, candidate.end,
                                paragraphs[candidate.paragraph][previous.start:candidate.end], "organisation")
            continue
        if (previous is not None and previous.type == "person" and " " not in previous.text
                and previous.paragraph == candidate.paragraph and candidate.start == previous.end + 1
                and paragraphs[candidate.paragraph][previous.end] == " " and _bare_surname(candidate, gazetteer)):
            out[-1] = Candidate(previous.paragraph, previous.start, candidate.end,
                                paragraphs[candidate.paragraph][previous.start:candidate.end], "person")
            continue
        out.append(candidate)
    return out


_HYPHENATED_PART = re.compile(r"-[A-Z][\w’']+")


def _with_hyphenated_part(candidate: Candidate, paragraph: str) -> Candidate:
    """'Agnieszka Wróblewska' before '-Pazik': the model cut a double-barrelled surname at its hyphen."""
    part = _HYPHENATED_PART.match(paragraph, candidate.end) if candidate.type == "person" else None
    if part is None:
        return candidate
    return Candidate(candidate.paragraph, candidate.start, part.end(), paragraph[candidate.start:part.end()], "person")


def _joined_by_acronym(first: Candidate, second: Candidate, paragraphs: list[str], acronyms: set[str]) -> bool:
    """'Bangladesh Apparel Makers' and 'Exporters Forum', one name the article abbreviates as BAMEF: two
    organisations joined by 'and' whose initials together make an acronym the article uses."""
    if first.type != "organisation" or second.type != "organisation" or first.paragraph != second.paragraph:
        return False
    if paragraphs[first.paragraph][first.end:second.start] != " and ":
        return False
    initials = "".join(word[0] for word in f"{first.text} {second.text}".split() if word[:1].isupper())
    return initials in acronyms


def _bare_surname(candidate: Candidate, gazetteer: Gazetteer) -> bool:
    words = candidate.text.split()
    return (candidate.type != "place" and 1 <= len(words) <= 2
            and all(w[:1].isupper() and w[1:].islower() for w in words)
            and not any(w in rules.ORG_CUES or w in _BODY_HEADS for w in words)
            and rules.known_type(gazetteer, candidate.text, lambda _text, _place: True) is None)


# "Lerato Molefe of the South Side Residents Forum": a person and the body they belong to, read as one name.
_PERSON_OF_BODY = re.compile(r"((?:[A-Z][\w’'-]+\s){1,2}[A-Z][\w’'-]+)\s+of\s+(?:the\s+)?([A-Z].+)$")
# Words that head an organisation's own "X of Y" name ("Friends of the Earth", "Bank of England").
_BODY_HEADS = frozenset("Friends Sisters Brothers Order Knights Daughters Sons Republic Kingdom Society Church "
                        "League Court Museum".split())


def _split_person_of_body(candidates: list[Candidate], gazetteer: Gazetteer) -> list[Candidate]:
    out = []
    for candidate in candidates:
        found = _PERSON_OF_BODY.match(candidate.text) if candidate.type in ("organisation", None) else None
        head_words = found.group(1).split() if found else []
        body_words = found.group(2).split() if found else []
        if (not found or any(w in rules.ORG_CUES or w in _BODY_HEADS or w in rules.PLACE_LAST_CUES
                             or w.lower() in rules.TITLES for w in head_words)
                or rules.known_type(gazetteer, found.group(1), lambda _text, _place: True)
                or any(rules.strongly_known(gazetteer, w) for w in head_words)
                or body_words[-1] not in rules.ORG_CUES):
            out.append(candidate)
            continue
        body_start = candidate.start + found.start(2)
        out.append(Candidate(candidate.paragraph, candidate.start, candidate.start + found.end(1), found.group(1),
                             "person"))
        out.append(Candidate(candidate.paragraph, body_start, candidate.end, found.group(2), "organisation"))
    return out


# ---- types ------------------------------------------------------------------------------------------------


def settle_types(candidates: list[Candidate], gazetteer: Gazetteer,
                 speakers: frozenset[str] = frozenset()) -> list[Candidate]:
    words_of = {text: name_words(text) for text in {c.text for c in candidates}}  # each name split once
    lone_words = {fold_key(c.text) for c in candidates if c.type in (None, "person") and " " not in c.text}
    lone_words |= {words[-1] for c in candidates if c.type in (None, "person")  # "Van Der Beek said": a surname
                   and len(words := words_of[c.text]) > 1 and len(_without_particles(words)) == 1}
    for candidate in candidates:
        if _speaking_surname(candidate, speakers, gazetteer):
            candidate.type = "person"
    _short_organisation_names(candidates)
    for _ in range(2):  # a second round: a name typed person by its later surname types that surname too
        person_words = {word for c in candidates if c.type == "person" for word in words_of[c.text]}
        for candidate in candidates:
            if candidate.type != "person":
                candidate.type = _settled_type(candidate, words_of[candidate.text], person_words, lone_words,
                                               gazetteer)
    return _majority_types([c for c in candidates if c.type is not None])


_SPEAKS_VERBS = ("said", "says", "told", "added", "adds", "replied", "asked", "insisted", "argued")
_SPEAKS = re.compile(rf"\b([A-Z][\w’'\-]+)\s+(?:{'|'.join(_SPEAKS_VERBS)})\b"
                     r"|\b(?:said|says|added|replied|asked)\s+([A-Z][\w’'\-]+)\s*[,.]")


def speaking_words(paragraphs: list[str]) -> frozenset[str]:
    """Capitalised words that speak by themselves in the article ("Mokoena said", "said Imboden."), not as the
    last word of a longer name ("Reef Forward said")."""
    found = set()
    for paragraph in paragraphs:
        if not any(verb in paragraph for verb in _SPEAKS_VERBS):
            continue  # a plain substring test: far cheaper than the pattern's scan, and every match holds a verb
        for match in _SPEAKS.finditer(paragraph):
            word = match.group(1) or match.group(2)
            before = paragraph[:match.start(1)].split()[-1:] if match.group(1) else []
            if not (before and before[0][:1].isupper() and before[0][-1].isalnum()):
                found.add(fold_key(word))
    return frozenset(found)


def _speaking_surname(candidate: Candidate, speakers: frozenset[str], gazetteer: Gazetteer) -> bool:
    """A two- or three-word name the model typed otherwise whose last word speaks alone elsewhere is a person
    named in full and then by surname ("Thabo Mokoena" … "Mokoena said"); organisations are cut short by their
    first word or an acronym, not their last word. Names with an organisation cue or known to the gazetteer stay."""
    words = candidate.text.split()
    if candidate.type not in ("organisation", "place") or not 2 <= len(words) <= 3:
        return False
    if fold_key(words[-1]) not in speakers or any(word in rules.ORG_CUES for word in words):
        return False
    return not rules.strongly_known(gazetteer, candidate.text) and not rules.strongly_known(gazetteer, words[-1])


def _short_organisation_names(candidates: list[Candidate]) -> None:
    """'Qinling' after 'Qinling Motors', 'Brenner' after 'Brenner Antriebstechnik': a one-word "person" that is
    the first word of an organisation named in the article, and no word of a longer person's name, is that
    organisation by its short name."""
    first_words = {name_words(c.text)[0] for c in candidates if c.type == "organisation" and " " in c.text.strip()
                   and name_words(c.text)}
    person_words = {word for c in candidates if c.type == "person" and " " in c.text.strip()
                    for word in name_words(c.text)}
    for candidate in candidates:
        key = fold_key(candidate.text)
        if candidate.type == "person" and " " not in candidate.text and key in first_words - person_words:
            candidate.type = "organisation"


def _settled_type(candidate: Candidate, words: list[str], person_words: set[str], lone_words: set[str],
                  gazetteer) -> str | None:
    if words and set(words) <= person_words and not rules.strongly_known(gazetteer, candidate.text):
        return "person"
    if candidate.type is None and 1 < len(_without_particles(words)) <= 3 and words[-1] in lone_words:
        return "person"  # "Ryan Wu ... Wu said", "James Van Der Beek … Van Der Beek said": in full, then by surname
    return candidate.type


def _without_particles(words: list[str]) -> list[str]:
    return [word for word in words if word not in rules.NAME_PARTICLES]


def _majority_types(candidates: list[Candidate]) -> list[Candidate]:
    votes: dict[str, Counter] = defaultdict(Counter)
    for candidate in candidates:
        votes[fold_key(candidate.text)][candidate.type] += 1
    for candidate in candidates:
        counts = votes[fold_key(candidate.text)]
        if len(counts) > 1:
            candidate.type = max(counts, key=lambda kind: (counts[kind], -TYPE_ORDER.index(kind)))
    return candidates


def name_words(text: str) -> list[str]:
    """Folded words of a name, hyphenated parts split: 'Kassym-Jomart Tokayev' -> kassym, jomart, tokayev;
    spelled alike across transliterations (see `spelling_key`)."""
    return [spelling_key(key) for word in text.replace("-", " ").split() if (key := fold_key(word))]


def spelling_key(folded: str) -> str:
    """One spelling for the common transliteration variants of a folded name: 'Kholmatov'/'Xolmatov' -> xolmatov,
    'Yusupaliyev'/'Yusupaliev' -> yusupaliev."""
    return _IY_BEFORE_VOWEL.sub("i", folded.replace("kh", "x"))


_IY_BEFORE_VOWEL = re.compile(r"(?<=[a-z])iy(?=[aeou])")  # not opening a name: "Iyer"


# ---- merging ----------------------------------------------------------------------------------------------


def cluster_mentions(candidates: list[Candidate], gazetteer: Gazetteer) -> list[list[Candidate]]:
    """Candidates grouped by the entity they name (see the module docstring)."""
    groups: dict[tuple[str, str], list[Candidate]] = {}
    for candidate in candidates:
        groups.setdefault((candidate.type, _merge_key(candidate, gazetteer)), []).append(candidate)
    for kind in ("person", "organisation"):
        _fold_short_names(groups, kind)
    return list(groups.values())


def _join_bracketed(clusters: list[list[Candidate]], candidates: list[Candidate],
                    paragraphs: list[str]) -> list[list[Candidate]]:
    """'Royal Netherlands Meteorological Institute (KNMI)': an acronym in brackets right after an organisation is
    that organisation, whether or not its letters are the name's initials (here they are the Dutch name's), when
    it has about as many letters as the name has words (`_fits_acronym`)."""
    owner = {id(candidate): number for number, cluster in enumerate(clusters) for candidate in cluster}
    ordered = sorted(candidates, key=lambda c: (c.paragraph, c.start))
    into: dict[int, int] = {}
    for name, acronym in zip(ordered, ordered[1:]):
        if (name.type == acronym.type == "organisation" and name.paragraph == acronym.paragraph
                and _ACRONYM_TEXT.fullmatch(acronym.text) and paragraphs[name.paragraph][name.end:acronym.start] == " ("
                and paragraphs[name.paragraph][acronym.end:acronym.end + 1] == ")" and _fits_acronym(name, acronym)):
            into[owner[id(acronym)]] = owner[id(name)]
    for source, target in into.items():
        while target in into and into[target] != source:
            target = into[target]
        if source != target:
            clusters[target].extend(clusters[source])
            clusters[source] = []
    return [cluster for cluster in clusters if cluster]


_ACRONYM_TEXT = re.compile(r"[A-Z][A-Z0-9&]{1,7}")


def _fits_acronym(name: Candidate, acronym: Candidate) -> bool:
    """As many letters as the name has capitalised words, give or take one: "Industry and Energy", what the tagger
    kept of "Ministry of Trade, Industry and Energy (MOTIE)", is not MOTIE."""
    return abs(sum(word[:1].isupper() for word in name.text.split()) - len(acronym.text)) <= 1


def _merge_key(candidate: Candidate, gazetteer: Gazetteer) -> str:
    if candidate.type == "place":
        place = best_place(gazetteer, candidate.text)
        return fold_key(place.name) if place else fold_key(candidate.text)
    if candidate.type == "organisation":
        return fold_key(organisation_name(gazetteer, candidate.text) or candidate.text)
    if candidate.type == "group" and candidate.text.endswith("s"):
        singular = candidate.text[:-1]
        return fold_key(singular) if demonym_country(gazetteer, singular)[0] else fold_key(candidate.text)
    return fold_key(candidate.text)


def _fold_short_names(groups: dict[tuple[str, str], list[Candidate]], kind: str) -> None:
    """Move each shorter name's mentions into the longer name it abbreviates."""
    words = {key: max((name_words(c.text) for c in cluster), key=len)
             for key, cluster in groups.items() if key[0] == kind}
    keys = sorted(words, key=lambda key: -len(words[key]))
    for short in reversed(keys):
        targets = [long for long in keys if len(words[long]) > len(words[short]) and long in groups
                   and _abbreviates(words[short], words[long], groups[short], kind)]
        if targets:
            target = _nearest_earlier(groups[short], targets, groups)
            groups[target].extend(groups.pop(short))


def _abbreviates(short: list[str], long: list[str], short_cluster: list[Candidate], kind: str) -> bool:
    if len(short) >= len(long):
        return False
    if kind == "organisation":  # an acronym, or the first word alone ("Qinling" for "Qinling Motors")
        text = short_cluster[0].text
        if len(short) == 1 and short[0] == long[0] and not text.isupper():
            return True
        return text.isupper() and len(short) == 1 and short[0] == "".join(w[0] for w in long if w not in
                                                                             rules.CONNECTORS)
    words = iter(long)
    return all(word in words for word in short)  # an in-order subsequence


def _nearest_earlier(short: list[Candidate], targets: list[tuple[str, str]], groups) -> tuple[str, str]:
    first = min((c.paragraph, c.start) for c in short)

    def rank(target):
        starts = [(c.paragraph, c.start) for c in groups[target]]
        earlier = [position for position in starts if position < first]
        return (bool(earlier), max(earlier) if earlier else (0, 0), len(starts))

    return max(targets, key=rank)


def _entity(cluster: list[Candidate]) -> Entity:
    cluster.sort(key=lambda c: (c.paragraph, c.start))
    variants = list(dict.fromkeys(c.text for c in cluster))
    fullest = max(variants, key=lambda text: (len(name_words(text)), len(text)))
    mentions = [Mention(c.paragraph, c.start, c.end, c.text) for c in cluster]
    return Entity(name=plain_apostrophes(fullest), type=cluster[0].type, variants=variants, mentions=mentions)


def _complete_person_mentions(entities: list[Entity], paragraphs: list[str]) -> None:
    """Add the bare surnames and full names the tagger missed ("..., Japarov said." after "Sadir Japarov")."""
    owners: dict[str, set[int]] = defaultdict(set)
    for number, entity in enumerate(entities):
        if entity.type == "person":
            for variant in entity.variants:
                owners[variant].add(number)
                if len(variant.split()[-1]) > 2:
                    owners[variant.split()[-1]].add(number)
    forms = sorted((form for form, who in owners.items() if len(who) == 1), key=len, reverse=True)
    if not forms:
        return
    covered = {(m.paragraph, offset) for e in entities for m in e.mentions for offset in range(m.start, m.end)}
    for index, paragraph in enumerate(paragraphs):
        for start, form in _standalone_forms(paragraph, forms):
            if (index, start) not in covered:
                entity = entities[next(iter(owners[form]))]
                entity.mentions.append(Mention(index, start, start + len(form), form))
                if form not in entity.variants:
                    entity.variants.append(form)
    for entity in entities:
        entity.mentions.sort(key=lambda m: (m.paragraph, m.start))


def _standalone_forms(paragraph: str, forms: list[str]) -> list[tuple[int, str]]:
    """Where the forms stand as whole words ("Japarov", not "Japarovs" or "Japarov-led"), left to right, none
    overlapping, the earlier form in `forms` first where two start together. Plain `str.find` rather than one
    pattern of all the forms: building that pattern for every article cost more than the search itself."""
    found = []
    for order, form in enumerate(forms):
        start = paragraph.find(form)
        while start >= 0:
            if _stands_alone(paragraph, start, start + len(form)):
                found.append((start, order, form))
            start = paragraph.find(form, start + 1)
    out, reached = [], 0
    for start, _order, form in sorted(found):
        if start >= reached:
            out.append((start, form))
            reached = start + len(form)
    return out


def _stands_alone(paragraph: str, start: int, end: int) -> bool:
    before = paragraph[start - 1] if start else ""
    if before and (_word_char(before) or before in "’'-"):
        return False
    after = paragraph[end:end + 1]
    if after and (_word_char(after) or after == "-"):
        return False
    return not (after in ("’", "'") and len(paragraph) >= end + 3 and _word_char(paragraph[end + 1])
                and _word_char(paragraph[end + 2]))


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches


def plain_apostrophes(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


# ---- dateline, agency, countries --------------------------------------------------------------------------


def _unmentioned(article: Article, entities: list[Entity], gazetteer: Gazetteer) -> list[Entity]:
    """The dateline's places and the agency, when the text itself does not name them."""
    seen = {(e.type, _entity_key(e, gazetteer)) for e in entities}
    out = []
    for part in (article.dateline.place or "").split(","):
        part = part.strip()
        if part:
            place = best_place(gazetteer, part)
            name = place.name if place else (part.title() if part.isupper() else part)
            out.append(Entity(name=plain_apostrophes(name), type="place", variants=[part]))
    for agency in (article.agency, article.dateline.agency):
        if agency:
            name = organisation_name(gazetteer, agency) or agency
            out.append(Entity(name=name, type="organisation", variants=[agency]))
    fresh = []
    for entity in out:
        key = (entity.type, _entity_key(entity, gazetteer))
        if key not in seen:
            seen.add(key)
            fresh.append(entity)
    return fresh


def _entity_key(entity: Entity, gazetteer: Gazetteer) -> str:
    probe = Candidate(0, 0, 0, entity.name, entity.type)
    return _merge_key(probe, gazetteer)


def _resolve_countries(entities: list[Entity], article: Article, gazetteer: Gazetteer) -> None:
    """Each place's country. An ambiguous city name goes to a country the article names, if that reading is
    not far smaller (a quarter of the people: Geneva, Illinois is not) than the most populous one; the
    dateline's own country decides its city outright ("PARIS, Texas")."""
    dateline_parts = [part.strip() for part in (article.dateline.place or "").split(",") if part.strip()]
    dateline_context = _countries_named(dateline_parts, gazetteer)
    context = _countries_named([e.name for e in entities if e.type == "place"], gazetteer) | dateline_context
    for entity in entities:
        if entity.type != "place":
            continue
        in_dateline = bool({fold_key(v) for v in entity.variants} & {fold_key(p) for p in dateline_parts})
        place = next((found for text in [entity.name] + entity.variants if (found := best_place(
            gazetteer, text, dateline_context if in_dateline else context, 0.0 if in_dateline else 0.25))), None)
        entity.country = place.country if place else None


def _countries_named(texts: list[str], gazetteer: Gazetteer) -> frozenset[str]:
    places = (best_place(gazetteer, text) for text in texts)
    return frozenset(place.country for place in places if place and place.kind in ("country", "state"))


def _first_seen(entity: Entity) -> tuple:
    if not entity.mentions:
        return (1, 0, 0)
    return (0, entity.mentions[0].paragraph, entity.mentions[0].start)
