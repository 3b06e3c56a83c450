"""altgen11: an independent, blind synthetic-data generator for crosscheck (Shanxi province, 14).

Written from the data contract and the domain brief only. Entry point:
``python -m benchmarks.altgen11.generate --out DIR --scale S --seed N``.
"""
