"""Identifiers (GB 11643 resident IDs, GB 32100 USCCs) and Chinese names, with noise."""

from __future__ import annotations

import datetime as dt

import numpy as np
from pypinyin import Style, lazy_pinyin

# ---------------------------------------------------------------- resident IDs
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"


def id_check_char(first17: str) -> str:
    s = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=False))
    return ID_CHECK[s % 11]


def id_is_valid(idn: str | None) -> bool:
    if not idn or len(idn) != 18 or not idn[:17].isdigit():
        return False
    return id_check_char(idn[:17]) == idn[17]


def make_id(region: str, birth: dt.date, seq: int) -> str:
    first = f"{region}{birth:%Y%m%d}{seq:03d}"
    return first + id_check_char(first)


def to_legacy15(idn: str) -> str:
    """18 -> 15 digits: drop the century and the check character."""
    return idn[:6] + idn[8:17]


def typo_id(idn: str, rng: np.random.Generator, keep_check: bool) -> str:
    """One or two mistyped digits, or an adjacent transposition, in the first 17."""
    chars = list(idn[:17])
    r = rng.random()
    if r < 0.4:  # transposition
        for _ in range(10):
            i = int(rng.integers(0, 16))
            if chars[i] != chars[i + 1]:
                chars[i], chars[i + 1] = chars[i + 1], chars[i]
                break
    else:
        n = 1 if r < 0.85 else 2
        for i in rng.choice(17, size=n, replace=False):
            d = chars[int(i)]
            chars[int(i)] = str((int(d) + int(rng.integers(1, 10))) % 10)
    first = "".join(chars)
    return first + (id_check_char(first) if keep_check else idn[17])


def wrong_check(idn: str, rng: np.random.Generator) -> str:
    c = idn[17]
    alts = [x for x in "0123456789X" if x != c]
    return idn[:17] + alts[int(rng.integers(0, len(alts)))]


# --------------------------------------------------------------------- USCC
USCC_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc_check(first17: str) -> str:
    s = sum(USCC_ALPHA.index(c) * w for c, w in zip(first17, USCC_W, strict=False))
    v = 31 - s % 31
    return USCC_ALPHA[0 if v == 31 else v]


def uscc_is_valid(code: str | None) -> bool:
    if not code or len(code) != 18 or any(c not in USCC_ALPHA for c in code):
        return False
    return uscc_check(code[:17]) == code[17]


def make_uscc(region: str, rng: np.random.Generator, valid: bool = True) -> str:
    org = "".join(USCC_ALPHA[int(i)] for i in rng.integers(0, 31, size=8))
    # 9th-17th: organisation code (8 body chars + its own check, here random digit/letter)
    org += USCC_ALPHA[int(rng.integers(0, 31))]
    first = "91" + region + org
    c = uscc_check(first)
    if not valid:
        c = USCC_ALPHA[(USCC_ALPHA.index(c) + int(rng.integers(1, 31))) % 31]
    return first + c


def typo_uscc(code: str, rng: np.random.Generator) -> str:
    chars = list(code)
    i = int(rng.integers(2, 18))
    alts = [x for x in USCC_ALPHA if x != chars[i]]
    chars[i] = alts[int(rng.integers(0, len(alts)))]
    return "".join(chars)


# -------------------------------------------------------------------- names
# (surname, per-mille share) - national top ~100 tilted to Shanxi (郭, 闫, 武, 贾 higher).
SURNAMES = [
    ("王", 71), ("李", 70), ("张", 64), ("刘", 52), ("陈", 43), ("杨", 31), ("赵", 29),
    ("黄", 22), ("周", 21), ("吴", 20), ("郭", 18), ("徐", 16), ("孙", 15), ("马", 15),
    ("胡", 13), ("朱", 13), ("高", 13), ("林", 11), ("何", 11), ("罗", 10), ("梁", 10),
    ("宋", 9), ("郑", 9), ("谢", 8), ("韩", 8), ("唐", 8), ("冯", 8), ("于", 7), ("董", 7),
    ("萧", 7), ("程", 7), ("曹", 7), ("袁", 6), ("邓", 6), ("许", 6), ("傅", 6), ("沈", 6),
    ("曾", 6), ("彭", 6), ("吕", 5), ("苏", 5), ("卢", 5), ("蒋", 5), ("蔡", 5), ("贾", 6),
    ("丁", 4), ("魏", 4), ("薛", 5), ("叶", 4), ("阎", 4), ("闫", 6), ("余", 4), ("潘", 4),
    ("杜", 4), ("戴", 4), ("夏", 4), ("钟", 4), ("汪", 4), ("田", 4), ("任", 5), ("姜", 4),
    ("范", 4), ("方", 4), ("石", 4), ("姚", 4), ("谭", 3), ("廖", 3), ("邹", 3), ("熊", 3),
    ("金", 3), ("陆", 3), ("郝", 4), ("孔", 3), ("白", 4), ("崔", 3), ("康", 3), ("毛", 3),
    ("邱", 3), ("秦", 3), ("江", 3), ("史", 3), ("顾", 2), ("侯", 4), ("邵", 2), ("孟", 3),
    ("龙", 2), ("万", 2), ("段", 3), ("雷", 2), ("钱", 2), ("汤", 2), ("尹", 2), ("黎", 2),
    ("易", 2), ("常", 3), ("武", 5), ("乔", 3), ("贺", 2), ("赖", 1), ("龚", 1), ("文", 2),
    ("牛", 3), ("霍", 3), ("申", 2), ("卫", 2), ("单", 1), ("解", 1), ("区", 1), ("仇", 1),
    ("查", 1), ("翟", 2), ("温", 2), ("樊", 2), ("焦", 2), ("靳", 2), ("原", 1), ("续", 1),
]
SUR_CHARS = [s for s, _ in SURNAMES]
SUR_P = np.array([w for _, w in SURNAMES], dtype=float)
SUR_P /= SUR_P.sum()

MALE_CHARS = list("伟强军磊勇杰涛斌刚辉鹏峰建明超亮平志国华文俊波永海新宇飞东林兵成红"
                  "庆龙生春雷忠福贵德胜晓云江小宏鑫浩洋晨旭彬锋瑞金宝全喜")
FEMALE_CHARS = list("丽芳娜敏静秀英华慧燕玲红霞艳梅琳莉婷雪琴云兰凤晶洁娟萍倩颖佳欣"
                    "月春桂荣美玉爱霞小晓宁蕾璐丹莹")


def _zipf(n: int, a: float = 1.0) -> np.ndarray:
    p = 1.0 / np.arange(1, n + 1) ** a
    return p / p.sum()


MALE_P = _zipf(len(MALE_CHARS), 0.9)
FEMALE_P = _zipf(len(FEMALE_CHARS), 0.9)


def make_names(rng: np.random.Generator, female: np.ndarray) -> list[str]:
    n = len(female)
    sur = rng.choice(len(SUR_CHARS), size=n, p=SUR_P)
    two = rng.random(n) < 0.72
    m1 = rng.choice(len(MALE_CHARS), size=n, p=MALE_P)
    m2 = rng.choice(len(MALE_CHARS), size=n, p=MALE_P)
    f1 = rng.choice(len(FEMALE_CHARS), size=n, p=FEMALE_P)
    f2 = rng.choice(len(FEMALE_CHARS), size=n, p=FEMALE_P)
    out = []
    for i in range(n):
        if female[i]:
            g = FEMALE_CHARS[f1[i]] + (FEMALE_CHARS[f2[i]] if two[i] else "")
        else:
            g = MALE_CHARS[m1[i]] + (MALE_CHARS[m2[i]] if two[i] else "")
        out.append(SUR_CHARS[sur[i]] + g)
    return out


HOMOPHONE_GROUPS = [
    "伟玮炜", "丽莉俐", "王汪", "张章", "明铭鸣", "静晶婧", "军君钧", "峰锋丰", "华桦骅",
    "红宏鸿", "杰洁捷", "芳方", "敏珉", "磊垒", "涛滔", "斌彬", "辉晖", "刚钢", "平萍",
    "燕艳", "霞侠", "勇永", "建健", "林琳霖", "文雯", "鹏朋", "飞菲", "宇雨羽", "俊峻骏",
    "婷亭", "慧惠", "晓小", "玲铃", "志智", "新鑫欣", "成诚程", "徐许", "杨阳", "吴武",
    "郑正", "云芸", "兰岚", "梅玫", "琴芹", "娟鹃", "庆青", "贵桂", "宝保", "雷蕾",
    "阎闫", "萧肖", "龙隆", "生升", "春纯",
]
HOMOPHONE: dict[str, list[str]] = {}
for grp in HOMOPHONE_GROUPS:
    for ch in grp:
        HOMOPHONE.setdefault(ch, [c for c in grp if c != ch])

TRAD = dict(zip(
    "张刘陈杨黄赵吴孙马许郑谢韩冯邓萧叶苏卢蒋贾阎钟汤龙钱乔闫伟丽华红军强杰涛辉刚国东庆凤兰飞鹏宁云贵艳宝胜龙晓玲洁娟荣爱锋金",
    "張劉陳楊黃趙吳孫馬許鄭謝韓馮鄧蕭葉蘇盧蔣賈閻鍾湯龍錢喬閆偉麗華紅軍強傑濤輝剛國東慶鳳蘭飛鵬寧雲貴艷寶勝龍曉玲潔娟榮愛鋒金", strict=False,
))
TWO_READING = {"单": ["shan", "dan"], "曾": ["zeng", "ceng"], "解": ["xie", "jie"],
               "区": ["ou", "qu"], "仇": ["qiu", "chou"], "查": ["zha", "cha"],
               "乐": ["yue", "le"], "朴": ["piao", "pu"]}


def to_pinyin(name: str, rng: np.random.Generator) -> str:
    sur, given = name[0], name[1:]
    if sur in TWO_READING:
        s = TWO_READING[sur][int(rng.integers(0, 2))]
    else:
        s = "".join(lazy_pinyin(sur, style=Style.NORMAL))
    g = "".join(lazy_pinyin(given, style=Style.NORMAL))
    r = rng.random()
    if r < 0.45:
        return f"{s.capitalize()} {g.capitalize()}"
    if r < 0.75:
        return f"{s.upper()} {g.upper()}"
    if r < 0.9:
        return (s + g).capitalize()
    return f"{g.capitalize()} {s.capitalize()}"  # western order


NAME_NOISE_KINDS = ["homophone", "traditional", "drop", "dup", "space", "dot", "pinyin"]


def noisy_name(name: str, kind: str, rng: np.random.Generator) -> str:
    if kind == "homophone":
        idx = [i for i, c in enumerate(name) if c in HOMOPHONE]
        if not idx:
            return name
        i = idx[int(rng.integers(0, len(idx)))]
        alts = HOMOPHONE[name[i]]
        return name[:i] + alts[int(rng.integers(0, len(alts)))] + name[i + 1:]
    if kind == "traditional":
        return "".join(TRAD.get(c, c) for c in name)
    if kind == "drop":
        if len(name) >= 3:
            i = int(rng.integers(1, len(name)))
            return name[:i] + name[i + 1:]
        return name + name[-1]
    if kind == "dup":
        i = int(rng.integers(1, len(name)))
        return name[:i] + name[i] + name[i:]
    if kind == "space":
        r = rng.random()
        if r < 0.6:
            return name[0] + " " + name[1:]
        if r < 0.8:
            return " " + name
        return name + " "
    if kind == "dot":
        return name[0] + "·" + name[1:]
    if kind == "pinyin":
        return to_pinyin(name, rng)
    return name
