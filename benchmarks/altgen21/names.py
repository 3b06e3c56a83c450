"""Names: heavy-headed Han surnames, era-dependent given names, minority naming customs of
Yunnan (Dai 岩/玉/依 names, Jingpo birth-order names, Lahu 扎/娜, Wa 岩/叶, Tibetan, Liangshan Yi),
the transliteration variants different departments write, and record-level errors (homophones,
traditional characters, dropped or doubled characters, stray spaces and dots, pinyin)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from pypinyin import lazy_pinyin

# surname: weight (per mille, roughly national; Yunnan-specific surnames added)
HAN_SURNAMES = {
    "王": 71, "李": 70, "张": 64, "刘": 52, "陈": 43, "杨": 38, "黄": 22, "赵": 22, "吴": 20, "周": 19,
    "徐": 16, "孙": 15, "马": 14, "朱": 13, "胡": 13, "郭": 12, "何": 11, "高": 11, "林": 11, "罗": 11,
    "郑": 9, "梁": 9, "谢": 8, "宋": 8, "唐": 7, "许": 7, "韩": 7, "冯": 7, "邓": 7, "曹": 7,
    "彭": 6, "曾": 6, "肖": 6, "田": 6, "董": 6, "袁": 5, "潘": 5, "于": 5, "蒋": 5, "蔡": 5,
    "余": 5, "杜": 5, "叶": 4, "程": 4, "苏": 4, "魏": 4, "吕": 4, "丁": 4, "任": 4, "沈": 4,
    "姚": 4, "卢": 4, "姜": 3, "崔": 3, "钟": 3, "谭": 3, "陆": 3, "汪": 3, "范": 3, "金": 3,
    "石": 3, "廖": 3, "贾": 3, "夏": 3, "韦": 3, "付": 3, "方": 3, "白": 3, "邹": 3, "孟": 3,
    "熊": 3, "秦": 3, "邱": 3, "江": 3, "尹": 3, "薛": 2, "闫": 2, "段": 2, "雷": 2, "侯": 2,
    "龙": 2, "史": 2, "陶": 2, "黎": 2, "贺": 2, "顾": 2, "毛": 2, "郝": 2, "龚": 2, "邵": 2,
    "万": 2, "钱": 2, "严": 2, "覃": 2, "武": 2, "戴": 2, "莫": 2, "孔": 2, "向": 2, "汤": 2,
    "单": 0.6, "解": 0.4, "区": 0.2, "普": 1.0, "字": 0.4, "者": 0.3, "保": 0.3, "起": 0.2,
}
ETHNIC_SURNAMES = {
    "yi": {"李": 20, "普": 12, "罗": 10, "杨": 10, "毕": 6, "者": 5, "鲁": 5, "沙": 4, "张": 6, "王": 6,
           "起": 3, "自": 3, "施": 3, "陆": 3, "龙": 3, "苏": 2, "马": 3},
    "bai": {"杨": 25, "李": 15, "赵": 12, "段": 8, "张": 6, "尹": 5, "杜": 4, "苏": 4, "字": 4, "董": 4,
            "王": 4, "和": 3, "施": 3, "洪": 3},
    "hani": {"李": 25, "白": 12, "卢": 8, "马": 8, "陈": 6, "杨": 8, "车": 5, "高": 5, "朱": 5, "普": 5,
             "张": 5, "龙": 4, "罗": 4},
    "naxi": {"和": 45, "木": 10, "杨": 12, "李": 10, "赵": 8, "王": 5, "习": 5},
    "lisu": {"余": 18, "和": 14, "李": 14, "蜂": 8, "恒": 6, "麻": 6, "此": 4, "熊": 4, "密": 3, "胡": 5,
             "杨": 8, "王": 5},
    "hui": {"马": 45, "纳": 10, "沙": 8, "赛": 5, "丁": 6, "穆": 5, "杨": 6, "李": 5, "张": 5, "白": 5},
    "zhuang": {"农": 15, "侬": 10, "韦": 12, "陆": 10, "黄": 15, "王": 10, "李": 10, "陈": 8, "沈": 5,
               "梁": 5},
    "miao": {"王": 18, "杨": 15, "陶": 12, "熊": 10, "侯": 8, "李": 10, "张": 8, "马": 6, "项": 6, "吴": 7},
    "yao": {"盘": 25, "邓": 20, "赵": 20, "李": 15, "黄": 10, "罗": 10},
}

MALE_GIVEN = {
    "old": "国华德明建志永文荣贵福昌兴成发才云洪富有光忠学开庆万全正祥顺元林海春生宝林贵金山清友",
    "mid": "伟强军勇杰涛明超刚平辉华林波斌鹏飞龙峰磊建国文春海荣宏俊东志红兵云亮剑波锋江涛斌",
    "young": "浩宇轩豪博涛鑫杰磊阳晨俊宇凯航睿泽鹏辰毅翔明天文旭楠杨帆瑞昊一子",
}
FEMALE_GIVEN = {
    "old": "秀英兰玉桂珍芳凤花琼翠莲梅菊仙美云桂芬素华淑秀群英会粉改",
    "mid": "丽芳红艳燕娟霞玲敏静萍英梅琴云莉春华凤琼娇丹慧",
    "young": "婷欣怡雪琳娜倩薇梦佳思涵雨萱悦可馨颖瑶妍蕾嘉",
}

# minority given names (canonical form)
DAI_MALE = ["岩温", "岩罕", "岩香", "岩坎", "岩应", "岩扁", "岩叫", "岩糯", "岩庄", "岩光", "岩保", "岩丙",
            "岩拉", "岩依", "岩燕", "岩南", "岩章"]
DAI_FEMALE = ["玉香", "玉罕", "玉南", "玉儿", "玉应", "玉叫", "玉坎", "玉光", "玉波", "玉拉", "玉燕",
              "玉的", "玉丙", "玉庄", "玉章"]
DAI_DEHONG_FEMALE = ["依香", "依罕", "依叫", "依拉", "依南", "依温", "依坎"]
DAI_DEHONG_SURNAMES = ["线", "思", "孟", "刀", "方", "龚", "多", "郎"]
WA_MALE = ["岩帅", "岩块", "岩嘎", "岩那", "岩不勒", "岩茸", "岩所"]
WA_FEMALE = ["叶嘎", "叶块", "叶那", "叶茸", "叶所", "叶妹"]
LAHU_MALE = ["扎约", "扎莫", "扎戈", "扎四", "扎发", "扎克", "扎娃"]
LAHU_FEMALE = ["娜努", "娜丕", "娜发", "娜四", "娜莫", "娜约"]
JINGPO_SURNAMES = ["排", "岳", "勒排", "何", "石", "孔", "金", "董", "雷"]
JINGPO_MALE = ["麻糯", "腊干", "堵", "麻通", "腊退", "拥", "当", "麻锐", "腊生", "早腊"]
JINGPO_FEMALE = ["木兰", "木比", "锐", "果", "鲁", "扎", "木锐", "果比"]
TIBETAN_MALE = ["扎西", "次仁", "格桑", "达瓦", "尼玛", "农布", "鲁茸", "七林", "洛桑", "松诺"]
TIBETAN_FEMALE = ["卓玛", "拉姆", "央金", "措姆", "此里", "格桑", "拉初", "阿妮"]
LISU_GIVEN_M = ["阿四", "阿普", "扒", "阿才", "四益", "阿夺", "迪付"]
LISU_GIVEN_F = ["四妹", "阿娜", "迪妹", "阿秀", "益妹", "付妹"]
LIANGSHAN_SURNAMES = ["吉克", "阿苦", "沙马", "马海", "吉木", "阿尔", "俄木", "曲比", "阿约", "海来"]
LIANGSHAN_MALE = ["阿呷", "日作", "拉且", "木呷", "尔布", "拉哈", "伍沙", "约哈"]
LIANGSHAN_FEMALE = ["阿呷", "阿衣", "日莫", "阿果", "衣作", "阿芝"]

# syllable variants clerks write for transliterated names
TRANSLIT = {
    "温": "文翁", "罕": "汉憨", "香": "相湘", "坎": "砍侃", "应": "英因", "扁": "边便", "叫": "教娇",
    "糯": "诺若", "光": "广", "南": "楠喃", "儿": "尔", "的": "地德", "拉": "腊啦", "波": "坡播",
    "燕": "艳", "保": "宝", "庄": "壮装", "依": "伊衣", "丙": "炳", "章": "张", "帅": "率", "块": "快",
    "嘎": "噶", "那": "娜", "约": "哟", "莫": "么", "努": "奴", "戈": "哥", "四": "斯思", "锐": "瑞",
    "腊": "拉", "麻": "马", "通": "同", "堵": "都", "干": "甘", "次": "此", "仁": "里",
    "卓": "桌", "玛": "嘛", "姆": "母", "呷": "夏恰", "作": "佐", "且": "切", "哈": "合", "茸": "戎",
    "普": "扑", "夺": "多", "付": "富", "娜": "纳", "七": "其", "林": "琳", "布": "部",
}

HOMOPHONES = {
    "伟": "玮炜纬", "丽": "莉俪", "明": "铭敏", "华": "化桦", "军": "君钧", "红": "宏洪虹", "英": "瑛莺",
    "芳": "方芬", "兰": "岚蓝", "刚": "钢岗", "平": "萍苹", "杰": "捷洁", "峰": "锋风", "艳": "燕彦",
    "云": "芸昀", "春": "椿纯", "国": "果", "贵": "桂", "昌": "长", "成": "诚承", "文": "雯闻", "海": "亥",
    "琼": "琼", "玲": "琳伶", "珍": "真贞", "凤": "风", "涛": "韬", "斌": "彬宾", "俊": "骏峻", "波": "博",
    "勇": "永涌", "辉": "晖徽", "鹏": "朋", "强": "蔷", "梅": "玫媚", "静": "靖婧", "婷": "庭亭",
    "王": "汪", "张": "章", "刘": "柳", "陈": "程", "杨": "阳", "黄": "皇", "李": "黎", "徐": "许",
    "林": "琳", "吴": "武", "江": "姜", "周": "邹", "德": "得", "学": "雪", "顺": "舜", "荣": "蓉容",
}
TRAD = {
    "张": "張", "刘": "劉", "陈": "陳", "杨": "楊", "黄": "黃", "赵": "趙", "吴": "吳", "孙": "孫",
    "马": "馬", "郑": "鄭", "罗": "羅", "谢": "謝", "许": "許", "韩": "韓", "冯": "馮", "邓": "鄧",
    "叶": "葉", "苏": "蘇", "吕": "呂", "卢": "盧", "钟": "鍾", "谭": "譚", "陆": "陸", "贾": "賈",
    "龙": "龍", "伟": "偉", "华": "華", "军": "軍", "国": "國", "红": "紅", "兰": "蘭", "丽": "麗",
    "凤": "鳳", "云": "雲", "东": "東", "贵": "貴", "发": "發", "荣": "榮", "开": "開", "学": "學",
    "兴": "興", "万": "萬", "宝": "寶", "庆": "慶", "强": "強", "顺": "順", "飞": "飛", "辉": "輝",
    "静": "靜", "涛": "濤", "杰": "傑", "鹏": "鵬", "进": "進", "刚": "剛", "亮": "亮", "岩": "巖",
    "玉": "玉", "艳": "艷", "凯": "凱", "宁": "寧", "绍": "紹", "丰": "豐", "义": "義", "礼": "禮",
}
DOUBLE_READINGS = {"单": ("Dan", "Shan"), "曾": ("Ceng", "Zeng"), "解": ("Jie", "Xie"),
                   "区": ("Qu", "Ou")}


def _zipf_choice(rng: np.random.Generator, pool: list[str], n: int, a: float = 1.0) -> np.ndarray:
    w = 1.0 / np.arange(1, len(pool) + 1) ** a
    return rng.choice(np.array(pool), size=n, p=w / w.sum())


def _weighted(rng: np.random.Generator, d: Mapping[str, float], n: int) -> np.ndarray:
    keys = list(d)
    p = np.array([d[k] for k in keys], dtype=float)
    return rng.choice(np.array(keys), size=n, p=p / p.sum())


def _han_given(rng: np.random.Generator, male: np.ndarray, birth_year: np.ndarray) -> np.ndarray:
    n = len(male)
    era = np.where(birth_year < 1960, "old", np.where(birth_year < 1988, "mid", "young"))
    out = np.empty(n, dtype=object)
    single = rng.random(n) < np.where(era == "young", 0.08, 0.18)
    for e in ("old", "mid", "young"):
        for is_m, pools in ((True, MALE_GIVEN), (False, FEMALE_GIVEN)):
            m = (era == e) & (male == is_m)
            k = int(m.sum())
            if not k:
                continue
            pool = list(dict.fromkeys(pools[e]))
            a = _zipf_choice(rng, pool, k, 0.8)
            b = _zipf_choice(rng, pool, k, 0.8)
            g = np.char.add(a, b)
            g = np.where(single[m], a, g)
            out[m] = g
    return out


def make_names(rng: np.random.Generator, male: np.ndarray, birth_year: np.ndarray,
               ethnicity: np.ndarray, home: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(true name, style) per person. Style says how departments may re-transliterate the name:
    ``han`` (no variants), ``translit`` (syllable variants), ``dot`` (two-part name, written with
    or without a middle dot)."""
    n = len(male)
    names = np.empty(n, dtype=object)
    style = np.full(n, "han", dtype=object)
    sur = _weighted(rng, HAN_SURNAMES, n)
    for eth, d in ETHNIC_SURNAMES.items():
        m = ethnicity == eth
        if m.any():
            sur[m] = _weighted(rng, d, int(m.sum()))
    given = _han_given(rng, male, birth_year)
    names[:] = np.char.add(sur.astype(str), given.astype(str))
    u = rng.random(n)
    pick = rng.integers(0, 1 << 30, size=n)
    prefs = np.array([h[:4] for h in home.tolist()])
    for i in np.flatnonzero(~np.isin(ethnicity, ["han", "hui", "zhuang", "miao", "yao", "bai",
                                                    "other"])).tolist():
        eth, m, k = ethnicity[i], bool(male[i]), int(pick[i])
        if eth == "dai":
            if prefs[i] == "5331":  # Dehong Dai: surname + name, women 依…
                if m:
                    names[i] = DAI_DEHONG_SURNAMES[k % 8] + given[i][:1] if u[i] < 0.6 else \
                        DAI_MALE[k % len(DAI_MALE)]
                else:
                    names[i] = DAI_DEHONG_FEMALE[k % len(DAI_DEHONG_FEMALE)]
            else:
                names[i] = (DAI_MALE if m else DAI_FEMALE)[k % (len(DAI_MALE) if m else len(DAI_FEMALE))]
            style[i] = "translit"
        elif eth == "wa" and u[i] < 0.7:
            pool = WA_MALE if m else WA_FEMALE
            names[i] = pool[k % len(pool)]
            style[i] = "translit"
        elif eth == "lahu" and u[i] < 0.7:
            pool = LAHU_MALE if m else LAHU_FEMALE
            names[i] = pool[k % len(pool)]
            style[i] = "translit"
        elif eth == "jingpo":
            pool = JINGPO_MALE if m else JINGPO_FEMALE
            names[i] = JINGPO_SURNAMES[k % len(JINGPO_SURNAMES)] + pool[(k >> 4) % len(pool)]
            style[i] = "translit"
        elif eth == "tibetan":
            a = (TIBETAN_MALE if m else TIBETAN_FEMALE)
            names[i] = a[k % len(a)] + a[(k >> 5) % len(a)] if u[i] < 0.6 else a[k % len(a)]
            style[i] = "dot" if len(names[i]) == 4 else "translit"
        elif eth == "lisu" and u[i] < 0.5:
            pool = LISU_GIVEN_M if m else LISU_GIVEN_F
            names[i] = sur[i] + pool[k % len(pool)]
            style[i] = "translit"
        elif eth == "liangshan":
            pool = LIANGSHAN_MALE if m else LIANGSHAN_FEMALE
            names[i] = LIANGSHAN_SURNAMES[k % len(LIANGSHAN_SURNAMES)] + pool[(k >> 4) % len(pool)]
            style[i] = "dot"
        elif eth == "hani" and u[i] < 0.15:
            names[i] = sur[i] + "者" + "则沙批然嘎收"[k % 6]
            style[i] = "translit"
    return names, style


def translit_variant(name: str, rng: np.random.Generator) -> str:
    """Another clerk's transcription of a transliterated name: one syllable written with a
    different character of the same sound."""
    pos = [i for i, c in enumerate(name) if c in TRANSLIT]
    if not pos:
        return name
    i = pos[int(rng.integers(len(pos)))]
    alts = TRANSLIT[name[i]]
    return name[:i] + alts[int(rng.integers(len(alts)))] + name[i + 1:]


def dotted(name: str) -> str:
    """A two-part name written with a middle dot (吉克·阿呷, 扎西·次仁)."""
    return name[:2] + "·" + name[2:] if len(name) >= 4 else name


def pinyin(name: str, rng: np.random.Generator) -> str:
    parts = lazy_pinyin(name.replace("·", ""))
    if name and name[0] in DOUBLE_READINGS:
        parts[0] = DOUBLE_READINGS[name[0]][int(rng.integers(2))].lower()
    if len(parts) == 0:
        return name
    sur, given = parts[0], "".join(parts[1:])
    style = int(rng.integers(3))
    if style == 0:
        return f"{sur.capitalize()} {given.capitalize()}"
    if style == 1:
        return f"{sur.upper()} {given.upper()}"
    return (sur + given).lower()


def homophone(name: str, rng: np.random.Generator) -> str:
    pos = [i for i, c in enumerate(name) if c in HOMOPHONES]
    if not pos:
        return name
    i = pos[int(rng.integers(len(pos)))]
    alts = HOMOPHONES[name[i]]
    return name[:i] + alts[int(rng.integers(len(alts)))] + name[i + 1:]


def traditional(name: str) -> str:
    return "".join(TRAD.get(c, c) for c in name)


def drop_char(name: str) -> str:
    return name[:-1] if len(name) >= 3 else name


def dup_char(name: str) -> str:
    return name + name[-1] if len(name) == 2 else name


def stray_space(name: str, rng: np.random.Generator) -> str:
    if len(name) < 2:
        return name
    r = rng.random()
    if r < 0.5:
        return name[0] + " " + name[1:]
    if r < 0.8:
        return name + " "
    return " " + name


def stray_dot(name: str) -> str:
    return name[0] + "·" + name[1:] if len(name) >= 2 else name
