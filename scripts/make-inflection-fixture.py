#!/usr/bin/env python3
"""Make the inflection fixture: forms of the lemmas in lemmas.txt from qazaq-inflector.

qazaq-inflector 0.5.0 (MIT, PyPI) is an independent rule-based inflector; only its
output is kept, as data (reference.tsv). lemmas.tsv notes how often each lemma occurs
(all forms) in the bundled corpus and the first file where it does.
Run: scripts/make-inflection-fixture.sh
"""
import collections, glob, os, re, sys

from qazaq_inflector import QazaqNameInflector

from inflection_reference import paradigm

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "inflection")

def corpus_texts():
    files = sorted(glob.glob(os.path.join(ROOT, "corpus", "raw", "*.txt")))
    files += sorted(glob.glob(os.path.join(ROOT, "tests", "real", "*.md")))
    return [(os.path.relpath(f, ROOT), open(f, encoding="utf-8").read().lower()) for f in files]

def read_lemmas():
    seen = []
    for line in open(os.path.join(OUT, "lemmas.txt"), encoding="utf-8"):
        if not line.startswith("#"):
            seen += [w for w in line.split() if w not in seen]
    return seen

def main():
    words = read_lemmas()
    texts = corpus_texts()
    tokens = collections.Counter()
    first = {}
    for name, text in texts:
        for t in re.findall(r"[а-яәғқңөұүһіё]+", text):
            tokens[t] += 1
            first.setdefault(t, name)
    # Forms begin with the lemma, or with it less its last letter (тармағы, халқы).
    stats = {}
    for w in words:
        hits = [(t, n) for t, n in tokens.items() if t.startswith(w) or (len(w) > 3 and t.startswith(w[:-1]) and len(t) > len(w))]
        stats[w] = (sum(n for _, n in hits), min((first[t] for t, _ in hits), default="-"))
    lemmas = words
    q = QazaqNameInflector(strict=True)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "lemmas.tsv"), "w", encoding="utf-8") as f:
        f.write("# lemma\tcorpus count (all forms)\tfirst file with a form of it, or -\n")
        for w in lemmas:
            f.write(f"{w}\t{stats[w][0]}\t{stats[w][1]}\n")
    with open(os.path.join(OUT, "reference.tsv"), "w", encoding="utf-8") as f:
        f.write("# lemma\tnumber\tpossessive\tcase\tform (qazaq-inflector 0.5.0)\n")
        for w in lemmas:
            for number, poss, code, form in paradigm(q, w):
                f.write(f"{w}\t{number}\t{poss}\t{code}\t{form}\n")
    print(f"{len(lemmas)} lemmas, {len(lemmas) * 28} forms → {OUT}", file=sys.stderr)

if __name__ == "__main__":
    main()
