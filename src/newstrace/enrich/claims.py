"""Figures an article states (money, percentages, counts) and the parts-vs-total check.

A claim is a figure normalised to base units ("$70 billion" -> 7e10 USD,
"7.5 per cent" -> 7.5 %, "1,200 jobs" -> 1200 jobs), with what it is about
(`subject`) and when (`period`), read by rules from its sentence.

Choices (documented here because readers of the output depend on them):
- Money: a currency symbol or code before the amount ("$", "US$", "€", "Rs",
  "₹", "Rp", "KSh", "Sh", "₦", "USD", "AED 600 million") or a currency word or
  code after it ("dollars", "euros", "yuan", "won", "Norwegian crowns",
  "45 million USD"), also joined by hyphens ("1.2-billion-dollar",
  "$5-million"). `unit` is the ISO 4217 code. "$" alone is USD, "¥" alone
  JPY; words shared by several countries (peso, som, crown, rupee, shilling,
  dinar, franc) and the bare "Sh"/"Shs" prefix take the country the article
  names most, else a default (MXN, KGS, SEK, INR, KES, none, CHF). One-letter
  prefixes (R, N) need a scale word or grouped digits ("R42 million",
  "N250,000"; "N95" is a mask). Pence ("95p") are GBP/100. A price per unit
  ("$13,900 per tonne", "9 crowns per share") is money in its currency; it is
  never summed as a part or a total.
- Amounts in words: number words ("twelve million dollars", "three point four
  million euros") and fractions of a scale word ("half a million people",
  "a quarter of a billion dollars", "one and a half million"); a fraction
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
  to 64", "Eleven of the 29 individuals", "voted 31 to 4" -> votes). Not counts:
  years, dates, times, durations ("three days", "two summers"), ages
  ("45-year-old", "aged 45"), measurements (hectares, kilometres, tonnes,
  megawatts, degrees ...), multipliers ("three times"), ratios ("one in five"),
  "one", numbers inside names ("Group of Seven", "Route 66", "Boeing 737",
  "iPhone 15", "Covid-19", "G7"), an age between commas or brackets after a
  name ("Hatice Korkmaz, 38,"), numbers with a leading zero (phone numbers),
  and small number words after a definite determiner ("the six leaders", "our
  two countries"), which refer to things already known rather than state a
  quantity.
- Subject, first rule that applies: money qualifying a noun after a
  determiner ("a Sh4.2 trillion budget") -> that noun ("budget");
  "<subject> hit/rose to/reached/won <figure>"
  -> the head of the clause's subject ("Bilateral trade between China and
  Central Asia hit" -> "bilateral trade"); "X with/at <figure>" -> the entity
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

import re
from collections import Counter
from dataclasses import dataclass, replace

from ..model import Check, Claim, Entity
from .gazetteer import demonym_words
from .quotes import sentence_spans

__all__ = ["find_claims", "parts_checks", "figures_of"]

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_UNIT_WORDS = ("two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
               "seventeen eighteen nineteen").split()
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_DIGIT_WORDS = "zero one two three four five six seven eight nine".split()
_WORD_INTEGER = (rf"(?:(?:{'|'.join(_TENS_WORDS)})(?:[-\s](?:one|{'|'.join(_UNIT_WORDS[:8])}))?|"
                 rf"{'|'.join(_UNIT_WORDS)}|a dozen|dozen|one|an?)")
# "three point four": a decimal written in words.
_WORD_NUMBER = (rf"(?:(?:{_WORD_INTEGER}|zero)\s+point(?:\s+(?:{'|'.join(_DIGIT_WORDS)}))+|{_WORD_INTEGER})")
_WORD_VALUES = {word: float(value) for value, word in enumerate(["zero", "one", *_UNIT_WORDS])} | {
    word: float(10 * (value + 2)) for value, word in enumerate(_TENS_WORDS)} | {"a": 1.0, "an": 1.0, "dozen": 12.0}
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9,
           "b": 1e9, "trillion": 1e12, "tn": 1e12, "crore": 1e7, "lakh": 1e5, "hundred": 1e2}
_WORD_SCALE = r"thousand|million|billion|trillion|crore|lakh"

_SYMBOLS = {"US$": "USD", "U.S.$": "USD", "$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD",
            "HK$": "HKD", "S$": "SGD", "NZ$": "NZD", "NT$": "TWD", "R$": "BRL", "MX$": "MXN", "€": "EUR",
            "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY", "₦": "NGN", "₱": "PHP",
            "₪": "ILS", "₸": "KZT", "₴": "UAH", "₫": "VND", "Rs": "INR", "Rs.": "INR", "RMB": "CNY", "Rp": "IDR",
            "R": "ZAR", "N": "NGN", "KSh": "KES", "Ksh": "KES", "KShs": "KES", "TSh": "TZS", "TShs": "TZS",
            "USh": "UGX", "UShs": "UGX", "GH₵": "GHS", "₵": "GHS", "Tk": "BDT", "৳": "BDT", "RM": "MYR",
            "Dh": "AED", "Dhs": "AED", "E£": "EGP", "LE": "EGP", "GH¢": "GHS", "฿": "THB", "S/": "PEN",
            "S/.": "PEN", "P": "PHP"}
# Prefixes that name a currency word shared by several countries: "Sh4.2 trillion" is Kenyan in a Nairobi story,
# Ugandan in a Kampala one (see `local_currencies`).
_SHARED_SYMBOLS = {"Sh": "shilling", "Shs": "shilling", "Rs": "rupee", "Rs.": "rupee", "$": "dollar",
                   "Dh": "dirham", "Dhs": "dirham"}
# One-letter prefixes are money only with a scale word or grouped digits ("R42 million", "N250,000"): "R5" is
# more often a road and "N95" a mask.
_LETTER_SYMBOLS = frozenset(("R", "N", "LE", "P"))
_CODES = ("USD EUR GBP JPY CNY INR KRW RUB CHF CAD AUD HKD SGD NZD TWD BRL MXN ZAR SEK NOK DKK PLN TRY KZT AED SAR "
          "ILS UAH IDR MYR THB VND PHP PKR NGN EGP KGS UZS KES GHS PEN ARS CLP COP XOF XAF ETB MAD RON HUF CZK "
          "BDT LKR NPR TZS UGX RWF ZMW DZD TND QAR KWD BHD OMR JOD").split()
_PREFIX = "|".join(sorted((re.escape(s) for s in [*_SYMBOLS, *_SHARED_SYMBOLS, *_CODES]), key=len, reverse=True))
# Currency words after an amount -> (default code, cues that pick another country's currency).
_CURRENCY_WORDS: dict[str, tuple[str | None, tuple[tuple[str, str], ...]]] = {
    "dollar": ("USD", ()), "euro": ("EUR", ()),
    "pound": ("GBP", (("egypt|cairo", "EGP"), ("leban|beirut", "LBP"), ("sudan|khartoum", "SDG"),
                      ("syria|damascus", "SYP"), ("brit|london|england|scotland", "GBP"))),
    "sterling": ("GBP", ()), "yen": ("JPY", ()),
    "yuan": ("CNY", ()), "renminbi": ("CNY", ()), "won": ("KRW", ()), "rouble": ("RUB", ()), "ruble": ("RUB", ()),
    "lira": ("TRY", ()), "rand": ("ZAR", ()), "naira": ("NGN", ()), "reais": ("BRL", ()), "ringgit": ("MYR", ()),
    "baht": ("THB", ()), "dong": ("VND", ()), "rupiah": ("IDR", ()), "tenge": ("KZT", ()),
    "dirham": ("AED", (("morocc|rabat|casablanca|marrakesh|tangier", "MAD"), ("emirat|dubai|abu dhabi", "AED"))),
    "riyal": ("SAR", ()), "shekel": ("ILS", ()), "hryvnia": ("UAH", ()), "zlot": ("PLN", ()), "forint": ("HUF", ()),
    "cedi": ("GHS", ()), "sol": ("PEN", ()), "birr": ("ETB", ()), "kwacha": ("ZMW", ()), "taka": ("BDT", ()),
    "tugrik": ("MNT", ()), "lari": ("GEL", ()), "leu": ("RON", ()), "lei": ("RON", ()), "cent": ("USD", ()),
    "peso": ("MXN", (("philippin|filipino|manila", "PHP"), ("argentin|buenos aires", "ARS"), ("chile", "CLP"),
                     ("colombia|bogot", "COP"), ("uruguay|montevideo", "UYU"), ("dominican", "DOP"),
                     ("mexic", "MXN"))),
    "som": ("KGS", (("uzbek|tashkent", "UZS"), ("kyrgyz|bishkek", "KGS"))),
    "crown": ("SEK", (("norw|oslo", "NOK"), ("swed|stockholm", "SEK"), ("denmark|danish|copenhagen", "DKK"),
                      ("czech|prague", "CZK"), ("iceland|reykjav", "ISK"))),
    # "krona"/"kronor" is Swedish (or Icelandic), "krone"/"kroner" Norwegian or Danish: the spelling narrows it.
    "krona": ("SEK", (("swed|stockholm", "SEK"), ("iceland|reykjav", "ISK"))),
    "krone": ("NOK", (("norw|oslo", "NOK"), ("denmark|danish|copenhagen", "DKK"))),
    "rupee": ("INR", (("pakistan|karachi|islamabad|lahore", "PKR"), ("sri lanka|colombo", "LKR"),
                      ("nepal|kathmandu", "NPR"), ("mauriti", "MUR"), ("india|delhi|mumbai", "INR"))),
    "shilling": ("KES", (("kenya|nairobi", "KES"), ("uganda|kampala", "UGX"), ("tanzania|dar es salaam", "TZS"),
                         ("somali|mogadishu", "SOS"))),
    "dinar": (None, (("serbia|belgrade", "RSD"), ("algeria|algiers", "DZD"), ("iraq|baghdad", "IQD"),
                     ("kuwait", "KWD"), ("jordan|amman", "JOD"), ("tunisia|tunis", "TND"), ("libya|tripoli", "LYD"),
                     ("bahrain|manama", "BHD"))),
    "franc": ("CHF", (("rwanda|kigali", "RWF"), ("congo|kinshasa", "CDF"), ("burundi", "BIF"), ("guinea", "GNF"),
                      ("senegal|ivory coast|côte d'ivoire|mali\\b|burkina|niger\\b|benin|togo|abidjan|dakar", "XOF"),
                      ("cameroon|gabon|chad\\b|central african", "XAF"))),
}
_KRONE = {"krone": "krone", "kroner": "krone", "krona": "krona", "kronor": "krona"}
# Hundredths written as their own word: "20 piastres" is 0.2 Egyptian pounds.
_SUBUNITS = {"piastre": "EGP", "piaster": "EGP", "kopeck": "RUB", "kopek": "RUB", "paise": "INR", "kobo": "NGN",
             "pesewa": "GHS", "halala": "SAR", "satang": "THB"}
# The currency each country's own money goes by, for words and symbols shared by several countries: a bare "$"
# in a Sydney story is Australian, "pounds" in a Cairo story Egyptian, "Rs" in a Karachi one Pakistani.
_COUNTRY_CURRENCY = {
    "United States": "USD", "Australia": "AUD", "Canada": "CAD", "New Zealand": "NZD", "Hong Kong": "HKD",
    "Singapore": "SGD", "Taiwan": "TWD", "United Kingdom": "GBP", "Egypt": "EGP", "Lebanon": "LBP", "Sudan": "SDG",
    "Syria": "SYP", "Pakistan": "PKR", "India": "INR", "Sri Lanka": "LKR", "Nepal": "NPR", "Mauritius": "MUR",
    "Sweden": "SEK", "Norway": "NOK", "Denmark": "DKK", "Iceland": "ISK", "Czechia": "CZK", "Kenya": "KES",
    "Uganda": "UGX", "Tanzania": "TZS", "Somalia": "SOS", "Philippines": "PHP", "Mexico": "MXN",
    "Argentina": "ARS", "Chile": "CLP", "Colombia": "COP", "Uruguay": "UYU", "Kyrgyzstan": "KGS",
    "Uzbekistan": "UZS", "Switzerland": "CHF", "Rwanda": "RWF", "Serbia": "RSD", "Algeria": "DZD", "Iraq": "IQD",
    "Kuwait": "KWD", "Jordan": "JOD", "Tunisia": "TND", "Libya": "LYD", "Bahrain": "BHD", "Morocco": "MAD",
    "United Arab Emirates": "AED"}
_DOLLAR_CODES = frozenset("USD AUD CAD NZD HKD SGD TWD".split())
_QUALIFIED = {
    "australian dollar": "AUD", "canadian dollar": "CAD", "hong kong dollar": "HKD", "singapore dollar": "SGD",
    "new zealand dollar": "NZD", "taiwan dollar": "TWD", "us dollar": "USD", "u.s. dollar": "USD",
    "american dollar": "USD", "norwegian crown": "NOK", "swedish crown": "SEK", "danish crown": "DKK",
    "czech crown": "CZK", "pakistani rupee": "PKR", "sri lankan rupee": "LKR", "nepalese rupee": "NPR",
    "indian rupee": "INR", "philippine peso": "PHP", "argentine peso": "ARS", "chilean peso": "CLP",
    "colombian peso": "COP", "mexican peso": "MXN", "cfa franc": "XOF", "swiss franc": "CHF",
    "egyptian pound": "EGP", "kenyan shilling": "KES", "ugandan shilling": "UGX", "tanzanian shilling": "TZS",
    "kyrgyz som": "KGS", "uzbek som": "UZS", "south african rand": "ZAR", "chinese yuan": "CNY",
    "japanese yen": "JPY", "south korean won": "KRW", "russian rouble": "RUB", "russian ruble": "RUB",
    "turkish lira": "TRY", "brazilian reais": "BRL", "nigerian naira": "NGN", "kazakh tenge": "KZT",
}
_QUALIFIER = (r"(?:US|U\.S\.|American|Australian|Canadian|Hong Kong|Singapore|New Zealand|Taiwan|Swiss|Danish|"
              r"Norwegian|Swedish|Czech|Pakistani|Sri Lankan|Nepalese|Indian|Philippine|Mexican|Argentine|Chilean|"
              r"Colombian|Chinese|Japanese|South Korean|Korean|Russian|Turkish|Brazilian|South African|Nigerian|"
              r"Egyptian|Kenyan|Ugandan|Tanzanian|Kazakh|Kyrgyz|Uzbek|CFA)")
_CURRENCY_WORD = (r"(?:dollars?|euros?|pounds?(?:\s+sterling)?|sterling|yen|yuan|renminbi|rupees?|kroner|krone|"
                  r"kronor|krona|crowns?|won|roubles?|rubles?|liras?|lira|rand|naira|pesos?|francs?|reais|ringgit|"
                  r"baht|dong|rupiah|tenge|soms?|dirhams?|riyals?|shekels?|hryvnias?|zlotys?|zloty|forints?|"
                  r"cedis?|soles|birr|kwacha|taka|tugriks?|lari|lei|dinars?|shillings?|cents?|piastres?|piasters?|"
                  r"kopecks?|"
                  r"kopeks?|paise|kobo|pesewas?|halalas?|satang)")
_RATE = (r"(?P<rate>\s(?:per|a|an)\s(?:tonne|ton|metric ton|barrel|share|ounce|month|year|day|hour|kilogram|kg|"
         r"litre|liter|gallon|head|person|capita|week|unit|night|adult|child|square metre|square meter|"
         r"megawatt-hour|MWh)\b(?!\s+(?:earlier|ago|before|later|on)\b))?")  # "$8bn a year earlier" is no rate
_MONEY_BEFORE = re.compile(
    rf"(?<![\w$])(?P<cur>{_PREFIX})\s?(?P<num>{_DIGITS})(?:\s?-?(?P<scale>{_WORD_SCALE}|bn|mn|mln|tn|m|b|k)\b)?"
    rf"{_RATE}")
_MONEY_AFTER = re.compile(
    rf"(?<![\w$.,])(?P<num>{_DIGITS}|{_WORD_NUMBER})(?:\s?-?(?P<scale>{_WORD_SCALE}|bn|mn|mln|tn|m)\b)?[\s-]"
    rf"(?:(?P<qual>{_QUALIFIER})\s)?(?P<word>{_CURRENCY_WORD}|(?-i:{'|'.join(_CODES)}))\b{_RATE}",
    re.IGNORECASE)
# The first half of a range takes the second's currency and scale: "$5-6 billion", "between 5 and 7 percent".
_RANGE_HEAD = re.compile(rf"(?<![\w$.,])(?P<cur>{_PREFIX})?\s?(?P<num>{_DIGITS}|{_WORD_NUMBER})\s?"
                         rf"(?:-|–|to|and|or)\s?(?:{_PREFIX})?\s?$", re.IGNORECASE)
_BARE_SCALED = re.compile(rf"(?P<num>{_DIGITS})\s?(?P<scale>{_WORD_SCALE}|bn|mn|mln|tn)\b")
_SCALED_TAIL = re.compile(rf"\s?(?:-|–|to)\s?{_DIGITS}\s?(?:{_WORD_SCALE}|bn|mn|mln|tn)\b")
# A sign right before the number ("-1.5%", "−0.2%", "minus 0.4%"), but not the dash of a range ("5-7%").
_PERCENT = re.compile(
    rf"(?:(?P<neg>(?<![\w.,%)−-])[-−](?=\d)|\b(?:minus|negative)\s+))?"
    rf"(?<![\w$.,])(?P<num>{_DIGITS}|{_WORD_NUMBER})\s?-?(?P<sign>%|per\s?cent\b|percent\b|pc\b|"
    r"percentage[\s-]points?\b|basis[\s-]points?\b)", re.IGNORECASE)
# Cheap tests that let most paragraphs skip the costlier patterns: a set lookup on their words.
_WORD = re.compile(r"[a-z]+")
_NUMBER_TOKENS = frozenset([*_UNIT_WORDS, *_TENS_WORDS, "dozen", "thousand", "million", "billion", "trillion",
                            "crore", "lakh", "quarter", "half", "third"])
_CURRENCY_TOKENS = frozenset((
    "dollar dollars euro euros pound pounds sterling yen yuan renminbi rupee rupees kroner krone kronor krona "
    "crown crowns won rouble roubles ruble rubles lira liras rand naira peso pesos franc francs reais ringgit "
    "baht dong rupiah tenge som soms dirham dirhams riyal riyals shekel shekels hryvnia hryvnias zloty zlotys "
    "forint forints cedi cedis soles birr kwacha taka tugrik tugriks lari lei dinar dinars shilling shillings "
    "cent cents piastre piastres piaster piasters kopeck kopecks kopek kopeks paise kobo pesewa pesewas halala "
    "halalas satang").split())
_DIGIT = re.compile(r"\d")
_CODE = re.compile(rf"\b(?:{'|'.join(_CODES)})\b")
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
_NUMBER = re.compile(
    rf"(?<![\w$€£¥.,/:-])(?P<num>{_DIGITS}|{_WORD_INTEGER})(?:[\s-](?P<scale>hundred|{_WORD_SCALE})\b|"
    r"(?<=\d)(?P<abbr>m|bn)(?=\s))?(?![\w:/]|[.,]\d)", re.IGNORECASE)

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
    "floors cubic square").split())
_IRREGULAR_NOUNS = frozenset("people children men women police personnel staff cattle sheep fish aircraft livestock "
                             "deer troops".split())
_NOT_PLURAL = frozenset(
    "was has is its this his us as less across unless always perhaps whereas yes besides towards afterwards "
    "news series does goes thus plus minus versus various previous famous serious dangerous".split())
_NOT_MODIFIERS = frozenset(
    "the a an of to in on at by for from with and or but than that which who were was are is had have has will "
    "would could should may might be been being not no more less per each every them those these their its his "
    "her our your my as into over under about after before between during".split())
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
    previous_end = -1
    for figure in figures_of(paragraph, currencies, sentences):
        sentence = next(((s, e) for s, e in sentences if s <= figure.start < e), (0, len(paragraph)))
        period = _period(paragraph, sentence, figure) or _running_period(claims, figure)
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
    chosen: dict[str, str | None] = {word: default for word, (default, _cues) in _CURRENCY_WORDS.items()}
    own = _COUNTRY_CURRENCY.get(country or "")
    for word in {_SHARED_BASES[m.group(1)] for m in _SHARED_WORDS.finditer(text)}:  # only the words used
        cues = _CURRENCY_WORDS[word][1]
        if own and (own == _CURRENCY_WORDS[word][0] or own in {code for _cue, code in cues}):
            chosen[word] = own
            continue
        if word == "pound":
            continue  # "pounds" are sterling unless the story is set elsewhere: a British story seldom says Britain
        counts = Counter({code: len(re.findall(rf"\b(?:{cue})", text)) for cue, code in cues})
        best = counts.most_common(1)
        if best and best[0][1] > 0:
            chosen[word] = best[0][0]
    if own in _DOLLAR_CODES and not _local_dollar_written(" ".join(paragraphs), own):
        chosen["dollar"] = chosen["cent"] = own  # never guessed from names alone: a US story may mention Canada
    return chosen


def _local_dollar_written(text: str, code: str) -> bool:
    """'NT$95 billion ($2.9 billion)': a story that converts its own prefixed dollar into bare $ in brackets uses
    a bare $ for US ones. A prefix written once with no such conversion ("its C$48.5-million budget, of which
    $31.2 million ...") leaves the bare $ local."""
    prefixes = [re.escape(symbol) for symbol, symbol_code in _SYMBOLS.items() if symbol_code == code and symbol != "$"]
    return bool(prefixes) and re.search(rf"(?:{'|'.join(prefixes)})\s?{_DIGITS}[^()]{{0,20}}\(\s*(?:about|around|"
                                        rf"roughly|some|or|US)?\s*\$", text) is not None


def article_country(entities: list[Entity]) -> str | None:
    """The country a story is set in: the one whose places it mentions most, the dateline's place (no mention in
    the body) counting double; ties go to the place seen first."""
    weights: Counter = Counter()
    for entity in entities:
        if entity.type == "place" and entity.country:
            weights[entity.country] += len(entity.mentions) or 2
    return weights.most_common(1)[0][0] if weights else None


_SHARED_BASES = {"peso": "peso", "som": "som", "crown": "crown", "krona": "krona", "krone": "krone",
                 "rupee": "rupee", "shilling": "shilling", "dinar": "dinar", "franc": "franc", "sh": "shilling",
                 "rs": "rupee", "dh": "dirham", "pound": "pound", "kronor": "krona", "kroner": "krone",
                 "dirham": "dirham"}
_SHARED_WORDS = re.compile(r"\b(peso|som|crown|kronor|krona|kroner|krone|rupee|shilling|dinar|franc|pound|dirham|"
                           r"sh(?=s?\s?\d)|rs(?=\.?\s?\d)|dh(?=s?\s?\d))")


# --- figures ------------------------------------------------------------------------------------------


def figures_of(paragraph: str, currencies: dict[str, str | None] | None = None,
               sentences: list[tuple[int, int]] | None = None) -> list[_Figure]:
    """Every money, percentage and count figure, left to right, none overlapping (money wins)."""
    words = frozenset(_WORD.findall(paragraph.lower()))
    if not _DIGIT.search(paragraph) and not words & _NUMBER_TOKENS:
        return []  # most paragraphs: no digit and no number word, nothing to scan for
    currencies = currencies if currencies is not None else local_currencies([paragraph])
    found: list[_Figure] = []
    for figures in (_scaled_fractions(paragraph, currencies), _money(paragraph, currencies, words),
                    _percentages(paragraph), _counts(paragraph)):
        for figure in figures:
            if not _overlaps(figure, found):
                found.append(figure)
    found = _with_range_heads(paragraph, found)
    sentences = sentences if sentences is not None else sentence_spans(paragraph)
    found.extend(figure for figure in _implied_counts(paragraph, found, sentences) if not _overlaps(figure, found))
    return sorted(found, key=lambda figure: figure.start)


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
        value = sum(_WORD_VALUES.get(word, 0.0) for word in re.split(r"[-\s]+", number.replace("a dozen", "dozen")))
    return value * _SCALES.get((scale or "").lower(), 1.0)


def _money(paragraph: str, currencies: dict[str, str | None], words: frozenset[str]) -> list[_Figure]:
    figures = []
    for match in _MONEY_BEFORE.finditer(paragraph):
        value, symbol = _amount(match.group("num"), match.group("scale")), match.group("cur")
        if value is None or (symbol in _LETTER_SYMBOLS and not match.group("scale") and "," not in match.group("num")
                             and not _SCALED_TAIL.match(paragraph, match.end())):
            continue  # "R5" alone is a road; "R3-4 billion" is money
        unit = _SYMBOLS.get(symbol, symbol.upper())
        if symbol in _SHARED_SYMBOLS:
            unit = currencies.get(_SHARED_SYMBOLS[symbol]) or unit
        figures.append(_Figure(match.start(), match.end(), "money", value, unit,
                               _SCALES.get((match.group("scale") or "").lower(), 1.0)))
    for match in _PENCE.finditer(paragraph):
        figures.append(_Figure(match.start(), match.end(), "money", float(match.group("num")) / 100, "GBP"))
    has_word = bool(words & _CURRENCY_TOKENS) or _CODE.search(paragraph) is not None
    for match in _MONEY_AFTER.finditer(paragraph) if has_word else ():
        value = _amount(match.group("num"), match.group("scale"))
        if value is None or _not_money(paragraph, match, value):
            continue
        if match.group("word").lower().startswith(("cent", *_SUBUNITS)):
            value /= 100
        unit = _currency_code(match.group("qual"), match.group("word"), currencies)
        figures.append(_Figure(match.start(), match.end(), "money", value, unit,
                               _SCALES.get((match.group("scale") or "").lower(), 1.0)))
    return figures


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


def _currency_code(qualifier: str | None, word: str, currencies: dict[str, str | None]) -> str | None:
    """'Norwegian crowns' -> NOK, 'pesos' in a story about Manila -> PHP, 'USD' -> USD."""
    if word.upper() in _CODES and word.isupper():
        return word
    word = " ".join(word.lower().split())
    if "sterling" in word:
        return "GBP"
    subunit = next((key for key in _SUBUNITS if word.startswith(key)), None)
    if subunit:
        return _SUBUNITS[subunit]
    base = _KRONE.get(word) or next((key for key in _CURRENCY_WORDS if word.startswith(key)), None)
    if base is None:
        return None
    if qualifier:
        qualified = _QUALIFIED.get(f"{qualifier.lower()} {base}")
        if qualified:
            return qualified
    return currencies.get(base, _CURRENCY_WORDS[base][0])


def _not_money(paragraph: str, match: re.Match, value: float) -> bool:
    """'200 pounds of flour' (weight) and 'the team 3 won' (a verb) are not money."""
    word = match.group("word").lower()
    if word.startswith("pound") and not match.group("scale") and "sterling" not in word:
        return re.match(r"\s+of\b", paragraph[match.end():]) is not None
    if word in ("won", "sol", "soles", "lei", "lari", "taka"):  # "500 won per share" is a price
        return (not match.group("scale") and not match.group("rate") and value < 1000
                and not (word != "won" and _larger_amount_in(paragraph, word)))
    return False


def _larger_amount_in(paragraph: str, word: str) -> bool:
    """'a pension of 2,000 lei ... of 900 lei': once the paragraph uses the word for a large sum, its small
    figures in that word are money too ("won" stays out: it is a verb far more often)."""
    return re.search(rf"\d,\d{{3}}\s{word}\b|\d\s?(?:{_WORD_SCALE}|bn|mn)\s{word}\b", paragraph) is not None


def _percentages(paragraph: str) -> list[_Figure]:
    figures: list[_Figure] = []
    lowered = paragraph.lower()
    if "%" not in paragraph and "cent" not in lowered and "point" not in lowered and "pc" not in lowered:
        return figures
    for match in _PERCENT.finditer(paragraph):
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


def _counts(paragraph: str) -> list[_Figure]:
    figures = []
    for match in _NUMBER.finditer(paragraph):
        number, scale = match.group("num"), match.group("scale") or match.group("abbr")
        if _not_a_count(paragraph, match, number, scale):
            continue
        if match.group("abbr") and (re.search(r"(?i)\b(?:an?|the)\s+$", paragraph[:match.start()])
                                    or match.group("abbr").lower() != match.group("abbr")):
            continue  # "a 2m wall": metres
        noun = _counted_noun(paragraph[match.end():])
        value = _amount(number, scale)
        if not isinstance(noun, tuple) or value is None or value < 2:
            continue
        figures.append(_Figure(match.start(), match.end() + noun[1], "count", value, noun[0],
                               _SCALES.get((scale or "").lower(), 1.0)))
    return figures


def _not_a_count(paragraph: str, match: re.Match, number: str, scale: str | None) -> bool:
    """Years, dates, times, ages, ratios, 'one', names and 'the six leaders' are not counts."""
    before = paragraph[:match.start()].split()
    previous = before[-1].lower().strip("(,") if before else ""
    after = paragraph[match.end():match.end() + 12].lower()
    if number.lower() in ("one", "a", "an") and not scale:
        return True
    if number[0].isupper() and before and not before[-1].endswith((".", "!", "?", "“", '"', ":")):
        return True  # "the Group of Seven leaders": a number word inside a name
    if re.fullmatch(r"1[89]\d\d|20\d\d", number) and previous not in _APPROXIMATELY:
        return True  # a year
    if previous in _MONTHS or re.match(r"\s*(?:" + "|".join(_MONTHS) + r")\b", after):
        return True  # "May 18", "18 May"
    if re.match(r"-?\s?(?:years?-old|year old)|\s?(?:a\.m\.|p\.m\.|am\b|pm\b|gmt|hrs)|-\d|\s?-\s?\d", after):
        return True  # ages, times, scores ("2-1")
    if previous in ("aged", "no.", "number", "article", "section", "route", "interstate", "highway", "flight"):
        return True
    if re.search(r"(?i)(?<![\d,.])\b(?:one|a|\d+)\s+(?:\w+\s+)?in\s+$",
                 paragraph[max(0, match.start() - 25):match.start()]):
        return True  # "one in five reefs", "one car in four": a ratio
    if not number[0].isdigit() and previous in _DEFINITE and not scale and not _counted_by_owner(before):
        return (_amount(number, None) or 0) <= 10
    if re.fullmatch(r"0\d+", number) or _apposition_age(paragraph, match):
        return True  # "0722 …" (a phone number); "Hatice Korkmaz, 38, said", "Tokayev (70)": an age
    # A number right after a capitalised word, or one with a capital inside ("Boeing 737", "iPhone 15"), is a name.
    return (number[0].isdigit() and bool(before) and any(ch.isupper() for ch in before[-1])
            and previous not in _QUANTIFIERS and previous not in _DEFINITE
            and not before[-1].endswith((",", ".", ";", ":")))  # "Its 14 factories" opens a sentence


# "her three children", "none of the three brands": a person's possessive or a quantifier over the group states
# how many there are, where "the three leaders", "our two countries" (a speaker's set phrase) and "one of the six
# leaders" (naming one member) only point back at a group.
_POSSESSIVES = frozenset("her his their my".split())
_GROUP_QUANTIFIERS = frozenset("none all each both any most neither either several".split())


def _counted_by_owner(before: list[str]) -> bool:
    words = [word.lower().strip("(,") for word in before[-3:]]
    return bool(words) and (words[-1] in _POSSESSIVES
                            or (len(words) == 3 and words[-2:] == ["of", "the"] and words[0] in _GROUP_QUANTIFIERS))


_APPOSITION_AGE = re.compile(r"[A-Z][\w’'.-]*\s?[,(]\s?$")


def _apposition_age(paragraph: str, match: re.Match) -> bool:
    """A bare number between commas or in brackets right after a name: 'Hatice Korkmaz, 38,', 'Tokayev (70)'."""
    return (paragraph[match.end():match.end() + 1] in (",", ")")
            and _APPOSITION_AGE.search(paragraph, max(0, match.start() - 40), match.start()) is not None)


def _counted_noun(rest: str) -> tuple[str, int] | str | None:
    """The counted noun after a number, past up to three modifiers: ' new jobs' -> ('jobs', 9).

    "blocked" when the word after the number makes it no count ('three days', '5 km').
    """
    consumed = 0
    for position, match in enumerate(re.finditer(r"\s*([A-Za-z][\w’'/-]*|\d+-[A-Za-z][\w-]*)", rest)):
        if position > 3 or match.start() != consumed:
            return None
        word, consumed = match.group(1), match.end()
        lowered = word.lower()
        if word[0].isdigit():
            continue  # "three planned 24-hour strikes"
        if lowered in _NOT_COUNTED or lowered.split("-")[-1] in _NOT_COUNTED:
            return "blocked"
        if lowered in _IRREGULAR_NOUNS or _looks_plural(lowered) or _plural_demonym(word):
            return lowered, consumed
        if lowered in _NOT_MODIFIERS or lowered.endswith("ly"):
            return None
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
        head = _RANGE_HEAD.search(paragraph, max(0, figure.start - 40), figure.start)
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


def _count_range_head(paragraph: str, head: re.Match) -> bool:
    """'between 300 and 400 municipalities', 'from 20 to 25 people': a count's range is written with 'to' or
    'between … and' ('two or three people' is vague, '3-1' a score), and its head is no year or age itself."""
    if head.group("cur") or not re.search(r"(?:to|and)\s?$", head.group(0)):
        return False
    number = _NUMBER.match(paragraph, head.start("num"))
    return number is not None and number.group("num") == head.group("num") and not _not_a_count(
        paragraph, number, number.group("num"), None)


def _range_fits(paragraph: str, head: re.Match, figure: _Figure) -> bool:
    """'between $5 and $6 billion', '5-7%', '3 to 4 million euros'; not '31 and $2 billion' or '£3 and €3bn'."""
    head_unit = _SYMBOLS.get(head.group("cur") or "", head.group("cur"))
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


_VOTES = re.compile(rf"\b(?:voted|vote of|votes? was|by)\s+(?P<a>\d+|{_WORD_INTEGER})\s*(?:-|–|to)\s*"
                    rf"(?P<b>\d+|{_WORD_INTEGER})\b(?!\s*(?:votes|%|per|percent))", re.IGNORECASE)
_OF_THE = re.compile(rf"(?<![\w$.,])(?P<num>\d+|{_WORD_INTEGER})\s+of\s+(?:(?:the|its|their)\s+)?"
                     rf"(?:[\w-]+['’]s\s+)?(?P<whole>{_DIGITS}|{_WORD_INTEGER})\b", re.IGNORECASE)
# "Of the dead, 41 were in Sindh": the number counts the group named before it.
_OF_GROUP = re.compile(rf"\b[Oo]f\s+(?:the|those)\s+(?P<group>[a-z]+),\s+(?P<num>\d+|{_WORD_INTEGER})\b(?!\s*%)")
_PEOPLE_ADJECTIVES = frozenset("dead injured wounded missing displaced arrested detained killed evacuated rescued "
                               "hurt sick infected".split())
# "a crowd of 38,500": a number after a word for a gathering counts people.
_GATHERING = re.compile(rf"\b(?:crowd|audience|attendance|turnout|gathering|congregation)\s+of\s+(?:about\s+|some\s+|"
                        rf"around\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+|roughly\s+)?(?P<num>{_DIGITS})\b"
                        rf"(?![.,]?\d|\s*(?:%|per\b|percent\b))", re.IGNORECASE)
# "from four lanes to two": the second number counts what the first did.
_TO_BARE = re.compile(rf"\s+to\s+(?P<num>\d+|{_WORD_INTEGER})\b(?![.,]\d|\s*%)", re.IGNORECASE)


def _implied_counts(paragraph: str, figures: list[_Figure], sentences: list[tuple[int, int]]) -> list[_Figure]:
    """Counts whose noun is implied: 'voted 31 to 4', 'Eleven of the 29 individuals', '…: eight in Kisumu'."""
    found: list[_Figure] = []
    for match in _VOTES.finditer(paragraph):
        for group in ("a", "b"):
            value = _amount(match.group(group), None)
            if value is not None and value >= 1:
                found.append(_Figure(match.start(group), match.end(group), "count", value, "votes"))
    counts = [f for f in figures if f.kind == "count"]
    for match in _OF_THE.finditer(paragraph):
        whole = next((f for f in counts if f.start == match.start("whole")), None) or _whole_of(paragraph, match)
        value = _amount(match.group("num"), None)
        if whole is not None and value is not None and value >= 2:
            found.append(_Figure(match.start("num"), match.end("num"), "count", value, whole.unit))
            if whole not in counts:
                found.append(whole)
    found.extend(_group_counts(paragraph))
    found.extend(_distant_noun_counts(paragraph, counts, sentences))
    found.extend(_from_to_counts(paragraph, counts))
    found.extend(_list_items(paragraph, [*figures, *found], sentences))
    return found


def _whole_of(paragraph: str, match: re.Match) -> _Figure | None:
    """'five of the seven members': the whole is a count even after 'the' (which `_not_a_count` refuses for
    'the six leaders'), since a part of it is counted."""
    number = _NUMBER.match(paragraph, match.start("whole"))
    if number is None or number.group("scale") or number.group("abbr"):
        return None
    noun = _counted_noun(paragraph[number.end():])
    value = _amount(number.group("num"), None)
    if (not isinstance(noun, tuple) or value is None or value < 2
            or re.fullmatch(r"1[89]\d\d|20\d\d", number.group("num"))):
        return None
    return _Figure(number.start(), number.end() + noun[1], "count", value, noun[0])


def _group_counts(paragraph: str) -> list[_Figure]:
    """'Of the dead, 41 …' (people), 'Of the victims, 12 …' (victims); 'a crowd of 38,500' (people)."""
    found = []
    for match in _OF_GROUP.finditer(paragraph):
        group = match.group("group")
        unit = "people" if group in _PEOPLE_ADJECTIVES else group if _looks_plural(group) else None
        value = _bare_count(paragraph, match.start("num"))
        if unit and value is not None:
            found.append(_Figure(match.start("num"), match.end("num"), "count", value, unit))
    for match in _GATHERING.finditer(paragraph):
        value = _bare_count(paragraph, match.start("num"))
        if value is not None:
            found.append(_Figure(match.start("num"), match.end("num"), "count", value, "people"))
    return found


_ABOUT = r"(?:about\s+|some\s+|around\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+|roughly\s+)?"
_BARE_NUMBER = rf"(?P<num>{_DIGITS})(?:\s(?P<scale>{_WORD_SCALE}))?\b(?![.,]?\d|\s*(?:%|per\b|percent\b))"
# "a city of about 210,000": a settlement's size counts people.
_SETTLEMENT = re.compile(rf"\b(?:city|town|village|nation|country|island|district|province|municipality)\s+of\s+"
                         rf"{_ABOUT}{_BARE_NUMBER}", re.IGNORECASE)
# "12,870 of the completions": a bare number taking a part of a plural group.
_PART_OF_GROUP = re.compile(rf"(?<![\w$.,]){_BARE_NUMBER}\s+of\s+the\s+(?P<noun>[a-z]+)\b")
# "the cap on visitors ... to 5,600 from 4,500", "the number of visitors fell 12% to 1.1 million": the noun
# named by the measure counts the bare numbers after 'to'/'from' in the same sentence.
_MEASURE_OF = re.compile(r"\b(?:number|cap|limit|ceiling|quota|count)\s+(?:of|on)\s+(?:[a-z]+\s+){0,2}?"
                         r"(?P<noun>[a-z]+s)\b(?!\s+(?:of|and)\b)")
_TO_FROM_NUMBER = re.compile(rf"\b(?:to|from)\s+{_ABOUT}{_BARE_NUMBER}")
# "completed 33,450 homes, short of the target of 41,000": a goal takes the noun of the count before it.
_GOAL_OF = re.compile(rf"\b(?:target|goal|forecast|estimate|projection|peak|record)\s+of\s+{_ABOUT}{_BARE_NUMBER}")


def _distant_noun_counts(paragraph: str, counts: list[_Figure], sentences: list[tuple[int, int]]) -> list[_Figure]:
    """Bare numbers whose counted noun stands elsewhere in the sentence (see the patterns above)."""
    found = [_figure_at(paragraph, m, "people") for m in _SETTLEMENT.finditer(paragraph)]
    found += [_figure_at(paragraph, m, m.group("noun")) for m in _PART_OF_GROUP.finditer(paragraph)
              if _looks_plural(m.group("noun"))]
    for measure in _MEASURE_OF.finditer(paragraph):
        end = next((e for s, e in sentences if s <= measure.start() < e), len(paragraph))
        found += [_figure_at(paragraph, m, measure.group("noun"))
                  for m in _TO_FROM_NUMBER.finditer(paragraph, measure.end(), end)]
    for goal in _GOAL_OF.finditer(paragraph):
        start = next((s for s, e in sentences if s <= goal.start() < e), 0)
        before = [count for count in counts if start <= count.start < goal.start()]
        if before:
            found.append(_figure_at(paragraph, goal, before[-1].unit))
    return [figure for figure in found if figure is not None]


def _figure_at(paragraph: str, match: re.Match, unit: str | None) -> _Figure | None:
    """A count of `unit` for the bare number in `match`, unless it is a year, date or score or has its own noun."""
    number = _NUMBER.match(paragraph, match.start("num"))
    if (number is None or unit is None or number.group("num") != match.group("num")
            or _counted_noun(paragraph[number.end():])):
        return None
    if _not_a_count(paragraph, number, number.group("num"), number.group("scale")):
        return None
    value = _amount(number.group("num"), number.group("scale"))
    if value is None or value < 2:
        return None
    return _Figure(number.start(), number.end(), "count", value, unit,
                   _SCALES.get((number.group("scale") or "").lower(), 1.0))


def _bare_count(paragraph: str, start: int) -> float | None:
    """The value of a number with no noun of its own at `start`, unless it is a year, age, date or score."""
    number = _NUMBER.match(paragraph, start)
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


def _list_items(paragraph: str, figures: list[_Figure], sentences: list[tuple[int, int]]) -> list[_Figure]:
    """Bare numbers after a count in its sentence, led by a comma, 'and', 'to', 'took': they count the same thing."""
    items = []
    for match in _NUMBER.finditer(paragraph):
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
    return bool(words) and words[-1].lower() in _LIST_LEADS


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


_WITH_AT = re.compile(r"(?P<np>[^,;:—–]*?)\s+(?:(?:leading|coming|trailing|next|second|third|last|ranked\s+\w+)\s+)?"
                      r"(?:with|at)\s+(?:about|around|some|nearly|almost|over|more than|less than|roughly|"
                      r"an estimated|a record|a total of|just over|just under)?\s*$", re.IGNORECASE)
_VERBISH = frozenset("is was are were stood stands sold sells trades trading leading coming ranks ranked priced "
                     "valued came comes".split())
_VERB = re.compile(
    r"\b(?:hit|reached|reach|reaches|rose|rises|rise|fell|falls|fall|grew|grows|climbed|dropped|jumped|soared|"
    r"plunged|slipped|increased|decreased|declined|totalled|totaled|totals|amounted|stood|came|topped|exceeded|"
    r"surpassed|was|were|is|are|gained|lost|shed|earned|posted|reported|recorded|cost|costs|raised|generated|"
    r"made|spent|invested|received|took|won|secured|got|included|includes|include|comprised|comprises)\b"
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
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|its|their|his|her|our)\s$", re.IGNORECASE)
_NOT_NOUNS = frozenset("last this next per each every year month week day annually plus".split())


def _subject(paragraph: str, sentence: tuple[int, int], figure: _Figure,
             mentions: list[tuple[int, int, Entity]]) -> str | None:
    """What a figure is about; see the module docstring for the order of the rules."""
    modified = _MODIFIED_NOUN.match(paragraph, figure.end)
    if figure.kind == "money" and modified and modified.group(1) not in _NOT_MODIFIERS | _NOT_NOUNS \
            and _DETERMINER_BEFORE.search(paragraph, max(0, figure.start - 6), figure.start):
        return modified.group(1)  # "a Sh4.2 trillion budget", "a $5 billion loan": the noun it qualifies
    start = sentence[0]
    before = paragraph[start:figure.start]
    clause_start = start + max(before.rfind(ch) for ch in ",;:—–(") + 1
    near = max(start, figure.start - 80)  # the verb and its qualifiers sit right before the figure
    verb = _VERB.search(paragraph, near, figure.start)
    if verb:
        head = _clause_head(paragraph, clause_start, verb.start(), start, mentions)
        if head:
            return head
    tail = max(clause_start, figure.start - 150)
    with_at = _WITH_AT.search(paragraph, tail, figure.start)
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
    words = paragraph[offset:head_end].split()[-5:]
    if not words or words[0].lower() in ("it", "this", "that", "they", "which", "he", "she", "there", "we"):
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
    r"|Q[1-4](?:\s+(?:19|20)\d\d)?"
    rf"|(?:the\s+)?(?:year|12\s+months|six\s+months|nine\s+months|three\s+months)\s+(?:to|ended|ending|through)\s+"
    rf"(?:{_MONTH_NAMES})(?:\s+(?:19|20)\d\d)?"
    r"|a\s+year\s+(?:earlier|ago|before)"
    r")\b"
    rf"|\b(?:in|during|for|since|by|of|through|throughout)\s+(?P<when>(?:fiscal\s+)?(?:(?:{_MONTH_NAMES})\s+)?"
    r"(?:19|20)\d\d(?:[-–/]\d\d(?:\d\d)?)?|"
    rf"(?-i:{_MONTH_NAMES}))\b", re.IGNORECASE)


def _period(paragraph: str, sentence: tuple[int, int], figure: _Figure) -> str | None:
    """The period phrase in the figure's sentence nearest to it (ties go to the one after)."""
    best, best_distance = None, None
    for match in _PERIODS.finditer(paragraph, sentence[0], sentence[1]):
        if figure.start <= match.start() < figure.end:
            continue
        distance = match.start() - figure.end if match.start() >= figure.end else figure.start - match.end() + 0.5
        if best_distance is None or distance < best_distance:
            best, best_distance = (match.group("when") or match.group(0)), distance
    if best is None:
        return None
    best = " ".join(best.split())
    return best if best.endswith("period") else re.sub(r"(?i)^the\s+(?=first|second|third|fourth|final)", "", best)


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
    "Of 28,412 ballots returned, 24,960 …".
    """
    checks: list[tuple[int, Check]] = []
    tentative: list[tuple[int, list[int], Check]] = []
    used: set[int] = _range_ends(claims, paragraphs) if paragraphs else set()  # "€300-400 million": no parts
    cues = _breakdown_cues(claims, paragraphs) if paragraphs else {}
    for index in reversed(range(len(claims))):
        found = _parts_of(claims, index, used, cues.get(index))
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
              cue: str | None = None) -> tuple[list[int], Check] | None:
    total = claims[index]
    if total.kind == "percent" or index in used or _RATE_TEXT.search(total.text):
        return None
    if cue is not None:
        parts = [i for i in _following(claims, index, used)
                 if claims[i].kind == "money" or claims[i].unit == total.unit]
        if len(parts) >= 2:
            return parts, _check(total, [claims[i] for i in parts], whole_split=cue == "split")
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


def _breakdown_cues(claims: list[Claim], paragraphs: list[str]) -> dict[int, str]:
    """Index of a total -> 'breakdown' or 'split', from the words around it and its first part (see
    `parts_checks`)."""
    spans = _claim_spans(claims, paragraphs)
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
        if (_PART_OF_THEM.match(there, next_end) or _OF_THE_GROUP.search(between)
                or (_OF_TOTAL.search(here[:start]) and re.match(r"[^.!?]*,\s*$", between))):
            cues[index] = "split"
        elif _BREAKDOWN.match(between):
            cues[index] = "breakdown"
    return cues


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
