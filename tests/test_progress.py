"""Progress bars on long calls, and Ctrl-C between batches."""

import itertools
import os
import signal
import sys
import threading
import time

import pytest

import actorgraph
from actorgraph import _progress

TEXTS = ["Egypt backed Khalifa Haftar.", "Qatar met Sisi in Cairo.", "Haftar left Tobruk."] * 4


@pytest.fixture
def no_delay(monkeypatch):
    monkeypatch.setattr(_progress, "DELAY", 0)


@pytest.fixture(scope="module")
def rules():
    return actorgraph.Pipeline(model=None)


def test_pipe_and_analyze_show_a_bar(rules, no_delay, capsys):
    pytest.importorskip("tqdm")
    docs = list(rules.pipe(TEXTS, batch_size=5))
    err = capsys.readouterr().err
    assert "pipe" in err and f"{len(TEXTS)}/{len(TEXTS)}" in err
    assert len(docs) == len(TEXTS)
    rules.analyze(iter(TEXTS), batch_size=5)  # no length: a count without a total
    err = capsys.readouterr().err
    assert "analyze" in err and f"{len(TEXTS)}doc" in err.replace(" ", "")


def test_progress_false_is_silent(rules, no_delay, capsys):
    list(rules.pipe(TEXTS, progress=False))
    rules.analyze(TEXTS, progress=False)
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_short_calls_show_no_bar(rules, capsys):
    pytest.importorskip("tqdm")
    rules.analyze(TEXTS[:2])  # well under the half-second delay
    assert capsys.readouterr().err == ""


def test_without_tqdm_nothing_breaks(rules, no_delay, monkeypatch, capsys):
    for name in ("tqdm", "tqdm.std", "tqdm.auto"):
        monkeypatch.setitem(sys.modules, name, None)
    docs = list(rules.pipe(TEXTS, batch_size=5))
    assert [d.text for d in docs] == TEXTS
    assert capsys.readouterr().err == ""


def _interrupt_after(seconds):
    """Sends this process a real SIGINT from another thread; returns the time it was sent."""
    sent = []

    def fire():
        time.sleep(seconds)
        sent.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)

    thread = threading.Thread(target=fire, daemon=True)
    thread.start()
    return thread, sent


needs_default_sigint = pytest.mark.skipif(
    signal.getsignal(signal.SIGINT) is not signal.default_int_handler,
    reason="Ctrl-C is not Python's default KeyboardInterrupt in this process",
)
# A real SIGINT may land in some finalizer (a WeakSet callback): Python then reports
# the KeyboardInterrupt there as unraisable, which is the case these tests are about.
swallowed_ok = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


@needs_default_sigint
@swallowed_ok
@pytest.mark.parametrize("call", ["pipe", "analyze"])
def test_ctrl_c_stops_between_batches_and_the_pipeline_still_works(nlp, seed_text, call):
    expected = nlp(seed_text)
    endless = itertools.repeat(seed_text)  # never ends: only Ctrl-C stops it
    thread, sent = _interrupt_after(0.5)
    with pytest.raises(KeyboardInterrupt):
        if call == "pipe":
            for _ in nlp.pipe(endless, batch_size=8, progress=False):
                pass
        else:
            nlp.analyze(endless, batch_size=8, progress=False)
    stopped = time.monotonic()
    thread.join()
    # A batch of eight seed texts takes milliseconds; allow a slow shared machine.
    assert stopped - sent[0] < 3.0
    # The pipeline is untouched: same results, batches and corpora still work.
    assert nlp(seed_text) == expected
    assert list(nlp.pipe([seed_text] * 3, progress=False)) == [expected] * 3
    assert len(nlp.analyze([seed_text], progress=False).docs) == 1


@needs_default_sigint
@swallowed_ok
def test_ctrl_c_closes_the_bar(nlp, seed_text, no_delay):
    tqdm = pytest.importorskip("tqdm")
    before = len(tqdm.tqdm._instances)
    thread, _ = _interrupt_after(0.5)
    with pytest.raises(KeyboardInterrupt):
        nlp.analyze(itertools.repeat(seed_text), batch_size=8)
    thread.join()
    assert len(tqdm.tqdm._instances) == before


class RaisesCtrlCWhenCollected:
    """A Ctrl-C that lands in a finalizer, where Python prints the KeyboardInterrupt
    as "Exception ignored" and drops it (tqdm's WeakSet callbacks did so here)."""

    def __del__(self):
        signal.raise_signal(signal.SIGINT)


@needs_default_sigint
@swallowed_ok
def test_a_swallowed_ctrl_c_still_stops_the_call(rules, monkeypatch):
    RaisesCtrlCWhenCollected()  # without the guard: lost, nothing raised
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler

    real = actorgraph.Doc._from_core
    calls = []

    def from_core(text, row):
        calls.append(text)
        if len(calls) == 1:
            RaisesCtrlCWhenCollected()  # dies at once, inside the first batch
        return real(text, row)

    monkeypatch.setattr(actorgraph.Doc, "_from_core", staticmethod(from_core))
    with pytest.raises(KeyboardInterrupt):
        rules.analyze(itertools.repeat("Egypt backed Haftar."), batch_size=4, progress=False)
    assert len(calls) == 4  # stopped after the first batch
    calls.clear()
    with pytest.raises(KeyboardInterrupt):
        for _ in rules.pipe(itertools.repeat("Egypt backed Haftar."), batch_size=4, progress=False):
            pass
    assert len(calls) == 4
    # The handler is Python's again, and the pipeline works.
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    monkeypatch.undo()
    assert [m.text for m in rules("Egypt backed Haftar.").entities] == ["Egypt", "Haftar"]
