"""Chinese personal names for the demo roster.

Surnames are weighted by their share of the population (national figures, rounded to
0.1 ‰); given names come from pools that differ by gender and by birth cohort, because a
name tells a reader roughly when someone was born (建国 and 秀英 are 1960s names, 子轩 and
欣怡 are 2000s names). A roster with 1990s-style names for 55-year-olds would look fake.
"""

from __future__ import annotations

import random
from itertools import accumulate

# (surname, weight in 0.1 ‰ of the population)
# fmt: off
SURNAMES: tuple[tuple[str, int], ...] = (
    ("王", 710), ("李", 700), ("张", 670), ("刘", 540), ("陈", 460), ("杨", 310), ("黄", 220),
    ("赵", 200), ("吴", 200), ("周", 190), ("徐", 160), ("孙", 150), ("马", 140), ("朱", 130),
    ("胡", 130), ("郭", 110), ("何", 110), ("高", 100), ("林", 100), ("罗", 90), ("郑", 90),
    ("梁", 80), ("谢", 70), ("宋", 60), ("唐", 60), ("许", 60), ("韩", 50), ("冯", 50),
    ("邓", 50), ("曹", 50), ("彭", 50), ("曾", 40), ("肖", 40), ("田", 40), ("董", 40),
    ("袁", 40), ("潘", 40), ("于", 40), ("蒋", 40), ("蔡", 40), ("余", 40), ("杜", 30),
    ("叶", 30), ("程", 30), ("苏", 30), ("魏", 30), ("吕", 30), ("丁", 30), ("任", 30),
    ("沈", 30), ("姚", 30), ("卢", 30), ("姜", 30), ("崔", 20), ("钟", 20), ("谭", 20),
    ("陆", 20), ("汪", 20), ("范", 20), ("金", 20), ("石", 20), ("廖", 20), ("贾", 20),
    ("夏", 20), ("韦", 20), ("方", 20), ("邹", 20), ("熊", 20), ("白", 20), ("孟", 20),
    ("秦", 20), ("邱", 20), ("江", 20), ("尹", 20), ("薛", 20), ("段", 20), ("雷", 20),
    ("侯", 20), ("龙", 20), ("史", 20), ("陶", 20), ("黎", 10), ("贺", 10), ("顾", 10),
    ("毛", 10), ("郝", 10), ("龚", 10), ("邵", 10), ("万", 10), ("钱", 10), ("严", 10),
    ("洪", 10), ("俞", 10), ("章", 10), ("楼", 10), ("应", 10), ("裘", 5), ("诸葛", 2),
)
# fmt: on

# Two-character given names, by gender and cohort.
_GIVEN_TWO = {
    ("M", "old"): (
        "建国 建华 建军 建平 建新 建忠 国强 国华 国平 国庆 志强 志明 志刚 志勇 伟民 卫东 卫国 "
        "海涛 海军 永强 永刚 金龙 金华 德明 德华 文华 明华 晓东 晓明 立新 立军 红兵 春生 振华 "
        "振国 庆丰 学军 跃进 新民 利民 宏伟 忠良 长春 雪松 秋生 根富 水根 荣华 林峰 勇军 东升 "
        "光明 铁军 炳荣 福明 根法 国良 建林 寿康 财根"
    ),
    ("M", "mid"): (
        "海波 建伟 晓峰 文斌 俊峰 志华 立伟 小龙 国栋 旭东 振兴 宏亮 永杰 明亮 晓军 家伟 剑锋 "
        "俊杰 鹏飞 海峰 晓华 建锋 伟强 文杰 志军 晓波 俊华 学斌 云飞 国伟 军辉 伟东 杰峰 正阳 "
        "晓龙 明辉 伟峰 建斌 海龙 振宇 庆华 永明 卫华 少华 建勇 志坚"
    ),
    ("M", "young"): (
        "浩然 子轩 宇航 浩宇 晨阳 一鸣 嘉豪 子豪 博文 天宇 思远 文轩 宇轩 志鹏 泽宇 俊豪 振宇 "
        "皓轩 明轩 昊天 家乐 辰逸 奕辰 梓豪 宇辰 俊宇 子健 翔宇 凯文 逸飞 航宇 雨泽 "
        "鑫磊 梓航 锦程 世豪 志远 佳乐 子涵 书豪 俊熙"
    ),
    ("F", "old"): (
        "秀英 桂英 秀兰 玉兰 桂兰 凤英 建英 美华 丽华 玉梅 红梅 雪梅 春梅 秀珍 玉珍 美英 金凤 "
        "彩霞 月娥 素芬 素琴 爱华 爱萍 丽萍 红霞 建萍 亚萍 国芳 慧芳 晓红 晓燕 小红 海燕 春燕 "
        "美玲 丽娟 秀芳 月琴 菊芳 素珍 雅琴 月英 巧英 银娣 彩娟 亚芬 卫红"
    ),
    ("F", "mid"): (
        "丽娜 晓丽 丽丽 静静 海燕 丹丹 莉莉 倩倩 晓婷 文静 慧敏 佳慧 雅婷 晓霞 红艳 春霞 丽君 "
        "燕妮 秀娟 晓芳 丽萍 美娟 雪芳 敏华 佳佳 晶晶 琳琳 小燕 艳红 海霞 晓敏 雅丽 婉婷 丽芬 "
        "巧玲 萍萍 玲玲 梦洁 慧娟 亚丽 晓琴 素娟 燕萍"
    ),
    ("F", "young"): (
        "婷婷 欣怡 梓涵 思雨 雨欣 诗琪 佳怡 紫涵 晓雯 雨婷 佳琪 梦婷 思琪 可欣 雅琪 心怡 静怡 "
        "子涵 一诺 欣悦 晨曦 语嫣 若曦 梦瑶 雨涵 诗涵 可馨 佳颖 思佳 芷若 欣妍 雨桐 梓萱 依琳 "
        "嘉怡 诗雨 佳雯 舒婷 心悦 悦彤 佳宁 奕彤"
    ),
}

# One-character given names were most common among people born in the 1980s.
_GIVEN_ONE = {
    "M": "伟 磊 勇 军 涛 斌 强 鹏 杰 超 刚 辉 波 亮 健 峰 明 俊 林 华 平 东 毅 飞 锋 浩 宇 凯 晨 翔",
    "F": "丽 芳 敏 静 燕 艳 娟 霞 玲 婷 洁 琳 颖 倩 雪 丹 娜 萍 红 英 慧 梅 莉 蕾 薇 璐 瑶 琴 佳 琪",
}
_ONE_CHAR_SHARE = {"old": 0.08, "mid": 0.25, "young": 0.12}

SURNAME_LIST = [surname for surname, _ in SURNAMES]
_SURNAME_CUM_WEIGHTS = list(accumulate(weight for _, weight in SURNAMES))
GIVEN_TWO = {key: tuple(value.split()) for key, value in _GIVEN_TWO.items()}
GIVEN_ONE = {key: tuple(value.split()) for key, value in _GIVEN_ONE.items()}


def cohort(birth_year: int) -> str:
    if birth_year < 1978:
        return "old"
    if birth_year < 1992:
        return "mid"
    return "young"


def random_surname(rng: random.Random) -> str:
    return rng.choices(SURNAME_LIST, cum_weights=_SURNAME_CUM_WEIGHTS)[0]


def random_given_name(rng: random.Random, gender: str, birth_year: int) -> str:
    group = cohort(birth_year)
    if rng.random() < _ONE_CHAR_SHARE[group]:
        return rng.choice(GIVEN_ONE[gender])
    return rng.choice(GIVEN_TWO[(gender, group)])


class NameGenerator:
    """Draws full names, avoiding repeats so that the roster reads without confusion.

    Real rosters do have namesakes; the demo avoids them because a reader checking a
    figure by name should find exactly one person.
    """

    def __init__(self, rng: random.Random, taken: set[str] | None = None) -> None:
        self.rng = rng
        self.taken: set[str] = taken if taken is not None else set()

    def name(self, gender: str, birth_year: int) -> str:
        for _ in range(50):
            candidate = random_surname(self.rng) + random_given_name(self.rng, gender, birth_year)
            if candidate not in self.taken:
                break
        self.taken.add(candidate)
        return candidate
