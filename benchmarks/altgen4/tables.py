"""Static reference data: geography, names, enterprises, hospitals, code lists and texts."""

from __future__ import annotations

# --------------------------------------------------------------------------- geography
CITIES: dict[str, str] = {
    "1401": "太原市", "1402": "大同市", "1403": "阳泉市", "1404": "长治市",
    "1405": "晋城市", "1406": "朔州市", "1407": "晋中市", "1408": "运城市",
    "1409": "忻州市", "1410": "临汾市", "1411": "吕梁市",
}

# code name relative-population
_COUNTIES = """
140105 小店区 6;140106 迎泽区 4;140107 杏花岭区 4;140108 尖草坪区 3;140109 万柏林区 4;
140110 晋源区 2;140121 清徐县 2;140122 阳曲县 1;140123 娄烦县 0.6;140181 古交市 1.5;
140212 新荣区 0.5;140213 平城区 5;140214 云冈区 3;140215 云州区 1;140221 阳高县 1.2;
140222 天镇县 0.9;140223 广灵县 0.8;140224 灵丘县 1;140225 浑源县 1.5;140226 左云县 0.6;
140302 城区 1.5;140303 矿区 1;140311 郊区 1.3;140321 平定县 1.2;140322 盂县 1.2;
140403 潞州区 3.5;140404 上党区 1.5;140405 屯留区 1.1;140406 潞城区 0.9;140423 襄垣县 1.1;
140425 平顺县 0.6;140426 黎城县 0.6;140427 壶关县 1;140428 长子县 1.4;140429 武乡县 0.8;
140430 沁县 0.6;140431 沁源县 0.6;
140502 城区 2.2;140521 沁水县 0.8;140522 阳城县 1.6;140524 陵川县 0.9;140525 泽州县 2;
140581 高平市 2.1;
140602 朔城区 2;140603 平鲁区 0.8;140621 山阴县 0.8;140622 应县 1;140623 右玉县 0.4;
140681 怀仁市 1.2;
140702 榆次区 3;140703 太谷区 1.1;140721 榆社县 0.5;140722 左权县 0.6;140723 和顺县 0.5;
140724 昔阳县 0.8;140725 寿阳县 0.9;140727 祁县 1;140728 平遥县 1.9;140729 灵石县 1.1;
140781 介休市 1.6;
140802 盐湖区 3.2;140821 临猗县 2.2;140822 万荣县 1.5;140823 闻喜县 1.6;140824 稷山县 1.4;
140825 新绛县 1.4;140826 绛县 1;140827 垣曲县 0.9;140828 夏县 1.4;140829 平陆县 1;
140830 芮城县 1.6;140881 永济市 1.8;140882 河津市 1.6;
140902 忻府区 2.3;140921 定襄县 0.8;140922 五台县 1.2;140923 代县 0.8;140924 繁峙县 1;
140925 宁武县 0.6;140926 静乐县 0.6;140927 神池县 0.4;140928 五寨县 0.4;140929 岢岚县 0.3;
140930 河曲县 0.6;140931 保德县 0.6;140932 偏关县 0.4;140981 原平市 1.6;
141002 尧都区 3.2;141021 曲沃县 1;141022 翼城县 1.2;141023 襄汾县 1.7;141024 洪洞县 2.4;
141025 古县 0.4;141026 安泽县 0.3;141027 浮山县 0.5;141028 吉县 0.4;141029 乡宁县 0.9;
141030 大宁县 0.3;141031 隰县 0.4;141032 永和县 0.2;141033 蒲县 0.4;141034 汾西县 0.5;
141081 侯马市 1;141082 霍州市 1.1;
141102 离石区 1.6;141121 文水县 1.7;141122 交城县 1;141123 兴县 1.3;141124 临县 2.1;
141125 柳林县 1.3;141126 石楼县 0.5;141127 岚县 0.6;141128 方山县 0.5;141129 中阳县 0.6;
141130 交口县 0.4;141181 孝义市 2.1;141182 汾阳市 1.8
"""


def _parse_counties() -> list[tuple[str, str, float]]:
    out = []
    for item in _COUNTIES.replace("\n", "").split(";"):
        item = item.strip()
        if item:
            code, name, w = item.split()
            out.append((code, name, float(w)))
    return out


COUNTIES: list[tuple[str, str, float]] = _parse_counties()

# registration places of migrant workers (other provinces); code, name, weight
OUT_PROVINCE: list[tuple[str, str, float]] = [
    ("410323", "新安县", 1.0), ("411324", "镇平县", 1.0), ("410928", "濮阳县", 1.0),
    ("130427", "磁县", 0.8), ("130732", "赤城县", 0.5), ("610824", "靖边县", 0.8),
    ("610302", "渭滨区", 0.4), ("150202", "东河区", 0.5), ("152627", "兴和县", 0.6),
    ("510722", "三台县", 0.9), ("511623", "邻水县", 0.7), ("620102", "城关区", 0.3),
    ("621121", "通渭县", 0.6), ("340121", "长丰县", 0.4), ("370126", "商河县", 0.4),
]
# region parts of ID numbers issued before later re-zoning (old prefecture/county codes)
OLD_ID_REGIONS: dict[str, list[str]] = {
    "1401": ["140102", "140103", "140104", "140111", "140112"],
    "1402": ["140202", "140203", "140211", "140227"],
    "1403": ["140301", "140302"],
    "1404": ["140402", "140411", "140421", "140424"],
    "1405": ["140502", "140523", "142627"],
    "1406": ["140602", "142202"],
    "1407": ["142401", "142402", "142421", "142431"],
    "1408": ["142701", "142702", "142723", "142729"],
    "1409": ["142201", "142222", "142224", "142230"],
    "1410": ["142601", "142603", "142621", "142625"],
    "1411": ["142301", "142302", "142325", "142332"],
}

# hot spots: county codes where an industry concentrates
INDUSTRY_HOTSPOTS: dict[str, list[str]] = {
    "coal_mining": ["140226", "140214", "140603", "140303", "140311", "140321", "140322",
                    "140525", "140521", "140581", "140522", "140423", "140405", "140428",
                    "141125", "141181", "141129", "141029", "141082", "141033", "141025",
                    "140729", "140781", "140725", "140722", "140925", "140930", "140931",
                    "140181", "140404"],
    "non_coal_mining": ["140923", "140924", "140922", "140224", "141181", "141123", "140827",
                        "141022", "140525"],
    "hazardous_chemicals": ["141181", "140781", "140882", "141024", "141023", "140729",
                            "140108", "140321", "140404", "141182", "140121"],
    "metallurgy": ["140108", "140882", "141181", "141022", "140311", "140404", "140681",
                   "140727"],
    "fireworks": ["140823", "140829", "140802", "141022"],
}

# --------------------------------------------------------------------------- enums
INDUSTRIES = ["coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
              "construction", "transport", "fireworks", "manufacturing", "other"]
HIGH_RISK_INDUSTRIES = {"coal_mining", "non_coal_mining", "hazardous_chemicals", "metallurgy",
                        "construction", "fireworks"}
# enterprise register composition (share of enterprises) and mean enrolled workforce
REGISTER_MIX: dict[str, tuple[float, float]] = {
    "coal_mining": (0.03, 600.0),
    "non_coal_mining": (0.05, 60.0),
    "hazardous_chemicals": (0.07, 120.0),
    "metallurgy": (0.03, 300.0),
    "construction": (0.27, 45.0),
    "transport": (0.12, 30.0),
    "fireworks": (0.006, 25.0),
    "manufacturing": (0.29, 50.0),
    "other": (0.134, 35.0),
}
# fatal incidents by industry (share), and relative odds of concealment
FATAL_MIX: dict[str, float] = {
    "transport": 0.33, "construction": 0.22, "coal_mining": 0.13, "non_coal_mining": 0.07,
    "hazardous_chemicals": 0.04, "metallurgy": 0.05, "manufacturing": 0.10, "fireworks": 0.01,
    "other": 0.05,
}
CONCEAL_ODDS: dict[str, float] = {
    "transport": 0.3, "construction": 1.3, "coal_mining": 1.5, "non_coal_mining": 2.0,
    "hazardous_chemicals": 1.0, "metallurgy": 1.0, "manufacturing": 1.0, "fireworks": 1.5,
    "other": 1.0,
}
ACCIDENT_TYPES: dict[str, dict[str, float]] = {
    "coal_mining": {"roof_fall": 0.32, "gas_explosion": 0.08, "flooding": 0.06, "vehicle": 0.16,
                    "machinery": 0.12, "electrocution": 0.05, "poisoning_asphyxiation": 0.07,
                    "fall_from_height": 0.04, "struck_by_object": 0.06, "other": 0.04},
    "non_coal_mining": {"roof_fall": 0.25, "collapse": 0.15, "explosion": 0.10,
                        "fall_from_height": 0.14, "vehicle": 0.14, "struck_by_object": 0.1,
                        "machinery": 0.07, "poisoning_asphyxiation": 0.05},
    "hazardous_chemicals": {"explosion": 0.25, "fire": 0.18, "poisoning_asphyxiation": 0.27,
                            "burn": 0.12, "fall_from_height": 0.08, "machinery": 0.05,
                            "other": 0.05},
    "metallurgy": {"burn": 0.25, "poisoning_asphyxiation": 0.2, "machinery": 0.15,
                   "lifting": 0.15, "explosion": 0.08, "struck_by_object": 0.1,
                   "fall_from_height": 0.07},
    "construction": {"fall_from_height": 0.48, "struck_by_object": 0.14, "collapse": 0.14,
                     "lifting": 0.1, "electrocution": 0.06, "machinery": 0.05,
                     "poisoning_asphyxiation": 0.03},
    "transport": {"vehicle": 1.0},
    "fireworks": {"explosion": 0.85, "fire": 0.1, "burn": 0.05},
    "manufacturing": {"machinery": 0.35, "struck_by_object": 0.12, "fall_from_height": 0.12,
                      "electrocution": 0.08, "poisoning_asphyxiation": 0.1, "fire": 0.06,
                      "explosion": 0.05, "lifting": 0.07, "burn": 0.05},
    "other": {"fall_from_height": 0.3, "electrocution": 0.15, "poisoning_asphyxiation": 0.2,
              "vehicle": 0.1, "machinery": 0.1, "fire": 0.05,
              "other": 0.1},
}

# ICD-10 (diagnosis choices, external cause stems) per accident type
ACC_DX: dict[str, tuple[list[str], list[str]]] = {
    "roof_fall": (["S06.5", "S06.2", "T06.8", "S32.0", "S22.4", "T07", "S12.2", "S72.3"],
                  ["W20"]),
    "collapse": (["T71", "S06.5", "T06.8", "S22.4", "T07", "S32.8"], ["W20", "W77"]),
    "gas_explosion": (["T58", "T29.3", "T06.8", "T71", "S06.5"], ["W40", "X47"]),
    "flooding": (["T75.1", "T71"], ["W73", "W74"]),
    "fall_from_height": (["S06.5", "S06.2", "S32.0", "S72.0", "T02.8", "T06.8", "S22.4",
                          "S36.1"], ["W12", "W13", "W11", "W17"]),
    "struck_by_object": (["S06.5", "S02.1", "S06.2", "S22.4", "T06.8", "S82.2"], ["W20", "W22"]),
    "machinery": (["S68.1", "S57.8", "T04.8", "S06.5", "S38.1", "S67.8", "S62.6"],
                  ["W31", "W24", "W23"]),
    "electrocution": (["T75.4", "T30.3"], ["W86", "W85", "W87"]),
    "poisoning_asphyxiation": (["T59.8", "T58", "T71", "T59.7"], ["X47"]),
    "vehicle": (["S06.5", "T06.8", "S36.1", "S22.4", "S32.8", "T07"], ["V"]),
    "lifting": (["S06.5", "T06.8", "S32.0", "S22.4", "S77.1"], ["W24", "W20"]),
    "fire": (["T29.3", "T31.7", "T59.8", "T58"], ["X00", "X09"]),
    "explosion": (["T06.8", "T29.3", "S06.5", "T31.5"], ["W40"]),
    "burn": (["T29.3", "T31.5", "T25.3", "T24.3"], ["X19", "X17", "X12"]),
    "other": (["S06.5", "T06.8", "T14.9"], ["W49", "W19"]),
}
ACCIDENT_TYPE_ZH = {
    "roof_fall": "冒顶片帮", "gas_explosion": "瓦斯爆炸", "flooding": "透水",
    "fall_from_height": "高处坠落", "struck_by_object": "物体打击", "machinery": "机械伤害",
    "electrocution": "触电", "poisoning_asphyxiation": "中毒和窒息", "vehicle": "车辆伤害",
    "lifting": "起重伤害", "collapse": "坍塌", "fire": "火灾", "explosion": "爆炸",
    "burn": "灼烫", "other": "其他伤害",
}
# claim descriptions per accident type (the site word is appended)
CLAIM_DESC = {
    "roof_fall": "在井下作业时被冒落的煤矸砸伤", "gas_explosion": "井下发生瓦斯爆炸受伤",
    "flooding": "井下透水被困", "fall_from_height": "高处作业时不慎坠落",
    "struck_by_object": "作业时被坠落物体砸伤", "machinery": "操作设备时被机器绞伤",
    "electrocution": "检修线路时触电", "poisoning_asphyxiation": "进入受限空间作业时中毒窒息",
    "vehicle": "驾驶车辆时发生事故", "lifting": "吊装作业时被吊物砸伤",
    "collapse": "作业时发生坍塌被埋压", "fire": "发生火灾被烧伤", "explosion": "发生爆炸受伤",
    "burn": "作业时被高温物料烫伤", "other": "工作中受伤",
}
SITE_WORDS = {
    "coal_mining": ["井下{n}工作面", "井下{n}回采工作面", "井下{n}掘进工作面", "井下运输大巷"],
    "non_coal_mining": ["采场{n}号掌子面", "露天采场", "{n}号采区", "竖井井筒"],
    "hazardous_chemicals": ["{n}号储罐区", "合成车间", "焦炉{n}号炉", "装卸站台"],
    "metallurgy": ["炼钢车间", "{n}号高炉", "轧钢车间", "铸造车间"],
    "construction": ["{n}号楼施工现场", "{n}#楼工地", "道路施工现场", "基坑施工现场"],
    "transport": ["{road}", "{road}{n}公里处"],
    "fireworks": ["{n}号工房", "药物混合工房", "成品仓库"],
    "manufacturing": ["{n}号车间", "生产车间", "包装车间", "仓库"],
    "other": ["院内", "{n}号库房", "污水处理池", "施工现场"],
}
ROADS = ["G5京昆高速", "G20青银高速", "G55二广高速", "G208国道", "G307国道", "G108国道",
         "S45天黎高速", "G22青兰高速", "G209国道", "S60太佳高速", "G309国道", "S75侯平高速"]

# --------------------------------------------------------------------------- enterprises
ENT_CORES = ["宏达", "鑫源", "金泰", "华盛", "永兴", "晋丰", "恒通", "瑞祥", "兴隆", "裕丰", "昌盛", "富源", "荣达", "泰安", "盛世", "同兴", "东辉", "三元", "天利", "鸿鑫", "宏源", "金鼎", "聚源", "鑫达", "汇丰", "晋阳", "龙泉", "新峰", "万通", "德盛", "宝丰", "信达", "长青", "福顺", "泰和", "顺通", "广源", "中兴", "正大", "海鑫", "华鑫", "明星", "凯达", "晟泰", "鼎盛", "嘉禾", "安泰", "康达", "兴旺", "建新", "大川", "金海", "通达", "盛源", "星火", "汾河", "太行", "吕梁山", "五台山", "沁河", "黄河", "云岗", "恒山", "雁门", "龙城", "晋兴", "华瑞", "金隆", "天成", "银河", "永安", "润丰", "洪福", "博远", "志成", "国泰", "宇通", "东方", "新华", "光明", "利民", "伟业", "诚信", "金地", "恒达", "鑫隆", "宏泰", "华阳", "晋龙", "泰丰", "立新", "亚美", "北辰", "南山", "西山", "东山"]
ENT_KIND = {
    "coal_mining": ["煤业", "煤矿", "矿业", "煤炭"],
    "non_coal_mining": ["矿业", "石料", "铁矿", "铝矾土矿业", "石灰石矿业"],
    "hazardous_chemicals": ["化工", "焦化", "煤化工", "燃气", "气体"],
    "metallurgy": ["钢铁", "铸造", "冶炼", "特钢", "铸业"],
    "construction": ["建筑工程", "建设工程", "建筑安装工程", "市政工程", "路桥工程"],
    "transport": ["运输", "物流", "汽车运输", "货运"],
    "fireworks": ["烟花爆竹", "花炮"],
    "manufacturing": ["机械制造", "水泥", "玻璃", "陶瓷", "食品", "耐火材料", "电气"],
    "other": ["物业管理", "商贸", "环卫服务", "劳务", "仓储", "农业开发"],
}
ENT_SUFFIX = [("有限公司", 0.62), ("有限责任公司", 0.25), ("股份有限公司", 0.06),
              ("集团有限公司", 0.04), ("厂", 0.03)]
COAL_GROUPS = ["山西焦煤集团", "晋能控股集团", "潞安化工集团", "华阳新材料科技集团", "山西兰花集团"]

# --------------------------------------------------------------------------- hospitals
PROVINCIAL_HOSPITALS = [
    ("山西医科大学第一医院", "140106"), ("山西医科大学第二医院", "140107"),
    ("山西白求恩医院", "140105"), ("山西省人民医院", "140106"),
    ("太原钢铁（集团）有限公司总医院", "140108"), ("山西省中医院", "140106"),
    ("西山煤电集团职工总医院", "140109"),
]
MINING_HOSPITALS = [
    ("阳泉煤业集团总医院", "140302"), ("晋城煤业集团总医院", "140502"),
    ("潞安集团总医院", "140404"), ("大同煤矿集团有限责任公司总医院", "140214"),
    ("汾西矿业集团总医院", "140781"), ("霍州煤电集团总医院", "141082"),
]

# --------------------------------------------------------------------------- names
# char:pinyin (toneless); every character used anywhere in names appears here
_PINYIN = """
王wang 汪wang 李li 黎li 栗li 张zhang 章zhang 刘liu 柳liu 陈chen 杨yang 阳yang 扬yang 洋yang
赵zhao 郭guo 国guo 果guo 吴wu 武wu 伍wu 周zhou 舟zhou 徐xu 许xu 续xu 孙sun 马ma 朱zhu
胡hu 高gao 郜gao 何he 贺he 赫he 林lin 琳lin 霖lin 罗luo 郑zheng 正zheng 梁liang 良liang
谢xie 宋song 唐tang 韩han 含han 涵han 晗han 冯feng 封feng 邓deng 曹cao 彭peng 朋peng
曾zeng 肖xiao 萧xiao 田tian 董dong 袁yuan 潘pan 于yu 余yu 俞yu 蒋jiang 江jiang 姜jiang
蔡cai 杜du 叶ye 程cheng 成cheng 承cheng 诚cheng 苏su 魏wei 卫wei 韦wei 吕lv 丁ding 任ren
沈shen 申shen 姚yao 尧yao 卢lu 崔cui 钟zhong 忠zhong 中zhong 谭tan 陆lu 范fan 樊fan 金jin
锦jin 石shi 施shi 史shi 廖liao 贾jia 夏xia 付fu 傅fu 方fang 芳fang 白bai 邹zou 孟meng
熊xiong 秦qin 琴qin 勤qin 邱qiu 尹yin 薛xue 雪xue 学xue 闫yan 阎yan 严yan 颜yan 段duan
雷lei 蕾lei 侯hou 候hou 龙long 隆long 陶tao 顾gu 毛mao 郝hao 龚gong 邵shao 万wan 钱qian
戴dai 孔kong 向xiang 常chang 乔qiao 桥qiao 霍huo 牛niu 温wen 裴pei 冀ji 纪ji 季ji 郎lang
柴chai 岳yue 靳jin 晋jin 尉yu 聂nie 祁qi 耿geng 党dang 荆jing 宁ning 亢kang 翟zhai 吉ji
苗miao 康kang 安an 齐qi 单shan 解xie 区ou 仇qiu 查zha 盖ge 乐yue 朴piao 焦jiao 尚shang
景jing 邢xing 庞pang 殷yin 毕bi 郄qie 智zhi 阴yin 暴bao 巩gong 米mi 原yuan 畅chang 闻wen
建jian 剑jian 健jian 志zhi 智zhi 治zhi 永yong 勇yong 涌yong 文wen 雯wen 海hai 明ming
铭ming 鸣ming 德de 保bao 宝bao 葆bao 玉yu 宇yu 雨yu 语yu 钰yu 长chang 红hong 宏hong
虹hong 洪hong 春chun 纯chun 新xin 欣xin 鑫xin 馨xin 心xin 立li 丽li 莉li 俐li 利li 力li
向xiang 晓xiao 小xiao 二er 三san 俊jun 骏jun 峻jun 军jun 君jun 均jun 振zhen 珍zhen
庆qing 青qing 清qing 福fu 兴xing 星xing 世shi 云yun 芸yun 贵gui 桂gui 喜xi 满man 有you
友you 树shu 淑shu 书shu 丰feng 峰feng 锋feng 枫feng 凤feng 爱ai 东dong 冬dong 栋dong
平ping 萍ping 华hua 桦hua 骅hua 花hua 强qiang 伟wei 玮wei 炜wei 维wei 威wei 生sheng
胜sheng 升sheng 刚gang 钢gang 亮liang 斌bin 彬bin 滨bin 民min 敏min 山shan 荣rong
蓉rong 容rong 虎hu 锁suo 栓shuan 拴shuan 旺wang 才cai 财cai 发fa 全quan 泉quan 杰jie
洁jie 捷jie 辉hui 晖hui 慧hui 惠hui 涛tao 韬tao 波bo 博bo 兵bing 冰bing 根gen 元yuan
园yuan 源yuan 磊lei 超chao 鹏peng 飞fei 菲fei 毅yi 义yi 凯kai 楷kai 晨chen 辰chen
臣chen 子zi 紫zi 梓zi 浩hao 昊hao 皓hao 豪hao 嘉jia 佳jia 家jia 一yi 天tian 思si
睿rui 瑞rui 锐rui 泽ze 轩xuan 萱xuan 宣xuan 然ran 冉ran 航hang 杭hang 帅shuai 旭xu
哲zhe 琦qi 琪qi 淇qi 帆fan 翔xiang 祥xiang 秀xiu 素su 彩cai 翠cui 月yue 悦yue 越yue
巧qiao 兰lan 岚lan 蓝lan 英ying 瑛ying 莹ying 颖ying 梅mei 玫mei 美mei 娥e 香xiang
湘xiang 莲lian 连lian 玲ling 铃ling 娟juan 鹃juan 艳yan 燕yan 雁yan 妍yan 霞xia 侠xia
芬fen 枝zhi 芝zhi 静jing 靖jing 婧jing 晶jing 京jing 婷ting 亭ting 娜na 丹dan 诗shi
可ke 雅ya 梦meng 婉wan 若ruo 怡yi 彤tong 童tong 瑶yao 遥yao 璐lu 露lu 路lu 茜qian
倩qian 楠nan 南nan 宁ning 武wu 银yin 甜tian 慧hui
"""
PINYIN: dict[str, str] = {}
for _tok in _PINYIN.split():
    PINYIN[_tok[0]] = _tok[1:]

# alternative readings of surnames that are commonly mis-transliterated
ALT_READING = {"单": "dan", "曾": "ceng", "解": "jie", "区": "qu", "仇": "chou", "查": "cha",
               "盖": "gai", "乐": "le", "朴": "pu", "尉": "wei"}

# top-10 surnames with shares (%), then the rest in rank order
SURNAME_TOP10 = [("王", 7.1), ("李", 7.0), ("张", 6.4), ("刘", 5.2), ("陈", 4.3), ("杨", 3.0),
                 ("赵", 2.6), ("郭", 2.0), ("吴", 1.8), ("周", 1.6)]
SURNAME_11_100 = list(
    "孙马高梁韩武贾胡朱徐任田董冯史宋程闫段薛郝乔侯许白孟曹彭秦何林罗郑谢唐邓曾肖袁潘于蒋蔡"
    "余杜叶苏魏吕丁沈姚卢姜崔钟陆范金石贺常夏付方雷尹邱江毛顾龚邵万钱严戴孔向陶龙谭廖熊邹牛"
)
SURNAME_TAIL = list("霍卫阎申温樊裴冀郎柴岳靳晋尉续郜栗聂祁耿党荆宁亢翟吉苗康安齐单解区仇查盖乐朴焦尚"
                    "景邢庞殷毕郄智阴暴巩米原畅闻")

# given-name pools: (first chars, second chars, single chars) per sex and cohort
GIVEN_POOLS: dict[tuple[str, str], tuple[str, str, str]] = {
    ("M", "old"): ("建国志永文海明德保金玉长红春新立卫向晓小二三俊振宏学庆福兴忠世云贵宝喜满有树丰爱东",
                   "军平华强明伟林峰生刚亮斌东民成忠武文国江山荣龙虎锁栓旺才发喜贵福宝全胜利勇杰辉涛波兵庆根元",
                   "伟强军勇刚平斌涛杰磊明辉华峰亮波超鹏兵林龙东飞健彬毅锋凯雷敏宁晖"),
    ("M", "young"): ("子浩宇俊嘉梓一博天思睿家佳雨明晨皓志泽欣文",
                     "轩宇涵睿泽然航博阳豪杰辰浩凯鑫磊伟鹏翔昊晨彬琦帆源",
                     "浩宇鑫磊凯鹏帅超杰阳旭昊晨航博睿哲琦涛飞"),
    ("F", "old"): ("秀桂玉凤淑丽春美红金素彩翠月巧兰海爱小晓建文雪艳",
                   "英兰珍芳花梅琴荣萍霞云娥香莲平华凤玲娟红艳燕敏丽清芬枝",
                   "丽静敏燕艳芳娟霞红玲梅萍英琴慧洁颖婷莉娜丹晶雪兰华云青"),
    ("F", "young"): ("欣子雨梓思佳诗一语可雅晓梦婉心若紫文静",
                     "怡涵萱琪彤悦妍琳雯菲璐瑶婷欣然茜颖宁洁冉",
                     "婷静丹悦琳璐瑶倩洁雪敏颖欣怡楠佳妍"),
}

# homophone groups: a careless clerk or an input method swaps within a group
HOMOPHONES = ("王汪 李黎栗 张章 刘柳 杨阳扬 吴武伍 周舟 徐许续 郭国果 高郜 何贺 林琳霖 梁良 韩含涵晗 "
              "冯封 程成承诚 于余俞 蒋江姜 苏 魏卫韦 沈申 姚尧 钟忠中 范樊 金锦 石施史 秦琴勤 薛雪学 "
              "闫阎严颜 雷蕾 侯候 龙隆 冀纪季 付傅 肖萧 乔桥 "
              "伟玮炜维威 丽莉俐利立力 军君均 刚钢 静靖婧晶 红宏虹洪 华桦骅 涛韬 峰锋丰枫 杰洁捷 "
              "明铭鸣 平萍 燕艳雁妍 芳方 英瑛莹颖 兰岚蓝 玲铃 娟鹃 斌彬滨 鹏朋 勇永涌 辉晖慧惠 "
              "东冬栋 庆青清 建剑健 志智治 文雯 新欣鑫馨心 春纯 宝保葆 贵桂 荣蓉容 云芸 霞侠 敏民 "
              "梅玫 晓小 宇雨语玉钰 浩昊皓豪 亮良 婷亭 倩茜 琪琦淇 悦月越 萱轩宣 瑶遥 璐露路 楠南 "
              "晨辰臣 睿瑞锐 航杭 翔祥 凯楷 菲飞 俊骏峻 栓拴 才财 全泉 生升胜 元园源 兵冰 淑书树 "
              "彤童 冉然 紫子梓 佳嘉家 义毅")

TRADITIONAL = ("张張 刘劉 陈陳 赵趙 杨楊 吴吳 郑鄭 冯馮 韩韓 许許 邓鄧 孙孫 马馬 罗羅 谢謝 贾賈 卫衛 "
               "乔喬 闫閆 钟鍾 苏蘇 叶葉 吕呂 卢盧 陆陸 龙龍 顾顧 龚龔 万萬 钱錢 严嚴 "
               "伟偉 丽麗 军軍 强強 华華 红紅 国國 东東 凤鳳 兰蘭 艳艷 鹏鵬 涛濤 辉輝 庆慶 贵貴 "
               "荣榮 宝寶 杰傑 飞飛 刚剛 凯凱 宁寧 锋鋒 晓曉 云雲 颖穎 静靜 洁潔 发發 帅帥 阳陽 "
               "泽澤 轩軒 银銀 锁鎖 兴興 学學 爱愛 满滿 树樹 丰豐 长長 义義 书書 纪紀 韦韋 萧蕭 "
               "园園 温溫 聂聶 党黨 齐齊 单單 区區 乐樂 庞龐 毕畢 巩鞏 闻聞")

# --------------------------------------------------------------------------- death causes
NATURAL_CAUSES_DEREG = [("病故", 0.5), ("病死", 0.08), ("正常死亡", 0.1), ("", 0.27),
                        ("老死", 0.05)]
NATURAL_CAUSES_CERT = [("脑出血", 0.1), ("脑梗死", 0.13), ("冠心病", 0.1), ("急性心肌梗死", 0.07),
                       ("肺癌", 0.08), ("肝癌", 0.04), ("胃癌", 0.04), ("食管癌", 0.03),
                       ("慢性阻塞性肺疾病", 0.09), ("心力衰竭", 0.06), ("呼吸循环衰竭", 0.07),
                       ("多器官功能衰竭", 0.04), ("肺部感染", 0.04), ("糖尿病", 0.02),
                       ("尿毒症", 0.02), ("尘肺病", 0.01), ("老年性死亡", 0.03),
                       ("病故", 0.03)]
DISGUISE_CAUSES_DEREG = [("病故", 0.45), ("猝死", 0.2), ("突发疾病", 0.1), ("", 0.2),
                         ("心脏病", 0.05)]
DISGUISE_CAUSES_CERT = [("猝死", 0.3), ("心源性猝死", 0.2), ("突发疾病", 0.15),
                        ("急性心肌梗死", 0.1), ("脑出血", 0.1), ("病故", 0.1), ("", 0.05)]
TRAUMA_CAUSES_CERT = [("颅脑损伤", 0.35), ("多发伤", 0.25), ("失血性休克", 0.1),
                      ("创伤性休克", 0.1), ("胸腹联合伤", 0.05), ("重型颅脑损伤", 0.15)]
ACC_CAUSE_CERT = {
    "gas_explosion": "一氧化碳中毒", "flooding": "溺水", "electrocution": "电击伤",
    "poisoning_asphyxiation": "中毒窒息", "fire": "烧伤", "burn": "烧伤", "collapse": "机械性窒息",
}
