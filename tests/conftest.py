import os
from pathlib import Path

import pytest
from hypothesis import settings

import actorgraph

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_e183ab97ab092207.txt"

# CI sets HYPOTHESIS_PROFILE=ci for more examples; the default keeps local runs quick.
settings.register_profile("ci", max_examples=400, deadline=None)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_report_header(config):
    return f"actorgraph {actorgraph.__version__} from {Path(actorgraph.__file__).parent}"


@pytest.fixture
def artifacts(tmp_path):
    """Where a test leaves files for people to look at (screenshots, executed
    notebooks): ``$ACTORGRAPH_TEST_ARTIFACTS`` when set (``.ci/run`` sets it), else
    the test's ``tmp_path``, which pytest keeps for the last three runs."""
    path = Path(os.environ.get("ACTORGRAPH_TEST_ARTIFACTS") or tmp_path)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def nlp():
    return actorgraph.Pipeline()


@pytest.fixture(scope="session")
def seed_text():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(nlp, seed_text):
    return nlp(seed_text)
