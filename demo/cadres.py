"""The demo union's cadres (工会干部): the committee elected in the demo year (换届) and the
posts of the term before it."""

from __future__ import annotations

import datetime as dt

from members.choices import CadrePost, MembershipStatus
from members.models import Cadre

from .cast import Cast, save
from .context import DemoContext

# (post, full-time, how many) for each term's committee and bodies.
POSTS = (
    (CadrePost.CHAIR, True, 1),
    (CadrePost.VICE_CHAIR, True, 1),
    (CadrePost.COMMITTEE, False, 5),
    (CadrePost.AUDIT_CHAIR, False, 1),
    (CadrePost.AUDIT_MEMBER, False, 2),
    (CadrePost.WOMEN_CHAIR, False, 1),
    (CadrePost.STAFF, True, 1),
)
OLD_TERM, NEW_TERM = "第四届", "第五届"


def load_cadres(ctx: DemoContext, cast: Cast, code: str = "demo") -> int:
    """The 第四届 committee from five years before the demo year, re-elected (第五届) on
    20 June of the demo year with two new faces."""
    rng = ctx.rng("cadres")
    election = dt.date(ctx.year, 6, 20)
    old_start = dt.date(ctx.year - 5, 6, 18)
    members = sorted(
        (
            m
            for m in cast.members[code].values()
            if m.status == MembershipStatus.ACTIVE and m.joined_on < old_start
        ),
        key=lambda m: m.card_number,
    )
    seats = sum(n for _, _, n in POSTS) - 1  # besides the 女职委主任
    others = rng.sample(members, seats)
    women_chair = rng.choice([m for m in members if m.gender == "F" and m not in others])
    old = [*others, women_chair]
    # Re-elected with two new faces in the last two posts of the list.
    new = [*others[:-2], *rng.sample([m for m in members if m not in old], 2), women_chair]
    count = 0
    for term, people, start, end in ((OLD_TERM, old, old_start, election), (NEW_TERM, new, election, None)):
        people = list(people)
        chair_of_women = people.pop()  # the last pick is a woman, for the 女职委
        for post, full_time, n in POSTS:
            holders = [chair_of_women] if post == CadrePost.WOMEN_CHAIR else [people.pop(0) for _ in range(n)]
            for member in holders:
                save(
                    Cadre(
                        union=cast.unions[code],
                        member=member,
                        post=post,
                        full_time=full_time,
                        term=term,
                        start_date=start,
                        end_date=end,
                    )
                )
                count += 1
    return count
