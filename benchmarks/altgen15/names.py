"""Names of northern Chinese people by generation, and the ways records write them differently
(traditional characters, homophones, swapped or dropped characters, stray spaces and dots,
pinyin)."""

from __future__ import annotations

import random

import numpy as np

# Hebei's surnames with rough shares (per cent); heavy-headed as the domain brief says
_SURNAMES = """王 8.5 李 8.3 张 8.0 刘 7.0 赵 3.5 杨 2.8 高 2.0 孙 1.8 马 1.7 郭 1.5 陈 1.2 田 1.1
韩 1.0 吴 .8 徐 .8 宋 .8 董 .8 周 .7 史 .6 侯 .6 崔 .6 曹 .6 贾 .6 冯 .6 石 .6 魏 .6 于 .6 许 .5
梁 .5 胡 .5 朱 .5 郝 .5 孟 .5 杜 .5 何 .4 邢 .4 常 .4 范 .4 白 .4 闫 .4 任 .4 段 .3 申 .3 齐 .3
付 .3 袁 .3 谷 .3 程 .3 苏 .3 牛 .3 薛 .3 吕 .3 姚 .3 尹 .3 耿 .3 黄 .3 姜 .3 庞 .2 秦 .2 邓 .2
彭 .2 林 .2 罗 .2 蔡 .2 潘 .2 谢 .2 唐 .2 卢 .2 葛 .2 肖 .2 贺 .2 路 .2 安 .2 康 .2 霍 .2 焦 .2
翟 .2 沈 .1 甄 .1 纪 .1 解 .1 单 .1 曾 .05 盖 .05 仇 .05 查 .02 区 .01 欧阳 .02 司马 .01"""
SURNAMES: list[str] = _SURNAMES.split()[0::2]
SURNAME_P = np.array([float(x) for x in _SURNAMES.split()[1::2]])
SURNAME_P = SURNAME_P / SURNAME_P.sum()

GIVEN = {
    ("M", 0): "国建志文明德福全广海长振庆殿宝金玉树春永善洪俊学顺义祥瑞贵财喜成林山民兴华荣忠胜军保占恩合",
    ("M", 1): "建国军伟强勇刚明辉东平杰涛斌磊峰波鹏亮超红卫立志新海永华春利文广海军伟强",
    ("M", 2): "浩宇鹏超磊帅博旭晨阳凯鑫航杰飞龙昊天泽子轩俊健亮明伟强硕猛冲宁",
    ("F", 0): "秀淑桂凤兰英玉珍芳荣华梅云霞琴香翠莲菊素花月敏枝芬贞娥",
    ("F", 1): "丽静艳红娟霞燕敏芳萍玲婷雪梅琳洁颖慧晶蕾倩华莉秀利春",
    ("F", 2): "欣怡雨涵佳思梦婷悦晨琪瑶萱彤诗雪丹璐茜娜月妍颖蕊",
}
TWO_CHAR_P = {0: 0.75, 1: 0.55, 2: 0.85}

TRADITIONAL = dict(zip(
    "张刘陈赵杨孙马韩吴许冯贾郑苏闫卢罗邓叶谢国军伟华红丽东强辉凤兰杰涛龙鹏飞云艳静庆广长义贵财兴荣胜宝学顺梦颖凯帅硕晓书卫刚爱进运庄桥",
    "張劉陳趙楊孫馬韓吳許馮賈鄭蘇閆盧羅鄧葉謝國軍偉華紅麗東強輝鳳蘭傑濤龍鵬飛雲艷靜慶廣長義貴財興榮勝寶學順夢穎凱帥碩曉書衛剛愛進運莊橋",
    strict=True))

_HOMOPHONES = ["伟玮炜", "丽莉俐", "静晶菁婧", "军君均", "华桦骅", "红宏鸿洪", "明铭鸣", "建健剑",
               "立力利", "英瑛", "玉钰", "娟涓鹃", "燕艳彦", "峰锋丰", "刚钢岗", "杰洁捷",
               "涛韬滔", "平萍苹", "霞侠", "芳方", "辉晖", "斌彬滨", "鹏朋", "超朝", "宇雨羽",
               "浩皓昊", "鑫新欣馨", "凯楷", "晨辰臣", "阳扬洋", "婷亭庭", "琳林霖", "志智治",
               "文雯闻", "荣蓉容", "兰岚蓝", "桂贵", "秀绣", "淑书舒", "永勇咏", "王汪", "张章",
               "徐许", "杨阳", "邢刑", "付傅", "于余俞", "吕侣", "纪季冀", "姚尧", "高郜", "闫阎",
               "韩寒", "石时"]
HOMOPHONE: dict[str, list[str]] = {}
for _g in _HOMOPHONES:
    for _c in _g:
        HOMOPHONE[_c] = [x for x in _g if x != _c]


def generation(birth_year: int) -> int:
    return 0 if birth_year < 1960 else 1 if birth_year < 1988 else 2


def make_names(g: np.random.Generator, male: np.ndarray, birth_year: np.ndarray
               ) -> tuple[list[str], list[str]]:
    """Surnames and given names for people of the given sexes and birth years."""
    n = len(male)
    sur_idx = g.choice(len(SURNAMES), size=n, p=SURNAME_P)
    gen = np.where(birth_year < 1960, 0, np.where(birth_year < 1988, 1, 2))
    two = g.random(n) < np.vectorize(TWO_CHAR_P.get)(gen) if n else np.zeros(0, bool)
    u1, u2 = g.random(n), g.random(n)
    givens: list[str] = []
    for i in range(n):
        pool = GIVEN[("M" if male[i] else "F", int(gen[i]))]
        a = pool[int(u1[i] * len(pool))]
        if two[i]:
            b = pool[int(u2[i] * len(pool))]
            if b == a and u2[i] < 0.8:
                b = pool[(int(u2[i] * len(pool)) + 7) % len(pool)]
            givens.append(a + b)
        else:
            givens.append(a)
    return [SURNAMES[int(i)] for i in sur_idx], givens


def _pinyin(surname: str, given: str, r: random.Random) -> str:
    from pypinyin import lazy_pinyin

    s = "".join(lazy_pinyin(surname))
    gv = "".join(lazy_pinyin(given))
    style = r.random()
    if style < 0.5:
        return f"{s.capitalize()} {gv.capitalize()}"
    if style < 0.8:
        return f"{s.upper()} {gv.upper()}"
    return f"{gv.capitalize()} {s.capitalize()}"


VARIANT_KINDS = ("homophone", "traditional", "swap", "drop", "dup", "space", "dot", "pinyin")
VARIANT_P = (0.36, 0.16, 0.08, 0.07, 0.04, 0.12, 0.07, 0.10)


def _apply(kind: str, r: random.Random, surname: str, given: str, allow_pinyin: bool
           ) -> str | None:
    name = surname + given
    if kind == "homophone":
        spots = [i for i, c in enumerate(name) if c in HOMOPHONE]
        if spots:
            i = r.choice(spots)
            return name[:i] + r.choice(HOMOPHONE[name[i]]) + name[i + 1:]
        return None
    if kind == "traditional":
        out = "".join(TRADITIONAL.get(c, c) for c in name)
        return out if out != name else None
    if kind == "swap":
        return surname + given[::-1] if len(given) == 2 and given[0] != given[1] else None
    if kind == "drop":
        return surname + given[0] if len(given) == 2 else None
    if kind == "dup":
        return name + given[-1]
    if kind == "dot":
        return surname + "·" + given
    if kind == "pinyin":
        return _pinyin(surname, given, r) if allow_pinyin else None
    return surname + " " + given


def variant(r: random.Random, surname: str, given: str, allow_pinyin: bool = True) -> str:
    """One way of writing the name wrongly; when the chosen error cannot apply to this name
    (no homophone, no traditional form, a one-character given name, no pinyin in this
    department), the next likely one does."""
    kind = r.choices(VARIANT_KINDS, weights=VARIANT_P)[0]
    for k in (kind, "homophone", "traditional", "dup"):
        out = _apply(k, r, surname, given, allow_pinyin)
        if out is not None:
            return out
    return surname + " " + given
