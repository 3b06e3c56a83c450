"""Static reference data: counties, hospitals, funeral homes, surnames, given names, ICD codes."""

from __future__ import annotations

import datetime as dt

STUDY_START = dt.date(2023, 1, 1)
STUDY_END = dt.date(2023, 12, 31)
EXTRACTED = dt.date(2024, 6, 30)  # every record date is on or before this day

INDUSTRIES = ["coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
              "construction", "transport", "fireworks", "manufacturing", "other"]
HIGH_RISK = {"coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
             "construction", "fireworks"}

# city code -> (name, population in millions)
CITIES: dict[int, tuple[str, float]] = {
    1401: ("太原市", 5.4), 1402: ("大同市", 3.1), 1403: ("阳泉市", 1.3), 1404: ("长治市", 3.2),
    1405: ("晋城市", 2.2), 1406: ("朔州市", 1.6), 1407: ("晋中市", 3.4), 1408: ("运城市", 4.8),
    1409: ("忻州市", 2.7), 1410: ("临汾市", 4.0), 1411: ("吕梁市", 3.4),
}
# coal weight of a city's enterprises (Shanxi's coal is in the north, the east and the south-east)
CITY_COAL = {1401: 0.6, 1402: 1.6, 1403: 1.5, 1404: 1.5, 1405: 1.6, 1406: 1.6, 1407: 1.0,
             1408: 0.1, 1409: 0.8, 1410: 1.1, 1411: 1.4}

COUNTIES_TEXT = """
140105 小店区 140106 迎泽区 140107 杏花岭区 140108 尖草坪区 140109 万柏林区 140110 晋源区
140121 清徐县 140122 阳曲县 140123 娄烦县 140181 古交市
140212 新荣区 140213 平城区 140214 云冈区 140215 云州区 140221 阳高县 140222 天镇县
140223 广灵县 140224 灵丘县 140225 浑源县 140226 左云县
140302 城区 140303 矿区 140311 郊区 140321 平定县 140322 盂县
140403 潞州区 140404 上党区 140405 屯留区 140406 潞城区 140423 襄垣县 140425 平顺县
140426 黎城县 140427 壶关县 140428 长子县 140429 武乡县 140430 沁县 140431 沁源县
140502 城区 140521 沁水县 140522 阳城县 140524 陵川县 140525 泽州县 140581 高平市
140602 朔城区 140603 平鲁区 140621 山阴县 140622 应县 140623 右玉县 140681 怀仁市
140702 榆次区 140703 太谷区 140721 榆社县 140722 左权县 140723 和顺县 140724 昔阳县
140725 寿阳县 140727 祁县 140728 平遥县 140729 灵石县 140781 介休市
140802 盐湖区 140821 临猗县 140822 万荣县 140823 闻喜县 140824 稷山县 140825 新绛县
140826 绛县 140827 垣曲县 140828 夏县 140829 平陆县 140830 芮城县 140881 永济市 140882 河津市
140902 忻府区 140921 定襄县 140922 五台县 140923 代县 140924 繁峙县 140925 宁武县
140926 静乐县 140927 神池县 140928 五寨县 140929 岢岚县 140930 河曲县 140931 保德县
140932 偏关县 140981 原平市
141002 尧都区 141021 曲沃县 141022 翼城县 141023 襄汾县 141024 洪洞县 141025 古县
141026 安泽县 141027 浮山县 141028 吉县 141029 乡宁县 141030 大宁县 141031 隰县
141032 永和县 141033 蒲县 141034 汾西县 141081 侯马市 141082 霍州市
141102 离石区 141121 文水县 141122 交城县 141123 兴县 141124 临县 141125 柳林县
141126 石楼县 141127 岚县 141128 方山县 141129 中阳县 141130 交口县 141181 孝义市 141182 汾阳市
"""


def _pairs(text: str) -> list[tuple[int, str]]:
    tok = text.split()
    return [(int(tok[i]), tok[i + 1]) for i in range(0, len(tok), 2)]


COUNTIES: list[tuple[int, str]] = _pairs(COUNTIES_TEXT)

# hukou places of migrant workers from neighbouring provinces
MIGRANT_COUNTIES: list[tuple[int, str]] = _pairs("""
410522 安阳县 410323 新安县 411526 潢川县 411424 柘城县 610825 定边县 610826 绥德县
130529 巨鹿县 130433 馆陶县 150221 土默特右旗 510722 三台县 340321 怀远县 620421 靖远县
620523 甘谷县 640324 同心县
""")

# hospitals that are not named after their county
SPECIAL_HOSPITALS: list[tuple[int, str, str]] = [
    (140105, "山西白求恩医院", "province"), (140106, "山西医科大学第一医院", "province"),
    (140107, "山西省人民医院", "province"), (140108, "山西医科大学第二医院", "province"),
    (140108, "西山煤电集团职工总医院", "mine"), (140109, "太钢总医院", "mine"),
    (140213, "同煤集团总医院", "mine"), (140302, "阳泉煤业集团总医院", "mine"),
    (140406, "潞安集团总医院", "mine"), (140502, "晋城煤业集团总医院", "mine"),
    (140781, "汾西矿业集团总医院", "mine"), (141082, "霍州煤电集团总医院", "mine"),
]

# surnames: (characters, pinyin, weight in %, traditional form, homophone variants)
SURNAMES_TEXT = """
王 wang 7.1 王 汪 | 李 li 7.0 李 黎 | 张 zhang 6.4 張 章 | 刘 liu 5.2 劉 柳 | 陈 chen 4.3 陳 程
杨 yang 3.1 楊 阳 | 黄 huang 2.0 黃 王 | 赵 zhao 2.0 趙 照 | 吴 wu 1.9 吳 武 | 周 zhou 1.8 周 邹
徐 xu 1.3 徐 许 | 孙 sun 1.3 孫 - | 马 ma 1.1 馬 - | 朱 zhu 1.1 朱 祝 | 胡 hu 1.0 胡 - | 郭 guo 1.3 郭 国
何 he 0.9 何 贺 | 高 gao 0.9 高 郜 | 林 lin 0.7 林 凌 | 罗 luo 0.7 羅 - | 郑 zheng 0.8 鄭 - | 梁 liang 0.9 梁 -
谢 xie 0.6 謝 - | 宋 song 0.67 宋 - | 唐 tang 0.6 唐 汤 | 许 xu 0.63 許 徐 | 韩 han 0.7 韓 - | 冯 feng 0.65 馮 -
邓 deng 0.5 鄧 - | 曹 cao 0.58 曹 - | 彭 peng 0.5 彭 - | 曾 zeng 0.4 曾 增 | 肖 xiao 0.5 蕭 萧 | 田 tian 0.6 田 -
董 dong 0.55 董 - | 袁 yuan 0.48 袁 - | 潘 pan 0.4 潘 - | 于 yu 0.46 于 余 | 蒋 jiang 0.4 蔣 - | 蔡 cai 0.4 蔡 -
余 yu 0.3 余 于 | 杜 du 0.45 杜 - | 叶 ye 0.35 葉 - | 程 cheng 0.45 程 成 | 苏 su 0.39 蘇 - | 魏 wei 0.45 魏 -
吕 lv 0.4 呂 - | 丁 ding 0.36 丁 - | 任 ren 0.45 任 - | 沈 shen 0.3 沈 - | 姚 yao 0.33 姚 - | 卢 lu 0.3 盧 鲁
姜 jiang 0.31 姜 江 | 崔 cui 0.35 崔 - | 钟 zhong 0.25 鍾 - | 谭 tan 0.2 譚 - | 陆 lu 0.25 陸 - | 汪 wang 0.2 汪 王
范 fan 0.3 范 - | 金 jin 0.24 金 - | 石 shi 0.3 石 - | 廖 liao 0.15 廖 - | 贾 jia 0.4 賈 - | 夏 xia 0.21 夏 -
韦 wei 0.1 韋 - | 付 fu 0.25 付 傅 | 方 fang 0.19 方 - | 白 bai 0.3 白 - | 邹 zou 0.15 鄒 - | 孟 meng 0.25 孟 -
熊 xiong 0.12 熊 - | 秦 qin 0.25 秦 - | 邱 qiu 0.15 邱 - | 江 jiang 0.12 江 姜 | 尹 yin 0.15 尹 - | 薛 xue 0.3 薛 -
闫 yan 0.35 閆 阎 | 段 duan 0.2 段 - | 雷 lei 0.14 雷 - | 侯 hou 0.25 侯 - | 龙 long 0.1 龍 - | 史 shi 0.25 史 -
陶 tao 0.12 陶 - | 黎 li 0.05 黎 李 | 贺 he 0.2 賀 何 | 顾 gu 0.1 顧 - | 毛 mao 0.11 毛 - | 郝 hao 0.35 郝 -
龚 gong 0.08 龔 - | 邵 shao 0.1 邵 - | 万 wan 0.1 萬 - | 钱 qian 0.09 錢 - | 严 yan 0.09 嚴 阎 | 武 wu 0.4 武 吴
戴 dai 0.09 戴 - | 孔 kong 0.1 孔 - | 向 xiang 0.05 向 - | 汤 tang 0.08 湯 唐 | 常 chang 0.3 常 长
乔 qiao 0.3 喬 - | 霍 huo 0.25 霍 - | 温 wen 0.25 溫 - | 阎 yan 0.15 閻 闫 | 柴 chai 0.15 柴 - | 耿 geng 0.15 耿 -
岳 yue 0.15 岳 - | 牛 niu 0.2 牛 - | 申 shen 0.15 申 - | 樊 fan 0.15 樊 - | 栗 li 0.1 栗 - | 畅 chang 0.05 暢 -
原 yuan 0.05 原 - | 裴 pei 0.1 裴 - | 卫 wei 0.1 衛 魏 | 景 jing 0.1 景 - | 燕 yan 0.05 燕 - | 吉 ji 0.05 吉 -
庞 pang 0.05 龐 - | 聂 nie 0.05 聶 - | 祁 qi 0.05 祁 - | 焦 jiao 0.1 焦 - | 车 che 0.05 車 - | 翟 zhai 0.08 翟 -
靳 jin 0.1 靳 - | 苗 miao 0.1 苗 - | 邢 xing 0.08 邢 - | 安 an 0.1 安 - | 冀 ji 0.08 冀 - | 成 cheng 0.08 成 程
康 kang 0.1 康 - | 宁 ning 0.05 寧 - | 屈 qu 0.05 屈 - | 尚 shang 0.08 尚 - | 路 lu 0.08 路 - | 葛 ge 0.05 葛 -
柳 liu 0.04 柳 刘 | 鲁 lu 0.05 魯 卢 | 蔺 lin 0.05 藺 - | 辛 xin 0.05 辛 - | 单 shan 0.05 單 - | 解 xie 0.05 解 谢
区 ou 0.01 區 - | 仇 qiu 0.02 仇 - | 查 zha 0.02 查 - | 欧阳 ouyang 0.03 歐陽 - | 司马 sima 0.02 司馬 -
上官 shangguan 0.01 上官 -
"""
# surnames with two readings: (character, the other reading a clerk may write)
ALT_READING = {"单": "dan", "曾": "ceng", "解": "jie", "区": "qu", "仇": "chou", "查": "cha"}

# given-name characters: char pinyin sex(M/F/N) traditional
GIVEN_TEXT = """
伟 wei M 偉 | 玮 wei M 瑋 | 炜 wei M 煒 | 维 wei M 維 | 军 jun M 軍 | 君 jun N 君 | 俊 jun M 俊
明 ming M 明 | 铭 ming M 銘 | 鸣 ming M 鳴 | 华 hua N 華 | 桦 hua M 樺 | 杰 jie M 傑 | 峰 feng M 峰
锋 feng M 鋒 | 丰 feng M 豐 | 涛 tao M 濤 | 滔 tao M 滔 | 韬 tao M 韜 | 刚 gang M 剛 | 钢 gang M 鋼
岗 gang M 崗 | 斌 bin M 斌 | 彬 bin M 彬 | 滨 bin M 濱 | 海 hai M 海 | 勇 yong M 勇 | 永 yong M 永
磊 lei M 磊 | 雷 lei M 雷 | 强 qiang M 強 | 超 chao M 超 | 朝 chao M 朝 | 辉 hui M 輝 | 晖 hui M 暉
鑫 xin M 鑫 | 新 xin M 新 | 鹏 peng M 鵬 | 朋 peng M 朋 | 波 bo M 波 | 博 bo M 博 | 浩 hao M 浩
昊 hao M 昊 | 皓 hao M 皓 | 宇 yu M 宇 | 龙 long M 龍 | 隆 long M 隆 | 东 dong M 東 | 冬 dong N 冬
国 guo M 國 | 建 jian M 建 | 健 jian M 健 | 剑 jian M 劍 | 志 zhi M 志 | 智 zhi M 智 | 文 wen N 文
生 sheng M 生 | 胜 sheng M 勝 | 福 fu M 福 | 富 fu M 富 | 宝 bao M 寶 | 保 bao M 保 | 山 shan M 山
祥 xiang M 祥 | 翔 xiang M 翔 | 荣 rong N 榮 | 贵 gui M 貴 | 成 cheng M 成 | 诚 cheng M 誠 | 凯 kai M 凱
亮 liang M 亮 | 良 liang M 良 | 天 tian M 天 | 金 jin N 金 | 晋 jin M 晉 | 进 jin M 進 | 飞 fei M 飛
忠 zhong M 忠 | 中 zhong M 中 | 德 de M 德 | 顺 shun M 順 | 平 ping N 平 | 民 min M 民 | 宏 hong M 宏
洪 hong M 洪 | 鸿 hong M 鴻 | 旭 xu M 旭 | 阳 yang M 陽 | 兵 bing M 兵 | 虎 hu M 虎 | 瑞 rui N 瑞
卫 wei M 衛 | 元 yuan M 元 | 源 yuan M 源 | 长 chang M 長 | 喜 xi N 喜 | 红 hong N 紅 | 小 xiao N 小
晓 xiao N 曉 | 春 chun N 春 | 清 qing N 清 | 庆 qing M 慶 | 学 xue M 學 | 林 lin N 林 | 爱 ai N 愛
利 li N 利 | 丽 li F 麗 | 莉 li F 莉 | 俐 li F 俐 | 静 jing F 靜 | 婧 jing F 婧 | 晶 jing F 晶
英 ying F 英 | 瑛 ying F 瑛 | 莹 ying F 瑩 | 颖 ying F 穎 | 芳 fang F 芳 | 方 fang F 方 | 敏 min F 敏
燕 yan F 燕 | 艳 yan F 艷 | 妍 yan F 妍 | 霞 xia F 霞 | 侠 xia F 俠 | 琳 lin F 琳 | 霖 lin F 霖
慧 hui F 慧 | 惠 hui F 惠 | 欣 xin F 欣 | 馨 xin F 馨 | 玉 yu F 玉 | 雨 yu F 雨 | 钰 yu F 鈺
雯 wen F 雯 | 淑 shu F 淑 | 梅 mei F 梅 | 美 mei F 美 | 玫 mei F 玫 | 兰 lan F 蘭 | 岚 lan F 嵐
云 yun F 雲 | 芸 yun F 芸 | 秀 xiu F 秀 | 娟 juan F 娟 | 鹃 juan F 鵑 | 娜 na F 娜 | 琴 qin F 琴
芹 qin F 芹 | 勤 qin N 勤 | 珍 zhen F 珍 | 贞 zhen F 貞 | 真 zhen F 真 | 凤 feng F 鳳 | 彩 cai F 彩
珊 shan F 珊 | 香 xiang F 香 | 蓉 rong F 蓉 | 容 rong F 容 | 桂 gui F 桂 | 菲 fei F 菲 | 佩 pei F 佩
雪 xue F 雪 | 玲 ling F 玲 | 铃 ling F 鈴 | 灵 ling F 靈 | 婷 ting F 婷 | 亭 ting F 亭 | 萍 ping F 萍
苹 ping F 蘋 | 洁 jie F 潔 | 婕 jie F 婕 | 虹 hong F 虹 | 花 hua F 花 | 月 yue F 月 | 悦 yue F 悅
佳 jia F 佳 | 嘉 jia F 嘉 | 倩 qian F 倩 | 茜 qian F 茜 | 蕾 lei F 蕾 | 璐 lu F 璐 | 露 lu F 露
"""
# very common given-name characters are drawn more often (one-character 张伟 is common)
POPULAR_GIVEN = {"伟": 6.0, "军": 4.0, "强": 3.0, "磊": 3.0, "勇": 3.0, "丽": 5.0, "静": 4.0,
                 "敏": 3.0, "芳": 4.0, "艳": 3.0, "红": 3.0, "明": 2.5, "华": 2.5, "平": 2.5,
                 "海": 2.0, "建": 2.5, "国": 2.5, "英": 3.0, "霞": 2.5, "燕": 2.5, "小": 2.0}

BRAND_CHARS = list("鑫晋泰华盛源兴隆恒达宏昌富丰瑞金鼎通安宇海嘉诚正德利祥永顺众汇联光明新东方天龙腾远峰阳润和")
INDUSTRY_WORDS: dict[str, list[str]] = {
    "coal_mining": ["煤业", "煤矿", "矿业", "煤炭"],
    "non_coal_mining": ["矿业", "石料", "铁矿", "铝矾土矿业", "石膏矿"],
    "hazardous_chemicals": ["化工", "焦化", "化学", "燃气", "精细化工"],
    "metallurgy": ["钢铁", "冶金", "铸造", "铝业", "特钢"],
    "construction": ["建筑工程", "建设工程", "建工", "路桥工程", "建筑安装"],
    "transport": ["物流", "运输", "汽车运输", "货运"],
    "fireworks": ["烟花爆竹", "花炮"],
    "manufacturing": ["机械制造", "机械", "纺织", "食品", "玻璃制品", "建材", "陶瓷", "电气"],
    "other": ["商贸", "物业管理", "餐饮", "农业开发", "科技", "环保", "酒业"],
}
# industry: (share of enterprises, size multiplier, male share of workers, migrant share)
INDUSTRY_PROFILE: dict[str, tuple[float, float, float, float]] = {
    "coal_mining": (0.05, 9.0, 0.95, 0.12), "non_coal_mining": (0.04, 2.0, 0.93, 0.15),
    "hazardous_chemicals": (0.04, 2.5, 0.78, 0.05), "metallurgy": (0.05, 4.0, 0.86, 0.06),
    "construction": (0.21, 1.6, 0.91, 0.28), "transport": (0.09, 1.2, 0.90, 0.08),
    "fireworks": (0.01, 0.8, 0.60, 0.03), "manufacturing": (0.26, 1.2, 0.58, 0.06),
    "other": (0.25, 0.6, 0.45, 0.05),
}
# yearly non-fatal work-injury rate weight by industry
INJURY_RISK = {"coal_mining": 3.0, "non_coal_mining": 2.5, "hazardous_chemicals": 1.6,
               "metallurgy": 2.2, "construction": 2.8, "transport": 1.5, "fireworks": 1.8,
               "manufacturing": 1.4, "other": 0.5}

# accident types by industry, with weights
ACCIDENT_TYPES_BY_INDUSTRY: dict[str, dict[str, float]] = {
    "coal_mining": {"roof_fall": 4, "gas_explosion": 1, "flooding": 1, "vehicle": 1.5,
                    "machinery": 1, "electrocution": 0.5, "poisoning_asphyxiation": 1,
                    "struck_by_object": 1, "other": 0.5},
    "non_coal_mining": {"roof_fall": 2, "collapse": 2, "explosion": 1, "vehicle": 1.5,
                        "fall_from_height": 1, "struck_by_object": 1, "machinery": 1},
    "hazardous_chemicals": {"explosion": 2, "poisoning_asphyxiation": 3, "fire": 1.5,
                            "burn": 1, "fall_from_height": 0.5, "machinery": 0.5},
    "metallurgy": {"burn": 3, "poisoning_asphyxiation": 2, "machinery": 1.5, "lifting": 1.5,
                   "explosion": 0.7, "struck_by_object": 1},
    "construction": {"fall_from_height": 5, "struck_by_object": 2, "collapse": 1.5,
                     "lifting": 1.5, "electrocution": 1, "machinery": 0.5,
                     "poisoning_asphyxiation": 0.5},
    "transport": {"vehicle": 8, "other": 1},
    "fireworks": {"explosion": 4, "fire": 1, "burn": 1},
    "manufacturing": {"machinery": 4, "struck_by_object": 1.5, "electrocution": 1, "burn": 1,
                      "fall_from_height": 1, "lifting": 1, "fire": 0.5,
                      "poisoning_asphyxiation": 0.5},
    "other": {"fall_from_height": 2, "electrocution": 1, "poisoning_asphyxiation": 1,
              "fire": 1, "other": 2, "vehicle": 1},
}

# accident type -> (diagnoses of trauma, external causes written by hospitals, on-site death share)
TRAUMA: dict[str, tuple[list[str], list[str], float]] = {
    "roof_fall": (["S32.0", "S22.4", "T07", "S06.5", "S72.3", "S12.2", "T04.1"],
                  ["W20.6"], 0.6),
    "gas_explosion": (["T31.5", "T29.3", "T58", "T71", "T31.7"], ["W40.6", "X47.6"], 0.8),
    "flooding": (["T75.1", "T71"], ["W73.6", "W74.6"], 0.9),
    "fall_from_height": (["S06.5", "S32.0", "T07", "S06.2", "S27.3", "S72.0"],
                         ["W12.6", "W13.6", "W11.6", "W17.6"], 0.5),
    "struck_by_object": (["S06.5", "S02.0", "S06.2", "S22.4", "T07"], ["W20.6"], 0.45),
    "machinery": (["S68.1", "S57.8", "S06.5", "T07", "S38.1"], ["W31.6", "W24.6"], 0.35),
    "electrocution": (["T75.4"], ["W86.6", "W87.6", "W85.6"], 0.7),
    "poisoning_asphyxiation": (["T59.6", "T59.9", "T71", "T58"], ["X47.6", "W81.6"], 0.7),
    "vehicle": (["S06.5", "T07", "S36.1", "S32.0"], ["V89.2", "V47.5", "V83.7"], 0.5),
    "lifting": (["S06.5", "T07", "S32.0", "S77.1"], ["W24.6", "W20.6"], 0.5),
    "collapse": (["T71", "S32.0", "T04.4", "T07"], ["W20.6"], 0.65),
    "fire": (["T31.6", "T29.3", "T58", "T27.3"], ["X00.6", "X09.6"], 0.6),
    "explosion": (["T31.5", "T07", "S06.5", "T29.3"], ["W40.6"], 0.6),
    "burn": (["T31.4", "T29.3", "T24.3", "T21.3"], ["X18.6", "X13.6"], 0.3),
    "other": (["T14.9", "S06.5", "T07"], ["W49.6", "W20.6"], 0.4),
}
# wording of a work-injury claim / cremation cause for each accident type
CLAIM_TEXT = {
    "roof_fall": "井下作业时顶板冒落被砸伤", "gas_explosion": "井下瓦斯爆炸致烧伤",
    "flooding": "井下透水被困", "fall_from_height": "高处作业时不慎坠落",
    "struck_by_object": "被高处坠落物体击中", "machinery": "操作设备时被机械卷入",
    "electrocution": "检修电气线路时触电", "poisoning_asphyxiation": "进入受限空间作业时中毒窒息",
    "vehicle": "被运输车辆撞伤", "lifting": "吊装作业时被吊物砸伤",
    "collapse": "作业面坍塌被掩埋", "fire": "厂区起火被烧伤", "explosion": "爆炸事故中受伤",
    "burn": "被高温物料灼烫", "other": "工作中受伤",
}
CREMATION_TRAUMA_CAUSE = {
    "roof_fall": ["多发伤", "创伤性休克", "颅脑损伤"], "gas_explosion": ["烧伤", "一氧化碳中毒"],
    "flooding": ["溺水", "窒息"], "fall_from_height": ["高坠伤", "颅脑损伤", "多发伤"],
    "struck_by_object": ["颅脑损伤", "重型颅脑损伤"], "machinery": ["多发伤", "失血性休克"],
    "electrocution": ["电击伤", "触电死亡"], "poisoning_asphyxiation": ["中毒", "窒息"],
    "vehicle": ["颅脑损伤", "多发伤"], "lifting": ["多发伤", "颅脑损伤"],
    "collapse": ["机械性窒息", "多发伤"], "fire": ["烧伤", "吸入性损伤"],
    "explosion": ["爆炸伤", "多发伤"], "burn": ["大面积烧伤"], "other": ["外伤"],
}
SITE_WORDS = {
    "coal_mining": ["井下工作面", "井下巷道", "主井", "采区"], "non_coal_mining": ["采场", "井下", "露天采场"],
    "hazardous_chemicals": ["生产车间", "储罐区", "反应釜区"], "metallurgy": ["炼钢车间", "高炉区", "轧钢车间"],
    "construction": ["建筑工地", "施工现场", "基坑"], "transport": ["国道", "省道", "高速公路"],
    "fireworks": ["生产工房", "药物总库"], "manufacturing": ["车间", "厂区"],
    "other": ["院内", "作业现场"],
}
TOWN_CHARS = list("东西南北前后新上下中大小杨李王张刘赵郭高马")
VILLAGE_SUFFIX = ["村", "庄", "沟", "坪", "峪", "堡"]

NATURAL_DEREG_CAUSE = ["病故"] * 8 + ["疾病"] * 2 + ["正常死亡"] * 2 + ["自然死亡"] * 2 + \
    ["心脏病", "脑溢血", "癌症", "肺癌", "肝癌", "脑梗"]
NATURAL_CREM_CAUSE = ["脑梗死", "心肌梗死", "肺癌", "慢性阻塞性肺疾病", "心力衰竭", "多器官功能衰竭",
                      "呼吸循环衰竭", "脑出血", "肝癌", "胃癌", "冠心病", "高血压病", "老年性疾病",
                      "糖尿病并发症", "肺部感染", "尿毒症"]
