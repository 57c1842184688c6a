#!/usr/bin/env bash
# Rebuild data/lexicon.fst from Debian's hunspell-kk dictionary (expanded with unmunch)
# and the bundled corpus (seeds in corpus/raw and the real acts in ../shared/real).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v unmunch >/dev/null || [ ! -f /usr/share/hunspell/kk_KZ.dic ]; then
  apt-get update -qq && apt-get install -y -qq hunspell-kk hunspell-tools
fi
tmp=$(mktemp -d)
unmunch /usr/share/hunspell/kk_KZ.dic /usr/share/hunspell/kk_KZ.aff 2>/dev/null > "$tmp/words.txt"
texts=(corpus/raw/*.txt)
[ -d ../shared/real ] && texts+=(../shared/real/*.kaz.md)
cargo run --release --example build_lexicon -- "$tmp/words.txt" data/lexicon.fst "${texts[@]}"
rm -rf "$tmp"
