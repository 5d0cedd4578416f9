"""The committed outputs of the analysis notebooks name nobody.

Every person the pseudonymiser collects from the example data (deelnemers, and whoever saved,
scored, filled in or interviewed: :func:`leven.core.pseudonymise.collect`) is looked for in
every output of every ``notebooks/analyse/*.ipynb`` (text, tables, SVG charts, errors): their
full name, their surname (the words after the first name), each of their names of three
letters or more (not particles such as "van", nor the words for groups the pseudonymiser
leaves), and every e-mail address in the example data.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest

from leven.core.dataset import load_dataset
from leven.core.pseudonymise import EMAIL, NOT_NAMES, PARTICLES, collect, words
from leven.core.store import Store

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks" / "analyse").glob(
    "*.ipynb"))


def outputs(notebook: nbformat.NotebookNode) -> str:
    """Every output of the notebook as one text: streams, every shown form of a result
    (plain, HTML with its entities decoded, SVG) and tracebacks."""
    parts: list[str] = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(str(output.get("text", "")))
            parts += [str(value) for value in output.get("data", {}).values()]
            parts += [str(line) for line in output.get("traceback", [])]
    return html.unescape("\n".join(parts))


def name_patterns(people: set[str]) -> dict[str, re.Pattern[str]]:
    """What may not be shown of each person, as a whole-word pattern (any case; the words of
    a name may stand apart by spaces, a hyphen or a full stop)."""
    shown: set[tuple[str, ...]] = set()
    for person in people:
        parts = tuple(words(person))
        shown.add(parts)
        if len(parts) > 1:
            shown.add(parts[1:])  # the surname: "de vries", "el idrissi", "kuipers"
        # a single name, not a particle or a word for a group ("kerngroep"), as replaced
        shown |= {(w,) for w in parts if len(w) >= 3 and w not in PARTICLES | NOT_NAMES}
    return {
        " ".join(parts): re.compile(
            r"(?<!\w)" + r"[\s.\-]{1,3}".join(map(re.escape, parts)) + r"(?!\w)", re.IGNORECASE)
        for parts in shown if parts
    }


def hits(text: str, patterns: dict[str, re.Pattern[str]], emails: set[str]) -> list[str]:
    found = [name for name, pattern in sorted(patterns.items()) if pattern.search(text)]
    return found + sorted(e for e in emails if e.lower() in text.lower())


@pytest.fixture(scope="module")
def example_people(example_file: Path) -> tuple[dict[str, re.Pattern[str]], set[str]]:
    """The example's people (as name patterns) and e-mail addresses."""
    store = Store(f"sqlite:///{example_file}")
    try:
        data = load_dataset(store)
    finally:
        store.close()
    people = collect(data, b"").people
    emails = {found for frame in data.frames().values() for column in frame.columns
              if frame[column].dtype == object
              for value in frame[column].dropna().astype(str)
              for found in EMAIL.findall(value)}
    return name_patterns(people), emails


def test_the_example_has_the_people_looked_for(example_people):
    patterns, emails = example_people
    # deelnemers, and savers who are no deelnemer
    for name in ("anna de vries", "de vries", "vries", "hans kuipers", "kuipers",
                 "wethouder smits", "smits", "el idrissi"):
        assert name in patterns, name
    assert all("@" in e for e in emails)  # (the example has none today; a new one is looked for)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_analysis_output_names_a_person(path, example_people):
    patterns, emails = example_people
    assert hits(outputs(nbformat.read(path, as_version=4)), patterns, emails) == []


def test_a_name_in_an_output_is_found(example_people):
    patterns, emails = example_people
    notebook = nbformat.read(NOTEBOOKS[0], as_version=4)
    assert hits(outputs(notebook), patterns, emails) == []
    address = "a.devries@zorg-kempen.nl"  # an address as a deelnemer would give it
    emails = emails | {address}
    cell = next(c for c in notebook.cells if c.cell_type == "code")
    cell.outputs = [
        nbformat.v4.new_output("stream", text="Kerngroep: A. de  Vries\n"),
        nbformat.v4.new_output("display_data", data={
            "text/html": f"<td>{html.escape(address)}</td>",
            "image/svg+xml": "<svg><text>Kuipers (0.50)</text></svg>"}),
    ]
    assert hits(outputs(notebook), patterns, emails) == ["de vries", "kuipers", "vries",
                                                         address]
