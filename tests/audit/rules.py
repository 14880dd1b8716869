from unions.permissions import Perm

URL_RULES = {"audit:list": (Perm.VIEW_AUDIT, None)}
