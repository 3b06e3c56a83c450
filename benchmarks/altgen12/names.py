"""Chinese names as Shanxi registers hold them, and the ways other departments write them."""

from __future__ import annotations

import bisect
import itertools
import random

from pypinyin import lazy_pinyin

# (surname, share in %): the national head (王 7.1, 李 7.0, 张 6.4, 刘 5.2, 陈 4.3 ...), with the
# surnames that are more common in Shanxi than nationally (郭, 武, 贾, 闫, 薛, 霍, 乔, 牛, 申, 郝)
_SURNAMES = [
    ("王", 7.1), ("李", 7.0), ("张", 6.4), ("刘", 5.2), ("陈", 3.6), ("杨", 3.1), ("赵", 2.4),
    ("郭", 2.3), ("黄", 1.5), ("周", 1.6), ("吴", 1.4), ("武", 1.2), ("贾", 1.1), ("闫", 1.0),
    ("孙", 1.3), ("马", 1.2), ("胡", 1.0), ("朱", 0.9), ("高", 1.2), ("林", 0.5), ("何", 0.6),
    ("罗", 0.5), ("郑", 0.7), ("梁", 0.9), ("谢", 0.6), ("宋", 0.8), ("唐", 0.5), ("许", 0.7),
    ("韩", 0.9), ("冯", 0.8), ("邓", 0.4), ("曹", 0.7), ("彭", 0.4), ("曾", 0.3), ("肖", 0.4),
    ("田", 0.8), ("董", 0.7), ("袁", 0.4), ("潘", 0.3), ("于", 0.5), ("蒋", 0.3), ("蔡", 0.3),
    ("余", 0.3), ("杜", 0.7), ("叶", 0.2), ("程", 0.6), ("苏", 0.4), ("魏", 0.7), ("吕", 0.6),
    ("丁", 0.5), ("任", 0.8), ("沈", 0.2), ("姚", 0.4), ("卢", 0.4), ("姜", 0.3), ("崔", 0.6),
    ("钟", 0.2), ("谭", 0.2), ("陆", 0.2), ("汪", 0.2), ("范", 0.5), ("金", 0.2), ("石", 0.6),
    ("廖", 0.1), ("薛", 0.8), ("霍", 0.6), ("乔", 0.6), ("牛", 0.6), ("申", 0.5), ("郝", 0.7),
    ("温", 0.5), ("卫", 0.3), ("段", 0.5), ("侯", 0.5), ("白", 0.6), ("秦", 0.4), ("史", 0.4),
    ("常", 0.5), ("康", 0.4), ("孟", 0.4), ("安", 0.3), ("尹", 0.3), ("雷", 0.3), ("樊", 0.3),
    ("阎", 0.3), ("翟", 0.3), ("裴", 0.3), ("聂", 0.2), ("岳", 0.2), ("畅", 0.1), ("柴", 0.2),
    ("单", 0.1), ("解", 0.1), ("区", 0.02), ("欧阳", 0.05), ("司马", 0.02), ("上官", 0.01),
    ("原", 0.1), ("景", 0.1), ("冀", 0.1), ("燕", 0.1), ("宁", 0.1), ("苗", 0.2), ("祁", 0.1),
    ("成", 0.2), ("弓", 0.05), ("茹", 0.05), ("亢", 0.05), ("智", 0.05), ("要", 0.03),
]
_OLD_MALE = "国建军明平华文志红春海成永宏福贵生旺喜虎山云忠卫江兵林东富保根锁全德俊亮有刚强伟勇"
_OLD_FEMALE = "秀英兰梅桂芳凤花翠娥玉珍琴霞云美丽红萍春香爱莲彩月巧仙荣菊"
_MID_MALE = "伟强军磊勇杰涛斌超明刚平辉鹏华飞鑫波宁建峰亮林东海龙俊文兵晋斌宇浩凯健旭晨"
_MID_FEMALE = "芳娜敏静丽艳娟霞燕玲英萍红琴莉婷雪慧丹洁玉晶蕾倩颖佳璐瑶"
_YOUNG_MALE = "浩宇轩子涵博文俊泽睿晨阳一航皓然铭豪昊鹏嘉翔奕辰锦"
_YOUNG_FEMALE = "欣怡雨涵梓萱诗琪佳悦可馨语紫彤思晗婷雅琳心妍"

HOMOPHONES = {
    "伟": "玮炜", "玮": "伟", "炜": "伟", "丽": "莉俐", "莉": "丽", "王": "汪", "汪": "王",
    "张": "章", "章": "张", "林": "琳", "琳": "林", "明": "铭", "杰": "洁", "静": "晶",
    "刚": "钢", "军": "君", "华": "桦", "红": "宏鸿", "宏": "红", "平": "萍", "萍": "平",
    "英": "瑛", "娟": "鹃", "勇": "永", "永": "勇", "斌": "彬", "峰": "锋丰", "涛": "滔",
    "鹏": "朋", "芳": "方", "霞": "侠", "燕": "艳", "艳": "燕", "兵": "冰", "东": "冬",
    "建": "健", "健": "建", "国": "帼", "海": "凯", "亮": "靓", "云": "芸", "玲": "琳",
    "慧": "惠", "晶": "静", "刘": "柳", "杨": "阳", "陈": "程", "程": "陈", "闫": "阎",
    "阎": "闫", "郝": "赫", "贾": "甲", "霍": "火", "武": "吴", "吴": "武", "田": "甜",
    "梅": "玫", "娥": "蛾", "凤": "风", "贵": "桂", "桂": "贵", "锁": "所", "旺": "望",
    "晋": "进", "鑫": "新", "宇": "雨", "涵": "含", "轩": "萱",
}
TRADITIONAL = {
    "张": "張", "刘": "劉", "陈": "陳", "杨": "楊", "赵": "趙", "黄": "黃", "吴": "吳",
    "孙": "孫", "马": "馬", "罗": "羅", "郑": "鄭", "谢": "謝", "许": "許", "韩": "韓",
    "冯": "馮", "邓": "鄧", "肖": "蕭", "董": "董", "袁": "袁", "蒋": "蔣", "叶": "葉",
    "苏": "蘇", "吕": "呂", "卢": "盧", "钟": "鍾", "谭": "譚", "陆": "陸", "汪": "汪",
    "薛": "薛", "乔": "喬", "闫": "閆", "贾": "賈", "卫": "衛", "聂": "聶", "岳": "嶽",
    "伟": "偉", "华": "華", "军": "軍", "红": "紅", "丽": "麗", "鹏": "鵬", "强": "強",
    "涛": "濤", "辉": "輝", "东": "東", "龙": "龍", "兰": "蘭", "凤": "鳳", "贵": "貴",
    "宝": "寶", "锁": "鎖", "国": "國", "斌": "斌", "飞": "飛", "鑫": "鑫", "艳": "艷",
    "娟": "娟", "玲": "玲", "庆": "慶", "荣": "榮", "云": "雲", "爱": "愛", "莲": "蓮",
    "刚": "剛", "亮": "亮", "杰": "傑", "晋": "晉", "宁": "寧", "丰": "豐", "彦": "彥",
}
# surnames read two ways: the register's pinyin system uses the surname reading, the default
# reading comes out of a naive converter
SURNAME_READINGS = {"单": "shan", "曾": "zeng", "解": "xie", "区": "ou", "仇": "qiu",
                    "朴": "piao", "查": "zha", "盖": "ge", "乐": "yue", "尉": "yu"}


class NameMaker:
    """Draws surnames by their share (heavy head, long tail) and given names by era and sex."""

    def __init__(self) -> None:
        self.surnames = [s for s, _ in _SURNAMES]
        self.cum = list(itertools.accumulate(w for _, w in _SURNAMES))

    def make(self, rng: random.Random, sex: str, birth_year: int) -> str:
        sur = self.surnames[bisect.bisect(self.cum, rng.random() * self.cum[-1])]
        if birth_year < 1970:
            pool = _OLD_MALE if sex == "M" else _OLD_FEMALE
        elif birth_year < 1995:
            pool = _MID_MALE if sex == "M" else _MID_FEMALE
        else:
            pool = _YOUNG_MALE if sex == "M" else _YOUNG_FEMALE
        k = len(pool)
        given = pool[int(rng.random() * k)]
        if rng.random() >= (0.35 if birth_year < 1985 else 0.18):
            given += pool[int(rng.random() * k)]
        return sur + given


def _surname_len(name: str) -> int:
    return 2 if name[:2] in ("欧阳", "司马", "上官") else 1


def to_pinyin(rng: random.Random, name: str) -> str:
    k = _surname_len(name)
    sur, given = name[:k], name[k:]
    sp = "".join(lazy_pinyin(sur))
    if sur in SURNAME_READINGS and rng.random() < 0.6:
        sp = SURNAME_READINGS[sur]
    gp = "".join(lazy_pinyin(given))
    style = rng.random()
    if style < 0.45:
        return f"{sp.capitalize()} {gp.capitalize()}"
    if style < 0.75:
        return f"{sp.upper()} {gp.upper()}"
    if style < 0.9:
        return f"{sp}{gp}"
    return f"{gp.capitalize()} {sp.capitalize()}"


def homophone(rng: random.Random, name: str) -> str:
    pos = [i for i, c in enumerate(name) if c in HOMOPHONES]
    if not pos:
        return name
    i = rng.choice(pos)
    return name[:i] + rng.choice(HOMOPHONES[name[i]]) + name[i + 1:]


def traditional(name: str) -> str:
    return "".join(TRADITIONAL.get(c, c) for c in name)


def spoil_name(rng: random.Random, name: str, rates: dict[str, float]) -> str:
    """One department's habit: at most one kind of error per name, drawn from ``rates``
    (homophone, traditional, drop, dup, space, dot, pinyin)."""
    r = rng.random()
    acc = 0.0
    kind = ""
    for kk, pr in rates.items():
        acc += pr
        if r < acc:
            kind = kk
            break
    else:
        return name
    k = _surname_len(name)
    if kind == "homophone":
        return homophone(rng, name)
    if kind == "traditional":
        return traditional(name)
    if kind == "drop" and len(name) >= 3:
        i = rng.randrange(k, len(name))
        return name[:i] + name[i + 1:]
    if kind == "dup" and len(name) == 2:
        return name + name[-1]
    if kind == "space":
        return name[:k] + rng.choice([" ", "  ", "\u3000"]) + name[k:]
    if kind == "dot":
        return name[:k] + "·" + name[k:]
    if kind == "pinyin":
        return to_pinyin(rng, name)
    return name
