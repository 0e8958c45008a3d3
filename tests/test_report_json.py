"""``format="json"`` writes the text stdlib ``json`` wrote (orjson writes it now); the
command line's formats are the report's."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

import hdnd
from hdnd.cli import main
from hdnd.report import FORMATS, TEXT_FORMATS, Format, render

# quotes, a backslash, control characters, a line separator, letters outside the BMP
AWKWARD = 'Hội đồng "nhân dân" \\ \x01\x1f\x7f \u2028 𝔸 😀'


@pytest.fixture(scope="module")
def summaries(city: hdnd.Dataset) -> tuple[hdnd.Summary, hdnd.Summary]:
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


@pytest.mark.parametrize("format", TEXT_FORMATS)
def test_hdnd_summary_writes_every_text_format_as_render_does(
    format: Format, capsys: pytest.CaptureFixture[str], example_path: Path, city: hdnd.Dataset
) -> None:
    q1 = hdnd.parse_period("quý I/2023")
    now, then = (hdnd.summarize(city, p, council="tp") for p in (q1, hdnd.baseline(q1)))
    options = ["--period", "quý I/2023", "--council", "tp", "--format", format, "--lang", "vi"]
    assert main(["summary", str(example_path), *options]) == 0
    assert capsys.readouterr().out == render(now, hdnd.compare(now, then), format=format) + "\n"


def test_the_documents_are_left_to_hdnd_report(
    capsys: pytest.CaptureFixture[str], example_path: Path
) -> None:
    documents = [f for f in FORMATS if f not in TEXT_FORMATS]
    assert documents == ["html"]
    with pytest.raises(SystemExit) as refused:
        main(["summary", str(example_path), "--period", "quý I/2023", "--format", "html"])
    assert refused.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'html'" in err
    assert all(f in err.partition("choose from")[2] for f in TEXT_FORMATS)
