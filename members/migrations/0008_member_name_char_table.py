"""The character index of names as one table on both databases (members.name_chars), kept
by triggers: each distinct character of a member's upper-cased name, with the name and the
columns the roster filters by. It replaces 0005's GIN index (PostgreSQL), which found the
rows but left the count and the order by name to the member table: 5,000 heap pages and a
sort of 19,000 rows for 王 among 200,000 members.

PostgreSQL: inserts and deletes by statement-level triggers over the transition table, so a
COPY of 50,000 members costs one INSERT … SELECT; updates by a row trigger that runs only
when a mirrored column changes (WHEN), so the import's updates of phones cost nothing.
SQLite: row triggers, as in 0005.
"""

import importlib

from django.db import migrations, models

# Columns after (union_id, ch, name, member_id), as members_member names them: those the
# roster filters and sorts by.
MIRRORED = [
    "branch_id",
    "status",
    "gender",
    "is_migrant_worker",
    "joined_on",
    "status_date",
    "birth_date",
]
_COLS = ", ".join(MIRRORED)
_WATCHED = ["name", "union_id", "id", *MIRRORED]


def _of(alias):
    return ", ".join(f"{alias}.{c}" for c in MIRRORED)


_PG_CHARS = "(SELECT DISTINCT unnest(string_to_array(upper({0}.name::text), NULL))) AS c(ch)"
_PG_INSERT = (
    f"INSERT INTO members_name_char (union_id, ch, name, member_id, {_COLS}) "
    "SELECT {0}.union_id, c.ch, {0}.name, {0}.id, {1} FROM {2}, LATERAL " + _PG_CHARS
)

PG_CREATE = [
    "DROP INDEX IF EXISTS member_name_chars_gin",
    "CREATE TABLE members_name_char (union_id bigint NOT NULL, ch text NOT NULL, "
    "name varchar(50) NOT NULL, member_id bigint NOT NULL, branch_id bigint, "
    "status varchar(20) NOT NULL, gender varchar(1) NOT NULL, is_migrant_worker boolean NOT NULL, "
    "joined_on date NOT NULL, status_date date, birth_date date NOT NULL, "
    f"PRIMARY KEY (union_id, ch, name, member_id) INCLUDE ({_COLS}))",
    "CREATE INDEX members_name_char_member ON members_name_char (member_id)",
    "CREATE FUNCTION members_name_char_added() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    + _PG_INSERT.format("n", _of("n"), "new_rows n")
    + "; RETURN NULL; END $$",
    "CREATE FUNCTION members_name_char_removed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "DELETE FROM members_name_char s USING old_rows o WHERE s.member_id = o.id; RETURN NULL; END $$",
    "CREATE FUNCTION members_name_char_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "DELETE FROM members_name_char WHERE member_id = OLD.id; "
    + _PG_INSERT.format("n", _of("n"), "(SELECT NEW.*) n")
    + "; RETURN NULL; END $$",
    "CREATE FUNCTION members_name_char_emptied() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "TRUNCATE members_name_char; RETURN NULL; END $$",
    "CREATE TRIGGER members_name_char_insert AFTER INSERT ON members_member "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION members_name_char_added()",
    "CREATE TRIGGER members_name_char_delete AFTER DELETE ON members_member "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION members_name_char_removed()",
    f"CREATE TRIGGER members_name_char_update AFTER UPDATE OF {', '.join(_WATCHED)} ON members_member "
    f"FOR EACH ROW WHEN (({', '.join('OLD.' + c for c in _WATCHED)}) IS DISTINCT FROM "
    f"({', '.join('NEW.' + c for c in _WATCHED)})) EXECUTE FUNCTION members_name_char_changed()",
    # Django's flush (TransactionTestCase) truncates the member table, not this unmanaged one.
    "CREATE TRIGGER members_name_char_truncate AFTER TRUNCATE ON members_member "
    "FOR EACH STATEMENT EXECUTE FUNCTION members_name_char_emptied()",
    _PG_INSERT.format("m", _of("m"), "members_member m"),
    "ANALYZE members_name_char",
]
PG_DROP = [
    "DROP TRIGGER IF EXISTS members_name_char_insert ON members_member",
    "DROP TRIGGER IF EXISTS members_name_char_delete ON members_member",
    "DROP TRIGGER IF EXISTS members_name_char_update ON members_member",
    "DROP TRIGGER IF EXISTS members_name_char_truncate ON members_member",
    "DROP FUNCTION IF EXISTS members_name_char_added()",
    "DROP FUNCTION IF EXISTS members_name_char_removed()",
    "DROP FUNCTION IF EXISTS members_name_char_changed()",
    "DROP FUNCTION IF EXISTS members_name_char_emptied()",
    "DROP TABLE IF EXISTS members_name_char",
]

_SQLITE_INSERT = (
    f"INSERT OR IGNORE INTO members_name_char (union_id, ch, name, member_id, {_COLS}) "
    "SELECT {0}.union_id, upper(substr({0}.name, p.n, 1)), {0}.name, {0}.id, {1} "
    "FROM {2} members_name_position p WHERE p.n <= length({0}.name)"
)
SQLITE_CREATE = [
    "DROP TRIGGER IF EXISTS members_name_char_insert",
    "DROP TRIGGER IF EXISTS members_name_char_update",
    "DROP TRIGGER IF EXISTS members_name_char_delete",
    "DROP TABLE IF EXISTS members_name_char",
    "CREATE TABLE members_name_char (union_id INTEGER NOT NULL, ch TEXT NOT NULL, "
    "name TEXT NOT NULL, member_id INTEGER NOT NULL, branch_id INTEGER, status TEXT NOT NULL, "
    "gender TEXT NOT NULL, is_migrant_worker BOOL NOT NULL, joined_on DATE NOT NULL, "
    "status_date DATE, birth_date DATE NOT NULL, PRIMARY KEY (union_id, ch, name, member_id)) WITHOUT ROWID",
    "CREATE INDEX members_name_char_member ON members_name_char (member_id)",
    "CREATE TRIGGER members_name_char_insert AFTER INSERT ON members_member BEGIN "
    + _SQLITE_INSERT.format("NEW", _of("NEW"), "")
    + "; END",
    f"CREATE TRIGGER members_name_char_update AFTER UPDATE OF {', '.join(_WATCHED)} ON members_member "
    f"WHEN {' OR '.join(f'OLD.{c} IS NOT NEW.{c}' for c in _WATCHED)} BEGIN "
    "DELETE FROM members_name_char WHERE member_id = OLD.id; "
    + _SQLITE_INSERT.format("NEW", _of("NEW"), "")
    + "; END",
    "CREATE TRIGGER members_name_char_delete AFTER DELETE ON members_member BEGIN "
    "DELETE FROM members_name_char WHERE member_id = OLD.id; END",
    _SQLITE_INSERT.format("m", _of("m"), "members_member m,"),
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": PG_CREATE, "sqlite": SQLITE_CREATE}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in PG_DROP:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        for statement in (
            "DROP TRIGGER IF EXISTS members_name_char_insert",
            "DROP TRIGGER IF EXISTS members_name_char_update",
            "DROP TRIGGER IF EXISTS members_name_char_delete",
            "DROP TABLE IF EXISTS members_name_char",
            "DROP TABLE IF EXISTS members_name_position",
        ):
            schema_editor.execute(statement)
    # Back to 0005's index: its GIN index or its narrower side table.
    importlib.import_module("members.migrations.0005_member_name_character_index").create(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0007_roster_imports_are_record_imports"),
    ]

    operations = [
        migrations.CreateModel(
            name="MemberNameChar",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "union",
                        "ch",
                        "name",
                        "member",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("ch", models.CharField(max_length=4)),
                ("name", models.CharField(max_length=50)),
                ("status", models.CharField(max_length=20)),
                ("gender", models.CharField(max_length=1)),
                ("is_migrant_worker", models.BooleanField()),
                ("joined_on", models.DateField()),
                ("status_date", models.DateField(null=True)),
                ("birth_date", models.DateField()),
            ],
            options={
                "db_table": "members_name_char",
                "managed": False,
            },
        ),
        migrations.RunPython(create, drop),
    ]
