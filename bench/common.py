"""Shared helpers for the bench scripts: locating ../shared and the bench cache."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CACHE = HERE / ".cache"


def shared_dir() -> Path:
    """The project's ../shared: $NAMEDROP_SHARED, else ../shared beside the repo.

    A git worktree under /work/wt/NAME also finds /work/shared (two levels up).
    """
    env = os.environ.get("NAMEDROP_SHARED")
    if env:
        return Path(env)
    for cand in (REPO.parent / "shared", REPO.parent.parent / "shared"):
        if cand.is_dir():
            return cand
    return REPO.parent / "shared"


def rss_mib() -> float:
    """This process's peak RSS so far, in MiB (Linux reports KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def namedrop_extractor_or_skip(system: str, full: bool, needs: str) -> Any:
    """namedrop's Extractor on the benchmark gazetteer: the default pipeline when
    ``full``, else the matcher benchmark's options (case-insensitive, linking,
    discovery and quotes off). Prints a "skipped" record and exits with status 3 when
    namedrop or its method ``needs`` is missing, so run.py reports the system pending."""
    try:
        import namedrop as nd

        g = nd.Gazetteer.from_file(str(CACHE / "aliases.jsonl"))
        opts = {} if full else dict(case="insensitive", link=False, discover=False, quotes=False)
        ex = nd.Extractor(g, **opts)
        getattr(ex, needs)
    except (ImportError, AttributeError) as e:
        print(json.dumps({"system": system, "skipped": f"{type(e).__name__}: {e}"}))
        sys.exit(3)
    return ex
