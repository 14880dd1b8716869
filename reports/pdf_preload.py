"""Imported once by the PDF forkserver (multiprocessing preload), not by the web process:
sets Django up and loads WeasyPrint and the document's fonts there, so that each render's
child (a fork of the server) starts warm."""

from __future__ import annotations

import contextlib
import gc

# A page with every kind of text the summary has, in the summary's stylesheet.
_WARM_UP = (
    '<html><head><link rel="stylesheet" href="static/css/gbt9704.css"></head><body>'
    '<h1 class="doc-title">工作总结</h1><h2 class="level-1">一、概况</h2>'
    '<h3 class="level-2">（一）组织</h3><p>正文2025年。</p>'
    '<table class="summary"><caption>表</caption><tr><th>项目</th><td>1</td></tr></table>'
    "</body></html>"
)

with contextlib.suppress(Exception):  # the child then sets Django up itself (reports.pdf)
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    from reports.pdf import print_pdf

    print_pdf(_WARM_UP)
    # Children are forks: keep the collector off the inherited objects, so that it does not
    # write to (and so copy) every page of them.
    gc.freeze()
