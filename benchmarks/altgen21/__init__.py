"""altgen21: an independent synthetic Yunnan 2024 world for the crosscheck record-linkage benchmark.

Built only from the data contract and the domain brief. ``python -m benchmarks.altgen21.generate
--out DIR --scale S --seed N`` writes every contract source plus ``truth/``.
"""
