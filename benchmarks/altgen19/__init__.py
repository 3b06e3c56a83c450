"""Blind synthetic-data generator no. 19: Inner Mongolia 2024, coal, rare earth and metals."""
