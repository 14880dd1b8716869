"""What the roster import has of its own; the rest is the one import framework (imports/).

columns   the roster's columns (imports.spec.Column): field, header, parser, aliases
rows      a row against the roster: add, update (the changed fields), unchanged, or messages
apply     the transactional bulk writes (records.bulk_write), with their audit entries

The record type that ties them to the framework is members/importers.py.
"""
