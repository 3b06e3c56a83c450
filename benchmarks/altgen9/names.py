"""Names: Han names with Inner Mongolia's surname mix, Mongolian names transliterated in
Chinese characters, and the ways departments write them differently."""

from __future__ import annotations

import random

import numpy as np

# surname, weight (per mille): Han families mostly came from Shanxi, Hebei and Shaanxi
_SURNAMES = """王 75 李 68 张 65 刘 56 赵 32 杨 30 高 23 郭 20 马 19 孙 18 陈 18 田 14 韩 13 贾 12
任 11 郝 12 段 8 闫 10 乔 8 白 10 武 10 吴 9 徐 8 胡 9 朱 8 许 6 何 6 周 9 吕 6 崔 6 冯 7 康 6
牛 5 梁 7 宋 7 于 7 董 7 侯 6 曹 6 苏 6 薛 5 袁 5 邢 3 常 5 石 6 温 4 魏 6 贺 5 范 5 杜 5 秦 4
史 4 姚 4 尹 3 付 4 单 1 曾 1 解 1 区 0.3 翟 2 樊 3 霍 3 雷 3 申 2 卢 3 谢 3 程 3 宁 2 云 3 奇 1
鲍 2 包 5 宝 1 金 3 邓 3 蒋 2 姜 3 彭 2 潘 2 汪 2 章 1 肖 3 傅 1 季 1 纪 2 安 3 智 1 岳 2 孟 4"""
_toks = _SURNAMES.split()
HAN_SURNAMES = _toks[0::2]
HAN_SURNAME_W = np.array([float(x) for x in _toks[1::2]])
HAN_SURNAME_W /= HAN_SURNAME_W.sum()

MALE_CHARS = list("伟军勇强磊涛斌杰刚明辉鹏峰超波华建国平东亮林海文飞龙宇浩俊永志春生福宝财贵"
                  "满仓旺喜成忠利德兵锋鑫新江山虎云雷光荣庆義达金锁柱栓")
FEMALE_CHARS = list("丽芳娟敏静燕艳霞红英玲梅兰凤琴萍慧婷洁雪娜芬荣花秀珍桂翠莉丹颖晶佳璐欣悦月春"
                    "玉美香")
MALE_CHARS = [c if c != "義" else "义" for c in MALE_CHARS]

# Mongolian given names: single names and the two halves of compound (4-5 character) names
MN_MALE = ["巴特尔", "乌力吉", "额尔敦", "巴雅尔", "朝鲁", "苏和", "宝音", "敖日格乐", "孟和",
           "特木尔", "毕力格", "布和", "巴图", "吉日嘎拉", "满都拉", "达来", "呼和", "朝格图",
           "那日苏", "通拉嘎", "宝力道", "图门", "阿古拉", "哈斯", "温都苏", "额尔德尼", "乌恩",
           "巴音", "道尔吉", "希日布", "那顺", "阿拉坦", "特古斯", "巴根那"]
MN_FEMALE = ["其木格", "图雅", "乌云", "娜仁", "格日勒", "苏日娜", "乌兰", "塔娜", "其其格",
             "乌日娜", "萨其拉", "托娅", "高娃", "斯琴", "萨日娜", "琪琪格", "斯日古楞", "娜布其",
             "阿茹娜", "哈斯"]
MN_MALE_A = ["那顺", "额尔敦", "斯琴", "布仁", "孟和", "阿拉坦", "宝音", "乌力吉", "朝格", "巴特",
             "吉日", "图门", "达布希拉", "特古斯", "额尔德木", "苏和"]
MN_MALE_B = ["乌日图", "巴特尔", "毕力格", "巴雅尔", "德力格尔", "木仁", "朝鲁", "图", "仓",
             "孟和", "吉日嘎拉", "额尔敦", "达来", "苏和", "门"]
MN_FEMALE_A = ["斯琴", "萨仁", "乌兰", "阿拉坦", "格根", "其其", "苏日", "乌云", "娜仁", "额尔敦",
               "萨如拉"]
MN_FEMALE_B = ["高娃", "图雅", "其其格", "塔娜", "花", "娜", "格日勒", "琪琪格", "其木格"]
MN_SURNAMES = ["包", "白", "韩", "宝", "鲍", "金", "吴", "何", "奇", "云", "额"]
MN_SURNAME_W = np.array([30, 18, 10, 10, 6, 6, 4, 3, 5, 5, 3], dtype=float)
MN_SURNAME_W /= MN_SURNAME_W.sum()

# transliteration variants of Mongolian name parts between departments
MN_VARIANTS = [("巴特尔", "巴特儿"), ("巴特尔", "巴图尔"), ("额尔敦", "额尔登"), ("额尔敦", "额日敦"),
               ("乌力吉", "乌立吉"), ("乌力吉", "乌日吉"), ("其木格", "其木各"), ("其木格", "齐木格"),
               ("斯琴", "斯钦"), ("高娃", "高哇"), ("敖日格乐", "敖日格勒"), ("宝音", "保音"),
               ("朝鲁", "朝勒"), ("苏和", "苏赫"), ("阿拉坦", "阿拉腾"), ("图雅", "图娅"),
               ("萨仁", "萨日"), ("乌云", "乌芸"), ("娜仁", "那仁"), ("格日勒", "格日乐"),
               ("孟和", "蒙和"), ("特木尔", "铁木尔"), ("毕力格", "必力格"), ("吉日嘎拉", "吉日格拉"),
               ("巴雅尔", "巴亚尔"), ("那顺", "纳顺"), ("乌日图", "乌如图"), ("达来", "达赖"),
               ("布和", "布赫"), ("那日苏", "那日斯"), ("通拉嘎", "通拉格"), ("图门", "图们"),
               ("温都苏", "温都素"), ("布仁", "布音"), ("塔娜", "塔那"), ("其其格", "琪琪格"),
               ("苏日娜", "苏日那"), ("道尔吉", "道力吉"), ("德力格尔", "德力格")]

HOMOPHONES = {}
for grp in ["伟玮炜", "丽莉俪", "静婧", "军君", "华化", "明铭", "杰洁", "涛滔", "芳方", "红宏虹",
            "英瑛", "玲琳", "霞侠", "刚钢", "峰锋丰", "勇永", "斌彬", "鹏朋", "辉晖", "艳燕",
            "敏民", "磊蕾", "超潮", "波博", "娟涓", "建健剑", "东冬", "文雯", "飞菲", "龙隆",
            "宇雨禹", "浩皓昊", "俊骏峻", "志智", "春纯", "生胜", "福富", "宝保", "财才", "贵桂",
            "喜玺", "成诚", "忠中", "利力", "兵冰", "鑫新欣", "江疆", "云芸", "光广", "荣蓉",
            "梅玫", "兰岚", "琴芹", "慧惠", "婷亭", "雪学", "娜那", "花华", "秀绣", "珍贞",
            "翠萃", "颖莹", "佳嘉", "月悦", "王汪", "张章", "徐许", "姜江", "付傅", "肖萧",
            "纪季", "吴武", "杨阳", "程成", "白柏", "包鲍", "玉钰", "美梅", "庆青", "金锦"]:
    for c in grp:
        HOMOPHONES[c] = [x for x in grp if x != c]

TRADITIONAL = dict(zip(
    "张刘陈杨赵黄吴孙马郑冯韩贾闫乔许吕苏宝乌尔图东华军国伟丽红兰龙凤飞刚强凯鹏辉涛艳庆贵财满仓荣丰云杰义达乐齐鲁毕额顺贺卢邓蒋门仑娅锁栓钢锋岚",
    "張劉陳楊趙黃吳孫馬鄭馮韓賈閆喬許呂蘇寶烏爾圖東華軍國偉麗紅蘭龍鳳飛剛強凱鵬輝濤艷慶貴財滿倉榮豐雲傑義達樂齊魯畢額順賀盧鄧蔣門侖婭鎖栓鋼鋒嵐",
    strict=True))


def make_names(n: int, male: np.ndarray, mongol: np.ndarray, rng: np.random.Generator,
               r: random.Random) -> tuple[list[str], dict[int, tuple[str, str, str, str]]]:
    """True (registered) names; for Mongolian-named persons also their parts
    (surname, separator, first given part, second given part) keyed by position."""
    sur = rng.choice(len(HAN_SURNAMES), size=n, p=HAN_SURNAME_W)
    one_char = rng.random(n) < 0.22
    names: list[str] = []
    parts: dict[int, tuple[str, str, str, str]] = {}
    male_l = male.tolist()
    mongol_l = mongol.tolist()
    for i in range(n):
        if mongol_l[i] and r.random() < 0.8:
            m = male_l[i]
            if r.random() < 0.42:
                a = r.choice(MN_MALE_A if m else MN_FEMALE_A)
                b = r.choice(MN_MALE_B if m else MN_FEMALE_B)
                if a.endswith(b[:1]) or a == b:
                    b = "图" if m else "花"
            else:
                a, b = r.choice(MN_MALE if m else MN_FEMALE), ""
            s, sep = "", ""
            if r.random() < 0.5:
                s = MN_SURNAMES[int(rng.choice(len(MN_SURNAMES), p=MN_SURNAME_W))]
                sep = "·" if r.random() < 0.35 else ""
            parts[i] = (s, sep, a, b)
            names.append(s + sep + a + b)
            continue
        s = HAN_SURNAMES[sur[i]]
        if mongol_l[i]:  # Mongolian family with a Han given name: 包海军, 白玉兰
            s = MN_SURNAMES[int(rng.choice(4))]
        pool = MALE_CHARS if male_l[i] else FEMALE_CHARS
        g = r.choice(pool) if one_char[i] else r.choice(pool) + r.choice(pool)
        if len(g) == 2 and g[0] == g[1] and r.random() < 0.7:
            g = g[0] + r.choice(pool)
        names.append(s + g)
    return names, parts


def _han_variant(name: str, r: random.Random, rates: dict[str, float]) -> str:
    u = r.random()
    acc = 0.0
    for kind in ("homophone", "traditional", "drop", "double", "space", "pinyin"):
        acc += rates.get(kind, 0.0)
        if u < acc:
            break
    else:
        return name
    if kind == "homophone":
        pos = [i for i, c in enumerate(name) if c in HOMOPHONES]
        if not pos:
            return name
        i = r.choice(pos)
        return name[:i] + r.choice(HOMOPHONES[name[i]]) + name[i + 1:]
    if kind == "traditional":
        out = "".join(TRADITIONAL.get(c, c) for c in name)
        return out
    if kind == "drop" and len(name) >= 3:
        i = r.randrange(1, len(name))
        return name[:i] + name[i + 1:]
    if kind == "double" and len(name) >= 2:
        i = r.randrange(1, len(name))
        return name[:i + 1] + name[i:]
    if kind == "space" and len(name) >= 2:
        return name[0] + r.choice([" ", "  ", "　"]) + name[1:]
    if kind == "pinyin":
        from pypinyin import lazy_pinyin

        py = lazy_pinyin(name)
        return py[0].capitalize() + " " + "".join(py[1:]).capitalize()
    return name


def _mongol_variant(p: tuple[str, str, str, str], r: random.Random, rate: float) -> str:
    s, sep, a, b = p
    if r.random() >= rate:
        return s + sep + a + b
    kind = r.choices(["translit", "dot", "drop_surname", "truncate", "split"],
                     weights=[35, 25, 15, 15, 10])[0]
    if kind == "translit":
        given = a + b
        opts = [(x, y) for x, y in MN_VARIANTS if x in given] + \
               [(y, x) for x, y in MN_VARIANTS if y in given]
        if opts:
            x, y = r.choice(opts)
            given = given.replace(x, y, 1)
        return s + sep + given
    if kind == "dot" and s:
        return s + ("" if sep else "·") + a + b
    if kind == "drop_surname" and s:
        return a + b
    if kind == "truncate" and b:
        return a if (len(a) >= 2 and r.random() < 0.7) else b
    if kind == "truncate" and len(a) >= 4:
        return s + sep + a[:-1]
    if kind == "split" and b:
        return s + sep + a + "·" + b
    return s + sep + a + b


def noisy_name(true: str, parts: tuple[str, str, str, str] | None, r: random.Random,
               rates: dict[str, float]) -> str:
    """The name as one department writes it."""
    if parts is not None:
        name = _mongol_variant(parts, r, rates.get("mongol", 0.0))
        if rates.get("traditional", 0.0) and r.random() < rates["traditional"]:
            name = "".join(TRADITIONAL.get(c, c) for c in name)
        return name
    return _han_variant(true, r, rates)
