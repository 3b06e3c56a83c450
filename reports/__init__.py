"""Audit reports, lead dossiers and the lead workbook."""
