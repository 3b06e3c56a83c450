"""Chinese names: generation with Guizhou surname frequencies, and the errors clerks make."""

from __future__ import annotations

import numpy as np

# surname, share (%) — Guizhou-like: heavy head, many 杨/罗/吴/龙/韦/石, some 令狐 in Zunyi
_SURNAMES = [
    ("李", 6.8), ("王", 6.5), ("杨", 5.6), ("张", 5.2), ("陈", 4.5), ("刘", 4.2), ("吴", 3.2),
    ("罗", 3.0), ("黄", 2.6), ("周", 2.3), ("赵", 1.8), ("何", 1.5), ("龙", 1.4), ("田", 1.3),
    ("胡", 1.3), ("朱", 1.2), ("唐", 1.1), ("徐", 1.1), ("马", 1.0), ("高", 1.0), ("谢", 1.0),
    ("邓", 1.0), ("孙", 0.9), ("彭", 0.9), ("石", 0.9), ("韦", 0.9), ("郭", 0.8), ("宋", 0.8),
    ("余", 0.8), ("曾", 0.7), ("肖", 0.7), ("袁", 0.7), ("潘", 0.7), ("郑", 0.7), ("林", 0.6),
    ("梁", 0.6), ("许", 0.6), ("冯", 0.6), ("曹", 0.6), ("蒋", 0.6), ("谭", 0.6), ("熊", 0.6),
    ("董", 0.5), ("杜", 0.5), ("任", 0.5), ("卢", 0.5), ("廖", 0.5), ("付", 0.5), ("雷", 0.5),
    ("韩", 0.4), ("蔡", 0.4), ("程", 0.4), ("苏", 0.4), ("魏", 0.4), ("丁", 0.4), ("姚", 0.4),
    ("钟", 0.4), ("陆", 0.4), ("汪", 0.4), ("陶", 0.4), ("万", 0.4), ("文", 0.4), ("安", 0.4),
    ("叶", 0.3), ("吕", 0.3), ("姜", 0.3), ("范", 0.3), ("金", 0.3), ("夏", 0.3), ("方", 0.3),
    ("秦", 0.3), ("江", 0.3), ("侯", 0.3), ("贺", 0.3), ("毛", 0.3), ("龚", 0.3), ("蒙", 0.3),
    ("冉", 0.3), ("严", 0.2), ("申", 0.2), ("欧", 0.2), ("穆", 0.2), ("禄", 0.2), ("聂", 0.2),
    ("敖", 0.2), ("单", 0.1), ("解", 0.05), ("区", 0.03), ("令狐", 0.06), ("欧阳", 0.05),
]
SURNAMES = [s for s, _ in _SURNAMES]
SURNAME_P = np.array([w for _, w in _SURNAMES]) / sum(w for _, w in _SURNAMES)

MALE = list("伟强军勇杰涛明斌超刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林洋磊国兴德成文建志光福贵荣"
            "祥忠江海洪亮东峰金发才学正家永义顺安庆富宝")
FEMALE = list("芳娜敏静丽艳娟霞秀英玲桂兰萍红梅琴燕丹莉婷雪慧洁琳欣颖倩玉珍凤春花云美翠菊琼露晶月")

PINYIN = {
    "李": "li", "王": "wang", "杨": "yang", "张": "zhang", "陈": "chen", "刘": "liu", "吴": "wu",
    "罗": "luo", "黄": "huang", "周": "zhou", "赵": "zhao", "何": "he", "龙": "long", "田": "tian",
    "胡": "hu", "朱": "zhu", "唐": "tang", "徐": "xu", "马": "ma", "高": "gao", "谢": "xie",
    "邓": "deng", "孙": "sun", "彭": "peng", "石": "shi", "韦": "wei", "郭": "guo", "宋": "song",
    "余": "yu", "曾": "zeng", "肖": "xiao", "袁": "yuan", "潘": "pan", "郑": "zheng", "林": "lin",
    "梁": "liang", "许": "xu", "冯": "feng", "曹": "cao", "蒋": "jiang", "谭": "tan",
    "熊": "xiong", "董": "dong", "杜": "du", "任": "ren", "卢": "lu", "廖": "liao", "付": "fu",
    "雷": "lei", "韩": "han", "蔡": "cai", "程": "cheng", "苏": "su", "魏": "wei", "丁": "ding",
    "姚": "yao", "钟": "zhong", "陆": "lu", "汪": "wang", "陶": "tao", "万": "wan", "文": "wen",
    "安": "an", "叶": "ye", "吕": "lv", "姜": "jiang", "范": "fan", "金": "jin", "夏": "xia",
    "方": "fang", "秦": "qin", "江": "jiang", "侯": "hou", "贺": "he", "毛": "mao", "龚": "gong",
    "蒙": "meng", "冉": "ran", "严": "yan", "申": "shen", "欧": "ou", "穆": "mu", "禄": "lu",
    "聂": "nie", "敖": "ao", "单": "shan", "解": "xie", "区": "ou", "令狐": "linghu",
    "欧阳": "ouyang",
    "伟": "wei", "强": "qiang", "军": "jun", "勇": "yong", "杰": "jie", "涛": "tao", "明": "ming",
    "斌": "bin", "超": "chao", "刚": "gang", "平": "ping", "辉": "hui", "鹏": "peng", "华": "hua",
    "飞": "fei", "鑫": "xin", "波": "bo", "宇": "yu", "浩": "hao", "凯": "kai", "健": "jian",
    "俊": "jun", "帆": "fan", "旭": "xu", "宁": "ning", "洋": "yang", "磊": "lei", "国": "guo",
    "兴": "xing", "德": "de", "成": "cheng", "建": "jian", "志": "zhi", "光": "guang", "福": "fu",
    "贵": "gui", "荣": "rong", "祥": "xiang", "忠": "zhong", "海": "hai", "洪": "hong",
    "亮": "liang", "东": "dong", "峰": "feng", "发": "fa", "才": "cai", "学": "xue",
    "正": "zheng", "家": "jia", "永": "yong", "义": "yi", "顺": "shun", "庆": "qing", "富": "fu",
    "宝": "bao", "芳": "fang", "娜": "na", "敏": "min", "静": "jing", "丽": "li", "艳": "yan",
    "娟": "juan", "霞": "xia", "秀": "xiu", "英": "ying", "玲": "ling", "桂": "gui", "兰": "lan",
    "萍": "ping", "红": "hong", "梅": "mei", "琴": "qin", "燕": "yan", "丹": "dan", "莉": "li",
    "婷": "ting", "雪": "xue", "慧": "hui", "洁": "jie", "琳": "lin", "欣": "xin", "颖": "ying",
    "倩": "qian", "玉": "yu", "珍": "zhen", "凤": "feng", "春": "chun", "花": "hua", "云": "yun",
    "美": "mei", "翠": "cui", "菊": "ju", "琼": "qiong", "露": "lu", "晶": "jing", "月": "yue",
}
# second readings a clerk may romanise by (单 Shàn/Dān, 曾 Zēng/Céng, 解 Xiè/Jiě, 区 Ōu/Qū)
ALT_READING = {"单": "dan", "曾": "ceng", "解": "jie", "区": "qu"}

HOMOPHONES = {
    "伟": "玮炜维", "丽": "莉俐", "王": "汪", "张": "章", "林": "琳霖", "明": "铭鸣", "华": "桦化",
    "军": "君钧", "勇": "永涌", "杰": "洁捷", "涛": "韬滔", "斌": "彬滨", "刚": "钢纲",
    "平": "萍苹", "辉": "晖慧", "鹏": "朋", "飞": "菲非", "波": "博", "宇": "雨羽", "浩": "皓昊",
    "凯": "楷恺", "健": "建剑", "俊": "峻骏", "芳": "方", "娜": "纳", "敏": "民", "艳": "燕妍",
    "娟": "鹃", "英": "瑛莹", "玲": "琳铃", "兰": "蓝岚", "梅": "玫", "琴": "芹", "婷": "亭",
    "雪": "学", "慧": "惠", "颖": "莹", "玉": "钰", "珍": "贞", "凤": "峰", "云": "芸", "红": "虹宏",
    "国": "果", "兴": "星", "成": "诚程", "文": "雯", "志": "智", "光": "广", "贵": "桂",
    "荣": "蓉", "祥": "翔", "忠": "中", "洪": "宏鸿", "东": "冬", "峰": "锋", "金": "锦",
    "发": "法", "才": "财", "福": "富", "徐": "许", "杨": "阳", "黄": "王", "吴": "伍", "肖": "萧",
    "付": "傅", "江": "姜", "程": "陈", "冉": "染",
}
TRADITIONAL = {
    "张": "張", "刘": "劉", "陈": "陳", "杨": "楊", "黄": "黃", "赵": "趙", "吴": "吳", "罗": "羅",
    "孙": "孫", "马": "馬", "郑": "鄭", "谢": "謝", "韩": "韓", "冯": "馮", "邓": "鄧", "龙": "龍",
    "伟": "偉", "军": "軍", "华": "華", "国": "國", "兴": "興", "丽": "麗", "艳": "艷", "红": "紅",
    "凤": "鳳", "兰": "蘭", "贵": "貴", "荣": "榮", "东": "東", "涛": "濤", "鹏": "鵬", "飞": "飛",
    "辉": "輝", "刚": "剛", "杰": "傑", "静": "靜", "宁": "寧", "庆": "慶", "云": "雲", "发": "發",
    "义": "義", "宝": "寶", "学": "學", "顺": "順", "强": "強", "钟": "鍾", "陆": "陸",
}


def draw_names(rng: np.random.Generator, n: int, male: np.ndarray,
               surname: np.ndarray | None = None) -> list[str]:
    """``n`` names; ``surname`` (index into SURNAMES, -1 = draw) lets a household share one."""
    sn = rng.choice(len(SURNAMES), n, p=SURNAME_P)
    if surname is not None:
        sn = np.where(surname >= 0, surname, sn)
    two = rng.random(n) < 0.78
    m1 = rng.integers(0, len(MALE), n)
    m2 = rng.integers(0, len(MALE), n)
    f1 = rng.integers(0, len(FEMALE), n)
    f2 = rng.integers(0, len(FEMALE), n)
    out = []
    for i in range(n):
        if male[i]:
            g = MALE[m1[i]] + (MALE[m2[i]] if two[i] else "")
        else:
            g = FEMALE[f1[i]] + (FEMALE[f2[i]] if two[i] else "")
        out.append(SURNAMES[sn[i]] + g)
    return out


def _split(name: str) -> tuple[str, str]:
    if name[:2] in ("令狐", "欧阳"):
        return name[:2], name[2:]
    return name[:1], name[1:]


def to_pinyin(rng: np.random.Generator, name: str) -> str | None:
    sur, given = _split(name)
    if sur not in PINYIN or any(c not in PINYIN for c in given):
        return None
    s = ALT_READING[sur] if sur in ALT_READING and rng.random() < 0.5 else PINYIN[sur]
    g = "".join(PINYIN[c] for c in given)
    style = int(rng.integers(4))
    if style == 0:
        return f"{s.capitalize()} {g.capitalize()}"
    if style == 1:
        return f"{s.upper()} {g.upper()}"
    if style == 2:
        return f"{s}{g}"
    return f"{g.capitalize()} {s.capitalize()}"


NAME_NOISE = ["homophone", "traditional", "space", "dot", "pinyin", "drop", "dup"]


def spoil_name(rng: np.random.Generator, name: str, kind: str) -> str:
    """One clerical error of ``kind``; falls back to a homophone or the name unchanged."""
    if kind == "pinyin":
        p = to_pinyin(rng, name)
        if p is not None:
            return p
        kind = "homophone"
    if kind == "traditional":
        t = "".join(TRADITIONAL.get(c, c) for c in name)
        if t != name:
            return t
        kind = "homophone"
    if kind == "homophone":
        idx = [i for i, c in enumerate(name) if c in HOMOPHONES]
        if not idx:
            return name
        i = idx[int(rng.integers(len(idx)))]
        alts = HOMOPHONES[name[i]]
        return name[:i] + alts[int(rng.integers(len(alts)))] + name[i + 1:]
    sur, given = _split(name)
    if kind == "space":
        return f"{sur} {given}" if rng.random() < 0.7 else f"{name} "
    if kind == "dot":
        return f"{sur}·{given}"
    if kind == "drop" and len(given) == 2:
        return sur + given[0]
    if kind == "dup":
        return name + name[-1]
    return name
