#!/usr/bin/env python3
"""Write a DOCX as a secretary makes one in Word: clause numbers from Word's automatic
numbering (numbering.xml: "1." over "1)" over "а)", two lists, the second restarting),
not typed in the text; a tracked insertion and deletion; a comment and a header left out
by a reader. Usage: make_numbered_docx.py OUT.docx OUT.md (the same text in Markdown)."""
import copy, sys

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

NUMBERING = f"""<w:abstractNum {nsdecls('w')} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2)"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="russianLower"/><w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>"""

def main(out_docx, out_md):
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    for num_id in (91, 92):
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="90"/>'
                                   f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    d.sections[0].header.paragraphs[0].text = "Жоба (header: not text)"

    def para(text, num=None, level=0):
        p = d.add_paragraph(text)
        if num:
            ppr = p._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'))
        return p

    md = []
    para("ЖЫЛЫОЙ АУДАНДЫҚ КЕҢЕСІНІҢ ШЕШІМІ"); md.append("# ЖЫЛЫОЙ АУДАНДЫҚ КЕҢЕСІНІҢ ШЕШІМІ")
    para("Кеңес ШЕШІМ ҚАБЫЛДАДЫ:"); md.append("Кеңес ШЕШІМ ҚАБЫЛДАДЫ:")
    items = [
        (0, "Аудандық білім бөліміне мыналар ұсынылсын:"),
        (1, "іс-шаралар жоспарын бекіту;"),
        (1, "жоспардың орындалуын қамтамасыз ету:"),
        (2, "мектептерде;"),
        (2, "колледждерде."),
        (0, "Аудандық полиция бөліміне профилактикалық жұмысты күшейту ұсынылсын."),
        (0, "Шешімнің орындалуын бақылау Кеңес хатшысына жүктелсін."),
    ]
    counters = [0, 0, 0]
    letters = "абвгдежзиклмнопрстуфхцчшщэюя"
    for level, text in items:
        p = para(text, 91, level)
        counters[level] += 1
        for deeper in range(level + 1, 3):
            counters[deeper] = 0
        label = [f"{counters[0]}.", f"{counters[1]})", f"{letters[counters[2] - 1]})"][level]
        md.append(("   " * level) + f"{label} {text}")
    # A tracked change: "күшейту" inserted, "әлсірету" deleted, in the second clause.
    p = d.paragraphs[-2]
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="x" w:date="2026-01-01T00:00:00Z"><w:r><w:delText> әлсірету</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="x" w:date="2026-01-01T00:00:00Z"><w:r><w:t xml:space="preserve"> (жаңа редакция)</w:t></w:r></w:ins>'))
    md[-2] = md[-2] + " (жаңа редакция)"
    # A second list restarting at 1, after a heading of an attachment.
    para("Қосымша"); md.append("## Қосымша")
    for text in ["Бірінші тармақ.", "Екінші тармақ."]:
        para(text, 92, 0)
    md += ["1. Бірінші тармақ.", "2. Екінші тармақ."]
    d.save(out_docx)
    open(out_md, "w", encoding="utf-8").write("\n\n".join(md) + "\n")

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
