from rights.models import LegalAid, MediationCase, Petition
from unions.permissions import Perm

from .factories import LegalAidFactory, MediationCaseFactory, PetitionFactory

_BUILDERS = {
    "mediation": lambda union: MediationCaseFactory(union=union),
    "legalaid": lambda union: LegalAidFactory(union=union),
    "petition": lambda union: PetitionFactory(union=union),
}

URL_RULES = {}
for _prefix, _build in _BUILDERS.items():
    URL_RULES.update(
        {
            f"rights:{_prefix}-list": (Perm.VIEW, None),
            f"rights:{_prefix}-create": (Perm.EDIT, None),
            f"rights:{_prefix}-detail": (Perm.VIEW, _build),
            f"rights:{_prefix}-edit": (Perm.EDIT, _build),
            f"rights:{_prefix}-void": (Perm.EDIT, _build),
        }
    )
for _prefix in ("mediation", "legalaid"):  # the records that can be a 典型事例
    URL_RULES[f"rights:{_prefix}-typical"] = (Perm.EDIT, _BUILDERS[_prefix])

AUDIT_CASES = {
    MediationCase: (MediationCaseFactory, "parties", "职工李某与公司"),
    LegalAid: (LegalAidFactory, "persons", 5),
    Petition: (PetitionFactory, "resolved", True),
}
