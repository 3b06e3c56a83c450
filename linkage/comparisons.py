"""Comparisons: one class per comparison, each turning record pairs into an Int8 level.

A comparison is described by a plain dict (one ``[[comparisons]]`` table of the
configuration) and compiled here to vectorised polars / numpy / rapidfuzz code — no
per-pair Python. Level codes index the comparison's ``levels`` list: code 0 is always
the *null* level (a value missing on either side: its own level, weight 0, never a
disagreement), the last codes are the weakest agreement / disagreement.

Every class's docstring lists its levels in order, from the null level to the else
level. ``COMPARISONS`` maps the configuration's ``kind`` to the class.

Options every comparison takes: ``both_in`` / ``not_both_in`` / ``between`` / ``not_between``
restrict it to some source pairs (elsewhere its level is null, so one field can have different
m and u for different kinds of pairs — see :meth:`Comparison.applies`); ``neutral_levels`` names
levels whose m and u are estimated but whose weight is held at 0 when pairs are scored (a
disagreement that must not count, e.g. a funeral home far from the registration place);
``tf_adjust`` and its options adjust agreement for the value's frequency.

Two steps per comparison, so per-record work is done once and not once per pair:
``encode(records)`` turns the columns it reads into per-record numpy arrays (equality
codes, YYYYMMDD integers, day numbers, ID digits, the strings a similarity needs), and
``compare(left, right)`` computes the levels from those arrays gathered for both sides
of every pair. :func:`encode_records` encodes a records frame once for every comparison;
:func:`comparison_vectors` reuses such an encoding for any number of pair sets (the
random pairs of u estimation, the candidate pairs, labelled pairs).
``compute(left, right)`` runs both steps on raw columns given per side.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from typing import Any, ClassVar

import numpy as np
import polars as pl
from rapidfuzz import fuzz, process
from rapidfuzz.distance import (
    OSA,
    DamerauLevenshtein,
    Jaro,
    JaroWinkler,
    Levenshtein,
)

from linkage.errors import ConfigError as UsageError

Pairs = dict[str, pl.Series]
"""Column name → values gathered for one side of every pair (same length, same order)."""

Encoded = dict[str, np.ndarray]
"""Key → per-record (or, gathered, per-pair-side) array of one comparison's encoding."""

Cache = dict[tuple[str, str], Any]
"""Per-column arrays shared by the comparisons encoding one records frame (e.g. one
date column read by several date comparisons is converted once)."""

_NO_DAY = -(1 << 40)        # day number of a missing date
_NO_INT = -(1 << 40)        # a missing integer (years, lengths)

# metric name → (scorer, is_distance).  Similarities in [0, 1]; distances are edit counts.
METRICS: dict[str, tuple[Callable[..., Any], bool]] = {
    "jaro_winkler": (JaroWinkler.normalized_similarity, False),
    "jaro": (Jaro.normalized_similarity, False),
    "levenshtein": (Levenshtein.distance, True),
    "damerau_levenshtein": (DamerauLevenshtein.distance, True),
    "osa": (OSA.distance, True),
    "ratio": (fuzz.ratio, False),
    "token_sort_ratio": (fuzz.token_sort_ratio, False),
    "token_set_ratio": (fuzz.token_set_ratio, False),
}
_PERCENT_METRICS = {"ratio", "token_sort_ratio", "token_set_ratio"}


def _as_str(s: pl.Series) -> pl.Series:
    if s.dtype == pl.String:
        return s
    if s.dtype == pl.Date:
        return s.dt.to_string("%Y%m%d")
    return s.cast(pl.String, strict=False)


def _bool(s: pl.Series) -> np.ndarray:
    return s.fill_null(False).to_numpy().astype(bool, copy=False)


def _codes(s: pl.Series) -> np.ndarray:
    """Equality codes (int64): equal non-null values share a code ≥ 0; null is -1."""
    if s.dtype == pl.Null:
        return np.full(s.len(), -1, dtype=np.int64)
    if s.dtype in (pl.String, pl.Categorical) or isinstance(s.dtype, pl.Enum):
        c = s.cast(pl.String).cast(pl.Categorical).to_physical()
    else:
        c = s.rank("dense")
    return c.cast(pl.Int64).fill_null(-1).to_numpy()


def _equal(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Codes equal and not null."""
    return (a == b) & (a >= 0)


def _strings(s: pl.Series) -> np.ndarray:
    """Object array of the values as text (null → ""), for rapidfuzz."""
    return np.array(_as_str(s).fill_null("").to_list(), dtype=object)


def _ints(s: pl.Series) -> np.ndarray:
    """int64 values (``_NO_INT`` where null)."""
    if s.dtype == pl.Null:
        return np.full(s.len(), _NO_INT, dtype=np.int64)
    return s.cast(pl.Int64).fill_null(_NO_INT).to_numpy()


def _flags(s: pl.Series) -> np.ndarray:
    """Boolean values, null as false (the levels never tell a missing flag from false)."""
    return _bool(s.cast(pl.Boolean))


class Side(Mapping[str, np.ndarray]):
    """One side of every pair: a records' encoding read at row positions ``idx``.

    ``side[key]`` gathers an array for every pair (cached); ``side.at(key, where)``
    gathers it for the pairs at positions ``where`` only — for work a few pairs need
    (string similarities, ID digits), so nothing is gathered for the other pairs.
    """

    def __init__(self, enc: Encoded, idx: np.ndarray) -> None:
        self.enc = enc
        self.idx = idx
        self._cache: dict[str, np.ndarray] = {}

    def __getitem__(self, key: str) -> np.ndarray:
        if key not in self._cache:
            self._cache[key] = self.enc[key][self.idx]
        return self._cache[key]

    def at(self, key: str, where: np.ndarray) -> np.ndarray:
        v = self.enc[key]
        if isinstance(v, pl.Series):      # text kept as a Series: gathered only where asked
            return np.array(v.gather(self.idx[where]).to_list(), dtype=object)
        return v[self.idx[where]]

    def __iter__(self) -> Iterator[str]:
        return iter(self.enc)

    def __len__(self) -> int:
        return len(self.enc)

    @property
    def size(self) -> int:
        return int(self.idx.shape[0])


def take(enc: Encoded, idx: np.ndarray) -> Side:
    """An encoding read at row positions ``idx`` (one side of every pair)."""
    return Side(enc, idx)


def _levels(null: np.ndarray, conditions: list[np.ndarray]) -> np.ndarray:
    """Code = 1 + index of the first true condition; len+1 when none; 0 when null."""
    n = null.shape[0]
    out = np.full(n, len(conditions) + 1, dtype=np.int8)
    for i in range(len(conditions) - 1, -1, -1):
        out[conditions[i]] = i + 1
    out[null] = 0
    return out


def _scores(left: Side, right: Side, key: str, metric: str, mask: np.ndarray,
            cutoff: float | None = None) -> np.ndarray:
    """``metric`` of the texts ``key`` (object arrays) of both sides where ``mask``; NaN
    elsewhere. ``cutoff``: the loosest threshold a level tests (a similarity below it, or a
    distance above it, only has to stay below / above it — rapidfuzz then stops early)."""
    scorer, _ = METRICS[metric]
    out = np.full(mask.shape[0], np.nan, dtype=np.float64)
    idx = np.flatnonzero(mask)
    if idx.size:
        kw: dict[str, Any] = {}
        if cutoff is not None:
            kw["score_cutoff"] = cutoff * 100.0 if metric in _PERCENT_METRICS else cutoff
        vals = process.cpdist(left.at(key, idx).tolist(), right.at(key, idx).tolist(), scorer=scorer,
                              workers=-1, dtype=np.float64, **kw)
        if metric in _PERCENT_METRICS:
            vals = vals / 100.0
        out[idx] = vals
    return out


def _cutoff(thresholds: list[float], is_distance: bool) -> float:
    return max(thresholds) if is_distance else min(thresholds)


def _threshold_conditions(scores: np.ndarray, thresholds: list[float], is_distance: bool) -> list[np.ndarray]:
    with np.errstate(invalid="ignore"):
        if is_distance:
            return [scores <= t for t in thresholds]
        return [scores >= t for t in thresholds]


class Comparison(ABC):
    """Base class. Subclasses set ``kind`` and ``levels`` and implement ``compute``."""

    kind: ClassVar[str] = ""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = dict(spec)
        self.name: str = spec["name"]
        self.tf_adjust: bool = bool(spec.get("tf_adjust", False))
        self.tf_levels: list[int] = list(spec.get("tf_levels", [1]))
        self.tf_weight: float = float(spec.get("tf_weight", 1.0))
        self.related_columns: list[str] = list(spec.get("related_columns", []))
        self.both_in: list[str] = list(spec.get("both_in", []))
        nb = list(spec.get("not_both_in", []))
        # a flat list is one group of sources; a list of lists is several groups
        self.not_both_in: list[list[str]] = [list(g) for g in nb] if nb and isinstance(nb[0], list) else ([nb] if nb else [])
        bw = list(spec.get("between", []))
        if bw and len(bw) != 2:
            raise UsageError(f"comparison {self.name!r}: between names two groups of sources",
                             hint='write between = [["a", "b"], ["c"]]')
        self.between: list[list[str]] = [list(g) for g in bw]
        self.not_between: list[list[list[str]]] = [[list(a), list(b)] for a, b in spec.get("not_between", [])]
        self.levels: list[str] = self._level_names()
        # levels whose weight is held at 0 when pairs are scored (their m and u are still
        # estimated): a disagreement that says nothing for this comparison because it is itself
        # what a downstream analysis looks for (a body cremated far from home), so the linkage
        # must not keep exactly those records apart; agreement keeps its full weight
        self.neutral_levels: list[str] = list(spec.get("neutral_levels", []))
        unknown = [lv for lv in self.neutral_levels if lv not in self.levels[1:]]
        if unknown:
            raise UsageError(f"comparison {self.name!r}: neutral_levels {unknown} are not among its levels "
                             f"{self.levels[1:]}", hint="name levels by their labels, e.g. \"else\"")

    # -- to implement ---------------------------------------------------
    @abstractmethod
    def _level_names(self) -> list[str]:
        """The level names, from the null level to the else level."""

    @property
    @abstractmethod
    def columns(self) -> list[str]:
        """Record columns this comparison reads."""

    @abstractmethod
    def encode(self, records: pl.DataFrame, cache: Cache | None = None) -> Encoded:
        """Per-record arrays of the columns this comparison reads (row-aligned with ``records``);
        ``cache``: per-column arrays shared with the other comparisons of one encoding."""

    @abstractmethod
    def compare(self, left: Side, right: Side) -> np.ndarray:
        """Int8 level code per pair, from the encoding gathered for each side."""

    def compute(self, left: Pairs, right: Pairs) -> np.ndarray:
        """Int8 level code per pair, from raw columns given per side (encodes both sides
        together, so equality codes agree)."""
        n = next(iter(left.values())).len()
        both = pl.concat([pl.DataFrame(left), pl.DataFrame(right)], how="vertical_relaxed")
        enc = self.encode(both)
        i = np.arange(n)
        return self.compare(take(enc, i), take(enc, i + n))

    # -- shared ---------------------------------------------------------
    @property
    def tf_column(self) -> str | None:
        if not self.tf_adjust:
            return None
        return self.spec.get("tf_column") or self.columns[0]

    @property
    def restricted(self) -> bool:
        """Whether the comparison applies to some source pairs only."""
        return bool(self.both_in or self.not_both_in or self.between or self.not_between)

    def applies(self, left: Pairs, right: Pairs) -> np.ndarray | None:
        """Pairs this comparison applies to; None = all.

        ``both_in``: both records from these sources; ``not_both_in``: not both from one
        group (a list of sources, or a list of such lists); ``between``: one record from
        each of two groups (``[[a, b], [c]]``); ``not_between``: a list of such group
        pairs the comparison does not apply to.

        Where it does not apply the level is null, so one field can be compared with
        different m probabilities for different kinds of source pairs.
        """
        if not self.restricted:
            return None
        sl, sr = left["_src"].cast(pl.String), right["_src"].cast(pl.String)
        return self._applies(lambda g: (_bool(sl.is_in(g)), _bool(sr.is_in(g))), sl.len())

    def applies_at(self, src: pl.Series, il: np.ndarray, ir: np.ndarray) -> np.ndarray | None:
        """:meth:`applies` for pairs given as row positions into a records' source column."""
        if not self.restricted:
            return None
        s = src.cast(pl.String)

        def member(g: list[str]) -> tuple[np.ndarray, np.ndarray]:
            m = _bool(s.is_in(g))
            return m[il], m[ir]

        return self._applies(member, il.shape[0])

    def _applies(self, member: Callable[[list[str]], tuple[np.ndarray, np.ndarray]], n: int) -> np.ndarray:
        ok = np.ones(n, dtype=bool)
        if self.both_in:
            a, b = member(self.both_in)
            ok &= a & b
        for group in self.not_both_in:
            a, b = member(group)
            ok &= ~(a & b)

        def across(x: list[str], y: list[str]) -> np.ndarray:
            xl, xr = member(x)
            yl, yr = member(y)
            return (xl & yr) | (yl & xr)

        if self.between:
            ok &= across(*self.between)
        for x, y in self.not_between:
            ok &= ~across(x, y)
        return ok

    @property
    def all_columns(self) -> list[str]:
        cols = list(self.columns) + self.related_columns
        if self.tf_column:
            cols.append(self.tf_column)
        return list(dict.fromkeys(cols))

    def _req(self, key: str) -> Any:
        if key not in self.spec:
            raise UsageError(f"comparison {self.name!r} ({self.kind}) needs {key!r}",
                             hint=f"add {key} = ... to its [[comparisons]] table")
        return self.spec[key]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.spec)


class ExactMatch(Comparison):
    """Exact equality of one column.

    Levels: null · exact · else.
    """

    kind = "exact"

    def _level_names(self) -> list[str]:
        return ["null", "exact", "else"]

    @property
    def columns(self) -> list[str]:
        return [self._req("column")]

    def encode(self, records: pl.DataFrame, cache: Cache | None = None) -> Encoded:
        return {"v": _codes(records[self.columns[0]])}

    def compare(self, left: Side, right: Side) -> np.ndarray:
        a, b = left["v"], right["v"]
        return _levels((a < 0) | (b < 0), [a == b])


class StringSimilarity(Comparison):
    """A string column: exact, then a similarity (or edit distance) at thresholds.

    Options: ``column``, ``metric`` (jaro_winkler, jaro, levenshtein, damerau_levenshtein,
    osa, ratio, token_sort_ratio, token_set_ratio), ``thresholds`` (similarities ≥ t,
    or distances ≤ t, strongest first).

    Levels: null · exact · metric at thresholds[0] · … · metric at thresholds[-1] · else.
    """

    kind = "string"

    def _level_names(self) -> list[str]:
        metric = self.spec.get("metric", "jaro_winkler")
        _, is_dist = METRICS.get(metric, (None, False))
        op = "<=" if is_dist else ">="
        return ["null", "exact", *[f"{metric} {op} {t}" for t in self.spec.get("thresholds", [0.9])], "else"]

    @property
    def columns(self) -> list[str]:
        return [self._req("column")]

    def encode(self, records: pl.DataFrame, cache: Cache | None = None) -> Encoded:
        s = _as_str(records[self.columns[0]])
        return {"v": _codes(s), "s": _strings(s)}

    def compare(self, left: Side, right: Side) -> np.ndarray:
        metric = self.spec.get("metric", "jaro_winkler")
        null = (left["v"] < 0) | (right["v"] < 0)
        exact = _equal(left["v"], right["v"])
        _, is_dist = METRICS[metric]
        th = list(self.spec.get("thresholds", [0.9]))
        scores = _scores(left, right, "s", metric, ~null & ~exact, _cutoff(th, is_dist))
        conds = _threshold_conditions(scores, th, is_dist)
        return _levels(null, [exact, *conds])


class NameComparison(Comparison):
    """A name, compared through a cascade of ever looser renderings, then a similarity.

    Options: ``exact_columns`` (e.g. characters, simplified characters, pinyin —
    strictest first), ``indel_column`` (optional: a level for one character dropped or
    added in that column — 张雪 / 张雪莉, 黄玉凤 / 黄玉玉凤), ``similarity_column``
    (default the last exact column), ``metric`` (default jaro_winkler), ``thresholds``.

    Levels: null · same exact_columns[0] · same exact_columns[1] · … · one character
    dropped or added (with ``indel_column``) · metric at thresholds[0] · … · else.
    """

    kind = "name"

    def _level_names(self) -> list[str]:
        cols = self.spec.get("exact_columns", [])
        metric = self.spec.get("metric", "jaro_winkler")
        indel = ["one character dropped or added"] if self.spec.get("indel_column") else []
        return ["null", *[f"same {c}" for c in cols], *indel,
                *[f"{metric} >= {t}" for t in self.spec.get("thresholds", [0.9])], "else"]

    @property
    def columns(self) -> list[str]:
        cols = list(self._req("exact_columns"))
        sim = self.spec.get("similarity_column") or cols[-1]
        indel = [self.spec["indel_column"]] if self.spec.get("indel_column") else []
        return list(dict.fromkeys([*cols, *indel, sim]))

    def encode(self, records: pl.DataFrame, cache: Cache | None = None) -> Encoded:
        cols = list(self.spec["exact_columns"])
        sim = self.spec.get("similarity_column") or cols[-1]
        enc = {f"v:{c}": _codes(_as_str(records[c])) for c in cols}
        ic = self.spec.get("indel_column")
        if ic:
            s = _as_str(records[ic])
            enc[f"s:{ic}"] = _strings(s)
            enc[f"n:{ic}"] = _ints(s.str.len_chars())
        enc[f"s:{sim}"] = _strings(records[sim])
        return enc

    def compare(self, left: Side, right: Side) -> np.ndarray:
        cols = list(self.spec["exact_columns"])
        sim = self.spec.get("similarity_column") or cols[-1]
        metric = self.spec.get("metric", "jaro_winkler")
        first = f"v:{cols[0]}"
        null = (left[first] < 0) | (right[first] < 0)
        conds = [_equal(left[f"v:{c}"], right[f"v:{c}"]) for c in cols]
        any_exact = np.logical_or.reduce(conds)
        ic = self.spec.get("indel_column")
        if ic:
            la, lb = left[f"n:{ic}"], right[f"n:{ic}"]
            one_len = (la != _NO_INT) & (lb != _NO_INT) & (np.abs(la - lb) == 1)
            lev = _scores(left, right, f"s:{ic}", "levenshtein", ~null & ~any_exact & one_len, 1)
            with np.errstate(invalid="ignore"):
                conds.append(lev == 1)
        _, is_dist = METRICS[metric]
        th = list(self.spec.get("thresholds", [0.9]))
        scores = _scores(left, right, f"s:{sim}", metric, ~null & ~any_exact, _cutoff(th, is_dist))
        conds += _threshold_conditions(scores, th, is_dist)
        return _levels(null, conds)


def _date_parts(s: pl.Series) -> tuple[pl.Series, pl.Series]:
    """(YYYYMMDD string, Date) of a Date or String date column."""
    if s.dtype == pl.Date:
        return s.dt.to_string("%Y%m%d"), s
    if isinstance(s.dtype, pl.Datetime):
        d = s.dt.date()
        return d.dt.to_string("%Y%m%d"), d
    txt = _as_str(s).str.replace_all(r"[-/]", "")
    return txt, txt.str.to_date("%Y%m%d", strict=False)


def _to_date(s: pl.Series) -> pl.Series:
    """A Date series of a Date, Datetime or text date column."""
    if s.dtype == pl.Date:
        return s
    if isinstance(s.dtype, pl.Datetime):
        return s.dt.date()
    return _date_parts(s)[1]


def _ymd(s: pl.Series) -> np.ndarray:
    """YYYYMMDD as int64 (-1 where null or unparseable)."""
    d = _to_date(s)
    v = (d.dt.year().cast(pl.Int64) * 10000 + d.dt.month().cast(pl.Int64) * 100 + d.dt.day().cast(pl.Int64))
    return v.fill_null(-1).to_numpy()


def _bcd_table(n: int) -> np.ndarray:
    """Packed decimal digits (4 bits each) of 0 … n-1."""
    v = np.arange(n, dtype=np.int64)
    out = np.zeros(n, dtype=np.int64)
    k = 0
    while n > 1:
        out |= (v % 10) << (4 * k)
        v //= 10
        n //= 10
        k += 1
    return out


_BCD4 = _bcd_table(10_000)


def _bcd(ymd: np.ndarray) -> np.ndarray:
    """YYYYMMDD integers packed one decimal digit per 4 bits (int64; -1 stays -1)."""
    x = np.where(ymd < 0, 0, ymd)
    out = (_BCD4[x // 10_000] << 16) | (_BCD4[(x // 100) % 100] << 8) | _BCD4[x % 100]
    return np.where(ymd < 0, -1, out)


def _date_arrays(records: pl.DataFrame, column: str, cache: Cache | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(YYYYMMDD, packed YYYYMMDD, day number) of a date column, once per ``cache``."""
    key = ("date", column)
    if cache is not None and key in cache:
        return cache[key]  # type: ignore[no-any-return]
    ymd = _ymd(records[column])
    out = (ymd, _bcd(ymd), _days(records[column]))
    if cache is not None:
        cache[key] = out
    return out


def _digit_differences(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Number of differing digits of two packed dates (:func:`_bcd`; Hamming distance on 8
    digits)."""
    d = a ^ b
    return np.bitwise_count((d | (d >> 1) | (d >> 2) | (d >> 3)) & 0x11111111)


def _swapped(a: np.ndarray) -> np.ndarray:
    """YYYYMMDD with month and day exchanged."""
    return (a // 10000) * 10000 + (a % 100) * 100 + (a // 100) % 100


class DateComparison(Comparison):
    """A date (Date column, or text YYYYMMDD / YYYY-MM-DD).

    Options: ``column``, ``swap`` (day and month swapped, default true), ``typo``
    (one character of YYYYMMDD wrong, default true), ``within_days`` (list, ascending),
    ``estimated_column`` (optional Boolean: the date stands in for a missing one — a
    cremation or deregistration date for a missing death date; such pairs get their own
    levels, since only nearness means anything) with ``estimated_within_days``.

    Levels: null · [estimated: within estimated_within_days[0] days · … · estimated:
    further apart] · exact · day-month swapped · one-digit typo · within within_days[0]
    days · … · else (swap/typo levels only when enabled).
    """

    kind = "date"

    def _level_names(self) -> list[str]:
        names = ["null"]
        if self.spec.get("estimated_column"):
            names += [f"estimated date: within {d} days" for d in self.spec.get("estimated_within_days", [7])]
            names.append("estimated date: further apart")
        names.append("exact")
        if self.spec.get("swap", True):
            names.append("day-month swapped")
        if self.spec.get("typo", True):
            names.append("one-digit typo")
        names += [f"within {d} days" for d in self.spec.get("within_days", [])]
        return [*names, "else"]

    @property
    def columns(self) -> list[str]:
        return [self._req("column"), *([self.spec["estimated_column"]] if self.spec.get("estimated_column") else [])]

    def encode(self, records: pl.DataFrame, cache: Cache | None = None) -> Encoded:
        c = self.columns[0]
        ymd, bcd, day = _date_arrays(records, c, cache)
        enc = {"ymd": ymd, "bcd": bcd, "day": day}
        ec = self.spec.get("estimated_column")
        if ec:
            enc["est"] = _flags(records[ec])
        return enc

    def compare(self, left: Side, right: Side) -> np.ndarray:
        a, b = left["ymd"], right["ymd"]
        null = (a < 0) | (b < 0)
        dl, dr = left["day"], right["day"]
        gap = np.where((dl == _NO_DAY) | (dr == _NO_DAY), 1 << 30, np.abs(dl - dr))
        conds: list[np.ndarray] = []
        if self.spec.get("estimated_column"):
            est = left["est"] | right["est"]
            conds += [est & (gap <= d) for d in self.spec.get("estimated_within_days", [7])]
            conds.append(est)
        conds.append(a == b)
        if self.spec.get("swap", True):
            conds.append(_swapped(a) == b)
        if self.spec.get("typo", True):
            conds.append(_digit_differences(left["bcd"], right["bcd"]) <= 1)
        conds += [gap <= d for d in self.spec.get("within_days", [])]
        return _levels(null, conds)


def _id_digits(s: pl.Series) -> np.ndarray:
    """(n, 18) Int8 digits of 18-character IDs (X = 10); rows of other values are meaningless."""
    body = s.str.slice(0, 17).str.to_integer(strict=False).fill_null(0).to_numpy().astype(np.int64)
    last = s.str.slice(17, 1).str.replace("X", "10", literal=True).str.to_integer(strict=False).fill_null(11)
    out = np.empty((body.shape[0], 18), dtype=np.int8)
    for k in range(16, -1, -1):
        out[:, k] = body % 10
        body //= 10
    out[:, 17] = last.to_numpy()
    return out


def _id_encode(x: pl.Series) -> Encoded:
    """Per-record encoding of an ID column: equality code, 18-character shape, digits,
    text and length (for the rapidfuzz fallback)."""
    x = _as_str(x)
    shape = _bool((x.str.len_chars() == 18) & x.str.contains(r"^\d{17}[\dX]$"))
    digits = _id_digits(x)
    # equality codes: an 18-character ID is its digits read as one number (exact, < 2^61);
    # other values get dictionary codes above every such number
    code = np.zeros(x.len(), dtype=np.int64)
    for k in range(18):
        code = code * 11 + digits[:, k]
    other = np.flatnonzero(~shape)
    if other.size:
        rest = _codes(x.gather(other))
        code[other] = np.where(rest >= 0, rest + 11 ** 18, -1)
    # the digits packed 4 bits each (digits 0-15 in one word, 16-17 in another): the number
    # of differing digits of a pair is a popcount of two XORs
    hi = np.zeros(x.len(), dtype=np.uint64)
    for k in range(16):
        hi |= digits[:, k].astype(np.uint64) << np.uint64(4 * (15 - k))
    lo = (digits[:, 16].astype(np.uint64) << np.uint64(4)) | digits[:, 17].astype(np.uint64)
    # the text is only read for pairs with another shape: kept as a Series, gathered for those
    return {"v": code, "ok18": shape, "digits": digits, "hi": hi, "lo": lo,
            "s": x.fill_null(""), "n": _ints(x.str.len_chars())}  # type: ignore[dict-item]


_NIBBLES = np.uint64(0x1111111111111111)


def _nibbles_apart(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Number of differing 4-bit digits of two packed words."""
    d = a ^ b
    one, two, three = np.uint64(1), np.uint64(2), np.uint64(3)
    return np.bitwise_count((d | (d >> one) | (d >> two) | (d >> three)) & _NIBBLES)


def _id_edits_encoded(a: Side, b: Side, mask: np.ndarray
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(one adjacent transposition, one substitution, one typo with its check character
    recomputed, more than one edit) where ``mask``; the third is a subset of the fourth.

    A typo with its check character recomputed (or retyped to fit): two 18-character IDs whose
    check characters differ while their first 17 characters are one substitution or one adjacent
    transposition apart — the domain brief's "corrupted in a way that keeps the check valid". One
    differing digit of the first 17 always changes the check character (every weight is non-zero
    mod 11), so two valid IDs are never one character apart: such a pair is one typo, not two."""
    n = mask.shape[0]
    trans, subst, rechecked, far = (np.zeros(n, bool) for _ in range(4))
    both18 = mask & a["ok18"] & b["ok18"]
    idx = np.flatnonzero(both18)
    if idx.size:
        ham = (_nibbles_apart(a.at("hi", idx), b.at("hi", idx))
               + _nibbles_apart(a.at("lo", idx), b.at("lo", idx))).astype(np.int64)
        # two or three differing digits: a transposition, or a typo and its check character? (digit
        # by digit, for those only)
        few = np.flatnonzero((ham == 2) | (ham == 3))
        t, r = np.zeros(idx.size, dtype=bool), np.zeros(idx.size, dtype=bool)
        if few.size:
            da, db = a.at("digits", idx[few]), b.at("digits", idx[few])
            diff = da != db
            swap = diff[:, :-1] & diff[:, 1:] & (da[:, :-1] == db[:, 1:]) & (da[:, 1:] == db[:, :-1])
            t[few] = (ham[few] == 2) & swap.any(axis=1)
            body = diff[:, :17].sum(axis=1)
            r[few] = diff[:, 17] & ((body == 1) | ((body == 2) & swap[:, :16].any(axis=1)))
        trans[idx], subst[idx], far[idx] = t, ham == 1, (ham > 1) & ~t
        rechecked[idx] = r & ~t
    rest = mask & ~both18
    if rest.any():
        osa = _scores(a, b, "s", "osa", rest)
        lev = _scores(a, b, "s", "levenshtein", rest)
        same_len = (a["n"] == b["n"]) & (a["n"] != _NO_INT)
        with np.errstate(invalid="ignore"):
            trans |= rest & (osa == 1) & (lev == 2)
            subst |= rest & (lev == 1) & same_len
            far |= rest & ~(osa <= 1)
    return trans, subst, rechecked, far


def _id_edits(x: pl.Series, r: pl.Series, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(one adjacent transposition, one substitution, more than one edit) where ``mask``.

    18-character pairs are compared digit by digit (vectorised); any other shape falls back
    to rapidfuzz's OSA / Levenshtein distances.
    """
    n = x.len()
    enc = _id_encode(pl.concat([_as_str(x), _as_str(r)]))
    i = np.arange(n)
    trans, subst, _, far = _id_edits_encoded(take(enc, i), take(enc, i + n), mask)
    return trans, subst, far


class IdNumber(Comparison):
    """A resident ID number (18 characters; legacy 15-digit numbers upgraded upstream).

    Options: ``column`` (normalised 18-character ID), ``valid_column`` (Boolean: check
    character correct), ``legacy_column`` (Boolean: was a 15-digit legacy number).

    Levels: null · exact · legacy-equivalent (same after upgrading a 15-digit number) ·
    one transposition · one substitution · one typo, check recomputed (the first 17 characters
    one substitution or transposition apart, the check characters differ: see
    :func:`_id_edits_encoded`) · else (different, one side invalid) · conflicting valid IDs (both
    check characters valid and more than one typo apart).
    """

    kind = "id"

    def _level_names(self) -> list[str]:
        return ["null", "exact", "legacy-equivalent", "one transposition", "one substitution",
                "one typo, check recomputed", "else", "conflicting valid IDs"]

    @property
    def columns(self) -> list[str]:
        cols = [self._req("column")]
        for k in ("valid_column", "legacy_column"):
            if self.spec.get(k):
                cols.append(self.spec[k])
        return cols

    def encode(self, records: pl.DataFrame, cache: Cache | None = None) -> Encoded:
        enc = _id_encode(records[self.spec["column"]])
        for key, opt in (("legacy", "legacy_column"), ("valid", "valid_column")):
            col = self.spec.get(opt)
            enc[key] = _flags(records[col]) if col else np.zeros(records.height, dtype=bool)
        return enc

    def compare(self, left: Side, right: Side) -> np.ndarray:
        null = (left["v"] < 0) | (right["v"] < 0)
        exact = _equal(left["v"], right["v"])
        legacy = left["legacy"] | right["legacy"]
        same = exact & ~legacy
        legacy_eq = exact & legacy
        mask = ~null & ~exact
        transposition, substitution, rechecked, far = _id_edits_encoded(left, right, mask)
        both_valid = left["valid"] & right["valid"]
        other = mask & ~transposition & ~substitution & ~rechecked
        conflict = other & both_valid & far
        different = other & ~conflict
        return _levels(null, [same, legacy_eq, transposition, substitution, rechecked, different, conflict])


class PrefixMatch(Comparison):
    """Hierarchical codes compared by shared prefix (e.g. region: county / city / province).

    Options: ``column``, ``lengths`` (default [6, 4, 2]), ``labels`` (level names).

    Levels: null · same first lengths[0] characters · … · same first lengths[-1] · else.
    """

    kind = "prefix"

    def _level_names(self) -> list[str]:
        lengths = self.spec.get("lengths", [6, 4, 2])
        labels = self.spec.get("labels") or [f"same first {n}" for n in lengths]
        return ["null", *labels, "else"]

    @property
    def columns(self) -> list[str]:
        return [self._req("column")]

    def encode(self, records: pl.DataFrame, cache: Cache | None = None) -> Encoded:
        x = _as_str(records[self.columns[0]])
        return {f"p{n}": _codes(x.str.slice(0, n)) for n in self.spec.get("lengths", [6, 4, 2])} | {
            "v": _codes(x)}

    def compare(self, left: Side, right: Side) -> np.ndarray:
        null = (left["v"] < 0) | (right["v"] < 0)
        conds = [_equal(left[f"p{n}"], right[f"p{n}"]) for n in self.spec.get("lengths", [6, 4, 2])]
        return _levels(null, conds)


class Employer(Comparison):
    """An employer: registration code first, then the name.

    Options: ``uscc_column``, ``name_column``, ``metric`` (default token_sort_ratio),
    ``thresholds`` (default [0.9, 0.75]).

    Levels: null (neither code nor name on both sides) · same USCC · same name ·
    name metric at thresholds[0] · … · else.
    """

    kind = "employer"

    def _level_names(self) -> list[str]:
        metric = self.spec.get("metric", "token_sort_ratio")
        return ["null", "same USCC", "same name",
                *[f"name {metric} >= {t}" for t in self.spec.get("thresholds", [0.9, 0.75])], "else"]

    @property
    def columns(self) -> list[str]:
        return [self._req("uscc_column"), self._req("name_column")]

    def encode(self, records: pl.DataFrame, cache: Cache | None = None) -> Encoded:
        uc, nc = self.columns
        name = _as_str(records[nc])
        return {"u": _codes(_as_str(records[uc])), "n": _codes(name), "s": _strings(name)}

    def compare(self, left: Side, right: Side) -> np.ndarray:
        metric = self.spec.get("metric", "token_sort_ratio")
        u_null = (left["u"] < 0) | (right["u"] < 0)
        n_null = (left["n"] < 0) | (right["n"] < 0)
        null = u_null & n_null
        same_u = _equal(left["u"], right["u"])
        same_n = _equal(left["n"], right["n"])
        _, is_dist = METRICS[metric]
        th = list(self.spec.get("thresholds", [0.9, 0.75]))
        scores = _scores(left, right, "s", metric, ~n_null & ~same_n & ~same_u, _cutoff(th, is_dist))
        conds = _threshold_conditions(scores, th, is_dist)
        return _levels(null, [same_u, same_n, *conds])


class BirthComparison(Comparison):
    """Birth date against birth date, or against the birth-year range implied by an age.

    Options: ``date_column`` (Date, may be null), ``year_min_column`` /
    ``year_max_column`` (Int: the birth-year range — the year itself when the date is
    known, event year − age − 1 … event year − age + 1 when only an age is),
    ``within_years`` (default 2), ``from_column`` / ``to_column`` (optional Dates: the
    exact interval the birth date lies in — the date itself, or the year before the day an
    age was recorded on; adds a level). Pairs with both dates and pairs where one side only
    has an age get separate levels, since they carry different evidence.

    Levels: null · same date · day-month swapped or one-digit typo · dates within
    within_years years · [age: exact — the intervals meet (with ``from_column``)] · age: birth
    years consistent · age: within within_years years · age: inconsistent · else (dates
    further apart). Ages of one person recorded on two days always meet exactly (36 in March,
    still 36 or 37 in September); a namesake's one-year-different age most often does not.
    """

    kind = "birth"

    def _level_names(self) -> list[str]:
        n = self.spec.get("within_years", 2)
        exact = ["age: exact"] if self.spec.get("from_column") else []
        return ["null", "same date", "day-month swapped or one-digit typo", f"dates within {n} years", *exact,
                "age: birth years consistent", f"age: within {n} years", "age: inconsistent", "else"]

    @property
    def columns(self) -> list[str]:
        cols = [self._req("date_column"), self._req("year_min_column"), self._req("year_max_column")]
        if self.spec.get("from_column"):
            cols += [self.spec["from_column"], self._req("to_column")]
        return cols

    def encode(self, records: pl.DataFrame, cache: Cache | None = None) -> Encoded:
        dc, lo, hi = self.columns[:3]
        ymd, bcd, _ = _date_arrays(records, dc, cache)
        enc = {"ymd": ymd, "bcd": bcd, "lo": _ints(records[lo]), "hi": _ints(records[hi])}
        if fc := self.spec.get("from_column"):
            enc["from"], enc["to"] = _days(records[fc]), _days(records[self.spec["to_column"]])
        return enc

    def compare(self, left: Side, right: Side) -> np.ndarray:
        n = int(self.spec.get("within_years", 2))
        a, b = left["ymd"], right["ymd"]
        both_dates = (a >= 0) & (b >= 0)
        same = both_dates & (a == b)
        near = both_dates & ((_swapped(a) == b) | (_digit_differences(left["bcd"], right["bcd"]) <= 1))
        lmin, lmax, rmin, rmax = left["lo"], left["hi"], right["lo"], right["hi"]
        kl, kL, kr, kR = (v != _NO_INT for v in (lmin, lmax, rmin, rmax))
        null = ~(kl & kL & kr & kR) & ~both_dates
        # the largest known of (lmin - rmax, rmin - lmax, 0): a missing bound drops its term
        gap = np.maximum(np.maximum(np.where(kl & kR, lmin - rmax, 0), np.where(kr & kL, rmin - lmax, 0)), 0)
        within = gap <= n
        age = ~both_dates
        exact: list[np.ndarray] = []
        if "from" in left:
            fl, tl, fr, tr = left["from"], left["to"], right["from"], right["to"]
            known = (fl != _NO_DAY) & (tl != _NO_DAY) & (fr != _NO_DAY) & (tr != _NO_DAY)
            exact.append(age & known & (fl <= tr) & (fr <= tl))
        return _levels(null, [same, near, both_dates & within, *exact, age & (gap == 0), age & within, age])


def _days(s: pl.Series) -> np.ndarray:
    """Days since 1970 as int64 (a large negative sentinel where null)."""
    return _to_date(s).cast(pl.Int32).cast(pl.Int64).fill_null(_NO_DAY).to_numpy()


class StayComparison(Comparison):
    """Two stays (e.g. hospital encounters): start, optional end, optional start time.

    A person is in one place at a time: two stays of one person are the same stay
    submitted twice (same start time), one stay continued elsewhere (a transfer: one ends
    the day the other starts), or separate stays that do not overlap. Overlapping stays
    in different places are evidence against.

    Options: ``start_column`` (Date), ``end_column`` (Date, may be null: then the stay is
    taken to end on its start day), ``time_column`` (Datetime of the start, optional),
    ``continued_column`` (Boolean: the stay ended in a transfer; optional — without it
    any stay may continue), ``continue_days`` (slack of the hand-over day, default 1),
    ``within_days`` (windows for separate stays, default [45, 366]), ``final_column``
    (optional Boolean: nothing of this person can start after this record ends — a
    death, a stay that ended in death; adds a level for a stay starting later),
    ``discharged_column`` (optional Boolean, with ``final_column``: the stay ended in a regular
    discharge — the person left alive and fit, not transferred nor against advice — so a final
    event on its last day overlaps it).

    Levels: null · same start time · continued (one ends as the other starts: a transfer,
    or a death on the discharge day) · same start day (not when one is a final event and the
    other ends, not finally, on a later day, or — with ``discharged_column`` — ends that day in a
    regular discharge: that overlaps) · start swapped or one-digit typo ·
    [starts after a final event (with ``final_column``)] · overlapping · separate, within
    within_days[0] days · … · else. Without ``final_column``: null · … · start
    day-month swapped or one-digit typo · overlapping · separate, within within_days[0]
    days · … · else.
    """

    kind = "stay"

    def _level_names(self) -> list[str]:
        final = ["starts after a final event"] if self.spec.get("final_column") else []
        return ["null", "same start time", "continued (one ends as the other starts)", "same start day",
                "start swapped or one-digit typo", *final, "overlapping",
                *[f"separate, within {d} days" for d in self.spec.get("within_days", [45, 366])], "else"]

    @property
    def columns(self) -> list[str]:
        cols = [self._req("start_column")]
        for k in ("end_column", "time_column", "continued_column", "final_column", "discharged_column"):
            if self.spec.get(k):
                cols.append(self.spec[k])
        return cols

    def encode(self, records: pl.DataFrame, cache: Cache | None = None) -> Encoded:
        sc = self.spec["start_column"]
        ymd, bcd, start = _date_arrays(records, sc, cache)
        end = _date_arrays(records, ec, cache)[2] if (ec := self.spec.get("end_column")) else start
        enc = {"start": start, "end": np.where(end < start, start, end),  # missing or impossible end: the start day
               "ymd": ymd, "bcd": bcd}
        if tc := self.spec.get("time_column"):
            enc["time"] = _codes(records[tc])
        n = records.height
        enc["cont"] = _flags(records[cc]) if (cc := self.spec.get("continued_column")) else np.ones(n, dtype=bool)
        if fc := self.spec.get("final_column"):
            enc["final"] = _flags(records[fc])
        if dc := self.spec.get("discharged_column"):
            enc["discharged"] = _flags(records[dc])
        return enc

    def compare(self, left: Side, right: Side) -> np.ndarray:
        sl, sr, el, er = left["start"], right["start"], left["end"], right["end"]
        null = (sl < -(1 << 39)) | (sr < -(1 << 39))
        same_time = _equal(left["time"], right["time"]) if "time" in left else np.zeros(sl.shape[0], dtype=bool)
        slack = int(self.spec.get("continue_days", 1))
        cl, cr = left["cont"], right["cont"]
        cont = ((cl & (sr > sl) & (np.abs(sr - el) <= slack))
                | (cr & (sl > sr) & (np.abs(sl - er) <= slack)))
        a, b = left["ymd"], right["ymd"]
        typo = (_swapped(a) == b) | (_digit_differences(left["bcd"], right["bcd"]) <= 1)
        overlap = (sl <= er) & (sr <= el)
        gap = np.maximum(sl - er, sr - el)
        same_day = sl == sr
        after_final: list[np.ndarray] = []
        if "final" in left:
            fl, fr = left["final"], right["final"]
            # a stay that starts on the day of a death but ends, not in death, on a later day
            # overlaps the death: the person was discharged alive after dying (a namesake), not
            # admitted and dead the same day
            same_day &= ~((fl & ~fr & (er > el)) | (fr & ~fl & (el > er)))
            if "discharged" in left:
                # ... and so does one that ended that very day in a regular discharge: the person
                # left hospital alive and fit (a worker taken out against advice, or transferred,
                # who dies that evening is not this case)
                dl, dr = left["discharged"], right["discharged"]
                same_day &= ~((fl & dr & (er == el)) | (fr & dl & (el == er)))
            after_final.append((fl & (sr > el + slack)) | (fr & (sl > er + slack)))
        conds = [same_time, cont, same_day, typo & (sl != sr), *after_final, overlap]
        conds += [gap <= d for d in self.spec.get("within_days", [45, 366])]
        return _levels(null, conds)


COMPARISONS: dict[str, type[Comparison]] = {
    c.kind: c for c in (ExactMatch, StringSimilarity, NameComparison, DateComparison, IdNumber,
                        PrefixMatch, Employer, BirthComparison, StayComparison)
}


def build_comparison(spec: dict[str, Any]) -> Comparison:
    """Compile one ``[[comparisons]]`` table into its comparison object."""
    kind = spec.get("kind", "exact")
    if kind not in COMPARISONS:
        raise UsageError(f"comparison {spec.get('name')!r}: unknown kind {kind!r}",
                         hint=f"use one of {sorted(COMPARISONS)}")
    comp = COMPARISONS[kind](spec)
    _ = comp.columns  # validates the required options
    metric = spec.get("metric")
    if metric is not None and metric not in METRICS:
        raise UsageError(f"comparison {comp.name!r}: unknown metric {metric!r}",
                         hint=f"use one of {sorted(METRICS)}")
    return comp


def encode_records(comparisons: list[Comparison], records: pl.DataFrame) -> dict[str, Encoded]:
    """Every comparison's per-record encoding of ``records`` (reuse it for several pair sets)."""
    cache: Cache = {}
    return {c.name: c.encode(records, cache) for c in comparisons}


# pairs compared at a time by :func:`comparison_vectors`
CHUNK_PAIRS = 1 << 21


def comparison_vectors(comparisons: list[Comparison], records: pl.DataFrame,
                       idx_l: np.ndarray, idx_r: np.ndarray,
                       encoded: dict[str, Encoded] | None = None) -> pl.DataFrame:
    """The comparison-vector stage: one Int8 level column per comparison, one row per pair.

    ``idx_l`` / ``idx_r``: row positions into ``records``. ``encoded``: the records'
    :func:`encode_records` (computed here when not given — then only for the rows the
    pairs touch, so one pair costs little). A comparison restricted to some source pairs
    is computed on those pairs only (the others get the null level).
    """
    il = np.asarray(idx_l).astype(np.int64, copy=False)
    ir = np.asarray(idx_r).astype(np.int64, copy=False)
    n = il.shape[0]
    if encoded is None:
        if 2 * n < records.height:
            rows, inverse = np.unique(np.concatenate([il, ir]), return_inverse=True)
            records = records[rows]
            il, ir = inverse[:n], inverse[n:]
        encoded = encode_records(comparisons, records)
    src = records["_src"] if "_src" in records.columns else None
    out = {comp.name: np.zeros(n, dtype=np.int8) for comp in comparisons}
    # pairs in chunks: a comparison's gathers, texts and scores are per pair, so their transient
    # memory is bounded by the chunk, not by all the pairs (at 10.5 M pairs the whole set took
    # the stage 1.3 GB above its encodings); the levels themselves are one byte per pair
    for start in range(0, n, CHUNK_PAIRS):
        cl, cr = il[start:start + CHUNK_PAIRS], ir[start:start + CHUNK_PAIRS]
        for comp in comparisons:
            ok = comp.applies_at(src, cl, cr) if comp.restricted and src is not None else None
            sl, sr = (cl, cr) if ok is None else (cl[ok], cr[ok])
            if not sl.size:
                continue
            part = comp.compare(take(encoded[comp.name], sl), take(encoded[comp.name], sr))
            if ok is None:
                out[comp.name][start:start + cl.size] = part
            else:
                out[comp.name][start:start + cl.size][ok] = part
    return pl.DataFrame({k: pl.Series(k, v, dtype=pl.Int8) for k, v in out.items()})
