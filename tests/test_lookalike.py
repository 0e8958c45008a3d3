"""HDND-R019: ids and names of one record type that look the same are a warning.

The reproductions of issue 18: "p1" and "p1" + Hangul filler, "p 1" and "p" + no-break
space + "1", "p2" and Cyrillic "р2" were accepted as different records, silently.
"""

from __future__ import annotations

import itertools
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hdnd
from hdnd import Body, BodyKind, Council, Level, Person, UnitType, checks
from hdnd._lookalike import LOOKALIKES, skeleton
from hdnd.checks import Finding, Severity
from hdnd.cli import main

CODE = "HDND-R019"
HANGUL_FILLER = "\u3164"
NBSP = "\u00a0"
CYRILLIC_ER = "\u0440"


def people(*ids: str) -> list[Person]:
    return [Person(id=id, full_name=f"Người {n}") for n, id in enumerate(ids)]


def found(**collections: Any) -> list[Finding]:
    return hdnd.check(hdnd.Dataset(**collections), include=[CODE])


@pytest.mark.parametrize(
    ("first", "second", "named"),
    [
        ("p1", f"p1{HANGUL_FILLER}", "U+3164 HANGUL FILLER"),
        ("p 1", f"p{NBSP}1", "U+00A0 NO-BREAK SPACE"),
        ("p2", f"{CYRILLIC_ER}2", "U+0440 CYRILLIC SMALL LETTER ER"),
    ],
    ids=["hangul filler", "no-break space", "cyrillic er"],
)
def test_the_issues_lookalike_ids_are_a_warning(first: str, second: str, named: str) -> None:
    [finding] = found(people=people(first, second))
    assert (finding.code, finding.severity) == (CODE, Severity.warning)
    assert (finding.location, finding.record_id) == ("people[1].id", second)
    assert finding.message("en") == (
        f"id {second!r} looks the same as {first!r}, differing only by {named}"
    )
    assert finding.message("vi") == (
        f"mã định danh {second!r} trông giống hệt {first!r}, chỉ khác ở ký tự {named}"
    )


def test_a_file_with_lookalike_ids_validates_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "people.json"
    records = [{"id": id, "full_name": "An"} for id in ("p2", f"{CYRILLIC_ER}2")]
    path.write_text(json.dumps({"schema_version": 1, "people": records}), encoding="utf-8")
    assert main(["validate", str(path)]) == 0  # a warning does not fail validation
    out = capsys.readouterr().out
    assert f"{CODE} warning people[1].id (id '{CYRILLIC_ER}2'): id '{CYRILLIC_ER}2' looks" in out
    assert "1 file: 0 invalid, 0 check errors, 1 warnings" in out


def test_lookalike_names_are_a_warning_equal_names_are_not() -> None:
    found_ = found(
        people=[
            Person(id="a", full_name="Lê Văn An"),
            Person(id="b", full_name="Lê Văn An"),  # two people may share a name
            Person(id="c", full_name=f"Lê{NBSP}Văn An"),
        ],
        councils=[
            Council(id="x1", name="HĐND xã A", level=Level.commune, unit_type=UnitType.commune),
            # an Icelandic eth for the Vietnamese Đ
            Council(
                id="x2", name="H\u00d0ND xã A", level=Level.commune, unit_type=UnitType.commune
            ),
        ],
    )
    assert [(f.location, f.record_id) for f in found_] == [
        ("councils[1].name", "x2"),
        ("people[2].full_name", "c"),
    ]
    assert "U+00D0 LATIN CAPITAL LETTER ETH" in found_[0].message("en")
    assert found_[1].message("vi").startswith("họ và tên 'Lê\\xa0Văn An' trông giống hệt")


def test_body_names_are_compared_when_given() -> None:
    council = Council(id="x", name="HĐND xã", level=Level.commune, unit_type=UnitType.commune)
    bodies = [
        Body(id=id, council_id="x", kind=BodyKind.delegate_group, name=name)
        for id, name in [("b1", None), ("b2", None), ("b3", "Tổ 1"), ("b4", f"Tổ{NBSP}1")]
    ]
    assert [f.location for f in found(councils=[council], bodies=bodies)] == ["bodies[3].name"]


def test_vietnamese_letters_that_differ_by_their_marks_are_not_lookalikes() -> None:
    names = ["Lê Văn An", "Lê Văn Ân", "Lê Văn Ấn", "Le Van An", "Lê Vân An", "lê văn an"]
    assert found(people=[Person(id=f"p{i}", full_name=n) for i, n in enumerate(names)]) == []
    assert found(people=people("đ1", "d1", "Đ1", "D1", "ơ1", "o1", "ư1", "u1")) == []


def test_ids_of_different_record_types_are_not_compared() -> None:
    council = Council(id="p1", name="HĐND xã", level=Level.commune, unit_type=UnitType.commune)
    assert found(councils=[council], people=people(f"p1{HANGUL_FILLER}")) == []


def test_every_record_after_the_first_of_a_lookalike_group_is_named_once() -> None:
    ids = ["p1", f"p1{HANGUL_FILLER}", f"p{NBSP}1", "p 1", "p2"]
    assert [
        (f.record_id, f.message("en").split(", differing")[0]) for f in found(people=people(*ids))
    ] == [
        (f"p1{HANGUL_FILLER}", f"id 'p1{HANGUL_FILLER}' looks the same as 'p1'"),
        (f"p{NBSP}1", "id 'p\\xa01' looks the same as 'p1'"),
        ("p 1", "id 'p 1' looks the same as 'p1'"),
    ]
    assert "differing only by spaces" in found(people=people("p1", "p 1"))[0].message("en")


def test_a_hundred_thousand_lookalike_ids_take_one_fold_each(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # One group of 10^5 ids, all alike: a pairwise comparison would take 5·10^9 steps.
    separators = ["", " ", NBSP, HANGUL_FILLER]
    ids = ["".join(a + s for a, s in zip("abcdefghi", seps, strict=True)) + "j" for seps in
           itertools.islice(itertools.product(separators, repeat=9), 100_000)]  # fmt: skip
    folds = 0

    def counted(text: str) -> str:
        nonlocal folds
        folds += 1
        return skeleton(text)

    monkeypatch.setattr(checks, "skeleton", counted)
    findings = found(people=people(*ids))
    assert len(findings) == len(ids) - 1
    assert folds == 2 * len(ids)  # each id and each name folded once


def test_the_table_holds_cyrillic_and_greek_letters_for_ascii_ones() -> None:
    for code, latin in LOOKALIKES.items():
        char = chr(code)
        if latin == "\u0110":  # the two look-alikes of Đ
            assert char in "\u00d0\u0189"
            continue
        assert unicodedata.name(char).split()[0] in ("CYRILLIC", "GREEK")
        assert unicodedata.category(char).startswith("L")
        assert unicodedata.normalize("NFKD", char) == char  # else NFKD comes first
        assert len(latin) == 1
        assert latin.isascii()
        assert latin.isalnum()
        assert latin != "l" or char.islower()  # capitals that look like "l" are an "I"


@pytest.mark.parametrize(
    "char",
    [" ", "\t", NBSP, "\u2003", "\u202f", "\u3000", "\u2800", HANGUL_FILLER, "\u115f",
     "\u1160", "\uffa0", "\u200b", "\u2060", "\ufe0f", "\u00ad", "\U000e0041"],
)  # fmt: skip
def test_invisible_and_space_like_characters_are_removed(char: str) -> None:
    assert skeleton(f"p{char}1{char}") == "p1"


VIETNAMESE_LETTERS = (
    "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứự"
    "vxyỳỷỹýỵ0123456789-_./"
)
VIETNAMESE_TEXT = st.text(
    st.sampled_from(VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper()), min_size=1
)


@settings(deadline=None)
@given(VIETNAMESE_TEXT)
def test_vietnamese_text_without_spaces_is_its_own_skeleton(text: str) -> None:
    assert skeleton(text) == text


@settings(deadline=None)
@given(VIETNAMESE_TEXT, st.data())
def test_inserting_invisible_characters_or_swapping_lookalikes_keeps_the_skeleton(
    text: str, data: st.DataObject
) -> None:
    to_lookalike = {latin: chr(code) for code, latin in LOOKALIKES.items()}
    where = data.draw(st.integers(0, len(text)))
    invisible = data.draw(st.sampled_from([NBSP, HANGUL_FILLER, " ", "\u2800", "\u200d"]))
    disguised = "".join(to_lookalike.get(c, c) for c in text)
    disguised = disguised[:where] + invisible + disguised[where:]
    assert skeleton(disguised) == skeleton(text)
