"""Working days of the Chinese calendar, for the length of a public notice (公示).

A notice lasts at least five working days: public holidays do not count, and the
weekend days worked in lieu of them (调休) do. Which days those are comes from, in
order:

1. the admin's table of days off and on (core.models.CalendarDay): local holidays, and
   any year the library below does not know yet, as soon as the State Council
   publishes it;
2. `chinesecalendar` (a maintained package of the State Council's schedules; 1.11.0
   knows 2004–2026);
3. where neither knows a date, Monday to Friday — and the caller is told which dates
   were guessed, so the reviewer sees a warning.
"""

import datetime
from dataclasses import dataclass, field

import chinese_calendar

from core.models import CalendarDay

NOTICE_WORKING_DAYS = 5
ONE_DAY = datetime.timedelta(days=1)


@dataclass
class Count:
    """Working days counted over a period, and the dates no calendar knew."""

    days: int = 0
    guessed: list[datetime.date] = field(default_factory=list)


def _overrides(start: datetime.date, end: datetime.date) -> dict[datetime.date, bool]:
    days = CalendarDay.objects.filter(date__range=(start, end))
    return dict(days.values_list("date", "is_workday"))


def _is_workday(day: datetime.date, overrides: dict, guessed: list) -> bool:
    if day in overrides:
        return overrides[day]
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:  # a year the package does not know
        guessed.append(day)
        return day.weekday() < 5


def working_days(start: datetime.date, end: datetime.date) -> Count:
    """The working days from `start` to `end`, both included."""
    count, overrides = Count(), _overrides(start, end)
    day = start
    while day <= end:
        count.days += _is_workday(day, overrides, count.guessed)
        day += ONE_DAY
    return count


def notice_end_after(
    start: datetime.date, working_days_needed: int = NOTICE_WORKING_DAYS
) -> tuple[datetime.date, list[datetime.date]]:
    """The earliest last day of a notice of `working_days_needed` working days from `start`,
    and the dates on the way that no calendar knew."""
    # A working day is never more than a few weeks away (春节 is the longest break).
    overrides, guessed = _overrides(start, start + datetime.timedelta(days=60)), []
    day, counted = start, 0
    while True:
        if _is_workday(day, overrides, guessed):
            counted += 1
            if counted == working_days_needed:
                return day, guessed
        day += ONE_DAY
