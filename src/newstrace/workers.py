"""Worker processes that do not outlive their parent.

A parent killed with SIGKILL cannot stop its pool; on Linux each worker asks
the kernel for SIGTERM when its parent dies (prctl PR_SET_PDEATHSIG), and
elsewhere a watchdog thread notices the parent has gone.

Workers are forked (cheap, and they inherit what the parent loaded) unless
the parent has loaded a library that runs its own thread pool (polars, which
trace signing uses): a forked child has none of the parent's threads, and
the library would wait for them forever. Such a parent starts its workers
from a fork server instead (whose children watch the parent's pid, as the
fork server outlives it), with the fork server's limits: the parent's main
module must be importable from a file (not stdin) and guard its top level
with `if __name__ == "__main__"`. Each worker computes on one thread: the
pool is the parallelism.
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
    settings = (os.getpid(), gc_young_threshold)
    if os.name == "posix" and any(name in sys.modules for name in _THREADED_LIBRARIES):
        return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("forkserver"),
                                   initializer=_start_worker, initargs=settings)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=settings)
    # Forked workers start at the first task: start them now, while the decision to fork still holds (a
    # caller that loaded polars between making the pool and using it would otherwise get hung workers).
    pool.submit(int).result()
    return pool


def _start_worker(parent_pid: int, gc_young_threshold: int | None) -> None:
    os.environ.setdefault("POLARS_MAX_THREADS", "1")  # read when polars is first imported, in this worker
    if gc_young_threshold:
        gc.set_threshold(gc_young_threshold, *gc.get_threshold()[1:])
    _die_with_parent(parent_pid)


def _die_with_parent(parent_pid: int) -> None:
    forked = os.getppid() == parent_pid  # else started by a fork server, which outlives the parent
    if forked and sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):
            pass
    if not _alive(parent_pid):  # the parent died before we got here
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()


def _watch_parent(parent_pid: int) -> None:
    while _alive(parent_pid):
        time.sleep(1.0)
    os._exit(1)


def _alive(pid: int) -> bool:
    """Whether the process runs: not gone, and not a zombie (an exited process its own parent has not
    reaped yet, which the parent of a killed newstrace may not do until our pipes close)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: ask the kernel whether the pid exists
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # taken by another user's process: the parent is gone
            return False
        return True
