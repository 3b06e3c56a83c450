"""altgen3: a blind, independent synthetic-data generator for crosscheck.

Written only from the data contract and the domain brief; see README.md.
"""
