"""The wheel installs one import name, `wiretrace`, with the stage folders as its subpackages."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ROOMS = ("sources", "extractors", "corroboration", "warehouse", "reports", "flows", "ui")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Build from a copy: setuptools leaves build/lib behind, and a stale build/lib in the
    # checkout would put modules that no longer exist into later wheels.
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    for room in ("wiretrace", *ROOMS):
        shutil.copytree(REPO / room, src / room, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(out), str(src)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    (built,) = out.glob("wiretrace-*.whl")
    return built


def test_the_wheel_installs_exactly_one_top_level_name(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names if ".dist-info/" not in n}
    assert top == {"wiretrace"}
    for room in ROOMS:
        assert f"wiretrace/{room}/__init__.py" in names
    # Package data travels under the new names.
    assert "wiretrace/sources/outlets.toml" in names
    assert "wiretrace/extractors/cleanup.toml" in names
    assert any(n.startswith("wiretrace/warehouse/migrations/") for n in names)
    assert "wiretrace/ui/templates/claims.html" in names
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "wiretrace = wiretrace.flows.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_an_install_imports_wiretrace_and_not_the_bare_stage_names(
    wheel: Path, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
         str(wheel)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    probe = (
        "import importlib.util, sys\n"
        "sys.path[:] = [p for p in sys.path if 'editable' not in p and p not in ('', '.')]\n"
        f"sys.path.insert(0, {str(target)!r})\n"
        "from wiretrace.warehouse.db import migration_files\n"
        "from wiretrace.extractors.cleanup import default_rules\n"
        "import wiretrace.flows.cli, wiretrace\n"
        "assert migration_files() and default_rules()\n"
        f"assert wiretrace.__file__.startswith({str(target)!r})\n"
        "print([n for n in ('flows', 'reports', 'sources', 'warehouse', 'extractors',"
        " 'corroboration') if importlib.util.find_spec(n) is not None])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
