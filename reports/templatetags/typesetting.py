from __future__ import annotations

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from reports import typesetting

register = template.Library()


@register.filter
def no_break(text: str, for_print: bool = True) -> str:
    """Word joiners where Chinese typesetting forbids a line break (reports.typesetting)."""
    return typesetting.no_break(str(text)) if for_print else text


@register.filter
def title_lines(title: str, for_print: bool = True) -> SafeString:
    """The title broken where it reads well, its lines joined by <br>."""
    lines = [conditional_escape(no_break(line, for_print)) for line in typesetting.title_lines(str(title))]
    return mark_safe("<br>".join(lines))  # noqa: S308 - each line escaped above
