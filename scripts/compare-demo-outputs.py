#!/usr/bin/env python3
"""Compare two output folders of `planeval demo` (or of any command) file by file, cell by cell.

Used to show that a refactoring changed nothing users see: run `planeval demo --out A` on the commit
before and `planeval demo --out B` on the commit after, then

    python3 scripts/compare-demo-outputs.py A B

Workbooks (.xlsx) are compared sheet by sheet: sheet names, every cell's value, its number format and
its note (comment); Word reports (.docx) by the text of every paragraph and table cell; JSON by value;
text files (.md, .csv, .txt, .toml, .jsonl) by line. Times and dates of the run (RFC 3339 stamps, 生成时间
lines, file modification times) differ between two runs and are masked before comparing. Parquet parts
and other binary files are compared by their presence only (their content carries the run's times).
Exit 0 when both folders say the same, 1 with the differences listed otherwise.
Needs openpyxl (`pip install openpyxl`); a development check, not a dependency of planeval.
"""
import json
import os
import re
import sys
import zipfile
from xml.etree import ElementTree

TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?"
    r"|\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}:\d{2}"
    r"|\d{4}年\d{1,2}月\d{1,2}日"
    r"|\d{4}-\d{2}-\d{2}"
)
MAX_SHOWN = 40


def mask(text):
    return TIME.sub("<time>", text) if isinstance(text, str) else text


def files(root):
    out = set()
    for dirpath, _, names in os.walk(root):
        for n in names:
            out.add(os.path.relpath(os.path.join(dirpath, n), root))
    return out


def xlsx_cells(path):
    import openpyxl

    wb = openpyxl.load_workbook(path)
    sheets = {}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and c.comment is None:
                    continue
                v = c.value
                if hasattr(v, "isoformat"):
                    v = "<time>"
                cells[c.coordinate] = (
                    mask(v),
                    c.number_format,
                    mask(c.comment.text) if c.comment else None,
                )
        sheets[ws.title] = cells
    return [ws.title for ws in wb.worksheets], sheets


def docx_texts(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ElementTree.fromstring(z.read("word/document.xml"))
        media = sorted(n for n in z.namelist() if n.startswith("word/media/"))
    paras = []
    for p in root.iter(ns + "p"):
        paras.append(mask("".join(t.text or "" for t in p.iter(ns + "t"))))
    return paras, media


def json_masked(value):
    if isinstance(value, dict):
        return {k: json_masked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_masked(v) for v in value]
    return mask(value)


def compare(a, b, rel, out):
    pa, pb = os.path.join(a, rel), os.path.join(b, rel)
    ext = os.path.splitext(rel)[1].lower()
    if ext == ".xlsx":
        (order_a, sa), (order_b, sb) = xlsx_cells(pa), xlsx_cells(pb)
        if order_a != order_b:
            out.append(f"{rel}: sheets {order_a} ≠ {order_b}")
        for name in order_a:
            ca, cb = sa.get(name, {}), sb.get(name, {})
            for coord in sorted(set(ca) | set(cb)):
                if ca.get(coord) != cb.get(coord):
                    out.append(f"{rel}!{name}!{coord}: {ca.get(coord)!r} ≠ {cb.get(coord)!r}")
    elif ext == ".docx":
        (ta, ma), (tb, mb) = docx_texts(pa), docx_texts(pb)
        if ma != mb:
            out.append(f"{rel}: images {ma} ≠ {mb}")
        for i in range(max(len(ta), len(tb))):
            x = ta[i] if i < len(ta) else None
            y = tb[i] if i < len(tb) else None
            if x != y:
                out.append(f"{rel} paragraph {i + 1}: {x!r} ≠ {y!r}")
    elif ext == ".json":
        with open(pa, encoding="utf-8") as fa, open(pb, encoding="utf-8") as fb:
            ja, jb = json_masked(json.load(fa)), json_masked(json.load(fb))
        if ja != jb:
            out.append(f"{rel}: JSON differs")
    elif ext in (".md", ".csv", ".txt", ".toml", ".jsonl", ".log"):
        with open(pa, encoding="utf-8", errors="replace") as fa:
            la = [mask(l) for l in fa.read().splitlines()]
        with open(pb, encoding="utf-8", errors="replace") as fb:
            lb = [mask(l) for l in fb.read().splitlines()]
        for i in range(max(len(la), len(lb))):
            x = la[i] if i < len(la) else None
            y = lb[i] if i < len(lb) else None
            if x != y:
                out.append(f"{rel}:{i + 1}: {x!r} ≠ {y!r}")


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        print("usage: compare-demo-outputs.py BEFORE AFTER", file=sys.stderr)
        return 2
    a, b = argv[1], argv[2]
    fa, fb = files(a), files(b)
    out = [f"only in {a}: {r}" for r in sorted(fa - fb)]
    out += [f"only in {b}: {r}" for r in sorted(fb - fa)]
    compared = 0
    for rel in sorted(fa & fb):
        if "/.staging/" in rel or rel.endswith(".lock"):
            continue
        compare(a, b, rel, out)
        compared += 1
    for line in out[:MAX_SHOWN]:
        print(line)
    if len(out) > MAX_SHOWN:
        print(f"… and {len(out) - MAX_SHOWN} more differences")
    print(f"{compared} files compared, {len(out)} differences")
    return 1 if out else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
