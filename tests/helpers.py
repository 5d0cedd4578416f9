"""Helpers for the browser tests (imported as ``from helpers import ...``)."""

from __future__ import annotations


def open_app(page: object, server: str, notebook: str, proeftuin: str = "bergeijk") -> None:
    """Open an app notebook for a proeftuin and wait until its widgets are on the page."""
    page.goto(f"{server}voila/render/{notebook}?proeftuin={proeftuin}")
    page.wait_for_selector(".leven-app", timeout=90_000)
