"""``planwatch serve`` collects and compresses static files only when a source file changed."""

from __future__ import annotations

import json
import os

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage

from planwatch.web.static_stamp import collect_if_changed

COMPRESSED = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture
def static(settings, tmp_path, monkeypatch):
    """Production storage over a small source tree of its own, collected into tmp_path/root,
    finished collections shared in tmp_path/shared."""
    monkeypatch.setenv("PLANWATCH_STATIC_CACHE", str(tmp_path / "shared"))
    source = tmp_path / "source"
    (source / "site").mkdir(parents=True)
    (source / "site" / "site.css").write_text("body { color: #123456; }\n" * 40)
    (source / "site" / "app.js").write_text("console.log('first');\n" * 40)
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": COMPRESSED}}
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "root"
    return source, tmp_path / "root"


def hashed(root, name: str) -> str:
    return json.loads((root / "staticfiles.json").read_text())["paths"][name]


def test_second_start_skips_collection_and_keeps_the_collected_files(static):
    _source, root = static
    assert collect_if_changed() is True
    first = hashed(root, "site/site.css")
    assert (root / first).exists() and (root / f"{first}.gz").exists()
    collected = {p: p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}

    assert collect_if_changed() is False
    assert {p: p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()} == collected


def test_a_changed_source_file_is_collected_and_compressed_again(static):
    source, root = static
    collect_if_changed()
    before = hashed(root, "site/site.css")
    css = source / "site" / "site.css"
    # Same size, new content and time: what an edit or an upgrade does.
    css.write_text("body { color: #654321; }\n" * 40)
    stat = css.stat()
    os.utime(css, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))

    assert collect_if_changed() is True
    after = hashed(root, "site/site.css")
    assert after != before
    assert "#654321" in (root / after).read_text()
    assert (root / f"{after}.gz").exists()
    assert collect_if_changed() is False


def test_a_new_source_file_is_collected(static):
    source, root = static
    collect_if_changed()
    (source / "site" / "extra.js").write_text("console.log('new');\n")

    assert collect_if_changed() is True
    assert (root / hashed(root, "site/extra.js")).exists()


def test_a_lost_manifest_or_an_interrupted_collection_is_collected_again(static):
    _source, root = static
    collect_if_changed()
    (root / "staticfiles.json").unlink()
    assert collect_if_changed() is True
    assert (root / "staticfiles.json").exists()

    (root / ".planwatch-sources.json").unlink()  # as a collection stopped half-way leaves it
    assert collect_if_changed() is True


def test_a_new_data_dir_copies_the_installations_finished_collection(static, settings, tmp_path):
    _source, root = static
    collect_if_changed()
    name = hashed(root, "site/app.js")
    (shared,) = (tmp_path / "shared").iterdir()
    assert (shared / name).read_bytes() == (root / name).read_bytes()

    settings.STATIC_ROOT = tmp_path / "second-site"
    assert collect_if_changed() is True
    copy = tmp_path / "second-site" / name
    # Copied from the shared collection (its time kept), not collected and compressed anew,
    # and a copy, not a link: a later collection here cannot change the shared one.
    assert copy.stat().st_mtime_ns == (shared / name).stat().st_mtime_ns
    assert copy.stat().st_ino != (shared / name).stat().st_ino
    assert (tmp_path / "second-site" / f"{name}.gz").exists()
    # … and the pages of this process link to the hashed names (the manifest is read).
    assert staticfiles_storage.url("site/app.js") == f"/static/{name}"
    assert collect_if_changed() is False


def test_a_changed_source_is_not_served_from_an_older_shared_collection(static, settings, tmp_path):
    source, _root = static
    collect_if_changed()
    (source / "site" / "app.js").write_text("console.log('second');\n" * 40)
    settings.STATIC_ROOT = tmp_path / "second-site"
    assert collect_if_changed() is True
    name = hashed(tmp_path / "second-site", "site/app.js")
    assert "second" in (tmp_path / "second-site" / name).read_text()
    assert len(list((tmp_path / "shared").iterdir())) == 2
