"""A figure is stated once: the document's registry of the figures its text has stated.

The document is assembled in reading order (opening, sections, closing) and every 【marker】
it fills is recorded here. A generated sentence then leaves out a clause whose figures were
all stated earlier ("其中女会员108人，占37.0%" in 女职工工作 when 组织建设 said it) instead
of repeating it. A clause that hangs on the one before it (其中…, 占…, 比上年…) goes with it;
a stated clause that a new dependent still needs stays. A sentence left with no figure at all
goes. Staff text is never cut, but its markers count as stated, so a generated clause after
it does not repeat what staff wrote.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .figures import CHANGE_SUFFIX, TOKEN, Figures, fill

OPENING = "“《（(‘「【"
CLOSING = "”》）)’」】"
SENTENCE_ENDS = "。"
CLAUSE_ENDS = "，；"
DEPENDENT_STARTS = ("其中", "占", "比上年", "与上年", "同比", "较上年")


def _split(text: str, ends: str) -> list[tuple[str, str]]:
    """(piece, the separator after it) at top level, never inside quotes or brackets."""
    pieces, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in OPENING:
            depth += 1
        elif char in CLOSING:
            depth = max(0, depth - 1)
        elif char in ends and depth == 0:
            pieces.append((text[start:i], char))
            start = i + 1
    if start < len(text):
        pieces.append((text[start:], ""))
    return pieces


def _dependent(clause: str, figures: Figures) -> bool:
    bare = clause.strip()
    if bare.startswith(DEPENDENT_STARTS):
        return True
    names = TOKEN.findall(bare)
    return len(names) == 1 and bare == f"【{names[0]}】" and names[0].endswith(CHANGE_SUFFIX)


@dataclass
class Stated:
    figures: Figures
    seen: set[str] = field(default_factory=set)
    told: Counter[str] = field(default_factory=Counter)  # how often each figure was filled

    def _names(self, text: str) -> list[str]:
        names = []
        for name in TOKEN.findall(text):
            base = name.removesuffix(CHANGE_SUFFIX)
            if name in self.figures or (name.endswith(CHANGE_SUFFIX) and base in self.figures):
                names.append(name)
        return names

    def note(self, text: str) -> None:
        names = self._names(text)
        self.seen.update(names)
        self.told.update(names)

    def staff(self, text: str) -> str:
        """Staff text as written, its markers filled and recorded as stated."""
        self.note(text)
        return fill(text, self.figures)

    def generated(self, template: str, figures: Figures | None = None) -> str:
        """A generated paragraph without the clauses an earlier part already stated, filled
        (with the section's own `figures` where a label is shared)."""
        parts = [(self._sentence(s), end) for s, end in _split(template, SENTENCE_ENDS)]
        kept = "".join(text + end for text, end in parts if text.strip()).strip()
        self.note(kept)
        return fill(kept, {**self.figures, **(figures or {})})

    def _sentence(self, sentence: str) -> str:
        clauses = _split(sentence, CLAUSE_ENDS)
        names = [self._names(c) for c, _ in clauses]
        if not any(names):
            return sentence
        stated = [bool(n) and all(x in self.seen for x in n) for n in names]
        keep = [True] * len(clauses)
        head = 0
        groups: list[list[int]] = []
        for i, (clause, _) in enumerate(clauses):
            if i and _dependent(clause, self.figures):
                groups[head].append(i)
            else:
                head = len(groups)
                groups.append([i])
        for first, *rest in groups:
            needed = any(names[d] and not stated[d] for d in rest)
            keep_head = not stated[first] or needed
            keep[first] = keep_head
            for d in rest:
                keep[d] = keep_head and not stated[d]
        if not any(keep[i] and names[i] for i in range(len(clauses))):
            return ""
        out = ""
        kept = [i for i in range(len(clauses)) if keep[i]]
        for position, i in enumerate(kept):
            clause, sep = clauses[i]
            last = position == len(kept) - 1
            out += clause + ("" if last else (sep or "，"))
        return out
