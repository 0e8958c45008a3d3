"""The public API is ``hdnd.__all__`` and each public submodule's ``__all__``.

This test compares them with the committed snapshot ``tests/data/public-api.txt``:
removing or renaming a public name fails here until the snapshot and CHANGELOG.md
say so (a renamed name should first be deprecated, see ``hdnd._deprecation``).
After a deliberate change, regenerate the snapshot with
``python tests/test_public_api.py`` and commit it with the CHANGELOG entry.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

import hdnd

SNAPSHOT = Path(__file__).parent / "data" / "public-api.txt"


def public_modules() -> list[str]:
    """``hdnd`` and every submodule whose dotted path has no ``_``-prefixed part.

    The subcommand modules of ``hdnd.cli`` are left out: the command line's contract
    is its commands and options, tested in test_cli.py, not those modules' names.
    """
    names = ["hdnd"]
    for info in pkgutil.walk_packages(hdnd.__path__, prefix="hdnd."):
        private = any(part.startswith("_") for part in info.name.split("."))
        if not private and not info.name.startswith("hdnd.cli."):
            names.append(info.name)
    return sorted(names)


def current_api() -> list[str]:
    lines = []
    for name in public_modules():
        module = importlib.import_module(name)
        exported = getattr(module, "__all__", None)
        if exported is None:
            lines.append(f"{name}: <no __all__>")
            continue
        lines += [f"{name}: {symbol}" for symbol in sorted(exported)]
    return lines


def test_public_api_matches_the_snapshot() -> None:
    expected = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    current = current_api()
    removed = sorted(set(expected) - set(current))
    added = sorted(set(current) - set(expected))
    assert (removed, added) == ([], []), (
        "the public API changed; if deliberate, deprecate first, say so in CHANGELOG.md and "
        "regenerate the snapshot with `python tests/test_public_api.py`\n"
        f"removed: {removed}\nadded: {added}"
    )


def test_every_exported_name_exists() -> None:
    for name in public_modules():
        module = importlib.import_module(name)
        for symbol in getattr(module, "__all__", ()):
            assert hasattr(module, symbol), f"{name}.__all__ names missing {symbol!r}"


def test_every_public_module_declares_its_api() -> None:
    assert [line for line in current_api() if line.endswith("<no __all__>")] == []


if __name__ == "__main__":
    SNAPSHOT.write_text("\n".join(current_api()) + "\n", encoding="utf-8")
    sys.stdout.write(f"wrote {SNAPSHOT}\n")
