from funds.models import FundAudit, FundEntry
from unions.permissions import Perm

from .factories import FundAuditFactory, FundEntryFactory

_BUILDERS = {
    "entry": lambda union: FundEntryFactory(union=union),
    "audit": lambda union: FundAuditFactory(union=union),
}

URL_RULES = {"funds:summary": (Perm.VIEW, None)}
for _prefix, _build in _BUILDERS.items():
    URL_RULES.update(
        {
            f"funds:{_prefix}-list": (Perm.VIEW, None),
            f"funds:{_prefix}-create": (Perm.EDIT, None),
            f"funds:{_prefix}-detail": (Perm.VIEW, _build),
            f"funds:{_prefix}-edit": (Perm.EDIT, _build),
            f"funds:{_prefix}-void": (Perm.EDIT, _build),
        }
    )

AUDIT_CASES = {
    FundEntry: (FundEntryFactory, "voucher", "记-9999"),
    FundAudit: (FundAuditFactory, "findings", "发现一笔支出凭证不全，已整改。"),
}
