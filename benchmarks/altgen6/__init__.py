"""altgen6: an independent synthetic generator of crosscheck input sources and their truth.

Written blind from the data contract and the domain brief only. Run as
``python -m benchmarks.altgen6.generate --out DIR --scale S --seed N``.
"""
