"""Words the works sections share: what each kind of 劳模关爱 is called in a sentence."""

from __future__ import annotations

from works.choices import CareKind

CARE_WORDS = {
    # kind: (lead verb phrase, persons word, amount word)
    CareKind.ALLOWANCE: ("为劳模发放津贴", "", "计"),
    CareKind.RECUPERATION: ("组织劳模疗休养", "", "费用"),
    CareKind.FORUM: ("召开劳模座谈会", "参加劳模", ""),
    CareKind.VISIT: ("走访慰问劳模", "", "送去慰问金"),
    CareKind.HEALTH_CHECK: ("组织劳模体检", "", "费用"),
    CareKind.OTHER: ("开展其他关爱劳模活动", "", "费用"),
}
