#!/usr/bin/env python3
"""Make the returned-workbook fixtures in fixtures/returns/: generated templates filled the way departments
fill them, with the mistakes intake must find planted at known cells (listed in fixtures/returns/README.md).

Run from the repository root after `cargo build`:

    python3 scripts/make-return-fixtures.py

Needs openpyxl; LibreOffice (`soffice`) for the .xls / .ods copies (skipped with a note when missing).
The workbooks are made from `target/debug/planeval template`, so they follow the layout of the current
template; rerun this script (and update the README's cells) when the layout changes.
"""

import copy
import datetime
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

BIN = Path("target/debug/planeval")
OUT = Path("fixtures/returns")
YEAR = 2023

# Columns of the data sheet as the template writes them (layout::Field::ALL order).
COL = {
    "code": "A", "domain": "B", "name": "C", "unit": "D", "target": "E", "baseline": "F",
    "last": "G", "value": "H", "female": "I", "male": "J", "urban": "K", "rural": "L",
    "num": "M", "den": "N", "source": "O", "remarks": "P",
}
DATA, QUAL, INSTR, META = "指标填报", "定性目标", "填报说明", "_planeval"


def template(unit, year, tmp):
    """Generates one unit's template with the planeval binary and returns its path."""
    out = Path(tmp) / f"tpl-{year}"
    subprocess.run(
        [str(BIN), "template", "--year", str(year), "--unit", unit, "--out", str(out)],
        check=True, stdout=subprocess.DEVNULL,
    )
    return out / f"填报-{unit}-{year}.xlsx"


def rows_by_code(ws):
    return {ws[f"A{r}"].value: r for r in range(4, ws.max_row + 1) if ws[f"A{r}"].value}


def fill(ws, values):
    """values: {code: {column key: value}} written into the rows of those indicator codes."""
    rows = rows_by_code(ws)
    for code, cells in values.items():
        for key, v in cells.items():
            ws[f"{COL[key]}{rows[code]}"] = v


def fill_contact(wb, name, phone, head):
    ws = wb[INSTR]
    for r in range(1, ws.max_row + 1):
        label = ws[f"A{r}"].value
        if label in ("填报人", "联系电话", "单位负责人（审核）"):
            ws[f"B{r}"] = {"填报人": name, "联系电话": phone}.get(label, head)


def assess(wb, answers):
    """answers: {objective code: (自评结论, 措施, 问题, 佐证)}."""
    ws = wb[QUAL]
    for r in range(4, ws.max_row + 1):
        a = answers.get(ws[f"A{r}"].value)
        if a:
            for col, v in zip("EFGH", a):
                ws[f"{col}{r}"] = v


def set_meta(wb, key, value):
    ws = wb[META]
    for r in range(2, ws.max_row + 1):
        if ws[f"A{r}"].value == key:
            ws[f"B{r}"] = value
            return
    raise KeyError(key)


def rebuild(wb, src_name, new_name, index, col_map, row_map):
    """Copies a sheet cell by cell into a new sheet with columns and rows moved (as Excel does when a
    person inserts rows, deletes or swaps columns), keeping styles, merges, notes and validations;
    removes the original. col_map / row_map: old 1-based index -> new index (missing = deleted)."""
    src = wb[src_name]
    dst = wb.create_sheet(f"{new_name}~", index)
    for row in src.iter_rows():
        for c in row:
            if c.column not in col_map or c.row not in row_map or type(c).__name__ == "MergedCell":
                continue
            d = dst.cell(row_map[c.row], col_map[c.column])
            d.value = c.value
            d._style = copy.copy(c._style)
            if c.comment:
                d.comment = copy.copy(c.comment)
    for m in src.merged_cells.ranges:
        cols = [col_map[c] for c in range(m.min_col, m.max_col + 1) if c in col_map]
        rows = [row_map[r] for r in range(m.min_row, m.max_row + 1) if r in row_map]
        if cols and rows and (len(cols) > 1 or len(rows) > 1):
            dst.merge_cells(start_row=min(rows), start_column=min(cols),
                            end_row=max(rows), end_column=max(cols))
    for old, new in col_map.items():
        letter = get_column_letter(old)
        if letter in src.column_dimensions:
            dst.column_dimensions[get_column_letter(new)].width = src.column_dimensions[letter].width
    for old, new in row_map.items():
        if old in src.row_dimensions and src.row_dimensions[old].height:
            dst.row_dimensions[new].height = src.row_dimensions[old].height
    for dv in src.data_validations.dataValidation:
        cells = []
        for rng in dv.sqref.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if r in row_map and c in col_map:
                        cells.append(f"{get_column_letter(col_map[c])}{row_map[r]}")
        if cells:
            new = copy.copy(dv)
            new.sqref = " ".join(cells)
            dst.add_data_validation(new)
    dst.page_setup.orientation = src.page_setup.orientation
    dst.page_setup.paperSize = src.page_setup.paperSize
    wb.remove(src)
    dst.title = new_name
    return dst


def patch_formula_results(path, sheet_xml, results):
    """openpyxl cannot store a formula's cached result; Excel and WPS always do. Writes them into the
    sheet XML: results = {cell: number or '#DIV/0!'-style error}."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == sheet_xml:
                xml = data.decode("utf-8")
                for cell, result in results.items():
                    pat = re.compile(rf'<c r="{cell}"((?: s="\d+")?)><f>(.*?)</f><v\s*/>(?:</v>)?</c>')
                    if isinstance(result, str):
                        rep = rf'<c r="{cell}"\1 t="e"><f>\2</f><v>{result}</v></c>'
                    else:
                        rep = rf'<c r="{cell}"\1><f>\2</f><v>{result}</v></c>'
                    xml, n = pat.subn(rep, xml)
                    assert n == 1, f"formula cell {cell} not found in {sheet_xml}"
                data = xml.encode("utf-8")
            zout.writestr(item, data)
    tmp.replace(path)


def sheet_part(path, name):
    """The zip part of the sheet called `name` (openpyxl numbers sheets in workbook order)."""
    wb = openpyxl.load_workbook(path)
    return f"xl/worksheets/sheet{wb.sheetnames.index(name) + 1}.xml"


# ── clean ──────────────────────────────────────────────────────────────────────────────────────────


def clean(tmp):
    wb = openpyxl.load_workbook(template("卫健体局", YEAR, tmp))
    fill(wb[DATA], {
        "life_expectancy_female": {"value": 78.4},
        "healthy_life_expectancy_female": {"value": 69.2},
        "maternal_mortality": {"value": 15.0, "urban": 13.2, "rural": 16.8, "num": 3, "den": 20000},
        "induced_abortion_rate": {"value": 8.6, "num": 430, "den": 50000},
        "anxiety_prevalence_female": {"value": 4.12},
        "depression_prevalence_female": {"value": 3.05},
        "health_literacy_female": {"value": 26.8, "urban": 31.5, "rural": 22.4},
        "women_regular_exercise": {"value": 52300, "remarks": "据全民健身活动状况调查推算"},
        "sports_population_share_female": {"value": 46.5},
        "physical_fitness_pass_rate_female": {"value": 91.2},
    })
    fill_contact(wb, "李敏", "0357-5621234", "王强")
    assess(wb, {"1.10": (
        "基本完成",
        "县妇幼保健计生服务中心新址投入使用；开展产科、儿科能力提升培训 12 期。",
        "乡镇卫生院妇幼专业人员仍不足。",
        "县卫健体局 2023 年妇幼工作总结",
    )})
    path = OUT / f"clean-卫健体局-{YEAR}.xlsx"
    wb.save(path)
    return path


# ── typed values ───────────────────────────────────────────────────────────────────────────────────


def typed_values(tmp):
    wb = openpyxl.load_workbook(template("妇幼保健计生服务中心", YEAR, tmp))
    ws = wb[DATA]
    fill(ws, {
        "cervical_cancer_screening_rate": {
            "value": "95%", "urban": "９５．２", "rural": "约94.6%", "num": "11,400", "den": "12,000"},
        "breast_cancer_screening_rate": {
            "value": "95 %", "urban": 0.952, "rural": " 94.7 ", "num": 11400, "den": 12000},
        "maternal_anemia_prevalence": {"value": "=M7/N7*100", "num": 250, "den": 2000},
        "maternal_mortality": {
            "value": "12.5/10万", "urban": "—", "rural": "无", "num": "3例", "den": "24,000"},
        "induced_abortion_rate": {"value": "=M10/N10*1000", "num": "=400+30",
                                  "remarks": "分母待统计局反馈"},
        "hiv_mtct_rate": {"value": "/", "remarks": "数据由疾控中心提供"},
        "syphilis_mtct_rate": {"value": "不适用"},
        "hepatitis_b_mtct_rate": {"value": datetime.datetime(2023, 3, 5)},
    })
    ws["H13"].number_format = "yyyy/m/d"
    fill_contact(wb, "赵颖", "0357-5639876", "孙丽")
    assess(wb, {"1.10": ("已完成", "配合开展妇幼机构标准化建设。", "", "")})
    path = OUT / f"typed-values-妇幼保健计生服务中心-{YEAR}.xlsx"
    wb.save(path)
    # H7 keeps its result (12.5); H10 divides by an empty cell (#DIV/0!); M10 is left without a
    # result, as files written by tools that do not calculate are.
    patch_formula_results(path, sheet_part(path, DATA), {"H7": 12.5, "H10": "#DIV/0!"})
    return path


# ── edited layout ──────────────────────────────────────────────────────────────────────────────────


def edited_layout(tmp):
    wb = openpyxl.load_workbook(template("教科局", YEAR, tmp))
    fill(wb[DATA], {
        "primary_net_enrolment_girls": {"value": 99.97, "num": 5998, "den": 6000},
        "junior_secondary_net_enrolment_girls": {"value": 99.95, "num": 3998, "den": 4000},
        "senior_secondary_gross_enrolment": {"value": 93.5, "female": 94.1, "male": 92.9},
        "vocational_share_female_senior_secondary": {"value": 38.2, "num": 955, "den": 2500},
        "female_sci_tech_talent": {"value": 1260},
        "science_literacy_female": {"value": 9.8, "urban": 13.1, "rural": 6.7},
        "science_literacy_gender_gap": {"value": 2.9, "remarks": "女性 9.8%，男性 12.7%"},
        "illiteracy_rate_young_women": {"value": 0.35},
        "schooling_years_working_age_female": {"value": 10.9},
    })
    fill_contact(wb, "王明", "0357-5211008", "刘芳")
    assess(wb, {
        "2.2": ("基本完成", "将性别平等教育纳入中小学德育课程。", "教材审核机制待完善。", "县教科局文件"),
        "2.1": ("已完成", "配合妇联开展巾帼宣讲 20 场。", "", ""),
    })
    src = wb[DATA]
    last_row, last_col = src.max_row, src.max_column
    # Three rows inserted between the info line and the header; numerator (M) and denominator (N)
    # swapped; everything else in place.
    col_map = {c: c for c in range(1, last_col + 1)}
    col_map[13], col_map[14] = 14, 13
    row_map = {r: (r if r <= 2 else r + 3) for r in range(1, last_row + 1)}
    index = wb.sheetnames.index(DATA)
    ws = rebuild(wb, DATA, "教科局数据", index, col_map, row_map)
    ws["A3"] = "填报单位（盖章）：古县教育科技局　　统计负责人：王明　　填报日期：2024年1月12日"
    ws.merge_cells("A3:P3")
    # A two-level header: a merged cell over the breakdown columns, and 备注 merged over P:Q.
    ws["I5"] = "分项数据"
    ws.merge_cells("I5:L5")
    ws["I5"].alignment = Alignment(horizontal="center")
    ws["Q6"] = None
    ws.merge_cells("P6:Q6")
    # 本年值（2023年） renamed to a synonym.
    ws["H6"] = "填报值"
    ws.freeze_panes = "D7"
    ws.protection.sheet = False
    # A sheet of their own before the data sheet.
    extra = wb.create_sheet("报送函", index)
    extra["A1"] = "关于报送 2023 年度妇女发展规划监测数据的函"
    extra["A3"] = "县妇儿工委办公室："
    extra["A4"] = "现将我局 2023 年度监测数据报送如下，请审核。"
    extra["A6"] = "古县教育科技局　2024年1月12日"
    extra.column_dimensions["A"].width = 60
    path = OUT / f"edited-layout-教科局-{YEAR}.xlsx"
    wb.save(path)
    return path


# ── no metadata ────────────────────────────────────────────────────────────────────────────────────

HRSS_VALUES = {
    "skills_training_participation_female": {"value": 83.5, "num": 41750, "den": 50000},
    "female_share_employed": {"value": 44.8, "num": 27440, "den": 61250},
    "female_share_urban_unit_employed": {"value": 41.2, "num": 3708, "den": 9000},
    "female_share_senior_professionals": {"value": 47.5, "num": 570, "den": 1200},
    "female_share_skilled_workers": {"value": 36.4, "num": 4368, "den": 12000},
    "pension_insurance_coverage_female": {
        "value": 96.0, "urban": 95.1, "rural": 96.6, "num": 96000, "den": 100000},
    "unemployment_insurance_women_insured": {"value": 18650},
    "work_injury_insurance_women_insured": {"value": 21300},
}


def no_metadata(tmp):
    wb = openpyxl.load_workbook(template("人社局", YEAR, tmp))
    fill(wb[DATA], HRSS_VALUES)
    fill_contact(wb, "陈静", "0357-5287001", "张伟")
    assess(wb, {
        "3.1": ("基本完成", "落实就业优先政策，开展女性专场招聘会 6 场。", "", ""),
        "3.5": ("部分完成", "开展工资支付专项检查。", "同工同酬监测数据不足。", ""),
        "3.6": ("已完成", "督促企业落实女职工劳动保护特别规定。", "", ""),
        "5.1": ("基本完成", "推进全民参保计划。", "", ""),
        "6.7": ("部分完成", "指导用人单位落实生育假期。", "", ""),
    })
    last_row, last_col = wb[DATA].max_row, wb[DATA].max_column
    # The code column (A) deleted: every other column moves one to the left.
    col_map = {c: c - 1 for c in range(2, last_col + 1)}
    row_map = {r: r for r in range(1, last_row + 1)}
    ws = rebuild(wb, DATA, DATA, wb.sheetnames.index(DATA), col_map, row_map)
    ws.freeze_panes = "C4"
    ws.protection.sheet = False
    wb.remove(wb[META])
    path = OUT / f"no-metadata-人社局-{YEAR}.xlsx"
    wb.save(path)
    return path


# ── rule violations ────────────────────────────────────────────────────────────────────────────────


def rule_violations(tmp):
    wb = openpyxl.load_workbook(template("人社局", YEAR, tmp))
    ws = wb[DATA]
    values = copy.deepcopy(HRSS_VALUES)
    # Female count larger than the total: 女性就业人员数 68,500 > 就业人员总数 61,250.
    values["female_share_employed"] = {"value": 44.8, "num": 68500, "den": 61250}
    # Numerator ÷ denominator (35.0%) disagrees with the rate (41.2%).
    values["female_share_urban_unit_employed"] = {"value": 41.2, "num": 3150, "den": 9000}
    # A required indicator left empty.
    values["female_share_senior_professionals"] = {}
    # 120 in a percent cell.
    values["female_share_skilled_workers"] = {"value": 120}
    # The total rate (96.0) is not between the urban (97.5) and rural (98.1) rates.
    values["pension_insurance_coverage_female"] = {
        "value": 96.0, "urban": 97.5, "rural": 98.1, "num": 96000, "den": 100000}
    fill(ws, values)
    # The department unprotected the sheet and added rows below the table: a copy of an indicator
    # row with another value, and an indicator of its own.
    ws.protection.sheet = False
    last = ws.max_row
    dup, unknown = last + 1, last + 2
    src = rows_by_code(ws)["skills_training_participation_female"]
    for c in range(1, ws.max_column + 1):
        ws.cell(dup, c).value = ws.cell(src, c).value
        ws.cell(dup, c)._style = copy.copy(ws.cell(src, c)._style)
        ws.cell(unknown, c)._style = copy.copy(ws.cell(src, c)._style)
    ws[f"H{dup}"], ws[f"M{dup}"], ws[f"N{dup}"] = 82.0, 41000, 50000
    ws[f"A{unknown}"] = "female_share_entrepreneurs"
    ws[f"B{unknown}"] = "妇女与经济"
    ws[f"C{unknown}"] = "女性创业者占比"
    ws[f"D{unknown}"] = "%"
    ws[f"E{unknown}"] = None
    ws[f"H{unknown}"] = 35.2
    ws[f"M{unknown}"] = ws[f"N{unknown}"] = None
    ws[f"O{unknown}"] = "县就业服务中心"
    fill_contact(wb, "陈静", "0357-5287001", "张伟")
    path = OUT / f"rule-violations-人社局-{YEAR}.xlsx"
    wb.save(path)
    return path, dup, unknown


# ── wrong year, old version ────────────────────────────────────────────────────────────────────────

CIVIL_VALUES = {
    "female_share_village_heads": {"value": 18.5},
    "female_share_village_committees": {"value": 31.2, "num": 936, "den": 3000},
    "female_share_residents_committees": {"value": 52.4, "num": 262, "den": 500},
    "female_share_social_org_leaders": {"value": 28.6},
}
CIVIL_ASSESS = {c: ("基本完成", "按计划推进。", "", "") for c in ("5.5", "5.6", "5.7", "6.2", "6.3", "6.5")}


def wrong_year(tmp):
    # Last year's template, filled with this year's numbers and sent as the 2023 return.
    wb = openpyxl.load_workbook(template("民政局", YEAR - 1, tmp))
    fill(wb[DATA], CIVIL_VALUES)
    fill_contact(wb, "杨帆", "0357-5255120", "郭勇")
    assess(wb, CIVIL_ASSESS)
    path = OUT / f"wrong-year-民政局-{YEAR}.xlsx"
    wb.save(path)
    return path


def old_version(tmp):
    wb = openpyxl.load_workbook(template("民政局", YEAR, tmp))
    fill(wb[DATA], CIVIL_VALUES)
    fill_contact(wb, "杨帆", "0357-5255120", "郭勇")
    assess(wb, CIVIL_ASSESS)
    set_meta(wb, "template_version", "0")
    path = OUT / f"old-version-民政局-{YEAR}.xlsx"
    wb.save(path)
    return path


# ── LibreOffice copies ─────────────────────────────────────────────────────────────────────────────


def convert(paths, tmp):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("soffice not found: .xls / .ods copies not made", file=sys.stderr)
        return []
    profile = Path(tmp) / "lo-profile"
    made = []
    for fmt in ("xls", "ods"):
        outdir = Path(tmp) / fmt
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile.resolve()}", "--headless",
             "--convert-to", fmt, "--outdir", str(outdir)] + [str(p) for p in paths],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300,
        )
        for p in paths:
            converted = outdir / f"{p.stem}.{fmt}"
            if not converted.is_file():
                sys.exit(f"LibreOffice did not write {converted}")
            target = OUT / converted.name
            shutil.move(str(converted), target)
            made.append(target)
    return made


def main():
    if not BIN.is_file() or not Path("Cargo.toml").is_file():
        sys.exit("run from the repository root after `cargo build` (needs target/debug/planeval)")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="planeval-returns-") as tmp:
        made = [clean(tmp), typed_values(tmp), edited_layout(tmp), no_metadata(tmp)]
        path, dup, unknown = rule_violations(tmp)
        made += [path, wrong_year(tmp), old_version(tmp)]
        made += convert([made[0], made[1]], tmp)
    for p in made:
        print(f"{p}  {p.stat().st_size} bytes")
    print(f"rule-violations: duplicated row {dup}, unknown indicator row {unknown}")


if __name__ == "__main__":
    main()
