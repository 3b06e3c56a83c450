"""Blind synthetic-data generator (altgen5) written from the crosscheck spec only."""
