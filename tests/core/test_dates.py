"""Dates read as people in the Netherlands write them (dd-mm-jjjj) and shown the same way."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leven.core.dates import date_text, read_date


@pytest.mark.parametrize("text", ["11-02-2025", "11/02/2025", "11.02.2025", " 11 - 02 - 2025 ",
                                  "11 02 2025", "2025-02-11"])
def test_the_ways_a_date_is_written_are_read(text):
    assert read_date(text) == date(2025, 2, 11)


def test_a_day_and_month_of_one_digit_are_read():
    assert read_date("1-2-2025") == date(2025, 2, 1)


def test_an_empty_text_is_no_date():
    assert read_date("") is None
    assert read_date("   ") is None


@pytest.mark.parametrize("text", ["31-02-2025", "11-02-25", "2-2025", "morgen", "2025-13-01",
                                  "00-01-2025", "11-02-2025 10:00", "02/11/2025x"])
def test_what_is_no_date_is_refused(text):
    with pytest.raises(ValueError):
        read_date(text)


def test_a_date_is_shown_as_dd_mm_jjjj():
    assert date_text(date(2025, 2, 1)) == "01-02-2025"
    assert date_text(None) == ""


@given(st.dates(min_value=date(1000, 1, 1)))
def test_every_date_shown_reads_back_as_itself(value):
    assert read_date(date_text(value)) == value
