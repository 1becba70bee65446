"""Systems for the shared PolNeAR scorers (``--system polnear_systems:NAME``).

    PYTHONPATH=tools python ../shared/tools/polnear_eval.py --split dev \\
        --system polnear_systems:direct
    python ../shared/tools/polnear_attrib_eval.py --split dev   # built-in: every kind

The scorers' built-in ``namedrop`` system predicts every quote whose kind is not
"other". polnear_eval.py scores quoted speech only, so for it ``direct`` runs the
default extractor (reported speech on, as users run it) and leaves out the
``indirect`` quotes: they are judged by polnear_attrib_eval.py. ``quoted_only`` runs
with ``indirect=False`` (the stage off), to show that turning it on moves no quote.
"""
from __future__ import annotations

from collections.abc import Iterable

Prediction = tuple[int, int, "int | None", "int | None"]


def _predict(texts: Iterable[str], skip: set[str], **options: bool) -> list[list[Prediction]]:
    import namedrop as nd

    ex = nd.Extractor(nd.Gazetteer.default(), **options)
    out = []
    for doc in ex.pipe(list(texts)):
        preds = []
        for q in doc.quotes:
            if q.kind in skip:
                continue
            sp = q.speaker
            preds.append((q.start, q.end, sp.start if sp else None, sp.end if sp else None))
        out.append(preds)
    return out


def direct(texts: Iterable[str]) -> list[list[Prediction]]:
    """Quoted speech of the default extractor (kinds other than other and indirect)."""
    return _predict(texts, {"other", "indirect"})


def quoted_only(texts: Iterable[str]) -> list[list[Prediction]]:
    """Quoted speech with the reported-speech stage off."""
    return _predict(texts, {"other"}, indirect=False)


def indirect(texts: Iterable[str]) -> list[list[Prediction]]:
    """The reported-speech items alone."""
    return _predict(texts, {"other", "direct", "partial", "continuation"})
