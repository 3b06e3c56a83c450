"""Blind synthetic generator #20: a Guizhou province, second half of 2023, written from the contract and domain brief only."""
