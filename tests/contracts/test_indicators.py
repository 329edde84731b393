"""The indicators are defined once, completely and coherently: named in every language, each
breakdown's categories from the shared vocabulary, additivity stated only where it holds, every
table's margins published, periods read as ministries write them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contracts.indicators import (
    AGE_GROUPS,
    CATEGORY_CODES,
    CATEGORY_LABELS,
    DISAGGREGATION_NAMES,
    DISAGGREGATIONS,
    INDICATORS,
    INDICATORS_BY_CODE,
    RATIOS,
    age_band,
    margins,
    period_adx,
    period_bounds,
    period_of,
    period_type,
)
from contracts.vocabulary import AGE_BANDS, LANGUAGE_TAGS


def test_every_indicator_and_ratio_is_named_in_the_six_languages_and_codes_are_unique() -> None:
    assert len(INDICATORS_BY_CODE) == len(INDICATORS)
    assert set(LANGUAGE_TAGS) == {"mk", "bg", "sr-Cyrl", "sr-Latn", "sq", "en"}
    for item in (*INDICATORS, *RATIOS):
        assert [tag for tag in LANGUAGE_TAGS if not item.names.get(tag, "").strip()] == [], item.code
    # Serbian Latin is Serbian Latin, not the Cyrillic copied over.
    for item in (*INDICATORS, *RATIOS):
        assert not any("\u0400" <= ch <= "\u04ff" for ch in item.names["sr-Latn"]), item.code


def test_every_breakdown_and_category_has_a_name_in_every_language() -> None:
    assert set(DISAGGREGATION_NAMES) == set(DISAGGREGATIONS)
    for disaggregation in DISAGGREGATIONS:
        assert [t for t in LANGUAGE_TAGS if not DISAGGREGATION_NAMES[disaggregation].get(t)] == []
        for code in CATEGORY_CODES[disaggregation]:
            labels = CATEGORY_LABELS[disaggregation][code]
            assert [t for t in LANGUAGE_TAGS if not labels.get(t)] == [], (disaggregation, code)


def test_the_seeds_figures_each_have_their_indicator() -> None:
    seeds = {
        "people_at_risk",  # Butel's ~800 at social risk, by type of risk
        "people_counselled",
        "people_completed_plan",  # the three-session plan of Butel and Čučer-Sandevo
        "referrals",  # to the Employment Agency, social-protection rights, … and their outcomes
        "people_trained",  # Strelcha: 16 trained
        "people_with_outcome",  # placed in a job or training, back in education
        "packages_delivered",
        "neet_reached",  # Plovdiv: 150 NEETs aged 15–29
        "people_reached",  # Strelcha: 36 supported; Ada and partners: at least half women
    }
    assert seeds <= set(INDICATORS_BY_CODE)
    share = next(ratio for ratio in RATIOS if ratio.code == "share_women_reached")
    assert (share.numerator, share.numerator_categories, share.denominator) == (
        "people_reached",
        {"sex": "female"},
        "people_reached",
    )


def test_a_breakdown_of_people_by_risk_type_or_target_group_is_never_additive() -> None:
    for indicator in INDICATORS:
        if indicator.counts == "people":
            assert "risk_type" not in indicator.additive
            assert "target_group" not in indicator.additive
    assert INDICATORS_BY_CODE["referrals"].is_additive("referral_destination")  # each referral one place
    assert not INDICATORS_BY_CODE["people_referred"].is_additive("referral_destination")  # a person, two
    assert not INDICATORS_BY_CODE["people_with_outcome"].is_additive("outcome")


def test_every_published_table_has_its_margins_and_the_total() -> None:
    for indicator in INDICATORS:
        assert () in indicator.tables
        for table in indicator.tables:
            assert all(margin in indicator.tables for margin in margins(table)), (indicator.code, table)


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"additive": ("sex", "risk_type")}, "risk_type cannot split people"),
        ({"additive": ("outcome",)}, "additive breakdown must be one of its breakdowns"),
        ({"tables": ((), ("sex", "age_band"))}, "lacks its margin"),
        ({"tables": (("sex",),)}, "lacks its margin ()"),
        ({"tables": ((), ("age_band",), ("sex",), ("age_band", "sex"))}, "not in the breakdowns' order"),
        ({"tables": ((), ("outcome",))}, "names a breakdown it does not have"),
        ({"names": {"en": "People supported"}}, "no name in mk"),
        ({"code": "People"}, "is not an indicator code"),
    ],
)
def test_an_incoherent_definition_is_refused_with_its_reason(changes: dict[str, Any], says: str) -> None:
    with pytest.raises(ValueError, match=re.escape(says)):
        dataclasses.replace(INDICATORS_BY_CODE["people_reached"], **changes)


def test_the_grouped_age_bands_cover_each_band_once() -> None:
    grouped = [band for bands in AGE_GROUPS.values() for band in bands]
    assert sorted(grouped) == sorted(band for band in AGE_BANDS if band != "unknown")


@pytest.mark.parametrize(
    ("born", "on", "band"),
    [
        (dt.date(2012, 6, 2), dt.date(2026, 6, 1), "0-14"),  # 13, a day before 14
        (dt.date(2011, 6, 1), dt.date(2026, 6, 1), "15-17"),  # 15 on the day
        (dt.date(2001, 6, 2), dt.date(2026, 6, 1), "18-24"),  # 24
        (dt.date(1996, 6, 1), dt.date(2026, 6, 1), "30-49"),  # 30 on the day
        (dt.date(1961, 6, 1), dt.date(2026, 6, 1), "65+"),
    ],
)
def test_a_persons_age_band_is_read_on_the_day_given(born: dt.date, on: dt.date, band: str) -> None:
    assert age_band(born, on) == band


@pytest.mark.parametrize(
    ("period", "first", "last", "adx", "kind"),
    [
        ("2026-06", dt.date(2026, 6, 1), dt.date(2026, 6, 30), "2026-06-01/P1M", "month"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "2024-02-01/P1M", "month"),
        ("2026-Q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31), "2026-10-01/P3M", "quarter"),
        ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "2025-01-01/P1Y", "year"),
    ],
)
def test_a_period_has_its_first_and_last_day_and_its_adx_form(
    period: str, first: dt.date, last: dt.date, adx: str, kind: str
) -> None:
    assert period_bounds(period) == (first, last)
    assert period_adx(period) == adx
    assert period_type(period) == kind


@pytest.mark.parametrize("bad", ["2026-13", "2026-Q5", "26-06", "2026-6", "2026-W23", ""])
def test_a_string_that_is_no_period_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="is not a period"):
        period_bounds(bad)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_every_day_lies_in_its_month_its_quarter_and_its_year(day: dt.date) -> None:
    for kind in ("month", "quarter", "year"):
        first, last = period_bounds(period_of(day, kind))
        assert first <= day <= last
