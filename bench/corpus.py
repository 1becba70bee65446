"""The benchmark corpus: PolNeAR articles, read from ../shared at run time, never copied.

`articles(split)` lists one split's articles (sorted by file name); `cycled(mb)` repeats
the train articles, whole, until they reach `mb` million UTF-8 bytes (default 20).

Run:  python bench/corpus.py [--mb 20]   (prints the corpus size)
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from common import shared_dir


def polnear_dir(split: str = "train") -> Path:
    return shared_dir() / "data" / "polnear" / split / "text"


def articles(split: str = "train", folder: Path | None = None) -> list[str]:
    folder = folder or polnear_dir(split)
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no articles under {folder} (set --corpus or NAMEDROP_SHARED)")
    return [p.read_text(encoding="utf-8") for p in paths]


def cycled(mb: float = 20.0, folder: Path | None = None) -> list[str]:
    """Train articles repeated in order until their UTF-8 size reaches `mb` * 10^6 bytes.

    Every repeat is a distinct str object, so no per-object cache (such as CPython's
    cached UTF-8 form, which PyO3 reads) carries over from one pass to the next.
    """
    out: list[str] = []
    total, limit = 0, int(mb * 1_000_000)
    for a in itertools.cycle(articles("train", folder)):
        if total >= limit:
            break
        out.append((a + " ")[:-1])
        total += len(a.encode("utf-8"))
    return out


def nbytes(texts: list[str]) -> int:
    return sum(len(t.encode("utf-8")) for t in texts)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--corpus", type=Path, default=None)
    a = ap.parse_args()
    texts = cycled(a.mb, a.corpus)
    print(f"{len(texts)} articles, {nbytes(texts) / 1e6:.2f} MB")
