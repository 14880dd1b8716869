"""Importing union records (台账) from Excel: one framework for every record type.

spec       what a record type declares: columns, how a row becomes a record, how records are written
registry   the record types, found in each app's `importers` module
cells      cell parsers beyond the roster's (money, counts, percentages)
headers    the header row (one or two rows, merged cells), and the suggested header mapping
reader     the file opened within bounds; data rows, skipping totals, footers and blank rows
members    finding members by ID number, or by name and branch, for record types that name them
plan       rows → records to write, or per-cell Chinese messages; ambiguous recipients
apply      `apply_import(import_obj, actor)`: all rows in one transaction, or none
services   upload → (mapping, resolving) → confirm; the command's path; the error workbook
"""
