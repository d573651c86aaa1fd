"""Fictional but realistically shaped personal data: names, ID numbers, credit codes, phones.

Everything is drawn from the generator's seeded random source, so the same seed gives the same
people. ID numbers and credit codes carry valid check characters (GB 11643, GB 32100) on a
region code that does not exist (province ``99``), so masking and validation code has
something real-looking to find while no real person or enterprise can be named by accident.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

__all__ = ["IdentityFactory", "credit_code_check", "id_number_check"]

_SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕"
    "苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史"
)
_GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国志红春梅林海文辉鹏飞"
    "宇浩然欣怡晨阳子轩雨萱佳琪博文思远俊杰晓燕立新德胜永福庆丰金凤淑珍桂芝秋菊振华"
)
_SHOP_WORDS = (
    "福来",
    "兴旺",
    "顺达",
    "鑫源",
    "宏发",
    "聚丰",
    "和顺",
    "永盛",
    "金穗",
    "瑞祥",
    "恒通",
    "万家",
    "康乐",
    "同心",
    "富民",
    "嘉禾",
    "隆昌",
    "华兴",
    "新月",
    "清源",
    "润田",
    "广济",
    "长青",
    "安康",
    "利民",
    "汇通",
    "四季",
    "红星",
    "春晖",
    "满堂",
)

# ISO 7064 MOD 11-2 as used by GB 11643 (resident ID numbers).
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# GB 32100 (unified social credit code) and GB 11714 (organisation code) check characters.
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def id_number_check(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits of a resident ID number."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def credit_code_check(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters of a credit code."""
    total = sum(
        _USCC_ALPHABET.index(char) * weight
        for char, weight in zip(first17, _USCC_WEIGHTS, strict=True)
    )
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def _org_code_check(body: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(body, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return "X" if value == 10 else "0" if value == 11 else str(value)


class IdentityFactory:
    """Draws fictional people and organisations from a seeded random source.

    Names and numbers are unique within one factory, so two parties never share an ID number
    by accident (a shared number would make unrelated records look like the same party).
    """

    def __init__(self, rng: random.Random, region_code: str) -> None:
        self._rng = rng
        self._region = region_code
        self._used: set[str] = set()

    def unique(self, make: Callable[[], str]) -> str:
        """The first value drawn by ``make`` that this factory has not handed out before."""
        for _ in range(1000):
            value = make()
            if value not in self._used:
                self._used.add(value)
                return value
        raise RuntimeError("could not draw a unique value")  # pragma: no cover

    def person_name(self) -> str:
        """A two- or three-character Chinese name."""

        def make() -> str:
            given_length = 1 if self._rng.random() < 0.3 else 2
            given = "".join(self._rng.choice(_GIVEN) for _ in range(given_length))
            return self._rng.choice(_SURNAMES) + given

        return self.unique(make)

    def id_number(self, *, born_from: int = 1955, born_to: int = 2000) -> str:
        """An 18-character resident ID number with a valid check character."""

        def make() -> str:
            birth = dt.date(self._rng.randint(born_from, born_to), 1, 1) + dt.timedelta(
                days=self._rng.randint(0, 364)
            )
            first17 = f"{self._region}{birth:%Y%m%d}{self._rng.randint(1, 999):03d}"
            return first17 + id_number_check(first17)

        return self.unique(make)

    def phone(self) -> str:
        """An 11-digit mobile number starting 1[3-9]."""

        def make() -> str:
            rest = "".join(str(self._rng.randint(0, 9)) for _ in range(9))
            return f"1{self._rng.choice('3456789')}{rest}"

        return self.unique(make)

    def credit_code(self, prefix: str = "91") -> str:
        """A unified social credit code; ``prefix`` is the registration authority and kind
        (``91`` company, ``92`` individual business, ``11`` state organ, ``93`` co-operative)."""

        def make() -> str:
            body = "".join(str(self._rng.randint(0, 9)) for _ in range(8))
            first17 = f"{prefix}{self._region}{body}{_org_code_check(body)}"
            return first17 + credit_code_check(first17)

        return self.unique(make)

    def trade_name(self, template: str) -> str:
        """A unique trade name: ``template`` with ``{w}`` replaced by a word such as 福来."""
        return self.unique(lambda: template.format(w=self._rng.choice(_SHOP_WORDS)))
