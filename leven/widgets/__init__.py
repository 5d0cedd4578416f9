"""ipywidgets views over the domain models: one form or app per module."""
