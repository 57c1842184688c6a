#!/usr/bin/env python3
"""Derive the EXPECTED structure of a Kazakh law or code from its corpus Markdown.

Written apart from qujat (it never runs or imports it), for issue 12's tests: it reads
only the Markdown markup of a kazakhstan-law `kaz.md` and writes `expected.json`.

Usage:
    python3 scripts/law_expected.py LAW_DIR_OR_KAZ_MD... [-o OUT.json]   # print or write
    python3 scripts/law_expected.py corpus/laws --out-dir tests/laws      # OUT/<act>/expected.json
    python3 scripts/law_expected.py --check corpus/laws --out-dir tests/laws   # compare, write nothing

Standard library only.

Rules (how the corpus marks a law, and how they are read)
--------------------------------------------------------
* Everything before the first level-1 heading (``# Title``) is the table of contents:
  skipped. The ``#`` heading is the title.
* Headings (``##`` to ``####``, any indent):
  - ``N-БӨЛІМ`` (any case) or ``ЖАЛПЫ БӨЛІМ`` / ``ЕРЕКШЕ БӨЛІМ``: a section;
  - ``N-тарау``: a chapter;
  - ``N-параграф``: a division (параграф of a code);
  - ``N-бап.`` / ``N-M-бап.`` then the heading: an article. Nothing else is one.
* A paragraph that is all bold, ``**N-бап. Heading**``, is an article heading too (laws of
  2021 on print their articles so, after the ``<a id="stN">`` anchor, with no ``#``).
* Between the title and the first heading: the preamble (plain paragraphs).
* Inside an article, paragraphs (after ``<a id>`` anchors and markup are removed):
  - ``N.`` / ``N-M.`` at the start: a clause (тармақ; бөлік in a code);
  - ``N)`` / ``N-M)``: a subclause of the clause before it, or of the article when no
    clause came yet;
  - a ``>`` quote starting ``Ескерту.`` (in ``*…*`` or not): an amendment note of the
    article (counted, never text); each date followed by ``№``/``N`` and a number in it
    is an amending act (``note_acts``);
  - anything else: an unnumbered paragraph of the article (counted in order; before the
    first clause it is the article's lead).
* An editorial remark of the database: a paragraph that is only ``РҚАО-ның ескертпесі!``
  or ``Ескертпе!`` (emphasized or not), with the paragraph after it: a note (counted as
  the article's, never text).
* A unit whose text (after its label) starts with ``алып тасталды`` or ``күші жойылды``
  is repealed. An article is repealed when its body is only notes saying so
  ("Ескерту. 16-бап алып тасталды …").
* Emphasized paragraphs (``*…*`` or ``**…**``) that end the last article
  (``*Қазақстан Республикасының*`` ``*Президенті Н. Назарбаев*``) are the signatures.
* Notes before the first article (on the title or the preamble) are the law's.
* An article's ``text`` is all its paragraphs (lead, clauses, subclauses, unnumbered),
  markup stripped, whitespace collapsed, notes left out.
"""

import json
import re
import sys
from pathlib import Path

ANCHOR_RE = re.compile(r'<a id="[^"]*"></a>')
HEADING_RE = re.compile(r'^\s*(#{1,6})\s+(.*?)\s*#*\s*$')
SECTION_RE = re.compile(r'^(\d+\s*-\s*БӨЛІМ|ЖАЛПЫ\s+БӨЛІМ|ЕРЕКШЕ\s+БӨЛІМ)\b', re.IGNORECASE)
CHAPTER_RE = re.compile(r'^(\d+(?:-\d+)?)\s*-\s*тарау\b', re.IGNORECASE)
DIVISION_RE = re.compile(r'^(\d+(?:-\d+)?)\s*-\s*параграф\b', re.IGNORECASE)
ARTICLE_RE = re.compile(r'^(\d+(?:-\d+)*)\s*-\s*бап\.?\s*(.*)$')
CLAUSE_RE = re.compile(r'^(\d+(?:-\d+)*)\\?\.\s+(.*)$')
SUBCLAUSE_RE = re.compile(r'^(\d+(?:-\d+)*)\\?\)\s*(.*)$')
NOTE_RE = re.compile(r'^\*?\s*Ескерту\s*[.:-]')
REMARK_RE = re.compile(r'^(?:\S+\s+ескертпесі|Ескертпе)\s*!$', re.IGNORECASE)
BOLD_ARTICLE_RE = re.compile(r'^\*\*\s*\d+(?:-\d+)*\s*-\s*бап\b.*\*\*$')
REPEALED_RE = re.compile(r'^(алып\s+тасталды|күші\s+жойылды)', re.IGNORECASE)
# An act named in a note: a date (day or year first, dotted, or "2004 жылғы 11 мамырдағы"),
# then "№" or "N" and a number.
NOTE_ACT_RE = re.compile(
    r'(?:\b\d{1,2}\.\d{1,2}\.\d{4}|\b\d{4}\.\d{1,2}\.\d{1,2}|\b\d{4}\s*жылғы\s+\d{1,2}\s+[^\W\d]+)'
    r'\.?\s*(?:ж\.|жылғы)?\s*(?:№|N)\s*\d')


def strip_markup(s):
    s = ANCHOR_RE.sub('', s)
    s = s.replace('**', '').replace('\\', '')
    s = re.sub(r'(?<!\w)\*|\*(?!\w)', '', s)
    return re.sub(r'\s+', ' ', s).strip()


def paragraphs(lines):
    """Markdown paragraphs: (kind, text) with kind 'heading:N', 'quote' or 'para'."""
    out, buf, kind = [], [], None

    def flush():
        nonlocal buf, kind
        if buf:
            out.append((kind, ' '.join(buf)))
        buf, kind = [], None

    for raw in lines:
        line = ANCHOR_RE.sub('', raw).rstrip()
        if not line.strip():
            flush()
            continue
        m = HEADING_RE.match(line)
        if m:
            flush()
            out.append(('heading:%d' % len(m.group(1)), m.group(2)))
            continue
        s = line.strip()
        k = 'quote' if s.startswith('>') else 'para'
        if k == 'quote':
            s = s.lstrip('>').strip()
        if kind is not None and kind != k:
            flush()
        kind = k
        buf.append(s)
    flush()
    return out


def read_law(text):
    lines = text.split('\n')
    start = next((i for i, l in enumerate(lines) if re.match(r'^#\s+\S', l)), None)
    if start is None:
        raise ValueError('no "# Title" line')
    law = {'title': strip_markup(lines[start][1:]), 'preamble': [], 'notes': 0, 'sections': [],
           'chapters': [], 'divisions': [], 'articles': [], 'signatures': []}
    art = None
    clause = None
    remark = False
    for kind, raw in paragraphs(lines[start + 1:]):
        t = strip_markup(raw)
        if not t:
            continue
        if remark:
            remark = False
            continue
        if REMARK_RE.match(t):
            remark = True
            if art is None:
                law['notes'] += 1
            else:
                art['notes'] += 1
            continue
        if kind == 'para' and BOLD_ARTICLE_RE.match(raw.strip()):
            kind = 'heading:0'
        if kind.startswith('heading'):
            m = ARTICLE_RE.match(t)
            if m:
                art = {'num': m.group(1), 'heading': m.group(2).strip(), 'clauses': [],
                       'subclauses': [], 'paragraphs': 0, 'notes': 0, 'note_acts': 0,
                       'repealed': False,
                       'text': []}
                law['articles'].append(art)
                clause = None
                continue
            for key, rx in (('sections', SECTION_RE), ('chapters', CHAPTER_RE),
                            ('divisions', DIVISION_RE)):
                if rx.match(t):
                    law[key].append(t)
                    break
            continue
        if kind == 'quote' and NOTE_RE.match(t):
            if art is None:
                law['notes'] += 1
            else:
                art['notes'] += 1
                art['note_acts'] += len(NOTE_ACT_RE.findall(t))
                m = re.search(r'(\d+(?:-\d+)*)-бап\s+(алып\s+тасталды|күші\s+жойылды)', t)
                if m and m.group(1) == art['num'] and not art['text']:
                    art['repealed'] = True
            continue
        emphasized = re.match(r'^\*[^*].*\*$|^\*\*.*\*\*$', raw) is not None
        if art is None and NOTE_RE.match(t):
            law['notes'] += 1
            continue
        if art is None:
            law['preamble'].append(t)
            continue
        art['text'].append(t)
        m = CLAUSE_RE.match(t)
        if m:
            clause = {'num': m.group(1), 'subclauses': [],
                      'repealed': bool(REPEALED_RE.match(m.group(2)))}
            art['clauses'].append(clause)
            art['trailing_emphasis'] = 0
            continue
        m = SUBCLAUSE_RE.match(t)
        if m:
            sub = {'num': m.group(1), 'repealed': bool(REPEALED_RE.match(m.group(2)))}
            (clause['subclauses'] if clause is not None else art['subclauses']).append(sub)
            art['trailing_emphasis'] = 0
            continue
        art['paragraphs'] += 1
        art['trailing_emphasis'] = art.get('trailing_emphasis', 0) + 1 if emphasized else 0
    # The signatures: the emphasized paragraphs that end the last article.
    if law['articles']:
        last = law['articles'][-1]
        k = last.pop('trailing_emphasis', 0)
        if k:
            law['signatures'] = last['text'][-k:]
            del last['text'][-k:]
            last['paragraphs'] -= k
    for a in law['articles']:
        a.pop('trailing_emphasis', None)
        a['text'] = re.sub(r'\s+', ' ', ' '.join(a['text'])).strip()
    return law


def kaz_of(path):
    p = Path(path)
    return p / 'kaz.md' if p.is_dir() else p


def main(argv):
    check = '--check' in argv
    argv = [a for a in argv if a != '--check']
    out = None
    out_dir = None
    if '--out-dir' in argv:
        i = argv.index('--out-dir')
        out_dir = Path(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    if '-o' in argv:
        i = argv.index('-o')
        out = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    bad = 0
    for arg in argv:
        roots = [Path(arg)]
        if Path(arg).is_dir() and not (Path(arg) / 'kaz.md').exists():
            roots = sorted(d for d in Path(arg).iterdir() if (d / 'kaz.md').exists())
        for root in roots:
            law = read_law(kaz_of(root).read_text(encoding='utf-8'))
            js = json.dumps(law, ensure_ascii=False, indent=1) + '\n'
            if out_dir is not None:
                target = out_dir / root.name / 'expected.json'
                target.parent.mkdir(parents=True, exist_ok=True)
            else:
                target = Path(out) if out else (root / 'expected.json' if root.is_dir() else None)
            if check:
                if target is None or not target.exists() or target.read_text(encoding='utf-8') != js:
                    print('differs:', target)
                    bad += 1
            elif target is None:
                sys.stdout.write(js)
            else:
                target.write_text(js, encoding='utf-8')
            n = law['articles']
            print('%-40s articles %4d clauses %5d notes %4d repealed %3d' % (
                root.name[:40], len(n), sum(len(a['clauses']) for a in n),
                sum(a['notes'] for a in n), sum(a['repealed'] for a in n)), file=sys.stderr)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
