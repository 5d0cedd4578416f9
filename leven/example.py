"""The example proeftuinen under their public name: see :mod:`leven.core.example`."""

from leven.core.example import load_example

__all__ = ["load_example"]
