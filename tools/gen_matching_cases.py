"""Writes tests/cases/matching.json: the shared table of matching cases.

Expected spans are given as (substring, occurrence) and turned into code-point
offsets here with str.find, independently of the matcher.
Run: python3 tools/gen_matching_cases.py
"""

import json


def E(id, name, label="MISC", aliases=()):
    return {"id": id, "name": name, "label": label, "aliases": list(aliases)}


CASES = []


def case(name, entities, text, expected, **options):
    exp = []
    for sub, nth, ids in expected:
        pos = -1
        for _ in range(nth + 1):
            pos = text.find(sub, pos + 1)
            assert pos >= 0, (name, sub, nth)
        exp.append({"span": [pos, pos + len(sub)], "text": sub, "ids": sorted(ids)})
    opts = {"case": "smart", "overlapping": False, "fold_diacritics": True}
    opts.update(options)
    CASES.append(
        {"name": name, "entities": entities, "options": opts, "text": text, "expected": exp}
    )


china = E("china", "China", "GPE")
case(
    "possessive curly and straight apostrophe",
    [china],
    "China\u2019s economy and China's exports",
    [("China", 0, ["china"]), ("China", 1, ["china"])],
)
case(
    "Chinatown does not contain China",
    [china],
    "Chinatown is not China.",
    [("China", 1, ["china"])],
)
us = E("us", "United States", "GPE", ["US", "U.S."])
case(
    "US is not us",
    [us],
    "Let us go to the US and the U.S. today",
    [("US", 0, ["us"]), ("U.S.", 0, ["us"])],
)
may = E("may", "May", "DATE")
case(
    "May, MAY, never may",
    [may],
    "In May, we may meet. MAY DAY",
    [("May", 0, ["may"]), ("MAY", 0, ["may"])],
)
ny = E("ny", "New York", "GPE")
case(
    "NBSP, newline, tab and CRLF inside a name",
    [ny],
    "New\u00a0York, New\nYork, New\tYork, New \r\n York",
    [
        ("New\u00a0York", 0, ["ny"]),
        ("New\nYork", 0, ["ny"]),
        ("New\tYork", 0, ["ny"]),
        ("New \r\n York", 0, ["ny"]),
    ],
)
case(
    "alias with a double space is normalised",
    [E("ny", "New  York", "GPE")],
    "New York",
    [("New York", 0, ["ny"])],
)
zurich = E("zurich", "Z\u00fcrich", "GPE")
case(
    "Zurich precomposed, decomposed, plain and capitals",
    [zurich],
    "Z\u00fcrich, Zu\u0308rich, Zurich, ZURICH, zurich",
    [
        ("Z\u00fcrich", 0, ["zurich"]),
        ("Zu\u0308rich", 0, ["zurich"]),
        ("Zurich", 0, ["zurich"]),
        ("ZURICH", 0, ["zurich"]),
    ],
)
case(
    "decomposed text, ASCII alias",
    [E("munich", "Munchen", "GPE")],
    "Flights to Mu\u0308nchen.",
    [("Mu\u0308nchen", 0, ["munich"])],
)
ist = E("istanbul", "\u0130stanbul", "GPE")
case(
    "Istanbul with dotted capital I",
    [ist],
    "Istanbul and \u0130stanbul and ISTANBUL but not istanbul",
    [
        ("Istanbul", 0, ["istanbul"]),
        ("\u0130stanbul", 0, ["istanbul"]),
        ("ISTANBUL", 0, ["istanbul"]),
    ],
)
case(
    "dotted capital I in the text",
    [E("istanbul", "Istanbul", "GPE")],
    "\u0130STANBUL, \u0130stanbul",
    [("\u0130STANBUL", 0, ["istanbul"]), ("\u0130stanbul", 0, ["istanbul"])],
)
obama = E("obama", "Barack Obama", "PERSON", ["Obama"])
case(
    "emoji, ZWJ sequences and flags before a match",
    [obama],
    "\U0001f1fa\U0001f1f8Obama and \U0001f469\u200d\U0001f469\u200d\U0001f467 Obama, \u2764\ufe0fObama",
    [("Obama", 0, ["obama"]), ("Obama", 1, ["obama"]), ("Obama", 2, ["obama"])],
)
case(
    "Obamacare is not Obama; Obama-era is",
    [obama],
    "Obamacare in the Obama-era",
    [("Obama", 1, ["obama"])],
)
case(
    "U.S.-China",
    [E("us", "United States", "GPE", ["U.S."]), china],
    "U.S.-China talks",
    [("U.S.", 0, ["us"]), ("China", 0, ["china"])],
)
case(
    "Washington, D.C., followed by a comma",
    [E("dc", "Washington, D.C.", "GPE"), E("wa", "Washington", "GPE")],
    "in Washington, D.C., today",
    [("Washington, D.C.", 0, ["dc"])],
)
case("G7 is not in G77", [E("g7", "G7", "ORG")], "the G77 and the G7.", [("G7", 1, ["g7"])])
case(
    "O'Rourke matches O\u2019Rourke",
    [E("orourke", "Beto O'Rourke", "PERSON", ["O'Rourke"])],
    "Beto O\u2019Rourke said O\u2019Rourke\u2019s plan",
    [("Beto O\u2019Rourke", 0, ["orourke"]), ("O\u2019Rourke", 1, ["orourke"])],
)
case(
    "non-breaking hyphen and en dash",
    [E("sd", "Saint-Denis", "GPE")],
    "Saint\u2011Denis, Saint\u2013Denis and Saint-Denis",
    [("Saint\u2011Denis", 0, ["sd"]), ("Saint\u2013Denis", 0, ["sd"]), ("Saint-Denis", 0, ["sd"])],
)
case(
    "apostrophe variants in the alias",
    [E("ci", "C\u00f4te d\u2019Ivoire", "GPE")],
    "Cote d'Ivoire",
    [("Cote d'Ivoire", 0, ["ci"])],
)
case(
    "two entities share an alias",
    [E("george", "George Washington", "PERSON", ["Washington"]), E("wa", "Washington", "GPE")],
    "Washington said",
    [("Washington", 0, ["george", "wa"])],
)
case(
    "United Statesman: the longer alias fails the boundary",
    [E("united", "United", "ORG"), E("us", "United States", "GPE")],
    "The United Statesman",
    [("United", 0, ["united"])],
)
hall = [
    E("ny", "New York", "GPE"),
    E("nyc", "New York City", "GPE"),
    E("hall", "New York City Hall", "FAC"),
    E("cityhall", "City Hall", "FAC"),
]
case(
    "New York City Hall, non-overlapping",
    hall,
    "at New York City Hall today",
    [("New York City Hall", 0, ["hall"])],
)
case(
    "New York City Hall, overlapping",
    hall,
    "at New York City Hall today",
    [
        ("New York", 0, ["ny"]),
        ("New York City", 0, ["nyc"]),
        ("New York City Hall", 0, ["hall"]),
        ("City Hall", 0, ["cityhall"]),
    ],
    overlapping=True,
)
case(
    "a longer alias rejected by case does not hide a shorter one",
    [E("ny", "New York", "GPE"), E("nyt", "New York Times", "ORG")],
    "New York times",
    [("New York", 0, ["ny"])],
)
case(
    "CRLF line endings",
    [obama],
    "Line one\r\nBarack\r\nObama spoke.\r\n",
    [("Barack\r\nObama", 0, ["obama"])],
)
case(
    "sharp s and capital sharp s",
    [E("strauss", "Strau\u00df", "PERSON")],
    "Strauss, Strau\u00df, STRAUSS, STRAU\u1e9e, strauss",
    [
        ("Strauss", 0, ["strauss"]),
        ("Strau\u00df", 0, ["strauss"]),
        ("STRAUSS", 0, ["strauss"]),
        ("STRAU\u1e9e", 0, ["strauss"]),
    ],
)
case(
    "final sigma",
    [E("samos", "\u03a3\u03ac\u03bc\u03bf\u03c2", "GPE")],
    "\u03a3\u0391\u039c\u039f\u03a3, \u03a3\u03ac\u03bc\u03bf\u03c2 and \u03a3\u03b1\u03bc\u03bf\u03c3",
    [
        ("\u03a3\u0391\u039c\u039f\u03a3", 0, ["samos"]),
        ("\u03a3\u03ac\u03bc\u03bf\u03c2", 0, ["samos"]),
        ("\u03a3\u03b1\u03bc\u03bf\u03c3", 0, ["samos"]),
    ],
)
case(
    "ligatures in text and alias",
    [E("ons", "Office for National Statistics", "ORG"), E("sheffield", "She\ufb03eld", "GPE")],
    "The O\ufb03ce for National Statistics in Sheffield",
    [("O\ufb03ce for National Statistics", 0, ["ons"]), ("Sheffield", 0, ["sheffield"])],
)
case(
    "fi ligature in text and in the alias",
    [E("pp", "Profit Party", "ORG"), E("fc", "Pro\ufb01t Club", "ORG")],
    "The Pro\ufb01t Party and the Profit Club",
    [("Pro\ufb01t Party", 0, ["pp"]), ("Profit Club", 0, ["fc"])],
)
case(
    "CJK without spaces: each Han/Kana character is a word",
    [E("tokyo", "\u6771\u4eac", "GPE"), E("toyota", "\u30c8\u30e8\u30bf", "ORG"), obama],
    "\u6771\u4eac\u90fd\u306e\u77e5\u4e8b\u304c\u30c8\u30e8\u30bf\u81ea\u52d5\u8eca\u3092\u8a2a\u554f\u3002\u5728Obama\u8bbf\u95ee",
    [
        ("\u6771\u4eac", 0, ["tokyo"]),
        ("\u30c8\u30e8\u30bf", 0, ["toyota"]),
        ("Obama", 0, ["obama"]),
    ],
)
case(
    "Hangul is not split",
    [E("seoul", "\uc11c\uc6b8", "GPE")],
    "\uc11c\uc6b8\uc2dc \uc11c\uc6b8 \uc11c\uc6b8\uc5d0\uc11c",
    [("\uc11c\uc6b8", 1, ["seoul"])],
)
case(
    "Devanagari marks are kept and never split",
    [
        E("modi", "\u0928\u0930\u0947\u0902\u0926\u094d\u0930 \u092e\u094b\u0926\u0940", "PERSON"),
        E("nar", "\u0928\u0930", "MISC"),
    ],
    "\u0928\u0930\u0947\u0902\u0926\u094d\u0930 \u092e\u094b\u0926\u0940 \u0928\u0947 \u0915\u0939\u093e",
    [("\u0928\u0930\u0947\u0902\u0926\u094d\u0930 \u092e\u094b\u0926\u0940", 0, ["modi"])],
    overlapping=True,
)
case(
    "fold_diacritics=false: Zurich does not match Z\u00fcrich",
    [E("zurich", "Zurich", "GPE")],
    "Z\u00fcrich and Zurich",
    [("Zurich", 0, ["zurich"])],
    fold_diacritics=False,
)
case(
    "fold_diacritics=false: precomposed alias matches decomposed text",
    [zurich],
    "Zu\u0308rich and Z\u00fcrich and Zurich",
    [("Zu\u0308rich", 0, ["zurich"]), ("Z\u00fcrich", 0, ["zurich"])],
    fold_diacritics=False,
)
case(
    "case exact",
    [E("apple", "Apple", "ORG")],
    "Apple, APPLE, apple",
    [("Apple", 0, ["apple"])],
    case="exact",
)
case(
    "case exact keeps sharp s apart from ss",
    [E("strauss", "Strau\u00df", "PERSON")],
    "Strauss and Strau\u00df",
    [("Strau\u00df", 0, ["strauss"])],
    case="exact",
)
case(
    "case insensitive",
    [E("us", "United States", "GPE", ["US"])],
    "us and US and Us",
    [("us", 0, ["us"]), ("US", 0, ["us"]), ("Us", 0, ["us"])],
    case="insensitive",
)
case(
    "per-alias case override (exact under insensitive)",
    [E("us", "United States", "GPE", [{"text": "US", "case": "exact"}])],
    "us and US and Us and united states",
    [("US", 0, ["us"]), ("united states", 0, ["us"])],
    case="insensitive",
)
case(
    "per-alias case override (insensitive under smart)",
    [E("nato", "NATO", "ORG", [{"text": "Nato", "case": "insensitive"}])],
    "nato, Nato and NATO",
    [("nato", 0, ["nato"]), ("Nato", 0, ["nato"]), ("NATO", 0, ["nato"])],
)
case(
    "same span, different aliases: candidates are the union",
    [E("us", "United States", "GPE", [{"text": "US", "case": "exact"}]), E("pron", "us", "MISC")],
    "US and us",
    [("US", 0, ["pron", "us"]), ("us", 0, ["pron"])],
)
case(
    "lowercase alias matches any case",
    [E("euro", "euro", "MISC")],
    "The Euro, the EURO and the euro",
    [("Euro", 0, ["euro"]), ("EURO", 0, ["euro"]), ("euro", 0, ["euro"])],
)
case(
    "alias ending in a period",
    [E("acme", "Acme Inc.", "ORG")],
    "Acme Inc., said Acme Inc.",
    [("Acme Inc.", 0, ["acme"]), ("Acme Inc.", 1, ["acme"])],
)
case("soft hyphen inside a name", [obama], "Oba\u00adma said", [("Oba\u00adma", 0, ["obama"])])
case(
    "Polish stroke letter folds",
    [E("lodz", "\u0141\u00f3d\u017a", "GPE")],
    "Lodz and \u0141\u00f3d\u017a",
    [("Lodz", 0, ["lodz"]), ("\u0141\u00f3d\u017a", 0, ["lodz"])],
)
case(
    "no match in the middle of words",
    [E("ate", "ate", "MISC")],
    "Senate debate; they ate",
    [("ate", 2, ["ate"])],
)

# The matcher tests a key's second word before walking (src/gazetteer/matcher/pairs.rs):
# these must still match across space runs and line breaks, and a longer second word,
# a hyphen or another second word must not.
wh = E("wh", "White House", "ORG")
nyc = E("nyc", "New York City", "GPE")
case(
    "second words across space runs and line breaks",
    [wh, nyc, ny],
    "The White  House, the White\nHouse, White Houses, White-House, "
    "New York-based, New Jersey, New York City",
    [
        ("White  House", 0, ["wh"]),
        ("White\nHouse", 0, ["wh"]),
        ("New York", 0, ["ny"]),
        ("New York City", 0, ["nyc"]),
    ],
)
case(
    "one first word, keys that go on differently",
    [
        E("boa", "Bank of America", "ORG"),
        E("bank", "Bank", "ORG"),
        E("usarmy", "U.S. Army", "ORG"),
        E("cafe", "Caf\u00e9 Society", "ORG"),
    ],
    "Bank of America, Bank rates, the U.S. Army and Cafe Society",
    [
        ("Bank of America", 0, ["boa"]),
        ("Bank", 1, ["bank"]),
        ("U.S. Army", 0, ["usarmy"]),
        ("Cafe Society", 0, ["cafe"]),
    ],
)

with open("tests/cases/matching.json", "w", encoding="utf-8") as f:
    json.dump(
        {
            "description": "Matching cases shared by the Rust and Python tests. "
            "span = [start, end) in code points of text; ids = candidate entity ids, "
            "sorted. Generated by tools/gen_matching_cases.py.",
            "cases": CASES,
        },
        f,
        ensure_ascii=False,
        indent=1,
    )
    f.write("\n")
print(len(CASES), "cases")
