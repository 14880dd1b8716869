from __future__ import annotations

from .base import Section


class ProblemsSection(Section):
    key = "problems"
    title = "存在的问题和不足"
    staff_only = True


class PlansSection(Section):
    key = "plans"
    title = "下一年工作打算"
    staff_only = True


class OwnSection(Section):
    """A section staff add themselves (主要做法, 基本经验, 意见和建议 …): their text only."""

    key = "own"
    title = "主要做法"
    staff_only = True


OWN_HEADINGS = ("主要做法", "基本经验", "特色亮点", "意见和建议")
