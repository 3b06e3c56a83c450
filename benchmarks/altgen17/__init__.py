"""altgen17 — a blind synthetic world of Shanxi (2022–2023, exports as of 2024-03-31) for
crosscheck: coal, coking and chemicals, non-coal mines, construction, metallurgy and fireworks,
the background deaths and injuries of the whole province, reported accidents and the ones that
were concealed or under-reported. Written from the data contract and the domain notes only.

Run ``python -m benchmarks.altgen17.generate --out DIR --scale S --seed N``.
"""
