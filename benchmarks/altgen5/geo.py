"""Shanxi administrative divisions (GB/T 2260, county level), hospitals and funeral homes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# city code: (city name, population in millions, coal weight, counties "code name ...")
_CITIES: dict[str, tuple[str, float, float, str]] = {
    "1401": ("太原", 5.4, 0.5, "140105小店区 140106迎泽区 140107杏花岭区 140108尖草坪区 "
             "140109万柏林区 140110晋源区 140121清徐县 140122阳曲县 140123娄烦县 140181古交市"),
    "1402": ("大同", 3.1, 1.2, "140212新荣区 140213平城区 140214云冈区 140215云州区 "
             "140221阳高县 140222天镇县 140223广灵县 140224灵丘县 140225浑源县 140226左云县"),
    "1403": ("阳泉", 1.3, 1.5, "140302城区 140303矿区 140311郊区 140321平定县 140322盂县"),
    "1404": ("长治", 3.2, 1.5, "140403潞州区 140404上党区 140405屯留区 140406潞城区 "
             "140423襄垣县 140425平顺县 140426黎城县 140427壶关县 140428长子县 140429武乡县 "
             "140430沁县 140431沁源县"),
    "1405": ("晋城", 2.2, 1.8, "140502城区 140521沁水县 140522阳城县 140524陵川县 "
             "140525泽州县 140581高平市"),
    "1406": ("朔州", 1.6, 1.6, "140602朔城区 140603平鲁区 140621山阴县 140622应县 "
             "140623右玉县 140681怀仁市"),
    "1407": ("晋中", 3.4, 1.0, "140702榆次区 140703太谷区 140721榆社县 140722左权县 "
             "140723和顺县 140724昔阳县 140725寿阳县 140727祁县 140728平遥县 140729灵石县 "
             "140781介休市"),
    "1408": ("运城", 4.8, 0.2, "140802盐湖区 140821临猗县 140822万荣县 140823闻喜县 "
             "140824稷山县 140825新绛县 140826绛县 140827垣曲县 140828夏县 140829平陆县 "
             "140830芮城县 140881永济市 140882河津市"),
    "1409": ("忻州", 2.7, 0.8, "140902忻府区 140903定襄县 140922五台县 140923代县 "
             "140924繁峙县 140925宁武县 140926静乐县 140927神池县 140928五寨县 140929岢岚县 "
             "140930河曲县 140931保德县 140932偏关县 140981原平市"),
    "1410": ("临汾", 4.0, 1.1, "141002尧都区 141021曲沃县 141022翼城县 141023襄汾县 "
             "141024洪洞县 141025古县 141026安泽县 141027浮山县 141028吉县 141029乡宁县 "
             "141030大宁县 141031隰县 141032永和县 141033蒲县 141034汾西县 141081侯马市 "
             "141082霍州市"),
    "1411": ("吕梁", 3.4, 1.3, "141102离石区 141121文水县 141122交城县 141123兴县 "
             "141124临县 141125柳林县 141126石楼县 141127岚县 141128方山县 141129中阳县 "
             "141130交口县 141181孝义市 141182汾阳市"),
}
# other provinces' counties that send migrant workers (hukou outside Shanxi)
OUT_PROVINCE = ["410522", "410323", "411521", "412702", "510129", "511323", "620421", "620522",
                "130423", "130528", "150121", "150221", "610824", "610528", "340321", "341221"]
TOWN_WORDS = list("东西南北前后上下大小新老李王张刘杨马赵高柳石河沟峪庄堡")
VILLAGE_WORDS = ["家庄", "家沟", "家峪", "家堡", "村", "家河", "家坪", "家岭", "家湾", "家窑"]


@dataclass
class Geo:
    county_codes: np.ndarray  # str
    county_names: np.ndarray
    county_city: np.ndarray  # 4-digit city code per county
    county_pop_w: np.ndarray  # population weight
    county_coal_w: np.ndarray
    city_codes: list[str]
    city_names: dict[str, str]
    hospitals: list[tuple[str, str]]  # (name, county code)
    hospital_by_county: dict[str, list[int]]
    hospital_by_city: dict[str, list[int]]
    funeral_homes: list[tuple[str, str]]
    funeral_by_city: dict[str, list[int]]

    def county_name(self, code: str) -> str:
        i = int(np.searchsorted(self.county_codes, code))
        if i < len(self.county_codes) and self.county_codes[i] == code:
            return str(self.county_names[i])
        return ""


def build_geo() -> Geo:
    codes: list[str] = []
    names: list[str] = []
    cities: list[str] = []
    popw: list[float] = []
    coalw: list[float] = []
    city_names: dict[str, str] = {}
    for city, (cname, pop, coal, counties) in _CITIES.items():
        city_names[city] = cname
        toks = counties.split()
        for t in toks:
            codes.append(t[:6])
            names.append(t[6:])
            cities.append(city)
            popw.append(pop / len(toks))
            coalw.append(coal * pop / len(toks))
    order = np.argsort(codes)
    cc = np.array(codes)[order]
    cn = np.array(names)[order]
    cy = np.array(cities)[order]
    pw = np.array(popw)[order]
    cw = np.array(coalw)[order]
    hospitals: list[tuple[str, str]] = []
    for code, name in zip(cc, cn, strict=True):
        hospitals.append((f"{name}人民医院", str(code)))
    for city, cname in city_names.items():
        seat = str(cc[cy == city][0])
        hospitals.append((f"{cname}市人民医院", seat))
        hospitals.append((f"{cname}市中心医院", seat))
        hospitals.append((f"{cname}市第二人民医院", seat))
    hospitals += [("山西医科大学第一医院", "140106"), ("山西白求恩医院", "140108"),
                  ("阳泉煤业集团总医院", "140302"), ("潞安集团总医院", "140406"),
                  ("晋城煤业集团总医院", "140502"), ("同煤集团总医院", "140213"),
                  ("汾西矿务局总医院", "141181"), ("霍州煤电集团总医院", "141082")]
    hosp_county: dict[str, list[int]] = {}
    hosp_city: dict[str, list[int]] = {}
    for i, (_, code) in enumerate(hospitals):
        hosp_county.setdefault(code, []).append(i)
        hosp_city.setdefault(code[:4], []).append(i)
    funerals: list[tuple[str, str]] = []
    for city, cname in city_names.items():
        seat = str(cc[cy == city][0])
        funerals.append((f"{cname}市殡仪馆", seat))
        sub = cc[cy == city]
        for k in range(1, len(sub), 3):
            funerals.append((f"{cn[cc == sub[k]][0]}殡仪馆", str(sub[k])))
    fun_city: dict[str, list[int]] = {}
    for i, (_, code) in enumerate(funerals):
        fun_city.setdefault(code[:4], []).append(i)
    return Geo(cc, cn, cy, pw / pw.sum(), cw / cw.sum(), list(city_names), city_names,
               hospitals, hosp_county, hosp_city, funerals, fun_city)
