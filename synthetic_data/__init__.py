"""Synthetic province data with ground truth, following the data contract."""
