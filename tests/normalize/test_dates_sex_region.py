"""Dates in every contract format (property-based), sex forms, region code parts."""

from __future__ import annotations

import calendar
import datetime as dt

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from linkage.normalize.dates import parse_date, parse_datetime
from linkage.normalize.region import region_columns
from linkage.normalize.sex import normalize_sex

FULL = str.maketrans({str(d): chr(0xFF10 + d) for d in range(10)} | {"-": "－", ":": "："})


def renderings(d: dt.date) -> list[str]:
    y, m, dd = d.year, d.month, d.day
    return [
        f"{d:%Y-%m-%d}", f"{y}/{m}/{dd}", f"{y}-{m}-{dd}", f"{d:%Y%m%d}", f"{y}年{m}月{dd}日",
        f"{d:%Y/%m/%d}", f"  {d:%Y-%m-%d} ", f"{d:%Y-%m-%d}".translate(FULL), f"{y}年{m:02d}月{dd:02d}日",
    ]


def _parse(values: list[str | None]) -> pl.DataFrame:
    f = pl.DataFrame({"s": values}, schema={"s": pl.String})
    return f.select(parse_date(pl.col("s")).alias("d"), parse_datetime(pl.col("s")).alias("t"))


@settings(max_examples=80, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.times())
def test_every_format_round_trips(d: dt.date, t: dt.time) -> None:
    dates = renderings(d)
    hm = f"{t.hour:02d}:{t.minute:02d}"
    hms = f"{hm}:{t.second:02d}"
    micro = f"{hms}.{t.microsecond:06d}"
    timed = [f"{dates[0]} {hm}", f"{dates[1]} {hms}", f"{dates[3]} {micro}", f"{dates[0]}T{hms}",
             f"{dates[4]} {hms}", f"{dates[2]} {t.hour}:{t.minute:02d}"]
    out = _parse(dates + timed)
    assert out["d"].to_list() == [d] * len(dates + timed)
    midnight = dt.datetime.combine(d, dt.time())
    assert out["t"].to_list()[: len(dates)] == [midnight] * len(dates)
    base = dt.datetime.combine(d, dt.time(t.hour, t.minute))
    assert out["t"].to_list()[len(dates):] == [
        base, base.replace(second=t.second), base.replace(second=t.second, microsecond=t.microsecond),
        base.replace(second=t.second), base.replace(second=t.second), base,
    ]


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=1900, max_value=2099), st.integers(min_value=1, max_value=12),
       st.data())
def test_impossible_dates_are_null(year: int, month: int, data: st.DataObject) -> None:
    last = calendar.monthrange(year, month)[1]
    if last == 31:
        month = 13  # no day makes month 13 valid
    day = data.draw(st.integers(min_value=last + 1, max_value=31)) if last < 31 else 1
    values = [f"{year}-{month:02d}-{day:02d}", f"{year}/{month}/{day}", f"{year}{month:02d}{day:02d}",
              f"{year}年{month}月{day}日"]
    out = _parse(values)
    assert out["d"].null_count() == len(values)
    assert out["t"].null_count() == len(values)


def test_garbage_and_bad_times() -> None:
    vals = ["", "   ", None, "yesterday", "2023-01", "2023-01-01 25:00", "2023-01-01 12:61",
            "12/31/2023", "2023--01-01", "2023-01-01 12"]
    out = _parse(vals)
    assert out["d"].to_list() == [None] * 5 + [dt.date(2023, 1, 1)] * 2 + [None] * 3
    assert out["t"].null_count() == len(vals)


def test_many_rows_keep_order() -> None:
    days = [dt.date(2000, 1, 1) + dt.timedelta(days=i) for i in range(3000)]
    vals = [renderings(d)[i % 5] for i, d in enumerate(days)] * 3
    out = _parse(vals)
    assert out["d"].to_list() == days * 3


def test_sex_forms() -> None:
    vals = ["M", "F", "男", "女", "1", "2", "m", "f", "male", "Female", " 男 ", "Ｍ", "", None, "x",
            "3", "未知"]
    out = pl.DataFrame({"s": vals}).select(normalize_sex(pl.col("s"))).to_series().to_list()
    assert out == ["M", "F", "M", "F", "M", "F", "M", "F", "M", "F", "M", "M"] + [None] * 5


def test_region_parts() -> None:
    # a village-level statistical code (12 digits) and a township one (9) keep their county
    vals = ["140105", " 140105", "１４１１０２", "140105.0", "140105001001", "140105001",
            "1401", "14010a", None, "1401050"]
    out = pl.DataFrame({"r": vals}).select(region_columns(pl.col("r"), prefix="reg"))
    assert out.columns == ["reg_valid", "reg_province", "reg_city", "reg_county"]
    assert out["reg_valid"].to_list() == [True] * 6 + [False, False, None, False]
    assert out["reg_province"].to_list() == ["14"] * 6 + [None] * 4
    assert out["reg_city"].to_list() == ["1401", "1401", "1411", "1401", "1401", "1401"] + [None] * 4
    assert out["reg_county"].to_list() == ["140105", "140105", "141102", "140105", "140105", "140105"] + [None] * 4


@settings(max_examples=80, deadline=None)
@given(st.datetimes(min_value=dt.datetime(1950, 1, 1), max_value=dt.datetime(2090, 12, 31)),
       st.integers(min_value=-12 * 4, max_value=14 * 4), st.booleans())
def test_a_stated_utc_offset_is_read_as_beijing_time(local: dt.datetime, quarter_hours: int,
                                                     colon: bool) -> None:
    """Property: a time written with any UTC offset (``Z``, ``+08:00``, ``-0500``) is the same
    instant in Beijing time (UTC+8), the contract's local time; its date is Beijing's date."""
    local = local.replace(microsecond=0)
    offset = dt.timedelta(minutes=15 * quarter_hours)
    instant = local - dt.timedelta(hours=8) + offset          # the wall time at that offset
    sign = "-" if offset < dt.timedelta(0) else "+"
    mins = abs(int(offset.total_seconds())) // 60
    tz = "Z" if mins == 0 and colon else f"{sign}{mins // 60:02d}{':' if colon else ''}{mins % 60:02d}"
    text = f"{instant:%Y-%m-%dT%H:%M:%S}{tz}"
    got = _parse([text])
    assert got["t"].item() == local, text
    assert got["d"].item() == local.date(), text


def test_time_zone_aware_parquet_timestamps_are_beijing_time() -> None:
    from pipelines.canonical import to_canonical

    utc = pl.DataFrame({"record_id": ["m1"], "admitted_at": [dt.datetime(2024, 3, 10, 20, 30)]}) \
        .with_columns(pl.col("admitted_at").dt.replace_time_zone("UTC"))
    out = to_canonical("medical_records", utc)
    assert out["admitted_at"].to_list() == [dt.datetime(2024, 3, 11, 4, 30)]
