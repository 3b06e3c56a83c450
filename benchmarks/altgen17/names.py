"""Names of Shanxi people and the ways clerks write them wrong."""

from __future__ import annotations

import numpy as np
from pypinyin import Style, lazy_pinyin

# surname, share (%, national), Shanxi factor, pinyin (the surname reading)
_SURNAMES = """
王 7.1 1 wang|李 7.0 1 li|张 6.4 1 zhang|刘 5.2 1 liu|陈 4.3 0.8 chen|杨 3.1 1.2 yang|黄 2.2 0.4 huang
赵 2.2 1.3 zhao|吴 2.0 0.7 wu|周 1.9 0.8 zhou|徐 1.5 0.8 xu|孙 1.5 1 sun|马 1.4 1.1 ma|朱 1.3 0.8 zhu
胡 1.3 0.8 hu|郭 1.1 1.8 guo|何 1.1 0.6 he|高 1.0 1.3 gao|林 1.0 0.4 lin|罗 0.9 0.5 luo|郑 0.8 0.7 zheng
梁 0.8 0.8 liang|谢 0.8 0.6 xie|宋 0.7 1.1 song|唐 0.7 0.7 tang|许 0.6 0.8 xu|韩 0.6 1.3 han|冯 0.6 1.2 feng
邓 0.6 0.5 deng|曹 0.6 1.1 cao|彭 0.5 0.6 peng|曾 0.5 0.4 zeng|肖 0.5 0.6 xiao|田 0.5 1.2 tian|董 0.5 1.2 dong
袁 0.5 0.8 yuan|潘 0.5 0.5 pan|于 0.5 0.9 yu|蒋 0.5 0.5 jiang|蔡 0.5 0.5 cai|余 0.5 0.5 yu|杜 0.5 1.1 du
叶 0.4 0.4 ye|程 0.4 1.2 cheng|苏 0.4 0.9 su|魏 0.4 1.3 wei|吕 0.4 1.3 lv|丁 0.4 0.9 ding|任 0.4 1.4 ren
沈 0.4 0.6 shen|姚 0.4 0.9 yao|卢 0.4 0.8 lu|姜 0.3 0.9 jiang|崔 0.3 1.3 cui|钟 0.3 0.4 zhong|谭 0.3 0.5 tan
陆 0.3 0.5 lu|汪 0.3 0.7 wang|范 0.3 1.2 fan|金 0.3 0.8 jin|石 0.3 1.2 shi|廖 0.3 0.3 liao|贾 0.3 2.2 jia
夏 0.3 0.8 xia|韦 0.3 0.2 wei|付 0.3 1 fu|方 0.3 0.7 fang|白 0.3 1.6 bai|邹 0.3 0.5 zou|孟 0.3 1.3 meng
熊 0.3 0.5 xiong|秦 0.3 1.3 qin|邱 0.3 0.7 qiu|江 0.3 0.5 jiang|尹 0.3 1 yin|薛 0.3 1.6 xue|闫 0.3 2.5 yan
段 0.2 1.3 duan|雷 0.2 1 lei|侯 0.2 1.8 hou|龙 0.2 0.5 long|史 0.2 1.5 shi|陶 0.2 0.8 tao|黎 0.2 0.2 li
贺 0.2 1.5 he|顾 0.2 0.5 gu|毛 0.2 1 mao|郝 0.2 2.2 hao|龚 0.2 0.5 gong|邵 0.2 0.9 shao|万 0.2 0.8 wan
钱 0.2 0.6 qian|严 0.2 0.7 yan|武 0.2 3.0 wu|戴 0.2 0.7 dai|孔 0.2 1 kong|向 0.2 0.4 xiang|汤 0.2 0.7 tang
乔 0.1 2.5 qiao|温 0.1 2.2 wen|牛 0.1 2.2 niu|阎 0.1 1.5 yan|霍 0.08 2 huo|申 0.08 2 shen|冀 0.04 2 ji
荆 0.04 2 jing|畅 0.01 3 chang|单 0.05 1 shan|解 0.05 1.5 xie|区 0.01 1 ou|仇 0.02 1 qiu|翟 0.1 1.5 zhai
"""
SURNAMES: list[str] = []
SURNAME_P: list[float] = []
SURNAME_PINYIN: dict[str, str] = {}
for _item in _SURNAMES.strip().replace("\n", "|").split("|"):
    _s, _share, _f, _py = _item.split()
    SURNAMES.append(_s)
    SURNAME_P.append(float(_share) * float(_f))
    SURNAME_PINYIN[_s] = _py
#: the reading a clerk who does not know the surname gives it
WRONG_READING = {"单": "dan", "曾": "ceng", "解": "jie", "区": "qu", "仇": "chou", "翟": "di"}

_MALE = ("伟强军平明建国华文斌勇俊杰涛鹏磊刚峰宇浩波辉亮龙飞林海东兵新志永春生保宝福贵旺小晋忠成"
         "喜利虎锁柱根栓金锋健超凯鑫帅博宁彬毅荣庆德胜有山云祥瑞兴")
_FEMALE = ("丽芳娟敏静霞燕艳玲萍红梅英兰秀莉琴云洁慧婷娜雪晶花凤桂翠珍瑞月彩爱丹佳欣悦玉美琳雅"
           "丹娇巧莲香荣")
MALE_CHARS = list(dict.fromkeys(_MALE))
FEMALE_CHARS = list(dict.fromkeys(_FEMALE))

HOMOPHONES: dict[str, str] = {
    "伟": "玮炜韦维", "丽": "莉俐", "王": "汪", "张": "章", "李": "黎理", "刘": "柳", "杨": "阳",
    "徐": "许", "许": "徐", "吴": "武伍", "武": "吴伍", "高": "郜", "何": "贺", "贺": "何", "冯": "封",
    "侯": "候", "付": "傅符", "傅": "付", "程": "成", "石": "史时", "史": "石", "闫": "阎", "阎": "闫",
    "林": "琳霖", "静": "靖婧", "峰": "锋丰", "军": "君钧", "华": "桦骅", "明": "鸣铭", "敏": "民",
    "燕": "艳雁", "红": "宏洪虹", "刚": "钢", "平": "萍苹", "建": "健剑", "文": "雯闻", "斌": "彬滨",
    "勇": "永涌", "涛": "韬", "鹏": "朋", "宇": "雨玉", "浩": "昊皓", "波": "博", "辉": "晖",
    "龙": "隆", "飞": "菲", "东": "冬", "兵": "冰", "新": "欣鑫", "志": "智", "宝": "保", "保": "宝",
    "福": "富", "贵": "桂", "旺": "望", "忠": "中", "成": "城诚", "喜": "禧", "利": "力", "金": "锦",
    "超": "朝", "凯": "铠", "芳": "方", "娟": "鹃", "玲": "琳龄", "梅": "玫", "英": "瑛莹", "兰": "岚",
    "秀": "绣", "琴": "芹", "云": "芸", "洁": "杰婕", "慧": "惠蕙", "婷": "亭", "雪": "学", "晶": "菁",
    "桂": "贵", "珍": "贞", "瑞": "睿", "月": "悦", "彩": "采", "爱": "艾", "佳": "嘉家", "欣": "馨新",
    "荣": "蓉", "庆": "青", "祥": "翔", "玉": "钰", "美": "媚", "琳": "林", "栓": "拴", "锁": "琐",
}
TRADITIONAL: dict[str, str] = {
    "张": "張", "刘": "劉", "陈": "陳", "杨": "楊", "赵": "趙", "黄": "黃", "吴": "吳", "孙": "孫",
    "马": "馬", "许": "許", "郑": "鄭", "谢": "謝", "韩": "韓", "冯": "馮", "邓": "鄧", "叶": "葉",
    "苏": "蘇", "卢": "盧", "蒋": "蔣", "贾": "賈", "阎": "閻", "钱": "錢", "龙": "龍", "乔": "喬",
    "伟": "偉", "丽": "麗", "华": "華", "军": "軍", "国": "國", "强": "強", "红": "紅", "凤": "鳳",
    "兰": "蘭", "云": "雲", "静": "靜", "杰": "傑", "涛": "濤", "鹏": "鵬", "刚": "剛", "辉": "輝",
    "飞": "飛", "东": "東", "兴": "興", "宝": "寶", "贵": "貴", "锋": "鋒", "凯": "凱", "帅": "帥",
    "宁": "寧", "艳": "艷", "萍": "萍", "洁": "潔", "娜": "娜", "爱": "愛", "庆": "慶", "荣": "榮",
    "锁": "鎖", "栓": "栓", "亮": "亮", "胜": "勝", "祥": "祥", "琴": "琴", "娟": "娟", "霞": "霞",
}
_PINYIN_CACHE: dict[str, str] = {}


def char_pinyin(c: str) -> str:
    if c in SURNAME_PINYIN:
        return SURNAME_PINYIN[c]
    if c not in _PINYIN_CACHE:
        _PINYIN_CACHE[c] = lazy_pinyin(c, style=Style.NORMAL)[0]
    return _PINYIN_CACHE[c]


def make_names(rng: np.random.Generator, sex: np.ndarray) -> np.ndarray:
    """Full names (surname + one or two given characters) for people of the given sexes
    (0 male, 1 female), vectorised."""
    n = len(sex)
    p = np.array(SURNAME_P)
    sur = np.array(SURNAMES, dtype=object)[rng.choice(len(SURNAMES), n, p=p / p.sum())]
    male = np.array(MALE_CHARS, dtype=object)
    female = np.array(FEMALE_CHARS, dtype=object)
    # a few characters carry most given names (Zipf-like)
    wm = 1.0 / np.arange(1, len(male) + 1) ** 0.8
    wf = 1.0 / np.arange(1, len(female) + 1) ** 0.8
    g1 = np.where(sex == 0, male[rng.choice(len(male), n, p=wm / wm.sum())],
                  female[rng.choice(len(female), n, p=wf / wf.sum())])
    g2 = np.where(sex == 0, male[rng.choice(len(male), n, p=wm / wm.sum())],
                  female[rng.choice(len(female), n, p=wf / wf.sum())])
    two = rng.random(n) < 0.72
    given = np.where(two, g1 + g2, g1)
    return sur + given


# ---------------------------------------------------------------------------- name damage

def _homophone(rng: np.random.Generator, name: str) -> str:
    pos = [i for i, c in enumerate(name) if c in HOMOPHONES]
    if not pos:
        return name
    i = pos[int(rng.integers(0, len(pos)))]
    alts = HOMOPHONES[name[i]]
    return name[:i] + alts[int(rng.integers(0, len(alts)))] + name[i + 1:]


def _traditional(rng: np.random.Generator, name: str) -> str:
    return "".join(TRADITIONAL.get(c, c) for c in name)


def _drop(rng: np.random.Generator, name: str) -> str:
    if len(name) < 3:
        return name
    i = int(rng.integers(1, len(name)))
    return name[:i] + name[i + 1:]


def _dup(rng: np.random.Generator, name: str) -> str:
    i = int(rng.integers(1, len(name)))
    return name[:i + 1] + name[i:]


def _spacing(rng: np.random.Generator, name: str) -> str:
    r = rng.random()
    if r < 0.45:
        return name[0] + " " + name[1:]
    if r < 0.7:
        return name[0] + "·" + name[1:]
    if r < 0.85:
        return name + " "
    return " ".join(name)


def _pinyin(rng: np.random.Generator, name: str) -> str:
    sur = name[0]
    sp = WRONG_READING[sur] if sur in WRONG_READING and rng.random() < 0.5 else char_pinyin(sur)
    gp = "".join(char_pinyin(c) for c in name[1:])
    r = rng.random()
    if r < 0.55:
        return f"{sp.capitalize()} {gp.capitalize()}"
    if r < 0.8:
        return f"{sp.upper()} {gp.upper()}"
    if r < 0.92:
        return f"{sp}{gp}"
    return f"{gp.capitalize()} {sp.capitalize()}"


def _reading_swap(rng: np.random.Generator, name: str) -> str:
    """The surname written with a same-sounding character (闫/阎, 侯/候, ...)."""
    alts = HOMOPHONES.get(name[0])
    if not alts:
        return _homophone(rng, name)
    return alts[int(rng.integers(0, len(alts)))] + name[1:]


NAME_DAMAGE = {"homophone": _homophone, "traditional": _traditional, "drop": _drop,
               "dup": _dup, "spacing": _spacing, "pinyin": _pinyin, "surname": _reading_swap}


def damage_names(rng: np.random.Generator, names: np.ndarray, rate: np.ndarray,
                 mix: dict[str, float]) -> np.ndarray:
    """Each name damaged with its probability ``rate`` in one of the ways ``mix`` weighs."""
    out = names.copy()
    hit = np.flatnonzero(rng.random(len(names)) < rate)
    if not len(hit):
        return out
    kinds = list(mix)
    w = np.array([mix[k] for k in kinds])
    chosen = rng.choice(len(kinds), len(hit), p=w / w.sum())
    for i, k in zip(hit, chosen, strict=True):
        v = out[i]
        if v:
            out[i] = NAME_DAMAGE[kinds[k]](rng, v)
    return out
