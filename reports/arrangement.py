"""How staff arrange a section: their text before, between or after the generated paragraphs,
and any single generated paragraph switched off.

A generated paragraph is named by its section's `slot` or, without one, by its fixed wording
(the template with markers and digits taken out), so a switch stays on the same paragraph
when the records change its figures. Text placed after a paragraph that no longer appears
is kept at the end of the section: nothing staff wrote is lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .figures import TOKEN
from .sections.base import Block

BEFORE = "^"  # the place before the first generated paragraph
AUTO_CHARS = 16


def auto_slot(block: Block) -> str:
    fixed = re.sub(r"\d+|\s+", "", TOKEN.sub("", block.text))
    return f"{block.kind}:{fixed[:AUTO_CHARS]}"


def slots(blocks: Iterable[Block]) -> list[str]:
    """One name per block, unique within the section (a repeated name gets #2, #3…)."""
    names: list[str] = []
    for block in blocks:
        name = block.slot or auto_slot(block)
        base, n = name, 1
        while name in names:
            n += 1
            name = f"{base}#{n}"
        names.append(name)
    return names


def arrange(
    generated: list[Block],
    *,
    off: Iterable[str],
    placed: dict[str, str],
    after_all: str,
    render: Callable[[Block], Block | None],
    staff: Callable[[str], list[Block]],
) -> list[Block]:
    """The section's blocks in reading order. `render` fills a generated block (None when the
    document's registry left nothing of it); `staff` turns staff text into blocks."""
    off = set(off)
    names = slots(generated)
    out = staff(placed.get(BEFORE, ""))
    headings: set[int] = set()  # generated subheadings, left out when nothing follows them
    for name, block in zip(names, generated, strict=True):
        if name not in off:
            rendered = render(block)
            if rendered is not None:
                if rendered.kind == "h":
                    headings.add(len(out))
                out.append(rendered)
        out += staff(placed.get(name, ""))
    for name, text in placed.items():
        if name != BEFORE and name not in names:
            out += staff(text)
    out += staff(after_all)
    return [
        b for i, b in enumerate(out) if i not in headings or (i + 1 < len(out) and out[i + 1].kind != "h")
    ]
