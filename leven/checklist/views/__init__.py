"""The checklist page: the assessment form (:mod:`.form`), profile, actions, comparison and
downloads (:mod:`.panels`), put together in :mod:`.app`."""

from leven.checklist.views.app import ChecklistApp

__all__ = ["ChecklistApp"]
