"""altgen18: a blind synthetic world of Shaanxi (61) in 2025 for crosscheck benchmarks.

Written from the data contract and the domain notes only; see :mod:`.generate`.
"""
