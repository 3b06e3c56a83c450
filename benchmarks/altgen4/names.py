"""Chinese names: sampling by surname frequency and cohort, and rendering with clerical noise."""

from __future__ import annotations

import numpy as np
import polars as pl

from . import tables as T

CHARS: list[str] = list(T.PINYIN.keys())
CIDX: dict[str, int] = {c: i for i, c in enumerate(CHARS)}
NCH = len(CHARS)
_EMPTY = NCH  # index of the empty string in the gather tables
_CH_SERIES = pl.Series("c", [*CHARS, ""])
_PY_SERIES = pl.Series("p", [*[T.PINYIN[c] for c in CHARS], ""])
_PY_ALT = pl.Series("a", [*[T.ALT_READING.get(c, T.PINYIN[c]) for c in CHARS], ""])
HAS_ALT = np.array([c in T.ALT_READING for c in CHARS] + [False])


def _homophone_table() -> tuple[np.ndarray, np.ndarray]:
    groups = [g for g in T.HOMOPHONES.split() if len(g) > 1]
    partners: dict[int, list[int]] = {}
    for g in groups:
        for c in g:
            partners.setdefault(CIDX[c], [])
            partners[CIDX[c]].extend(CIDX[o] for o in g if o != c)
    width = max(len(v) for v in partners.values())
    tab = np.full((NCH + 1, width), -1, dtype=np.int64)
    cnt = np.zeros(NCH + 1, dtype=np.int64)
    for i, v in partners.items():
        uniq = list(dict.fromkeys(v))
        tab[i, : len(uniq)] = uniq
        cnt[i] = len(uniq)
    return tab, cnt


HOM_TAB, HOM_CNT = _homophone_table()


def _trad_map() -> tuple[list[str], list[str]]:
    pairs = dict.fromkeys(T.TRADITIONAL.split())
    src = [p[0] for p in pairs]
    dst = [p[1] for p in pairs]
    return src, dst


TRAD_SRC, TRAD_DST = _trad_map()


def _surnames() -> tuple[np.ndarray, np.ndarray]:
    chars = [c for c, _ in T.SURNAME_TOP10]
    shares = [s / 100.0 for _, s in T.SURNAME_TOP10]
    mid = T.SURNAME_11_100
    w = 1.0 / (np.arange(len(mid)) + 12.0) ** 1.1
    shares += list(0.45 * w / w.sum())
    chars += mid
    tail = [c for c in T.SURNAME_TAIL if c not in chars]
    wt = 1.0 / (np.arange(len(tail)) + 30.0)
    shares += list(0.14 * wt / wt.sum())
    chars += tail
    p = np.array(shares)
    return np.array([CIDX[c] for c in chars], dtype=np.int64), p / p.sum()


SUR_IDX, SUR_P = _surnames()


def _pool(chars: str) -> tuple[np.ndarray, np.ndarray]:
    idx = np.array([CIDX[c] for c in chars], dtype=np.int64)
    w = 1.0 / (np.arange(len(idx)) + 20.0)
    return idx, w / w.sum()


POOLS = {k: tuple(_pool(s) for s in v) for k, v in T.GIVEN_POOLS.items()}
UNION = {
    sex: np.unique(np.concatenate([POOLS[(sex, c)][i][0] for c in ("old", "young")
                                   for i in range(3)]))
    for sex in ("M", "F")
}


def sample_names(rng: np.random.Generator, female: np.ndarray,
                 birth_year: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Surname and given-name character indices; c2 = -1 for a one-character given name."""
    n = female.shape[0]
    c0 = SUR_IDX[rng.choice(SUR_IDX.size, n, p=SUR_P)]
    c1 = np.empty(n, dtype=np.int64)
    c2 = np.full(n, -1, dtype=np.int64)
    p_single = np.select([birth_year < 1960, birth_year < 1980, birth_year < 1995],
                         [0.15, 0.2, 0.25], 0.1)
    single = rng.random(n) < p_single
    # half of all names draw from the whole character stock of the sex (a long tail of
    # uncommon combinations); the rest from the popular pools of the birth cohort
    broad = rng.random(n) < 0.5
    for sex, fem in (("M", False), ("F", True)):
        for cohort, young in (("old", False), ("young", True)):
            m = (female == fem) & ((birth_year >= 1980) == young)
            (f_idx, f_p), (s_idx, s_p), (o_idx, o_p) = POOLS[(sex, cohort)]
            ms = np.flatnonzero(m & single & ~broad)
            c1[ms] = o_idx[rng.choice(o_idx.size, ms.size, p=o_p)]
            mu = np.flatnonzero(m & single & broad)
            c1[mu] = UNION[sex][rng.integers(0, UNION[sex].size, mu.size)]
            md = np.flatnonzero(m & ~single & ~broad)
            c1[md] = f_idx[rng.choice(f_idx.size, md.size, p=f_p)]
            c2[md] = s_idx[rng.choice(s_idx.size, md.size, p=s_p)]
            mb = np.flatnonzero(m & ~single & broad)
            u = UNION[sex]
            c1[mb] = u[rng.integers(0, u.size, mb.size)]
            c2[mb] = u[rng.integers(0, u.size, mb.size)]
    return c0, c1, c2


NAME_NOISE = ("homophone", "drop", "dup", "traditional", "space", "dot", "pinyin")


def render_names(rng: np.random.Generator, c0: np.ndarray, c1: np.ndarray, c2: np.ndarray,
                 rates: dict[str, float]) -> tuple[pl.Series, np.ndarray]:
    """Names as recorded, with the requested rates of each noise kind; returns (names, kinds)."""
    n = c0.shape[0]
    kinds_list = ["none", *NAME_NOISE]
    probs = np.array([0.0] + [rates.get(k, 0.0) for k in NAME_NOISE])
    probs[0] = 1.0 - probs.sum()
    kind = np.array(kinds_list)[rng.choice(len(kinds_list), n, p=probs)]
    a0, a1, a2 = c0.copy(), c1.copy(), c2.copy()
    a3 = np.full(n, -1, dtype=np.int64)

    # homophone: swap one character for a partner that sounds the same
    mh = np.flatnonzero(kind == "homophone")
    if mh.size:
        cols = np.stack([a0[mh], a1[mh], np.where(a2[mh] < 0, NCH, a2[mh])], axis=1)
        has = HOM_CNT[cols] > 0
        score = rng.random(cols.shape) * has
        pos = score.argmax(axis=1)
        ok = has[np.arange(mh.size), pos]
        src = cols[np.arange(mh.size), pos]
        pick = rng.integers(0, 1 << 30, mh.size) % np.maximum(HOM_CNT[src], 1)
        new = HOM_TAB[src, pick]
        for p, arr in ((0, a0), (1, a1), (2, a2)):
            sel = ok & (pos == p)
            arr[mh[sel]] = new[sel]
        kind[mh[~ok]] = "none"
    # drop a character of a two-character given name; else duplicate
    md = np.flatnonzero(kind == "drop")
    three = a2[md] >= 0
    first = rng.random(md.size) < 0.5
    r = md[three & first]
    a1[r] = a2[r]
    a2[md[three]] = -1
    kind[md[~three]] = "dup"
    mu = np.flatnonzero(kind == "dup")
    two = a2[mu] < 0
    a2[mu[two]] = a1[mu[two]]
    a3[mu[~two]] = a2[mu[~two]]

    def g(series: pl.Series, idx: np.ndarray) -> pl.Series:
        return series.gather(np.where(idx < 0, _EMPTY, idx))

    sep = np.full(n, "", dtype=object)
    ms = kind == "space"
    sep[ms] = np.where(rng.random(int(ms.sum())) < 0.8, " ", "  ")
    sep[kind == "dot"] = "·"
    df = pl.DataFrame({
        "s": g(_CH_SERIES, a0), "sep": pl.Series(sep, dtype=pl.String),
        "g1": g(_CH_SERIES, a1), "g2": g(_CH_SERIES, a2), "g3": g(_CH_SERIES, a3),
    })
    name = df.select(pl.concat_str(["s", "sep", "g1", "g2", "g3"]).alias("n"))["n"]
    # a stray trailing space on some of the 'space' rows instead
    trail = ms & (rng.random(n) < 0.25)
    if trail.any():
        plain = df.select(pl.concat_str(["s", "g1", "g2", "g3"]).alias("n"))["n"]
        name = pl.select(pl.when(pl.Series(trail)).then(plain + " ")
                         .otherwise(name)).to_series()

    mt = kind == "traditional"
    if mt.any():
        conv = name.str.replace_many(TRAD_SRC, TRAD_DST)
        changed = (conv != name).to_numpy()
        kind[mt & ~changed] = "none"
        name = pl.select(pl.when(pl.Series(mt)).then(conv).otherwise(name)).to_series()

    mp = np.flatnonzero(kind == "pinyin")
    if mp.size:
        alt = HAS_ALT[a0[mp]] & (rng.random(mp.size) < 0.5)
        sur = pl.select(pl.when(pl.Series(alt)).then(g(_PY_ALT, a0[mp]))
                        .otherwise(g(_PY_SERIES, a0[mp]))).to_series()
        giv = g(_PY_SERIES, a1[mp]) + g(_PY_SERIES, a2[mp]) + g(_PY_SERIES, a3[mp])
        style = rng.random(mp.size)
        full = sur.str.to_titlecase() + " " + giv.str.to_titlecase()
        upper = (sur + " " + giv).str.to_uppercase()
        lower = sur + " " + giv
        joined = (sur + giv).str.to_titlecase()
        py = pl.select(pl.when(pl.Series(style < 0.5)).then(full)
                       .when(pl.Series(style < 0.75)).then(upper)
                       .when(pl.Series(style < 0.9)).then(lower)
                       .otherwise(joined)).to_series()
        vals = name.to_list()
        for i, v in zip(mp.tolist(), py.to_list(), strict=True):
            vals[i] = v
        name = pl.Series("n", vals, dtype=pl.String)
    return name.alias("name"), kind
