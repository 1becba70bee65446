"""Token features for the attribution tagger (all computable from text + lexicons + namedrop)."""
import os
import re

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LEX = os.path.join(REPO, "data", "lexicon")


def _words(path, col=0):
    out = {}
    for line in open(path, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        out[cols[0].lower()] = cols[1] if len(cols) > 1 else "1"
    return out


def _grammar(path):
    classes, cur = {}, None
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("["):
            cur = line.strip("[]")
            continue
        classes.setdefault(line.lower(), []).append(cur)
    return classes


CUES = _words(f"{LEX}/cues.tsv")
CUE1 = {k: v for k, v in CUES.items() if " " not in k}
CUEMW = {tuple(k.split()): v for k, v in CUES.items() if " " in k}
PRON = _words(f"{LEX}/pronouns.tsv")
TITLES = _words(f"{LEX}/titles.tsv")
ROLES = _words(f"{LEX}/roles.tsv")
GRAM = _grammar(f"{LEX}/grammar.txt")
STOP = _words(f"{LEX}/stopwords.txt")
MINED = _words(f"{LEX}/mined_cues.tsv")
BIGRAMS = True
REPORTED = _grammar(f"{LEX}/reported.txt")  # word -> its classes, as GRAM
SUBJ_PRON = {w for w, classes in REPORTED.items() if "subject_pronouns" in classes}


def shape(w):
    s = re.sub("[A-Z]+", "X", w)
    s = re.sub("[a-z]+", "x", s)
    s = re.sub("[0-9]+", "d", s)
    return s[:4]


def bucket(d):
    if d is None:
        return "none"
    if d <= 3:
        return str(d)
    if d <= 6:
        return "4-6"
    if d <= 12:
        return "7-12"
    return "13+"


def sentences(words):
    """sentence id per token (heuristic: . ! ? followed by capital/quote, not after title/initial)."""
    sid, out = 0, []
    n = len(words)
    for i, w in enumerate(words):
        out.append(sid)
        if w in (".", "!", "?") and i + 1 < n:
            prev = words[i - 1].lower() + "." if i else ""
            nxt = words[i + 1]
            if prev in TITLES or (i and len(words[i - 1]) == 1 and words[i - 1].isupper()):
                continue
            if nxt[:1].isupper() or nxt in "“\"‘'":
                sid += 1
        elif w in ("”", '"') and i and words[i - 1] in (".", "!", "?") and i + 1 < n and words[i + 1][:1].isupper():
            sid += 1
    return out


def para_features(text, toks, ents, quotes):
    """toks: list of (s, e) of one paragraph. ents/quotes: doc-level lists. -> list of feature lists."""
    words = [text[s:e] for s, e in toks]
    low = [w.lower() for w in words]
    n = len(words)
    sent = sentences(words)
    # lexicon flags
    cue = []
    for w in low:
        c = CUE1.get(w) or MINED.get(w)
        cue.append(c)
    # multi-word cues
    mw = [None] * n
    for i in range(n):
        for k, v in CUEMW.items():
            L = len(k)
            if tuple(low[i:i + L]) == k:
                for j in range(i, i + L):
                    mw[j] = ("B" if j == i else "I") + v
    # entity labels per token
    ent = [None] * n
    for s, e, lab, src in ents:
        first = True
        for i, (ts, te) in enumerate(toks):
            if ts < e and te > s:
                ent[i] = ("B-" if first else "I-") + lab + ":" + src
                first = False
    inq = [None] * n
    for qs, qe, kind, *_ in quotes:
        for i, (ts, te) in enumerate(toks):
            if ts >= qs and te <= qe:
                inq[i] = kind
    # long-range: distance to the nearest cue word left / right within the sentence
    cue_any = [bool(cue[i] or mw[i]) for i in range(n)]
    left, right = [None] * n, [None] * n
    last, lsent = None, -1
    for i in range(n):
        if sent[i] != lsent:
            last, lsent = None, sent[i]
        left[i] = i - last if last is not None else None
        if cue_any[i]:
            last = i
    last, lsent = None, -1
    for i in range(n - 1, -1, -1):
        if sent[i] != lsent:
            last, lsent = None, sent[i]
        right[i] = last - i if last is not None else None
        if cue_any[i]:
            last = i
    # commas since sentence start, position in sentence, "that" after cue
    comma, pos, that_after = [0] * n, [0] * n, [False] * n
    c, p, ta, lsent = 0, 0, False, -1
    for i in range(n):
        if sent[i] != lsent:
            c, p, ta, lsent = 0, 0, False, sent[i]
        comma[i], pos[i], that_after[i] = c, p, ta
        if low[i] in (",", ";", "—", "–", ":"):
            c += 1
        if low[i] == "that" and left[i] is not None and left[i] <= 4:
            ta = True
        p += 1
    sent_len = {}
    for s in sent:
        sent_len[s] = sent_len.get(s, 0) + 1
    feats = []
    for i in range(n):
        w, lw = words[i], low[i]
        f = ["b", "w=" + lw, "sh=" + shape(w), "s3=" + lw[-3:], "s2=" + lw[-2:], "p2=" + lw[:2]]
        if w[:1].isupper():
            f.append("cap")
        if cue[i]:
            f.append("cue=" + cue[i])
        if mw[i]:
            f.append("mw=" + mw[i])
        if lw in PRON:
            f.append("pron")
        if lw in TITLES or lw + "." in TITLES:
            f.append("title")
        if lw in ROLES:
            f.append("role")
        for g in GRAM.get(lw, ()):
            f.append("g=" + g)
        if ent[i]:
            f.append("ent=" + ent[i])
            f.append("entb=" + ent[i][:2] + ent[i].split(":")[0][2:])
        if inq[i]:
            f.append("inq=" + inq[i])
        f.append("cl=" + bucket(left[i]))
        f.append("cr=" + bucket(right[i]))
        f.append("cm=" + str(min(comma[i], 3)))
        f.append("pos=" + bucket(pos[i]))
        f.append("rem=" + bucket(sent_len[sent[i]] - pos[i] - 1))
        if that_after[i]:
            f.append("thatafter")
        if pos[i] == 0:
            f.append("sstart")
        if i + 1 == n or sent[i + 1] != sent[i]:
            f.append("send")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f.append(f"w{d}=" + low[j])
                if cue_any[j]:
                    f.append(f"cue{d}")
                if ent[j]:
                    f.append(f"ent{d}=" + ent[j].split(":")[0][2:])
                if low[j] in PRON:
                    f.append(f"pron{d}")
                f.append(f"sh{d}=" + shape(words[j]))
            else:
                f.append(f"w{d}=<pad>")
        if BIGRAMS and i > 0:
            f.append("bg-=" + low[i - 1] + "|" + lw)
        if BIGRAMS and i + 1 < n:
            f.append("bg+=" + lw + "|" + low[i + 1])
        f.append("cl_cue=" + bucket(left[i]) + ("|c" if cue_any[i] else ""))
        feats.append(f)
    return feats, sent


def doc_features(doc):
    """-> list of paragraphs: (token indices, features, sentence ids)"""
    text, toks = doc["text"], doc["toks"]
    paras = {}
    for i, (_s, _e, p) in enumerate(toks):
        paras.setdefault(p, []).append(i)
    out = []
    for _p, idx in sorted(paras.items()):
        ptoks = [(toks[i][0], toks[i][1]) for i in idx]
        f, sent = para_features(text, ptoks, doc["ents"], doc["quotes"])
        out.append((idx, f, sent))
    return out
