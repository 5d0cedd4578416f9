"""One dataset for researchers: every record kind of every instrument as typed, tidy tables.

The store's frames (:meth:`leven.core.store.Store.frame`) hold payloads as saved: dates as
text, choices as codes, lists and dictionaries as Python objects, which ``to_csv`` writes as
Python text and ``to_stata`` refuses. Here each record kind becomes one table with proper
dtypes (dates as ``datetime64``, choices as pandas categoricals in the model's order), and
each list or dictionary field becomes a long child table keyed by ``record_id`` and a
``positie`` or ``sleutel``, so every table is flat and every key is real. The record kinds
are found through the registry (each instrument's records module), never named here.

Pure: the only store call is :func:`load_dataset`, which takes any object with ``frame``.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import Enum
from typing import Any, Protocol

import pandas as pd
from pydantic import BaseModel

from leven.core import i18n, instruments
from leven.core.records import Record

META: tuple[str, ...] = ("record_id", "proeftuin", "version", "saved_at", "saved_by")
"""The store's columns, before the payload's fields in every record table."""

POSITION, KEY, WAVE = "positie", "sleutel", "meetmoment"

#: Repeated measures: per record kind, the columns that say what is measured again; the
#: ``meetmoment`` (1, 2, ...) counts its measurements by ``datum``. Kinds by name only.
WAVES: dict[str, tuple[str, ...]] = {
    "gas_score": ("doel_id",),
    "checklist_beoordeling": ("proeftuin", "template", "organisatie"),
    "netwerkkaart": ("proeftuin",),
}

#: Text fields whose values are one of a known set (its codes: ``codebook.values.<set>``).
VALUE_SETS: dict[tuple[str, str], str] = {("collage_notitie", "dimensies"): "dimensie"}


@dataclass(frozen=True)
class Shape:
    """What a field holds, read from its annotation: the basis of dtypes and codebook."""

    kind: str  # text, date, datetime, bool, int, float, category, list, objects, mapping
    values: tuple[Any, ...] = ()  # a category's codes, in the model's order
    value_set: str = ""  # the catalogue's name for those codes (codebook.values.<set>)
    item: Shape | None = None  # what a list or mapping holds
    model: type[BaseModel] | None = None  # the model of each item of objects / a mapping
    multiline: bool = False  # Text (several lines) rather than Line

    @property
    def nested(self) -> bool:
        return self.kind in ("list", "objects", "mapping")


def _is_multiline(metadata: Iterable[Any]) -> bool:
    for item in metadata:
        func = getattr(item, "func", None)
        keywords = getattr(func, "keywords", None) or {}
        if keywords.get("multiline"):
            return True
    return False


def shape_of(annotation: Any, metadata: Sequence[Any] = (), name: str = "") -> Shape:
    """The :class:`Shape` of a pydantic annotation (``Optional``, ``Annotated`` unwrapped)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        return shape_of(base, [*metadata, *extra], name)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return shape_of(options[0], metadata, name)
    if origin is typing.Literal:
        return Shape("category", tuple(typing.get_args(annotation)), name)
    if origin in (tuple, list, set, frozenset):
        item = shape_of(typing.get_args(annotation)[0], (), name)
        if item.kind == "objects":
            return item
        return Shape("list", item=item)
    if origin in (dict, Mapping):
        value = shape_of(typing.get_args(annotation)[1], (), name)
        return Shape("mapping", item=value, model=value.model)
    if inspect.isclass(annotation):
        if issubclass(annotation, Enum):
            codes = tuple(member.value for member in annotation)
            return Shape("category", codes, annotation.__name__.lower())
        if issubclass(annotation, BaseModel):
            return Shape("objects", model=annotation)
        for kind, cls in (("bool", bool), ("datetime", datetime), ("date", date), ("int", int),
                          ("float", float)):
            if issubclass(annotation, cls):
                return Shape(kind)
    return Shape("text", multiline=_is_multiline(metadata))


def field_shapes(model: type[BaseModel], kind: str = "") -> dict[str, Shape]:
    """The shape of every field of ``model``; known value sets of text fields become categories."""
    shapes = {}
    for name, info in model.model_fields.items():
        shape = shape_of(info.annotation, info.metadata, name)
        value_set = VALUE_SETS.get((kind, name))
        if value_set:
            codes = _catalogue_codes(value_set)
            category = Shape("category", codes, value_set)
            shape = replace(shape, item=category) if shape.kind == "list" else category
        shapes[name] = shape
    return shapes


def _catalogue_codes(value_set: str) -> tuple[str, ...]:
    prefix = f"codebook.values.{value_set}."
    return tuple(k[len(prefix):] for k in i18n.catalogue("nl") if k.startswith(prefix))


def record_models() -> list[tuple[str, type[Record]]]:
    """(instrument, model) of every record kind, in the registry's order: found, never named."""
    found = []
    for name in instruments.INSTRUMENTS:
        module = instruments.module(name, "records")
        if module is None:
            continue
        for value in vars(module).values():
            if (inspect.isclass(value) and issubclass(value, Record) and value is not Record
                    and value.__module__ == module.__name__ and "KIND" in vars(value)):
                found.append((name, value))
    return found


@dataclass(frozen=True)
class Table:
    """One table of the dataset, and where its columns come from (for the codebook)."""

    name: str
    kind: str  # the record kind it comes from
    frame: pd.DataFrame
    key: tuple[str, ...]
    #: per column, its field path in the record: "naam", "banden.van"; meta columns as is
    sources: dict[str, str] = field(default_factory=dict)
    shapes: dict[str, Shape] = field(default_factory=dict)
    parent: str | None = None  # the record table a child table belongs to


@dataclass(frozen=True)
class Dataset:
    """Every table, by name; ``history`` says whether every version is a row."""

    tables: dict[str, Table]
    history: bool = False

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name].frame

    def __iter__(self) -> typing.Iterator[str]:
        return iter(self.tables)

    def frames(self) -> dict[str, pd.DataFrame]:
        return {name: table.frame for name, table in self.tables.items()}

    def with_frames(self, frames: Mapping[str, pd.DataFrame]) -> Dataset:
        """The same tables with new frames (tables missing from ``frames`` are left out)."""
        tables = {n: replace(t, frame=frames[n]) for n, t in self.tables.items() if n in frames}
        return Dataset(tables, self.history)


def _typed(values: pd.Series, shape: Shape) -> pd.Series:
    """A column in the dtype its shape asks for (index kept)."""
    if shape.kind == "date":
        return pd.to_datetime(values, errors="coerce").astype("datetime64[s]")
    if shape.kind == "datetime":
        return pd.to_datetime(values, errors="coerce", utc=True, format="ISO8601")
    if shape.kind == "bool":
        return values.astype("boolean")
    if shape.kind == "int":
        return pd.to_numeric(values, errors="coerce").astype("Int64")
    if shape.kind == "float":
        return pd.to_numeric(values, errors="coerce").astype("Float64")
    if shape.kind == "category":
        seen = [v for v in pd.unique(values.dropna()) if v not in shape.values]
        return pd.Series(pd.Categorical(values, categories=[*shape.values, *seen]),
                         index=values.index)
    return values.astype("str").where(values.notna(), None).astype("object")


def _child_rows(frame: pd.DataFrame, name: str, shape: Shape, keys: list[str],
                renamed: Mapping[str, str]) -> list[dict]:
    rows: list[dict] = []
    for row in frame[[*keys, name]].itertuples(index=False):
        owner, value = dict(zip(keys, row[:-1], strict=True)), row[-1]
        if isinstance(value, Mapping):
            items: Iterable[tuple[Any, Any]] = ((k, v) for k, v in value.items())
            label = KEY
        elif isinstance(value, list | tuple):
            items, label = enumerate(value, start=1), POSITION
        else:
            continue
        for where, item in items:
            base = {**owner, label: where}
            if shape.model is not None and isinstance(item, Mapping):
                rows.append({**base, **{renamed.get(k, k): v for k, v in item.items()}})
            else:
                rows.append({**base, name: item})
    return rows


def _child_table(kind: str, frame: pd.DataFrame, name: str, shape: Shape, history: bool
                 ) -> Table:
    keys = ["record_id", "proeftuin", *(["version"] if history else [])]
    label = KEY if shape.kind == "mapping" else POSITION
    if shape.model is not None:
        # a nested field named like a key column (a made record's own "record_id") is prefixed
        inner = field_shapes(shape.model, f"{kind}.{name}")
        renamed = {col: f"{name}_{col}" if col in (*keys, label) else col for col in inner}
        shapes = {renamed[col]: s for col, s in inner.items()}
        sources = {renamed[col]: f"{name}.{col}" for col in inner}
    else:
        renamed = {}
        shapes = {name: shape.item or Shape("text")}
        sources = {name: name}
    columns = [*keys, label, *shapes]
    child = pd.DataFrame(_child_rows(frame, name, shape, keys, renamed), columns=columns)
    child[label] = child[label].astype("Int64" if label == POSITION else "object")
    for col, col_shape in shapes.items():
        child[col] = _typed(child[col], col_shape)
    meta_sources = {col: col for col in [*keys, label]}
    return Table(f"{kind}_{name}", kind, child, (*[k for k in keys if k != "proeftuin"], label),
                 {**meta_sources, **sources}, shapes, parent=kind)


def _waves(frame: pd.DataFrame, by: tuple[str, ...]) -> pd.Series:
    """1, 2, ... per group of ``by``, in order of ``datum`` (then of saving)."""
    order = frame.sort_values(["datum", "saved_at"], kind="stable")
    latest = order.drop_duplicates("record_id", keep="last")
    numbers = latest.groupby(list(by), dropna=False, sort=False).cumcount() + 1
    waves = dict(zip(latest["record_id"], numbers, strict=True))
    return frame["record_id"].map(waves).astype("Int64")


def record_tables(kind: str, model: type[BaseModel], frame: pd.DataFrame, *,
                  history: bool = False) -> list[Table]:
    """The table of one record kind (from :meth:`Store.frame`) and its child tables."""
    shapes = field_shapes(model, kind)
    frame = frame.reset_index(drop=True)
    for name in META:
        if name not in frame:
            frame[name] = pd.Series(dtype="object")
    flat = {n: s for n, s in shapes.items() if not s.nested and n not in META}
    main = frame[list(META)].copy()
    main["version"] = main["version"].astype("Int64")
    main["saved_at"] = _typed(main["saved_at"], Shape("datetime"))
    for col in ("record_id", "proeftuin", "saved_by"):
        main[col] = _typed(main[col], Shape("text"))
    for name, shape in flat.items():
        main[name] = _typed(frame[name] if name in frame else pd.Series(index=frame.index,
                                                                          dtype="object"), shape)
    sources = {col: col for col in META} | {n: n for n in flat}
    if kind in WAVES and all(c in main for c in ("datum", *WAVES[kind])):
        main[WAVE] = _waves(main, WAVES[kind]) if len(main) else pd.Series(dtype="Int64")
        sources[WAVE] = WAVE
    key = ("record_id", "version") if history else ("record_id",)
    tables = [Table(kind, kind, main, key, sources, flat)]
    for name, shape in shapes.items():
        if shape.nested and name in frame:
            tables.append(_child_table(kind, frame, name, shape, history))
    return tables


class _Frames(Protocol):
    def frame(self, model: type[Record], proeftuin: str | None = None, *,
              history: bool = False) -> pd.DataFrame: ...


def build_dataset(frames: Mapping[type[Record], pd.DataFrame], *, history: bool = False
                  ) -> Dataset:
    """The dataset of store frames, one per record model (pure)."""
    tables: dict[str, Table] = {}
    kinds = {model.KIND for model in frames}
    for model, frame in frames.items():
        for table in record_tables(model.KIND, model, frame, history=history):
            if table.parent and table.name in kinds:  # a field named like another kind
                table = replace(table, name=table.name.replace(f"{table.kind}_",
                                                               f"{table.kind}__", 1))
            tables[table.name] = table
    return Dataset(tables, history)


def load_dataset(store: _Frames, proeftuinen: Sequence[str] | None = None, *,
                 history: bool = False) -> Dataset:
    """Every record kind of every registered instrument, for all or the chosen proeftuinen."""
    frames = {}
    for _, model in record_models():
        if proeftuinen is None:
            frames[model] = store.frame(model, history=history)
        else:
            parts = [store.frame(model, p, history=history) for p in proeftuinen]
            frames[model] = pd.concat(parts, ignore_index=True) if parts else store.frame(model)
    return build_dataset(frames, history=history)
