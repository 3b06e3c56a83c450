"""Blind synthetic-data generator no. 9: Inner Mongolia (内蒙古自治区).

Written from the data contract and the domain notes only; see ``generate.py``.
"""
