"""One dictionary matcher, in this process: build it, run it over the corpus, print JSON.

Every system gets the same aliases (bench/.cache/aliases.txt, from build_aliases.py;
namedrop reads the same gazetteer as records with `Gazetteer.from_file(aliases.jsonl)`)
and the same corpus (PolNeAR train cycled to 20 MB, one call per article), and matches
case-insensitively. bench/run.py launches one process per system and round, so peak RSS
is per system. A system whose import fails prints {"skipped": reason} and exits 3.

Run:  bench/.venv-peers/bin/python bench/peers.py --system flashtext [--mb 20] [--dump F]
Systems: namedrop, namedrop-pipe, namedrop-nofold (fold_diacritics=False),
namedrop-objects (every Mention object made: `tuple(doc.entities)`), flashtext,
flashtext2, pyahocorasick, spacy, ahocorasick-raw (a reference scan of lowercased text:
no boundaries, no overlap rule).
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

import corpus
from common import CACHE, rss_mib

Spans = list[tuple[int, int]]
Runner = Callable[[list[str]], list]  # texts -> one result per text


class Skip(Exception):
    """The system cannot run here (import failed, API missing)."""


def leftmost_longest(cands: Spans) -> Spans:
    """Non-overlapping selection: earliest start first, longest at that start."""
    cands.sort(key=lambda c: (c[0], -c[1]))
    out: Spans = []
    last = 0
    for s, e in cands:
        if s >= last:
            out.append((s, e))
            last = e
    return out


def lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):  # e.g. "İ" lowercases to two code points: keep offsets
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


def build_flashtext(aliases: Iterable[str], jsonl: Path) -> tuple[Runner, Callable]:
    from flashtext import KeywordProcessor

    kp = KeywordProcessor(case_sensitive=False)
    for a in aliases:
        kp.add_keyword(a)

    def run(texts: list[str]) -> list:
        return [kp.extract_keywords(t, span_info=True) for t in texts]

    return run, lambda r: [(s, e) for _, s, e in r]


def build_flashtext2(aliases: Iterable[str], jsonl: Path) -> tuple[Runner, Callable]:
    from flashtext2 import KeywordProcessor

    kp = KeywordProcessor(case_sensitive=False)
    kp.add_keywords_from_iter(aliases)

    def run(texts: list[str]) -> list:
        return [kp.extract_keywords_with_span(t) for t in texts]

    return run, lambda r: [(s, e) for _, s, e in r]


def _automaton(aliases: Iterable[str]):
    import ahocorasick

    auto = ahocorasick.Automaton()
    for a in aliases:
        k = a.lower()
        auto.add_word(k, len(k))
    auto.make_automaton()
    return auto


def build_pyahocorasick(aliases: Iterable[str], jsonl: Path) -> tuple[Runner, Callable]:
    auto = _automaton(aliases)

    def match(text: str) -> Spans:
        low = lower_same_length(text)
        n = len(low)
        cands = []
        for end, length in auto.iter(low):
            s, e = end - length + 1, end + 1
            if (s == 0 or not low[s - 1].isalnum()) and (e == n or not low[e].isalnum()):
                cands.append((s, e))
        return leftmost_longest(cands)

    return (lambda texts: [match(t) for t in texts]), list


def build_ahocorasick_raw(aliases: Iterable[str], jsonl: Path) -> tuple[Runner, Callable]:
    auto = _automaton(aliases)

    def run(texts: list[str]) -> list:
        return [list(auto.iter(t.lower())) for t in texts]

    return run, lambda r: [(e - n + 1, e + 1) for e, n in r]


def build_spacy(aliases: Iterable[str], jsonl: Path) -> tuple[Runner, Callable]:
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("GAZ", list(nlp.tokenizer.pipe(aliases, batch_size=1000)))

    def match(text: str) -> Spans:
        doc = nlp.make_doc(text)
        cands = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for _, s, e in matcher(doc)]
        return leftmost_longest(cands)

    return (lambda texts: [match(t) for t in texts]), list


def _namedrop_extractor(jsonl: Path, **options):
    try:
        import namedrop as nd
    except ImportError as e:
        raise Skip(f"import namedrop failed: {e}") from e
    try:
        g = nd.Gazetteer.from_file(str(jsonl))
        return nd.Extractor(
            g, case="insensitive", link=False, discover=False, quotes=False, **options
        )
    except AttributeError as e:
        raise Skip(f"namedrop API not there yet: {e}") from e


def _mention_spans(doc) -> Spans:
    return [(m.start, m.end) for m in doc.entities]


def build_namedrop(aliases: Iterable[str], jsonl: Path) -> tuple[Runner, Callable]:
    ex = _namedrop_extractor(jsonl)
    return (lambda texts: [ex(t).entities for t in texts]), (
        lambda ms: [(m.start, m.end) for m in ms]
    )


def build_namedrop_objects(aliases: Iterable[str], jsonl: Path) -> tuple[Runner, Callable]:
    """namedrop with every Mention object made (doc.entities makes them on access)."""
    ex = _namedrop_extractor(jsonl)
    return (lambda texts: [tuple(ex(t).entities) for t in texts]), (
        lambda ms: [(m.start, m.end) for m in ms]
    )


def build_namedrop_nofold(aliases: Iterable[str], jsonl: Path) -> tuple[Runner, Callable]:
    """namedrop with fold_diacritics=False: the peers' notion of case-insensitive."""
    ex = _namedrop_extractor(jsonl, fold_diacritics=False)
    return (lambda texts: [ex(t).entities for t in texts]), (
        lambda ms: [(m.start, m.end) for m in ms]
    )


def build_namedrop_pipe(aliases: Iterable[str], jsonl: Path) -> tuple[Runner, Callable]:
    ex = _namedrop_extractor(jsonl)
    if not hasattr(ex, "pipe"):
        raise Skip("n/a: Extractor.pipe does not exist yet")
    return (lambda texts: [d.entities for d in ex.pipe(texts, n_threads=1)]), (
        lambda ms: [(m.start, m.end) for m in ms]
    )


DISTRIBUTIONS = {
    "namedrop": "namedrop",
    "namedrop-pipe": "namedrop",
    "namedrop-nofold": "namedrop",
    "namedrop-objects": "namedrop",
    "flashtext": "flashtext",
    "flashtext2": "flashtext2",
    "pyahocorasick": "pyahocorasick",
    "spacy": "spacy",
    "ahocorasick-raw": "pyahocorasick",
}

SYSTEMS = {
    "namedrop": build_namedrop,
    "namedrop-pipe": build_namedrop_pipe,
    "namedrop-nofold": build_namedrop_nofold,
    "namedrop-objects": build_namedrop_objects,
    "flashtext": build_flashtext,
    "flashtext2": build_flashtext2,
    "pyahocorasick": build_pyahocorasick,
    "spacy": build_spacy,
    "ahocorasick-raw": build_ahocorasick_raw,
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--system", required=True, choices=sorted(SYSTEMS))
    ap.add_argument("--aliases", type=Path, default=CACHE / "aliases.jsonl")
    ap.add_argument("--corpus", type=Path, default=None, help="folder of .txt articles")
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--dump", type=Path, help="write spans of the first pass of articles here")
    a = ap.parse_args()

    texts = corpus.cycled(a.mb, a.corpus)
    txt = a.aliases.with_suffix(".txt")
    with open(txt, encoding="utf-8") as f:
        n_aliases = sum(1 for _ in f)
    res: dict = {
        "system": a.system,
        "articles": len(texts),
        "bytes": corpus.nbytes(texts),
        "aliases": n_aliases,
        "rss_loaded_mib": rss_mib(),
    }
    gc.collect()
    try:
        t0 = time.perf_counter()
        with open(txt, encoding="utf-8") as f:  # reading the aliases is part of the build
            run, to_spans = SYSTEMS[a.system]((line.rstrip("\n") for line in f), a.aliases)
        res["build_s"] = time.perf_counter() - t0
    except (ImportError, Skip) as e:
        print(json.dumps({"system": a.system, "skipped": str(e)}))
        sys.exit(3)
    res["rss_built_mib"] = rss_mib()
    res["version"] = metadata.version(DISTRIBUTIONS[a.system])
    gc.collect()
    t0 = time.perf_counter()
    out = run(texts)
    res["match_s"] = time.perf_counter() - t0
    res["matches"] = sum(len(r) for r in out)
    res["mb_per_s"] = res["bytes"] / 1e6 / res["match_s"]
    res["rss_peak_mib"] = rss_mib()
    if a.dump:
        n_unique = len(corpus.articles("train", a.corpus))
        a.dump.parent.mkdir(parents=True, exist_ok=True)
        a.dump.write_text(json.dumps([to_spans(r) for r in out[:n_unique]]))
    print(json.dumps(res))


if __name__ == "__main__":
    main()
