"""altgen8: an independent, blind synthetic-data generator for crosscheck (Guizhou province).

Written from the data contract and the domain brief only; see ``generate.py`` for the entry
point (``python -m benchmarks.altgen8.generate --out DIR --scale S --seed N``).
"""
