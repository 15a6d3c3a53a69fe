#!/usr/bin/env python3
"""Write the hostile-input fixtures in fixtures/hostile/ (see fixtures/hostile/README.md).

Run from the repository root:  python3 scripts/make-hostile-fixtures.py

Python 3 standard library only (zipfile, struct). Every file is built here from bytes: a few kilobytes
each, crafted so that a reader trusting what it reads reserves terabytes, loops, or indexes out of
bounds. The output is deterministic (fixed ZIP timestamps), so rerunning gives the same bytes.

Cases that need the file system rather than bytes (a FIFO, links to /dev/zero and /dev/urandom, a 6 GB
sparse file) are made by tests/hostile.rs at run time and never committed.
"""

import io
import os
import struct
import zipfile

OUT = os.path.join("fixtures", "hostile")
FIXED_TIME = (2024, 1, 1, 0, 0, 0)


def write(name, data):
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        f.write(data)
    print(f"{path}: {len(data)} bytes")


def zip_of(entries, stored=()):
    """A ZIP archive of (name, bytes) entries, deflated except those named in `stored`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return out.getvalue()


# ── xlsx ─────────────────────────────────────────────────────────────────────────────────────────

CT_XLSX = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    b"</Types>"
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    b"</Relationships>"
)
WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    b"</Relationships>"
)
SHEET = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
)


def xlsx(shared_strings, sheet=SHEET):
    return zip_of(
        [
            ("[Content_Types].xml", CT_XLSX),
            ("_rels/.rels", RELS),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            ("xl/worksheets/sheet1.xml", sheet),
            ("xl/sharedStrings.xml", shared_strings),
        ]
    )


def sst(unique_count):
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="'
        + str(unique_count).encode()
        + b'"><si><t>x</t></si></sst>'
    )


def deeply_nested_sheet(depth):
    """A sheet whose cell text sits under `depth` nested elements (quick-xml #977: a nesting counter
    past u16::MAX; a recursive reader overflows its stack long before)."""
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is>'
        + b'<x xmlns:a="urn:a">' * depth
        + b"</x>" * depth
        + b"</is></c></row></sheetData></worksheet>"
    )


# ── OLE compound file and BIFF8 (xls) ────────────────────────────────────────────────────────────

SECT = 512
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def dir_entry(name, kind, child=NOSTREAM, start=END, size=0):
    raw = name.encode("utf-16-le") + b"\0\0" if name else b""
    return (
        raw.ljust(64, b"\0")
        + struct.pack("<HBB", len(raw), kind, 1)
        + struct.pack("<III", NOSTREAM, NOSTREAM, child)
        + b"\0" * 16  # clsid
        + struct.pack("<I", 0)  # state bits
        + b"\0" * 16  # times
        + struct.pack("<IQ", start, size)[:8]
        + struct.pack("<I", 0)
    )


def cfb(stream_name, stream, directory_loops=False):
    """A version-3 compound file: sector 0 the FAT, sector 1 the directory, then one stream of at least
    4096 bytes (so it lives in regular sectors). `directory_loops` makes the directory sector's FAT
    entry point to itself: a directory chain without end (calamine #714 class)."""
    assert len(stream) >= 4096
    n = (len(stream) + SECT - 1) // SECT
    fat = [FATSECT, 1 if directory_loops else END]
    for i in range(n):
        fat.append(2 + i + 1 if i < n - 1 else END)
    fat += [FREE] * (SECT // 4 - len(fat))
    directory = (
        dir_entry("Root Entry", 5, child=1)
        + dir_entry(stream_name, 2, start=2, size=len(stream))
        + dir_entry("", 0)
        + dir_entry("", 0)
    )
    header = (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x003E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIII", 0, 1, 1, 0)  # dir sectors, FAT sectors, first dir sector, transaction
        + struct.pack("<IIIII", 4096, END, 0, END, 0)  # cutoff, mini FAT, count, DIFAT, count
        + struct.pack("<I", 0)
        + struct.pack("<I", FREE) * 108
    )
    assert len(header) == SECT
    body = struct.pack("<%dI" % (SECT // 4), *fat) + directory + stream.ljust(n * SECT, b"\0")
    return header + body


def record(typ, data=b""):
    return struct.pack("<HH", typ, len(data)) + data


def bof(dt):
    return record(0x0809, struct.pack("<HHHHII", 0x0600, dt, 0x0DBB, 0x07CC, 0, 0x06))


def xls(dimensions=None, cells=((0, 0, 1.0),), directory_loops=False, pad=b" "):
    """A BIFF8 workbook of one sheet: `dimensions` as (first row, last row + 1, first col, last col + 1)
    written verbatim into the DIMENSIONS record, `cells` as NUMBER records (row, col, value)."""
    name = b"Sheet1"

    def globals_(sheet_offset):
        out = bof(0x0005) + record(0x0042, struct.pack("<H", 1200))
        out += record(0x0085, struct.pack("<IBBBB", sheet_offset, 0, 0, len(name), 0) + name)
        # WRITEACCESS padding, ignored by readers, so that the stream reaches the 4096-byte cutoff.
        for _ in range(40):
            out += record(0x005C, pad * 112)
        return out + record(0x000A)

    offset = len(globals_(0))
    sheet = bof(0x0010)
    if dimensions is not None:
        rf, rl, cf, cl = dimensions
        sheet += record(0x0200, struct.pack("<IIHHH", rf, rl, cf, cl, 0))
    for row, col, value in cells:
        sheet += record(0x0203, struct.pack("<HHHd", row, col, 0, value))
    sheet += record(0x000A)
    return cfb("Workbook", globals_(offset) + sheet, directory_loops)


# ── xlsb ─────────────────────────────────────────────────────────────────────────────────────────


def brt(typ, data=b""):
    """A BIFF12 record: type and size as 7-bit varints."""
    out = bytearray()
    t = typ
    out.append((t & 0x7F) | (0x80 if t >= 0x80 else 0))
    if t >= 0x80:
        out.append(t >> 7)
    n = len(data)
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            break
    return bytes(out) + data


def wide(s):
    raw = s.encode("utf-16-le")
    return struct.pack("<I", len(raw) // 2) + raw


def xlsb(dimension=b"\0" * 16, sst=None):
    """An xlsb of one sheet whose BrtWsDim record holds `dimension` (16 bytes when sane), with a
    sharedStrings.bin whose BrtBeginSst holds `sst` when given."""
    workbook = (
        brt(0x0083)
        + brt(0x008F)
        + brt(0x009C, struct.pack("<II", 0, 1) + wide("rId1") + wide("Sheet1"))
        + brt(0x0090)
        + brt(0x0084)
    )
    sheet = brt(0x0081) + brt(0x0094, dimension) + brt(0x0091) + brt(0x0092) + brt(0x0082)
    rels = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/>'
        b"</Relationships>"
    )
    entries = [
        (
            "[Content_Types].xml",
            b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>',
        ),
        ("_rels/.rels", RELS.replace(b"workbook.xml", b"workbook.bin")),
        ("xl/workbook.bin", workbook),
        ("xl/_rels/workbook.bin.rels", rels),
        ("xl/worksheets/sheet1.bin", sheet),
    ]
    if sst is not None:
        entries.append(("xl/sharedStrings.bin", brt(0x009F, sst) + brt(0x00A0)))
    return zip_of(entries)


# ── ods ──────────────────────────────────────────────────────────────────────────────────────────


def ods(rows_repeated, cols_repeated):
    """An ods whose one row, repeated `rows_repeated` times, holds one number cell repeated
    `cols_repeated` times: a few hundred bytes standing for rows × cols cells."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Sheet1">'
        f'<table:table-row table:number-rows-repeated="{rows_repeated}">'
        f'<table:table-cell table:number-columns-repeated="{cols_repeated}" office:value-type="float" office:value="1">'
        "<text:p>1</text:p></table:table-cell></table:table-row>"
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    ).encode()
    manifest = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        b'<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        b"</manifest:manifest>"
    )
    return zip_of(
        [
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", content),
            ("META-INF/manifest.xml", manifest),
        ],
        stored=("mimetype",),
    )


# ── zip ──────────────────────────────────────────────────────────────────────────────────────────


def zip_cd_offset_overflow():
    """An EOCD whose central-directory size and offset are both 0xFFFFFFFF without a ZIP64 record:
    their sum overflows 32 bits (zip-rs/zip-old #234: header offset arithmetic overflow found by
    fuzzing)."""
    local = xlsx(sst(1))
    cut = local.rfind(b"PK\x05\x06")
    eocd = bytearray(local[cut : cut + 22])
    eocd[12:16] = struct.pack("<I", 0xFFFFFFFF)
    eocd[16:20] = struct.pack("<I", 0xFFFFFFFF)
    return local[:cut] + bytes(eocd)


def main():
    os.makedirs(OUT, exist_ok=True)
    # calamine #684: sharedStrings uniqueCount reserved as Vec capacity (about 24 TB asked for).
    write("xlsx-shared-strings-unique-count.xlsx", xlsx(sst(10**12)))
    # quick-xml #977 class: 70 000 nested elements (past u16::MAX) in a cell's inline string.
    write("xlsx-deeply-nested.xlsx", xlsx(sst(1), deeply_nested_sheet(70_000)))
    # calamine #714 class: a directory chain that loops; the same file named .xlsx (encrypted xlsx
    # files are compound files too), its padding one byte different so that `ingest` does not take it
    # for a copy of the .xls.
    write("cfb-directory-loop.xls", xls(dimensions=(0, 1, 0, 1), directory_loops=True))
    write("cfb-directory-loop.xlsx", xls(dimensions=(0, 1, 0, 1), directory_loops=True, pad=b"-"))
    # xls DIMENSIONS: huge (4 billion rows), inverted (first row after last), one cell at 65535/65535
    # (a column BIFF8 cannot have), one cell at IV65536 (the last cell BIFF8 has: 16 M cells dense).
    write("xls-dimensions-huge.xls", xls(dimensions=(0, 0xFFFFFFFF, 0, 256)))
    write("xls-dimensions-inverted.xls", xls(dimensions=(60000, 10, 0, 1)))
    write("xls-cell-at-65535-65535.xls", xls(dimensions=None, cells=((0, 0, 1.0), (65535, 65535, 2.0))))
    write("xls-cell-at-IV65536.xls", xls(dimensions=None, cells=((0, 0, 1.0), (65535, 255, 2.0))))
    # xlsb: an empty BrtWsDim (calamine slices 16 bytes of it) and an empty BrtBeginSst.
    write("xlsb-empty-dimension.xlsb", xlsb(dimension=b""))
    write("xlsb-empty-shared-strings.xlsb", xlsb(sst=b""))
    # ods: 1 048 576 rows × 16 columns = 16 M cells, and × 94 = 98 M cells, from a few hundred bytes.
    write("ods-repeated-16m-cells.ods", ods(1_048_576, 16))
    write("ods-repeated-98m-cells.ods", ods(1_048_576, 94))
    write("zip-central-directory-overflow.xlsx", zip_cd_offset_overflow())


if __name__ == "__main__":
    main()
