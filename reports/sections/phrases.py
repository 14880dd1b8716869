"""Small pieces of wording the sections share: lists that say 等 only when cut, names of
recorded things, and counts that are left out rather than printed as zero."""

from __future__ import annotations

import re
from collections.abc import Sequence

MAX_NAMED = 5  # names quoted in one sentence


def name_list(names: Sequence[str], *, total: int | None = None, limit: int = MAX_NAMED) -> str:
    """ "甲、乙、丙" for a complete list; "甲、乙、丙等" when the list was cut (more names than
    `limit`, or `total` says more records exist than were named)."""
    names = [n for n in dict.fromkeys(n.strip() for n in names) if n]
    shown = names[:limit]
    cut = len(names) > limit or (total is not None and total > len(shown))
    return "、".join(shown) + ("等" if cut and shown else "")


# Titles ending so already name an event: no generic noun after them.
EVENT_ENDINGS = (
    "赛",
    "比武",
    "活动",
    "会",
    "班",
    "培训",
    "检",
    "演出",
    "讲座",
    "评选",
    "练兵",
    "竞赛",
    "日",
    "周",
    "月",
)


def with_noun(listed: str, noun: str) -> str:
    """ "“大干150天”劳动竞赛", but never "爬山活动等活动" nor "篮球赛文体活动"."""
    if not listed:
        return ""
    bare = listed.removesuffix("等")
    if bare.endswith(noun) or bare.endswith(EVENT_ENDINGS):
        return listed
    return f"{listed}{noun}"


def quoted(title: str) -> str:
    """A title in Chinese quotes, quotes inside it turned to single ones: “全市‘安康杯’竞赛优胜单位”."""
    title = title.strip()
    if not title or (title[0] in "《“" and title[-1] in "》”" and title.count("“") == 1):
        return title
    return "“" + title.replace("“", "‘").replace("”", "’") + "”"


def book_title(title: str) -> str:
    title = title.strip()
    return title if title.startswith("《") else f"《{title}》"


VERBS = ("获", "评出", "评选", "征集", "整改", "表彰", "取得", "夺得", "位列", "排名", "名列", "：", "，")


def result_clause(title: str, results: str) -> str:
    """A recorded result with its event: "在保运杯乒乓球比赛中获全公司第三名" for a bare placing,
    "“质量月”劳动竞赛中，评出质量标兵班组3个" when the result says its own verb or subject."""
    results = re.sub(r"[；;]\s*", "，", results.strip().rstrip("。；;，,"))
    if not results:
        return ""
    if results.startswith(("获", "荣获", "取得", "被评为", "夺得", "位列", "排名", "名列")):
        return f"在{title}中{results}"
    if any(v in results for v in VERBS):
        return f"{title}中，{results}"
    return f"在{title}中获{results}"
