"""A `--system` for the shared scorers: namedrop's direct quotes (Rust core, default
gazetteer) plus the Rust reported-speech tagger's items.

    PYTHONPATH=tools/reported python ../shared/tools/polnear_attrib_eval.py --split dev \\
        --system ndrust:extract
(`ndrust:indirect_only`: the reported-speech items alone.)
"""
from rustdump import dump


def _run(texts, direct=True, indirect=True):
    out = []
    for d in dump(list(texts)):
        preds = [tuple(it) for it in d["items"]] if indirect else []
        if direct:
            preds += [(q[0], q[1], q[3], q[4]) for q in d["quotes"] if q[2] != "other"]
        out.append(sorted(preds, key=lambda p: p[0]))
    return out


def extract(texts):
    return _run(texts)


def indirect_only(texts):
    return _run(texts, direct=False)
