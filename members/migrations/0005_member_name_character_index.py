"""An index of the characters of members' names, for the roster's infix search
(members/name_search.py): a GIN expression index on PostgreSQL, a side table kept by
triggers on SQLite. Nothing in the models' state changes."""

from django.db import migrations

POSITIONS = 1000  # characters of a name the SQLite triggers index (the field allows 50)

PG_CREATE = (
    "CREATE INDEX IF NOT EXISTS member_name_chars_gin ON members_member "
    "USING gin (string_to_array(UPPER(name::text), NULL))"
)
PG_DROP = "DROP INDEX IF EXISTS member_name_chars_gin"

_CHARS_OF_NEW = (
    "INSERT OR IGNORE INTO members_name_char (union_id, ch, member_id) "
    "SELECT NEW.union_id, upper(substr(NEW.name, n, 1)), NEW.id "
    "FROM members_name_position WHERE n <= length(NEW.name);"
)
SQLITE_CREATE = [
    "CREATE TABLE members_name_char (union_id INTEGER NOT NULL, ch TEXT NOT NULL, "
    "member_id INTEGER NOT NULL, PRIMARY KEY (union_id, ch, member_id)) WITHOUT ROWID",
    "CREATE INDEX members_name_char_member ON members_name_char (member_id)",
    "CREATE TABLE members_name_position (n INTEGER PRIMARY KEY)",
    "WITH RECURSIVE p(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM p WHERE n < %d) "
    "INSERT INTO members_name_position SELECT n FROM p" % POSITIONS,
    "CREATE TRIGGER members_name_char_insert AFTER INSERT ON members_member BEGIN "
    + _CHARS_OF_NEW
    + " END",
    "CREATE TRIGGER members_name_char_update AFTER UPDATE OF name, union_id ON members_member BEGIN "
    "DELETE FROM members_name_char WHERE member_id = OLD.id; " + _CHARS_OF_NEW + " END",
    "CREATE TRIGGER members_name_char_delete AFTER DELETE ON members_member BEGIN "
    "DELETE FROM members_name_char WHERE member_id = OLD.id; END",
    "INSERT OR IGNORE INTO members_name_char (union_id, ch, member_id) "
    "SELECT m.union_id, upper(substr(m.name, p.n, 1)), m.id "
    "FROM members_member m JOIN members_name_position p ON p.n <= length(m.name)",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS members_name_char_insert",
    "DROP TRIGGER IF EXISTS members_name_char_update",
    "DROP TRIGGER IF EXISTS members_name_char_delete",
    "DROP TABLE IF EXISTS members_name_position",
    "DROP TABLE IF EXISTS members_name_char",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_CREATE)
    elif vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DROP)
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("members", "0004_cadre")]

    operations = [migrations.RunPython(create, drop)]
