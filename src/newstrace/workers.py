"""Worker processes that do not outlive their parent.

A parent killed with SIGKILL cannot stop its pool; on Linux each worker asks
the kernel for SIGTERM when its parent dies (prctl PR_SET_PDEATHSIG), and
elsewhere a watchdog thread notices the parent has gone.

Workers are forked (cheap, and they inherit what the parent loaded) unless
the parent has loaded a library that runs its own thread pool (polars, which
trace signing uses): a forked child has none of the parent's threads, and
the library would wait for them forever. Such a parent starts its workers
from a fork server instead. Each worker computes on one thread: the pool is
the parallelism.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1


_THREADED_LIBRARIES = ("polars",)


def worker_pool(workers: int, *, gc_young_threshold: int | None = None) -> ProcessPoolExecutor:
    """A pool of `workers` processes. `gc_young_threshold`: allocations between two collections of the
    youngest generation in the workers (Python's default, 700, suits short-lived work; workers that keep a
    large cache of small objects spend much time re-scanning survivors)."""
    settings = (gc_young_threshold,)
    if os.name == "posix" and any(name in sys.modules for name in _THREADED_LIBRARIES):
        # The fork server is the workers' parent; it exits when this process does.
        return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("forkserver"),
                                   initializer=_start_worker, initargs=(None, *settings))
    return ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(os.getpid(), *settings))


def _start_worker(parent_pid: int | None, gc_young_threshold: int | None) -> None:
    os.environ.setdefault("POLARS_MAX_THREADS", "1")  # read when polars is first imported, in this worker
    if gc_young_threshold:
        gc.set_threshold(gc_young_threshold, *gc.get_threshold()[1:])
    _die_with_parent(os.getppid() if parent_pid is None else parent_pid)


def _die_with_parent(parent_pid: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before we got here
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(1.0)
    os._exit(1)
