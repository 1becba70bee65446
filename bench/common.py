"""Shared helpers for the bench scripts: locating ../shared and the bench cache."""

from __future__ import annotations

import os
from pathlib import Path

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
