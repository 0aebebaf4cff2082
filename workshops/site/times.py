"""Moments as the pages write them: the UTC value of a <time datetime> and the clock text."""

from __future__ import annotations

import datetime as dt


def utc_iso(moment: dt.datetime | None) -> str:
    """ "2023-06-08T12:00:00Z": the value of a <time datetime>, whatever zone is active."""
    if moment is None:
        return ""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def clock(moment: dt.datetime) -> str:
    """ "8:05": the hour without a leading zero, in the moment's own zone."""
    return f"{moment.hour}:{moment:%M}"
