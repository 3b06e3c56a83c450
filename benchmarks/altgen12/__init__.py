"""Blind synthetic-data generator of a Shanxi (region 14) world for crosscheck (altgen12)."""
