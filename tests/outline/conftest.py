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


@pytest.fixture(scope="session")
def built_docx_bytes(tmp_path_factory, sample_text):
    from .builders import build_docx

    path = tmp_path_factory.mktemp("docx") / "outline.docx"
    build_docx(sample_text, path)
    return path.read_bytes()
