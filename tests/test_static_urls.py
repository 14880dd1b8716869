"""union_reports.staticfiles: the manifest's hashed URLs, remembered per name."""

from __future__ import annotations

import json

import pytest

from union_reports.staticfiles import StaticStorage


def _storage(tmp_path, paths: dict[str, str]) -> StaticStorage:
    (tmp_path / "staticfiles.json").write_text(json.dumps({"paths": paths, "version": "1.1"}))
    return StaticStorage(location=str(tmp_path), base_url="/static/")


def test_a_name_reads_as_its_hashed_file(tmp_path):
    storage = _storage(tmp_path, {"css/app.css": "css/app.0123abcd.css"})
    assert storage.url("css/app.css") == "/static/css/app.0123abcd.css"
    assert storage.url("css/app.css") == "/static/css/app.0123abcd.css"  # remembered


def test_a_name_missing_from_the_manifest_still_raises_every_time(tmp_path):
    storage = _storage(tmp_path, {"css/app.css": "css/app.0123abcd.css"})
    for _ in range(2):
        with pytest.raises(ValueError):
            storage.url("js/missing.js")
