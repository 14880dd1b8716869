"""Importing the member roster (会员花名册) from an Excel .xlsx file.

columns   the columns understood: header, field, parser, aliases
cells     one cell → one value, or a message
reader    file safety checks; header detection; rows from openpyxl read-only
validate  a row → field values or per-cell messages; the cross-field rules of the form
plan      adds, updates (with changed fields), unchanged, invalid rows, against the roster
apply     the transactional bulk writes, with audit entries
preview   the plan as JSON for the preview page
services  upload → preview → confirm, and the error workbook
template  the downloadable template; errors_xlsx: the downloadable error workbook
"""
