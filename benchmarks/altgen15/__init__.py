"""altgen15: a blind synthetic world for crosscheck, built only from the data contract and the
domain brief, to test whether crosscheck generalises to data it has never seen.

Run: ``python -m benchmarks.altgen15.generate --out DIR --scale S --seed N`` (scale 1.0 is
roughly a province-year: ~3.4 M persons, 2 min, 4.5 GB; 0.2 takes ~25 s and ~1.2 GB).

The world — Hebei province, 2024, exports as of 2025-03-31:
- real county codes (13xxxx) and the retired ones still printed in older people's IDs; migrant
  workers registered in Henan, Shandong, Shanxi, Sichuan, Anhui, Inner Mongolia (no Hebei
  household record, so no deregistration); Jing-Jin-Ji funeral homes in Beijing and Tianjin;
- steel and coking around Tangshan (Qian'an, Fengnan), Wu'an and Xingtai; iron-ore mines and
  quarries (Qian'an, Qianxi, Wu'an, She county, Chengde); coal around Fengfeng and Kailuan;
  chemicals in Cangzhou's Bohai New Area, Shijiazhuang and Caofeidian; the Xiong'an building
  boom (Rongcheng, Anxin, Xiong county) with labour subcontractors; informal fireworks workshops
  registered as paper-products workshops (manufacturing, not supervised) in rural Xingtai,
  Hengshui and Cangzhou; manufacturing and logistics everywhere (Langfang, Baoding, Handan);
- labour-dispatch companies whose workers stand in steel plants, mines and chemical works while
  their insurance names the dispatcher.

Incidents (truth ``kind``): ``reported`` honestly (all casualties named, claims filed);
``under_reported`` — counted to stay under a grade line (3–5 dead, 2 reported; once per
province-fifth 10–12 dead, 9 reported), an injured victim who dies 3–28 days later (2–7 for road
transport and fire) and is never added, an informal worker who is never named, a death named as
an injury; ``concealed`` — one or several dead, dead and injured, or only seriously injured.

How a hidden death is recorded (the ``hidden_by_mode`` counts of the stats):
- ``home_illness``: taken home, cremated within a day at the home county's (or a neighbouring)
  funeral home as 病故/猝死/心脏病, certificate from the community or nobody, body from 家中;
- ``moved_far``: cremated the next day in another city, away from both the employer and the
  registration, as 猝死/呼吸心跳骤停/不详, no hospital certificate (several dead of one incident
  go to the same far funeral home);
- ``hospital``: an emergency death with a trauma diagnosis but a vague, missing or false
  external cause (X59.9, W19.9, W01.0 at home), self-pay, no employer; several victims share
  the hospital;
- ``traffic`` (hard): a staged road death — V-coded emergency record in a neighbouring county
  hours later, 交通事故 on the register and the certificate;
- ``other_employer`` (hard): a 工亡 claim filed under a labour company or another firm, with a
  vague description and sometimes a shifted injury date;
- ``migrant`` (hardest): registered in another province, cremated fast with the ID missing or
  wrong and the name often misspelt; 15 % are taken home and leave no Hebei record at all.
Victims are enrolled with the employer (a quarter of them with the spell ended just before the
accident), enrolled with a dispatcher or subcontractor, or on no books at all; private
settlements mean no claim.

Hard negatives, the large majority: ~68,000 natural deaths at scale 0.2 (elderly, hospital or
home, with fast cremations — a 1–2 day cremation is common in Hebei — and illness causes),
natural deaths of working-age workers of high-risk employers (several times the hidden deaths),
recognised work deaths without any accident (sudden illness at the post, commuting crashes),
rejected claims, road deaths (some with two dead of one car), suicides (pesticide, hanging),
elderly falls, winter coal-stove carbon monoxide killing families, drownings, deaths at sites
that are no production-safety accident (a jump from an unfinished building, a cable thief, a
child in a flooded foundation pit), routine work injuries with claims, and ~280,000 injury
encounters of the hospitals' background.

Data quality: ID numbers missing (often at funeral homes and emergency admissions), 15-digit
legacy (only for people born before 1985), lower-case x, wrong check character, one mistyped
or two transposed digits, typos that keep the check valid, a relative's ID borrowed for
enrolment, IDs a register gave twice; names in traditional characters, homophones, swapped,
dropped or doubled characters, stray spaces and middle dots, pinyin (hospitals and funeral
homes), 无名氏 for unknown emergency patients; nominal ages (虚岁); sex as M/F, 男/女, 1/2 or
empty; dates as ISO, ``YYYY/M/D``, ``YYYYMMDD`` and ``YYYY年M月D日`` (each funeral home and police
station its own); USCCs missing, mistyped, or wrong in the register itself (~3 %); enterprise
names abbreviated in hospital records; duplicated deregistrations, cremation re-exports and
hospital double exports. Deliberately bad rows: ~0.05 % of employment spells have an end date a
decade before their start (a mistyped year), counted in the stats' ``bad_rows``. Everything
else stays within the contract's values.
"""
