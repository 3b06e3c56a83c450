"""Benchmark: normalise 2,000,000 synthetic person records on one core.

Names (heavy-headed surnames, a limited given-name pool, some traditional / pinyin /
stray-space variants), resident IDs (missing, lower-case x, wrong check, legacy 15),
dates in mixed formats, sex in mixed forms, region codes. Prints records/second per
field and overall, peak memory, and a peer comparison: pypinyin + opencc called per
name (timed on a sample, extrapolated) against the per-distinct-value tables of
:mod:`linkage.normalize.names`.

    python benchmarks/bench_normalize.py [--rows N] [--seed S]
"""

from __future__ import annotations

import os

os.environ["POLARS_MAX_THREADS"] = "1"  # one core, before polars is imported

import argparse
import resource
import time

import numpy as np
import polars as pl

from linkage.normalize.dates import parse_date
from linkage.normalize.ids import check_char_expr, with_id_columns
from linkage.normalize.names import name_columns
from linkage.normalize.region import region_columns
from linkage.normalize.sex import normalize_sex

SURNAMES = [
    *"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤",
    "欧阳", "司马", "诸葛", "单", "解", "区", "仇", "查",
]
GIVEN_CHARS = list(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国志文斌辉鹏飞宇浩然婷雪梅琳晶燕玲"
    "海波宁凯峰亮成龙林俊健萍荣春燕子欣怡佳琪子轩梓涵一诺晨阳思雨博文天佑家豪嘉怡雅静德福贵生"
)
TRAD = {"张": "張", "刘": "劉", "陈": "陳", "伟": "偉", "丽": "麗", "杨": "楊", "黄": "黃", "赵": "趙"}
PINYIN_FORMS = ["Zhang Wei", "ZHANG Wei", "zhangwei", "Li Na", "WANG Fang", "Liu Yang"]
REGIONS = [f"14{c:02d}{k:02d}" for c in range(1, 12) for k in range(1, 12)]


def surname_weights(n: int) -> np.ndarray:
    head = np.array([7.1, 7.0, 6.4, 5.2, 4.3])
    tail = 1.0 / np.arange(6, n + 1) ** 1.1
    tail = tail / tail.sum() * (100 - head.sum())
    w = np.concatenate([head, tail])
    return w / w.sum()


def make_records(rows: int, seed: int) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    sur = rng.choice(len(SURNAMES), size=rows, p=surname_weights(len(SURNAMES)))
    # a limited pool of given names (3,000, Zipf-like use), one or two characters
    pool_n = 3000
    g1 = rng.choice(GIVEN_CHARS, size=pool_n)
    g2 = np.where(rng.random(pool_n) < 0.7, rng.choice(GIVEN_CHARS, size=pool_n), "")
    pool = np.char.add(g1, g2)
    gw = 1.0 / np.arange(1, pool_n + 1) ** 0.9
    given = pool[rng.choice(pool_n, size=rows, p=gw / gw.sum())]
    names = np.char.add(np.array(SURNAMES, dtype=object)[sur].astype(str), given)
    u = rng.random(rows)
    frame = pl.DataFrame({"name": names})
    trad_map = pl.col("name").str.replace_many(list(TRAD), list(TRAD.values()))
    frame = frame.with_columns(
        pl.when(pl.Series(u < 0.02)).then(trad_map)
        .when(pl.Series(u < 0.03)).then(pl.Series(rng.choice(PINYIN_FORMS, size=rows)))
        .when(pl.Series(u < 0.04)).then(pl.col("name").str.slice(0, 1) + " " + pl.col("name").str.slice(1))
        .when(pl.Series(u < 0.045)).then(pl.col("name").str.slice(0, 1) + "·" + pl.col("name").str.slice(1))
        .otherwise(pl.col("name")).alias("name")
    )
    # IDs
    start = np.datetime64("1940-01-01")
    birth = start + rng.integers(0, 365 * 65, size=rows).astype("timedelta64[D]")
    seq = rng.integers(0, 1000, size=rows)
    region = np.array(REGIONS)[rng.integers(0, len(REGIONS), size=rows)]
    frame = frame.with_columns(
        pl.Series("birth", birth).cast(pl.Date),
        pl.Series("seq", seq),
        pl.Series("region_code", region),
    )
    body = pl.concat_str([pl.col("region_code"), pl.col("birth").dt.to_string("%Y%m%d"),
                          pl.col("seq").cast(pl.String).str.pad_start(3, "0")])
    frame = frame.with_columns(body.alias("body")).with_columns(
        pl.concat_str([pl.col("body"), check_char_expr(pl.col("body"))]).alias("id18"))
    v = rng.random(rows)
    idn = (
        pl.when(pl.Series(v < 0.05)).then(None)
        .when(pl.Series(v < 0.07)).then(pl.col("id18").str.to_lowercase())
        .when(pl.Series(v < 0.08)).then(pl.col("id18").str.slice(0, 17) + "0")
        .when(pl.Series(v < 0.09)).then(pl.col("id18").str.slice(0, 6) + pl.col("id18").str.slice(8, 9))
        .when(pl.Series(v < 0.095)).then(pl.col("id18").str.slice(0, 10) + pl.col("id18").str.slice(11, 1)
                                         + pl.col("id18").str.slice(10, 1) + pl.col("id18").str.slice(12, 6))
        .otherwise(pl.col("id18"))
    )
    # event dates in mixed formats
    ev = np.datetime64("2020-01-01") + rng.integers(0, 365 * 4, size=rows).astype("timedelta64[D]")
    w = rng.random(rows)
    d = pl.col("ev")
    date_txt = (
        pl.when(pl.Series(w < 0.7)).then(d.dt.to_string("%Y-%m-%d"))
        .when(pl.Series(w < 0.8)).then(d.dt.to_string("%Y/%-m/%-d"))
        .when(pl.Series(w < 0.9)).then(d.dt.to_string("%Y%m%d"))
        .when(pl.Series(w < 0.97)).then(d.dt.to_string("%Y年%-m月%-d日"))
        .otherwise(d.dt.to_string("%Y-%m-%d %H:%M"))
    )
    sex_forms = np.array(["M", "F", "男", "女", "1", "2", ""])
    frame = frame.with_columns(pl.Series("ev", ev).cast(pl.Datetime("us")))
    return frame.select(
        pl.col("name"), idn.alias("id_number"), date_txt.alias("event_date"),
        pl.Series("sex", sex_forms[rng.integers(0, len(sex_forms), size=rows)]),
        pl.col("region_code"),
    )


def timed(label: str, rows: int, fn):  # type: ignore[no-untyped-def]
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"  {label:<28} wall {secs:6.2f} s {rows / secs:>11,.0f} rec/s   "
          f"cpu {cpu:6.2f} s {rows / max(cpu, 1e-9):>11,.0f} rec/s")
    return out, secs


def peer_comparison(names: pl.Series, sample: int) -> None:
    from opencc import OpenCC
    from pypinyin import Style, lazy_pinyin

    cc = OpenCC("t2s")
    s = names.sample(min(sample, names.len()), seed=1).to_list()
    t0 = time.perf_counter()
    for n in s:
        " ".join(lazy_pinyin(cc.convert(n), style=Style.NORMAL))
    per_name = (time.perf_counter() - t0) / len(s)
    full = per_name * names.len()
    t0 = time.perf_counter()
    name_columns(pl.DataFrame({"name": names}))
    ours = time.perf_counter() - t0
    print(f"  per-name pypinyin+opencc (sample {len(s):,}, extrapolated): {full:7.1f} s "
          f"({names.len() / full:,.0f} records/s)")
    print(f"  per-distinct-value tables (all {names.len():,}):             {ours:7.1f} s "
          f"({names.len() / ours:,.0f} records/s) — {full / ours:.0f}× faster")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=2_000_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--peer-sample", type=int, default=20_000)
    args = ap.parse_args()

    t0 = time.perf_counter()
    frame = make_records(args.rows, args.seed)
    print(f"generated {frame.height:,} records in {time.perf_counter() - t0:.1f} s; "
          f"distinct names {frame['name'].n_unique():,}, distinct dates {frame['event_date'].n_unique():,}, "
          f"polars threads {pl.thread_pool_size()}")
    n = frame.height
    print("per field (one core):")
    total = 0.0
    names, s = timed("names (6 columns)", n, lambda: name_columns(frame.select("name")))
    total += s
    ids, s = timed("ID numbers (6 columns)", n, lambda: with_id_columns(frame.select("id_number"), "id_number"))
    total += s
    dates, s = timed("dates", n, lambda: frame.select(parse_date(pl.col("event_date"))))
    total += s
    _, s = timed("sex", n, lambda: frame.select(normalize_sex(pl.col("sex"))))
    total += s
    _, s = timed("region codes (4 columns)", n, lambda: frame.select(region_columns(pl.col("region_code"))))
    total += s
    print(f"  {'all fields, sum of wall':<28} wall {total:6.2f} s {n / total:>11,.0f} rec/s")

    def together() -> pl.DataFrame:
        f = name_columns(frame)
        f = with_id_columns(f, "id_number")
        return f.with_columns(parse_date(pl.col("event_date")).alias("event"),
                              normalize_sex(pl.col("sex")).alias("sex_n"),
                              *region_columns(pl.col("region_code")))

    out, s = timed("all fields, one pipeline", n, together)
    print(f"  output columns {out.width}; unparsed dates {int(dates.to_series().null_count()):,}; "
          f"bad ID checks {int((~ids['id_check_ok']).sum()):,}; pinyin-written names "
          f"{int(names['name_is_pinyin'].sum()):,}")
    print(f"  peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    print("peer comparison (names):")
    peer_comparison(frame["name"], args.peer_sample)


if __name__ == "__main__":
    main()
