"""crosscheck's record-linkage engine: domain-free.

Normalisers, blocking, comparisons, the Fellegi–Sunter model, clustering and
explanations. Nothing here knows about accidents; the accident knowledge lives
in :mod:`pipelines`.
"""
