from democracy.models import CollectiveContract, Congress, Disclosure, JointMeeting, Proposal, Suggestion
from unions.permissions import Perm

from .factories import (
    CollectiveContractFactory,
    CongressFactory,
    DisclosureFactory,
    JointMeetingFactory,
    ProposalFactory,
    SuggestionFactory,
)

_BUILDERS = {
    "congress": lambda union: CongressFactory(union=union),
    "proposal": lambda union: ProposalFactory(union=union),
    "disclosure": lambda union: DisclosureFactory(union=union),
    "contract": lambda union: CollectiveContractFactory(union=union),
    "suggestion": lambda union: SuggestionFactory(union=union),
    "meeting": lambda union: JointMeetingFactory(union=union),
}

URL_RULES = {"democracy:contract-expiring": (Perm.VIEW, None)}
for _prefix, _build in _BUILDERS.items():
    URL_RULES.update(
        {
            f"democracy:{_prefix}-list": (Perm.VIEW, None),
            f"democracy:{_prefix}-create": (Perm.EDIT, None),
            f"democracy:{_prefix}-detail": (Perm.VIEW, _build),
            f"democracy:{_prefix}-edit": (Perm.EDIT, _build),
            f"democracy:{_prefix}-void": (Perm.EDIT, _build),
        }
    )
URL_RULES["democracy:suggestion-typical"] = (Perm.EDIT, _BUILDERS["suggestion"])

AUDIT_CASES = {
    Congress: (CongressFactory, "delegates_present", 100),
    Proposal: (ProposalFactory, "department", "后勤处"),
    Disclosure: (DisclosureFactory, "topic", "职工福利发放情况"),
    CollectiveContract: (CollectiveContractFactory, "workers_covered", 320),
    Suggestion: (SuggestionFactory, "title", "改进排班的建议"),
    JointMeeting: (JointMeetingFactory, "decisions", "同意调整工资"),
}
