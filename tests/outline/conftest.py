import pytest

from planwatch.outline import parse_outline, sample_outline_path


@pytest.fixture(scope="session")
def sample_path():
    return sample_outline_path()


@pytest.fixture(scope="session")
def sample_text(sample_path):
    return sample_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_plan(sample_path):
    return parse_outline(sample_path)
