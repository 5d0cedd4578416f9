"""A data file that cannot be written opens read-only: every page reads, every save says so.

Root writes any file whatever its mode, so the checks run in a child process that cannot:
as root, ``setpriv`` starts it without capabilities (still uid 0, so the interpreter under
``/root``, which ``nobody`` cannot reach, stays readable), or else as ``nobody``; as any other
user the chmod alone is enough. The child runs a ``check_*`` function of this file on a copy
of the example proeftuin (file 0444, folder 0555 or 0755) and prints what it saw as JSON.
"""

from __future__ import annotations

import io
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import redirect_stdout
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from leven.core.opening import plan_opening
from leven.core.settings import EXAMPLE_DIR, NOTEBOOKS_DIR, sqlite_url
from leven.core.store import ReadOnlyStore, Store

DUTCH = "Niet opgeslagen: het gegevensbestand {path} kan niet worden beschreven"
ENGLISH = "Not saved: the data file {path} cannot be written"
CHILD = """
import importlib.util, json, os, sys
spec = importlib.util.spec_from_file_location("read_only_checks", sys.argv[1])
checks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(checks)
print(json.dumps(getattr(checks, sys.argv[2])(sys.argv[3])), flush=True)
os._exit(0)  # an app's live view may leave a thread running
"""
DROP_ALL_CAPABILITIES = ["setpriv", "--inh-caps=-all", "--bounding-set=-all", "--"]


# -- in the child: what a read-only store does ---------------------------------------------


def _refusal(action: Callable[[], Any]) -> dict[str, Any] | None:
    """None when ``action`` went through, else what it raised."""
    try:
        action()
    except ReadOnlyStore as error:
        from leven.core.i18n import t

        return {
            "type": "ReadOnlyStore",
            "nl": str(error),
            "en": t(error.key, lang="en", path=str(error.path)),
        }
    except Exception as error:
        return {"type": type(error).__name__, "nl": str(error)}
    return None


def _can_write(path: Path) -> bool:
    try:
        with open(path, "r+b"):
            return True
    except PermissionError:
        return False


def _example_ids() -> tuple[dict[str, list[str]], dict[str, int], list[str]]:
    """Per model path: the example's record ids, its number of versions; the blob ids."""
    records: dict[str, list[str]] = {}
    versions: dict[str, int] = {}
    blobs: list[str] = []
    for file in sorted(EXAMPLE_DIR.glob("*.json")):
        content = json.loads(file.read_text(encoding="utf-8"))
        blobs += [blob["blob_id"] for blob in content.get("blobs", [])]
        if content.get("model"):
            model = content["model"]
            records.setdefault(model, []).extend(e["record_id"] for e in content["records"])
            versions[model] = versions.get(model, 0) + sum(
                len(e.get("versions") or [e]) for e in content["records"]
            )
    return records, versions, blobs


def check_store(path_text: str) -> dict[str, Any]:
    """Open, read every example record and photo, then try every kind of write."""
    from leven.core.example import _resolve
    from leven.core.store import NewVersion
    from leven.proeftuin import Deelnemer

    path = Path(path_text)
    before = sorted(os.listdir(path.parent))
    seen: dict[str, Any] = {"file_writable": _can_write(path)}
    store = Store(sqlite_url(path))
    seen |= {"read_only": store.read_only, "path": str(store.path)}
    records, versions, blobs = _example_ids()
    seen["records"] = {
        model: {
            "ids": sorted(v.record_id for v in store.records(_resolve(model))),
            "expected_ids": sorted(set(ids)),
            "versions": len(store.frame(_resolve(model), history=True)),
            "expected_versions": versions[model],
        }
        for model, ids in records.items()
    }
    seen["blobs_missing"] = [b for b in blobs if store.load_blob(b) is None]
    seen["proeftuinen"] = store.proeftuinen()
    key = "bergeijk/deelnemer/nieuw/deelnemer"
    seen["save"] = _refusal(lambda: store.save(Deelnemer(naam="Nieuw"), proeftuin="bergeijk"))
    seen["save_all"] = _refusal(
        lambda: store.save_all([NewVersion(Deelnemer(naam="Nieuw"), "bergeijk")])
    )
    seen["save_blob"] = _refusal(
        lambda: store.save_blob(b"\xff\xd8", proeftuin="bergeijk", media_type="image/jpeg")
    )
    seen["save_draft"] = _refusal(lambda: store.save_draft(key, {"naam": "Nieuw"}))
    seen["discard_draft"] = _refusal(lambda: store.discard_draft(key))
    seen["draft_kept"] = store.load_draft(key) is not None
    seen["deelnemers_after"] = len(store.records(Deelnemer))
    store.close()
    seen["files"] = {"before": before, "after": sorted(os.listdir(path.parent))}
    return seen


def check_wal(path_text: str) -> dict[str, Any]:
    """A save still in the ``-wal`` beside the file is part of what is read."""
    from leven.proeftuin import Deelnemer

    store = Store(sqlite_url(Path(path_text)))
    found = store.latest(Deelnemer, "in-de-wal")
    return {
        "read_only": store.read_only,
        "naam": found.record.naam if found else None,
        "save": _refusal(lambda: store.save(Deelnemer(naam="x"), proeftuin="bergeijk")),
    }


def check_opening_refusals(path_text: str) -> dict[str, Any]:
    """A file that cannot be made, or a read-only file without the store's tables."""
    folder = Path(path_text).parent
    return {
        name: _refusal(lambda name=name: Store(sqlite_url(folder / name)))
        for name in ("bestaat-niet.sqlite", "leeg.sqlite")
    }


class _Logged(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.problems: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING or record.exc_info:
            self.problems.append(f"{record.levelname} {record.getMessage()}")


def check_form(path_text: str) -> dict[str, Any]:
    """Type into forms and click save; upload a photo."""
    import time

    from leven.core.example_images import example_image
    from leven.core.widgets.form import DRAFT_DELAY_SECONDS
    from leven.core.widgets.photo_upload import PhotoField
    from leven.proeftuin import Deelnemer
    from leven.proeftuin.views import DeelnemerForm, ProeftuinForm

    logged = _Logged()
    logging.getLogger("leven").addHandler(logged)
    store = Store(sqlite_url(Path(path_text)))
    new = DeelnemerForm(store, "bergeijk", saved_by="Els")
    new.fields["naam"].widget.value = "Fatima Yilmaz"
    new.fields["organisatie"].widget.value = "Welzijn De Kempen"
    time.sleep(DRAFT_DELAY_SECONDS + 0.4)  # the draft kept while typing (in the background)
    new.save_button.click()
    existing = ProeftuinForm(store, "bergeijk", record_id="bergeijk")
    existing.fields["projectleider"].widget.value = "Karim El Idrissi"
    existing.flush_draft()
    existing.save_button.click()
    photos = PhotoField(store, "bergeijk")
    added, refused = photos.add_files([{"name": "collage.jpg", "content": example_image("huis")}])
    return {
        "new": {
            "status": new.status.value,
            "naam": new.fields["naam"].widget.value,
            "organisatie": new.fields["organisatie"].widget.value,
            "messages": new.messages,
        },
        "existing": {
            "status": existing.status.value,
            "messages": existing.messages,
            "projectleider": existing.fields["projectleider"].widget.value,
            "base_version": existing.base_version,
        },
        "photo": {"added": added, "refused": refused},
        "deelnemers": len(store.records(Deelnemer, "bergeijk")),
        "logged": logged.problems,
    }


def _widgets(widget: Any) -> Iterator[Any]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _widgets(child)


def check_pages(path_text: str) -> dict[str, Any]:
    """Run every app notebook's cells, as Voila would, on the read-only store."""
    import leven.core.widgets.app as app_module
    from leven.core.web.notebooks import notebooks

    os.environ["LEVEN_DATABASE_URL"] = sqlite_url(Path(path_text))
    os.environ["LEVEN_PROEFTUIN"] = "bergeijk"
    logged = _Logged()
    logging.getLogger("leven").addHandler(logged)
    shown: list[Any] = []
    app_module.display = shown.append
    pages = {}
    for notebook in notebooks(NOTEBOOKS_DIR):
        if notebook.kind != "app":
            continue
        cells = json.loads((NOTEBOOKS_DIR / notebook.path).read_text(encoding="utf-8"))["cells"]
        shown.clear()
        try:
            with redirect_stdout(io.StringIO()):
                namespace: dict[str, Any] = {}
                for cell in cells:
                    if cell["cell_type"] == "code":
                        exec("".join(cell["source"]), namespace)
        except Exception as error:
            pages[notebook.path] = {"error": f"{type(error).__name__}: {error}"}
            continue
        page = shown[0] if shown else None
        errors = [
            w.value
            for w in _widgets(page)
            if "leven-form-status-error" in str(getattr(w, "value", ""))
        ]
        pages[notebook.path] = {
            "app": page is not None and "leven-app" in page._dom_classes,
            "read_only": namespace["app"].store.read_only,
            "errors_shown": errors,
        }
    return {"pages": pages, "logged": logged.problems}


# -- in the test: a read-only copy, and a child that cannot write it ------------------------


def _run_child(prefix: list[str], user: str | None, check: str, path: Path) -> dict[str, Any]:
    env = {**os.environ, "LEVEN_LANG": "nl"}
    done = subprocess.run(
        [*prefix, sys.executable, "-c", CHILD, str(Path(__file__).resolve()), check, str(path)],
        user=user,
        cwd=path.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@cache
def _unprivileged() -> tuple[list[str], str | None] | str:
    """How to start a child that cannot write a 0444 file: (prefix, user), or why not.

    A child that gets its own user's file mode: this process's own (not root), without
    capabilities (root), or as ``nobody`` (root, when the interpreter is reachable for it).
    """
    probe_dir = Path(tempfile.mkdtemp(prefix="leven-probe-"))
    try:
        probe_dir.chmod(0o755)
        probe = probe_dir / "probe"
        probe.write_text("x")
        probe.chmod(0o444)
        if not _can_write(probe):  # not root: the chmod is enough
            return [], None
        test = ["-c", f"open({str(probe)!r}, 'a')"]
        tries: list[tuple[list[str], str | None]] = []
        if shutil.which("setpriv"):
            tries.append((DROP_ALL_CAPABILITIES, None))
        tries.append(([], "nobody"))
        for prefix, user in tries:
            try:
                done = subprocess.run(
                    [*prefix, sys.executable, *test],
                    user=user,
                    cwd="/",
                    capture_output=True,
                    text=True,
                    timeout=60,
                )
            except (OSError, subprocess.SubprocessError):
                continue
            if done.returncode != 0 and "PermissionError" in done.stderr:
                return prefix, user
        return (
            "running as root, and neither setpriv (dropping every capability) nor the user "
            f"nobody could start {sys.executable} without the right to write any file"
        )
    finally:
        shutil.rmtree(probe_dir, ignore_errors=True)


@pytest.fixture
def child() -> Callable[[str, Path], dict[str, Any]]:
    """Run a ``check_*`` of this file in a process that cannot write the store."""
    how = _unprivileged()
    if isinstance(how, str):
        pytest.skip(how)
    prefix, user = how
    return lambda check, path: _run_child(prefix, user, check, path)


@pytest.fixture
def copies() -> Iterator[Callable[..., Path]]:
    """Read-only copies of a store file, in folders of their own (cleaned up afterwards)."""
    made: list[Path] = []

    def copy(source: Path, *, folder_writable: bool, extra: tuple[Path, ...] = ()) -> Path:
        base = Path(tempfile.mkdtemp(prefix="leven-ro-"))
        base.chmod(0o755)  # reachable for nobody too
        made.append(base)
        folder = base / "data"
        folder.mkdir()
        target = folder / "leven.sqlite"
        for path in (source, *extra):
            shutil.copyfile(path, folder / path.name.replace(source.name, target.name))
        (folder / "leeg.sqlite").touch()
        for path in folder.iterdir():
            path.chmod(0o444)
        folder.chmod(0o755 if folder_writable else 0o555)
        return target

    yield copy
    for base in made:
        for folder in base.iterdir():
            folder.chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


def _refused_with_path(refusal: dict[str, Any] | None, path: Path) -> None:
    assert refusal is not None and refusal["type"] == "ReadOnlyStore", refusal
    assert refusal["nl"].startswith(DUTCH.format(path=path)), refusal["nl"]
    assert "Uw invoer staat nog in het formulier" in refusal["nl"]
    assert refusal["en"].startswith(ENGLISH.format(path=path)), refusal["en"]


@pytest.mark.parametrize(
    "folder_writable", [False, True], ids=["read-only folder", "writable folder"]
)
def test_a_read_only_file_reads_every_example_record_and_refuses_every_write(
    example_file, copies, child, folder_writable
):
    path = copies(example_file, folder_writable=folder_writable)
    seen = child("check_store", path)
    assert seen["file_writable"] is False  # the child really cannot write it
    assert (seen["read_only"], seen["path"]) == (True, str(path))
    assert len(seen["records"]) >= 8
    for model, found in seen["records"].items():
        assert found["ids"] == found["expected_ids"], model
        assert found["versions"] == found["expected_versions"], model
    assert seen["blobs_missing"] == []
    assert "bergeijk" in seen["proeftuinen"]
    for write in ("save", "save_all", "save_blob"):
        _refused_with_path(seen[write], path)
    # drafts are background saves: not kept, and no error
    assert (seen["save_draft"], seen["discard_draft"], seen["draft_kept"]) == (None, None, False)
    assert seen["deelnemers_after"] == len(
        seen["records"]["leven.proeftuin.records:Deelnemer"]["expected_ids"]
    )
    # nothing made beside the file (a -shm of this user would block a later writer)
    assert seen["files"]["after"] == seen["files"]["before"]


def test_a_save_still_in_the_wal_file_is_read(example_file, tmp_path, copies, child):
    from leven.proeftuin import Deelnemer

    working = tmp_path / "leven.sqlite"
    shutil.copyfile(example_file, working)
    writer = Store(sqlite_url(working))
    writer.save(Deelnemer(naam="Alleen in de WAL"), proeftuin="bergeijk", record_id="in-de-wal")
    wal, shm = Path(f"{working}-wal"), Path(f"{working}-shm")
    assert wal.stat().st_size > 0  # not yet folded into the file: copied as it is now
    path = copies(working, folder_writable=False, extra=(wal, shm))
    writer.close()
    seen = child("check_wal", path)
    assert (seen["read_only"], seen["naam"]) == (True, "Alleen in de WAL")
    _refused_with_path(seen["save"], path)


def test_a_file_that_cannot_be_made_or_holds_no_tables_says_so_with_its_path(
    example_file, copies, child
):
    path = copies(example_file, folder_writable=False)
    seen = child("check_opening_refusals", path)
    missing, empty = seen["bestaat-niet.sqlite"], seen["leeg.sqlite"]
    assert missing["type"] == empty["type"] == "ReadOnlyStore"
    assert missing["nl"].startswith(
        f"Het gegevensbestand {path.parent / 'bestaat-niet.sqlite'} bestaat niet en kan daar "
        "niet worden gemaakt"
    )
    assert empty["nl"].startswith(
        f"Het gegevensbestand {path.parent / 'leeg.sqlite'} kan niet worden beschreven en bevat "
        "nog geen gegevens van het werkboek"
    )


def test_a_form_says_the_file_cannot_be_written_and_keeps_what_was_typed(
    example_file, copies, child
):
    path = copies(example_file, folder_writable=False)
    seen = child("check_form", path)
    message = DUTCH.format(path=path)
    for form in ("new", "existing"):
        assert "leven-form-status-error" in seen[form]["status"], seen[form]
        assert message in seen[form]["status"], seen[form]["status"]
        assert seen[form]["messages"] == {}
    assert (seen["new"]["naam"], seen["new"]["organisatie"]) == (
        "Fatima Yilmaz",
        "Welzijn De Kempen",
    )
    assert seen["existing"]["projectleider"] == "Karim El Idrissi"
    assert seen["existing"]["base_version"] == 1
    assert seen["photo"]["added"] == []
    [refused] = seen["photo"]["refused"]
    assert refused.startswith(f"collage.jpg: {message}")
    assert seen["deelnemers"] == 8 + 7  # nothing saved
    assert seen["logged"] == []  # no traceback in the log either, not even for the drafts


def test_every_app_page_reads_a_read_only_store(example_file, copies, child):
    path = copies(example_file, folder_writable=False)
    seen = child("check_pages", path)
    assert len(seen["pages"]) >= 6
    for name, page in seen["pages"].items():
        assert page == {"app": True, "read_only": True, "errors_shown": []}, name
    assert seen["logged"] == []


# -- in this process: nothing to write, nothing to refuse -----------------------------------


def test_a_writable_file_and_other_databases_open_as_before(store, tmp_path):
    assert (store.read_only, store.path) == (False, tmp_path / "leven.sqlite")
    memory = Store("sqlite://")
    assert (memory.read_only, memory.path) == (False, None)
    for url in (
        "sqlite://",
        "sqlite:///:memory:",
        "postgresql://host/leven",
        "sqlite:///file:x.sqlite?mode=ro&uri=true",
    ):
        assert plan_opening(url).read_only is False, url


@pytest.mark.usefixtures("dutch")
def test_the_message_gives_the_whole_path_however_long():
    path = Path("/srv/werkboeken/samen tot het einde in bergeijk/2025/gegevens/leven.sqlite")
    message = str(ReadOnlyStore("core.store.read_only", path))
    assert message.startswith(DUTCH.format(path=path))


def test_a_handler_refused_by_a_read_only_store_says_why_not_just_that_it_failed(tmp_path):
    """Buttons outside the record forms (open or close an evaluation) go through ``safe``."""
    from leven.core.widgets.form import safe

    shown: list[tuple[str, bool]] = []

    class Button:
        def show_status(self, message: str, ok: bool = True) -> None:
            shown.append((message, ok))

        @safe
        def open_evaluation(self) -> None:
            raise ReadOnlyStore("core.store.read_only", tmp_path / "leven.sqlite")

        @safe
        def something_else(self) -> None:
            raise RuntimeError("intern")

    Button().open_evaluation()
    Button().something_else()
    assert str(tmp_path / "leven.sqlite") in shown[0][0] and shown[0][1] is False
    assert "intern" not in shown[1][0] and shown[1][1] is False
