from aid.models import AidService
from unions.permissions import Perm

from .factories import AidServiceFactory

URL_RULES = {
    "aid:service-list": (Perm.VIEW, None),
    "aid:service-create": (Perm.EDIT, None),
    "aid:service-detail": (Perm.VIEW, lambda union: AidServiceFactory(union=union)),
    "aid:service-edit": (Perm.EDIT, lambda union: AidServiceFactory(union=union)),
    "aid:service-void": (Perm.EDIT, lambda union: AidServiceFactory(union=union)),
    "aid:service-typical": (Perm.EDIT, lambda union: AidServiceFactory(union=union)),
}

AUDIT_CASES = {AidService: (AidServiceFactory, "persons", 9)}
