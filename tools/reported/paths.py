"""Where the training pipeline reads and writes.

The shared PolNeAR data is read at training time only, from ../shared next to the
repository (override with NAMEDROP_SHARED). Intermediate files (tokenised corpora,
crfsuite models) hold corpus text, so they live outside the repository, in
NAMEDROP_REPORTED_CACHE (default /tmp/namedrop-reported). The only output that enters
the repository is data/model/reported.bin (weights, no strings of the corpus).
"""
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("NAMEDROP_SHARED", os.path.join(REPO, "..", "shared"))
CACHE = os.environ.get("NAMEDROP_REPORTED_CACHE", "/tmp/namedrop-reported")
MODEL_BIN = os.path.join(REPO, "data", "model", "reported.bin")


def shared_available():
    return os.path.isdir(os.path.join(SHARED, "data", "polnear")) and os.path.isdir(
        os.path.join(SHARED, "tools"))


def require_shared():
    """Exit with a clear message (status 0: a skip, not a failure) when ../shared is absent."""
    if not shared_available():
        print(f"SKIP: the shared PolNeAR data is not at {SHARED} (set NAMEDROP_SHARED)")
        sys.exit(0)
    tools = os.path.join(SHARED, "tools")
    if tools not in sys.path:
        sys.path.insert(0, tools)


def cache(name):
    os.makedirs(CACHE, exist_ok=True)
    return os.path.join(CACHE, name)
