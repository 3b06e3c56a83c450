"""Shanxi personal names, and the ways each department's clerks get them wrong."""

from __future__ import annotations

import random
from itertools import accumulate

from pypinyin import Style, lazy_pinyin

# surnames with Shanxi weights (%): heavy-headed, with the province's own (药, 畅, 要, 智)


def words(text: str) -> list[str]:
    """A blank-separated word list (kept as one string: easier to read and to edit)."""
    return text.split()


_SURNAMES = words(
    "王9.0 李7.5 张6.8 刘5.6 赵3.8 郭3.5 杨3.2 陈2.6 贾2.0 梁1.9 武1.8 任1.7 韩1.6 高1.6 "
    "马1.5 冯1.4 田1.4 孙1.3 郝1.3 薛1.2 乔1.1 程1.1 侯1.1 闫1.1 白1.0 牛1.0 史1.0 苏0.9 "
    "樊0.9 吴0.9 胡0.9 宋0.9 范0.8 段0.8 崔0.8 秦0.8 石0.8 周0.8 徐0.7 申0.7 卫0.7 霍0.7 "
    "温0.6 裴0.6 柴0.6 常0.6 董0.6 曹0.6 原0.5 安0.5 雷0.5 杜0.5 吕0.5 许0.5 邢0.5 贺0.5 "
    "黄0.5 朱0.5 孟0.5 阎0.4 吉0.4 于0.4 姚0.4 彭0.4 郑0.4 唐0.4 冀0.4 岳0.4 康0.4 靳0.4 "
    "宁0.3 燕0.3 景0.3 成0.3 尚0.3 关0.3 师0.3 路0.3 祁0.2 兰0.2 畅0.15 解0.15 仇0.1 "
    "单0.1 曾0.1 智0.1 相0.1 弓0.1 麻0.1 药0.05 要0.05 区0.02"
)
SURNAMES = [s[0] for s in _SURNAMES]
SURNAME_CUM = list(accumulate(float(s[1:]) for s in _SURNAMES))

# given-name characters by generation and sex
GIVEN = {
    ("M", 0): "保拴锁润生根福贵喜有富成德全海林明忠义仁旺财柱虎平来顺元文武山宝银金存堂",
    ("F", 0): "秀英兰桂莲花梅凤珍玉翠娥巧爱香菊琴女荣芳彩存月",
    ("M", 1): "建国军伟平红卫东华明强勇斌俊刚峰林亮晋忠海涛文永志利新春宏兵波辉",
    ("F", 1): "丽红霞燕梅艳芳萍玲静娟英华琴敏莉慧俊利云香",
    ("M", 2): "鹏磊鑫浩杰宇帅超博昊晨阳凯飞龙亮斌瑞泽晋伟强旭锐轩子佳俊涛",
    ("F", 2): "婷丽敏静娜雪倩欣悦佳琪瑶晶璐颖慧莹洁丹蕾萌涵怡瑞妍",
}

HOMOPHONES: dict[str, str] = {
    "伟": "玮炜维", "丽": "莉俐力", "王": "汪", "张": "章", "军": "君钧", "明": "鸣铭",
    "华": "桦骅", "杰": "洁捷", "峰": "锋丰", "刚": "钢岗", "斌": "彬滨", "霞": "侠",
    "红": "宏洪虹", "芳": "方", "娟": "鹃", "敏": "民闽", "燕": "艳雁", "艳": "燕",
    "林": "琳霖", "平": "萍苹", "萍": "平", "英": "瑛莹", "建": "健剑", "志": "智治",
    "拴": "栓", "锁": "所", "柱": "住", "宝": "保", "保": "宝", "贵": "桂", "桂": "贵",
    "玲": "龄铃", "静": "晶婧", "晶": "静", "梅": "玫", "鹏": "朋", "磊": "蕾", "鑫": "新馨",
    "新": "鑫", "浩": "皓昊", "宇": "玉雨", "超": "朝", "瑞": "锐", "锐": "瑞", "旭": "煦",
    "婷": "亭庭", "娜": "纳", "雪": "学", "倩": "茜", "琪": "琦奇", "颖": "莹影", "慧": "惠辉",
    "辉": "晖慧", "洁": "杰", "刘": "柳", "杨": "阳", "陈": "程", "程": "陈", "郭": "国",
    "吴": "武", "武": "吴", "徐": "许", "许": "徐", "韩": "寒", "梁": "良", "任": "仁",
    "侯": "候", "乔": "桥", "文": "雯", "春": "纯", "东": "冬", "国": "郭", "永": "勇",
    "勇": "永", "涛": "滔", "波": "博", "博": "波", "兵": "冰", "飞": "菲", "龙": "隆",
    "凤": "风", "荣": "蓉", "香": "湘", "兰": "岚", "莲": "连", "琴": "勤", "花": "华",
    "闫": "阎", "阎": "闫", "存": "村", "润": "闰", "根": "跟", "喜": "禧", "金": "今",
}

TRADITIONAL: dict[str, str] = dict(zip(
    "张刘陈杨赵贾马冯孙韩乔闫苏吴范卫温董许贺黄郑宁阎师单区伟军华红丽国东龙凤兰宝贵刚庆荣爱"
    "云飞鹏涛杰晓艳静辉锋宁兴顺连银义忠俊泽卫强娟红发岚鑫莲",
    "張劉陳楊趙賈馬馮孫韓喬閆蘇吳範衛溫董許賀黃鄭寧閻師單區偉軍華紅麗國東龍鳳蘭寶貴剛慶榮愛"
    "雲飛鵬濤傑曉艷靜輝鋒寧興順連銀義忠俊澤衛強娟紅發嵐鑫蓮", strict=True))

SURNAME_READING = {"单": "shan", "曾": "zeng", "解": "xie", "区": "ou", "仇": "qiu",
                   "药": "yao", "要": "yao"}


def _generation(birth_year: int) -> int:
    return 0 if birth_year < 1960 else 1 if birth_year < 1986 else 2


def make_name(r: random.Random, sex: str, birth_year: int) -> str:
    surname = r.choices(SURNAMES, cum_weights=SURNAME_CUM)[0]
    pool = GIVEN[(sex, _generation(birth_year))]
    single = 0.35 if birth_year < 1960 else 0.22 if birth_year < 1986 else 0.12
    if r.random() < single:
        return surname + r.choice(pool)
    a = r.choice(pool)
    b = a if r.random() < 0.02 else r.choice(pool)
    if birth_year < 1960 and sex == "M" and r.random() < 0.15:
        a = r.choice("二三四五六")  # 二虎, 三保: birth-order names of the older countryside
    return surname + a + b


def pinyin(name: str, r: random.Random) -> str:
    sur, given = name[0], name[1:]
    s = SURNAME_READING.get(sur) if r.random() < 0.7 else None  # clerks misread 单 as dan
    s = s or lazy_pinyin(sur, style=Style.NORMAL)[0]
    g = "".join(lazy_pinyin(given, style=Style.NORMAL))
    if r.random() < 0.5:
        return f"{s.upper()} {g.upper()}"
    return f"{s.capitalize()} {g.capitalize()}"


def homophone(name: str, r: random.Random) -> str:
    spots = [i for i, c in enumerate(name) if c in HOMOPHONES]
    if not spots:
        return name
    i = r.choice(spots)
    return name[:i] + r.choice(HOMOPHONES[name[i]]) + name[i + 1:]


def traditional(name: str) -> str:
    return "".join(TRADITIONAL.get(c, c) for c in name)


# noise kinds in the order a profile lists them
NOISE = ("homophone", "traditional", "space", "dot", "drop", "double", "pinyin")


def render(name: str, r: random.Random, prof: tuple[float, ...]) -> str:
    """The name as one department writes it; ``prof`` gives each :data:`NOISE` kind's rate."""
    x = r.random()
    kind = ""
    for k, p in zip(NOISE, prof, strict=True):
        if x < p:
            kind = k
            break
        x -= p
    if not kind:
        return name
    if kind == "homophone":
        return homophone(name, r)
    if kind == "traditional":
        t = traditional(name)
        return t if t != name else homophone(name, r)
    if kind == "space":
        return name[0] + " " + name[1:] if r.random() < 0.7 else name + " "
    if kind == "dot":
        return name[0] + "·" + name[1:]
    if kind == "drop":
        return name[:-1] if len(name) >= 3 else name
    if kind == "double":
        return name + name[-1] if len(name) == 2 else name
    return pinyin(name, r)
