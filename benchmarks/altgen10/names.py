"""Names: Han and Hui names, Uyghur and Kazakh names in Chinese transliteration, and the ways each
department writes them.

A Uyghur or Kazakh name is the person's own name and the father's name, written on the ID card
and in the household register with a middle dot: ``买买提·吐尔逊``. Other departments write the
dot as ``.`` or ``•``, drop it, keep only the own name, swap the two parts, cut a long name at
the length their form allows, or spell a syllable another way (买买提/麦麦提). Han names get the
usual homophones, traditional characters and dropped characters.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from pypinyin import lazy_pinyin


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# --- Han and Hui -------------------------------------------------------------------------------
# heavy-headed: the top five as the national figures, the rest falling off (Henan, Sichuan and
# Gansu settlers make the Xinjiang Han mix close to the national one)
HAN_SURNAMES: list[tuple[str, float]] = [
    ("王", 7.1), ("李", 7.0), ("张", 6.4), ("刘", 5.2), ("陈", 4.3), ("杨", 3.1), ("赵", 2.3),
    ("黄", 1.9), ("周", 1.9), ("吴", 1.8), ("徐", 1.3), ("孙", 1.3), ("马", 1.4), ("朱", 1.2),
    ("胡", 1.1), ("郭", 1.2), ("何", 1.1), ("高", 1.0), ("林", 0.8), ("罗", 0.9), ("郑", 0.8),
    ("梁", 0.8), ("谢", 0.7), ("宋", 0.7), ("唐", 0.7), ("许", 0.6), ("韩", 0.7), ("冯", 0.6),
    ("邓", 0.6), ("曹", 0.6), ("彭", 0.6), ("曾", 0.5), ("肖", 0.5), ("田", 0.6), ("董", 0.5),
    ("袁", 0.5), ("潘", 0.4), ("于", 0.5), ("蒋", 0.4), ("蔡", 0.4), ("余", 0.4), ("杜", 0.5),
    ("叶", 0.4), ("程", 0.4), ("苏", 0.4), ("魏", 0.5), ("吕", 0.4), ("丁", 0.4), ("任", 0.4),
    ("沈", 0.3), ("姚", 0.3), ("卢", 0.3), ("姜", 0.3), ("崔", 0.3), ("钟", 0.3), ("谭", 0.3),
    ("陆", 0.3), ("汪", 0.3), ("范", 0.3), ("金", 0.3), ("石", 0.3), ("廖", 0.3), ("贾", 0.3),
    ("夏", 0.3), ("付", 0.3), ("方", 0.3), ("白", 0.3), ("邹", 0.2), ("孟", 0.3), ("熊", 0.2),
    ("秦", 0.2), ("邱", 0.2), ("江", 0.2), ("尹", 0.2), ("薛", 0.2), ("闫", 0.3), ("段", 0.2),
    ("雷", 0.2), ("侯", 0.2), ("龙", 0.2), ("史", 0.2), ("陶", 0.2), ("贺", 0.2), ("毛", 0.2),
    ("郝", 0.2), ("顾", 0.1), ("龚", 0.1), ("邵", 0.1), ("万", 0.1), ("严", 0.1), ("武", 0.2),
    ("戴", 0.1), ("孔", 0.1), ("向", 0.1), ("常", 0.2), ("单", 0.1), ("解", 0.1), ("牛", 0.1),
]
HUI_SURNAMES: list[tuple[str, float]] = [
    ("马", 22.0), ("杨", 7.0), ("王", 6.0), ("丁", 5.0), ("白", 4.0), ("李", 4.0), ("张", 4.0),
    ("海", 2.0), ("沙", 2.0), ("穆", 2.0), ("韩", 3.0), ("冶", 1.5), ("苏", 2.0), ("何", 2.0),
    ("哈", 1.0), ("金", 1.5), ("米", 1.0), ("纳", 1.0), ("撒", 0.5), ("锁", 0.5),
]
HAN_MALE_CHARS = _words("伟 强 磊 军 洋 勇 杰 涛 明 超 刚 平 辉 鹏 斌 宇 浩 凯 健 俊 帆 旭 宁 龙 林 阳 晨 "
                        "海 波 峰 亮 成 飞 鑫 新 国 建 文 华 志 学 春 东 德 兵 忠 生 福 庆 永 宝 江 山 "
                        "荣 贵 祥 发 云 虎 全 胜 利 疆 军 卫 红 彬 瑞 博 晓")
HAN_FEMALE_CHARS = _words("芳 娜 敏 静 丽 艳 娟 秀 霞 桂 英 玉 兰 萍 红 燕 婷 雪 琳 欢 晶 梅 琴 莉 玲 "
                          "凤 云 莲 珍 月 慧 洁 颖 丹 倩 佳 悦 蓉 娇 翠 香 春 花 美 思 雨 晓 文 小 "
                          "金 淑 素 彩")

# --- Uyghur and Kazakh (own name; the father's name is a male own name) -------------------------
UY_MALE = _words("买买提 艾力 吐尔逊 阿不都热合曼 艾合买提 阿布拉 依明 努尔买买提 热合曼 艾买提 玉素甫 "
                 "亚森 吾斯曼 卡德尔 阿里木 艾尔肯 买合木提 伊力哈木 肉孜 司马义 吐尔洪 阿不力孜 "
                 "麦麦提敏 艾则孜 尼亚孜 吾买尔 阿迪力 迪力夏提 帕尔哈提 塔依尔 克然木 赛买提 "
                 "穆太力普 吐尔地 阿不都克热木 买买提江 艾尼瓦尔 吾拉木 斯拉木 萨吾提 库尔班 "
                 "努尔艾力 阿不都拉 图尔贡 木合塔尔 阿卜杜萨拉木 牙合甫 热西提")
UY_FEMALE = _words("古丽娜尔 阿依古丽 热依拉 古丽米热 帕提古丽 阿依努尔 热娜古丽 再努尔 阿曼古丽 "
                   "布威 祖丽胡玛尔 米日古丽 努尔尼沙 阿瓦古丽 迪丽努尔 迪丽拜尔 阿孜古丽 "
                   "古再丽努尔 热孜万古丽 吐尔逊古丽 玛依拉 古丽巴哈尔 麦合丽娅 帕夏古丽 "
                   "排孜丽亚 阿丽米热 努尔古丽 再娜甫 阿依先木 布麦尔耶姆")
KZ_MALE = _words("努尔兰 哈力木拉提 叶尔兰 别克 赛力克 阿斯哈尔 叶尔江 巴合提别克 努尔波拉提 哈那提 "
                 "木拉提 叶尔肯 加尔肯 波拉提 库尔曼 马合沙提 阿依达尔 哈布都拉 叶尔波拉提 "
                 "沙合木拉提 加汗 胡安 吾尔达汗 别尔克 托列根 阿达力别克 叶斯别克 吐尔逊别克 "
                 "达吾列提 努尔太")
KZ_FEMALE = _words("古丽努尔 阿依达娜 娜孜古丽 阿依古丽 扎依拉 加娜尔 古丽加依娜 玛依努尔 阿尔达克 "
                   "巴合提古丽 沙吾列 哈丽玛 古丽巴哈尔 阿依江 阿依登 古丽米拉")

# one syllable, several spellings: the first is what the ID card says for the names above
TRANSLIT: list[tuple[str, tuple[str, ...]]] = [
    ("买买提", ("麦麦提", "买买地")), ("艾力", ("阿里", "艾里")), ("吐尔逊", ("图尔荪", "吐尔孙")),
    ("阿不都", ("阿布都", "阿卜杜")), ("热合曼", ("热合满", "热合蛮")),
    ("艾合买提", ("艾合麦提",)), ("玉素甫", ("玉苏甫", "尤素福")), ("阿不力孜", ("阿布力孜", "阿不力兹")),
    ("依明", ("伊明",)), ("伊力哈木", ("依力哈木",)), ("艾尔肯", ("艾尔坎",)),
    ("吾斯曼", ("乌斯曼",)), ("阿布拉", ("阿不拉",)), ("古丽", ("古力", "姑丽")),
    ("努尔", ("奴尔",)), ("阿依", ("阿伊",)), ("热依拉", ("日依拉",)),
    ("哈力木拉提", ("哈里木拉提",)), ("叶尔", ("耶尔",)), ("别克", ("拜克",)),
    ("赛力克", ("塞力克",)), ("木拉提", ("穆拉提",)), ("肉孜", ("如孜",)),
    ("司马义", ("斯马义", "斯马伊力")), ("库尔班", ("库尔邦",)), ("亚森", ("亚生", "牙生")),
    ("吐尔洪", ("图尔洪",)), ("迪力夏提", ("地力夏提",)), ("阿迪力", ("阿地力",)),
    ("吐尔地", ("图尔迪",)), ("麦麦提敏", ("买买提明",)), ("阿里木", ("阿力木",)),
    ("尼亚孜", ("尼亚子",)), ("萨吾提", ("沙吾提",)), ("艾则孜", ("艾孜孜",)),
    ("帕尔哈提", ("帕哈尔提",)), ("热西提", ("热依西提",)), ("牙合甫", ("亚库甫",)),
    ("波拉提", ("布拉提",)), ("加尔肯", ("佳尔肯",)), ("哈那提", ("哈纳提",)),
    ("迪丽", ("地丽",)), ("祖丽", ("组丽",)), ("阿孜", ("阿兹",)), ("再努尔", ("再奴尔",)),
]

HOMOPHONES: dict[str, tuple[str, ...]] = {
    "伟": ("玮", "炜", "维"), "丽": ("莉", "俐"), "王": ("汪",), "张": ("章",), "军": ("君", "钧"),
    "明": ("铭", "鸣"), "华": ("骅",), "静": ("婧",), "刚": ("钢",), "杰": ("洁", "捷"),
    "涛": ("韬",), "峰": ("锋",), "辉": ("晖",), "红": ("虹", "宏"), "英": ("瑛",), "艳": ("燕",),
    "娟": ("鹃",), "芳": ("方",), "平": ("萍",), "敏": ("民",), "勇": ("永",), "磊": ("蕾",),
    "林": ("琳", "霖"), "玲": ("琳", "铃"), "宇": ("雨", "禹"), "斌": ("彬",), "鹏": ("朋",),
    "新": ("欣", "鑫"), "俊": ("骏",), "健": ("建",), "建": ("健",), "春": ("椿",), "云": ("芸",),
    "晨": ("辰",), "洋": ("阳",), "阳": ("洋",), "海": ("亥",), "杨": ("扬",), "徐": ("许",),
    "刘": ("留",), "陈": ("程",), "李": ("理",), "黄": ("皇",), "周": ("舟",), "丁": ("定",),
    "马": ("玛",), "梅": ("玫",), "霞": ("侠",), "兰": ("岚",), "强": ("蔷",), "龙": ("隆",),
}
TRADITIONAL: dict[str, str] = {
    "张": "張", "刘": "劉", "陈": "陳", "赵": "趙", "黄": "黃", "杨": "楊", "吴": "吳", "孙": "孫",
    "马": "馬", "郑": "鄭", "罗": "羅", "冯": "馮", "邓": "鄧", "韩": "韓", "许": "許", "谢": "謝",
    "伟": "偉", "丽": "麗", "军": "軍", "华": "華", "红": "紅", "辉": "輝", "刚": "剛", "强": "強",
    "涛": "濤", "艳": "艷", "鹏": "鵬", "兰": "蘭", "凤": "鳳", "龙": "龍", "国": "國", "东": "東",
    "云": "雲", "飞": "飛", "庆": "慶", "宁": "寧", "学": "學", "贵": "貴", "杰": "傑", "宝": "寶",
    "荣": "榮", "发": "發", "卫": "衛", "胜": "勝", "志": "誌", "建": "建", "丰": "豐", "礼": "禮",
}

MINORITY_KINDS = ("dot", "period", "bullet", "space", "nosep", "given_only", "swapped",
                  "truncated", "translit")
HAN_KINDS = ("exact", "homophone", "traditional", "dropped", "space", "pinyin")
SEPARATORS = {"dot": "·", "period": ".", "bullet": "•", "space": " ", "nosep": ""}


@dataclass(frozen=True)
class NameProfile:
    """How one department writes names: weights of the variant kinds for Uyghur/Kazakh names and
    for Han/Hui names, and the length its form cuts a long name at."""

    minority: dict[str, float]
    han: dict[str, float]
    max_len: int = 10


def _pick(rng: random.Random, table: list[tuple[str, float]]) -> str:
    return rng.choices([k for k, _ in table], weights=[w for _, w in table])[0]


def han_name(rng: random.Random, male: bool, hui: bool = False) -> tuple[str, str]:
    """(surname, given name)."""
    surname = _pick(rng, HUI_SURNAMES if hui else HAN_SURNAMES)
    chars = HAN_MALE_CHARS if male else HAN_FEMALE_CHARS
    if rng.random() < 0.28:
        given = rng.choice(chars)
    else:
        given = rng.choice(chars) + rng.choice(chars)
        if given[0] == given[1] and rng.random() < 0.7:  # doubled names are rarer than chance
            given = given[0] + rng.choice(chars)
    return surname, given


def minority_name(rng: random.Random, male: bool, kazakh: bool) -> tuple[str, str]:
    """(own name, father's name)."""
    if kazakh:
        own = rng.choice(KZ_MALE if male else KZ_FEMALE)
        father = rng.choice(KZ_MALE)
    else:
        own = rng.choice(UY_MALE if male else UY_FEMALE)
        father = rng.choice(UY_MALE)
    return own, father


def full_name(parts: tuple[str, str], minority: bool) -> str:
    return f"{parts[0]}·{parts[1]}" if minority else parts[0] + parts[1]


def _translit(name: str, rng: random.Random) -> str | None:
    hits = [(k, alts) for k, alts in TRANSLIT if k in name]
    if not hits:
        return None
    key, alts = rng.choice(hits)
    return name.replace(key, rng.choice(alts), 1)


def render_minority(parts: tuple[str, str], kind: str, max_len: int,
                    rng: random.Random) -> tuple[str, str]:
    """The name as written with variant ``kind``; falls back to the dotted form (kind ``dot``)
    when the variant would not change it."""
    own, father = parts
    dotted = f"{own}·{father}"
    if kind in SEPARATORS:
        return f"{own}{SEPARATORS[kind]}{father}", kind
    if kind == "given_only":
        return own, kind
    if kind == "swapped":
        return f"{father}·{own}", kind
    if kind == "truncated" and len(dotted) > max_len:
        return dotted[:max_len], kind
    if kind == "translit":
        alt = _translit(dotted, rng)
        if alt is not None:
            return alt, kind
    return dotted, "dot"


def render_han(parts: tuple[str, str], kind: str, rng: random.Random) -> tuple[str, str]:
    surname, given = parts
    name = surname + given
    if kind == "homophone":
        spots = [i for i, c in enumerate(name) if c in HOMOPHONES]
        if spots:
            i = rng.choice(spots)
            return name[:i] + rng.choice(HOMOPHONES[name[i]]) + name[i + 1:], kind
    elif kind == "traditional":
        trad = "".join(TRADITIONAL.get(c, c) for c in name)
        if trad != name:
            return trad, kind
    elif kind == "dropped" and len(given) == 2:
        return surname + given[rng.randrange(2)], kind
    elif kind == "space":
        return f"{surname} {given}", kind
    elif kind == "pinyin":
        sur = "".join(lazy_pinyin(surname)).capitalize()
        giv = "".join(lazy_pinyin(given)).capitalize()
        return f"{sur} {giv}", kind
    return name, "exact"


def render(parts: tuple[str, str], minority: bool, profile: NameProfile,
           rng: random.Random) -> tuple[str, str]:
    """(name as written, variant kind) for one record of one department."""
    table = profile.minority if minority else profile.han
    kind = rng.choices(list(table), weights=list(table.values()))[0]
    if minority:
        return render_minority(parts, kind, profile.max_len, rng)
    return render_han(parts, kind, rng)
