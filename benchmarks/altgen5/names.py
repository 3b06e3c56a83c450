"""Chinese names: heavy-headed surnames, given-name characters, and recording errors."""

from __future__ import annotations

import numpy as np
from pypinyin import lazy_pinyin

_SURNAMES = (
    "王7.1 李7.0 张6.4 刘5.2 陈4.3 杨3.1 黄2.5 赵2.2 吴2.0 周1.9 徐1.6 孙1.5 马1.5 朱1.4 胡1.3 "
    "郭1.3 何1.2 林1.1 高1.1 罗1.1 郑1.0 梁1.0 谢0.8 宋0.8 唐0.8 许0.7 韩0.7 冯0.7 邓0.7 曹0.7 "
    "彭0.6 曾0.6 肖0.6 田0.6 董0.5 袁0.5 潘0.5 于0.5 蒋0.5 蔡0.5 余0.5 杜0.5 叶0.4 程0.4 苏0.4 "
    "魏0.4 吕0.4 丁0.4 任0.4 沈0.4 姚0.4 卢0.4 姜0.3 崔0.3 钟0.3 谭0.3 陆0.3 汪0.3 范0.3 金0.3 "
    "石0.3 廖0.3 贾0.3 夏0.3 韦0.3 付0.3 方0.3 白0.3 邹0.3 孟0.3 熊0.3 秦0.3 邱0.3 江0.3 尹0.3 "
    "薛0.3 闫0.3 段0.2 雷0.2 侯0.2 龙0.2 史0.2 陶0.2 黎0.2 贺0.2 顾0.2 毛0.2 郝0.2 龚0.2 邵0.2 "
    "万0.2 钱0.2 严0.2 武0.3 戴0.2 孔0.2 常0.2 温0.2 康0.2 章0.15 单0.1 解0.06 区0.01 "
    "牛0.2 樊0.15 乔0.15 申0.12 霍0.12 柴0.1 裴0.1 卫0.1 景0.08 翟0.08 成0.1 耿0.08 庞0.08 "
    "冀0.08 岳0.1 安0.1 左0.06 聂0.08 焦0.08 燕0.05 路0.08 薄0.04 靳0.06 柳0.06 宁0.06 栗0.04 "
    "智0.03 原0.04 梁0.0 亢0.03 阴0.02 要0.01 弓0.02"
)
SURNAMES: list[str] = []
_w: list[float] = []
for tok in _SURNAMES.split():
    c, w = tok[0], float(tok[1:])
    if w > 0 and c not in SURNAMES:
        SURNAMES.append(c)
        _w.append(w)
SURNAME_P = np.array(_w) / sum(_w)

MALE_CHARS = list("伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林建国文海东亮成志红兵峰永春生新晓小德福玉荣保虎喜全江山云庆利忠")
FEMALE_CHARS = list("芳娜敏静丽艳娟霞秀英燕玲桂兰萍红梅莉婷雪琳洁慧丹玉凤琴云莲华倩颖欣悦佳晶薇月彩春美金翠")


def _zipf(n: int, a: float = 0.9) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** a
    return w / w.sum()


HOMOPHONES: dict[str, str] = {
    "伟": "玮炜维", "丽": "莉力", "王": "汪", "张": "章", "章": "张", "汪": "王", "莉": "丽",
    "玲": "铃琳", "静": "晶靖", "军": "君俊", "华": "桦", "明": "铭鸣", "勇": "永涌", "杰": "洁捷",
    "斌": "彬滨", "涛": "韬", "磊": "蕾", "刚": "钢纲", "平": "萍苹", "辉": "晖", "鹏": "朋",
    "飞": "菲", "宇": "雨玉", "浩": "皓昊", "凯": "楷恺", "健": "建剑", "峰": "锋丰", "红": "宏鸿",
    "英": "瑛", "燕": "艳", "芳": "方", "娜": "那", "敏": "民", "霞": "侠", "梅": "媚", "婷": "亭",
    "琳": "林", "欣": "新馨", "佳": "家", "云": "芸", "春": "纯", "兰": "岚", "杨": "阳", "吴": "伍",
    "徐": "许", "林": "琳", "俊": "骏", "龙": "隆", "志": "智", "成": "程", "程": "成", "文": "雯",
    "海": "亥", "东": "冬", "亮": "靓", "生": "升", "新": "欣", "庆": "青",
}
TRADITIONAL: dict[str, str] = dict(zip(
    "张刘陈杨黄赵吴孙马郑梁谢许韩冯邓肖叶苏卢钟谭陆范贾龚万钱严汤温贺龙闫单区伟丽军强涛刚辉鹏华飞宁东亮国红峰晓凤云兰艳洁慧倩颖悦彩翠纪刚阳宝荣庆",
    "張劉陳楊黃趙吳孫馬鄭樑謝許韓馮鄧蕭葉蘇盧鐘譚陸範賈龔萬錢嚴湯溫賀龍閆單區偉麗軍強濤剛輝鵬華飛寧東亮國紅峯曉鳳雲蘭艷潔慧倩穎悅彩翠紀剛陽寶榮慶",
    strict=True))
POLYPHONE_SURNAMES: dict[str, tuple[str, str]] = {
    "单": ("shan", "dan"), "曾": ("zeng", "ceng"), "解": ("xie", "jie"), "区": ("ou", "qu"),
}
_PY_CACHE: dict[str, str] = {}


def char_pinyin(c: str) -> str:
    if c not in _PY_CACHE:
        _PY_CACHE[c] = lazy_pinyin(c)[0]
    return _PY_CACHE[c]


def make_names(rng: np.random.Generator, male: np.ndarray) -> np.ndarray:
    """Vectorised names (surname + 1 or 2 given characters) for a boolean `male` array."""
    n = len(male)
    sur = np.array(SURNAMES)[rng.choice(len(SURNAMES), size=n, p=SURNAME_P)]
    mc, fc = np.array(MALE_CHARS), np.array(FEMALE_CHARS)
    pm, pf = _zipf(len(mc)), _zipf(len(fc))
    g1 = np.where(male, mc[rng.choice(len(mc), n, p=pm)], fc[rng.choice(len(fc), n, p=pf)])
    g2 = np.where(male, mc[rng.choice(len(mc), n, p=pm)], fc[rng.choice(len(fc), n, p=pf)])
    two = rng.random(n) < 0.72
    given = np.where(two, np.char.add(g1, g2), g1)
    return np.char.add(sur, given)


NAME_NOISE_KINDS = ["homophone", "traditional", "drop", "dup", "space", "dot", "pinyin",
                    "fullwidth_space", "trailing_space"]
NAME_NOISE_P = np.array([0.30, 0.14, 0.07, 0.04, 0.13, 0.05, 0.13, 0.04, 0.10])


def _pinyin_name(name: str, style: int, alt_reading: bool) -> str:
    sur = name[0]
    if sur in POLYPHONE_SURNAMES:
        sp = POLYPHONE_SURNAMES[sur][1 if alt_reading else 0]
    else:
        sp = char_pinyin(sur)
    gp = "".join(char_pinyin(c) for c in name[1:])
    if style == 0:
        return f"{sp.capitalize()} {gp.capitalize()}"
    if style == 1:
        return f"{sp.upper()} {gp.upper()}"
    if style == 2:
        return f"{gp.capitalize()} {sp.capitalize()}"
    return sp + gp


def noisy_name(name: str, kind: str, rng: np.random.Generator) -> str:
    if len(name) < 2:
        return name
    if kind == "homophone":
        pos = [i for i, c in enumerate(name) if c in HOMOPHONES]
        if not pos:
            return noisy_name(name, "traditional", rng)
        i = int(rng.choice(pos))
        alts = HOMOPHONES[name[i]]
        return name[:i] + alts[int(rng.integers(0, len(alts)))] + name[i + 1:]
    if kind == "traditional":
        out = "".join(TRADITIONAL.get(c, c) for c in name)
        return out if out != name else name[0] + " " + name[1:]
    if kind == "drop":
        if len(name) >= 3:
            i = int(rng.integers(1, len(name)))
            return name[:i] + name[i + 1:]
        return name + name[-1]
    if kind == "dup":
        i = int(rng.integers(1, len(name)))
        return name[: i + 1] + name[i:]
    if kind == "space":
        return name[0] + " " + name[1:]
    if kind == "dot":
        return name[0] + "·" + name[1:]
    if kind == "pinyin":
        alt = name[0] in POLYPHONE_SURNAMES and rng.random() < 0.6
        return _pinyin_name(name, int(rng.integers(0, 4)), alt)
    if kind == "fullwidth_space":
        return name[0] + "\u3000" + name[1:]
    if kind == "trailing_space":
        return name + " "
    return name
