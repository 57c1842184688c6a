#!/usr/bin/env bash
# Regenerate tests/fixtures/inflection/{lemmas,reference,heldout}.tsv with qazaq-inflector 0.5.0
# in a throwaway virtualenv (needs hunspell-kk for the lemma list).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f /usr/share/hunspell/kk_KZ.dic ] || { apt-get update -qq && apt-get install -y -qq hunspell-kk; }
venv=$(mktemp -d)
python3 -m venv "$venv"
"$venv/bin/pip" install -q qazaq-inflector==0.5.0
"$venv/bin/python" scripts/make-inflection-fixture.py
"$venv/bin/python" scripts/make-heldout-nouns.py
rm -rf "$venv"
