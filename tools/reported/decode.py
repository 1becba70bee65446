"""Tag sequence -> attribution items (content span, speaker span)."""

from paths import require_shared

require_shared()
import polnear_eval as pe  # noqa: E402


def spans_of(tags):
    """-> list of (role, i, j) token runs (j exclusive)."""
    out, cur = [], None
    for i, t in enumerate([*tags, "O"]):
        if t == "O" or t.startswith("B-") or (cur and t[2:] != cur[0]):
            if cur:
                out.append((cur[0], cur[1], i))
                cur = None
        if t != "O" and cur is None:
            cur = [t[2:], i]
    return out


MERGE_GAP = 0
SIDE = False


def merge_runs(runs, tags, sent):
    """join CON runs of one sentence separated by <= MERGE_GAP tokens that are all O."""
    out = []
    for r in runs:
        if (MERGE_GAP and out and r[0] == out[-1][0] and r[0].startswith("CON") and sent[r[1]] == sent[out[-1][1]]
                and r[1] - out[-1][2] <= MERGE_GAP and all(t == "O" for t in tags[out[-1][2]:r[1]])):
            out[-1] = ("CON", out[-1][1], r[2])
        else:
            out.append(r)
    return out


SENTCUT = 1
QCUT = 0  # cutting content at a quote it runs into: tried, -0.03 e2e (those runs frame direct quotes)


def cut(r, sent):
    """a content run over a sentence boundary keeps the sentence where it starts
    (CONb, content before its cue: where it ends)."""
    role, i, j = r
    if not role.startswith("CON") or sent[i] == sent[j - 1]:
        return r
    if role == "CONb":
        k = j - 1
        while k > i and sent[k - 1] == sent[j - 1]:
            k -= 1
        return (role, k, j)
    k = i + 1
    while k < j and sent[k] == sent[i]:
        k += 1
    return (role, i, k)


def pair(tags, sent, cand=None, fallback=True, low=None):
    """-> list of (con_i, con_j, src_i|None, src_j|None, cue_i|None). `low`: the tokens'
    lowercase forms (the fallback source is taken only for a cue `far_subject_cue` accepts)."""
    runs = merge_runs(spans_of(tags), tags, sent)
    if SENTCUT:
        runs = [cut(r, sent) for r in runs]
    cons = [r for r in runs if r[0].startswith("CON")]
    cues = [r for r in runs if r[0] == "CUE"]
    srcs = [r for r in runs if r[0] == "SRC"]
    out = []

    def dist(a, b):  # token gap between runs
        if a[2] <= b[1]:
            return b[1] - a[2]
        if b[2] <= a[1]:
            return a[1] - b[2]
        return 0

    for c in cons:
        s_c = sent[c[1]]
        side = c[0][3:]
        if SIDE and side:
            sc_ = [q for q in cues if sent[q[1]] == s_c and ((q[1] < c[1]) == (side == "a"))]
        else:
            sc_ = []
        cands = sc_ or [q for q in cues if abs(sent[q[1]] - s_c) <= 0]
        if not cands:
            cands = [q for q in cues if abs(sent[q[1]] - s_c) <= 1]
        cue = min(cands, key=lambda q: dist(q, c)) if cands else None
        anchor = cue or c
        # the source run of the anchor's own sentence only (decode.rs `pair`): one from a
        # neighbouring sentence was the source in 5 of 187 cases (PolNeAR train)
        sc = [s for s in srcs if sent[s[1]] == sent[anchor[1]]]
        src = min(sc, key=lambda s: (dist(s, anchor), s[1] > anchor[1])) if sc else None
        if src is None and fallback and cand is not None and cue and far_subject_cue(low, cue):
            # nearest source-like token (pronoun, role noun, person/org mention) before the cue
            # in the sentence, outside the content; else after it
            a0 = anchor[1]
            ks = [k for k in range(len(tags)) if cand[k] and sent[k] == sent[a0] and not (c[1] <= k < c[2])]
            if ks:
                k = min(ks, key=lambda k: (k > a0, abs(k - a0)))
                src = ("SRC", k, k + 1)
        out.append((c[0], c[1], c[2], src[1] if src else None, src[2] if src else None, cue[1] if cue else None))
    if low is not None:
        out = split_coordinated(out, low)
    return [p[1:] for p in out]


FALLBACK = True


LISTED_TIERS = ("speech", "communication", "written")  # cues.tsv's (`Lex::listed_cue`)


def split_coordinated(pairs, low):
    """`decode::split_coordinated`: paired content after its cue (CONa) that runs on into
    a second verb phrase ("... and predicted that ...", a one-word cue of cues.tsv after
    "and"/"but") is cut before the opener (a comma before it dropped); the first part
    keeps its cue and source, the words after the second cue become an item of that cue
    with the same source. `pairs`: (role, con_i, con_j, src_i, src_j, cue_i)."""
    out = []
    for p in pairs:
        while p[0] == "CONa":
            _, i, j, si, sj, cue = p
            k = next((k for k in range(i + 1, j - 2)
                      if low[k] in SECOND_VP and feats.CUE1.get(low[k + 1]) in LISTED_TIERS), None)
            if k is None:
                break
            end = k - 1 if low[k - 1] == "," else k
            if end > i:
                out.append(("CONa", i, end, si, sj, cue))
            p = ("CONa", k + 2, j, si, sj, k + 1)
        out.append(p)
    return out


def far_subject_cue(low, cue):
    """`items::far_subject_cue`: a cue in a second verb phrase ("... and said") or a
    participle after a comma or dash (", saying"), whose subject can be far from it."""
    i = cue[1]
    if i == 0:
        return False
    before = low[i - 1]
    return (before in (",", "—", "–") and low[i].endswith("ing")) or before in SECOND_VP


FILTER = 1
# data/lexicon/reported.txt, as feats reads it (imported here: feats does not import decode)
import feats  # noqa: E402

FUNC = {w for w, classes in feats.REPORTED.items() if "lone_function_words" in classes}
SECOND_VP = {w for w, classes in feats.REPORTED.items() if "second_verb_phrase_openers" in classes}


def drop(text, toks, idx, ci, cj, cue):
    """drop content runs that cannot be content: a lone function word or punctuation (FILTER>=1);
    no cue in reach (FILTER>=2)."""
    words = [text[toks[idx[k]][0]:toks[idx[k]][1]].lower() for k in range(ci, cj)]
    real = [w for w in words if w[0].isalnum()]
    if not real or (len(real) == 1 and real[0] in FUNC):
        return True
    if FILTER >= 2 and cue is None:
        return True
    return False


def source_candidates(doc, idx):
    text, toks = doc["text"], doc["toks"]
    out = []
    ents = doc["ents"]
    for i in idx:
        s, e, _ = toks[i]
        w = text[s:e].lower()
        ok = w in feats.SUBJ_PRON or w in feats.ROLES
        if not ok:
            for a, b, lab, _src in ents:
                if a < e and b > s and lab in ("PERSON", "ORG", "NORP", "GPE"):
                    ok = True
                    break
        out.append(ok)
    return out


# `reported::MAX_WORDS_OUTSIDE_QUOTES`: a paragraph with at most this many words outside
# quoted spans is a quotation with a short attribution, left untagged
MAX_WORDS_OUTSIDE_QUOTES = 4


def quoted_through(doc, idx, limit=MAX_WORDS_OUTSIDE_QUOTES):
    """`context::quoted_through`: at most `limit` words of the paragraph's tokens `idx`
    lie outside quoted spans (spans of kind "other" do not count)."""
    text, toks = doc["text"], doc["toks"]
    spans = [(q[0], q[1]) for q in doc.get("quotes", []) if q[2] != "other"]
    outside = 0
    for k in idx:
        s, e = toks[k][0], toks[k][1]
        if not (text[s].isalnum() or text[s] == "_"):
            continue
        if any(qs <= s and e <= qe for qs, qe in spans):
            continue
        outside += 1
        if outside > limit:
            return False
    return True


def items(doc, para_tags, paras, regions=None, keep_quoted=False, fallback=None):
    if fallback is None:
        fallback = FALLBACK
    """para_tags: list (per paragraph) of tag lists; paras from feats.doc_features.
    -> [(cs, ce, ss, se)] char offsets; content overlapping double-quoted regions dropped."""
    text, toks = doc["text"], doc["toks"]
    if regions is None:
        regions = pe.quote_regions(text)
    out = []
    for (idx, _, sent), tags in zip(paras, para_tags, strict=False):
        if quoted_through(doc, idx):
            continue
        cand = source_candidates(doc, idx) if fallback else None
        low = [text[toks[k][0]:toks[k][1]].lower() for k in idx]
        for ci, cj, si, sj, cue in pair(list(tags), sent, cand, fallback, low):
            cs, ce = toks[idx[ci]][0], toks[idx[cj - 1]][1]
            if FILTER and drop(text, toks, idx, ci, cj, cue):
                continue
            s, e = pe.normalise(text, cs, ce)
            if not keep_quoted and any(min(e, qe) > max(s, qs) for qs, qe in regions):
                # content running into a quotation: keep the part before the first quote (QCUT)
                first = min((qs for qs, qe in regions if min(e, qe) > max(s, qs)), default=None)
                if not QCUT or first is None or first <= s:
                    continue
                cs, ce = s, first
                s, e = pe.normalise(text, cs, ce)
                # also drop a trailing ", and when pressed ..., X replied," part: cut at the last ", " + conjunction
                seg = text[s:e]
                for pat in (", and ", ", but ", "; "):
                    k = seg.rfind(pat)
                    if k > 0:
                        e = s + k
                        break
                if e - s < 3 or any(min(e, qe) > max(s, qs) for qs, qe in regions):
                    continue
                ce = e
            ss = toks[idx[si]][0] if si is not None else None
            se = toks[idx[sj - 1]][1] if si is not None else None
            out.append((cs, ce, ss, se))
    return out
