"""Moved to `herotui.isoweek` (the one ISO-week helper); kept until every importer has moved."""

from herotui.isoweek import day_start_utc, iso_week, local_day, parse_week, week_range_utc, week_start  # noqa: F401
