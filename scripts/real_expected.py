#!/usr/bin/env python3
"""Derive the EXPECTED clause structure of a Kazakh legal act from its Markdown.

This reader is deliberately independent of qujat: it looks only at the
Markdown markup of the kaz.md files of the kazakhstan-law corpus (as copied
into tests/real/acts/NNN.kaz.md) and writes NNN.expected.json next to each.

Usage:
    python3 scripts/real_expected.py tests/real/acts            # all NNN.kaz.md
    python3 scripts/real_expected.py tests/real/acts/101.kaz.md # one file
    python3 scripts/real_expected.py --check tests/real/acts    # compare, do not write

Standard library only.

Rules (how the corpus marks things, and how they are read)
---------------------------------------------------------

Line classes (checked in this order):

* Fenced blocks (```` ``` ```` ... ```` ``` ````) are forms, lists of members
  or chapter headings. A fenced line whose text matches the chapter pattern
  (see below) is a chapter heading; every other fenced line is ignored.
* HTML tables (``<table>`` ... ``</table>``, possibly with ``<pre>`` inside)
  are ignored; they end the current clause.
* ``<a id="..."></a>`` anchor lines are ignored.
* Headings: a line that, after leading spaces, starts with 1-6 ``#`` and a
  space. A heading made only of ``_``/``-``/spaces is junk and ignored (it
  still ends the current clause).
* Blockquotes: lines starting with ``>``. Consecutive ``>`` lines form a
  block. A block whose text starts with ``Ескерту.`` / ``Ескерту -`` (after
  markup is stripped) is an amendment note; a block starting with
  ``Ескерту:`` is a footnote (e.g. under a table); a block starting with
  ``РҚАО`` (and the blocks right after it) is an editorial note. An approval
  visa is a block starting with ``«КЕЛІСІЛДІ»`` / ``КЕЛІСІЛДІ``, a block
  preceded by a plain ``КЕЛІСІЛДІ`` line, or a block right after a visa that
  has no stamp word. Any other block containing a stamp word (``бекіт``, ``мақұлдан``,
  ``қосымша``, ``нысан``) is a stamp (``... бекітілген``, ``... қосымша``,
  ``Нысан``); a block without one (e.g. an address box inside a form) is
  ignored (it ends the current clause).
* Signature lines: a whole line wrapped in ``**...**`` or ``*...*``
  (possibly indented), e.g. ``**Министр**``, ``*Премьер-Министрі*``.
* Clause lines: an unindented line ``N. text`` or ``N\\. text`` where N is
  ``1`` or ``1-1`` (digits joined by hyphens). A clause whose text is only
  underscores/punctuation, or contains a run of five or more underscores
  (``1. Тегі, аты ______``), is a blank form field, not a clause: its number
  goes to the part's ``form_items``.
* Subclause lines: a line (indented or not) ``N) text`` or ``N\\) text`` (the
  corpus escapes some) with N like ``1``, ``6-1``, ``12-3``. It belongs to the preceding clause of the same part; if
  the part has no clause yet it is recorded as an orphan subclause (lists in
  attachments such as ``3-қосымша``).
* Plain stamps: a plain unindented line ``N-қосымша`` (or ``қосымша``), or a
  short plain line ending in ``... N-қосымша`` (or ``N қосымша``, act 727, or ``Ережеге қосымша`` without a number, 952) or ``... бекітілген`` (any
  indent) right before a heading or a table or under three or more short plain lines (914), and the run of short plain paragraphs (<= 60 chars, not ending with
  ``.``, same indent) directly before it (older acts write the stamp without
  ``>``).
* Anything else is a plain paragraph.

Parts:

* Part 0 is the act itself; its title is the first ``#`` heading.
* A stamp block or plain stamp makes an attachment "pending"; the next
  heading that is not junk starts a new part whose title is that heading.
  A chapter heading seen while an attachment is pending starts an untitled
  part, and so does a clause ``1.`` right after a stamp when the stamp follows
  the act's clauses (an attachment without a title line, e.g. a list of
  repealed decisions). Any other clause line clears the pending state
  (blockquotes before the act's first clause are not stamps).
* A stamp that is followed by content (a plain paragraph, table or fence)
  but by no heading before the next stamp or the end of the text still
  starts a part (a form or table without a ``##`` title, e.g. ``2-қосымша``
  ``нысан`` + ``БНАЖ электрондық тізілімі`` + table); its title is the first
  plain paragraph after the stamp (or ``null``).
* Every ``#`` (level-1) heading after the act title starts a new part, even
  without a stamp.
* A part whose stamp ends with the marker word ``Нысан`` is a form: its
  numbered lines ``N.`` are form items (recorded in ``form_items``), not
  clauses, and ``N)`` lines in it are ignored. (Forms stamped only
  ``N-қосымша`` whose numbered lines are all blanks end up the same way.)
* After the act's own signatures (bold lines), a heading of any level that is
  not a chapter, article or параграф starts a part: an attachment printed without
  a stamp (a convention, 807; a form, 502).
* A clause ``1.`` in a part that already has clauses starts a new untitled
  part (numbering restart = new attachment); such parts have
  ``"implicit": true``. Not after a chapter or an article heading (``N-бап``),
  though: some attachments number their clauses per chapter, and a convention or
  a law numbers them per article (act 807).
* Two appendix stamps in a row whose numbers differ (``1-қосымша Нысан`` then
  ``2-қосымша``) are two parts; the first has no content (in the source it is
  an image).
* The part's ``stamp`` is the last group of stamp blocks (or plain stamp
  lines) seen before the part heading (blocks separated only by blank lines,
  underscore rules, visas or marker lines belong to one group), plus a plain
  ``Нысан`` marker line after them; visas (``КЕЛІСІЛДІ`` blocks and the
  minister blocks right after them) and notes are dropped; lines are joined
  with one space. ``null`` when there is none (always for part 0).
* Headings inside a part that are not part titles: chapter headings go to
  ``chapters`` (``1-тарау. ...``, ``1 тарау. ...``, ``1 – тарау. ...``, ``3-Тарау. ...`` and
  numbered sections ``1. Жалпы ережелер`` or ``1 . Жалпы ережелер`` in ``##``/``###`` headings),
  ``N-параграф. ...`` headings go to ``paragraphs``, other headings (e.g.
  ``Куәлік``, ``ӨТІНІШ``-like sub-titles) go to ``subheadings``. A part title
  that ends with `` 1. Xxx`` (a chapter merged into the title line, as in
  some 2011 acts) is split: the tail becomes the first chapter.

Clause text:

* A clause spans its own line and the following paragraphs up to the next
  clause, heading, stamp, table, fence, signature line or part boundary:
  indented continuation paragraphs, unindented unnumbered paragraphs (old
  acts break paragraphs of one clause that way) and its subclauses with
  their own continuation lines.
* ``text`` is all paragraphs of the span joined with one space; ``lead`` is
  the clause's first paragraph only. The clause number itself is not part of
  the text.
* Markup stripped: ``>`` quote markers, ``**``, ``*``, ``\\``, leading ``#``;
  whitespace collapsed to single spaces. Underscore-only lines and anchors
  are dropped.
* Amendment notes, footnotes and editorial notes are never clause text; they
  are counted per part in ``notes`` (amendment notes), ``footnotes`` and
  ``editorial_notes``. A note between an attachment's stamp and its title
  (``Ескерту. 1-қосымша жаңа редакцияда ...``) is counted in that
  attachment, not in the part before it.

Output (NNN.expected.json): ``{"title": ..., "parts": [...]}``; each part has
``title``, ``stamp``, ``implicit``, ``clauses`` (``num``, ``text``, ``lead``,
``subclauses``), ``chapters``, ``paragraphs``, ``subheadings``,
``orphan_subclauses``, ``form_items``, ``notes``, ``footnotes``,
``editorial_notes``. Part 0 is the act itself.

Limits (known): the reader trusts the Markdown. A clause written as a plain
paragraph without ``N.`` is not seen, nor is ``6.Ұлты`` (no space after the
dot); gaps in numbering (e.g. a source that skips clause 5) are kept as they
are; text inside tables and fenced forms is not analysed (except fenced
chapter headings); nested sub-subclauses (``а)``, ``-`` bullets) are only
clause text; deleted clauses (``20. Алынып тасталды - ...``) are ordinary
clauses; a stamp that is neither a blockquote with a stamp word nor a plain
run ending in ``N-қосымша`` is not seen; an untitled attachment that starts
neither with a stamp nor with a clause ``1.`` is merged into the part before
it; text is not normalised (Latin homoglyphs such as ``i``/``o``/``p`` in
Kazakh words stay as they are).
"""

import json
import os
import re
import sys

CLAUSE_RE = re.compile(r'^(\d+(?:-\d+)*)\\?\.\s+(.*)$')
SUBCLAUSE_RE = re.compile(r'^(\d+(?:-\d+)*)\\?\)\s*(.*)$')
HEADING_RE = re.compile(r'^\s*(#{1,6})\s+(.*?)\s*#*\s*$')
# "1-бап", "7-2-бап": an article heading (a convention or a law attached to an act);
# clause numbering restarts under each article, as under a chapter.
ARTICLE_RE = re.compile(r'^\d+(-\d+)?\s*-\s*бап\b')
CHAPTER_RE = re.compile(r'^\d+\s*[-–—]?\s*[тТ]арау\b')
SECTION_RE = re.compile(r'^\d+ ?\.\s+\S')
PARAGRAPH_RE = re.compile(r'^\d+\s*-?\s*параграф\b', re.IGNORECASE)
ANCHOR_RE = re.compile(r'^\s*<a\s+id="[^"]*"\s*>\s*</a>\s*$')
PLAIN_STAMP_END_RE = re.compile(r'^(\d+-)?қосымша\.?$', re.IGNORECASE)
APPENDIX_NO_RE = re.compile(r'(\d+)\s*-\s*қосымша(?:\s+нысан)?\.?$', re.IGNORECASE)
PLAIN_STAMP_TAIL_RE = re.compile(r'(\s(\d+\s*-?\s*)?қосымша|\sбекітілген|\sбекітілді)\.?$', re.IGNORECASE)
MERGED_TITLE_RE = re.compile(r'^(.*\S)\s+(1\.\s+\S.{0,80})$')
VISA_RE = re.compile(r'^«?келісілді»?\.?$', re.IGNORECASE)
JUNK_RE = re.compile(r'^[\s_\-–—.]*$')


def strip_markup(s):
    """Drop quote markers, emphasis, escapes, heading marks; collapse spaces."""
    s = s.strip()
    while s.startswith('>'):
        s = s[1:].lstrip()
    s = re.sub(r'^#{1,6}\s+', '', s)
    s = s.replace('**', '').replace('*', '').replace('\\', '')
    return re.sub(r'\s+', ' ', s).strip()


def note_kind(text):
    """Classify a stripped text: 'note', 'footnote', 'editorial' or None."""
    if re.match(r'^Ескерту\s*:', text):
        return 'footnote'
    if re.match(r'^Ескерту\b', text):
        return 'note'
    if text.startswith('РҚАО'):
        return 'editorial'
    return None


def is_signature(raw):
    s = raw.strip()
    return bool(re.match(r'^\*\*.+\*\*$', s) or re.match(r'^\*[^*].*\*$', s))


def tokenize(text):
    """Turn the Markdown into a list of items (dicts) with a 'kind'."""
    lines = text.split('\n')
    items = []
    i = 0
    n = len(lines)
    while i < n:
        raw = lines[i]
        s = raw.strip()
        if s.startswith('```'):
            j = i + 1
            while j < n and not lines[j].strip().startswith('```'):
                t = strip_markup(lines[j])
                if CHAPTER_RE.match(t):
                    items.append({'kind': 'chapter_fenced', 'text': t, 'line': j})
                j += 1
            items.append({'kind': 'fence', 'line': i})
            i = j + 1
            continue
        if s.startswith('<table'):
            j = i
            while j < n and '</table>' not in lines[j]:
                j += 1
            items.append({'kind': 'table', 'line': i})
            i = j + 1
            continue
        if not s:
            items.append({'kind': 'blank', 'line': i})
            i += 1
            continue
        if ANCHOR_RE.match(raw):
            i += 1
            continue
        m = HEADING_RE.match(raw)
        if m:
            t = strip_markup(m.group(2))
            kind = 'junk_heading' if JUNK_RE.match(t) else 'heading'
            items.append({'kind': kind, 'level': len(m.group(1)), 'text': t, 'line': i})
            i += 1
            continue
        if s.startswith('>'):
            block = []
            j = i
            while j < n and lines[j].strip().startswith('>'):
                t = strip_markup(lines[j])
                if t:
                    block.append(t)
                j += 1
            items.append({'kind': 'quote', 'lines': block, 'indent': raw != raw.lstrip(), 'line': i})
            i = j
            continue
        indent = len(raw) - len(raw.lstrip(' '))
        if is_signature(raw):
            items.append({'kind': 'signature', 'text': strip_markup(raw), 'line': i})
            i += 1
            continue
        t = strip_markup(raw)
        if indent == 0:
            m = CLAUSE_RE.match(s)
            if m:
                body = strip_markup(m.group(2))
                if JUNK_RE.match(body) or '_____' in body:
                    items.append({'kind': 'formfield', 'num': m.group(1), 'line': i})
                else:
                    items.append({'kind': 'clause', 'num': m.group(1), 'text': body, 'line': i})
                i += 1
                continue
        m = SUBCLAUSE_RE.match(s)
        if m:
            items.append({'kind': 'subclause', 'num': m.group(1),
                          'text': strip_markup(m.group(2)), 'line': i})
            i += 1
            continue
        if JUNK_RE.match(t):
            items.append({'kind': 'rule', 'line': i})
            i += 1
            continue
        kind = note_kind(t)
        if kind:
            items.append({'kind': 'plain_' + kind, 'text': t, 'line': i})
            i += 1
            continue
        items.append({'kind': 'para', 'text': t, 'indent': indent, 'line': i})
        i += 1
    classify_quotes(items)
    mark_plain_stamps(items)
    return items


STAMP_WORD_RE = re.compile(r'(бек[іi]т|мақұлдан|қосымша|нысан)', re.IGNORECASE)


def classify_quotes(items):
    """Split blockquote items into notes, editorial notes, visas and stamps.

    Also turns the plain marker lines ``Нысан`` and ``КЕЛІСІЛДІ`` into
    'marker' items.
    """
    prev = None  # previous non-blank item
    for it in items:
        if it['kind'] == 'blank':
            continue
        if it['kind'] == 'para' and it['indent'] == 0 and (
                it['text'].rstrip('.') == 'Нысан' or VISA_RE.match(it['text'])):
            it['kind'] = 'marker'
            it['visa'] = bool(VISA_RE.match(it['text']))
        elif it['kind'] == 'quote':
            first = it['lines'][0] if it['lines'] else ''
            text = ' '.join(it['lines'])
            k = note_kind(first)
            if k == 'editorial' or (k is None and prev is not None and prev['kind'] == 'editorial'
                                    and not STAMP_WORD_RE.search(text)):
                it['kind'] = 'editorial'
            elif k in ('note', 'footnote'):
                it['kind'] = k
            elif VISA_RE.match(first) or (prev is not None and prev['kind'] == 'marker'
                                          and prev.get('visa')):
                it['kind'] = 'visa'
            elif prev is not None and prev['kind'] == 'visa' and not STAMP_WORD_RE.search(text):
                it['kind'] = 'visa'
            elif STAMP_WORD_RE.search(text):
                it['kind'] = 'stamp'
            else:
                it['kind'] = 'quote_other'
        prev = it


def next_kind(items, idx):
    """The kind of the first non-blank item after items[idx]."""
    for it in items[idx + 1:]:
        if it['kind'] != 'blank':
            return it['kind']
    return None


def plain_stamp_end(items, idx):
    """'1-қосымша' alone and unindented, or a short '... ережесіне 2-қосымша' or
    '... бұйрығымен бекітілген' line (any indent) that a heading or a table follows."""
    it = items[idx]
    if it['kind'] != 'para':
        return False
    if it['indent'] == 0 and PLAIN_STAMP_END_RE.match(it['text']):
        return True
    if len(it['text']) > 60 or PLAIN_STAMP_TAIL_RE.search(it['text']) is None:
        return False
    if next_kind(items, idx) in ('heading', 'table'):
        return True
    # (Stacked over three or more short lines of its indent: only an appendix stamp.)
    return APPENDIX_NO_RE.search(it['text']) is not None and short_run_before(items, idx) >= 3


def short_run_before(items, idx):
    """How many short plain paragraphs (<= 60 chars, not ending with '.') stand right
    before items[idx]: a stamp stacked over several lines (act 914's '... ережелеріне
    2-қосымша' over a plain form title)."""
    n = 0
    j = idx - 1
    while j >= 0 and items[j]['kind'] in ('blank', 'para'):
        p = items[j]
        if p['kind'] == 'para':
            if len(p['text']) > 60 or p['text'].endswith('.') or p['indent'] != items[idx]['indent']:
                break
            n += 1
        j -= 1
    return n


def mark_plain_stamps(items):
    """Old acts: '... ережесiне' / '1-қосымша' written as plain paragraphs."""
    for idx, it in enumerate(items):
        if plain_stamp_end(items, idx):
            run = [idx]
            j = idx - 1
            while j >= 0:
                p = items[j]
                if p['kind'] == 'blank':
                    j -= 1
                    continue
                if (p['kind'] == 'para' and p['indent'] == it['indent'] and len(p['text']) <= 60
                        and not p['text'].endswith('.')):
                    run.append(j)
                    j -= 1
                    continue
                break
            run.reverse()
            lines = [items[k]['text'] for k in run]
            for k in run:
                items[k]['kind'] = 'plain_stamp_line'
            it['kind'] = 'plain_stamp'
            it['lines'] = lines


def new_part(title, stamp, implicit=False):
    return {'title': title, 'stamp': stamp, 'implicit': implicit, 'clauses': [],
            'chapters': [], 'paragraphs': [], 'subheadings': [], 'orphan_subclauses': [],
            'form_items': [],
            'notes': 0, 'footnotes': 0, 'editorial_notes': 0}


def split_merged_title(title):
    m = MERGED_TITLE_RE.match(title)
    if m and not SECTION_RE.match(title):
        return m.group(1), m.group(2)
    return title, None


def parse(text):
    items = tokenize(text)
    title = None
    start = 0
    for idx, it in enumerate(items):
        if it['kind'] == 'heading':
            title = it['text']
            start = idx + 1
            break
    parts = [new_part(title, None)]
    part = parts[0]
    clause = None          # current clause dict (with 'paras')
    chapters_at_clause = 0  # chapter and article headings seen at the last clause
    signed = False  # the act's own signatures have been seen
    heads = 0  # chapter and article headings seen so far (numbering restarts under each)
    pending = False        # a stamp was seen; next heading starts a part
    stamp_acc = []         # lines of the stamp group seen last
    prev_kind = None       # kind of the previous non-blank item
    held = {'notes': 0, 'footnotes': 0, 'editorial_notes': 0}  # notes after a stamp
    pending_title = None   # first plain paragraph after a stamp without a heading
    pending_content = False  # something other than stamps/notes followed the stamp

    def close_clause():
        nonlocal clause
        if clause is not None:
            clause['text'] = re.sub(r'\s+', ' ', ' '.join(clause.pop('paras'))).strip()
            clause = None

    def take_stamp():
        nonlocal pending, stamp_acc, pending_title, pending_content
        st = ' '.join(stamp_acc) if (pending and stamp_acc) else None
        pending = False
        stamp_acc = []
        pending_title = None
        pending_content = False
        return st

    def release(target):
        # notes held back while an attachment was pending go to `target`
        for key in held:
            target[key] += held[key]
            held[key] = 0

    def start_part(title, implicit=False):
        nonlocal part
        part = new_part(title, take_stamp(), implicit)
        parts.append(part)
        release(part)
        return part

    def is_form(p):
        # the stamp ends with the marker word ``Нысан`` (not a mere mention)
        return bool(p['stamp'] and re.search(r'(^|\s)нысан\.?$', p['stamp'], re.IGNORECASE))

    for idx in range(start, len(items)):
        it = items[idx]
        k = it['kind']
        if k == 'blank':
            continue
        pk, prev_kind = prev_kind, k
        note_key = {'note': 'notes', 'plain_note': 'notes', 'footnote': 'footnotes',
                    'plain_footnote': 'footnotes', 'editorial': 'editorial_notes',
                    'plain_editorial': 'editorial_notes'}.get(k)
        if note_key:
            (held if pending else part)[note_key] += 1
            if pending:
                prev_kind = pk  # a note does not break a stamp group
            continue
        if k in ('stamp', 'plain_stamp'):
            close_clause()
            if pending and pending_content:
                # the previous stamp had no heading: an untitled attachment
                # (a form or table) whose title is its first plain paragraph
                start_part(pending_title)
            elif pending and stamp_acc and pk in ('stamp', 'plain_stamp', 'visa', 'marker', 'rule'):
                # two appendix stamps in a row with different numbers: the first
                # appendix is empty (an image in the source), a part of its own
                a = APPENDIX_NO_RE.search(' '.join(stamp_acc))
                b = APPENDIX_NO_RE.search(' '.join(it['lines']))
                if a and b and a.group(1) != b.group(1):
                    start_part(None)
            if not (pending and pk in ('stamp', 'plain_stamp', 'visa', 'marker', 'rule')):
                stamp_acc = []
                release(part)
            stamp_acc += it['lines']
            pending = True
            continue
        if k == 'marker' and pending and not it.get('visa'):
            stamp_acc.append(it['text'])
            continue
        if k == 'formfield' or (k == 'clause' and is_form(part) and not pending):
            # numbered blank of a form (``1. Тегі ______``) or any numbered
            # line inside a part stamped ``Нысан``: a form item, not a clause
            close_clause()
            if pending:
                pending_content = True
            else:
                part['form_items'].append(it['num'])
            continue
        if k in ('table', 'fence') and pending:
            pending_content = True
        if k == 'signature' and part is parts[0] and part['clauses']:
            signed = True
        if k in ('visa', 'marker', 'plain_stamp_line', 'signature', 'table', 'fence',
                 'junk_heading', 'rule', 'quote_other'):
            close_clause()
            continue
        if k == 'chapter_fenced':
            close_clause()
            heads += 1
            if pending:
                start_part(None)
            part['chapters'].append(it['text'])
            continue
        if k == 'heading':
            close_clause()
            t = it['text']
            is_chapter = bool(CHAPTER_RE.match(t) or SECTION_RE.match(t))
            is_par = bool(PARAGRAPH_RE.match(t))
            if is_chapter or ARTICLE_RE.match(t):
                heads += 1
            after_act = signed and part is parts[0]
            if (pending or it['level'] == 1 or after_act) and not is_chapter and not is_par \
                    and not ARTICLE_RE.match(t):
                ptitle, merged = split_merged_title(t)
                start_part(ptitle)
                if merged:
                    part['chapters'].append(merged)
                    heads += 1
                continue
            if pending and (is_chapter or is_par):
                start_part(None)
            if is_chapter:
                part['chapters'].append(t)
            elif is_par:
                part['paragraphs'].append(t)
            else:
                part['subheadings'].append(t)
            continue
        if k == 'clause':
            close_clause()
            if pending and it['num'] == '1' and part is not parts[0] or (
                    pending and it['num'] == '1' and part['clauses']):
                start_part(None)
            elif it['num'] == '1' and part['clauses'] and heads == chapters_at_clause:
                part = new_part(None, None, implicit=True)
                parts.append(part)
            release(part)
            take_stamp()
            chapters_at_clause = heads
            clause = {'num': it['num'], 'lead': it['text'], 'paras': [it['text']],
                      'subclauses': []}
            part['clauses'].append(clause)
            continue
        if k == 'subclause':
            if clause is not None:
                clause['subclauses'].append(it['num'])
                clause['paras'].append(it['text'])
            elif pending:
                pending_content = True
            elif not is_form(part) and not part['form_items']:
                part['orphan_subclauses'].append(it['num'])
            continue
        if k == 'para':
            if clause is not None:
                clause['paras'].append(it['text'])
            elif pending:
                if pending_title is None:
                    pending_title = it['text']
                pending_content = True
            continue
    close_clause()
    # (An appendix stamp at the very end with nothing but notes under it: the appendix
    # is an image in the source, and a part all the same, as when another stamp follows.)
    if pending and (pending_content or APPENDIX_NO_RE.search(' '.join(stamp_acc))):
        start_part(pending_title)
    release(part)
    for p in parts:
        for c in p['clauses']:
            c.setdefault('text', c.get('lead', ''))
            # key order: num, text, lead, subclauses
            c_sorted = {'num': c['num'], 'text': c['text'], 'lead': c['lead'],
                        'subclauses': c['subclauses']}
            c.clear()
            c.update(c_sorted)
    return {'title': title, 'parts': parts}


def summarize(nn, doc):
    parts = doc['parts']
    clauses = sum(len(p['clauses']) for p in parts)
    subs = sum(len(c['subclauses']) for p in parts for c in p['clauses'])
    subs += sum(len(p['orphan_subclauses']) for p in parts)
    chapters = sum(len(p['chapters']) for p in parts)
    notes = sum(p['notes'] for p in parts)
    return (nn, len(parts), clauses, subs, chapters, notes)


def main(argv):
    check = '--check' in argv
    args = [a for a in argv if not a.startswith('--')]
    if not args:
        print(__doc__.split('\n\n')[0])
        print('usage: real_expected.py [--check] DIR_OR_FILE...')
        return 2
    files = []
    for a in args:
        if os.path.isdir(a):
            files += sorted(os.path.join(a, f) for f in os.listdir(a)
                            if re.match(r'^\d+\.kaz\.md$', f))
        else:
            files.append(a)
    rows = []
    differ = 0
    for f in files:
        with open(f, encoding='utf-8') as fh:
            doc = parse(fh.read())
        nn = os.path.basename(f).split('.')[0]
        out = f[:-len('.kaz.md')] + '.expected.json'
        data = json.dumps(doc, ensure_ascii=False, indent=1) + '\n'
        if check:
            old = open(out, encoding='utf-8').read() if os.path.exists(out) else None
            if old != data:
                differ += 1
                print('differs:', out)
        else:
            with open(out, 'w', encoding='utf-8') as fh:
                fh.write(data)
        rows.append(summarize(nn, doc))
    print('%-4s %5s %7s %10s %8s %5s' % ('NN', 'parts', 'clauses', 'subclauses', 'chapters', 'notes'))
    for r in rows:
        print('%-4s %5d %7d %10d %8d %5d' % r)
    tot = [sum(r[i] for r in rows) for i in range(1, 6)]
    print('%-4s %5d %7d %10d %8d %5d' % tuple(['all'] + tot))
    return 1 if (check and differ) else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
