#!/usr/bin/env python3
"""Write the bad-file fixtures in fixtures/bad/ (see fixtures/bad/README.md).

Run from the repository root:  python3 scripts/make-bad-fixtures.py

Needs Python 3.8+, openpyxl and msoffcrypto-tool (pip install openpyxl msoffcrypto-tool).
The output is deterministic: every ZIP entry gets a fixed timestamp, the document properties get
fixed dates, and the encryption key material of encrypted.xlsx comes from a fixed seed. Running the
script twice gives byte-identical files (for a given zlib and openpyxl version).
"""

import datetime
import io
import os
import random
import re
import sys
import zipfile

import msoffcrypto.format.ooxml
import msoffcrypto.method.container.ecma376_encrypted as container
import msoffcrypto.method.ecma376_agile as agile
import openpyxl

OUT = os.path.join("fixtures", "bad")
FIXED_TIME = (2024, 1, 1, 0, 0, 0)
FIXED_ISO = "2024-01-01T00:00:00Z"


def write(name, data):
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        f.write(data)
    print(f"{path}: {len(data)} bytes")


def zip_info(name, level=6):
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    # The attribute is `_compresslevel` up to Python 3.12 and `compress_level` from 3.13.
    if hasattr(info, "compress_level"):
        info.compress_level = level
    else:
        info._compresslevel = level
    return info


def normalize(xlsx_bytes, replace=None):
    """Re-pack a ZIP with fixed timestamps and fixed document dates; `replace` maps part names to
    new content (bytes)."""
    replace = replace or {}
    src = zipfile.ZipFile(io.BytesIO(xlsx_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = replace.get(item.filename, src.read(item.filename))
            if item.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*", r"\g<1>" + FIXED_ISO, text)
                data = text.encode("utf-8")
            dst.writestr(zip_info(item.filename), data)
    return out.getvalue()


def workbook_bytes(fill):
    """An openpyxl workbook with fixed properties, filled by `fill(ws)`, saved and normalized."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "指标填报"
    wb.properties.creator = "planeval fixtures"
    fill(ws)
    buf = io.BytesIO()
    wb.save(buf)
    return normalize(buf.getvalue())


def fill_ok(ws):
    ws["A1"] = "指标"
    ws["B1"] = "2024年"
    ws["A2"] = "孕产妇死亡率"
    ws["B2"] = 8.1


def fill_huge_dimension(ws):
    ws["A1"] = "左上角"
    ws["XFD1048576"] = "右下角"


def fill_million_rows(ws):
    ws["A1"] = "指标"
    ws["B1"] = "数值"
    for r in range(2, 6):
        ws.cell(row=r, column=1, value=f"指标{r - 1}")
        ws.cell(row=r, column=2, value=r * 1.5)
    ws["B1048576"] = 1


def zip_bomb(ok_xlsx):
    """ok.xlsx with sheet1.xml padded by ~300 MB of spaces inside <sheetData>, deflated at level 9
    (about 1000:1, so the file stays well under 1 MB)."""
    src = zipfile.ZipFile(io.BytesIO(ok_xlsx))
    sheet = src.read("xl/worksheets/sheet1.xml").decode("utf-8")
    head, sep, tail = sheet.partition("<sheetData>")
    assert sep, "openpyxl sheet without <sheetData>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(zip_info(item.filename, 9), src.read(item.filename))
                continue
            with dst.open(zip_info(item.filename, 9), "w") as f:
                f.write((head + sep).encode("utf-8"))
                chunk = b" " * (1024 * 1024)
                for _ in range(300):
                    f.write(chunk)
                f.write(tail.encode("utf-8"))
    return out.getvalue()


def minimal_docx():
    parts = [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
         '</Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
         '</Relationships>'),
        ("word/document.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
         '<w:body><w:p><w:r><w:t>2024年度规划监测情况报告（见附表）</w:t></w:r></w:p></w:body></w:document>'),
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in parts:
            z.writestr(zip_info(name), text.encode("utf-8"))
    return out.getvalue()


HTML_TABLE = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="ProgId" content="Excel.Sheet">
<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet>
<x:Name>指标填报</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]-->
</head>
<body>
<table border="1">
<tr><td>指标</td><td>2024年</td></tr>
<tr><td>孕产妇死亡率</td><td>8.1</td></tr>
</table>
</body>
</html>
"""

NOT_A_SPREADSHEET = b"""%PDF-1.4
% planeval fixture: a PDF-like file renamed to .xlsx
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
trailer << /Root 1 0 R >>
%%EOF
"""


def encrypted(ok_xlsx):
    # Deterministic key material so the fixture is reproducible. Never do this outside fixtures.
    rng = random.Random(20240101)
    agile._random_buffer = lambda size: bytes(rng.getrandbits(8) for _ in range(size))
    # ... and fixed directory timestamps in the compound file.
    to_filetime = container.datetime2filetime
    container.datetime2filetime = lambda _now: to_filetime(datetime.datetime(2024, 1, 1))
    out = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(ok_xlsx)).encrypt("secret", out)
    return out.getvalue()


def main():
    if not os.path.isdir("fixtures"):
        sys.exit("run from the repository root: python3 scripts/make-bad-fixtures.py")
    os.makedirs(OUT, exist_ok=True)

    ok = workbook_bytes(fill_ok)
    write("ok.xlsx", ok)
    write("empty.xlsx", b"")
    write("truncated.xlsx", ok[: len(ok) * 6 // 10])
    write("not-a-spreadsheet.xlsx", NOT_A_SPREADSHEET)
    write("html-table.xls", HTML_TABLE.encode("utf-8"))
    write("word-document.xlsx", minimal_docx())
    write("encrypted.xlsx", encrypted(ok))
    write("zip-bomb.xlsx", zip_bomb(ok))
    write("huge-dimension.xlsx", workbook_bytes(fill_huge_dimension))
    write("million-rows.xlsx", workbook_bytes(fill_million_rows))
    write("wrong-extension.ods", ok)


if __name__ == "__main__":
    main()
