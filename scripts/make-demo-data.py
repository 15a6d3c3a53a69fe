#!/usr/bin/env python3
"""Write the bundled demo data in fixtures/demo/: five years (2021–2025) of returned department workbooks
for 古县妇女发展"十四五"规划, the 2020 baseline, the external air-quality targets, and fixtures/demo/README.md
(the story table, the planted mistakes with their cells, the file list).

Run from the repository root, after `cargo build`:

    python3 scripts/make-demo-data.py

Needs Python 3.8+, openpyxl, and LibreOffice (`soffice`) for the two 2025 returns saved as .xls / .ods.

What it does:

1. For each year 2021..2025 it runs `target/debug/planeval template --year YEAR --out <tmpdir>` and fills
   every unit's blank template with openpyxl, as the department would: it loads the workbook (everything
   is kept: styles, validation, protection, the hidden `_planeval` metadata sheet), writes only into the
   input cells of the data sheet 指标填报 (found by its header row, columns by their header text) and the
   自评结论 / 采取的主要措施 cells of 定性目标, and saves the copy to
   fixtures/demo/returns/YEAR/填报-<unit>-YEAR.xlsx. Each saved file is read back to make sure the hidden
   metadata sheet survived. Only the lead unit of an indicator fills its row; cooperating units leave
   their 配合 rows empty, as the template asks.
2. The numbers come from STORY below: one designed series per indicator, 2020 (baseline) to 2025, for a
   county of ~90,000 people. Rates that the template asks numerators/denominators for are computed from
   whole counts, so value, numerator and denominator agree at the indicator's decimals; a total rate is
   made from its urban/rural (or female/male) groups, so it always lies between them; counts add up.
3. MISTAKES plants a handful of typical errors (2023 and one 2022 resubmission); one unit does not return
   2025; two 2025 returns are converted by LibreOffice to .xls and .ods.
4. It writes fixtures/demo/baseline.csv (the 2020 values), fixtures/demo/external-targets.csv (the yearly
   targets of the external air-quality indicator) and fixtures/demo/README.md, then runs
   `planeval check` on every year's folder and prints a summary.

Reproducible: no randomness but a seeded RNG; the template's generation time (`generated_at` in the hidden
metadata sheet, the only value the template stamps with the clock) is pinned to the day the round's
templates were issued; document properties and ZIP entry times get fixed per-file dates; what LibreOffice
varies from run to run is normalised (the .ods: dates in meta.xml, ZIP times, the order of master pages and
page-layout names, data-validation base cells; the .xls: the random GUID of each cell note). Running the
script twice gives the same bytes, for a given planeval build (the templates come from it), openpyxl,
zlib and LibreOffice version. Whenever the template layout changes, rerun the script and commit the output.
"""

import csv
import datetime
import hashlib
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from decimal import ROUND_HALF_UP, Decimal

import openpyxl

BIN = os.path.join("target", "debug", "planeval")
OUT = os.path.join("fixtures", "demo")
RETURNS = os.path.join(OUT, "returns")
BASELINE_YEAR = 2020
YEARS = [2021, 2022, 2023, 2024, 2025]
ALL_YEARS = [BASELINE_YEAR] + YEARS
SEED = 20250131
TZ = datetime.timezone(datetime.timedelta(hours=8))

META_SHEET_MARKER = "planeval-template"
ASSESSMENTS = {"A": "已完成", "B": "基本完成", "P": "部分完成", "N": "未完成"}


# ───────────────────────────────────────────────────────────────────────────────────────────────────────
# Numbers


def rhu(x, decimals=0):
    """Round half up (as statistical offices do), returning a Decimal."""
    q = Decimal(1).scaleb(-decimals)
    return Decimal(repr(x) if isinstance(x, float) else str(x)).quantize(q, rounding=ROUND_HALF_UP)


def num(d):
    """A Decimal as the number written into a cell: int when whole-number precision, else float."""
    if d is None:
        return None
    if d == d.to_integral_value() and d.as_tuple().exponent >= 0:
        return int(d)
    return float(d)


class Obs:
    """One year of one indicator as the department reports it."""

    def __init__(self, value=None, female=None, male=None, urban=None, rural=None, num=None, den=None, remark=None):
        self.value, self.female, self.male = value, female, male
        self.urban, self.rural, self.num, self.den = urban, rural, num, den
        self.remark = remark


def plain(values, dec):
    return {y: Obs(value=None if v is None else rhu(v, dec)) for y, v in zip(ALL_YEARS, values)}


def from_counts(nums, dens, scale, dec):
    """Rates computed from whole numerators and denominators."""
    return {
        y: Obs(value=rhu(n / d * scale, dec), num=n, den=d)
        for y, n, d in zip(ALL_YEARS, nums, dens)
    }


def from_rates(rates, dens, scale, dec):
    """Designed rates over designed denominators; the numerator is the nearest whole count and the
    reported rate is recomputed from it, so the three always agree."""
    nums = [int(rhu(r * d / scale)) for r, d in zip(rates, dens)]
    return from_counts(nums, dens, scale, dec)


def area_from_rates(urban_rates, urban_dens, rural_rates, rural_dens, scale, dec, parts=True):
    """A rate with urban/rural groups, all from whole counts: total = (nu + nr) / (du + dr)."""
    out = {}
    for y, ru, du, rr, dr in zip(ALL_YEARS, urban_rates, urban_dens, rural_rates, rural_dens):
        nu, nr = int(rhu(ru * du / scale)), int(rhu(rr * dr / scale))
        o = Obs(
            value=rhu((nu + nr) / (du + dr) * scale, dec),
            urban=rhu(nu / du * scale, dec),
            rural=rhu(nr / dr * scale, dec),
        )
        if parts:
            o.num, o.den = nu + nr, du + dr
        out[y] = o
    return out


def area_mix(urban, rural, urban_weight, dec):
    """A rate with urban/rural groups from a survey: total = weighted mean of the (rounded) groups."""
    out = {}
    for y, u, r in zip(ALL_YEARS, urban, rural):
        u, r = rhu(u, dec), rhu(r, dec)
        t = rhu(float(u) * urban_weight + float(r) * (1 - urban_weight), dec)
        out[y] = Obs(value=t, urban=u, rural=r)
    return out


def sex_from_rates(f_rates, f_pops, m_rates, m_pops, dec):
    out = {}
    for y, rf, pf, rm, pm in zip(ALL_YEARS, f_rates, f_pops, m_rates, m_pops):
        nf, nm = int(rhu(rf * pf / 100)), int(rhu(rm * pm / 100))
        out[y] = Obs(
            value=rhu((nf + nm) / (pf + pm) * 100, dec),
            female=rhu(nf / pf * 100, dec),
            male=rhu(nm / pm * 100, dec),
        )
    return out


def sex_mix(female, male, female_weight, dec):
    out = {}
    for y, f, m in zip(ALL_YEARS, female, male):
        f, m = rhu(f, dec), rhu(m, dec)
        t = rhu(float(f) * female_weight + float(m) * (1 - female_weight), dec)
        out[y] = Obs(value=t, female=f, male=m)
    return out


def remark(series, year, text):
    series[year].remark = text
    return series


# ───────────────────────────────────────────────────────────────────────────────────────────────────────
# The story: one series per reported indicator, 2020 (baseline) … 2025.
#
# 古县: ~90,000 residents, ~44,000 women; ~860 live births in 2020 falling to ~710 in 2025; 124 villages and
# 12 urban communities. Women's share of urban residents ~38%.

FEMALE_POP = [44180, 43960, 43720, 43450, 43180, 42910]
WOMEN_REGULAR_EXERCISE = [14820, 15360, 15910, 16680, 17450, 18260]
MOTHERS = [862, 815, 771, 738, 746, 709]  # 产妇数 ≈ live births
SCIENCE_LITERACY_FEMALE = area_mix(
    [8.9, 9.6, 10.4, 11.3, 12.1, 12.8], [3.9, 4.3, 4.8, 5.4, 6.1, 6.9], 0.38, 1
)


def build_story():
    s = {}
    # ── (1) health
    s["life_expectancy_female"] = plain([77.6, 77.8, 78.0, 78.4, 78.4, 78.5], 1)
    s["healthy_life_expectancy_female"] = plain([68.9, 69.1, 69.4, 69.6, None, None], 1)
    for y in (2024, 2025):
        remark(s["healthy_life_expectancy_female"], y, "省级健康预期寿命专项测算2024年起暂停，本年无测算结果")
    mm = {}
    for y, total, urban in zip(
        ALL_YEARS, [18.0, 17.3, 16.1, 15.0, 14.0, 13.0], [12.1, 11.9, 11.5, 11.0, 10.6, 10.2]
    ):
        # Urban women have ~40% of the births; rural chosen so that 0.4·urban + 0.6·rural ≈ total.
        rural = rhu((total - 0.4 * urban) / 0.6, 1)
        mm[y] = Obs(
            value=rhu(total, 1),
            urban=rhu(urban, 1),
            rural=rural,
            remark=f"本县年活产约{MOTHERS[y - BASELINE_YEAR]}例，孕产妇死亡属小概率事件，"
            f"比率按{y - 2}–{y}年三年滑动平均测算，分子分母不单独填报",
        )
    s["maternal_mortality"] = mm
    s["cervical_cancer_screening_rate"] = area_from_rates(
        [44.0, 47.5, 50.2, 53.8, 57.1, 60.3], [7610, 7640, 7660, 7690, 7700, 7720],
        [35.0, 38.6, 41.9, 45.2, 48.4, 51.5], [12420, 12330, 12240, 12150, 12040, 11930], 100, 1,
    )
    s["breast_cancer_screening_rate"] = area_from_rates(
        [41.0, 44.2, 47.0, 50.1, 53.0, 56.2], [7610, 7640, 7660, 7690, 7700, 7720],
        [31.8, 35.0, 38.1, 41.3, 44.6, 47.7], [12420, 12330, 12240, 12150, 12040, 11930], 100, 1,
    )
    s["induced_abortion_rate"] = from_rates(
        [10.8, 10.5, 10.1, 9.7, 9.4, 9.0], [19620, 19380, 19110, 18850, 18600, 18340], 1000, 1
    )
    s["hiv_mtct_rate"] = plain([0, 0, 0, 0, 0, 0], 2)
    for y, n in zip(ALL_YEARS, [2, 1, 2, 2, 1, 2]):
        remark(s["hiv_mtct_rate"], y, f"HIV感染孕产妇所生儿童{n}例，均未感染")
    syph_n, syph_d = [1, 1, 1, 1, 0, 0], [23, 24, 26, 27, 25, 22]
    s["syphilis_mtct_rate"] = plain([n / d * 100 for n, d in zip(syph_n, syph_d)], 2)
    for y, n, d in zip(ALL_YEARS, syph_n, syph_d):
        remark(s["syphilis_mtct_rate"], y, f"梅毒感染孕产妇所生儿童{d}例，确诊先天梅毒{n}例")
    hbv_n, hbv_d = [1, 1, 1, 0, 1, 0], [66, 68, 72, 70, 75, 71]
    s["hepatitis_b_mtct_rate"] = plain([n / d * 100 for n, d in zip(hbv_n, hbv_d)], 2)
    for y, n, d in zip(ALL_YEARS, hbv_n, hbv_d):
        remark(s["hepatitis_b_mtct_rate"], y, f"乙肝表面抗原阳性孕产妇所生儿童{d}例，感染{n}例")
    # growth_slows: the yearly rise shrinks (+0.34, +0.28, +0.22, +0.16, +0.10) …
    s["anxiety_prevalence_female"] = plain([3.12, 3.46, 3.74, 3.96, 4.12, 4.22], 2)
    # … and here it does not (+0.14, +0.16, +0.15, +0.17, +0.18).
    s["depression_prevalence_female"] = plain([2.41, 2.55, 2.71, 2.86, 3.03, 3.21], 2)
    s["health_literacy_female"] = area_mix(
        [24.1, 25.6, 27.0, 28.7, 30.4, 32.0], [15.3, 16.9, 18.6, 20.4, 22.5, 24.5], 0.38, 1
    )
    s["maternal_anemia_prevalence"] = from_rates([14.8, 14.1, 13.2, 12.6, 11.9, 11.2], MOTHERS, 100, 1)
    s["women_regular_exercise"] = plain(WOMEN_REGULAR_EXERCISE, 0)
    s["sports_population_share_female"] = plain(
        [n / p * 100 for n, p in zip(WOMEN_REGULAR_EXERCISE, FEMALE_POP)], 1
    )
    s["physical_fitness_pass_rate_female"] = plain([88.6, 88.9, 89.2, 89.5, 89.9, 90.3], 1)

    # ── (2) education
    dens = [3912, 3868, 3821, 3790, 3742, 3688]
    s["primary_net_enrolment_girls"] = from_counts(
        [d - k for d, k in zip(dens, [1, 1, 1, 1, 0, 0])], dens, 100, 2
    )
    dens = [2086, 2064, 2051, 2040, 2018, 1996]
    s["junior_secondary_net_enrolment_girls"] = from_counts(
        [d - k for d, k in zip(dens, [1, 1, 1, 1, 1, 0])], dens, 100, 2
    )
    s["senior_secondary_gross_enrolment"] = sex_from_rates(
        [92.6, 93.4, 94.0, 94.5, 94.9, 95.3], [1642, 1630, 1618, 1604, 1590, 1575],
        [89.9, 90.7, 91.3, 91.8, 92.2, 92.6], [1781, 1768, 1754, 1739, 1722, 1706], 1,
    )
    s["vocational_share_female_senior_secondary"] = from_rates(
        [31.8, 32.4, 33.1, 33.5, 34.2, 34.8], [3310, 3280, 3254, 3230, 3198, 3170], 100, 1
    )
    s["skills_training_participation_female"] = from_rates(
        [52.0, 58.4, 63.9, 68.7, 73.5, 78.2], [21460, 21520, 21580, 21610, 21650, 21700], 100, 1
    )
    # The outlier: 2024 jumps by half and falls back in 2025 (no remark — it is for the reviewer to query).
    s["female_sci_tech_talent"] = plain([1236, 1268, 1301, 1335, 2046, 1402], 0)
    s["science_literacy_female"] = SCIENCE_LITERACY_FEMALE
    s["science_literacy_gender_gap"] = sex_mix(
        [float(SCIENCE_LITERACY_FEMALE[y].value) for y in ALL_YEARS],
        [9.9, 10.4, 10.9, 11.4, 11.8, 12.2], 0.49, 1,
    )
    s["illiteracy_rate_young_women"] = plain([0.42, 0.38, 0.35, 0.31, 0.29, 0.27], 2)
    s["schooling_years_working_age_female"] = plain([10.2, 10.3, 10.5, 10.6, 10.8, 10.9], 1)

    # ── (3) economy
    s["female_share_employed"] = from_rates(
        [44.8, 44.9, 45.1, 45.2, 45.2, 45.3], [48200, 48350, 48500, 48620, 48700, 48760], 100, 1
    )
    s["female_share_urban_unit_employed"] = from_rates(
        [37.2, 37.6, 38.0, 38.4, 38.7, 39.1], [9760, 9840, 9910, 9985, 10040, 10120], 100, 1
    )
    s["female_share_senior_professionals"] = from_rates(
        [35.6, 36.4, 37.2, 38.1, 38.9, 39.8], [858, 872, 889, 903, 918, 930], 100, 1
    )
    s["female_share_skilled_workers"] = from_rates(
        [28.4, 29.1, 29.9, 30.6, 31.4, 32.1], [6180, 6320, 6470, 6610, 6760, 6890], 100, 1
    )

    # ── (4) decision-making
    s["female_share_party_members"] = from_rates(
        [26.1, 26.5, 26.9, 27.3, 27.6, 28.0], [5620, 5660, 5700, 5730, 5760, 5790], 100, 1
    )
    s["female_share_party_congress_delegates"] = from_counts(
        [55, 58, 58, 57, 58, 58], [200, 200, 199, 196, 197, 197], 100, 1
    )
    s["female_share_peoples_congress_deputies"] = from_counts(
        [46, 48, 48, 48, 49, 49], [172, 170, 170, 169, 170, 168], 100, 1
    )
    s["female_share_peoples_congress_standing"] = plain(
        [n / d * 100 for n, d in zip([4, 5, 5, 5, 5, 5], [25, 25, 25, 24, 24, 24])], 1
    )
    s["female_share_cppcc_members"] = from_counts(
        [37, 39, 40, 40, 41, 41], [150, 151, 151, 150, 151, 150], 100, 1
    )
    s["female_share_cppcc_standing"] = plain(
        [n / d * 100 for n, d in zip([5, 6, 6, 6, 6, 6], [29, 30, 30, 29, 29, 29])], 1
    )
    s["female_share_leadership_teams"] = plain([13.6, 14.1, 14.8, 15.2, 15.9, 16.4], 1)
    s["female_share_enterprise_leadership"] = plain([18.2, 18.5, 18.3, 18.9, 19.4, 19.8], 1)
    s["female_share_principal_posts"] = plain([9.8, 10.1, 10.4, 10.9, 11.2, 11.7], 1)
    s["female_share_workers"] = plain([41.2, 41.5, 41.8, 42.0, 42.3, 42.5], 1)
    # matches ±5 the share of women workers; 2022 is 5.3 points below.
    s["female_share_workers_congress"] = plain([37.8, 38.2, 36.5, 38.9, 39.6, 40.3], 1)
    s["female_share_village_party_committees"] = plain([18.6, 22.4, 22.6, 22.9, 23.1, 23.4], 1)
    # Regressing: 14 of 124 village Party secretaries are women in 2020, 11 in 2025.
    s["female_share_village_party_secretaries"] = plain(
        [n / 124 * 100 for n in [14, 14, 13, 12, 12, 11]], 1
    )
    s["female_share_village_heads"] = plain([10.2, 11.0, 11.0, 11.6, 11.9, 12.4], 1)
    s["female_share_village_committees"] = from_counts(
        [138, 148, 148, 150, 152, 154], [562, 548, 548, 546, 546, 544], 100, 1
    )
    # Regressing: residents' committees drift from 42 of 84 members to 37.
    s["female_share_residents_committees"] = from_counts([42, 41, 40, 39, 38, 37], [84] * 6, 100, 1)
    s["female_share_social_org_leaders"] = plain([21.5, 22.0, 22.6, 23.3, 24.1, 24.8], 1)

    # ── (5) social security
    s["medical_insurance_coverage_female"] = area_from_rates(
        [95.6, 95.9, 95.1, 94.6, 95.0, 95.5], [15120, 15260, 15380, 15470, 15560, 15640],
        [96.4, 96.7, 96.2, 95.6, 95.9, 96.3], [27860, 27540, 27210, 26880, 26560, 26230], 100, 1,
    )
    s["maternity_insurance_coverage"] = plain([31.5, 32.8, 33.6, 34.9, 35.7, 36.8], 1)
    s["pension_insurance_coverage_female"] = area_from_rates(
        [93.8, 94.5, 95.2, 95.7, 96.0, 96.2], [11420, 11560, 11690, 11800, 11900, 12000],
        [91.9, 92.8, 93.6, 94.2, 94.9, 95.2], [19780, 19560, 19330, 19100, 18880, 18650], 100, 1,
    )
    s["unemployment_insurance_women_insured"] = plain([2860, 2950, 3040, 3150, 3290, 3420], 0)
    s["work_injury_insurance_women_insured"] = plain([3540, 3660, 3790, 3920, 4070, 4210], 0)

    # ── (6) family: the gap between women's and men's housework minutes widens (86 → 97).
    out = {}
    for y, f, m in zip(ALL_YEARS, [138, 139, 141, 142, 144, 146], [52, 52, 51, 50, 50, 49]):
        out[y] = Obs(value=rhu((f + m) / 2, 0), female=rhu(f), male=rhu(m))
    s["housework_time_gender_gap"] = out

    # ── (7) environment
    s["air_quality_good_days_share"] = plain([78.4, 81.2, 80.9, 82.3, 81.8, 79.7], 1)
    s["rural_tap_water_coverage"] = plain([96.5, 96.8, 95.6, 96.4, 96.9, 97.3], 1)
    remark(s["rural_tap_water_coverage"], 2022, "2021年10月洪涝灾害损毁部分农村供水管网，2022年底前完成修复")
    s["urban_drinking_water_source_quality"] = plain(
        [n / 24 * 100 for n in [22, 23, 23, 24, 24, 24]], 1
    )
    s["rural_sanitary_toilet_coverage"] = plain([68.5, 72.4, 75.8, 78.9, 81.2, 82.6], 1)
    return s


EXTERNAL_TARGETS = {"air_quality_good_days_share": {2021: 80.0, 2022: 80.5, 2023: 81.0, 2024: 81.5, 2025: 82.0}}

# What each series is meant to show: (category, reading at mid-term 2023, reading at final 2025).
READING = {
    "life_expectancy_female": ("met", "78.4 ≥ 78.1: met early", "78.5: met"),
    "healthy_life_expectancy_female": ("no data", "rising: met", "no data 2024–2025 (填“无”): missing-data warning; met on 2023's value (two years old, within the age limit)"),
    "maternal_mortality": ("behind", "15.0 > 12.5: improving but behind", "13.0 > 12.5: not met, improving"),
    "cervical_cancer_screening_rate": ("met", "rising", "rising: met"),
    "breast_cancer_screening_rate": ("met", "rising", "rising: met"),
    "induced_abortion_rate": ("met", "falling", "falling: met"),
    "hiv_mtct_rate": ("met", "0.00 ≤ 2.5", "0.00 ≤ 2.5: met"),
    "syphilis_mtct_rate": ("met", "falling (small numbers: 1 case a year; `small_counts`: no fluctuation warning)", "0 cases since 2024: met"),
    "hepatitis_b_mtct_rate": ("met", "falling, 0–1 case a year (`small_counts`: no fluctuation warning)", "falling overall: met"),
    "anxiety_prevalence_female": ("growth slows", "rises by less each year", "growth slows: met"),
    "depression_prevalence_female": ("behind", "rises +0.14, +0.16, +0.15: not slowing; +0.15 against +0.14 is within rounding of two decimals, so slow progress, not regressing", "rise not slowing (+0.14 → +0.18): not met"),
    "health_literacy_female": ("met", "rising in town and village", "rising: met"),
    "maternal_anemia_prevalence": ("met", "falling", "falling: met"),
    "women_regular_exercise": ("met", "rising", "rising: met"),
    "sports_population_share_female": ("behind", "38.4 < 50: behind", "42.6 < 50: not met"),
    "physical_fitness_pass_rate_female": ("met", "89.5 < 90: on track", "90.3 ≥ 90: met"),
    "primary_net_enrolment_girls": ("met", "≥ 99.95 every year", "met"),
    "junior_secondary_net_enrolment_girls": ("met", "99.95 every year (at the bound)", "met"),
    "senior_secondary_gross_enrolment": ("behind", "93.1 < 95: behind", "93.9 < 95: not met"),
    "vocational_share_female_senior_secondary": ("met", "rising", "rising: met"),
    "skills_training_participation_female": ("behind", "68.7 < 80, on the straight path (progress ratio 0.99): on track", "78.2: 1.8 short, beyond 5% of the 28 points asked for (1.4): not met"),
    "female_sci_tech_talent": ("fluctuating", "rising", "2024 outlier (2046, 678 above the trend of the other years, 1368): the fluctuation warning names 2024 (annual 2024 and final), not 2025, which is back on trend; rising: met"),
    "science_literacy_female": ("met", "rising", "rising: met"),
    "science_literacy_gender_gap": ("met", "gap 4.1 → 3.8: narrowing", "gap 3.1: narrowed"),
    "illiteracy_rate_young_women": ("met", "2023 left empty (R210): judged on 2022 (0.35): met, with a missing-data warning (an empty cell rejected nothing)", "falling: met"),
    "schooling_years_working_age_female": ("behind", "10.6 < 11.6: behind", "10.9 < 11.6: not met"),
    "female_share_employed": ("met", "“约45%” (V102): within 45 ± 2", "within 45 ± 2: met"),
    "female_share_urban_unit_employed": ("met", "within 40 ± 2 since 2022", "39.1: met"),
    "female_share_senior_professionals": ("met", "rising", "rising: met"),
    "female_share_skilled_workers": ("met", "rising", "rising: met"),
    "female_share_party_members": ("reference", "reference for delegates", "reference"),
    "female_share_party_congress_delegates": ("met", "29.1 ≥ 27.3 party members: met", "29.4 ≥ 28.0: met"),
    "female_share_peoples_congress_deputies": ("met", "rising", "rising: met"),
    "female_share_peoples_congress_standing": ("met", "rising", "rising: met"),
    "female_share_cppcc_members": ("met", "rising", "统战部 returned nothing for 2025: last value 2024"),
    "female_share_cppcc_standing": ("met", "rising", "统战部 returned nothing for 2025: last value 2024"),
    "female_share_leadership_teams": ("met", "rising", "rising: met"),
    "female_share_enterprise_leadership": ("met", "rising (dip 2022)", "rising: met"),
    "female_share_principal_posts": ("met", "rising", "rising: met"),
    "female_share_workers": ("reference", "reference for workers' congress", "reference"),
    "female_share_workers_congress": ("matches", "within ±5 of workers (2022: 5.3 below, out)", "40.3 vs 42.5: matches"),
    "female_share_village_party_committees": ("met", "rising", "rising: met"),
    "female_share_village_party_secretaries": ("regressing", "11.3 → 9.7: falling two years running", "8.9: regressing"),
    "female_share_village_heads": ("met", "rising", "rising: met"),
    "female_share_village_committees": ("met", "27.5 < 28: behind", "28.3 within 30 ± 2: met"),
    "female_share_residents_committees": ("regressing", "46.4 outside 50 ± 2, falling", "44.0: not met (50 ± 2 was met in 2020, so no allowance but rounding)"),
    "female_share_social_org_leaders": ("met", "rising", "rising: met"),
    "medical_insurance_coverage_female": ("met", "2023 typed as fractions (V103, rejected) and never corrected: 2022's 95.8 does not count as met — no data, with a stale-data warning", "≥ 95 every reported year (2023 has none): met"),
    "maternity_insurance_coverage": ("met", "rising", "rising: met"),
    "pension_insurance_coverage_female": ("met", "94.8 < 95: on track", "≥ 95 since 2024: met"),
    "unemployment_insurance_women_insured": ("met", "rising", "rising: met"),
    "work_injury_insurance_women_insured": ("met", "rising", "rising: met"),
    "housework_time_gender_gap": ("gap widens", "gap 86 → 92 min: widening", "gap 97 min: not met"),
    "air_quality_good_days_share": ("external", "82.3 ≥ 81.0 target: met (each year 2021–2024)", "79.7 < 82.0 target: not met in 2025"),
    "rural_tap_water_coverage": ("maintain broken", "95.6 in 2022 < 96: broken", "broken in 2022 (recovered since)"),
    "urban_drinking_water_source_quality": ("met", "100", "rising to 100: met"),
    "rural_sanitary_toilet_coverage": ("behind", "78.9 < 83, on the straight path to the band (progress ratio 1.05): on track", "82.6: 0.4 short of the band 85 ± 2, within 5% of the 14.5 points asked for (0.725): basically achieved"),
}


def check_story(s):
    """The readings above hold for the computed numbers."""
    v = lambda code, y: float(s[code][y].value)
    assert v("life_expectancy_female", 2023) >= 78.1 and v("life_expectancy_female", 2025) == 78.5
    assert [v("maternal_mortality", y) for y in (2020, 2023, 2025)] == [18.0, 15.0, 13.0]
    assert v("pension_insurance_coverage_female", 2023) < 95 <= v("pension_insurance_coverage_female", 2024)
    assert v("pension_insurance_coverage_female", 2025) >= 95
    assert all(v("medical_insurance_coverage_female", y) >= 95 for y in ALL_YEARS)
    assert all(v("primary_net_enrolment_girls", y) >= 99.95 for y in ALL_YEARS)
    assert all(v("junior_secondary_net_enrolment_girls", y) >= 99.95 for y in ALL_YEARS)
    assert v("rural_tap_water_coverage", 2022) < 96 and all(
        v("rural_tap_water_coverage", y) >= 96 for y in ALL_YEARS if y != 2022
    )
    res = [v("female_share_residents_committees", y) for y in ALL_YEARS]
    assert res[0] == 50.0 and all(a > b for a, b in zip(res, res[1:])) and abs(res[-1] - 50) > 2
    sec = [v("female_share_village_party_secretaries", y) for y in ALL_YEARS]
    assert sec[1] > sec[2] > sec[3] and sec[-1] < sec[0]
    assert 38 <= v("female_share_urban_unit_employed", 2022) and v("female_share_urban_unit_employed", 2021) < 38
    assert all(abs(v("female_share_employed", y) - 45) <= 2 for y in ALL_YEARS)
    assert abs(v("female_share_village_committees", 2025) - 30) <= 2 < abs(v("female_share_village_committees", 2023) - 30)
    assert v("skills_training_participation_female", 2025) < 80
    assert v("sports_population_share_female", 2025) < 50
    for y in ALL_YEARS:
        assert v("female_share_party_congress_delegates", y) >= v("female_share_party_members", y)
        ok = abs(v("female_share_workers_congress", y) - v("female_share_workers", y)) <= 5
        assert ok == (y != 2022), y
        if y in EXTERNAL_TARGETS["air_quality_good_days_share"]:
            met = v("air_quality_good_days_share", y) >= EXTERNAL_TARGETS["air_quality_good_days_share"][y]
            assert met == (y != 2025), y
    rises = [v("anxiety_prevalence_female", b) - v("anxiety_prevalence_female", a) for a, b in zip(ALL_YEARS, ALL_YEARS[1:])]
    assert all(r > 0 for r in rises) and all(a > b for a, b in zip(rises, rises[1:]))
    sci = s["science_literacy_gender_gap"]
    assert [float(sci[y].male - sci[y].female) for y in (2020, 2023, 2025)] == [4.1, 3.8, 3.1]
    hw = [s["housework_time_gender_gap"][y] for y in ALL_YEARS]
    gaps = [float(o.female - o.male) for o in hw]
    assert all(a < b for a, b in zip(gaps, gaps[1:]))
    # Every total lies between its groups, every rate agrees with its parts.
    for code, series in s.items():
        for y, o in series.items():
            for a, b in ((o.urban, o.rural), (o.female, o.male)):
                if a is not None and o.value is not None:
                    assert min(a, b) <= o.value <= max(a, b), (code, y)


# ───────────────────────────────────────────────────────────────────────────────────────────────────────
# Planted mistakes and missing returns

# (year, unit, indicator, field) → what the department typed instead (None: left empty).
MISTAKES = [
    # 2023: an approximation, numerator/denominator left out.
    (2023, "人社局", "female_share_employed", "value", "约45%", "V102",
     "typed “约45%” (approximate: read as 45 with a warning); numerator/denominator left empty"),
    (2023, "人社局", "female_share_employed", "num", None, None, None),
    (2023, "人社局", "female_share_employed", "den", None, None, None),
    # 2023: the unit typed after the number (read; the unit is the indicator's own).
    (2023, "卫健体局", "life_expectancy_female", "value", "78.4岁", "unit-suffix",
     "typed “78.4岁” as text: read as 78.4, no diagnostic (rules number-as-text, unit-suffix)"),
    # 2023: a required indicator left empty.
    (2023, "教科局", "illiteracy_rate_young_women", "value", None, "R210",
     "本年值 left empty: required indicator missing (error)"),
    # 2023: percentages typed as fractions (cells formatted as % in their own working copy).
    (2023, "医保局", "medical_insurance_coverage_female", "value", 0.952, "V103",
     "0.952 for 95.2%: rejected, never rescaled"),
    (2023, "医保局", "medical_insurance_coverage_female", "urban", 0.946, "V103", "0.946 for 94.6%: rejected"),
    (2023, "医保局", "medical_insurance_coverage_female", "rural", 0.956, "V103", "0.956 for 95.6%: rejected"),
    # 2022 (first return): a numerator typo, 158 for 148, so 分子 ÷ 分母 disagrees with the rate.
    (2022, "民政局", "female_share_village_committees", "num", 158, "R206",
     "分子 typed 158 instead of 148: 158 ÷ 548 = 28.8% ≠ 27.0% (error); corrected in the resubmission"),
]
# The resubmission: 民政局 sends its whole 2022 return again, corrected, named …-更正.xlsx.
CORRECTION = (2022, "民政局", "female_share_village_committees",
              "更正：原报分子158系笔误，应为148（2023年3月更正）")
# Units that returned nothing for a year.
NOT_RETURNED = {2025: ["统战部"]}
# 2025 returns saved through LibreOffice in another format (the xlsx is replaced).
CONVERTED = {2025: {"组织部": "xls", "妇联": "ods"}}


# ───────────────────────────────────────────────────────────────────────────────────────────────────────
# Qualitative objectives: the lead unit's self-assessment 2021..2025 (A 已完成, B 基本完成, P 部分完成,
# N 未完成) and its main measure.

QUAL_TRACK = {
    "1.10": "AAAAA", "2.1": "AAAAA", "5.5": "AAAAA", "6.1": "AAAAA", "8.4": "AAAAA", "8.6": "AAAAA",
    "8.7": "AAAAA", "8.8": "AAAAA", "3.7": "BBBAA", "4.1": "BBBAA", "6.5": "BBBAA", "8.3": "BBBAA",
    "3.6": "BBBBA", "3.8": "BBBBA", "6.3": "PPPPP", "5.7": "PPPPP", "7.3": "PPPBB", "7.2": "NNNPP",
}
QUAL_DEFAULT = "BBAAA"
MEASURES = {
    "1.10": "推进县妇幼保健计生服务中心标准化建设，落实孕产妇和儿童健康管理服务",
    "2.1": "开展“巾帼心向党”主题宣讲和“巾帼建功”评选活动",
    "2.2": "在中小学开设性别平等教育课程，组织教材和课堂教学性别平等审查",
    "3.1": "落实就业创业扶持政策，发放“巾帼创业贷”，举办女性专场招聘会",
    "3.5": "开展劳动保障监察专项检查，督促用人单位落实男女同工同酬",
    "3.6": "推动签订女职工权益保护专项集体合同，开展女职工劳动保护检查",
    "3.7": "在农村土地承包经营权和宅基地确权登记中落实妇女权益",
    "3.8": "对农村低收入妇女开展技能培训和产业帮扶，落实防止返贫监测",
    "3.9": "培育“巾帼新农人”和女致富带头人，支持妇女发展特色种养和乡村旅游",
    "4.1": "在换届选举中落实女性候选人比例，举办女干部专题培训班",
    "5.1": "推进全民参保计划，将灵活就业妇女纳入社会保险覆盖范围",
    "5.5": "落实最低生活保障和特困供养政策，对困难妇女开展临时救助",
    "5.6": "落实高龄津贴和残疾人两项补贴，提高老年、残疾妇女福利水平",
    "5.7": "建设乡镇养老服务中心和农村互助幸福院，开展失能老人照护服务",
    "5.8": "开展“春风送暖”和“两癌”困难妇女救助等关爱帮扶活动",
    "6.1": "开展“最美家庭”评选和家庭文明建设宣传活动",
    "6.2": "落实育儿补贴和托育服务支持政策，推动家庭发展支持政策落地",
    "6.3": "发展社区托育和居家养老服务，开展家政服务技能培训",
    "6.4": "建设家长学校和家庭教育指导服务站点，开展家教家风宣讲",
    "6.5": "设立婚姻家庭辅导室，开展婚姻家庭纠纷排查调解",
    "6.7": "督促用人单位落实产假、育儿假和哺乳时间等制度",
    "7.1": "将男女平等基本国策纳入党校培训和普法宣传，开展“五进”活动",
    "7.2": "着手研究文化传媒领域性别平等评估办法，尚未形成监管机制",
    "7.3": "开展农村妇女数字技能和电商直播培训",
    "7.4": "开展“美丽家园”建设和绿色家庭创建活动",
    "7.8": "在公共场所改造中增设母婴室和第三卫生间",
    "7.9": "开展妇女应急避险知识培训，组建巾帼应急志愿服务队",
    "8.1": "对涉及妇女权益的规范性文件开展合法性审查和性别平等评估",
    "8.2": "开展“巾帼普法乡村行”和民法典宣传进村入户",
    "8.3": "落实家庭暴力告诫书和人身安全保护令制度，完善反家暴联动机制",
    "8.4": "开展打击拐卖妇女儿童和性侵违法犯罪专项行动",
    "8.5": "推动机关、企业和学校建立预防性骚扰工作制度",
    "8.6": "开展网络违法犯罪专项整治，打击侵害妇女权益的网络违法行为",
    "8.7": "依法审理婚姻家庭和继承纠纷案件，保障妇女财产权益",
    "8.8": "设立妇女维权法律援助工作站，为困难妇女提供免费法律援助",
}
COOPERATION = {
    "妇联": "组织动员妇女参与，做好宣传和个案转介",
    "教科局": "在学校教育中落实相关内容",
    "总工会": "在企事业单位和职工中推动落实",
    "县医疗集团": "落实诊疗和技术支持",
    "妇幼保健计生服务中心": "提供妇幼保健技术指导",
    "自然资源局": "在不动产登记中落实妇女权益",
    "乡村振兴局": "将妇女纳入帮扶项目",
    "统战部": "在统一战线成员中推荐优秀女性",
    "民政局": "在城乡社区治理和社会救助中落实",
    "医保局": "落实医疗保障待遇",
    "残联": "做好残疾妇女的康复和帮扶",
    "宣传部": "做好新闻宣传和舆论引导",
    "财政局": "保障相关经费投入",
    "人社局": "落实就业和社会保障政策",
    "司法局": "提供法律咨询和人民调解",
    "各乡镇": "在村（社区）组织实施",
    "文旅局": "在文旅场所落实妇女友好设施",
    "融媒体中心": "在县级媒体开设专栏宣传",
    "网信办": "加强网络内容管理",
    "工信局": "在工业企业中推动落实",
    "检察院": "依法履行检察监督职能，开展司法救助",
    "法院": "依法审理相关案件",
}


def assessments_for(code, role, year, rng):
    level = "ABPN"
    lead = QUAL_TRACK.get(code, QUAL_DEFAULT)[year - YEARS[0]]
    if role == "牵头":
        return ASSESSMENTS[lead]
    # A cooperating unit judges its own part: never 未完成, sometimes a step better than the lead.
    i = level.index(lead)
    i = min(i, level.index("P"))
    if i > 0 and rng.random() < 0.3:
        i -= 1
    return ASSESSMENTS[level[i]]


# ───────────────────────────────────────────────────────────────────────────────────────────────────────
# Workbooks


def normalize_header(text):
    """As planeval's layout::normalize_header: bracketed parts, spaces and punctuation removed."""
    out, depth = [], 0
    for c in str(text):
        if c in "(（[【":
            depth += 1
        elif c in ")）]】":
            depth = max(0, depth - 1)
        elif depth > 0 or c.isspace() or c in "：:*＊_-—、/":
            continue
        else:
            out.append(c.lower())
    return "".join(out)


DATA_HEADERS = {
    "指标编码": "code", "本年值": "value", "其中女": "female", "其中男": "male", "其中城镇": "urban",
    "其中农村": "rural", "分子": "num", "分母": "den", "数据来源": "source", "备注": "remark",
}
QUAL_HEADERS = {"目标编码": "code", "本单位职责": "role", "自评结论": "assessment", "采取的主要措施": "measures"}


def find_table(wb, headers, must):
    """(sheet, header row, {field: column}) of the first sheet whose header row names `must`."""
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        for row in ws.iter_rows(min_row=1, max_row=10):
            cols = {}
            for c in row:
                if c.value is not None:
                    f = headers.get(normalize_header(c.value))
                    if f:
                        cols[f] = c.column
            if all(m in cols for m in must):
                return ws, row[0].row, cols
    raise SystemExit(f"no table with {must} in workbook")


def rows_by_code(ws, header_row, code_col):
    return {
        str(ws.cell(row=r, column=code_col).value).strip(): r
        for r in range(header_row + 1, ws.max_row + 1)
        if ws.cell(row=r, column=code_col).value is not None
    }


def fill(path, unit, year, story, catalog, rng, mistakes, planted):
    """Fill one unit's template; return the workbook. Records planted mistakes' cells in `planted`."""
    wb = openpyxl.load_workbook(path)
    ws, header_row, cols = find_table(wb, DATA_HEADERS, ["code", "value"])
    rows = rows_by_code(ws, header_row, cols["code"])
    for code, r in rows.items():
        ind = catalog["indicators"].get(code)
        if ind is None or ind["lead_unit"] != unit:
            continue  # section titles; rows the unit only cooperates on
        o = story[code][year]
        fields = {"value": o.value, "remark": o.remark}
        if "area" in ind["disaggregation"]:
            fields.update(urban=o.urban, rural=o.rural)
        if "sex" in ind["disaggregation"]:
            fields.update(female=o.female, male=o.male)
        if ind["rate"]:
            fields.update(num=o.num, den=o.den)
        if o.value is None:
            fields["value"] = "无"  # no data this year: "not reported", which is not 0
        for (my, mu, mcode, mfield, typed, mcodename, note) in mistakes:
            if (my, mu, mcode) == (year, unit, code):
                fields[mfield] = typed
                if mcodename:
                    # Rules relating several cells (R206) are reported at the value cell.
                    at = "value" if mcodename == "R206" else mfield
                    cell = ws.cell(row=r, column=cols[at]).coordinate
                    if at != mfield:
                        note += f" (typed in {ws.cell(row=r, column=cols[mfield]).coordinate}, reported at the value cell)"
                    planted.append((year, unit, code, mfield, typed, mcodename, cell, note))
        for f, v in fields.items():
            if f not in cols or v is None:
                continue
            ws.cell(row=r, column=cols[f]).value = num(v) if isinstance(v, Decimal) else v

    qws, qheader, qcols = find_table(wb, QUAL_HEADERS, ["code", "assessment"])
    for code, r in rows_by_code(qws, qheader, qcols["code"]).items():
        if code not in catalog["qualitative"]:
            continue
        role = str(qws.cell(row=r, column=qcols["role"]).value or "").strip()
        qws.cell(row=r, column=qcols["assessment"]).value = assessments_for(code, role, year, rng)
        if role == "牵头":
            measure = MEASURES[code]
        else:
            lead = catalog["qualitative"][code]
            measure = f"配合{lead}，{COOPERATION.get(unit, '按职责做好相关工作')}"
        qws.cell(row=r, column=qcols["measures"]).value = f"{year}年：{measure}"
    return wb


def pin_metadata(wb, year):
    """The template stamps `generated_at` with the clock; pin it to the day the round's templates went
    out, so that the fixtures are reproducible. Nothing else in the metadata sheet is touched."""
    for ws in wb.worksheets:
        if ws["A1"].value == META_SHEET_MARKER:
            for r in range(2, ws.max_row + 1):
                if ws.cell(row=r, column=1).value == "generated_at":
                    ws.cell(row=r, column=2).value = f"{year + 1}-01-05T09:00:00+08:00"
            return
    raise SystemExit("template without the metadata sheet")


def zip_info(name, when):
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def iso(dt):
    return dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def save(wb, path, unit, created, modified):
    """Save with fixed document properties and ZIP entry times."""
    wb.properties.created = created.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    wb.properties.lastModifiedBy = unit
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<dcterms:created[^>]*>)[^<]*", r"\g<1>" + iso(created), text)
                text = re.sub(r"(<dcterms:modified[^>]*>)[^<]*", r"\g<1>" + iso(modified), text)
                data = text.encode("utf-8")
            dst.writestr(zip_info(item.filename, modified), data)
    with open(path, "wb") as f:
        f.write(out.getvalue())


def verify_saved(path, unit, year, expect):
    """Read a saved return back: the hidden metadata sheet is there, and the typed cells hold what was
    written."""
    wb = openpyxl.load_workbook(path)
    meta = [ws for ws in wb.worksheets if ws["A1"].value == META_SHEET_MARKER]
    assert len(meta) == 1 and meta[0].sheet_state == "hidden", path
    kv = {meta[0].cell(row=r, column=1).value: meta[0].cell(row=r, column=2).value for r in range(2, meta[0].max_row + 1)}
    assert kv.get("unit") == unit and int(kv.get("year")) == year, (path, kv)
    for (sheet, cell), value in expect.items():
        assert wb[sheet][cell].value == value, (path, sheet, cell, wb[sheet][cell].value, value)


def convert(src, fmt, outdir, profile):
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{os.path.abspath(profile)}", "--headless",
         "--convert-to", fmt, "--outdir", outdir, src],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    out = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + "." + fmt)
    assert os.path.exists(out), out
    return out


def canonical_page_styles(text):
    """LibreOffice writes the master pages of styles.xml, and numbers their page layouts (Mpm1, Mpm2 …),
    in hash order, so the same document comes out differently from one run to the next. Sort the master
    pages by name, renumber the layouts in the order the master pages use them, and write their
    definitions in that order."""
    masters = re.findall(r'<style:master-page style:name="[^"]*".*?</style:master-page>', text, re.S)
    if masters:
        ordered = "".join(sorted(masters, key=lambda m: re.match(r'<style:master-page style:name="([^"]*)"', m)[1]))
        for i, element in enumerate(masters):
            text = text.replace(element, "\1" if i == 0 else "", 1)
        text = text.replace("\1", ordered, 1)
    found = re.findall(r'(<style:page-layout style:name="(Mpm\d+)".*?</style:page-layout>)', text, re.S)
    if not found:
        return text
    layouts = {name: element for element, name in found}
    order = []
    for name in re.findall(r'style:page-layout-name="(Mpm\d+)"', text):
        if name in layouts and name not in order:
            order.append(name)
    order += [n for n in layouts if n not in order]
    rename = {old: f"Mpm{i}" for i, old in enumerate(order, 1)}
    block = "".join(
        layouts[old].replace(f'style:name="{old}"', f'style:name="{rename[old]}"', 1) for old in order
    )
    for i, element in enumerate(layouts.values()):
        text = text.replace(element, "\0" if i == 0 else "", 1)
    text = text.replace("\0", block, 1)
    return re.sub(r'style:page-layout-name="(Mpm\d+)"', lambda m: f'style:page-layout-name="{rename.get(m[1], m[1])}"', text)


def canonical_validation_bases(text):
    """LibreOffice 7.4 writes each data validation's base cell on whichever sheet it happened to be on
    (it varies from run to run). Put it on the sheet whose cells use the validation."""
    used_on = {}
    for sheet, body in re.findall(r'<table:table table:name="([^"]*)"(.*?)</table:table>', text, re.S):
        for name in re.findall(r'table:content-validation-name="([^"]*)"', body):
            used_on.setdefault(name, sheet)

    def fix(m):
        sheet = used_on.get(m[2])
        if sheet is None:
            return m[0]
        return re.sub(r'table:base-cell-address="[^."]*\.', f'table:base-cell-address="{sheet}.', m[0], count=1)

    return re.sub(r'(<table:content-validation table:name="([^"]*)"[^>]*>)', fix, text)


def normalize_xls(data, key):
    """A note (comment) in BIFF8 is an OBJ record whose ftNts sub-record carries a random GUID; LibreOffice
    draws a new one on every save. Replace each with a GUID derived from `key` and the note's index."""
    out = bytearray(data)
    pattern = re.compile(rb"\x5d\x00..\x15\x00\x12\x00\x19\x00.{16}\x0d\x00\x16\x00", re.S)
    for i, m in enumerate(pattern.finditer(data)):
        guid = hashlib.md5(f"{key}#{i}".encode("utf-8")).digest()
        out[m.end():m.end() + 16] = guid
    return bytes(out)


def normalize_ods(data, when):
    """Fixed dates in meta.xml and in the ZIP, page layouts numbered canonically; `mimetype` stays first
    and stored."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S")
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "meta.xml":
                text = body.decode("utf-8")
                text = re.sub(r"(<meta:creation-date>)[^<]*", r"\g<1>" + stamp, text)
                text = re.sub(r"(<dc:date>)[^<]*", r"\g<1>" + stamp, text)
                text = re.sub(r"(<meta:editing-duration>)[^<]*", r"\g<1>PT0S", text)
                text = re.sub(r"(<meta:print-date>)[^<]*", r"\g<1>" + stamp, text)
                body = text.encode("utf-8")
            if item.filename == "content.xml":
                body = canonical_validation_bases(body.decode("utf-8")).encode("utf-8")
            if item.filename == "styles.xml":
                body = canonical_page_styles(body.decode("utf-8")).encode("utf-8")
            info = zip_info(item.filename, when)
            if item.filename == "mimetype":
                info.compress_type = zipfile.ZIP_STORED
            dst.writestr(info, body)
    return out.getvalue()


# ───────────────────────────────────────────────────────────────────────────────────────────────────────
# Catalog, check


def planeval(*args):
    r = subprocess.run([BIN, *args], capture_output=True)
    if r.returncode == 2:
        sys.exit(f"planeval {' '.join(args)} failed:\n{r.stderr.decode()}")
    return r.stdout


def load_catalog():
    cat = json.loads(planeval("catalog", "--json"))
    indicators, qualitative, order = {}, {}, []
    for d in cat["domains"]:
        for o in d["objectives"]:
            if o["kind"] == "qualitative":
                qualitative[o["code"]] = o.get("lead_unit")
            for i in o.get("indicators", []):
                t = i["target"]
                reported = not (t["kind"] == "gap_narrows" and t.get("of"))
                if reported:
                    indicators[i["code"]] = {
                        "name": i["name"], "unit_symbol": i.get("unit_symbol", ""), "decimals": i["decimals"],
                        "lead_unit": i["lead_unit"], "disaggregation": i.get("disaggregation") or [],
                        "rate": i.get("rate"), "source": i.get("source", ""), "domain": d["name"],
                        "target": t,
                    }
                    order.append(i["code"])
    return {"indicators": indicators, "qualitative": qualitative, "order": order}


# ───────────────────────────────────────────────────────────────────────────────────────────────────────
# Outputs


def fmt(d, dec):
    if d is None:
        return "—"
    return f"{float(d):,.{dec}f}" if dec == 0 else f"{float(d):.{dec}f}"


def write_baseline(story, catalog):
    path = os.path.join(OUT, "baseline.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["indicator", "year", "sex", "area", "value", "source"])
        for code in catalog["order"]:
            ind = catalog["indicators"][code]
            o = story[code][BASELINE_YEAR]
            src = f"{ind['source']}，{BASELINE_YEAR}年"
            dec = ind["decimals"]
            rows = [("total", "total", o.value)]
            if "sex" in ind["disaggregation"]:
                rows += [("female", "total", o.female), ("male", "total", o.male)]
            if "area" in ind["disaggregation"]:
                rows += [("total", "urban", o.urban), ("total", "rural", o.rural)]
            for sex, area, v in rows:
                w.writerow([code, BASELINE_YEAR, sex, area, fmt(v, dec).replace(",", ""), src])
    print(f"{path}")


def write_external_targets():
    path = os.path.join(OUT, "external-targets.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["indicator", "year", "target"])
        for code, targets in EXTERNAL_TARGETS.items():
            for y, t in targets.items():
                w.writerow([code, y, f"{t:.1f}"])
    print(f"{path}")


def target_text(t):
    k = t["kind"]
    v = t.get("value")
    vs = f"{v:g}" if v is not None else ""
    return {
        "at_least": f"≥ {vs}", "at_most": f"≤ {vs}", "around": f"{vs} ± {t.get('tolerance', 2):g}",
        "maintain_at_least": f"≥ {vs} every year", "increase": "rise", "decrease": "fall",
        "gap_narrows": f"{t.get('between')} gap narrows", "not_below": f"≥ {t.get('other')}",
        "matches": f"{t.get('other')} ± {t.get('tolerance', 2):g}", "growth_slows": "rise slows",
        "external": "yearly target (external-targets.csv)", "reference": "reference",
    }.get(k, k)


def write_readme(story, catalog, planted, files):
    L = []
    a = L.append
    a("# Demo data: 古县妇女发展“十四五”规划, 2021–2025")
    a("")
    a("Five years of returned department workbooks telling one plausible story, for demos, documentation and")
    a("end-to-end tests. **Everything here is generated by `scripts/make-demo-data.py`** (run it from the")
    a("repository root after `cargo build`; it needs openpyxl and LibreOffice). Do not edit the files by hand:")
    a("change the script and rerun it. The script is deterministic (seeded RNG, pinned dates), so a rerun")
    a("gives the same bytes. `tests/demo_data.rs` checks the 2023 and 2025 returns with `planeval check`.")
    a("")
    a("The county: ~90,000 residents (~44,000 women), ~860 live births in 2020 falling to ~710 in 2025,")
    a("124 villages and 12 urban communities. All figures are invented.")
    a("")
    a("## Try it")
    a("")
    a("```sh")
    a("planeval check fixtures/demo/returns/2023 --year 2023       # the planted mistakes, file!sheet!cell")
    a("planeval check fixtures/demo/returns/2025 --year 2025 -v    # .xls and .ods read like .xlsx")
    a("planeval ingest --store demo-store --baseline fixtures/demo/baseline.csv")
    a("planeval ingest fixtures/demo/returns/2021 --store demo-store --year 2021   # then 2022 … 2025")
    a("```")
    a("")
    a("`填报-民政局-2022-更正.xlsx` must supersede `填报-民政局-2022.xlsx` whatever the order the files are")
    a("listed in (its name sorts first; it is the later file by its document properties and says 更正).")
    a("")
    a("## Files")
    a("")
    a("| path | what |")
    a("| --- | --- |")
    a("| `returns/YEAR/填报-<单位>-YEAR.xlsx` | each responsible unit's filled template for 2021–2025 (from `planeval template`, filled with openpyxl; the hidden `_planeval` sheet is kept) |")
    a("| `returns/2022/填报-民政局-2022-更正.xlsx` | 民政局's corrected resubmission of its 2022 return (supersedes `填报-民政局-2022.xlsx`; saved later: docProps modified 2023-03-16) |")
    a("| `returns/2025/填报-组织部-2025.xls` | the 2025 return of 组织部 saved through LibreOffice as Excel 97–2003 |")
    a("| `returns/2025/填报-妇联-2025.ods` | the 2025 return of 妇联 saved through LibreOffice as OpenDocument |")
    a("| `baseline.csv` | the 2020 baseline of every reported indicator, `indicator,year,sex,area,value,source` (sex ∈ total/female/male, area ∈ total/urban/rural; values only, no numerators/denominators) |")
    a("| `external-targets.csv` | the yearly national targets of the external indicator air_quality_good_days_share, `indicator,year,target` |")
    a("")
    a("Counts per year (files): " + ", ".join(f"{y}: {n}" for y, n in files.items()) +
      ". 统战部 returned nothing for 2025.")
    a("")
    a("Conventions of the returns: only the lead unit fills an indicator's row (cooperating units leave their")
    a("配合 rows empty); rates the template asks numerator/denominator for are filled with whole counts that")
    a("agree with the rate at the indicator's decimals, except maternal mortality (see 备注: a three-year")
    a("moving average over ~800 births a year, so no whole-count numerator fits); a total rate lies between")
    a("its urban/rural or female/male groups. No data for a year is written `无` (not reported, V108), not")
    a("left empty, because every indicator is required and an empty 本年值 is an error (R210). The")
    a("qualitative sheet has 自评结论 and 采取的主要措施 filled for every objective (lead and cooperating).")
    a("`generated_at` in the metadata sheet is pinned to YEAR+1-01-05 (the template stamps the clock).")
    a("")
    a("## The story")
    a("")
    a("Values as the departments meant them (2020 is the baseline from `baseline.csv`). Marks: † planted")
    a("mistake in that year's return (see below); ∅ reported as `无`; — no return. Targets are the plan's.")
    a("")
    a("| # | indicator | unit | target | 2020 | 2021 | 2022 | 2023 | 2024 | 2025 | kind of case | mid-term 2023 | final 2025 |")
    a("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    marks = {(p[0], p[2]) for p in planted}
    for n, code in enumerate(catalog["order"], 1):
        ind = catalog["indicators"][code]
        dec = ind["decimals"]
        cells = []
        for y in ALL_YEARS:
            o = story[code][y]
            if y in NOT_RETURNED and ind["lead_unit"] in NOT_RETURNED[y]:
                cells.append("—")
                continue
            text = "∅" if o.value is None else fmt(o.value, dec)
            extra = []
            if o.urban is not None:
                extra.append(f"城{fmt(o.urban, dec)}/乡{fmt(o.rural, dec)}")
            if o.female is not None:
                extra.append(f"女{fmt(o.female, dec)}/男{fmt(o.male, dec)}")
            if extra:
                text += " (" + "; ".join(extra) + ")"
            if (y, code) in marks:
                text += " †"
            cells.append(text)
        cat, mid, fin = READING[code]
        a(f"| {n} | `{code}` {ind['name']} | {ind['unit_symbol']} | {target_text(ind['target'])} | "
          + " | ".join(cells) + f" | {cat} | {mid} | {fin} |")
    a("")
    mm = story["maternal_mortality"]
    gaps = ", ".join(f"{float(mm[y].rural - mm[y].urban):.1f} in {y}" for y in (BASELINE_YEAR, 2023, 2025))
    a("`maternal_mortality_urban_rural_gap` is not reported: it is derived from maternal mortality's")
    a(f"urban/rural values (rural − urban: {gaps}; narrowing). air_quality_good_days_share targets: " +
      ", ".join(f"{y} {t:.1f}" for y, t in EXTERNAL_TARGETS["air_quality_good_days_share"].items()) + ".")
    a("")
    a("The mix, in short: most indicators are met; behind (moving the right way, too slowly): maternal")
    a("mortality, women's sports participation, senior secondary enrolment, years of schooling, depression (growth")
    a("not slowing); on track at the mid-term but short at the end: skills training (not met) and rural sanitary")
    a("toilets (basically achieved); regressing two years running: female village Party secretaries and women in")
    a("residents' committees; a `maintain_at_least` broken once: rural tap water 95.6 in 2022; a widening gap:")
    a("housework minutes (86 → 97); an outlier: women science and technology professionals 2024; growth slows:")
    a("anxiety; no data 2024–2025: healthy life expectancy; a rejected return never corrected: medical insurance")
    a("2023, so no data at the mid-term; `not_below` met: Party congress delegates vs members; `matches` out of")
    a("tolerance in 2022: workers' congress vs women workers; external: air quality met 2021–2024, missed 2025.")
    a("")
    a("Qualitative objectives (lead unit's 自评结论, 2021→2025): mostly 基本完成 → 已完成; 部分完成 throughout:")
    a("5.7 (long-term care) and 6.3 (socialised housework, matching the widening housework gap); 7.3")
    a("部分完成 → 基本完成 from 2024; 7.2 (gender review of media) 未完成 2021–2023, 部分完成 2024–2025.")
    a("Cooperating units assess their own part (never 未完成).")
    a("")
    a("## Planted mistakes")
    a("")
    a("| year | file | sheet!cell | indicator / field | typed | `planeval check` |")
    a("| --- | --- | --- | --- | --- | --- |")
    for (y, unit, code, field, typed, codename, cell, note) in sorted(planted, key=lambda p: (p[0], p[1], p[6])):
        shown = "(empty)" if typed is None else f"`{typed}`"
        a(f"| {y} | `returns/{y}/填报-{unit}-{y}.xlsx` | 指标填报!{cell} | {code} / {field} | {shown} | **{codename}**: {note} |")
        if (y, unit) == CORRECTION[:2]:
            _, _, ccode, text = CORRECTION
            a(f"| {y} | `returns/{y}/填报-{unit}-{y}-更正.xlsx` | 指标填报!{cell} | {ccode} | (分子 corrected to 148, 备注 added) | clean: the resubmission that supersedes the first {y} file; 备注 “{text}” |")
    a(f"| 2025 | (no file) | — | 统战部's indicators | — | 统战部 did not return 2025 |")
    a("")
    a("All other files check clean (no errors, no warnings; `无` gives the info V108).")
    a("")
    a("## What the templates do not carry")
    a("")
    a("- 基期值 and 上年值 columns are blank (no store to fill them from yet), so the R211 jump check and the")
    a("  last-year magnitude hint of V103 do not fire on these files; the 2024 outlier is only visible in")
    a("  the evaluation.")
    a("- The value cells' input prompt says “无数据请留空并在备注说明原因”, while an empty required value is R210")
    a("  and its hint asks for `无`; the demo follows the hint.")
    a("- `generated_at` is stamped with the clock (no way to pin it), so the script pins it.")
    a("")
    path = os.path.join(OUT, "README.md")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(L))
    print(path)


def summarize_check(year):
    report = json.loads(planeval("check", os.path.join(RETURNS, str(year)), "--year", str(year), "--json"))
    bad = []
    for f in report["files"]:
        codes = [d["code"] for d in f["diagnostics"] if d["severity"] != "info"]
        if codes:
            bad.append(f"{os.path.basename(f['path'])}: {', '.join(codes)}")
    s = report["summary"]
    print(f"check {year}: {s['files']} files, {s['accepted']} values, {s['assessments']} assessments, "
          f"{s['errors']} errors, {s['warnings']} warnings" + "".join(f"\n    {b}" for b in bad))


# ───────────────────────────────────────────────────────────────────────────────────────────────────────


def main():
    if not os.path.isfile(BIN):
        sys.exit("run from the repository root after `cargo build`: python3 scripts/make-demo-data.py")
    rng = random.Random(SEED)
    catalog = load_catalog()
    story = build_story()
    missing = set(catalog["order"]) - set(story)
    extra = set(story) - set(catalog["order"])
    assert not missing and not extra, (missing, extra)
    check_story(story)

    if os.path.isdir(RETURNS):
        shutil.rmtree(RETURNS)
    planted, files = [], {}
    with tempfile.TemporaryDirectory(prefix="planeval-demo-") as tmp:
        profile = os.path.join(tmp, "lo-profile")
        for year in YEARS:
            tdir = os.path.join(tmp, f"templates-{year}")
            planeval("template", "--year", str(year), "--out", tdir)
            odir = os.path.join(RETURNS, str(year))
            os.makedirs(odir)
            created = datetime.datetime(year + 1, 1, 5, 9, 0, 0, tzinfo=TZ)
            units = sorted(
                re.match(r"填报-(.+)-\d{4}\.xlsx$", n).group(1) for n in os.listdir(tdir) if n.endswith(".xlsx")
            )
            files[year] = 0
            for unit in units:
                # The day each unit sent its return: drawn for every unit, so skipping one changes nothing else.
                modified = created + datetime.timedelta(days=rng.randint(3, 22), hours=rng.randint(0, 7), minutes=rng.randint(0, 59))
                if unit in NOT_RETURNED.get(year, []):
                    continue
                tpl = os.path.join(tdir, f"填报-{unit}-{year}.xlsx")
                out = os.path.join(odir, f"填报-{unit}-{year}.xlsx")
                wb = fill(tpl, unit, year, story, catalog, rng, MISTAKES, planted)
                pin_metadata(wb, year)
                save(wb, out, unit, created, modified)
                verify_saved(out, unit, year, {})
                files[year] += 1
                if (year, unit) == CORRECTION[:2]:
                    # The resubmission: the department opens its own return, fixes the typo, adds a
                    # remark and sends the whole file again in March.
                    code = CORRECTION[2]
                    wb = openpyxl.load_workbook(out)
                    ws, hr, cols = find_table(wb, DATA_HEADERS, ["code", "value"])
                    r = rows_by_code(ws, hr, cols["code"])[code]
                    ws.cell(row=r, column=cols["num"]).value = story[code][year].num
                    ws.cell(row=r, column=cols["remark"]).value = CORRECTION[3]
                    fixed = os.path.join(odir, f"填报-{unit}-{year}-更正.xlsx")
                    save(wb, fixed, unit, created, datetime.datetime(year + 1, 3, 16, 10, 20, tzinfo=TZ))
                    verify_saved(fixed, unit, year, {
                        (ws.title, ws.cell(row=r, column=cols["num"]).coordinate): story[code][year].num,
                    })
                    files[year] += 1
                fmt_to = CONVERTED.get(year, {}).get(unit)
                if fmt_to:
                    conv = convert(out, fmt_to, tmp, profile)
                    with open(conv, "rb") as f:
                        data = f.read()
                    if fmt_to == "ods":
                        data = normalize_ods(data, modified)
                    if fmt_to == "xls":
                        data = normalize_xls(data, f"{unit}-{year}")
                    final = os.path.join(odir, os.path.basename(conv))
                    with open(final, "wb") as f:
                        f.write(data)
                    os.remove(out)
                    # The metadata sheet survived the conversion: planeval reads unit, year and version.
                    f = json.loads(planeval("check", final, "--json"))["files"][0]
                    assert (f["format"], f["unit"], f["year"], f["template_version"]) == (fmt_to, unit, year, "1"), f
            print(f"{odir}: {files[year]} files")

    write_baseline(story, catalog)
    write_external_targets()
    write_readme(story, catalog, planted, files)
    for year in YEARS:
        summarize_check(year)
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(OUT) for f in fs)
    print(f"{OUT}: {total / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
