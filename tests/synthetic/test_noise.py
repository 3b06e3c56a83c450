"""Noise kinds are applied at their configured rates, and each one really garbles the value."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import polars as pl
import pytest

from synthetic_data.config import GeneratorConfig, NoiseRates
from synthetic_data.ids import id_is_valid, make_id_numbers
from synthetic_data.names import sample_names
from synthetic_data.noise import apply_noise, format_source

N = 20_000


@pytest.fixture(scope="module")
def clean_frame() -> pl.DataFrame:
    rng = np.random.default_rng(0)
    male = rng.random(N) < 0.5
    year = rng.integers(1950, 2000, N)
    ymd = year * 10000 + rng.integers(1, 13, N) * 100 + rng.integers(1, 29, N)
    seq = np.where(male, 2 * rng.integers(0, 500, N) + 1, 2 * rng.integers(0, 499, N) + 2)
    ids = make_id_numbers(np.full(N, 140105), ymd, seq)
    days = rng.integers(19723, 20088, N).astype(np.int32)
    return pl.DataFrame({
        "person_id": [f"P{i}" for i in range(N)],
        "name": sample_names(rng, male, year),
        "id_number": ids,
        "sex": np.where(male, "M", "F"),
        "age": rng.integers(20, 90, N),
        "death_date": pl.Series(days).cast(pl.Date),
        "cremated_on": pl.Series(days + 3).cast(pl.Date),
        "funeral_home": ["太原市殡仪馆"] * N,
        "region_code": ["140105"] * N,
    })


def _binomial_ok(count: int, n: int, p: float) -> bool:
    sd = math.sqrt(n * p * (1 - p))
    return abs(count - n * p) <= max(4 * sd, 3)


def test_each_kind_is_drawn_at_its_rate(clean_frame: pl.DataFrame) -> None:
    rates = NoiseRates()
    counts: dict[str, int] = {}
    out = apply_noise("cremations", clean_frame, rates, np.random.default_rng(1), counts=counts)
    n = counts["rows"]
    assert _binomial_ok(counts["duplicate"], N, rates.duplicate["cremations"])
    assert out.height == N + counts["duplicate"]
    for kind in ("name_homophone", "name_traditional", "name_drop_char", "name_dup_char",
                 "name_space_dot", "name_pinyin", "id_transpose", "id_mistype", "id_bad_check",
                 "id_other_person"):
        assert _binomial_ok(counts[kind], n, getattr(rates, kind)), kind
    assert _binomial_ok(counts["id_missing"], n, rates.id_missing["cremations"])
    # the legacy form only for people born before 1985 (about 70 % of this frame)
    assert 0.3 * n * rates.id_legacy15 < counts["id_legacy15"] < 1.1 * n * rates.id_legacy15


def test_noise_really_changes_values(clean_frame: pl.DataFrame) -> None:
    rates = NoiseRates()
    out = apply_noise("cremations", clean_frame, rates, np.random.default_rng(2))
    j = out.head(N).join(clean_frame, on="person_id", suffix="_clean")
    name_changed = (j["name"] != j["name_clean"]).mean()
    expected = (rates.name_homophone * 0.9 + rates.name_traditional * 0.6 + rates.name_drop_char * 0.3
                + rates.name_dup_char + rates.name_space_dot + rates.name_pinyin)
    assert 0.6 * expected < name_changed < 1.3 * expected
    ids = j["id_number"].drop_nulls().to_list()
    invalid = sum(not id_is_valid(i.upper()) for i in ids if len(i) == 18) / len(ids)
    assert 0.5 * (rates.id_mistype + rates.id_transpose) < invalid < 2 * (
        rates.id_mistype + rates.id_transpose + rates.id_bad_check)
    assert any(len(i) == 15 for i in ids)
    assert any(i.endswith("x") for i in ids)
    moved = (j["death_date"] != j["death_date_clean"]).mean()
    assert 0.5 * rates.date_off_days < moved < 2 * (rates.date_off_days + rates.date_day_month_swap)
    ages = (j["age"] - j["age_clean"]).abs()
    assert ages.max() == 1
    assert _binomial_ok(int((ages == 1).sum()), N, rates.age_off_by_one)


def test_format_writes_mixed_dates_and_sex(clean_frame: pl.DataFrame) -> None:
    rates = NoiseRates()
    f = format_source("cremations", clean_frame.drop("person_id"), rates, np.random.default_rng(3))
    assert f["death_date"].str.contains(r"^\d{4}/\d{1,2}/\d{1,2}$").any()
    assert f["death_date"].str.contains(r"^\d{8}$").any()
    assert f["death_date"].str.contains(r"^\d{4}年\d{1,2}月\d{1,2}日$").any()
    iso = f["death_date"].str.contains(r"^\d{4}-\d\d-\d\d$").mean()
    assert abs((1 - iso) - rates.date_alt_format) < 0.02
    assert set(f["sex"].unique().to_list()) == {"M", "F", "男", "女", "1", "2"}
    parsed = f["death_date"].str.to_date("%Y-%m-%d", strict=False).drop_nulls()
    assert parsed.min() >= date(2024, 1, 1)


def test_clean_variant_has_no_noise(clean_frame: pl.DataFrame) -> None:
    rates = GeneratorConfig.for_variant("clean").noise
    out = apply_noise("cremations", clean_frame, rates, np.random.default_rng(4))
    assert out.equals(clean_frame)


def test_hard_doubles_the_default() -> None:
    d = GeneratorConfig.for_variant("default").noise
    h = GeneratorConfig.for_variant("hard").noise
    assert h.name_homophone == pytest.approx(2 * d.name_homophone)
    assert h.id_mistype == pytest.approx(2 * d.id_mistype)
    assert h.id_missing["medical_records"] >= 0.45 and h.id_missing["cremations"] >= 0.4
