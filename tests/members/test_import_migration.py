"""Migration members 0007: the roster's own uploads become record imports of kind "roster"."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import UnionFactory, UserFactory

BEFORE = [("members", "0006_member_union_figures_idx"), ("imports", "0002_import_update_counts")]
AFTER = [("members", "0007_roster_imports_are_record_imports")]


@pytest.mark.django_db(transaction=True)
def test_old_roster_uploads_are_kept_as_record_imports():
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        old_apps = executor.loader.project_state(BEFORE).apps
        union, user = UnionFactory(), UserFactory()  # models the migration leaves as they are
        old_apps.get_model("members", "RosterImport").objects.create(
            union_id=union.pk,
            uploaded_by_id=user.pk,
            original_name="旧花名册.xlsx",
            file="imports/1/abc.xlsx",
            status="applied",
            row_count=5,
            added_count=3,
            updated_count=1,
            unchanged_count=1,
            summary={"errors": [{"row": 2, "name": "甲", "problems": []}], "columns": ["姓名"]},
        )
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(AFTER)
        new_apps = executor.loader.project_state(AFTER).apps
        copied = new_apps.get_model("imports", "RecordImport").objects.get(original_name="旧花名册.xlsx")
        assert (copied.kind, copied.file.name, copied.status) == ("roster", "imports/1/abc.xlsx", "applied")
        assert (copied.valid_count, copied.updated_count, copied.unchanged_count, copied.created_count) == (
            4,
            1,
            1,
            4,
        )
        assert copied.summary["errors"][0]["label"] == "甲" and copied.summary["columns"] == []
    finally:  # the later tests need the schema as it is now
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
