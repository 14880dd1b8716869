"""Domain errors of the welfare workflow. They are ValidationErrors, so a form or a view
shows their (Chinese) message like any other validation problem."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class WorkflowError(ValidationError):
    """A step the record's current state does not allow."""


class AlreadyProcessed(WorkflowError):
    """Someone else moved the record first (two leaders approving at the same moment)."""

    def __init__(self, message: str = "该记录已被其他人处理，请刷新页面查看最新状态。") -> None:
        super().__init__(message)


class RecordLocked(WorkflowError):
    """An approved or paid record whose amounts may not change."""
