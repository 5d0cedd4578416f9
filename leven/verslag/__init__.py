"""The year report ("oogst") of a proeftuin: one self-contained offline HTML file.

It draws on every instrument, so it is the top layer of the import contracts; it reads
each instrument's records, analysis and charts, never its views. ``leven report`` writes
it (:mod:`leven.verslag.pages`), and the start page offers it as a download.
"""
