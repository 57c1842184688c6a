#!/usr/bin/env python3
"""Make the held-out noun fixture (tests/fixtures/inflection/heldout.tsv).

Lemmas are chosen mechanically, never by looking at our output:
- a hunspell-kk entry with the noun flags (ABbCc…), three letters or more;
- not an entry that is another word plus an inflectional ending (hunspell-kk lists some
  inflected forms as entries: округтардың, бабы, алаңдары), nor a participle (-ған,
  -атын), a pronoun or numeral, or a word's tail that the text printed apart (лер, мет:
  a short word printed twenty times as often as the end of longer words);
- not in lemmas.txt (the tuning fixture), and not a word anywhere in src/lang (its
  tables and unit tests: a lemma the rules were written or tested on is not held out);
- used as a noun in the running text: forms of it with endings of at least two of the
  genitive, dative, plural and possessive are printed there, read either back or front
  (so that a loan the reference reads wrongly is not dropped);
- printed as a word at least twice in the running text of the repository's real acts,
  laws and seeds (the vocabulary of legal text), the 500 most frequent.
Each lemma is in the set `aside` when the first byte of its SHA-1 is below 86 (a third),
else `tune`. Forms come from qazaq-inflector 0.5.0 (MIT, PyPI), as in reference.tsv.
The judge of disagreements is heldout-attested.tsv: for each lemma, the words that
begin with its stem in two sources the language layer never reads for its decisions —
hunspell-kk's own expansion (unmunch), an independent morphology, and the running text
of tests/laws-heldout, which the lexicon's counts leave out (scripts/build-lexicon.sh).
Run: scripts/make-inflection-fixture.sh (it runs this script too).
"""
import collections, glob, hashlib, os, re, subprocess, sys

from qazaq_inflector import QazaqNameInflector

from inflection_reference import paradigm

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "inflection")
DIC = "/usr/share/hunspell/kk_KZ.dic"
NOUN_FLAGS = "ABbCcDdEeFfGgHhIiJjKkLl"
ENDINGS = """уы уі дары дері тары тері лары лері лар лер ы і сы сі дың тың ның дің тің нің ға ге қа ке на не да де та те нда нде дан ден тан тен нан нен
мен бен пен лар лер дар дер тар тер ы і сы сі ын ін ны ні ды ді ты ті""".split()
PARTICIPLE = tuple("ған ген қан кен атын етін йтын йтін".split())
NOT_NOUNS = set("олар өздері әрқайсысы бір бар жоқ кім мен сен біз сіз".split())
DEVOICED = {"ғ": "қ", "г": "к", "б": "п"}
COUNT = 500
MIN_COUNT = 2


def running_text():
    files = sorted(glob.glob(os.path.join(ROOT, "tests", "real", "acts", "*.kaz.md")))
    files += sorted(glob.glob(os.path.join(ROOT, "corpus", "laws", "**", "kaz*.md"), recursive=True))
    files += sorted(glob.glob(os.path.join(ROOT, "corpus", "raw", "*.txt")))
    files += sorted(glob.glob(os.path.join(ROOT, "tests", "laws-heldout", "**", "*.md"), recursive=True))
    tokens, hyphenated = collections.Counter(), collections.Counter()
    for f in files:
        # Old acts type і and ү as Latin i and y (spec/kazakh.md): read them as Cyrillic.
        text = open(f, encoding="utf-8").read().lower().translate(LOOKALIKE)
        tokens.update(re.findall(r"[а-яәғқңөұүһіё]+", text))
        hyphenated.update(re.findall(r"(?<=[\w-])[-‐–](?:[а-яәғқңөұүһіё]+)", text))
    hyphenated = collections.Counter({k[1:]: n for k, n in hyphenated.items()})
    return tokens, hyphenated


def nouns(tokens, hyphenated):
    entries, every = set(), set()
    for line in open(DIC, encoding="utf-8-sig"):
        word, _, flags = line.strip().partition("/")
        every.add(word)
        if flags == NOUN_FLAGS and len(word) >= 3 and re.fullmatch(r"[а-яәғқңөұүһіё]+", word):
            entries.add(word)
    def stem_known(stem):
        if len(stem) < 2:
            return False
        variants = {stem, stem[:-1] + DEVOICED.get(stem[-1], stem[-1]), stem + stem[-1]}
        if stem[-1] in "ыі":
            variants.add(stem[:-1])
        variants |= {stem[:-1] + v + stem[-1] for v in "ыіұү"}  # мүлкі: мүлік
        return any(v in every or tokens[v] >= 3 for v in variants)

    inflected = {w for w in entries for e in ENDINGS if w.endswith(e) and stem_known(w[: -len(e)])}
    vowels = set("аәеиоөұүыіэюяё")
    def word_like(w):
        return w[0] in vowels or w[1] in vowels or w[1] in "рл"
    tails = collections.Counter()
    for t, n in tokens.items():
        for k in range(3, 6):
            if len(t) > k:
                tails[t[-k:]] += n

    def whole(w):
        return hyphenated[w] * 2 < tokens[w] and (len(w) > 5 or tails[w] < 20 * tokens[w])
    return {
        w for w in entries - inflected
        if word_like(w) and whole(w) and not w.endswith(PARTICIPLE) and w not in NOT_NOUNS
    }


CATEGORIES = [
    "ның нің дың дің тың тің".split(),
    "ға ге қа ке на не".split(),
    "лар лер дар дер тар тер".split(),
    "ы і сы сі".split(),
]
LOOKALIKE = str.maketrans("iyaeopcx", "іүаеорсх")
VOICED = {"қ": "ғ", "к": "г", "п": "б"}


def used_as_noun(w, tokens):
    stems = {w, w[:-1] + VOICED.get(w[-1], w[-1])}
    hits = sum(any(tokens[s + e] for s in stems for e in cat) for cat in CATEGORIES)
    return hits >= 2


def tuned():
    seen = set()
    for line in open(os.path.join(OUT, "lemmas.txt"), encoding="utf-8"):
        if not line.startswith("#"):
            seen.update(line.split())
    for f in glob.glob(os.path.join(ROOT, "src", "lang", "*.rs")):
        seen.update(re.findall(r"[а-яәғқңөұүһіё]+", open(f, encoding="utf-8").read().lower()))
    return seen


def stems(w):
    """Where a form of w can begin: w less its last letter (тармағы, балы), or for a short
    word w itself and w with a voiced end (бағы); and w less its last vowel (қаупі)."""
    out = {w[:-1]} if len(w) >= 4 else {w, w[:-1] + VOICED.get(w[-1], w[-1])}
    vowels = [i for i, c in enumerate(w) if c in "аәеиоөұүыіэюяё"]
    if len(vowels) >= 2 and vowels[-1] >= len(w) - 2:
        i = vowels[-1]
        out.add(w[:i] + w[i + 1:])
    return out


def unseen_words():
    """hunspell-kk's expansion and the held-out laws' words: (word → source letters)."""
    words = collections.defaultdict(set)
    out = subprocess.run(["unmunch", DIC, DIC.replace(".dic", ".aff")], capture_output=True, check=True).stdout
    for w in out.decode("utf-8", "replace").split():
        words[w.lower()].add("h")
    for f in glob.glob(os.path.join(ROOT, "tests", "laws-heldout", "**", "*.md"), recursive=True):
        text = open(f, encoding="utf-8").read().lower().translate(LOOKALIKE)
        for w in re.findall(r"[а-яәғқңөұүһіё]+", text):
            words[w].add("l")
    return words


def main():
    tokens, hyphenated = running_text()
    skip = tuned()
    candidates = [w for w in nouns(tokens, hyphenated) if w not in skip and tokens[w] >= MIN_COUNT and used_as_noun(w, tokens)]
    candidates.sort(key=lambda w: (-tokens[w], w))
    lemmas = sorted(candidates[:COUNT])
    q = QazaqNameInflector(strict=True)
    rows = 0
    with open(os.path.join(OUT, "heldout.tsv"), "w", encoding="utf-8") as f:
        f.write("# lemma\tnumber\tpossessive\tcase\tform (qazaq-inflector 0.5.0)\tset\tlemma count in running text\n")
        for w in lemmas:
            group = "aside" if hashlib.sha1(w.encode()).digest()[0] < 86 else "tune"
            for number, poss, code, form in paradigm(q, w):
                f.write(f"{w}\t{number}\t{poss}\t{code}\t{form}\t{group}\t{tokens[w]}\n")
                rows += 1
    unseen = unseen_words()
    with open(os.path.join(OUT, "heldout-attested.tsv"), "w", encoding="utf-8") as f:
        f.write("# lemma\tword beginning with its stem\tsources: h = hunspell-kk unmunch, l = tests/laws-heldout text\n")
        by_prefix = collections.defaultdict(list)
        for x in unseen:
            by_prefix[x[:3]].append(x)
        for w in lemmas:
            for word in sorted(x for x in by_prefix[w[:3]] if any(x.startswith(p) and len(x) - len(p) <= 9 for p in stems(w))):
                f.write(f"{w}\t{word}\t{''.join(sorted(unseen[word]))}\n")
    print(f"{len(lemmas)} lemmas, {rows} forms → heldout.tsv, heldout-attested.tsv", file=sys.stderr)


if __name__ == "__main__":
    main()
