"""The main job through the library: quý I/2023 of the city and its communes, so cùng kỳ.

Run from the repository root: ``python examples/quarterly_summary.py``. It prints the
report in Vietnamese and in English, as ``hdnd summary ... --with-subordinates`` does.
"""

from __future__ import annotations

from pathlib import Path

import hdnd
from hdnd.report import render

DATA = Path(__file__).parent / "data" / "city-q1-2023.json"


def main() -> None:
    city = hdnd.load(DATA)  # raises hdnd.InvalidData, naming every problem, if the file is bad
    quarter = hdnd.parse_period("quý I/2023")
    now, then = hdnd.summarize_periods(
        city.records(),
        [quarter, hdnd.baseline(quarter, "same-period-last-year")],
        council="tp",
        with_subordinates=True,
    )
    comparison = hdnd.compare(now, then)
    print(render(now, comparison, lang="vi"))
    print()
    print(render(now, comparison, lang="en"))


if __name__ == "__main__":
    main()
