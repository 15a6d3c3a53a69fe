#!/usr/bin/env python3
"""Write the CJK font the report's charts are drawn with: assets/fonts/planeval-cjk-subset.otf, a subset of
Noto Sans CJK SC Regular (SIL Open Font License 1.1), and its licence beside it (assets/fonts/OFL.txt).

The charts are rendered to PNG inside planeval (plotters with ab_glyph), from a font compiled into the
binary, so that their Chinese labels display on a machine without any Chinese font. The whole font is
16 MB; the subset keeps what charts can show:

- printable ASCII, the Latin-1 and general punctuation and the maths signs the messages use;
- CJK punctuation (U+3000–U+303F) and full-width forms (U+FF01–U+FF5E);
- the 3,755 level-1 characters of GB 2312 (the common characters, so that another plan's names mostly
  render too; planeval falls back to the indicator code for a label the font does not cover);
- every character of the built-in plans (templates/plans/*.toml), the report messages and the scoring
  labels and the targets as words (src/report/*.rs, src/report/docx/*.rs, src/score/status.rs,
  src/catalog/target.rs).

Run from the repository root after changing a plan or the chart texts:

    pip install fonttools
    apt-get install fonts-noto-cjk           # the source font
    python3 scripts/make-chart-font.py [--source /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]

The family is renamed (Planeval CJK Subset), as the OFL asks of modified versions that are not the
original; copyright and licence stay in the name table.
"""

import argparse
import glob
import os
import re
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "assets", "fonts", "planeval-cjk-subset.otf")
LICENSE = os.path.join(ROOT, "assets", "fonts", "OFL.txt")
DEFAULT_SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
DEBIAN_COPYRIGHT = "/usr/share/doc/fonts-noto-cjk/copyright"
FAMILY = "Planeval CJK Subset"

TEXT_SOURCES = [
    "templates/plans/*.toml",
    "src/report/*.rs",
    "src/report/docx/*.rs",
    "src/score/status.rs",
    "src/catalog/target.rs",
]


def gb2312_level1():
    """The 3,755 level-1 hanzi of GB 2312 (rows 16–55), decoded from their byte codes."""
    chars = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def repository_chars():
    chars = set()
    for pattern in TEXT_SOURCES:
        for path in glob.glob(os.path.join(ROOT, pattern)):
            with open(path, encoding="utf-8") as f:
                chars.update(f.read())
    # Only what a label can show: no control characters.
    return {c for c in chars if c.isprintable()}


def wanted_chars():
    chars = {chr(c) for c in range(0x20, 0x7F)}
    chars.update("·±×÷°µ–—‘’“”…‰′″→←↑↓≥≤≈≠−∶√％￥")
    chars.update(chr(c) for c in range(0x3000, 0x3040))
    chars.update(chr(c) for c in range(0xFF01, 0xFF5F))
    chars.update(gb2312_level1())
    chars.update(repository_chars())
    return chars


def source_font(path):
    if path.lower().endswith((".ttc", ".otc")):
        for font in TTCollection(path).fonts:
            if font["name"].getDebugName(1) in ("Noto Sans CJK SC", "Source Han Sans SC"):
                return font
        sys.exit(f"{path}: no Noto Sans CJK SC face in the collection")
    return TTFont(path)


def rename(font):
    name = font["name"]
    for record in list(name.names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 21, 22):
            name.removeNames(nameID=record.nameID)
    source = "Subset of Noto Sans CJK SC Regular for planeval charts"
    for name_id, value in [
        (1, FAMILY),
        (2, "Regular"),
        (3, f"{FAMILY} Regular; {source}"),
        (4, f"{FAMILY} Regular"),
        (6, FAMILY.replace(" ", "") + "-Regular"),
    ]:
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [FAMILY.replace(" ", "") + "-Regular"]
        top = cff.topDictIndex[0]
        top.FullName = f"{FAMILY} Regular"
        top.FamilyName = FAMILY


def write_license():
    """The OFL text, as Debian ships it with the source font."""
    with open(DEBIAN_COPYRIGHT, encoding="utf-8") as f:
        text = f.read()
    match = re.search(r"License: SIL-1\.1\n((?: .*\n)+)", text)
    if not match:
        sys.exit(f"{DEBIAN_COPYRIGHT}: no SIL-1.1 licence text found")
    body = "\n".join("" if l.strip() == "." else l[1:] for l in match.group(1).splitlines())
    header = (
        "planeval-cjk-subset.otf is a subset of Noto Sans CJK SC Regular (Version 2.004),\n"
        "made by scripts/make-chart-font.py and renamed \"Planeval CJK Subset\".\n\n"
        "Copyright © 2014-2021 Adobe (http://www.adobe.com/). Noto is a trademark of Google Inc.\n\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "https://openfontlicense.org\n\n"
    )
    with open(LICENSE, "w", encoding="utf-8") as f:
        f.write(header + body.rstrip() + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", default=DEFAULT_SOURCE)
    args = parser.parse_args()
    font = source_font(args.source)
    options = subset.Options()
    # The charts need outlines and advances only: no OpenType layout, no vertical metrics, no hints.
    options.layout_features = []
    options.hinting = False
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    chars = wanted_chars()
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    rename(font)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    font.save(OUT)
    write_license()
    covered = set(TTFont(OUT).getBestCmap())
    missing = sorted(c for c in chars if ord(c) not in covered and not c.isspace())
    print(f"{OUT}: {os.path.getsize(OUT):,} bytes, {len(covered):,} characters")
    if missing:
        print(f"not in the source font ({len(missing)}): {''.join(missing[:80])}")


if __name__ == "__main__":
    main()
