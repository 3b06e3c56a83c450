"""Vectorised normalisers for identities: resident IDs, USCCs, names, dates, sex, regions."""
