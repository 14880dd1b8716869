from __future__ import annotations

from reports import checks


def test_no_warning_when_fonts_and_harfbuzz_are_installed():
    assert checks.cjk_font_families(), "this machine should have a CJK font (make sysdeps)"
    assert checks.pdf_dependencies(None) == []


def test_warns_without_a_cjk_font(monkeypatch):
    monkeypatch.setattr(checks, "cjk_font_families", lambda: [])
    assert [w.id for w in checks.pdf_dependencies(None)] == ["reports.W001"]


def test_warns_without_harfbuzz_subset(monkeypatch):
    monkeypatch.setattr(checks, "harfbuzz_subset_available", lambda: False)
    assert [w.id for w in checks.pdf_dependencies(None)] == ["reports.W002"]
