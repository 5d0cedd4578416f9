"""Preheated kernels are replaced when the server is quiet, not while pages are being drawn.

Voila keeps one preheated kernel per app; when a page takes it, Voila starts its
replacement a second later and runs the whole notebook in it. With several pages opened at
once that replacement competes for the two cores with the pages people wait for, and a
second page of the same app waits for it to finish (measured: 14–20 s per page with two
drawn at once, 4.7 s alone; 10 pages at once took a p50 of 118 s). So the replacement waits
until no page is being drawn or waiting in the queue; meanwhile a page of an app whose
kernel was taken starts its own kernel, which costs the same work but only once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from leven.core.web.queue import PageQueue

log = logging.getLogger("leven")

#: seconds between two looks at the queue while a replacement waits
LOOK_SECONDS = 0.5


def refill_when_quiet(manager: Any, queue: PageQueue) -> None:
    """Make ``manager`` (Voila's pooling kernel manager) replace a taken kernel only once
    ``queue`` is empty and no page is being drawn. Start-up filling is left as it is."""
    fill: Callable[..., None] | None = getattr(manager, "fill_if_needed", None)
    if fill is None:  # no pool (preheating off): nothing to replace
        return
    waiting: dict[str, asyncio.Task] = {}

    async def when_quiet(notebook_name: str, kwargs: dict) -> None:
        try:
            await asyncio.sleep(manager.fill_delay)
            while queue.drawing or queue.waiting:
                await asyncio.sleep(LOOK_SECONDS)
            fill(delay=0, notebook_name=notebook_name, **kwargs)
        finally:
            waiting.pop(notebook_name, None)

    def fill_if_needed(delay: float | None = None, notebook_name: str | None = None,
                       **kwargs: Any) -> None:
        if delay is not None or notebook_name is None:  # start-up: fill at once
            fill(delay=delay, notebook_name=notebook_name, **kwargs)
            return
        if notebook_name in waiting:  # one replacement per app is enough
            return
        task = asyncio.get_event_loop().create_task(when_quiet(notebook_name, kwargs))
        waiting[notebook_name] = task
        task.add_done_callback(_log_failure)

    manager.fill_if_needed = fill_if_needed


def _log_failure(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("replacing a preheated kernel failed", exc_info=task.exception())
