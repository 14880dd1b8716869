"""Importing union records (台账) from Excel: one framework for every record type, the member
roster included (members/importers.py: the roster's hooks on the same pipeline).

spec       what a record type declares: columns, how a row becomes a record, how records are
           written; and the hooks of a type with needs of its own
registry   the record types, found in each app's `importers` module
cells      one cell → one value or a Chinese message (text, ID number, phone, dates, choices,
           money, counts, percentages, names)
headers    the header row (one or two rows, merged cells), and the suggested header mapping
reader     the file checked and opened within bounds; data rows, skipping totals, footers, blanks
members    finding members by ID number, or by name and branch, for record types that name them
plan       rows → records to write (or to update, or unchanged), per-cell messages, questions
preview    the plan as JSON for the preview page; the rows as one viewer may see them
apply      `apply_import(import_obj, actor)`: all rows in one transaction, or none
services   upload → (mapping, resolving) → confirm; the command's path; the error workbook
errors_xlsx, template   the error workbook and the template of every type
gcpause    the cyclic garbage collector paused while 50,000 rows are read and written
"""
