"""The four quarters of a cycle, dated from its start and end."""

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Quarter:
    number: int
    start: date
    end: date

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


def cycle_quarters(cycle) -> list[Quarter]:
    """Split the cycle's dates into four consecutive quarters of (nearly) equal length."""
    days = (cycle.end_date - cycle.start_date).days + 1
    quarters = []
    start = cycle.start_date
    for number in range(1, 5):
        end = cycle.start_date + timedelta(days=round(days * number / 4) - 1)
        quarters.append(Quarter(number, start, end))
        start = end + timedelta(days=1)
    return quarters


def quarter_of(cycle, day: date) -> int | None:
    return next((quarter.number for quarter in cycle_quarters(cycle) if day in quarter), None)
