"""Text patterns for site furniture, kept as data.

Each entry of FURNITURE_RULES is (reason, compiled pattern, max_words). A block
is furniture when the pattern matches at its start and the block has at most
max_words words: the length cap keeps a real sentence that merely begins with
"Read" or "Share" in the body.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Lead-in words of related-link widgets. A block starting like this is a link
# only when short and title-like (see news.is_related_link).
RELATED_LINK_LEAD = re.compile(
    r"^(?:see also|read more|read also|also read|also see|related(?: articles?| stories| news| coverage)?|"
    r"more from [\w .'-]{1,30}|recommended(?: for you)?|you (?:may|might) also like|trending(?: now)?|"
    r"more stories|more news|further reading|lire aussi|à lire aussi|mehr zum thema|lesen sie auch|"
    r"lee también|leer más|te puede interesar|leia também|leggi anche)\b\s*[:\-–—|»>]*\s*",
    _I,
)
ALL_CAPS_RELATED_LEAD = re.compile(r"^(?:ALSO READ|READ MORE|SEE ALSO|RELATED|MORE|WATCH|LISTEN)\b\s*[:\-–—|»>]?")

FURNITURE_RULES: tuple[tuple[str, re.Pattern[str], int], ...] = (
    ("standards-footer", re.compile(
        r"^(?:our standards\s*:|the thomson reuters trust principles|thomson reuters trust principles|"
        r"editorial standards\b|this story has been corrected|our editorial guidelines)", _I), 25),
    ("copyright", re.compile(
        r"^(?:©|\(c\)\s|copyright\b|all rights reserved|this material may not be published|[\w .&'-]{1,40}©\s*\d{4}\s*$|"
        r"[\w .,&'-]{0,60}\ball rights reserved\b)", _I), 40),
    ("cookie-notice", re.compile(
        r"^(?:(?:we|this (?:site|website)) uses? cookies|by (?:using|continuing to use) this (?:site|website)|"
        r"accept (?:all )?cookies|cookie (?:policy|settings|preferences)|manage cookies|"
        r"nous utilisons des cookies|wir verwenden cookies|utilizamos cookies)", _I), 60),
    ("subscribe-prompt", re.compile(
        r"^(?:subscribe\b|sign up\b|get (?:our|the) [\w ]{0,30}newsletter|join our (?:newsletter|mailing list)|"
        r"(?:click|tap) here to subscribe|support (?:our|independent) journalism|become a (?:member|subscriber)|"
        r"already a subscriber|get the latest [\w ,]{0,60} (?:delivered|in your inbox)|"
        r"enter your email|newsletter\s*:|abonnez-vous|jetzt abonnieren|suscríbete)", _I), 40),
    ("share-widget", re.compile(
        r"^(?:share(?: this| on| the| article| story| via)?\b|tweet\b|follow us\b|like us on\b|"
        r"(?:facebook|twitter|whatsapp|linkedin|pinterest|telegram|reddit|email|print|copy link|x)"
        r"(?:[\s,|•·/]+(?:facebook|twitter|whatsapp|linkedin|pinterest|telegram|reddit|email|print|copy link|x|messenger))+\s*$)",
        _I), 14),
    ("advertisement", re.compile(
        r"^(?:advertisement|advertising|sponsored(?: content)?|story continues below(?: advertisement)?|"
        r"article continues (?:below|after)|ad feedback|scroll to continue|publicité|anzeige|publicidad)\b", _I), 8),
    ("caption", re.compile(
        r"^(?:(?:file )?photo\s*:|image\s*:|picture\s*:|photograph\s*:|credit\s*:|photo credit|"
        r"\(?(?:photo|image|picture) by\b|file photo\b|\[image\]|getty images\s*$)", _I), 40),
    ("navigation", re.compile(
        r"^(?:skip to (?:main )?content|home\s*[>»/|]|menu\s*$|search\s*$|back to top|next article|previous article|"
        r"jump to\b|go to\b.{0,20}$)", _I), 12),
    ("boilerplate", re.compile(
        r"^\(?(?:this (?:article|story|report|copy) (?:is|was|has been|has not been) [\w ,]{0,60}"
        r"(?:syndicated feed|unedited|auto-generated|edited by)|only the headline and picture of this report|"
        r"\(?this story has not been edited|disclaimer\s*:)", _I), 60),
    ("credits", re.compile(  # CP's "This report by The Canadian Press was first published Oct. 5, 2023."
        r"^this (?:report|article|story) by (?:the )?[\w .'-]{2,40} was first published\b", _I), 20),
    ("boilerplate", re.compile(  # agency desk tags: AFP "os/jj/ach", dpa "dpa lb xx a3 mkr"
        r"^(?:[a-z]{2,4}(?:/[a-z]{2,4}){1,6}|dpa(?:\s+[a-z0-9]{1,4}){2,8})\s*$"), 8),
    ("boilerplate", re.compile(
        r"^(?:enditem|\(?end\)?|-+\s*end\s*-+|#{3}|\*{3}|-?-30--?|\(?ends\)?|\S+@\S+\.\w+)\s*$", _I), 3),
    ("share-widget", re.compile(
        r"^(?:facebook|twitter|x|whatsapp|linkedin|pinterest|telegram|reddit|e-?mail|print|copy link|messenger|"
        r"share|flipboard|bluesky|threads)\s*$", _I), 2),
    ("comments", re.compile(
        r"^(?:\d+\s+comments?\b|comments?\s*(?:\(\d+\))?\s*$|leave a (?:comment|reply)|join the (?:conversation|discussion)|"
        r"post a comment|show comments|view comments)", _I), 12),
)

# A photo credit that trails a caption, e.g. "... in Kyiv. REUTERS/Name Surname".
CAPTION_CREDIT = re.compile(r"\b(?:REUTERS|AFP|AP Photo|Getty Images|EPA|Xinhua)\s*/\s*[A-Z][\w.' -]{1,40}(?:/File(?: Photo)?)?\s*$")

# Dates standing alone on a line, optionally introduced, in a text dump.
PUBLISH_LEAD = re.compile(
    r"^(?:published|posted|updated|last updated|first published|date|publié le|veröffentlicht|publicado)\s*(?:on|:)?\s*",
    _I,
)

# Credit roles as they appear in wire credit lines, mapped to the JSON role names.
CREDIT_ROLES: tuple[tuple[str, str], ...] = (
    ("additional reporting by", "additional_reporting"),
    ("reporting by", "reporting"),
    ("reported by", "reporting"),
    ("writing by", "writing"),
    ("written by", "writing"),
    ("editing by", "editing"),
    ("edited by", "editing"),
    ("compiled by", "compiled"),
    ("fact-checking by", "fact_checking"),
    ("research by", "research"),
    ("graphics by", "graphics"),
    ("video by", "video"),
    ("translated by", "translation"),
    ("translation by", "translation"),
    ("with assistance from", "assistance"),
    ("additional writing by", "writing"),
)
CREDIT_ROLE_RE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(phrase) for phrase, _ in CREDIT_ROLES) + r")\b\s*:?\s*", _I
)
CREDIT_ROLE_NAMES = {phrase: role for phrase, role in CREDIT_ROLES}

# "By Jane Doe", "By Jane Doe and John Roe, Reuters", "Jane Doe | Staff writer".
BYLINE_BY = re.compile(r"^(?:by|por|par|von|di)\s+(?P<names>.+)$", _I)
BYLINE_STAFF = re.compile(
    r"^(?P<names>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s*[|,–—-]\s*"
    r"(?:staff (?:writer|reporter)|senior (?:writer|reporter|correspondent)|correspondent|reporter|contributor|"
    r"[\w ]{0,30}(?:editor|correspondent|reporter|writer))\s*$"
)
# "Zeynep Arslanoglu |20.02.2024 - Update : 20.02.2024": a name, a bar, then the date.
BYLINE_DATED = re.compile(r"^(?P<names>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s*[|•]\s*(?=[^|•]*\d{1,4}[./-]\d)")
AP_CONTRIBUTED = re.compile(
    r"^(?:the )?associated press (?:writers?|reporters?|journalists?|correspondents?)\s+(?P<names>.+?)\s+"
    r"(?:contributed|reported)\b", _I
)
BLOOMBERG_CONTACT = re.compile(
    r"^to contact the (?P<who>reporters?|editors?)[\w ]*?:\s*(?P<names>.+)$", _I
)
LEADING_ASSISTANCE = re.compile(r"^[-–—]+\s*(?=with assistance from\b)", _I)

# Job titles that trail a byline name: "Owen Pryce, PA Political Correspondent".
BYLINE_ROLE_WORDS = re.compile(
    r"\b(?:correspondent|editor|reporter|writer|columnist|contributor|staff|analyst|producer|journalist|"
    r"bureau chief|chief)\b", _I
)

# Words that end a name list inside a credit ("in Beijing", "at jdoe@x.com").
NAME_TAIL = re.compile(r"\s+(?:in|at|from|en|à|aus)\s+.*$")
NAME_SPLIT = re.compile(r"\s*(?:;|,|&|\band\b|\by\b|\bet\b|\bund\b|\be\b)\s*")
