"""Cross-corpus spelling variants (enrich/variants.py): links that must be made and links that must not."""

from __future__ import annotations

from newstrace.enrich.variants import link_variants, skeleton, translit_words

JAPAROV = [("Sadir Japarov", "person", 3), ("Sadyr Japarov", "person", 10), ("Sadyr Zhaparov", "person", 2),
           ("Japarov", "person", 5), ("Zhaparov", "person", 1)]


def test_transliteration_folding():
    assert translit_words("Sadyr Zhaparov") == translit_words("Sadir Japarov") == ("sadir", "japarov")
    assert translit_words("Xi’an") == translit_words("Xian") == ("xian",)
    assert skeleton("japarov") == "jprv" and skeleton("austria") != skeleton("australia")


def test_japarov_spellings_are_one_person():
    linked = link_variants(JAPAROV)
    assert set(linked.values()) == {"Sadyr Japarov"}  # the most frequent of the full names


def test_xian_spellings_are_one_place():
    linked = link_variants([("Xi'an", "place", 4), ("Xian", "place", 2), ("Xi’an", "place", 1)])
    assert len(set(linked.values())) == 1


def test_different_people_with_one_surname_stay_apart():
    linked = link_variants([("John Smith", "person", 2), ("Jane Smith", "person", 2), ("Smith", "person", 3)])
    assert linked == {"John Smith": "John Smith", "Jane Smith": "Jane Smith", "Smith": "Smith"}


def test_similar_countries_stay_apart_even_with_shared_context():
    contexts = {"Austria": {"Germany", "Vienna"}, "Australia": {"Germany", "Sydney"}}
    linked = link_variants([("Austria", "place", 5), ("Australia", "place", 5)], contexts)
    assert linked["Austria"] != linked["Australia"]


def test_unknown_similar_names_stay_apart():
    linked = link_variants([("Austrex", "organisation", 3), ("Australex", "organisation", 3)])
    assert linked["Austrex"] != linked["Australex"]


def test_weak_spelling_evidence_needs_shared_context():
    names = [("Jon Smith", "person", 2), ("John Smith", "person", 4)]
    assert link_variants(names)["Jon Smith"] == "Jon Smith"
    contexts = {"Jon Smith": {"Acme Corp", "Boston"}, "John Smith": {"Acme Corp"}}
    assert link_variants(names, contexts)["Jon Smith"] == "John Smith"
    contexts = {"Jon Smith": {"Boston"}, "John Smith": {"Acme Corp"}}
    assert link_variants(names, contexts)["Jon Smith"] == "Jon Smith"


def test_one_hub_name_in_common_is_not_enough_context():
    names = [("Jana Smith", "person", 2), ("Jane Smith", "person", 4)]
    contexts = {"Jana Smith": {"United States", "Acme Corp", "Boston", "Ohio"},
                "Jane Smith": {"United States", "Globex", "Denver", "Texas"}}
    assert link_variants(names, contexts)["Jana Smith"] == "Jana Smith"


def test_surname_alone_picks_the_person_sharing_context():
    names = [("John Smith", "person", 2), ("Jane Smith", "person", 2), ("Smith", "person", 3)]
    contexts = {"Smith": {"Acme Corp"}, "Jane Smith": {"Acme Corp"}, "John Smith": {"Boston"}}
    assert link_variants(names, contexts)["Smith"] == "Jane Smith"


def test_known_places_and_organisations_link_across_spellings():
    linked = link_variants([("Kyiv", "place", 3), ("Kiev", "place", 4), ("G7", "organisation", 2),
                            ("Group of Seven", "organisation", 3)])
    assert linked["Kyiv"] == linked["Kiev"]
    assert linked["G7"] == linked["Group of Seven"] == "Group of Seven"


def test_types_do_not_mix_and_every_name_is_mapped():
    names = JAPAROV + [("Japarov Group", "organisation", 1), ("Tokayev", "person", 2),
                       ("Kassym-Jomart Tokayev", "person", 4), ("Kassym-Zhomart Tokaev", "person", 1)]
    linked = link_variants(names)
    assert set(linked) == {name for name, _, _ in names}
    assert linked["Japarov Group"] == "Japarov Group"
    assert linked["Tokayev"] == linked["Kassym-Zhomart Tokaev"] == "Kassym-Jomart Tokayev"


def test_empty_input():
    assert link_variants([]) == {}
