"""Compiles the assessment core (planwatch/speedups.py lists the modules) with Cython where a C
compiler is at hand, and records the digest of each compiled source. Without Cython or a
compiler, or with PLANWATCH_PURE=1, planwatch installs as plain Python and runs the same."""

import hashlib
import json
import os
import runpy
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
SPEEDUPS = runpy.run_path(str(ROOT / "planwatch" / "speedups.py"))


def extensions():
    if SPEEDUPS["pure_requested"]():
        return []
    try:
        import Cython
        from Cython.Build import cythonize
        from setuptools import Extension
    except ImportError:
        return []
    modules = [
        # No fused multiply-add: C doubles round exactly as Python floats do, on every CPU.
        Extension(
            name,
            [str(SPEEDUPS["source_path"](name, ROOT).relative_to(ROOT))],
            extra_compile_args=["-ffp-contract=off"],
        )
        for name in SPEEDUPS["COMPILED"]
    ]
    # Annotations stay hints, as in plain Python: typed as C values, a float parameter would
    # turn a wrong input's clear refusal into a TypeError, and an int into a float.
    directives = {"language_level": 3, "annotation_typing": False}
    # Cython regenerates C only for a changed source: a new Cython or new directives get their
    # own directory, so no C from the old ones is compiled again.
    generation = hashlib.sha256(repr((Cython.__version__, directives)).encode()).hexdigest()
    compiled = cythonize(
        modules,
        build_dir=f"build/cython-{generation[:12]}",
        compiler_directives=directives,
        nthreads=os.cpu_count() or 1,
        quiet=True,
    )
    for extension in compiled:
        extension.optional = True  # no compiler, or it fails: a warning, and the plain source
    return compiled


class BuildAndRecord(build_ext):
    """build_ext, then the manifest of the sources the compiled modules were built from."""

    def finalize_options(self):
        super().finalize_options()
        if self.parallel is None:
            self.parallel = os.cpu_count() or 1

    def run(self):
        super().run()
        built = {}
        for ext in self.extensions:
            output = Path(self.get_ext_fullpath(ext.name))
            if output.is_file():
                built[ext.name] = SPEEDUPS["digest"](SPEEDUPS["source_path"](ext.name, ROOT))
        package = Path(self.get_ext_fullpath("planwatch.x")).parent
        package.mkdir(parents=True, exist_ok=True)
        manifest = package / SPEEDUPS["MANIFEST"]
        manifest.write_text(json.dumps(built, indent=1, sort_keys=True) + "\n", encoding="utf-8")


setup(ext_modules=extensions(), cmdclass={"build_ext": BuildAndRecord})
