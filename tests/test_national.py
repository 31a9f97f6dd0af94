"""The national reports in the build: their GDP growth targets 2004-2025 against the gold coded by
reading (tests/gold/corpus/national/), Juye's 2024 targets against the nation's from the national
report's own sentence, and the national series of targets against outcomes with its gaps."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from juye_analysis.indicators.match import INDICATOR_KEY
from juye_analysis.pipeline.storage import load_table

from .conftest import PROJ_ROOT, SERIES_YEARS

GOLD = PROJ_ROOT / "tests" / "gold" / "corpus" / "national"


def _gold_gdp_target(year: int) -> tuple:
    """(growth_pct, growth_low, growth_high, qualifier) of the gold's gdp target of ``year``."""
    gold = pd.read_csv(GOLD / f"national_{year}.csv", dtype=str, keep_default_na=False)
    (row,) = gold[(gold["indicator"] == "gdp") & (gold["period"] == str(year)) &
                  (gold["kind"] == "target")].to_dict("records")
    num = lambda v: float(v) if v else math.nan  # noqa: E731
    return num(row["growth_pct"]), num(row["growth_low"]), num(row["growth_high"]), row["qualifier"]


def _same(a: tuple, b: tuple) -> bool:
    return all((isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y))
               or x == y for x, y in zip(a, b))


@pytest.mark.slow
@pytest.mark.parametrize("year", [y for y in SERIES_YEARS if y >= 2004])
def test_national_gdp_growth_target_from_the_build_equals_the_gold(built_national, year):
    panel = load_table("indicator_panel", built_national / "processed")
    hit = panel[(panel["report_id"] == f"national_{year}") & (panel["indicator"] == "gdp") &
                (panel["kind"] == "target") & (panel["period"] == year)]
    assert len(hit) == 1
    r = hit.iloc[0]
    got = (r["growth_pct"], r["growth_low"], r["growth_high"], r["qualifier"])
    assert _same(got, _gold_gdp_target(year)), (got, _gold_gdp_target(year))


@pytest.mark.slow
def test_juye_2024_gdp_target_against_the_nation_comes_from_the_national_report(built_national):
    out = built_national / "processed"
    amp = load_table("amplification", out)
    row = amp[(amp["report_id"] == "juye_2024") & (amp["indicator"] == "gdp")]
    assert len(row) == 1  # Juye's province and city have no report and no reference row
    r = row.iloc[0]
    assert (r["level"], r["jurisdiction"], r["level_source"], r["level_report_id"]) == \
        ("national", "全国", "report", "national_2024")
    assert (r["county_growth_pct"], r["county_qualifier"], r["level_growth_pct"], r["level_qualifier"]) == \
        (6.0, "左右", 5.0, "左右")
    assert r["gap_pp"] == pytest.approx(1.0) and r["flag"] == ""  # the reference row agrees
    sentences = load_table("sentences", out)
    text = sentences[(sentences["report_id"] == "national_2024") &
                     (sentences["sentence_no"] == r["level_sentence"])]["text"].iloc[0]
    assert "国内生产总值增长5%左右" in text


@pytest.mark.slow
def test_the_national_series_states_its_gaps(built_national):
    series = load_table("target_series", built_national / "processed")
    assert not series.duplicated(["county", "indicator", "period"]).any()
    gdp = series[(series["county"] == "全国") & (series["indicator"] == "gdp")].set_index("period")
    assert gdp.loc[2019, "status"] == "no_outcome_report"  # 2020's report is not in the corpus
    # 2020's own report is missing; its row is the 十三五 goal national_2016 set for 2020, said so
    assert gdp.loc[2020, "target_report_id"] == "national_2016"
    assert "no report of 2020 in the collection" in gdp.loc[2020, "note"]
    cpi = series[(series["county"] == "全国") & (series["indicator"] == "cpi")].set_index("period")
    assert cpi.loc[2020, "status"] == "no_target_report" and cpi.loc[2019, "status"] == "no_outcome_report"
    assert gdp.loc[2025, "status"] == "pending"  # no report of 2026
    assert gdp.loc[2024, "status"] == "met" and gdp.loc[2024, "actual_growth_pct"] == 5.0
    assert gdp.loc[2022, "status"] == "missed" and gdp.loc[2022, "margin"] == pytest.approx(-2.5)
    # 2016's 6.5%－7%: a range, judged from its lower bound against 2016's 6.7%
    assert (gdp.loc[2016, "hardness"], gdp.loc[2016, "status"]) == ("range", "met")
    assert set(series["status"]) <= {"met", "missed", "no_outcome", "no_outcome_report", "pending",
                                     "no_target", "no_target_report"}


# an average over several years (年均增长10.6%) and a second basis (名义/实际) of one name are rows
# of their own beside the year's level (national_2008: 国内生产总值达到24.66万亿元，…年均增长10.6%)
@pytest.mark.slow
@pytest.mark.parametrize("name,key", [("indicators", INDICATOR_KEY),
                                      ("amplification", ["report_id", "indicator", "year", "level"]),
                                      ("target_series", ["county", "indicator", "period"]),
                                      ("target_outcome", ["county", "indicator", "period"])])
def test_keys_stay_unique_with_the_national_reports(built_national, name, key):
    df = load_table(name, built_national / "processed")
    assert not df.duplicated(key).any(), df[df.duplicated(key, keep=False)][key]
