"""Smoke test of the installed wheel, run by CI from a folder outside the repository.

Usage: python smoke.py DATA.json — exits non-zero if the public API misbehaves.
"""

from __future__ import annotations

import sys
import tempfile
from importlib import resources
from pathlib import Path

from hdnd_downstream import city_dataset, errors_of, quarterly_text, turns_by_host

import hdnd
from hdnd.report import render


def main(data: Path) -> None:
    city = hdnd.load(data)
    assert errors_of(data) == [], errors_of(data)
    q1 = hdnd.parse_period("quý I/2023")
    now = hdnd.summarize(city, q1, council="tp", with_subordinates=True)
    then = hdnd.summarize(city, hdnd.baseline(q1), council="tp", with_subordinates=True)
    receptions = now.figures.receptions
    assert receptions is not None  # recorded in the quarter: known
    assert receptions.by_host["tp-tt"].turns == 74
    assert "giảm 4 lượt, giảm 6 vụ việc so cùng kỳ" in render(now, hdnd.compare(now, then))
    with tempfile.TemporaryDirectory() as folder:
        lines = Path(folder) / "city.jsonl"
        hdnd.dump(city, lines)
        assert turns_by_host(lines)["tp-tt"] == sum(
            r.turns for r in city.receptions if r.host_body_id == "tp-tt"
        )
    text = quarterly_text(city_dataset(), "quý I/2023")
    assert (
        "Thường trực HĐND thành phố tổ chức 1 buổi tiếp công dân định kỳ, tiếp 6 lượt với "
        "11 công dân, 6 vụ việc"
    ) in text, text
    # package data is found through importlib.resources, not the source tree
    templates = resources.files("hdnd.report") / "templates"
    assert (templates / "summary.vi.txt.j2").is_file()
    assert not hdnd.__file__.startswith(str(Path.cwd()))
    print(f"smoke ok: hdnd {hdnd.__version__} from {Path(hdnd.__file__).parent}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
