"""A place for a chart that is drawn only once it can be seen."""

from __future__ import annotations

from typing import Any

import ipywidgets as ipw

from leven import charts


class ChartBox(ipw.Output):
    """Holds a chart; draws it when the box is shown (e.g. its tab is opened).

    An interactive chart is a widget of its own plus a Vega renderer in the browser;
    drawing charts in tabs nobody opened made a page several seconds slower.
    """

    def __init__(self, *, shown: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.shown = shown
        self.chart: Any = None
        self._drawn = True

    def set(self, chart: Any) -> None:
        """Show ``chart`` here (now if the box is shown, else when it is)."""
        self.clear_output()
        self.chart, self._drawn = chart, False
        if self.shown:
            self._draw()

    def show(self) -> None:
        """The box became visible: draw its chart if that did not happen yet."""
        self.shown = True
        self._draw()

    def hide(self) -> None:
        self.shown = False

    def _draw(self) -> None:
        if self.chart is not None and not self._drawn:
            self._drawn = True
            with self:
                charts.show(self.chart)
