"""The wheel ships every data file: build it, install it in a fresh venv, open the files.

Offline: the wheel is built with ``--no-build-isolation --no-index`` (setuptools comes
from the test environment) and installed with ``--no-index --no-deps`` into a new
virtual environment. That environment sees the test environment's third-party packages
(numpy, pandas, altair) through a ``.pth`` path entry, but not its editable mlmkit, and
runs from a folder outside the checkout, so it can only import the installed wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The data files notebooks, CLI examples and docs open by name.
NOTEBOOK_FILES = [
    ("books", "example_ledger.csv"),
    ("companies", "evergreen_pantry.toml"),
    ("companies", "apex_wealth_circle.toml"),
    ("companies", "brightstart_wellness.toml"),
    ("manifest.toml",),
]

CHECK = r"""
import json, sys
from pathlib import Path
import mlmkit as mk
from mlmkit import datasets
report = {"mlmkit": mk.__file__, "data_dir": str(datasets.data_dir())}
report["datasets"] = {}
for name in datasets.list()["name"]:
    table = datasets.load(name)
    report["datasets"][name] = len(table)
report["files"] = {}
for parts in json.loads(sys.argv[1]):
    path = datasets.data_path(*parts)
    report["files"]["/".join(parts)] = path.read_text(encoding="utf-8").count("\n")
profiles = sorted(datasets.data_path("companies").glob("*.toml"))
report["profiles"] = [mk.scorecard.load_profile(path).name for path in profiles]
ledger = mk.books.load_ledger(datasets.data_path("books", "example_ledger.csv"))
report["ledger_rows"] = len(ledger.entries) if hasattr(ledger, "entries") else len(ledger)
print(json.dumps(report))
"""


def _source_copy(tmp_path: Path) -> Path:
    """The files a build needs, copied out of the checkout (the checkout stays clean)."""
    source = tmp_path / "src"
    source.mkdir()
    for name in ["pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE"]:
        shutil.copy2(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "data")
    shutil.copytree(ROOT / "mlmkit", source / "mlmkit", ignore=ignore)
    shutil.copytree(ROOT / "data", source / "data", ignore=shutil.ignore_patterns("__pycache__"))
    return source


def test_wheel_installs_and_opens_every_data_file(tmp_path):
    source = _source_copy(tmp_path)
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--wheel-dir", str(wheels), str(source)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    (wheel,) = wheels.glob("mlmkit-*.whl")

    names = set(zipfile.ZipFile(wheel).namelist())
    for path in sorted((ROOT / "data").rglob("*")):
        if path.is_file() and path.suffix in {".csv", ".toml", ".md"}:
            inside = "mlmkit/data/" + path.relative_to(ROOT / "data").as_posix()
            assert inside in names, f"{inside} is missing from the wheel"
    assert not any(name.startswith("data/") for name in names)

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False, symlinks=sys.platform != "win32").create(env_dir)
    python = env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    purelib = Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout.strip())
    # Third-party packages from the test environment; its editable mlmkit is not activated
    # because .pth files inside a plain path entry are not processed.
    (purelib / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-index", "--no-deps",
         str(wheel)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )
    assert install.returncode == 0, install.stdout[-2000:] + install.stderr[-2000:]

    run = subprocess.run(
        [str(python), "-I", "-c", CHECK, json.dumps(NOTEBOOK_FILES)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert Path(report["mlmkit"]).is_relative_to(env_dir), report["mlmkit"]
    assert Path(report["data_dir"]).is_relative_to(env_dir), report["data_dir"]
    assert report["datasets"]["surveys"] > 10
    assert report["datasets"]["example_ledger"] > 0
    assert all(count > 0 for count in report["files"].values()), report["files"]
    assert len(report["profiles"]) == len(list((ROOT / "data" / "companies").glob("*.toml")))
    assert report["ledger_rows"] > 0


def test_no_symbolic_links_in_the_repository():
    """A Windows checkout turns a symbolic link into a text file; the data must be real files."""
    links = []
    for folder, dirs, names in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in {".venv", "build", ".git", "node_modules"}]
        links += [os.path.join(folder, name) for name in dirs + names
                  if os.path.islink(os.path.join(folder, name))]
    assert links == []
    assert (ROOT / "data" / "manifest.toml").is_file()
    assert not (ROOT / "mlmkit" / "data").exists()
