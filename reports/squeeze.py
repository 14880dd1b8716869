"""挤进 (squeezing in) for the printed summary: a full line keeps its 28 characters when a
mark that may not start a line would begin the next one.

WeasyPrint breaks a line before the character that carries such a mark (it is glued to it by
a word joiner, reports.typesetting.no_break): that is 推出, and leaves the line one character
short, spread out by `justify`. Chinese typesetting prefers 挤进 (clreq 3.1.6, 3.1.7): the
mark joins the line, and the room for it is made by setting full-width punctuation of that
line in half width — the mark at the line end first (a line-end mark loses its blank half),
then marks next to another mark, then the others from the end of the line back. Only when
the line has too little punctuation to give up the room is the character pushed down.

CSS cannot ask WeasyPrint for this, so it is done on the HTML before it is laid out: the
paragraphs are broken into lines here exactly as WeasyPrint breaks them (the same Pango
call, `split_first_line`, with the same computed styles, taken from a small probe document
in the same stylesheet), and each mark to be set in half width is wrapped in
`<span class="squeeze">`, whose style turns on the font's OpenType `halt` feature (half-width
alternates; the Fandol and Noto CJK faces have it). A face without `halt` saves no room, and
then nothing is squeezed. Only the PDF is treated; the text is unchanged.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from typing import Any

from .typesetting import NO_LINE_START, WORD_JOINER, ZERO_WIDTH_SPACE

# Full-width marks with a blank half (GB style: ，。、；：！ sit left; closing marks leave the
# right half blank, opening marks the left).
BLANK_RIGHT = "，。、；：！）】》」』〕”’"
BLANK_LEFT = "（【《「『〔“‘"
COMPRESSIBLE = BLANK_RIGHT + BLANK_LEFT
_INVISIBLE = WORD_JOINER + ZERO_WIDTH_SPACE
SQUEEZE_CLASS = "squeeze"

# The elements laid out on the grid: body paragraphs and the two heading levels, each
# written by templates/reports/document.html as one run of escaped text.
_KINDS = {"p": "<p>", "h2": '<h2 class="level-1">', "h3": '<h3 class="level-2">'}
_ELEMENT = re.compile(r'<(p|h2 class="level-1"|h3 class="level-2")>([^<]+)</(p|h2|h3)>')
_SKIP = re.compile(r'<div class="signature">.*?</div>', re.S)  # set right, one line each
_PROBE = "".join(
    f'{opening}工<span class="{SQUEEZE_CLASS}">，</span></{tag}>' for tag, opening in _KINDS.items()
)
_EPSILON = 0.05  # px: a planned line must fit by this much, or it is not squeezed


@dataclass
class _Kind:
    """How one kind of element is laid out: its text styles, measure and first-line indent."""

    style: Any
    squeezed: Any
    width: float
    indent: float


def squeeze(html: str, render: Any) -> str:
    """`html` with the marks of every squeezed line wrapped in `<span class="squeeze">`.

    `render(html)` lays out an HTML string (WeasyPrint, with our fetcher); it is used once,
    on a probe in the document's own `<head>`, to get the computed styles."""
    head, found, _ = html.partition("<body>")
    if not found or not _ELEMENT.search(html):
        return html
    kinds = _kinds(render(f"{head}<body>{_PROBE}</body></html>"))
    if not kinds:
        return html
    skipped = [m.span() for m in _SKIP.finditer(html)]
    savings: dict[tuple[str, str], float] = {}

    def one(match: re.Match[str]) -> str:
        tag = match.group(1)[:2].rstrip(" ")
        kind = kinds.get(tag)
        if kind is None or any(a <= match.start() < b for a, b in skipped):
            return match.group(0)
        text = html_lib.unescape(match.group(2))
        marks = plan(text, kind, lambda ch: _saving(savings, tag, ch, kind))
        if not marks:
            return match.group(0)
        out = []
        for i, ch in enumerate(text):
            piece = html_lib.escape(ch, quote=False)
            out.append(f'<span class="{SQUEEZE_CLASS}">{piece}</span>' if i in marks else piece)
        return f"{_KINDS[tag]}{''.join(out)}</{tag}>"

    return _ELEMENT.sub(one, html)


def plan(text: str, kind: _Kind, saving: Any) -> set[int]:
    """Indexes into `text` of the marks to set in half width: the paragraph is broken into
    lines as WeasyPrint will break it, and each line that pushes a character down gets its
    mark back by squeezing, if its punctuation can give up the room."""
    from weasyprint.text.line_break import get_log_attrs, split_first_line

    attrs = get_log_attrs(text, "zh")
    breaks = [bool(attrs[i].is_line_break) for i in range(len(text))] + [True]
    marks: set[int] = set()
    start, first = 0, True
    while start < len(text):
        measure = kind.width - (kind.indent if first else 0)
        rest = text[start:]
        _, length, resume, _, _, _ = split_first_line(rest, kind.style, None, measure, 0)
        if resume is None:
            break
        end = start + len(rest.encode()[:length].decode())
        resume_at = start + len(rest.encode()[:resume].decode())
        squeezed = _squeeze_line(text, start, end, measure, kind, saving, breaks)
        if squeezed is not None:
            chosen, resume_at = squeezed
            marks |= chosen
        start, first = resume_at, False
    return marks


def _squeeze_line(
    text: str, start: int, end: int, measure: float, kind: _Kind, saving: Any, breaks: list[bool]
) -> tuple[set[int], int] | None:
    """The marks to squeeze and where the next line starts, if the line [start, end) was
    pushed (推出) and can take back its character with the marks glued to it: all up to the
    next place a line may break."""
    after = next(i for i in range(end + 1, len(text) + 1) if breaks[i])
    if not any(ch in NO_LINE_START for ch in text[end + 1 : after]):
        return None  # pushed by something else (a number with its unit): left as it is
    need = _width(text[start:after], kind.style) - measure + _EPSILON
    if need <= 0:
        return None
    last = max(i for i in range(start, after) if text[i] not in _INVISIBLE)
    # Not the line's first character: an opening mark there would move into the margin.
    candidates = [i for i in range(start + 1, after) if text[i] in COMPRESSIBLE]

    def rank(i: int) -> tuple[int, int]:
        beside = _beside_mark(text, i)
        return (0 if beside else 1 if i == last else 2, -i)

    chosen: set[int] = set()
    for i in sorted(candidates, key=rank):
        if need <= 0:
            break
        gain = saving(text[i])
        if gain > 0:
            chosen.add(i)
            need -= gain
    return (chosen, after) if need <= 0 else None


def _beside_mark(text: str, i: int) -> bool:
    """A mark whose blank half faces another mark (），。” ）（): the first to be squeezed."""

    def neighbour(step: int) -> str:
        j = i + step
        while 0 <= j < len(text) and text[j] in _INVISIBLE:
            j += step
        return text[j] if 0 <= j < len(text) else ""

    if text[i] in BLANK_RIGHT:
        return neighbour(1) in COMPRESSIBLE + "？…—"
    return neighbour(-1) in COMPRESSIBLE + "？…—"


def _width(text: str, style: Any) -> float:
    from weasyprint.text.line_break import create_layout, line_size

    layout = create_layout(text, style, None, None, 0)
    line, _ = layout.get_first_line()
    return line_size(line, style)[0]


def _saving(cache: dict[tuple[str, str], float], tag: str, mark: str, kind: _Kind) -> float:
    key = (tag, mark)
    if key not in cache:
        cache[key] = _width(mark * 2, kind.style) - _width(mark * 2, kind.squeezed)
        cache[key] /= 2
        if cache[key] < 0.1 * kind.style["font_size"]:  # no `halt` in this face
            cache[key] = 0.0
    return cache[key]


def _kinds(document: Any) -> dict[str, _Kind]:
    """Styles, measure and indent of each kind of element in the laid-out probe."""
    from weasyprint.formatting_structure import boxes

    kinds: dict[str, _Kind] = {}
    for page in document.pages:
        for box in page._page_box.descendants():
            if not isinstance(box, boxes.BlockBox) or box.element_tag not in _KINDS:
                continue
            lines = [c for c in box.children if isinstance(c, boxes.LineBox)]
            texts = [t for t in lines[0].descendants() if isinstance(t, boxes.TextBox)] if lines else []
            if len(texts) != 2 or texts[0].text != "工":
                continue
            kinds[box.element_tag] = _Kind(
                style=texts[0].style,
                squeezed=texts[1].style,
                width=box.width,
                indent=texts[0].position_x - box.content_box_x(),
            )
    return kinds
