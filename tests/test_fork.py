"""Processes: a child made by fork() after the parent used its threads, spawn,
and the pool size from ACTORGRAPH_NUM_THREADS."""

import os
import subprocess
import sys
import textwrap

import pytest

# Runs in a fresh interpreter: the parent analyses a batch on its thread pool,
# then a child (fork or spawn) analyses it again and must give the same Docs.
SCRIPT = textwrap.dedent(
    """
    import multiprocessing as mp
    import sys

    import actorgraph

    TEXTS = ["Egypt backed Khalifa Haftar in Benghazi.", "Leon met officials in Zürich."] * 20

    def analyse(_):
        nlp = actorgraph.Pipeline(model=None)
        return [[(m.text, m.label) for m in d.entities] for d in nlp.pipe(TEXTS, batch_size=4)]

    if __name__ == "__main__":
        parent = analyse(None)
        ctx = mp.get_context(sys.argv[1])
        with ctx.Pool(2) as pool:
            children = pool.map(analyse, range(2), chunksize=1)
        assert children == [parent, parent], "children differ from the parent"
        print("ok")
    """
)


@pytest.mark.parametrize("method", ["fork", "spawn"])
@pytest.mark.timeout(180)
def test_children_after_the_parent_used_its_threads(tmp_path, method):
    if method == "fork" and sys.platform != "linux":
        pytest.skip("fork is the default start method only on Linux")
    script = tmp_path / "child.py"
    script.write_text(SCRIPT, encoding="utf-8")
    # Before the fork guard, the forked children waited forever for the parent's
    # pool threads, which do not exist in a child: the timeout catches that.
    done = subprocess.run(
        [sys.executable, str(script), method], capture_output=True, text=True, timeout=150
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


POOL_SIZE = """
import actorgraph
nlp = actorgraph.Pipeline(model=None)
print(len(list(nlp.pipe(["Egypt backed Haftar."] * 3))))
"""


def test_pool_size_from_the_environment():
    run = lambda value: subprocess.run(  # noqa: E731
        [sys.executable, "-c", POOL_SIZE],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "ACTORGRAPH_NUM_THREADS": value},
    )
    assert run("1").stdout.strip() == "3"
    bad = run("zero")
    assert bad.returncode != 0
    assert "ACTORGRAPH_NUM_THREADS: must be a positive integer" in bad.stderr
