"""Build hook: compile the message catalogs (``.po``) into the wheel as ``.mo`` files.

An editable install reads the ``.po`` files from the source tree instead (hdnd.i18n
compiles them in memory), so nothing is compiled for it.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        out = Path(tempfile.mkdtemp(prefix="hdnd-mo-"))
        for po in sorted(Path(self.root, "src", "hdnd", "locale").glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as f:
                catalog = read_po(f, locale=po.parent.parent.name, domain=po.stem)
            buffer = io.BytesIO()
            write_mo(buffer, catalog)
            mo = out / po.parent.parent.name / f"{po.stem}.mo"
            mo.parent.mkdir(parents=True, exist_ok=True)
            mo.write_bytes(buffer.getvalue())
            inside = po.relative_to(Path(self.root, "src")).with_suffix(".mo").as_posix()
            build_data["force_include"][str(mo)] = inside
