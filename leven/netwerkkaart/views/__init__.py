"""The netwerkkaart page (ipywidgets): the app in :mod:`.app`, the tie editor in :mod:`.editor`."""

from leven.netwerkkaart.views.app import NetwerkkaartApp

__all__ = ["NetwerkkaartApp"]
