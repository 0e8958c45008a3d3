"""``format="json"``: the text stdlib ``json`` wrote before (orjson writes it now)."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

import hdnd
from hdnd.report import render

EXAMPLE = Path(__file__).parent.parent / "examples" / "data" / "city-q1-2023.json"
# quotes, a backslash, control characters, a line separator, letters outside the BMP
AWKWARD = 'Hội đồng "nhân dân" \\ \x01\x1f\x7f \u2028 𝔸 😀'


@pytest.fixture(scope="module")
def summaries() -> tuple[hdnd.Summary, hdnd.Summary]:
    city = hdnd.load(EXAMPLE)
    q1 = hdnd.parse_period("quý I/2023")
    now, then = (
        hdnd.summarize(city, period, council="tp", with_subordinates=True)
        for period in (q1, hdnd.baseline(q1))
    )
    return attrs.evolve(now, names={**now.names, "tp": AWKWARD}), then


@pytest.mark.parametrize("compared", [True, False])
def test_json_report_is_what_json_dumps_wrote(
    summaries: tuple[hdnd.Summary, hdnd.Summary], compared: bool
) -> None:
    now, then = summaries
    text = render(now, hdnd.compare(now, then) if compared else None, format="json")
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=2)
    assert data["summary"]["names"]["tp"] == AWKWARD
    assert ("changes" in data) is compared
