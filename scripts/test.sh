#!/usr/bin/env bash
# The one test command: builds the extension into an isolated venv inside the repo
# (.venv, ignored by git), installs the test extra, and runs every check.
# Works on a machine that has only Rust and Python 3.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
export VIRTUAL_ENV="$PWD/.venv"
export PATH="$VIRTUAL_ENV/bin:$PATH"
# One interpreter for every pyo3 build (maturin, clippy), so pyo3 is built once.
export PYO3_PYTHON="$VIRTUAL_ENV/bin/python"

step() { printf '\n==> %s\n' "$*"; }

step "install maturin and the test extra"
python -m pip install -q --disable-pip-version-check "maturin>=1.5,<2"
maturin develop --quiet --extras test

step "code size (files <= 700 lines, functions <= 80, median <= 300)"
python tools/check_code_size.py
step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy (core, and with the python feature)"
cargo clippy --all-targets -- -D warnings
cargo clippy --lib --features python -- -D warnings
step "cargo test (core, no Python)"
cargo test --quiet
step "cargo doc (intra-doc links)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet
step "fuzz targets: a short seeded run of each (fuzz/README.md)"
# cargo-fuzz runs on the stable toolchain with RUSTC_BOOTSTRAP=1; installed once (a
# few minutes), skipped when present so a cached ~/.cargo keeps it.
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi
fuzz_corpus=$(mktemp -d)
for target in ndg extract loaders; do
    mkdir -p "$fuzz_corpus/$target"
    log="$fuzz_corpus/$target.log"
    if ! (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -s none "$target" \
        "$fuzz_corpus/$target" "seeds/$target" -- \
        -seed=1 -max_total_time=15 -timeout=10 -max_len=4096 -print_final_stats=1 >"$log" 2>&1); then
        tail -n 40 "$log"
        echo "fuzz target $target failed: the input is in fuzz/artifacts/$target/"
        exit 1
    fi
    echo "$target: $(grep -E '^stat::number_of_executed_units' "$log" || true)"
done
rm -rf "$fuzz_corpus"
step "ruff"
ruff check python tests bench scripts tools
step "mypy stubtest"
python -m mypy.stubtest namedrop._core
step "pytest"
python -m pytest -q tests python/namedrop --doctest-modules
