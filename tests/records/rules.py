"""Every record list's export (records.list_export) needs what its list needs: Perm.VIEW."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

from records.viewsets import RecordViewSet
from unions.permissions import Perm


def _is_list_export(pattern: URLPattern) -> bool:
    view = getattr(pattern.callback, "__wrapped__", None)  # union_view keeps the view it wraps
    return isinstance(getattr(view, "__self__", None), RecordViewSet) and view.__name__ == "export_view"


def export_url_names(patterns=None, prefix: str = "") -> list[str]:
    """The url names of every record list's export (RecordViewSet.export_view), from the URL
    patterns themselves."""
    names = []
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            names += export_url_names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name and _is_list_export(p):
            names.append(f"{prefix}{p.name}")
    return sorted(names)


URL_RULES = {name: (Perm.VIEW, None) for name in export_url_names()}
