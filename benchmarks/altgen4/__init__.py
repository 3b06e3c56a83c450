"""altgen4: a blind synthetic-data generator for crosscheck, written only from the spec.

Run it as ``python -m benchmarks.altgen4.generate --out DIR --scale S --seed N``.
"""
