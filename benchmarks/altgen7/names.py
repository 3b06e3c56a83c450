"""Names: drawing true names and rendering them with clerical noise, all vectorised."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from . import tables

IntArr = npt.NDArray[np.int64]


def _parse_surnames() -> tuple[list[str], list[str], np.ndarray, list[str], list[str]]:
    chars, py, w, trad, homo = [], [], [], [], []
    for item in tables.SURNAMES_TEXT.replace("\n", " ").split("|"):
        tok = item.split()
        if not tok:
            continue
        chars.append(tok[0])
        py.append(tok[1])
        w.append(float(tok[2]))
        trad.append(tok[3])
        homo.append("" if tok[4] == "-" else tok[4])
    weights = np.array(w)
    return chars, py, weights / weights.sum(), trad, homo


def _parse_given() -> tuple[list[str], list[str], list[str], list[str]]:
    chars, py, sex, trad = [], [], [], []
    for item in tables.GIVEN_TEXT.replace("\n", " ").split("|"):
        tok = item.split()
        if not tok:
            continue
        chars.append(tok[0])
        py.append(tok[1])
        sex.append(tok[2])
        trad.append(tok[3])
    return chars, py, sex, trad


SUR, SUR_PY, SUR_P, SUR_TRAD, SUR_HOMO = _parse_surnames()
GIV, GIV_PY, GIV_SEX, GIV_TRAD = _parse_given()

SUR_A = np.array(SUR)
SUR_PY_A = np.array(SUR_PY)
SUR_ALT_PY_A = np.array([tables.ALT_READING.get(s, p) for s, p in zip(SUR, SUR_PY, strict=True)])
SUR_TRAD_A = np.array(SUR_TRAD)
SUR_HOMO_A = np.array([h if h else s for s, h in zip(SUR, SUR_HOMO, strict=True)])
SUR_HAS_HOMO = np.array([bool(h) for h in SUR_HOMO])

GIV_A = np.array(GIV)
GIV_PY_A = np.array(GIV_PY)
GIV_TRAD_A = np.array(GIV_TRAD)
# homophones: other characters with the same toneless pinyin
_groups: dict[str, list[int]] = {}
for _i, _p in enumerate(GIV_PY):
    _groups.setdefault(_p, []).append(_i)
_MAXH = max(len(v) for v in _groups.values())
GIV_HOMO = np.full((len(GIV), _MAXH), -1, dtype=np.int64)
GIV_NHOMO = np.zeros(len(GIV), dtype=np.int64)
for _i, _p in enumerate(GIV_PY):
    others = [j for j in _groups[_p] if j != _i]
    GIV_HOMO[_i, : len(others)] = others
    GIV_NHOMO[_i] = len(others)


def _given_probs(sex: str) -> np.ndarray:
    w = np.array([(1.0 if s in (sex, "N") else 0.0) * tables.POPULAR_GIVEN.get(c, 1.0)
                  for c, s in zip(GIV, GIV_SEX, strict=True)])
    return w / w.sum()


GIV_P_M = _given_probs("M")
GIV_P_F = _given_probs("F")
EMPTY = len(GIV)  # index of "no second character"


def draw_names(rng: np.random.Generator, male: npt.NDArray[np.bool_],
               birth_year: IntArr) -> tuple[IntArr, IntArr, IntArr]:
    """Surname index, first and second given character (second == -1 for one-character names)."""
    n = male.shape[0]
    sur: IntArr = np.asarray(rng.choice(len(SUR), size=n, p=SUR_P), dtype=np.int64)
    g1 = np.where(male, rng.choice(len(GIV), size=n, p=GIV_P_M),
                  rng.choice(len(GIV), size=n, p=GIV_P_F)).astype(np.int64)
    g2 = np.where(male, rng.choice(len(GIV), size=n, p=GIV_P_M),
                  rng.choice(len(GIV), size=n, p=GIV_P_F)).astype(np.int64)
    single_p = np.where(birth_year < 1975, 0.32, np.where(birth_year < 1995, 0.2, 0.12))
    single = rng.random(n) < single_p
    g2 = np.where(single | (g2 == g1), -1, g2)
    # 小 is a first given character (小明), never a second one
    xiao = GIV.index("小")
    swap = g2 == xiao
    g2 = np.where(swap, g1, g2)
    g1 = np.where(swap, xiao, g1)
    return sur, g1, g2


NAME_KINDS = ["clean", "homophone", "traditional", "pinyin", "dropped", "doubled", "space",
              "dot"]


def render_names(rng: np.random.Generator, sur: IntArr, g1: IntArr, g2: IntArr,
                 probs: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """Render names with noise drawn from `probs` (kind -> probability, rest clean).

    Returns (names as a unicode array, the noise kind actually applied per row)."""
    n = sur.shape[0]
    kinds = np.array(NAME_KINDS)
    p = np.array([probs.get(k, 0.0) for k in NAME_KINDS])
    p[0] = max(0.0, 1.0 - p[1:].sum())
    kind: np.ndarray = np.asarray(rng.choice(len(NAME_KINDS), size=n, p=p / p.sum()))
    has2 = g2 >= 0
    g2c = np.where(has2, g2, 0)
    a = SUR_A[sur]
    b = GIV_A[g1]
    c = np.where(has2, GIV_A[g2c], "")
    sep = np.full(n, "", dtype="<U2")

    # homophone: surname (when it has one) 35 %, else a given character that has one
    m = kind == 1
    pick_sur = m & SUR_HAS_HOMO[sur] & (rng.random(n) < 0.35)
    a = np.where(pick_sur, SUR_HOMO_A[sur], a)
    r = rng.integers(0, _MAXH, size=n)
    use2 = m & ~pick_sur & has2 & ((GIV_NHOMO[g1] == 0) | (rng.random(n) < 0.5)) & \
        (GIV_NHOMO[g2c] > 0)
    use1 = m & ~pick_sur & ~use2 & (GIV_NHOMO[g1] > 0)
    h1 = GIV_HOMO[g1, r % np.maximum(GIV_NHOMO[g1], 1)]
    h2 = GIV_HOMO[g2c, r % np.maximum(GIV_NHOMO[g2c], 1)]
    b = np.where(use1, GIV_A[np.maximum(h1, 0)], b)
    c = np.where(use2, GIV_A[np.maximum(h2, 0)], c)
    kind = np.where(m & ~(pick_sur | use1 | use2), 0, kind)

    # traditional characters for every character that has one
    m = kind == 2
    ta, tb = SUR_TRAD_A[sur], GIV_TRAD_A[g1]
    tc = np.where(has2, GIV_TRAD_A[g2c], "")
    changed = (ta != a) | (tb != b) | (tc != c)
    a, b, c = np.where(m, ta, a), np.where(m, tb, b), np.where(m, tc, c)
    kind = np.where(m & ~changed, 0, kind)

    # pinyin: "Zhang Xiaoming", "ZHANG XIAOMING" or "zhangxiaoming"; a two-reading surname
    # may be written with its other reading
    m = kind == 3
    spy = np.where(rng.random(n) < 0.5, SUR_ALT_PY_A[sur], SUR_PY_A[sur])
    style = rng.random(n)
    pa = np.strings.capitalize(spy)
    pb = np.strings.capitalize(GIV_PY_A[g1])
    pc = np.where(has2, GIV_PY_A[g2c], "")
    up = style < 0.25
    low = style > 0.85
    pa = np.where(up, np.strings.upper(pa), np.where(low, spy, pa))
    pb = np.where(up, np.strings.upper(pb), np.where(low, GIV_PY_A[g1], pb))
    pc = np.where(up, np.strings.upper(pc), pc)
    a, b, c = np.where(m, pa, a), np.where(m, pb, b), np.where(m, pc, c)
    sep = np.where(m & ~low, " ", sep)

    # a dropped second character (one-character names get a doubled one instead)
    m = kind == 4
    drop_first = rng.random(n) < 0.3
    b = np.where(m & has2 & drop_first, c, b)
    c = np.where(m & has2, "", c)
    kind = np.where(m & ~has2, 5, kind)
    # a doubled character
    m = kind == 5
    c = np.where(m, np.strings.add(c, np.where(has2, c, b)), c)
    # stray spaces and middle dots
    m = kind == 6
    sp = rng.random(n)
    sep = np.where(m & (sp < 0.7), " ", np.where(m & (sp < 0.85), "  ", sep))
    tail = np.where(m & (sp >= 0.85), " ", "")
    m = kind == 7
    sep = np.where(m, np.where(rng.random(n) < 0.8, "·", "•"), sep)

    out = np.strings.add(np.strings.add(np.strings.add(a, sep), b), np.strings.add(c, tail))
    return out, kinds[kind]
