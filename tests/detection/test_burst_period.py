"""A burst is judged against its key's rate over the period the events span; a tail of old dates
(registrations cancelled years after the death) must not stretch that period and make an ordinary
busy day at a funeral home look like an incident."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pipelines.detection.leads import _burst_groups


def _frame(old_share: float) -> pl.DataFrame:
    """A funeral home "A" cremating one working-age death a day through 2023, and 7 on 1 June
    (8 in that two-day window: a busy day, not an incident at this rate); plus ``old_share`` of
    deaths elsewhere dated 2012–2015."""
    start = dt.date(2023, 1, 1)
    dates = [start + dt.timedelta(days=i) for i in range(365)] + [dt.date(2023, 6, 1)] * 6
    keys = ["A"] * len(dates)
    n_old = round(old_share * len(dates))
    dates += [dt.date(2012, 1, 1) + dt.timedelta(days=30 * i) for i in range(n_old)]
    keys += ["Z"] * n_old
    return pl.DataFrame({"person_key": [f"p{i}" for i in range(len(dates))], "_funeral": keys,
                         "event_date": dates})


def test_a_busy_day_is_no_burst() -> None:
    assert _burst_groups(_frame(0.0), "_funeral", 1, 0.001, "F:").height == 0


def test_old_dates_do_not_make_it_one() -> None:
    assert _burst_groups(_frame(0.04), "_funeral", 1, 0.001, "F:").height == 0


def test_a_real_cluster_still_is() -> None:
    f = _frame(0.04)
    extra = pl.DataFrame({"person_key": [f"x{i}" for i in range(12)], "_funeral": ["A"] * 12,
                          "event_date": [dt.date(2023, 9, 10)] * 12})
    g = _burst_groups(pl.concat([f, extra]), "_funeral", 1, 0.001, "F:")
    assert g.height >= 13 and g["burst_p"].max() < 0.001
