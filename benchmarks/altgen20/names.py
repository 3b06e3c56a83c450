"""Names: surname pools for Guizhou's Han, Miao, Buyi, Dong and Yi people, given-name characters,
and the ways clerks get names wrong (homophones incl. south-western dialect mergers,
traditional characters, dropped or doubled characters, stray spaces or dots, pinyin)."""

from __future__ import annotations

import numpy as np
from pypinyin import lazy_pinyin

_HAN = ("王65 李65 张55 刘50 陈45 杨45 罗25 吴22 黄22 赵18 周18 徐10 孙8 胡15 朱12 高10 何15 "
        "郭10 马10 梁8 宋8 郑8 谢10 唐12 冯7 邓10 许6 曹6 彭9 曾8 肖9 田12 袁8 蒋7 蔡6 余8 杜6 "
        "叶5 程5 魏5 苏5 吕4 丁5 任6 沈4 姚5 卢5 姜4 崔2 钟5 谭6 陆5 汪4 范5 金3 石7 廖6 贾3 夏4 "
        "韦5 付5 方4 邹5 熊8 龙10 雷6 文5 潘6 向5 冉3 安2 蒙2 莫3 班1 岑1 单1 敖2 令狐1 欧阳1 "
        "母2 聂3 穆2 晏2 宋3 代4 幸1 申2")
_MIAO = "杨14 吴12 龙10 王8 石8 潘7 张5 李4 罗3 刘2 田2 麻1 熊2 陶2 韦1 侯1 顾1 余1 欧1"
_BUYI = "韦12 罗11 王10 陆6 黄8 岑4 班3 卢3 莫5 蒙6 杨4 吴3 陈3 梁2 李3 周2 潘2 姚1 贺1"
_DONG = "吴18 杨16 石8 龙8 潘7 姚3 陆3 欧2 粟2 张3 王3 刘2 李2 林2 蒋2 胡1 龚1"
_YI = "安8 禄5 龙8 王8 李8 陈4 张4 杨5 苏4 卯3 陇2 余3 罗3 朱2 马3 祖1 管1"


def _pool(spec: str) -> tuple[list[str], np.ndarray]:
    names, weights = [], []
    for tok in spec.split():
        i = next(k for k, ch in enumerate(tok) if ch.isdigit())
        names.append(tok[:i])
        weights.append(float(tok[i:]))
    w = np.array(weights)
    return names, w / w.sum()


SURNAME_POOLS = [_pool(s) for s in (_HAN, _MIAO, _BUYI, _DONG, _YI)]

_MALE = ("伟 刚 勇 军 平 东 文 辉 明 永 健 志 兴 良 海 波 贵 福 生 龙 国 胜 学 祥 才 发 武 "
         "新 利 清 飞 彬 富 顺 杰 涛 昌 成 光 天 达 安 中 进 林 有 坚 先 振 会 群 江 超 浩 亮 "
         "政 鹏 斌 华 云 金 银 忠 红 洪 德 家 建 树 雄 松 山 荣 强 义 峰 俊 磊 元 全 虎 开 万 "
         "宇 航 睿 泽 轩 豪 毅 正 培 仁 和 宏 鑫 长 久 应 友 双 庆 寿 章")
_FEMALE = ("秀 英 华 芳 兰 凤 梅 琴 珍 玉 萍 红 燕 霞 丽 敏 静 娟 艳 莉 芬 玲 桂 菊 春 琼 翠 "
           "香 花 美 娇 惠 佳 婷 雪 琳 倩 欣 怡 雨 丹 露 慧 晓 婉 月 云 妹 群 仙 会 先 连 叶 "
           "银 金 二 三 彩 娥 菲 蓉 妍 悦 梦 涵 诗 思 语 萱 洁 莎 英 芝 艳")


def _given(spec: str) -> tuple[np.ndarray, np.ndarray]:
    chars = list(dict.fromkeys(spec.split()))
    w = 1.0 / np.arange(1, len(chars) + 1) ** 0.7
    return np.array(chars), w / w.sum()


GIVEN_M = _given(_MALE)
GIVEN_F = _given(_FEMALE)

PLACEHOLDERS = ["无名氏", "无名氏", "无名氏", "无名男", "无名女", "未知", "无名氏1", "无名氏2",
                "无名男1", "无名氏3"]

HOMOPHONES: dict[str, list[str]] = {
    "伟": ["玮", "炜", "威"], "丽": ["莉", "俐", "利"], "莉": ["丽"], "王": ["汪", "黄"],
    "黄": ["王"], "张": ["章"], "章": ["张"], "军": ["君", "均"], "明": ["鸣", "铭", "民"],
    "华": ["化", "花"], "平": ["萍", "苹", "坪"], "萍": ["平"], "英": ["瑛", "莹", "应"],
    "兵": ["斌", "彬"], "斌": ["彬", "兵"], "彬": ["斌"], "刚": ["钢", "岗"], "杰": ["洁", "结"],
    "林": ["琳", "凌", "霖"], "红": ["宏", "洪", "鸿"], "宏": ["红", "洪"], "洪": ["红", "宏"],
    "涛": ["韬", "滔"], "辉": ["晖", "徽", "挥"], "峰": ["锋", "丰"], "勇": ["永", "咏"],
    "永": ["勇"], "龙": ["隆"], "杨": ["阳", "羊"], "吴": ["伍", "武"], "罗": ["骆", "洛"],
    "韦": ["魏", "卫"], "石": ["时", "史"], "蒙": ["孟"], "陈": ["程", "成"], "程": ["陈"],
    "金": ["京", "晶"], "兴": ["星", "新", "欣"], "新": ["兴", "欣"], "云": ["允", "芸"],
    "文": ["雯", "闻"], "芳": ["方", "黄"], "贵": ["桂", "柜"], "桂": ["贵"], "富": ["福", "付"],
    "福": ["富"], "发": ["法"], "才": ["财", "材"], "成": ["城", "诚", "程"], "祥": ["翔", "相"],
    "娟": ["鹃", "绢"], "燕": ["艳", "雁"], "艳": ["燕"], "霞": ["侠"], "琴": ["芹", "勤"],
    "敏": ["民", "闵"], "静": ["靖", "晶"], "兰": ["岚", "南"], "南": ["兰"], "刘": ["留"],
    "李": ["礼"], "周": ["邹"], "邹": ["周"], "潘": ["攀"], "莫": ["漠"], "龚": ["宫"],
    "国": ["果"], "学": ["雪"], "生": ["声", "升"], "海": ["凯"], "波": ["博"], "亮": ["良"],
    "良": ["亮"], "忠": ["中"], "中": ["忠"], "建": ["剑", "健"], "健": ["建"], "东": ["冬"],
    "春": ["纯"], "梅": ["美", "媚"], "玲": ["琳", "灵"], "秀": ["修"], "凤": ["奉"],
}

TRADITIONAL: dict[str, str] = {
    "张": "張", "刘": "劉", "陈": "陳", "杨": "楊", "黄": "黃", "赵": "趙", "吴": "吳", "孙": "孫",
    "马": "馬", "郭": "郭", "罗": "羅", "郑": "鄭", "谢": "謝", "冯": "馮", "邓": "鄧", "许": "許",
    "蒋": "蔣", "贾": "賈", "叶": "葉", "苏": "蘇", "吕": "呂", "卢": "盧", "钟": "鍾", "陆": "陸",
    "汪": "汪", "龙": "龍", "韦": "韋", "邹": "鄒", "熊": "熊", "谭": "譚", "沈": "沈", "伟": "偉",
    "华": "華", "军": "軍", "国": "國", "强": "強", "东": "東", "红": "紅", "丽": "麗", "杰": "傑",
    "鹏": "鵬", "涛": "濤", "辉": "輝", "胜": "勝", "贵": "貴", "兴": "興", "凤": "鳳", "兰": "蘭",
    "云": "雲", "飞": "飛", "进": "進", "学": "學", "发": "發", "荣": "榮", "庆": "慶", "银": "銀",
    "艳": "艷", "静": "靜", "娟": "娟", "玲": "玲", "琼": "瓊", "刚": "剛", "顺": "順", "宝": "寶",
    "长": "長", "万": "萬", "龚": "龔", "陇": "隴", "禄": "祿", "岑": "岑", "蒙": "蒙", "潘": "潘",
    "浩": "浩", "亮": "亮", "鑫": "鑫", "开": "開", "双": "雙", "寿": "壽", "义": "義", "达": "達",
    "丰": "豐", "凌": "凌", "华华": "華華",
}


def sample_names(rng: np.random.Generator, male: np.ndarray, profile_shares: np.ndarray,
                 *, born: np.ndarray | None = None) -> np.ndarray:
    """Names for ``len(male)`` people: the surname pool comes from each person's row of
    ``profile_shares`` (n x 5: han, miao, buyi, dong, yi); older people more often have a
    one-character given name."""
    n = len(male)
    u = rng.random(n)[:, None]
    group = (u > np.cumsum(profile_shares, axis=1)).sum(axis=1).clip(0, 4)
    sur = np.empty(n, dtype=object)
    for g, (names, w) in enumerate(SURNAME_POOLS):
        m = group == g
        if m.any():
            sur[m] = np.array(names, dtype=object)[rng.choice(len(names), int(m.sum()), p=w)]
    one_p = np.full(n, 0.22)
    if born is not None:
        year = born.astype("datetime64[Y]").astype(int) + 1970
        one_p = np.where(year < 1970, 0.35, np.where(year > 1990, 0.12, 0.22))
    one = rng.random(n) < one_p
    g1 = np.empty(n, dtype=object)
    g2 = np.empty(n, dtype=object)
    for is_m, (chars, w) in ((True, GIVEN_M), (False, GIVEN_F)):
        m = male == is_m
        k = int(m.sum())
        g1[m] = chars[rng.choice(len(chars), k, p=w)]
        g2[m] = chars[rng.choice(len(chars), k, p=w)]
    g2[one] = ""
    return np.array([a + b + c for a, b, c in zip(sur, g1, g2, strict=True)], dtype=object)


def surname_of(name: str) -> str:
    return name[:2] if name[:2] in ("令狐", "欧阳") else name[:1]


def to_pinyin(name: str, rng: np.random.Generator) -> str:
    sur = surname_of(name)
    ps = "".join(lazy_pinyin(sur))
    pg = "".join(lazy_pinyin(name[len(sur):]))
    style = int(rng.integers(4))
    if style == 0:
        return f"{ps.capitalize()} {pg.capitalize()}"
    if style == 1:
        return f"{ps.upper()} {pg.upper()}"
    if style == 2:
        return f"{ps}{pg}"
    return f"{pg.capitalize()} {ps.capitalize()}"


NOISE_KINDS = ["homophone", "traditional", "drop", "double", "space", "dot", "pinyin"]
NOISE_P = np.array([0.40, 0.14, 0.10, 0.05, 0.15, 0.06, 0.10])


def garble(name: str, kind: str, rng: np.random.Generator) -> str:
    """One clerk's error of ``kind`` in ``name`` (the name unchanged when the error cannot apply)."""
    if len(name) < 2 or not "\u4e00" <= name[0] <= "\u9fff":
        return name
    if kind == "homophone":
        spots = [i for i, ch in enumerate(name) if ch in HOMOPHONES]
        if not spots:
            return garble(name, "traditional", rng)
        i = spots[int(rng.integers(len(spots)))]
        alts = HOMOPHONES[name[i]]
        return name[:i] + alts[int(rng.integers(len(alts)))] + name[i + 1:]
    if kind == "traditional":
        out = "".join(TRADITIONAL.get(ch, ch) for ch in name)
        return out if out != name else name[0] + " " + name[1:]
    if kind == "drop" and len(name) >= 3:
        i = int(rng.integers(1, len(name)))
        return name[:i] + name[i + 1:]
    if kind == "double":
        return name + name[-1] if len(name) == 2 else name[:2] + name[1:]
    if kind == "space":
        i = len(surname_of(name))
        return name[:i] + (" " if rng.random() < 0.8 else "  ") + name[i:]
    if kind == "dot":
        i = len(surname_of(name))
        return name[:i] + "·" + name[i:]
    if kind == "pinyin":
        return to_pinyin(name, rng)
    return name


def noisy_names(names: list[str], rate: float, rng: np.random.Generator,
                kinds_p: np.ndarray | None = None) -> list[str]:
    """Each name garbled with probability ``rate`` (one error, of a kind drawn by ``kinds_p``)."""
    p = NOISE_P if kinds_p is None else kinds_p
    hit = rng.random(len(names)) < rate
    kinds = rng.choice(len(NOISE_KINDS), len(names), p=p)
    out = list(names)
    for i in np.flatnonzero(hit):
        if out[i] is not None:
            out[i] = garble(out[i], NOISE_KINDS[kinds[i]], rng)
    return out
