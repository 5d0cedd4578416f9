"""The spine of the workbook: everything that is not one instrument.

Pure: ``errors``, ``i18n`` (the catalogue), ``settings``, ``slugs``, ``records`` (the base of
every record), ``media`` (images), ``textstats`` (word statistics), ``instruments`` (the
registry). Persistence: ``store``, ``example``. Charts: ``charts`` (theme and rendering),
``vega_bundle``. Widgets: ``widgets/`` (app start and base class, form base, shared inputs,
record panel). Server: ``web/`` (``leven serve``, the CLI, our pages, static files).
The spine imports no instrument except through :mod:`leven.core.instruments`.
"""
