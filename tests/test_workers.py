"""Worker pools: a parent that has started polars' thread pool still gets workers that can use it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

_SCRIPT = textwrap.dedent("""
    import sys
    from newstrace.trace.signing import signatures_of_texts
    from newstrace.workers import worker_pool

    def sign(count):
        return len(signatures_of_texts([(["Mayor Ana Lopes met 45 people in Braga."], "en")] * count))

    if __name__ == "__main__":
        print(sign(2))  # polars loaded and its threads started in the parent
        with worker_pool(2) as pool:
            print(list(pool.map(sign, [1, 2, 3])))
""")


def test_workers_started_after_polars_use_it_without_hanging(tmp_path):
    # A forked child would wait forever for the parent's polars threads: the pool must not fork then.
    script = tmp_path / "pool.py"
    script.write_text(_SCRIPT, encoding="utf-8")
    src = str(Path(__file__).resolve().parents[1] / "src")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": src, "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["2", "[1,", "2,", "3]"]


def test_worker_pools_fork_while_no_threaded_library_is_loaded():
    code = ("import multiprocessing, sys; from newstrace.workers import worker_pool; "
            "pool = worker_pool(1); print('polars' in sys.modules, pool._mp_context.get_start_method())")
    src = str(Path(__file__).resolve().parents[1] / "src")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": src, "PATH": "/usr/bin:/bin"}, check=True)
    assert done.stdout.split() == ["False", "fork"]


def test_workers_take_the_collector_threshold_they_are_given():
    import gc

    from newstrace.workers import worker_pool

    with worker_pool(1, gc_young_threshold=50_000) as pool:
        assert pool.submit(gc.get_threshold).result(timeout=60)[0] == 50_000
    with worker_pool(1) as pool:
        assert pool.submit(gc.get_threshold).result(timeout=60) == gc.get_threshold()


_KILLED = textwrap.dedent("""
    import os, signal
    from newstrace.trace.signing import signatures_of_texts
    from newstrace.workers import worker_pool

    def pid(_):
        return os.getpid()

    if __name__ == "__main__":
        signatures_of_texts([(["Polars is loaded and running in the parent."], "en")])
        pool = worker_pool(2)
        print(" ".join(str(worker) for worker in set(pool.map(pid, range(40)))), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # no chance to stop the pool
""")


def test_workers_from_a_fork_server_die_with_a_killed_parent(tmp_path):
    import os
    import time

    script = tmp_path / "killed.py"
    script.write_text(_KILLED, encoding="utf-8")
    src = str(Path(__file__).resolve().parents[1] / "src")
    # The killed parent stays a zombie until this test reaps it, which a pipe to its stdout (held open by the
    # workers) would delay: the workers must treat a zombie parent as dead.
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True, env={"PYTHONPATH": src, "PATH": "/usr/bin:/bin"})
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert workers
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_running(pid) for pid in workers):
        time.sleep(0.2)
    assert not any(_running(pid) for pid in workers)
    assert parent.wait(timeout=60) == -9
    parent.stdout.close()


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False
