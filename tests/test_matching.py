"""The matcher from Python: the shared case table (tests/cases/matching.json, also run
by cargo) and a hypothesis property test against a brute-force reference matcher."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import namedrop as nd

CASES = json.loads((Path(__file__).parent / "cases" / "matching.json").read_text("utf-8"))


def matcher_only(g, **options):
    return nd.Extractor(g, link=False, discover=False, quotes=False, **options)


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: c["name"])
def test_matching_case_table(case):
    g = nd.Gazetteer.from_records(case["entities"])
    doc = matcher_only(g, **case["options"])(case["text"])
    got = [
        {"span": [m.start, m.end], "text": m.text, "ids": sorted(m.candidates)}
        for m in doc.entities
    ]
    assert got == case["expected"]
    for m in doc.entities:
        assert case["text"][m.start:m.end] == m.text


# --- brute-force reference -------------------------------------------------------------
# Text pieces: case-folding letters, precomposed and decomposed accents, apostrophes,
# dashes, whitespace, emoji, flags, CJK, digits, punctuation. No "9": entity names
# ("99<i>") never occur in the text.
PIECES = [
    "a", "b", "A", "B", "s", "S", "é", "É", "e\u0301", "ß", "ẞ", "İ", " ", "\xa0", "\n",
    "\r\n", "’", "'", "-", "\u2011", "–", ".", ",", "🇺🇸", "😀", "東", "京", "1", "2",
]
WS = " \xa0\n\r"
PRIMARY = {"é": "e", "É": "e", "\u0301": "", "ß": "ss", "ẞ": "ss", "İ": "i", "’": "'",
           "\u2011": "-", "–": "-"}
EXACT_STRIP = {"é": "e", "É": "E", "İ": "I", "\u0301": "", "’": "'", "\u2011": "-", "–": "-"}
EXACT_KEEP = {"é": "e\u0301", "É": "E\u0301", "İ": "I\u0307", "’": "'", "\u2011": "-",
              "–": "-"}
LOWER_MARKS = {"é": "e\u0301", "É": "e\u0301", "ß": "ss", "ẞ": "ss", "İ": "i", "’": "'",
               "\u2011": "-", "–": "-"}


def primary(c):
    return PRIMARY.get(c, c.lower() if c.isascii() else c)


def is_cjk(c):
    return c in "東京"


def is_word(c):
    return c.isalnum() and not is_cjk(c)


def fold_str(s, f):
    out, space = [], False
    for c in s:
        if c in WS:
            space = bool(out)
            continue
        piece = f(c)
        if not piece:
            continue
        if space:
            out.append(" ")
            space = False
        out.append(piece)
    return "".join(out)


def units(text):
    """(start, end, folded chars): one unit per char, a whitespace run is one unit,
    chars that fold to nothing join the unit before them."""
    out = []
    for i, c in enumerate(text):
        if c in WS:
            if out and out[-1][2] == " ":
                out[-1][1] = i + 1
            else:
                out.append([i, i + 1, " "])
            continue
        f = primary(c)
        if not f:
            if out:
                out[-1][1] = i + 1
            continue
        out.append([i, i + 1, f])
    return out


def case_ok(mode, alias, span, strip):
    if mode == "insensitive":
        ok = True
    elif mode == "exact":
        table = EXACT_STRIP if strip else EXACT_KEEP
        ok = fold_str(span, lambda c: table.get(c, c)) == fold_str(alias, lambda c: table.get(c, c))
    else:
        def pattern(s):
            return [(d, c.isupper()) for c in fold_str(s, lambda c: c) if c != " "
                    for d in primary(c)]
        ap, tp = pattern(alias), pattern(span)
        ok = (not any(up for _, up in ap) or not any(c.islower() for c in span)
              or all(not a[1] or t[1] for a, t in zip(ap, tp, strict=False)))
    if not strip and mode != "exact":
        ok = ok and fold_str(span, lambda c: LOWER_MARKS.get(c, c.lower())) == fold_str(
            alias, lambda c: LOWER_MARKS.get(c, c.lower()))
    return ok


def reference(aliases, text, case, overlapping, strip):
    us = units(text)
    f = [(ch, k) for k, u in enumerate(us) for ch in u[2]]
    folded = "".join(ch for ch, _ in f)
    cands = []
    for ai, (alias, alias_case) in enumerate(aliases):
        key = fold_str(alias, primary)
        for p in range(len(f) - len(key) + 1):
            e = p + len(key)
            if folded[p:e] != key:
                continue
            if p > 0 and is_word(folded[p - 1]) and is_word(folded[p]):
                continue
            if e < len(f) and is_word(folded[e - 1]) and is_word(folded[e]):
                continue
            start, end = us[f[p][1]][0], us[f[e - 1][1]][1]
            if case_ok(alias_case or case, alias, text[start:end], strip):
                cands.append((p, e, ai, start, end))
    cands.sort()
    if overlapping:
        chosen = cands
    else:
        chosen, nxt = [], 0
        for p in sorted({c[0] for c in cands}):
            if p < nxt:
                continue
            group = [c for c in cands if c[0] == p]
            longest = max(c[1] for c in group)
            chosen += [c for c in group if c[1] == longest]
            nxt = longest
    return sorted((start, end, f"e{ai}") for _, _, ai, start, end in chosen)


pieces = st.lists(st.sampled_from(PIECES), max_size=5).map("".join)
alias_lists = st.lists(
    st.tuples(pieces, st.sampled_from([None, None, "smart", "exact", "insensitive"])),
    min_size=1, max_size=6,
)
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(alias_lists, texts)
def test_matcher_equals_brute_force_reference(raw_aliases, text):
    aliases, keys, records = [], set(), []
    for alias, case in raw_aliases:
        alias = " ".join(alias.split())
        key = fold_str(alias, primary)
        # One alias per folded key, so each match has exactly one candidate entity.
        if not any(c.isalnum() for c in alias) or key in keys:
            continue
        keys.add(key)
        records.append({"id": f"e{len(aliases)}", "name": f"99{len(aliases)}", "label": "X",
                        "aliases": [{"text": alias, "case": case} if case else alias]})
        aliases.append((alias, case))
    if not records:
        return
    g = nd.Gazetteer.from_records(records)
    for case in ("smart", "exact", "insensitive"):
        for overlapping in (False, True):
            for strip in (True, False):
                doc = matcher_only(g, case=case, overlapping=overlapping,
                                   fold_diacritics=strip)(text)
                for m in doc.entities:
                    assert text[m.start:m.end] == m.text
                got = sorted((m.start, m.end, m.candidates[0]) for m in doc.entities)
                assert got == reference(aliases, text, case, overlapping, strip), (
                    case, overlapping, strip)
