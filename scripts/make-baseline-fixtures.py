#!/usr/bin/env python3
"""Write the baseline (long-format) fixtures in fixtures/baseline/ (see fixtures/baseline/README.md).

Run from the repository root:  python3 scripts/make-baseline-fixtures.py   (needs openpyxl)
The xlsx is deterministic: fixed document dates and ZIP timestamps.
"""

import datetime
import io
import os
import zipfile

import openpyxl

OUT = os.path.join("fixtures", "baseline")
FIXED = datetime.datetime(2024, 1, 1)

# The CSV as a statistician types it: Chinese headers, Chinese words for sex and area, one bad value.
CSV = """指标编码,指标名称,年份,性别,城乡,数值,数据来源
life_expectancy_female,妇女人均预期寿命,2020,合计,合计,78.1,第七次全国人口普查
maternal_mortality,孕产妇死亡率,2020,合计,合计,16.2,妇幼卫生年报
maternal_mortality,孕产妇死亡率,2020,合计,城镇,12.0,妇幼卫生年报
maternal_mortality,孕产妇死亡率,2020,合计,农村,18.5,妇幼卫生年报
senior_secondary_gross_enrolment,高中阶段毛入学率,2020,女,合计,91.5,教育统计年报
life_expectancy_female,妇女人均预期寿命,2021,合计,合计,78.3,卫健体局测算
health_literacy_female,妇女健康素养水平,2020,合计,合计,不详,健康素养监测
"""


def write_csv():
    with open(os.path.join(OUT, "基期及历年数据.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write(CSV)


def write_xlsx():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "历年数据"
    ws["A1"] = "古县 基期及历年数据（统计局整理）"
    # English headers in another order, a title row above: found by header, not by position.
    ws.append([])
    ws.append(["year", "indicator", "sex", "area", "field", "value", "source"])
    rows = [
        (2020, "hiv_mtct_rate", "total", "total", "value", 1.2, "疾控年报"),
        (2020, "air_quality_good_days_share", "合计", "合计", "数值", 85.2, "生态环境监测"),
        (2021, "air_quality_good_days_share", "合计", "合计", "目标值", 84.0, "市局下达"),
        (2020, "primary_net_enrolment_girls", "女", "合计", "数值", 99.9, "教育统计年报"),
        (2020, "female_share_employed", None, None, None, "45.2%", "人社统计"),
    ]
    for r in rows:
        ws.append(list(r))
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    buf = io.BytesIO()
    wb.save(buf)
    # Rewrite the ZIP with fixed timestamps so the bytes do not change between runs.
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(fixed, data)
    with open(os.path.join(OUT, "基期及历年数据.xlsx"), "wb") as f:
        f.write(out.getvalue())


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    write_csv()
    write_xlsx()
