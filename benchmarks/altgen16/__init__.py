"""altgen16 — a blind synthetic world for crosscheck: Sichuan and the Chongqing districts on its
border (region codes 51 and 50), 2024, extracts taken 2025-03-31.

The world
- Gas-prone small coal mines in the south (Yibin 珙县/筠连/高县, Luzhou 古蔺/叙永, Guang'an
  华蓥/邻水, Dazhou, the Chongqing border districts); lead-zinc, copper, iron and lithium mines and
  quarries (Liangshan, Panzhihua, Ganzi, Ya'an); hydropower, highway and tunnel projects in the
  western mountains (Ganzi, Aba, Liangshan, Ya'an) run by (fictional) central contractors through
  project departments (…集团有限公司…高速公路…项目经理部) and labour subcontractors from Liangshan,
  the labour-exporting counties, Chongqing, Guizhou and Yunnan; natural-gas and chemical plants
  (Luzhou, Dazhou 宣汉, Zigong, Leshan 五通桥, 长寿), steel and vanadium-titanium (Panzhihua), baijiu
  distilleries, road transport. No fireworks.
- People: Han names (Sichuan dialect homophones 陈/程, 黄/王, 胡/付, 刘/牛), Yi names (阿的木呷,
  吉克阿依; some Yi also go by a Han name at work) and Tibetan names (扎西多吉, 泽仁拉姆), written
  with or without a middle dot and with different homophone characters by different departments.
  IDs carry pre-renaming county codes (500223 for 潼南, 522422 for 大方…); a few pairs of persons
  share one ID; some people are registered twice (重户) and deregistered twice.
- Coverage: household registers (deregistrations) exist for Sichuan and the covered Chongqing
  districts only, so migrants from Guizhou, Yunnan and the rest of Chongqing leave no
  deregistration; Yi and Tibetan funerals and rural Han burials leave no cremation record.

Background (hard negatives included): natural deaths (a few with earlier falls); illness deaths
of enrolled high-risk workers; pneumoconiosis deaths of former miners with a recognised work
death claim; sudden deaths at work recognised as work deaths (视同工亡); traffic deaths (a quarter
of them workers, some on the way to work with a 工亡 claim), falls, drowning, carbon monoxide at
home in winter, electric shocks at home, pesticide poisoning; people declared dead; living
enrolled workers; minor work injuries (claims, short stays, none needing a report); hospital
injury encounters of all kinds.

Incidents: reported honestly (late deaths within the window added), under-reported (a count
held just below a grade line — 2, 9, 29 —, an injured victim who died within 30 days, 7 for road
transport and fire, never added, a dead victim left out or listed as seriously injured), and
concealed outright. A hidden death is disguised as illness (病故/猝死, fast far cremation on a
community certificate), as a traffic death (V-coded hospital record), settled privately (no
claim), or the body is taken to the home county; employers sometimes end the victim's
insurance spell before the accident.

Formats: accidents and accident_victims UTF-8 CSV; deregistrations GB18030 CSV (YYYYMMDD in
Sichuan, ISO in Chongqing, sex 男/女); cremations UTF-8-with-BOM CSV (each funeral home its own
date style); injury_claims GB18030 CSV; medical_records and employment typed Parquet (sex 1/2
in hospitals); enterprises UTF-8-with-BOM CSV. Canonical headers; truth/ per the contract.
"""
