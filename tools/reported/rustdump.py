"""Run the Rust example binary `reported_dump` over texts (built on demand)."""
import json
import os
import subprocess

from paths import REPO

TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
BIN = os.path.join(TARGET, "release", "examples", "reported_dump")


def build():
    subprocess.run(["cargo", "build", "--release", "--quiet", "--example", "reported_dump"],
                   cwd=REPO, check=True)


def dump(texts, features=False):
    # always through cargo (a no-op when the binary is current): a binary left from an
    # older checkout compared old Rust with new Python and reported false mismatches
    build()
    args = [BIN] + (["--features"] if features else [])
    out = subprocess.run(args, input=json.dumps(texts), capture_output=True, text=True, check=True)
    return json.loads(out.stdout)
