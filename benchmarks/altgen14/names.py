"""Chinese personal names: a heavy-headed surname distribution (national for migrants, Cantonese-
leaning for Guangdong locals) and the ways records get them wrong."""

from __future__ import annotations

import numpy as np

# surname, share in % (national); the local distribution reweights some of them
SURNAMES: tuple[tuple[str, float], ...] = (
    ("王", 7.1), ("李", 7.0), ("张", 6.4), ("刘", 5.2), ("陈", 4.3), ("杨", 3.1), ("黄", 2.2),
    ("赵", 2.0), ("吴", 2.0), ("周", 1.9), ("徐", 1.7), ("孙", 1.5), ("马", 1.5), ("朱", 1.3),
    ("胡", 1.3), ("郭", 1.2), ("何", 1.2), ("高", 1.1), ("林", 1.1), ("罗", 1.1), ("郑", 1.0),
    ("梁", 0.9), ("谢", 0.8), ("宋", 0.8), ("唐", 0.8), ("许", 0.7), ("韩", 0.7), ("冯", 0.7),
    ("邓", 0.7), ("曹", 0.7), ("彭", 0.6), ("曾", 0.6), ("肖", 0.6), ("田", 0.6), ("董", 0.5),
    ("袁", 0.5), ("潘", 0.5), ("于", 0.5), ("蒋", 0.5), ("蔡", 0.5), ("余", 0.5), ("杜", 0.5),
    ("叶", 0.4), ("程", 0.4), ("苏", 0.4), ("魏", 0.4), ("吕", 0.4), ("丁", 0.4), ("任", 0.4),
    ("沈", 0.4), ("姚", 0.3), ("卢", 0.3), ("姜", 0.3), ("崔", 0.3), ("钟", 0.3), ("谭", 0.3),
    ("陆", 0.3), ("汪", 0.3), ("范", 0.3), ("金", 0.3), ("石", 0.3), ("廖", 0.3), ("贾", 0.3),
    ("夏", 0.3), ("韦", 0.3), ("付", 0.3), ("方", 0.2), ("白", 0.2), ("邹", 0.2), ("孟", 0.2),
    ("熊", 0.2), ("秦", 0.2), ("邱", 0.2), ("江", 0.2), ("尹", 0.2), ("薛", 0.2), ("闫", 0.2),
    ("段", 0.2), ("雷", 0.2), ("侯", 0.2), ("龙", 0.2), ("史", 0.2), ("陶", 0.2), ("黎", 0.2),
    ("贺", 0.2), ("顾", 0.2), ("毛", 0.2), ("郝", 0.2), ("龚", 0.2), ("邵", 0.2), ("万", 0.2),
    ("钱", 0.2), ("严", 0.1), ("覃", 0.1), ("武", 0.1), ("戴", 0.1), ("莫", 0.1), ("孔", 0.1),
    ("向", 0.1), ("汤", 0.1), ("单", 0.05), ("解", 0.05), ("区", 0.03), ("仇", 0.03),
    ("欧阳", 0.05), ("司马", 0.02),
)
LOCAL_BOOST = {"陈": 2.5, "黄": 3.0, "梁": 3.0, "林": 2.0, "罗": 1.5, "何": 1.5, "郑": 1.5,
               "冯": 1.5, "邓": 1.5, "谢": 1.5, "钟": 2.0, "曾": 2.0, "区": 10.0, "莫": 2.0,
               "王": 0.4, "张": 0.7, "刘": 0.8, "杨": 0.8, "赵": 0.3, "孙": 0.3, "马": 0.4,
               "郝": 0.2, "闫": 0.2}
MALE_CHARS = "伟强军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林峰磊志国建文荣海东兴德永生福春成金亮锋坤洪江"
FEMALE_CHARS = "芳娜敏静丽艳娟霞秀玲燕红梅莉英萍婷雪琳慧兰月凤洁倩颖佳琴云丹欣怡玉桂华晶珍芬"



def words(text: str) -> list[str]:
    return text.split()


PINYIN = dict(zip(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪"
    "范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解区仇欧阳司马",
    words("wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng "
    "liang xie song tang xu han feng deng cao peng zeng xiao tian dong yuan pan yu jiang cai yu du "
    "ye cheng su wei lv ding ren shen yao lu jiang cui zhong tan lu wang fan jin shi liao jia xia "
    "wei fu fang bai zou meng xiong qin qiu jiang yin xue yan duan lei hou long shi tao li he gu "
    "mao hao gong shao wan qian yan qin wu dai mo kong xiang tang shan xie ou qiu ou yang si ma"
    ), strict=True))
PINYIN.update(zip(
    MALE_CHARS,
    words("wei qiang jun yong jie tao ming chao gang ping hui peng hua fei xin bo bin yu hao kai jian "
    "jun fan shuai xu ning long lin feng lei zhi guo jian wen rong hai dong xing de yong sheng fu "
    "chun cheng jin liang feng kun hong jiang"), strict=True))
PINYIN.update(zip(
    FEMALE_CHARS,
    words("fang na min jing li yan juan xia xiu ling yan hong mei li ying ping ting xue lin hui lan yue "
    "feng jie qian ying jia qin yun dan xin yi yu gui hua jing zhen fen"), strict=True))
OTHER_READING = {"单": "dan", "曾": "ceng", "解": "jie", "区": "qu", "仇": "chou"}
HOMOPHONES = {"伟": "玮炜威", "丽": "莉俐", "王": "汪", "张": "章", "玲": "琳铃", "军": "君",
              "明": "铭鸣", "涛": "滔", "红": "虹宏", "华": "桦", "峰": "锋丰", "杰": "洁捷",
              "辉": "晖", "平": "萍", "林": "霖琳", "俊": "骏", "斌": "彬", "勇": "永", "鹏": "朋",
              "艳": "燕", "霞": "侠", "芳": "方", "娟": "鹃", "婷": "亭", "志": "智", "东": "冬",
              "建": "健", "文": "雯", "荣": "蓉", "兴": "星", "成": "诚", "金": "锦", "坤": "昆",
              "洪": "宏", "黄": "王", "敏": "珉", "静": "婧", "英": "瑛", "云": "芸", "飞": "菲"}
TRADITIONAL = dict(zip(
    "张刘陈杨黄赵吴孙马许韩冯邓肖郑罗谢蒋叶苏吕卢钟谭陆范贾韦龙贺顾龚万钱严汤区伟强军杰涛刚辉鹏华飞凯帅宁龙峰国荣东兴锋丽艳"
    "红兰凤洁颖云玲",
    "張劉陳楊黃趙吳孫馬許韓馮鄧蕭鄭羅謝蔣葉蘇呂盧鍾譚陸範賈韋龍賀顧龔萬錢嚴湯區偉強軍傑濤剛輝鵬華飛凱帥寧龍峰國榮東興鋒麗艷"
    "紅蘭鳳潔穎雲玲", strict=True))


def surname_probs(local: bool) -> tuple[list[str], np.ndarray]:
    names = [s for s, _ in SURNAMES]
    w = np.array([p * (LOCAL_BOOST.get(s, 1.0) if local else 1.0) for s, p in SURNAMES])
    return names, w / w.sum()


def make_names(rng: np.random.Generator, male: np.ndarray, local: np.ndarray) -> list[str]:
    """Names for persons of the given sexes, local (Guangdong) or not, vectorised by choice."""
    n = len(male)
    out = np.empty(n, dtype=object)
    for is_local in (True, False):
        idx = np.flatnonzero(local == is_local)
        names, p = surname_probs(is_local)
        out[idx] = np.array(names, dtype=object)[rng.choice(len(names), size=len(idx), p=p)]
    mchars = np.array(list(MALE_CHARS), dtype=object)
    fchars = np.array(list(FEMALE_CHARS), dtype=object)
    g1 = np.where(male, mchars[rng.integers(0, len(mchars), n)],
                  fchars[rng.integers(0, len(fchars), n)])
    g2 = np.where(male, mchars[rng.integers(0, len(mchars), n)],
                  fchars[rng.integers(0, len(fchars), n)])
    two = rng.random(n) < 0.72
    given = np.where(two, g1 + g2, g1)
    return list(out + given)


def split_name(name: str) -> tuple[str, str]:
    for s, _ in SURNAMES:
        if len(s) == 2 and name.startswith(s):
            return s, name[2:]
    return name[:1], name[1:]


def to_pinyin(name: str, rng: np.random.Generator) -> str:
    sur, given = split_name(name)
    sp = "".join(PINYIN.get(c, "x") for c in sur)
    if sur in OTHER_READING and rng.random() < 0.5:
        sp = OTHER_READING[sur]
    gp = "".join(PINYIN.get(c, "x") for c in given)
    style = int(rng.integers(0, 3))
    if style == 0:
        return f"{sp.capitalize()} {gp.capitalize()}"
    if style == 1:
        return f"{sp.upper()} {gp.upper()}"
    return (sp + gp).capitalize()


VARIANT_KINDS = ("homophone", "traditional", "drop", "double", "space", "dot", "pinyin")
VARIANT_P = (0.3, 0.18, 0.08, 0.04, 0.14, 0.04, 0.12)


def name_variant(name: str, rng: np.random.Generator) -> str:
    """One of the errors names suffer in records; the name itself when the drawn error does not
    apply to it."""
    kind = VARIANT_KINDS[int(rng.choice(len(VARIANT_KINDS), p=np.array(VARIANT_P) / sum(VARIANT_P)))]
    if kind == "homophone":
        spots = [i for i, c in enumerate(name) if c in HOMOPHONES]
        if spots:
            i = spots[int(rng.integers(len(spots)))]
            alts = HOMOPHONES[name[i]]
            return name[:i] + alts[int(rng.integers(len(alts)))] + name[i + 1:]
        kind = "traditional"
    if kind == "traditional":
        out = "".join(TRADITIONAL.get(c, c) for c in name)
        return out if out != name else name + " "
    sur, given = split_name(name)
    if kind == "drop" and len(given) == 2:
        return sur + given[int(rng.integers(0, 2))]
    if kind == "double" and given:
        return sur + given + given[-1]
    if kind == "dot":
        return sur + "·" + given
    if kind == "pinyin":
        return to_pinyin(name, rng)
    return sur + " " + given
