"""A place for a chart that is made and drawn only once it can be seen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as ipw
from IPython.display import HTML, display

from leven.core import charts


class ChartBox(ipw.Output):
    """Holds a chart; makes and draws it when the box is shown (e.g. its tab is opened).

    An interactive chart is a widget of its own plus a Vega renderer in the browser, and
    making one needs Altair: drawing charts in tabs nobody opened made a page seconds slower.
    """

    def __init__(self, *, shown: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.shown = shown
        self._make: Callable[[], Any] | None = None
        self._chart: Any = None
        self._drawn = True

    @property
    def chart(self) -> Any:
        """The chart this box shows (made now if it was not yet); None when there is none."""
        if self._chart is None and self._make is not None:
            self._chart = self._make()
        return self._chart

    def set(self, make: Callable[[], Any]) -> None:
        """Show the chart ``make()`` returns here (now if the box is shown, else when it is)."""
        self.clear()
        self._make, self._drawn = make, False
        if self.shown:
            self._draw()

    def set_note(self, html_text: str) -> None:
        """Show this HTML (escaped by the caller) instead of a chart, e.g. why there is none."""
        self.clear()
        with self:
            display(HTML(html_text))

    def clear(self) -> None:
        """No chart here (until the next :meth:`set`)."""
        self.clear_output()
        self._make = self._chart = None
        self._drawn = True

    def show(self) -> None:
        """The box became visible: draw its chart if that did not happen yet."""
        self.shown = True
        self._draw()

    def hide(self) -> None:
        self.shown = False

    def _draw(self) -> None:
        if self._make is not None and not self._drawn:
            self._drawn = True
            with self:
                charts.show(self.chart)
