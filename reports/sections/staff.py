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
