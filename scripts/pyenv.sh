#!/usr/bin/env bash
# pyenv.sh: create (once) and print the path of the Python interpreter of a
# virtualenv holding tools/python/requirements.txt. The virtualenv lives in
# the user's cache, keyed by the requirements' hash, so a second run costs
# nothing and pip's own cache serves the downloads.
#
#   py=$(bash scripts/pyenv.sh) && "$py" tools/python/check_x.py ...
set -euo pipefail
cd "$(dirname "$0")/.."
req=tools/python/requirements.txt
hash=$(sha256sum "$req" | cut -c1-12)
dir="${XDG_CACHE_HOME:-$HOME/.cache}/actorgraph/pyenv-$hash"
if [ ! -x "$dir/bin/python" ] || [ ! -f "$dir/.complete" ]; then
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  python3 -m venv "$dir" >&2
  "$dir/bin/pip" install --quiet --disable-pip-version-check -r "$req" >&2
  touch "$dir/.complete"
fi
echo "$dir/bin/python"
