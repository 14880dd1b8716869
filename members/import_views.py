"""Roster import from Excel: upload, preview, confirm. (Being built.)"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect

from unions.permissions import Perm, UnionRequest, union_view


@union_view(Perm.EDIT)
def import_upload(request: UnionRequest) -> HttpResponse:
    return redirect("members:list", code=request.union.code)
