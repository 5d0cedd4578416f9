"""Run the analysis notebooks on a fresh copy of the example data and save their outputs.

The saved outputs are what nbval compares (``make test``); run this after changing an
analysis notebook or the example data: ``make notebooks``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def main(paths: list[str]) -> None:
    from leven.core.web.cli import fresh_demo_store

    folder = Path(tempfile.mkdtemp(prefix="leven-analyses-"))
    os.environ["LEVEN_DATABASE_URL"] = fresh_demo_store(folder / "example.sqlite")
    os.environ["LEVEN_LANG"] = "nl"
    default = sorted((ROOT / "notebooks" / "analyse").glob("*.ipynb"))
    notebooks = [Path(p).resolve() for p in paths] or default
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        nbformat.write(nb, path)
        print(f"executed {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
