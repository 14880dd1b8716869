"""Log events of who may approve: each is shown to the union's leaders until they acknowledge it
(`unions.selectors.approver_notices`)."""

from __future__ import annotations

APPROVER_GRANTED = "unions.role.approver_granted"
APPROVER_PASSWORD_RESET = "unions.user.approver_password_reset"  # noqa: S105 (an event name)
SEPARATION_OFF = "unions.union.separation_off"
SEPARATION_ON = "unions.union.separation_on"
NOTICES_ACKNOWLEDGED = "unions.notices.acknowledged"

# Stored in an acknowledgement's log entry: the newest notice the leader had in front of them.
ACK_UPTO_KEY = "已知悉至日志编号"

# The events a leader is told about.
APPROVER_EVENTS = (APPROVER_GRANTED, APPROVER_PASSWORD_RESET, SEPARATION_OFF, SEPARATION_ON)

EVENT_LABELS = {
    APPROVER_GRANTED: "授予审批权限",
    APPROVER_PASSWORD_RESET: "重设审批人密码",
    SEPARATION_OFF: "关闭“录入人不得审批”",
    SEPARATION_ON: "开启“录入人不得审批”",
    NOTICES_ACKNOWLEDGED: "已知悉审批权限变动",
}
