"""namedrop `ex.entities_frame(texts)` rows/s vs the same DataFrame built from objects.

The object path runs `ex.pipe(texts)` and makes one row per `doc.entities` Mention
(doc_id, start, end, text, label, entity_id, name) into `pandas.DataFrame`; both paths use
the default thread count. The Extractor is the matcher benchmark's (case="insensitive",
no linking, discovery or quotes) so that the frame-building cost is visible; --full uses
the default pipeline. The two frames must be equal.

Run:  bench/.venv-peers/bin/python bench/frames.py [--mb 20] [--full]
"""

from __future__ import annotations

import argparse
import json
import time

import corpus
from common import namedrop_extractor_or_skip, rss_mib

COLUMNS = ["doc_id", "start", "end", "text", "label", "entity_id", "name"]


def frame_from_objects(ex, texts: list[str]):
    import pandas as pd

    rows = [
        (i, m.start, m.end, m.text, m.label, m.entity_id, m.name)
        for i, doc in enumerate(ex.pipe(texts))
        for m in doc.entities
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--system", default="namedrop", choices=["namedrop"])
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--full", action="store_true", help="default Extractor (quotes, linking)")
    a = ap.parse_args()
    ex = namedrop_extractor_or_skip(a.system, a.full, "entities_frame")
    import pandas  # noqa: F401  (imported before timing: neither path pays for it)

    texts = corpus.cycled(a.mb)
    ex.entities_frame(texts[:20])  # warm-up of both paths
    frame_from_objects(ex, texts[:20])
    timings = {}
    for name, fn in (
        ("frame", lambda: ex.entities_frame(texts)),
        ("objects", lambda: frame_from_objects(ex, texts)),
    ):
        t0 = time.perf_counter()
        df = fn()
        timings[name] = (time.perf_counter() - t0, df)
    (tf, df_f), (to, df_o) = timings["frame"], timings["objects"]
    same = df_f[COLUMNS].reset_index(drop=True).astype(object).equals(df_o.astype(object))
    print(
        json.dumps(
            {
                "system": a.system,
                "rows": len(df_f),
                "frame_s": tf,
                "objects_s": to,
                "frame_rows_per_s": len(df_f) / tf,
                "objects_rows_per_s": len(df_o) / to,
                "ratio": to / tf,
                "frames_equal": bool(same),
                "full": a.full,
                "rss_peak_mib": rss_mib(),
            }
        )
    )


if __name__ == "__main__":
    main()
