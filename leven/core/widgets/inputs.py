"""Small input widgets the forms share: choices from enums with catalogue labels."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

import ipywidgets as ipw
import traitlets

from leven.core.i18n import t


def choice_options(values: Sequence[str], label_prefix: str) -> list[tuple[str, str]]:
    """(label, value) pairs whose labels come from the catalogue as ``label_prefix.value``."""
    return [(t(f"{label_prefix}.{value}"), value) for value in values]


def enum_dropdown(enum: type[Enum], label_prefix: str, *, allow_none: bool = True) -> ipw.Dropdown:
    """A dropdown over an enum; starts empty, so nothing is chosen for the user."""
    options = choice_options([member.value for member in enum], label_prefix)
    if allow_none:
        options = [(t("core.form.choose"), None), *options]
    return show_choose(ipw.Dropdown(options=options, value=None if allow_none else options[0][1]))


def show_choose(dropdown: ipw.Dropdown) -> ipw.Dropdown:
    """Show "— kies —" rather than an empty box when nothing is chosen.

    ipywidgets leaves a dropdown blank when its value is None, even when None is one of
    its options; choosing that option by index shows its label (the value stays None).
    """
    if dropdown.value is None and dropdown.options:
        first = dropdown.options[0]
        if isinstance(first, tuple) and first[1] is None:
            dropdown.index = 0
    return dropdown


class CheckboxGroup(ipw.VBox):
    """Several checkboxes whose ``value`` is the tuple of chosen values, in option order."""

    value = traitlets.Tuple()

    def __init__(self, options: Sequence[tuple[str, str]], **kwargs: object) -> None:
        self._boxes = {
            value: ipw.Checkbox(description=label, indent=False, value=False)
            for label, value in options
        }
        super().__init__(list(self._boxes.values()), **kwargs)
        self._syncing = False
        for box in self._boxes.values():
            box.observe(self._observe_box, names="value")

    def _observe_box(self, _change: dict) -> None:
        if not self._syncing:
            self.value = tuple(v for v, box in self._boxes.items() if box.value)

    @traitlets.observe("value")
    def _observe_value(self, change: dict) -> None:
        self._syncing = True
        try:
            for v, box in self._boxes.items():
                box.value = v in change["new"]
        finally:
            self._syncing = False


def close_tree(widget: ipw.Widget) -> None:
    """Close a widget with everything in it (children, layouts, styles): no model is left."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    for part in ("layout", "style"):
        model = getattr(widget, part, None)
        if isinstance(model, ipw.Widget):
            model.close()
    widget.close()
