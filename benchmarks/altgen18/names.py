"""Chinese names: heavy-headed surnames, given names, and the ways clerks write them."""

from __future__ import annotations

import numpy as np

# (surname, share %) - national shares, with 张/刘/王/李 heavy in Shaanxi
SURNAMES: list[tuple[str, float]] = [
    ("王", 7.6), ("李", 7.2), ("张", 6.8), ("刘", 5.6), ("陈", 3.2), ("杨", 3.4), ("赵", 2.4),
    ("黄", 1.6), ("周", 1.5), ("吴", 1.2), ("徐", 1.1), ("孙", 1.3), ("胡", 1.2), ("朱", 1.1),
    ("高", 1.6), ("林", 0.6), ("何", 0.9), ("郭", 1.4), ("马", 1.6), ("罗", 0.7), ("梁", 0.8),
    ("宋", 0.8), ("郑", 0.7), ("谢", 0.5), ("韩", 0.8), ("唐", 0.6), ("冯", 0.8), ("于", 0.5),
    ("董", 0.8), ("萧", 0.3), ("程", 0.6), ("曹", 0.8), ("袁", 0.5), ("邓", 0.5), ("许", 0.6),
    ("傅", 0.3), ("沈", 0.3), ("曾", 0.3), ("彭", 0.4), ("吕", 0.4), ("苏", 0.5), ("卢", 0.4),
    ("蒋", 0.3), ("蔡", 0.3), ("贾", 0.6), ("丁", 0.4), ("魏", 0.6), ("薛", 0.5), ("叶", 0.3),
    ("阎", 0.4), ("余", 0.3), ("潘", 0.3), ("杜", 0.6), ("戴", 0.2), ("夏", 0.3), ("钟", 0.2),
    ("汪", 0.2), ("田", 0.6), ("任", 0.5), ("姜", 0.3), ("范", 0.4), ("方", 0.2), ("石", 0.4),
    ("姚", 0.3), ("谭", 0.2), ("廖", 0.1), ("邹", 0.2), ("熊", 0.2), ("金", 0.2), ("陆", 0.2),
    ("郝", 0.5), ("孔", 0.2), ("白", 0.6), ("崔", 0.3), ("康", 0.3), ("毛", 0.3), ("邱", 0.2),
    ("秦", 0.3), ("江", 0.2), ("史", 0.3), ("顾", 0.1), ("侯", 0.4), ("邵", 0.2), ("孟", 0.3),
    ("龙", 0.1), ("万", 0.2), ("段", 0.3), ("雷", 0.5), ("钱", 0.1), ("汤", 0.1), ("尹", 0.2),
    ("黎", 0.1), ("易", 0.1), ("常", 0.4), ("武", 0.4), ("乔", 0.3), ("贺", 0.4), ("赖", 0.1),
    ("龚", 0.1), ("文", 0.2), ("惠", 0.2), ("折", 0.05), ("拓", 0.05), ("呼", 0.05),
    ("单", 0.1), ("解", 0.05), ("党", 0.2), ("屈", 0.2), ("寇", 0.1), ("同", 0.05),
]
MALE_CHARS = list("伟军勇强磊涛斌波超明刚平辉鹏华飞鑫宁龙杰建国红峰亮军文斌利东海林成忠"
                  "宝福贵春生荣兵虎彪俊锋旭阳浩宇博凯毅栋")
FEMALE_CHARS = list("丽娟敏静艳芳霞燕玲娜萍红英梅秀兰琴珍莉婷雪倩慧颖佳欣悦晶蓉凤桂香花"
                    "淑云琳")
HOMOPHONES: dict[str, str] = {"伟": "玮", "玮": "伟", "丽": "莉", "莉": "丽", "王": "汪",
                              "张": "章", "军": "君", "勇": "永", "强": "蔷", "明": "铭",
                              "平": "萍", "华": "桦", "峰": "锋", "锋": "峰", "红": "宏",
                              "静": "婧", "燕": "艳", "艳": "燕", "刚": "钢", "涛": "滔",
                              "斌": "彬", "彬": "斌", "林": "琳", "春": "纯", "玲": "铃",
                              "芳": "方", "鹏": "朋", "飞": "菲", "宁": "凝", "东": "冬",
                              "杰": "洁", "亮": "谅", "海": "亥", "英": "瑛", "霞": "侠"}
TRADITIONAL: dict[str, str] = {"张": "張", "刘": "劉", "陈": "陳", "杨": "楊", "赵": "趙",
                               "黄": "黃", "吴": "吳", "孙": "孫", "郑": "鄭", "韩": "韓",
                               "冯": "馮", "邓": "鄧", "许": "許", "苏": "蘇",
                               "卢": "盧", "蒋": "蔣", "叶": "葉", "钟": "鍾", "龙": "龍",
                               "伟": "偉", "军": "軍", "强": "強", "华": "華", "丽": "麗",
                               "红": "紅", "国": "國", "东": "東", "涛": "濤",
                               "鹏": "鵬", "飞": "飛", "宁": "寧", "杰": "傑", "兰": "蘭",
                               "贵": "貴", "宝": "寶", "荣": "榮", "凤": "鳳", "云": "雲"}


def make_names(male: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    n = len(male)
    sn = np.array([s for s, _ in SURNAMES])
    w = np.array([p for _, p in SURNAMES])
    sur = rng.choice(sn, n, p=w / w.sum())
    mc, fc = np.array(MALE_CHARS), np.array(FEMALE_CHARS)
    g1 = np.where(male, rng.choice(mc, n), rng.choice(fc, n))
    g2 = np.where(male, rng.choice(mc, n), rng.choice(fc, n))
    two = rng.random(n) < 0.72
    return np.char.add(np.char.add(sur, g1), np.where(two, g2, ""))


def _pinyin(name: str, rng: np.random.Generator) -> str:
    from pypinyin import lazy_pinyin

    syl = lazy_pinyin(name)
    out = syl[0].capitalize() + " " + "".join(syl[1:]).capitalize()
    return out.upper() if rng.random() < 0.5 else out


def name_variant(name: str, kind: str, rng: np.random.Generator) -> str:
    """One recording error of ``kind`` applied to a name."""
    if kind == "homophone":
        idx = [i for i, c in enumerate(name) if c in HOMOPHONES]
        if idx:
            i = int(rng.choice(idx))
            return name[:i] + HOMOPHONES[name[i]] + name[i + 1:]
        return name
    if kind == "traditional":
        return "".join(TRADITIONAL.get(c, c) for c in name)
    if kind == "dropped" and len(name) == 3:
        return name[:2]
    if kind == "duplicated" and len(name) == 2:
        return name + name[1]
    if kind == "space":
        return name[0] + " " + name[1:]
    if kind == "dot":
        return name[0] + "·" + name[1:]
    if kind == "pinyin":
        return _pinyin(name, rng)
    if kind == "trailing":
        return name + " "
    return name
