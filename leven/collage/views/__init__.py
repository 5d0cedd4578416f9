"""The verbeelden page: notes (:mod:`.app`), the gallery (:mod:`.gallery`), the words
(:mod:`.words`)."""

from leven.collage.views.app import CollageApp

__all__ = ["CollageApp"]
