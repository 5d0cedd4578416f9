"""Run the analysis notebooks on a fresh copy of the example data and save their outputs.

The saved outputs are what nbval compares (``make test``); run this after changing an
analysis notebook or the example data: ``make notebooks``. ``make notebooks DATA=file-or-URL``
runs them on other data and writes the results to ``data/analyses/`` (not committed).
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

    chosen = os.environ.get("LEVEN_ANALYSIS_DATA", "")
    if chosen:  # someone's own data: the outputs go to data/analyses/, never into the repo
        os.environ["LEVEN_DATABASE_URL"] = chosen if "://" in chosen else f"sqlite:///{chosen}"
        out_dir = ROOT / "data" / "analyses"
        out_dir.mkdir(parents=True, exist_ok=True)
    else:
        folder = Path(tempfile.mkdtemp(prefix="leven-analyses-"))
        os.environ["LEVEN_DATABASE_URL"] = fresh_demo_store(folder / "voorbeeld.sqlite")
        out_dir = None
    os.environ["LEVEN_LANG"] = "nl"
    default = sorted((ROOT / "notebooks" / "analyse").glob("*.ipynb"))
    notebooks = [Path(p).resolve() for p in paths] or default
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        target = out_dir / path.name if out_dir else path
        nbformat.write(nb, target)
        print(f"executed {path.relative_to(ROOT)} -> {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
