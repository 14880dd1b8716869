"""Separation of duties on disbursements: whoever entered or submitted a record does not
approve it (README, 角色与权限).

"Entered" is read from the audit log, which every write path fills (forms, batches, bulk
steps): the creator, anyone who changed what an approval vouches for (`LOCKED_AFTER_APPROVAL`),
and anyone who submitted it, at any time in the record's life. A union with a single approver
may switch the rule off (`Union.separate_approval`); an approval made under that waiver says
so in its own log entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType

from audit.models import Action, AuditEntry
from unions.models import Union

from .errors import WorkflowError
from .models import Disbursement

SUBMITTED_EVENT = "welfare.disbursement.submitted"
# What an approval vouches for; kept here so the two modules agree (services imports it).
LOCKED_AFTER_APPROVAL = (
    "date",
    "kind",
    "festival",
    "member",
    "recipient_name",
    "cash_amount",
    "goods_value",
    "funding_source",
)

REFUSAL_ONE = (
    "您录入或提交了这笔发放，不能由您审批。请由本会其他主席/领导审批；"
    "本会只有一名审批人时，可由管理员在“工会设置”中关闭“录入人不得审批”。"
)
REFUSAL_SOME = (
    "所选记录中有 {count} 笔是您录入或提交的，不能由您审批，本次未审批任何记录。"
    "请取消勾选这些记录，由本会其他主席/领导审批。"
)
REASON_SHORT = "您录入或提交了这笔发放，须由本会其他主席/领导审批。"
REASON_BATCH = "本批有您录入或提交的记录，须由本会其他主席/领导审批。"
# Stored in the approval's log entry when the rule was off and the approver had entered it.
WAIVER_KEY = "职责分离"
WAIVER_TEXT = "本会已关闭“录入人不得审批”，审批人录入或提交了这笔发放"


def own_records(*, actor: Any, ids: Iterable[int]) -> set[int]:
    """Those of the records `ids` that `actor` entered or submitted, in two queries."""
    wanted = {int(pk) for pk in ids}
    if actor is None or actor.pk is None or not wanted:
        return set()
    entries = AuditEntry.objects.filter(
        actor_id=actor.pk,
        content_type=ContentType.objects.get_for_model(Disbursement),
        object_id__in=[str(pk) for pk in wanted],
        action__in=[Action.CREATE, Action.UPDATE, SUBMITTED_EVENT],
    ).values_list("object_id", "action", "changes")
    own = {
        int(object_id)
        for object_id, action, changes in entries
        # A change of notes, a void or a restore is not entering the money.
        if action != Action.UPDATE or set(changes or {}) & set(LOCKED_AFTER_APPROVAL)
    }
    # The current submitter, even if some write path left no entry.
    own.update(
        Disbursement.objects.filter(pk__in=wanted, submitted_by_id=actor.pk).values_list("pk", flat=True)
    )
    return own


def barred(*, union: Union, actor: Any, ids: Iterable[int]) -> set[int]:
    """Those of `ids` the pages show as not for `actor` to approve (buttons disabled)."""
    return own_records(actor=actor, ids=ids) if union.separate_approval else set()


def enforced(union: Union | int) -> bool:
    """Whether the union applies the rule, read fresh: an admin may have just changed it."""
    union_id = union if isinstance(union, int) else union.pk
    flag = Union.objects.filter(pk=union_id).values_list("separate_approval", flat=True).first()
    return flag is not False  # when in doubt, enforced


def check_may_approve(*, union: Union | int, actor: Any, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Raise WorkflowError when `actor` entered or submitted any of `ids` and the union enforces
    the rule; otherwise return the extra log details for each record approved under the waiver."""
    ids = list(ids)
    own = own_records(actor=actor, ids=ids)
    if not own:
        return {}
    if enforced(union):
        raise WorkflowError(REFUSAL_ONE if len(ids) == 1 else REFUSAL_SOME.format(count=len(own)))
    return {pk: {WAIVER_KEY: WAIVER_TEXT} for pk in own}
