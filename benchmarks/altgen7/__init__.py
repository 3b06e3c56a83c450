"""altgen7: an independent synthetic generator of Shanxi-like cross-department records.

It writes every source of the crosscheck data contract plus a `truth/` folder, with a
background population (natural and non-occupational deaths, ordinary work injuries, injury
encounters, employment spells) and concealed / under-reported / honestly reported production
safety incidents.  Entry point: :func:`benchmarks.altgen7.generate.generate`.
"""
