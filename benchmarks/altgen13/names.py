"""Chinese names with Shanxi-flavoured frequencies, and the ways each department miswrites them."""

from __future__ import annotations

import itertools
import random

# surname, share (%), pinyin; heavy-headed like the national table, with Shanxi's 郝 武 闫 牛 申 霍
_SURNAMES = """王 7.1 wang|李 7.0 li|张 6.4 zhang|刘 5.2 liu|陈 4.3 chen|杨 3.1 yang|赵 2.3 zhao|
黄 1.6 huang|周 1.9 zhou|吴 1.7 wu|徐 1.4 xu|孙 1.5 sun|胡 1.3 hu|朱 1.2 zhu|高 1.5 gao|林 0.8 lin|
何 1.0 he|郭 1.6 guo|马 1.2 ma|罗 0.7 luo|梁 0.9 liang|宋 0.8 song|郑 0.7 zheng|谢 0.6 xie|
韩 0.9 han|唐 0.5 tang|冯 0.8 feng|于 0.6 yu|董 0.7 dong|程 0.6 cheng|曹 0.7 cao|袁 0.5 yuan|
邓 0.4 deng|许 0.5 xu|傅 0.3 fu|沈 0.3 shen|曾 0.2 zeng|彭 0.4 peng|吕 0.6 lv|苏 0.5 su|卢 0.4 lu|
蒋 0.3 jiang|贾 0.7 jia|丁 0.4 ding|魏 0.6 wei|薛 0.6 xue|叶 0.3 ye|阎 0.3 yan|闫 0.6 yan|
杜 0.5 du|夏 0.3 xia|汪 0.3 wang|田 0.6 tian|任 0.6 ren|范 0.4 fan|石 0.5 shi|姚 0.4 yao|
郝 0.6 hao|孔 0.3 kong|白 0.5 bai|崔 0.5 cui|康 0.4 kang|毛 0.3 mao|秦 0.4 qin|史 0.4 shi|
侯 0.4 hou|孟 0.4 meng|段 0.4 duan|常 0.5 chang|武 0.7 wu|乔 0.5 qiao|贺 0.4 he|温 0.4 wen|
牛 0.5 niu|申 0.4 shen|霍 0.3 huo|卫 0.2 wei|裴 0.2 pei|单 0.1 shan|解 0.1 xie|区 0.02 ou|
尹 0.3 yin|章 0.1 zhang|岳 0.3 yue|樊 0.3 fan|柴 0.2 chai|药 0.05 yao"""
SURNAMES: list[tuple[str, float, str]] = []
for _item in _SURNAMES.replace("\n", "").split("|"):
    _c, _w, _p = _item.split()
    SURNAMES.append((_c, float(_w), _p))
SURNAME_CUM = list(itertools.accumulate(w for _, w, _ in SURNAMES))

MALE_GIVEN = "伟军强磊勇杰涛明超刚平辉鹏华飞斌宇峰建国文东海波亮林龙俊志兵晋生春虎宝喜金福旺庆小永忠德荣贵成红保云晓浩鑫宏新学利锁根栓"
FEMALE_GIVEN = "丽芳娟敏静艳玲霞英燕红梅兰凤萍琴华秀珍慧婷雪洁晶莉桂花翠春小亚娜瑞月爱晓丹佳琳"

PINYIN = dict(
    [(c, p) for c, _, p in SURNAMES]
    + list(zip(MALE_GIVEN, ["wei", "jun", "qiang", "lei", "yong", "jie", "tao", "ming", "chao", "gang", "ping", "hui", "peng", "hua", "fei", "bin", "yu", "feng", "jian", "guo", "wen", "dong", "hai", "bo", "liang", "lin", "long", "jun", "zhi", "bing", "jin", "sheng", "chun", "hu", "bao", "xi", "jin", "fu", "wang", "qing", "xiao", "yong", "zhong", "de", "rong", "gui", "cheng", "hong", "bao", "yun", "xiao", "hao", "xin", "hong", "xin", "xue", "li", "suo", "gen", "shuan"], strict=True))
    + list(zip(FEMALE_GIVEN, ["li", "fang", "juan", "min", "jing", "yan", "ling", "xia", "ying", "yan", "hong", "mei", "lan", "feng", "ping", "qin", "hua", "xiu", "zhen", "hui", "ting", "xue", "jie", "jing", "li", "gui", "hua", "cui", "chun", "xiao", "ya", "na", "rui", "yue", "ai", "xiao", "dan", "jia", "lin"], strict=True)))
# surnames with two readings: the pinyin a clerk may write by mistake
ALT_READING = {"单": "dan", "曾": "ceng", "解": "jie", "区": "qu", "乐": "le"}

HOMOPHONES = {
    "伟": "玮炜维", "丽": "莉俐", "王": "汪", "张": "章", "刘": "柳", "杨": "阳", "林": "琳",
    "明": "铭", "军": "君", "华": "桦", "红": "虹宏", "芳": "方", "玲": "琳龄", "静": "晶婧",
    "刚": "钢", "峰": "锋丰", "杰": "洁捷", "平": "萍", "英": "瑛", "霞": "侠", "艳": "燕",
    "波": "博", "斌": "彬", "涛": "韬", "鹏": "朋", "辉": "晖", "敏": "闵", "建": "健",
    "勇": "永", "闫": "阎", "阎": "闫", "汪": "王", "章": "张", "宝": "保", "保": "宝",
    "云": "芸", "利": "力", "喜": "禧", "旺": "望", "庆": "青", "锁": "所", "栓": "拴",
    "梅": "玫", "兰": "岚", "凤": "风", "琴": "芹", "珍": "真", "婷": "亭", "娜": "纳",
}
TRADITIONAL = dict(zip(
    "张刘陈杨赵黄吴孙马罗郑谢韩冯许邓吕苏卢蒋叶陆龙贺顾邹谭闫伟军华国红丽兰凤东庆宝贵云荣刚鹏辉飞涛杰强晓艳进发顺卫亚爱锁栓梅兴",
    "張劉陳楊趙黃吳孫馬羅鄭謝韓馮許鄧呂蘇盧蔣葉陸龍賀顧鄒譚閆偉軍華國紅麗蘭鳳東慶寶貴雲榮剛鵬輝飛濤傑強曉艷進發順衛亞愛鎖栓梅興",
    strict=True))


def random_name(rng: random.Random, sex: str) -> str:
    r = rng.random() * SURNAME_CUM[-1]
    lo = 0
    while SURNAME_CUM[lo] < r:
        lo += 1
    sur = SURNAMES[lo][0]
    pool = MALE_GIVEN if sex == "M" else FEMALE_GIVEN
    n = 1 if rng.random() < 0.3 else 2
    return sur + "".join(rng.choice(pool) for _ in range(n))


def to_pinyin(rng: random.Random, name: str) -> str:
    sur = ALT_READING.get(name[0]) if rng.random() < 0.5 else None
    sur = sur or PINYIN.get(name[0], "x")
    given = "".join(PINYIN.get(c, "x") for c in name[1:])
    style = rng.random()
    if style < 0.5:
        return f"{sur.capitalize()} {given.capitalize()}"
    if style < 0.8:
        return f"{sur.upper()} {given.upper()}"
    return (sur + given).capitalize()


def miswrite(rng: random.Random, name: str, kind: str) -> str:
    """``name`` written with one error of ``kind``; the clean name if the kind cannot apply."""
    if kind == "homophone":
        idx = [i for i, c in enumerate(name) if c in HOMOPHONES]
        if idx:
            i = rng.choice(idx)
            return name[:i] + rng.choice(HOMOPHONES[name[i]]) + name[i + 1:]
    elif kind == "traditional":
        t = "".join(TRADITIONAL.get(c, c) for c in name)
        if t != name:
            return t
    elif kind == "drop" and len(name) >= 3:
        i = rng.randrange(1, len(name))
        return name[:i] + name[i + 1:]
    elif kind == "dup" and len(name) == 2:
        return name + name[1]
    elif kind == "space":
        return name[0] + rng.choice((" ", "  ", "\u3000")) + name[1:]
    elif kind == "dot":
        return name[0] + "·" + name[1:]
    elif kind == "pinyin":
        return to_pinyin(rng, name)
    return name
