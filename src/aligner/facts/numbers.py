"""Reading numerals: Arabic, Chinese (小写 and 大写), mixed (1.9万亿) and money words.

Every reader takes the numeral text exactly as matched in the converted view (digits
already folded to ASCII) and returns a :class:`decimal.Decimal`, or ``None`` when the
text is not a number it can read.  Nothing here raises: a numeral that cannot be read
is simply not a fact.  Decimals keep values exact, so 1.9万亿 and 1900000000000 compare
equal without float rounding.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache

DIGITS = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "壹": 1, "幺": 1, "二": 2, "贰": 2, "貳": 2, "两": 2,
    "兩": 2, "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
# 廿 and 卅 are a digit and its ten in one character (廿二 = 22).
TENS = {"廿": 20, "卅": 30}
POINT = "点點"
MINUS = "负負"
CN_DIGIT_CHARS = "".join(DIGITS)
# Characters that make a numeral a number by themselves (三十, 两千, 伍仟), unlike a lone digit.
SCALE_CHARS = "".join(SMALL_UNITS) + "".join(BIG_UNITS) + "".join(TENS)
CN_NUMERAL_CHARS = CN_DIGIT_CHARS + SCALE_CHARS


def _integer_part(text: str) -> int | None:
    """Read a Chinese integer (``一千零一``, ``三万五``, ``一九九八``); ``None`` if malformed."""
    if not text:
        return None
    if all(ch in DIGITS for ch in text):
        # A run of digits without units is read digit by digit (years: 一九九八, 二〇〇二).
        return int("".join(str(DIGITS[ch]) for ch in text))
    return _unit_numeral(text)


def _unit_numeral(text: str) -> int | None:
    """Read a Chinese integer written with units (``一千零一``, ``三万五``); ``None`` if malformed."""
    total = 0        # everything above the current 亿 group
    section = 0      # the group being built (below 亿, may include a 万 part)
    pending = None   # a digit waiting for its unit
    last_unit = 0    # the unit written last, for colloquial tails (三万五 = 35000)
    zero_seen = False
    for ch in text:
        if ch in DIGITS:
            if pending is not None:
                return None  # two digits in a row inside a unit numeral: 一两千 is not a number
            if DIGITS[ch] == 0:
                zero_seen = True
            else:
                pending = DIGITS[ch]
        elif ch in TENS:
            section += TENS[ch]
            pending, last_unit, zero_seen = None, 0, False
        elif ch in SMALL_UNITS:
            section += (1 if pending is None else pending) * SMALL_UNITS[ch]
            pending, last_unit, zero_seen = None, SMALL_UNITS[ch], False
        elif ch in BIG_UNITS:
            grouped = _big_unit(total, section + (pending or 0), BIG_UNITS[ch])
            if grouped is None:
                return None
            (total, section), pending, last_unit, zero_seen = grouped, None, BIG_UNITS[ch], False
        else:
            return None
    return total + section + _tail(pending, last_unit, zero_seen)


def _big_unit(total: int, group: int, unit: int) -> tuple[int, int] | None:
    """``(total, section)`` once 万 or 亿 (``unit``) closes ``group``; None for a numeral
    starting with 万."""
    if unit == 10**8:
        return (total + group) * unit, 0
    if group == 0 and total == 0:
        return None  # a numeral cannot start with 万
    return total, group * unit


def _tail(pending: int | None, last_unit: int, zero_seen: bool) -> int:
    """The value of a bare final digit: one step below the unit right before it
    (一百二 = 120); after 零 a plain unit digit (一百零二 = 102)."""
    if pending is None:
        return 0
    return pending * (last_unit // 10 if last_unit >= 10 and not zero_seen else 1)


def read_chinese(text: str) -> Decimal | None:
    """Read a Chinese numeral (``负三点八``, ``十二万三千点零``, ``一点五万``) to a Decimal."""
    negative = text[:1] in MINUS
    if negative:
        text = text[1:]
    scale = 1
    whole, point, fraction = text, "", ""
    for mark in POINT:
        if mark in text:
            whole, point, fraction = text.partition(mark)
            break
    if point:
        # 一点五万: a scale after the decimals applies to the whole number.
        while fraction and fraction[-1] in BIG_UNITS:
            scale *= BIG_UNITS[fraction[-1]]
            fraction = fraction[:-1]
        if not fraction or any(ch not in DIGITS for ch in fraction):
            return None
    integer = _integer_part(whole)
    if integer is None:
        return None
    value = Decimal(integer)
    if fraction:
        value += Decimal("0." + "".join(str(DIGITS[ch]) for ch in fraction))
    value *= scale
    return -value if negative else value


def read_arabic(text: str, scale: str = "") -> Decimal | None:
    """Read ``9,700`` / ``1.9`` / ``-3.8`` times a Chinese scale (``万亿``) to a Decimal."""
    try:
        value = Decimal(text.replace(",", "").replace(" ", "").translate(_MINUS_SIGNS))
    except InvalidOperation:
        return None
    return value * scale_factor(scale)


# The minus sign and the small hyphen-minus read as "-".
_MINUS_SIGNS = str.maketrans("−﹣", "--")


def scale_factor(scale: str) -> int:
    """Return the multiplier of a scale word: ``万`` 10⁴, ``万亿`` 10¹², ``千万`` 10⁷, ``""`` 1."""
    factor = 1
    for ch in scale:
        factor *= SMALL_UNITS.get(ch) or BIG_UNITS.get(ch) or 1
    return factor


def read_money_words(text: str) -> Decimal | None:
    """Read an amount written with 元/圆, 角 and 分 (``壹拾壹元壹角壹分`` = 11.11)."""
    text = text.rstrip("整正")
    negative = text[:1] in MINUS + "-−﹣"
    if negative:
        text = text[1:]
    value = Decimal(0)
    rest = text
    for mark, weight in (("元", 1), ("圆", 1), ("角", Decimal("0.1")), ("分", Decimal("0.01"))):
        if mark in rest:
            head, _, rest = rest.partition(mark)
            head = head.lstrip("零〇")
            if not head:
                continue
            part = read_arabic(head) if head.isdigit() else read_chinese(head)
            if part is None:
                return None
            value += part * weight
    if rest.strip("零〇"):
        return None
    return -value if negative else value


_CHINESE_NUMERAL_TEXT = frozenset(CN_NUMERAL_CHARS + POINT + MINUS)
_UNITS_ABOVE_TEN = frozenset(unit for unit, value in (SMALL_UNITS | BIG_UNITS).items() if value > 10)


def _cn2an_may_read(text: str) -> bool:
    """Whether cn2an could read a numeral that our reader could not.

    Of the Chinese numerals we cannot read, cn2an (smart mode) reads only two shapes:
    a unit above ten and then one last digit before any point (一两百零, 万百五), which
    it pads with the next lower unit, and a number ending in a bare point (三点).  It
    refuses everything else (approximate ranges 四五十, 十六七, 三七二十一, a bare 万),
    so it is not asked, and not even imported (loading it is slow).  Other text is
    left to cn2an.
    """
    if not _CHINESE_NUMERAL_TEXT.issuperset(text):
        return True
    if text.endswith(tuple(POINT)):
        return True
    whole = text
    for mark in POINT:
        whole = whole.partition(mark)[0]
    return len(whole) >= 2 and whole[-1] in DIGITS and whole[-2] in _UNITS_ABOVE_TEN


def _cn2an(text: str) -> Decimal | None:
    """Ask cn2an (smart mode) for what our reader does not know; never raises."""
    if not _cn2an_may_read(text):
        return None
    try:
        import cn2an

        return Decimal(str(cn2an.cn2an(text, "smart")))
    except Exception:  # cn2an raises ValueError and others for text it cannot read
        return None


@lru_cache(maxsize=4096)
def read_number(text: str) -> Decimal | None:
    """Read any numeral text: Arabic, Chinese, mixed (``1.9万亿``), money words, fractions.

    Returns the value as a Decimal, or ``None`` when neither our reader nor cn2an can
    read it.  Results are cached: documents repeat the same numerals.
    """
    text = text.strip()
    if not text:
        return None
    if "分之" in text:
        denominator, _, numerator = text.partition("分之")
        low, high = read_number(numerator), read_number(denominator)
        return low / high if low is not None and high else None
    if any(mark in text for mark in "元圆角") or (text.endswith("分") and len(text) > 1):
        money = read_money_words(text)
        if money is not None:
            return money
    head = text.rstrip("十百千万亿")
    if head and (head[0].isdigit() or head[0] in "-−﹣" and head[1:2].isdigit()):
        return read_arabic(head, text[len(head):])
    value = read_chinese(text)
    return value if value is not None else _cn2an(text)


def plain(value: Decimal) -> int | float:
    """Return ``value`` as an int when it is whole, else as a float (for JSON)."""
    return int(value) if value == value.to_integral_value() else float(value)
