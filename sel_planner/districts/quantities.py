"""How the tools write and read a quantity ("50%", "12 schools", or words) and a school year."""

import re
from decimal import Decimal

QUANTITY = re.compile(r"^\s*(?P<value>-?\d{1,9}(?:[.,]\d{1,2})?)\s*(?P<unit>%|[^\d\s].{0,29})?\s*$")


def parse_quantity(text: str) -> tuple[Decimal | None, str, str]:
    """`50%` → (50, "%", ""); `about half` → (None, "", "about half")."""
    match = QUANTITY.match(text or "")
    if not match:
        return None, "", (text or "").strip()
    return Decimal(match["value"].replace(",", ".")), (match["unit"] or "").strip(), ""


def show_quantity(value, unit, text) -> str:
    """The quantity as typed: the number with its unit, else the words."""
    if value is None:
        return text
    number = f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}".strip()


def school_year(end_year: int) -> str:
    """The school year that ends in `end_year`: 2027 → "2026-27"."""
    return f"{end_year - 1}-{end_year % 100:02d}"
