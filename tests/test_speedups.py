"""The compiled build of the core: used only when built from the source beside it, and judging
exactly as the plain-Python source does."""

import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import planwatch.assess
from planwatch import speedups

FIXTURES = Path(__file__).parent / "fixtures" / "assess"


def compiled_file(module: str) -> Path | None:
    source = speedups.source_path(module)
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        candidate = source.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def run(code: str, *, pure: bool) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PLANWATCH_PURE"}
    if pure:
        env["PLANWATCH_PURE"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_a_module_whose_source_changed_since_the_build_runs_from_source():
    name = "planwatch.assess.status"
    finder = speedups.SourceUnlessCompiledMatches({name: "0" * 64}, pure=False)
    spec = finder.find_spec(name, planwatch.assess.__path__)
    if compiled_file(name) is None:
        assert spec is None  # nothing compiled: the normal import finds status.py
    else:
        assert spec.origin == str(speedups.source_path(name))


def test_a_module_not_listed_is_left_to_the_normal_import():
    finder = speedups.SourceUnlessCompiledMatches({}, pure=False)
    assert finder.find_spec("planwatch.assess.io", planwatch.assess.__path__) is None


def test_a_build_from_the_very_source_is_used():
    name = "planwatch.assess.status"
    built = compiled_file(name)
    if built is None:
        pytest.skip("no compiled build in this installation")
    finder = speedups.SourceUnlessCompiledMatches(
        {name: speedups.digest(speedups.source_path(name))}, pure=False
    )
    assert finder.find_spec(name, planwatch.assess.__path__).origin == str(built)
    pure = speedups.SourceUnlessCompiledMatches(
        {name: speedups.digest(speedups.source_path(name))}, pure=True
    )
    assert pure.find_spec(name, planwatch.assess.__path__).origin.endswith("status.py")


def test_planwatch_pure_runs_every_core_module_from_source():
    code = (
        "import json, planwatch.assess.engine as e, planwatch.speedups as s;"
        "print(json.dumps([e.__file__, s.compiled_modules()]))"
    )
    engine_file, compiled = json.loads(run(code, pure=True))
    assert engine_file.endswith("engine.py") and compiled == []


#: Assess the hand-typed sample plan over every year, both languages, with figures that walk
#: every rule: yearly and cumulative, missing years, jumps, bounds broken and kept, and values
#: the engine refuses (whose messages must match too).
PARITY = r"""
import json, random, sys
from dataclasses import asdict
from pathlib import Path
from planwatch.assess import assess_plan
from planwatch.assess.model import AssessOptions, Observation
from planwatch.errors import InputError
from planwatch.outline.model import Plan

plan = Plan.from_dict(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
rng = random.Random(9)
out = []
for round_ in range(40):
    observations = []
    for item in [*plan.indicators]:
        base = item.baseline.value if item.baseline else rng.uniform(1, 90)
        basis = "cumulative" if round_ % 5 == 0 and item.unit == "%" else "annual"
        for year in range(plan.base_year, plan.target_year + 1):
            if rng.random() < 0.2:
                continue
            value = base * (1 + rng.uniform(-0.05, 0.1)) ** (year - plan.base_year)
            if item.unit == "%":
                value = min(value, 99.0)
            if round_ == 7:
                value = -value
            observations.append(
                Observation(item.code, year, round(value, rng.choice([0, 1, 2, 4])),
                            item.unit, "统计局", basis=basis)
            )
    for year in range(plan.base_year + 1, plan.target_year + 1):
        for language in ("zh-hans", "en"):
            try:
                judged = assess_plan(plan, observations, year,
                                     options=AssessOptions(language=language))
                out.append(repr([asdict(item) for item in judged.items]) + repr(judged.summary))
            except InputError as error:
                out.append("refused: " + str(error))
print(json.dumps(out, ensure_ascii=False))
"""


def test_the_compiled_build_judges_exactly_as_the_source():
    compiled = json.loads(
        run("import json, planwatch.speedups as s; print(json.dumps(s.COMPILED))", pure=False)
    )
    if all(compiled_file(name) is None for name in compiled):
        pytest.skip("no compiled build in this installation")
    code = PARITY.replace("sys.argv[1]", repr(str(FIXTURES / "zibo-plan.json")))
    from_source, from_build = run(code, pure=True), run(code, pure=False)
    results = json.loads(from_source)
    assert len(results) == 40 * 5 * 2
    assert any(r.startswith("refused") for r in results)
    assert sum(r.startswith("refused") for r in results) < 20
    assert any("累计" in r for r in results) and any("cumulative" in r for r in results)
    assert from_build == from_source
