#!/usr/bin/env python3
"""Print the text of a DOCX as python-docx reads it: body paragraphs and table cells in
document order, one per line (an independent reader for qujat's DOCX)."""
import sys

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph


def blocks(doc):
    body = doc.element.body
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            yield Paragraph(child, doc).text
        elif child.tag.endswith("}tbl"):
            for row in Table(child, doc).rows:
                for cell in row.cells:
                    yield cell.text


d = docx.Document(sys.argv[1])
s = d.sections[0]
print(f"#page {s.page_width.mm:.0f}x{s.page_height.mm:.0f} margins {s.left_margin.mm:.0f}/{s.right_margin.mm:.0f}/{s.top_margin.mm:.0f}/{s.bottom_margin.mm:.0f}")
footer = " ".join(p._p.xml.count("PAGE") and "PAGE" or "" for p in s.footer.paragraphs).strip()
print(f"#footer {footer}")
for t in blocks(d):
    print(t)
