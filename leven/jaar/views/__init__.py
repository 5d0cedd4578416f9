"""The year page (ipywidgets): bijeenkomsten with a tick list, the timeline, verbinding."""

from __future__ import annotations

from leven.jaar.views.app import JaarApp, MeetingsView, VerbindingForm
from leven.jaar.views.meeting import BijeenkomstForm
from leven.jaar.views.timeline import PlanningForm, TimelineView, YearState

__all__ = ["BijeenkomstForm", "JaarApp", "MeetingsView", "PlanningForm", "TimelineView",
           "VerbindingForm", "YearState"]
