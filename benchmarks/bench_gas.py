"""Benchmark: GAS T-scores of 10,000 experiments, from the store, two ways.

Run on demand (not a test)::

    .venv/bin/python benchmarks/bench_gas.py [--experiments 10000] [--scorings 100000]

Setup (not timed): a temporary SQLite store gets about 30,000 goals (1-5 per experiment,
spread over 30 proeftuinen, 5% of them saved a second time) and 100,000 scorings (a
nulmeting for every goal, the rest vervolgmetingen). Calling ``store.save`` 130,000 times
would take minutes, so the setup inserts the rows straight into the store's ``records``
table with SQLAlchemy, each payload made by the model itself (``model_dump_json``), so
every row is exactly what ``store.save`` would have written.

Timed:

1. *frames*: ``store.frame`` for goals and scorings, then ``experiment_summary`` and
   ``proeftuin_summary`` (the column-wise path the app and the notebooks use);
2. *loop*: the straightforward way: ``store.records`` for both models, pick each goal's
   nulmeting and latest vervolgmeting in a Python loop, and call ``t_score`` per experiment.

It prints the seconds of each step, the ratio, whether the two agree, and whether the
frames path stays under the one-second target.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from leven.core.store import Store, records_table  # noqa: E402
from leven.gas import (  # noqa: E402
    GasDoel,
    GasScore,
    change_score,
    experiment_summary,
    proeftuin_summary,
    t_score,
)

TARGET_SECONDS = 1.0
PROEFTUINEN = 30
START = date(2025, 3, 1)


def fill(store: Store, experiments: int, scorings: int, seed: int = 2025) -> tuple[int, int]:
    """Insert goals and scorings as store rows (setup, not timed); returns their counts."""
    rng = np.random.default_rng(seed)
    stamp = datetime(2025, 3, 1, tzinfo=UTC)
    rows: list[dict] = []
    goal_ids: list[tuple[str, str]] = []

    def row(record, proeftuin: str, record_id: str, version: int = 1) -> None:
        saved = (stamp + timedelta(seconds=len(rows))).isoformat(timespec="microseconds")
        rows.append(
            {
                "kind": record.KIND,
                "proeftuin": proeftuin,
                "record_id": record_id,
                "version": version,
                "saved_at": saved,
                "saved_by": "bench",
                "payload": record.model_dump_json(),
            }
        )

    for e in range(experiments):
        proeftuin = f"proeftuin-{e % PROEFTUINEN:02d}"
        for g in range(int(rng.integers(1, 6))):
            weighing = {}
            if rng.random() < 0.3:
                weighing = {
                    "belang": int(rng.integers(1, 4)),
                    "moeilijkheid": int(rng.integers(1, 4)),
                }
            goal = GasDoel(
                experiment_id=f"exp-{e:05d}",
                experiment=f"Experiment {e}",
                doel=f"Doel {g + 1}",
                niveau_min1="minder",
                niveau_0="zoals verwacht",
                niveau_plus1="meer",
                volgorde=g,
                **weighing,
            )
            record_id = f"doel-{e:05d}-{g}"
            row(goal, proeftuin, record_id)
            if rng.random() < 0.05:  # edited after its nulmeting: a second version
                row(goal.model_copy(update={"niveau_plus2": "veel meer"}), proeftuin, record_id, 2)
            goal_ids.append((record_id, proeftuin))
    for n in range(scorings):
        first = n < len(goal_ids)  # every goal its nulmeting first, then random follow-ups
        record_id, proeftuin = goal_ids[n if first else int(rng.integers(0, len(goal_ids)))]
        meting = "nulmeting" if first else "vervolgmeting"
        day = START + timedelta(days=0 if meting == "nulmeting" else int(rng.integers(30, 360)))
        score = GasScore(
            doel_id=record_id, meting=meting, datum=day, niveau=int(rng.integers(-2, 3))
        )
        row(score, proeftuin, f"score-{n:06d}")
    with store.engine.begin() as connection:
        for start in range(0, len(rows), 20_000):
            connection.execute(records_table.insert(), rows[start : start + 20_000])
    return len(goal_ids), scorings


def by_frames(store: Store) -> dict:
    t0 = time.perf_counter()
    goals = store.frame(GasDoel)
    scores = store.frame(GasScore)
    t1 = time.perf_counter()
    experiments = experiment_summary(goals, scores)
    proeftuin_summary(experiments)
    t2 = time.perf_counter()
    return {"frames": t1 - t0, "summaries": t2 - t1, "total": t2 - t0, "result": experiments}


def by_loop(store: Store) -> dict:
    t0 = time.perf_counter()
    goals = store.records(GasDoel)
    scores = store.records(GasScore)
    t1 = time.perf_counter()
    chosen: dict[tuple[str, str], tuple] = {}
    for v in scores:
        s = v.record
        key = (s.doel_id, s.meting.value)
        rank = (s.datum, v.saved_at)
        old = chosen.get(key)
        first = s.meting.value == "nulmeting"
        if old is None or (rank < old[0] if first else rank > old[0]):
            chosen[key] = (rank, s.niveau)
    per_experiment: dict[tuple[str, str], list] = defaultdict(list)
    for v in goals:
        per_experiment[(v.proeftuin, v.record.experiment_id)].append(v)
    result = {}
    for key, versions in per_experiment.items():
        levels = {
            m: [chosen.get((v.record_id, m), (None, None))[1] for v in versions]
            for m in ("nulmeting", "vervolgmeting")
        }
        weights = [v.record.effectief_gewicht for v in versions]
        out = {}
        for m, xs in levels.items():
            kept = [(x, w) for x, w in zip(xs, weights, strict=True) if x is not None]
            out[m] = t_score([x for x, _ in kept], [w for _, w in kept]) if kept else math.nan
        both = [
            (a, b, w)
            for a, b, w in zip(levels["nulmeting"], levels["vervolgmeting"], weights, strict=True)
            if a is not None and b is not None
        ]
        out["verandering"] = (
            change_score([a for a, _, _ in both], [b for _, b, _ in both], [w for *_, w in both])
            if both
            else math.nan
        )
        result[key] = out
    t2 = time.perf_counter()
    return {"records": t1 - t0, "loop": t2 - t1, "total": t2 - t0, "result": result}


def agree(frames: dict, loop: dict) -> float:
    """The largest difference between the two ways, over all T-scores and changes."""
    table = frames["result"].set_index(["proeftuin", "experiment_id"])
    worst = 0.0
    for key, values in loop["result"].items():
        for column, value in (
            ("t_nulmeting", values["nulmeting"]),
            ("t_vervolgmeting", values["vervolgmeting"]),
            ("verandering", values["verandering"]),
        ):
            other = table.loc[key, column]
            if math.isnan(value) != math.isnan(other):
                return math.inf
            if not math.isnan(value):
                worst = max(worst, abs(value - other))
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--experiments", type=int, default=10_000)
    parser.add_argument("--scorings", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of the frames path")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="leven-bench-") as folder:
        store = Store(f"sqlite:///{Path(folder) / 'bench.sqlite'}")
        t0 = time.perf_counter()
        goals, scorings = fill(store, args.experiments, args.scorings)
        print(
            f"setup: {args.experiments:,} experiments, {goals:,} goals, {scorings:,} scorings "
            f"inserted in {time.perf_counter() - t0:.1f} s (not timed below)"
        )
        runs = [by_frames(store) for _ in range(args.repeat)]
        frames = min(runs, key=lambda r: r["total"])
        loop = by_loop(store)
        store.close()
    print(
        f"frames : store.frame {frames['frames']:.3f} s + summaries {frames['summaries']:.3f} s"
        f" = {frames['total']:.3f} s (best of {args.repeat})"
    )
    print(
        f"loop   : store.records {loop['records']:.3f} s + per-goal loop and t_score "
        f"{loop['loop']:.3f} s = {loop['total']:.3f} s"
    )
    print(
        f"ratio  : loop / frames = {loop['total'] / frames['total']:.1f}x; "
        f"summaries alone vs loop alone = {loop['loop'] / frames['summaries']:.1f}x"
    )
    print(f"agree  : largest difference {agree(frames, loop):.2e}")
    verdict = "under" if frames["total"] < TARGET_SECONDS else "OVER"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"target : frames path {frames['total']:.3f} s is {verdict} the "
        f"{TARGET_SECONDS:.0f} s target (load average {load}; other work slows every figure)"
    )


if __name__ == "__main__":
    main()
