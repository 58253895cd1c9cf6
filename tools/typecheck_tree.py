"""Lay out the installed package for mypy: build/typecheck/wiretrace/<room> -> the folder pyproject maps.

The stage folders (flows/, extractors/, ...) install as subpackages of `wiretrace` through
setuptools' package-dir, which an editable install resolves with an import hook mypy cannot
see. This tree of symlinks has the installed layout, so `MYPYPATH=build/typecheck mypy -p
wiretrace` checks the package as users import it. Run by `make lint`.
"""

from __future__ import annotations

import shutil
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(out: Path) -> Path:
    mapping: dict[str, str] = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"][
        "setuptools"
    ]["package-dir"]
    shutil.rmtree(out, ignore_errors=True)
    top = out / "wiretrace"
    top.mkdir(parents=True)
    for source in (ROOT / mapping["wiretrace"]).glob("*.py"):
        (top / source.name).symlink_to(source)
    for package, folder in mapping.items():
        if package != "wiretrace":
            (out / package.replace(".", "/")).symlink_to(ROOT / folder, target_is_directory=True)
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "typecheck"))
