#!/usr/bin/env python3
"""Make tests/fixtures/batch/letters.{csv,yaml,xlsx}: the same 12 official-letter records
in three formats, four of them bad on purpose, with hostile and duplicate file names.
Needs openpyxl for the XLSX (pip install openpyxl)."""
import csv, datetime, json, os

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests", "fixtures", "batch")
COLS = ["number", "date", "addressees.1", "addressees.2", "body", "attachment_pages", "signatory.position", "signatory.name", "file"]

def rows():
    names = ["Мектеп № 1", "../../etc/passwd", "Мектеп № 1", "мектеп № 1", "..", "con/trol\t", ".hidden", "Колледж", "", "Гимназия", "Лицей", "Мектеп-интернат"]
    out = []
    for i, n in enumerate(names):
        r = {"number": f"03-{2600 + i}", "date": f"2026-05-{(i % 27) + 1:02d}", "addressees.1": f"№ {i + 1} мектептің директоры",
             "addressees.2": "Аудандық білім бөлімі" if i % 2 else "", "body": f"хабарлаймыз, {i + 1}-хат.",
             "attachment_pages": str(i % 4 + 1), "signatory.position": "Басшының орынбасары", "signatory.name": "А. Нұрланов", "file": n}
        out.append(r)
    out[3]["date"] = "2026-02-30"          # row 5: a date that does not exist
    out[6]["signatory.name"] = ""          # row 8: a required field left empty
    out[9]["attachment_pages"] = "он"      # row 11: not a whole number
    out[10]["addressees.1"] = ""           # row 12: no addressee at all
    out[10]["addressees.2"] = ""
    return out

def main():
    os.makedirs(OUT, exist_ok=True)
    rs = rows()
    with open(os.path.join(OUT, "letters.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(COLS)
        for r in rs:
            w.writerow([r[c] for c in COLS])
    # Excel's CSVs (issue 15): ";" in Windows-1251 (Kazakh letters 1251 lacks become "?",
    # as Excel writes them), ";" in UTF-8 with a BOM, and tab-separated; CRLF line ends,
    # and one extra column ("note") that no template has.
    excel = [("letters-excel-1251.csv", ";", "cp1251"), ("letters-excel-bom.csv", ";", "utf-8-sig"), ("letters-excel-tab.csv", "\t", "utf-8")]
    for name, sep, enc in excel:
        with open(os.path.join(OUT, name), "w", newline="", encoding=enc, errors="replace") as f:
            w = csv.writer(f, delimiter=sep, lineterminator="\r\n")
            w.writerow(COLS + ["note"])
            for r in rs:
                w.writerow([r[c] for c in COLS] + ["тексерілді"])
    # YAML: the same records, nested; empty cells left out as a spreadsheet would.
    def nested(r):
        d = {}
        for k, v in r.items():
            if v == "":
                continue
            parts = k.split(".")
            cur = d
            for p in parts[:-1]:
                cur = cur.setdefault(p, {})
            cur[parts[-1]] = v
        if "addressees" in d:
            d["addressees"] = [d["addressees"][k] for k in sorted(d["addressees"])]
        if "attachment_pages" in d and d["attachment_pages"].isdigit():
            d["attachment_pages"] = int(d["attachment_pages"])
        return d
    with open(os.path.join(OUT, "letters.yaml"), "w", encoding="utf-8") as f:
        for r in rs:
            f.write("- " + json.dumps(nested(r), ensure_ascii=False) + "\n")
    try:
        import openpyxl
    except ImportError:
        print("openpyxl missing: letters.xlsx not rebuilt")
        return
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(COLS)
    for r in rs:
        def cell(c):
            v = r[c]
            if c == "attachment_pages" and v.isdigit():
                return int(v)
            if c == "date":
                # Real date cells (Excel day numbers), except the impossible one.
                try:
                    return datetime.date.fromisoformat(v)
                except ValueError:
                    return v
            return v
        ws.append([cell(c) for c in COLS])
    wb.save(os.path.join(OUT, "letters.xlsx"))

main()
