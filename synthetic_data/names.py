"""Chinese personal names for the synthetic province, and the ways records garble them.

Surnames follow the national frequency table (王 李 张 ≈ 7 % each, top 10 ≈ 41 %,
top 100 ≈ 86 %), nudged towards Shanxi (郭 武 贾 郝 闫 薛 段 乔 牛 霍 温 are common there).
Given names are one or two characters from a limited, Zipf-weighted pool per sex, so
many different people share a full name (张伟, 王芳 …), as in real registers.

The noise tables (homophones, surnames with two readings) are used by
:mod:`synthetic_data.noise`.
"""

from __future__ import annotations

import numpy as np

# surname -> percent of the population (national, 2019 ranking, rounded; Shanxi nudges)
SURNAMES: dict[str, float] = {
    "王": 7.12, "李": 7.00, "张": 6.40, "刘": 5.20, "陈": 4.00, "杨": 3.00, "赵": 2.50,
    "黄": 1.60, "周": 1.50, "吴": 1.40, "郭": 1.80, "孙": 1.50, "马": 1.50, "徐": 1.30,
    "胡": 1.30, "朱": 1.20, "高": 1.40, "何": 0.90, "林": 0.60, "罗": 0.70, "郑": 0.90,
    "梁": 1.10, "谢": 0.60, "宋": 0.80, "唐": 0.60, "许": 0.70, "韩": 0.90, "冯": 0.70,
    "邓": 0.40, "曹": 0.70, "彭": 0.40, "曾": 0.30, "肖": 0.40, "田": 0.70, "董": 0.70,
    "袁": 0.40, "潘": 0.30, "于": 0.50, "蒋": 0.30, "蔡": 0.30, "余": 0.30, "杜": 0.50,
    "叶": 0.30, "程": 0.50, "苏": 0.40, "魏": 0.50, "吕": 0.50, "丁": 0.40, "任": 0.60,
    "沈": 0.30, "姚": 0.30, "卢": 0.30, "姜": 0.30, "崔": 0.50, "钟": 0.20, "谭": 0.20,
    "陆": 0.20, "汪": 0.30, "范": 0.40, "金": 0.30, "石": 0.40, "廖": 0.20, "贾": 0.70,
    "夏": 0.30, "韦": 0.20, "付": 0.30, "方": 0.30, "白": 0.50, "邹": 0.20, "孟": 0.40,
    "熊": 0.20, "秦": 0.40, "邱": 0.20, "江": 0.20, "尹": 0.30, "薛": 0.50, "闫": 0.60,
    "段": 0.40, "雷": 0.30, "侯": 0.40, "龙": 0.10, "史": 0.40, "陶": 0.20, "黎": 0.10,
    "贺": 0.30, "顾": 0.20, "毛": 0.20, "郝": 0.60, "龚": 0.10, "邵": 0.20, "万": 0.20,
    "钱": 0.20, "严": 0.20, "武": 0.80, "戴": 0.20, "孔": 0.20, "乔": 0.40, "牛": 0.40,
    "霍": 0.30, "温": 0.30, "常": 0.30, "康": 0.30, "申": 0.20, "阎": 0.20, "翟": 0.10,
    "单": 0.08, "解": 0.08, "区": 0.02, "仇": 0.03, "查": 0.03, "朴": 0.02, "葛": 0.10,
    "安": 0.20, "岳": 0.20, "耿": 0.20, "卫": 0.20, "柴": 0.20, "庞": 0.10, "樊": 0.20,
    "裴": 0.10, "聂": 0.10, "焦": 0.20, "吉": 0.10, "景": 0.10, "晋": 0.10, "成": 0.10,
    "冀": 0.10, "祁": 0.10, "畅": 0.05, "弓": 0.03, "邢": 0.20, "路": 0.10, "智": 0.05,
}

# given-name characters, most frequent first (Zipf weights below)
MALE_CHARS = list(
    "伟强军磊勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建亮成东国文海峰志"
    "晓永春江兵斌红新利清忠福生庆玉金山德宏荣贵云小晨博文武彬峻毅剑锋"
)
FEMALE_CHARS = list(
    "芳娜敏静丽艳娟霞秀英玲燕萍红梅琳洁婷雪慧莉倩颖琴云兰凤佳欣悦晶丹桂玉华春晓"
    "美小彩金荣翠淑娥爱丽琼瑞婧媛露蓉瑶璐思雅楠"
)
# dedupe while keeping order
MALE_CHARS = list(dict.fromkeys(MALE_CHARS))
FEMALE_CHARS = list(dict.fromkeys(FEMALE_CHARS))

# homophones / near-homophones clerks type instead (pinyin input method picks)
HOMOPHONES: dict[str, str] = {
    "伟": "玮炜威", "丽": "莉力俐", "王": "汪", "张": "章", "李": "理黎", "刘": "柳留",
    "杰": "洁", "军": "君均", "静": "晶婧", "敏": "民", "明": "鸣铭", "红": "宏虹鸿",
    "华": "桦", "峰": "锋丰", "涛": "韬", "磊": "蕾", "娟": "涓", "燕": "艳雁", "芳": "方",
    "建": "健剑", "国": "帼", "斌": "彬", "鹏": "朋", "刚": "钢", "林": "琳霖", "平": "萍",
    "英": "瑛", "玲": "铃龄", "辉": "晖", "亮": "靓", "慧": "惠", "霞": "侠", "梅": "玫",
    "琴": "芹", "文": "雯", "杨": "阳", "徐": "许", "吴": "武", "胡": "湖", "郭": "国",
    "周": "舟", "黄": "皇", "陈": "辰", "赵": "照", "秀": "绣", "丹": "单", "宇": "雨羽",
    "浩": "昊", "俊": "骏", "飞": "菲", "波": "博", "志": "智", "春": "纯", "海": "凯",
    "强": "蔷", "勇": "涌", "超": "潮", "娜": "那", "婷": "亭", "倩": "茜", "颖": "莹",
    "欣": "馨", "雪": "学", "晓": "小", "小": "晓", "闫": "阎", "阎": "闫", "付": "傅",
}


def zipf_weights(n: int, s: float = 0.9) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** s
    return w / w.sum()


def sample_names(rng: np.random.Generator, male: np.ndarray, birth_year: np.ndarray) -> np.ndarray:
    """Full names for people of the given sex and birth year (numpy unicode array).

    Older people more often have one-character given names; the pools are small and
    Zipf-weighted so that full-name collisions between different people are common.
    """
    n = len(male)
    sur = np.array(list(SURNAMES))
    sw = np.array(list(SURNAMES.values()))
    surname = sur[rng.choice(len(sur), size=n, p=sw / sw.sum())]
    mchars, fchars = np.array(MALE_CHARS), np.array(FEMALE_CHARS)
    mw, fw = zipf_weights(len(mchars)), zipf_weights(len(fchars))
    c1 = np.where(male, mchars[rng.choice(len(mchars), size=n, p=mw)],
                  fchars[rng.choice(len(fchars), size=n, p=fw)])
    c2 = np.where(male, mchars[rng.choice(len(mchars), size=n, p=mw)],
                  fchars[rng.choice(len(fchars), size=n, p=fw)])
    p_single = np.clip(0.15 + (1990 - birth_year) * 0.006, 0.12, 0.45)
    single = rng.random(n) < p_single
    given = np.where(single, c1, np.char.add(c1, c2))
    return np.char.add(surname, given)
