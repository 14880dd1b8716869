from unions.permissions import Perm
from works.models import DuesCollection, Innovation, ModelWorkerCare, Publicity, SafetyInspection, WorkersHome

from .factories import (
    DuesCollectionFactory,
    InnovationFactory,
    ModelWorkerCareFactory,
    PublicityFactory,
    SafetyInspectionFactory,
    WorkersHomeFactory,
)

_BUILDERS = {
    "publicity": lambda union: PublicityFactory(union=union),
    "home": lambda union: WorkersHomeFactory(union=union),
    "care": lambda union: ModelWorkerCareFactory(union=union),
    "dues": lambda union: DuesCollectionFactory(union=union),
    "inspection": lambda union: SafetyInspectionFactory(union=union),
    "innovation": lambda union: InnovationFactory(union=union),
}

URL_RULES = {}
for _prefix, _build in _BUILDERS.items():
    URL_RULES.update(
        {
            f"works:{_prefix}-list": (Perm.VIEW, None),
            f"works:{_prefix}-create": (Perm.EDIT, None),
            f"works:{_prefix}-detail": (Perm.VIEW, _build),
            f"works:{_prefix}-edit": (Perm.EDIT, _build),
            f"works:{_prefix}-void": (Perm.EDIT, _build),
        }
    )

AUDIT_CASES = {
    Publicity: (PublicityFactory, "participants", 35),
    WorkersHome: (WorkersHomeFactory, "books", 1200),
    ModelWorkerCare: (ModelWorkerCareFactory, "persons", 6),
    DuesCollection: (DuesCollectionFactory, "payer", "机关分会"),
    SafetyInspection: (SafetyInspectionFactory, "hazards_fixed", 6),
    Innovation: (InnovationFactory, "team", "张工创新工作室"),
}
