#!/usr/bin/env bash
# Rebuild data/lexicon.fst from Debian's hunspell-kk dictionary (expanded with unmunch)
# and running text: the seeds in corpus/raw, the real acts in ../shared/real and the
# laws in ../shared/laws, and the tuning acts of tests/real/acts (set = tune in its
# sources.tsv: a held-out act must not lend its words to the parser that is scored on it).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v unmunch >/dev/null || [ ! -f /usr/share/hunspell/kk_KZ.dic ]; then
  apt-get update -qq && apt-get install -y -qq hunspell-kk hunspell-tools
fi
tmp=$(mktemp -d)
unmunch /usr/share/hunspell/kk_KZ.dic /usr/share/hunspell/kk_KZ.aff 2>/dev/null > "$tmp/words.txt"
texts=(corpus/raw/*.txt)
[ -d ../shared/real ] && texts+=(../shared/real/*.kaz.md)
[ -d ../shared/laws ] && while IFS= read -r f; do texts+=("$f"); done < <(find ../shared/laws -name 'kaz*.md' | sort)
while IFS= read -r nn; do texts+=("tests/real/acts/$nn.kaz.md"); done < <(awk -F'\t' 'NR > 1 && $10 == "tune" { print $1 }' tests/real/acts/sources.tsv)
cargo run --release --example build_lexicon -- "$tmp/words.txt" data/lexicon.fst "${texts[@]}"
rm -rf "$tmp"
