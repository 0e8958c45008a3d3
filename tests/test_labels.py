"""Forgiving labels (issue 16, item 3): choices and yes/no cells as clerks type them.

A choice cell takes any label of its value in any case, with or without accents, with
the i/y of the spelling reform ("định kì" for "định kỳ") and loose spacing; a miss is
told in the drop-down's words (the Vietnamese labels), with the closest one. A yes/no
cell takes có/không, x, ticks, yes/no, true/false, 1/0 and c/k. JSON stays strict.
Expected values are written out by hand from the input.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hdnd
from hdnd import OversightKind, ReceptionKind
from hdnd._lookalike import fold_label
from hdnd.docnum import DocumentType
from hdnd.enums import LabelledEnum
from hdnd.errors import InvalidData
from hdnd.io._tables import COLUMNS, Unreadable, cell_value
from hdnd.io.xlsx import write_template
from hdnd.spec import spec_of


def every_enum(cls: type[LabelledEnum] = LabelledEnum) -> list[type[LabelledEnum]]:
    """Every enumeration of hdnd's with labels (not the examples of docs and tests)."""
    found = [c for sub in cls.__subclasses__() for c in (sub, *every_enum(sub))]
    return [c for c in found if c.__module__.startswith("hdnd.")]


ENUMS = every_enum()
MEMBERS = [m for cls in ENUMS for m in cls]


def test_every_labelled_enum_is_found() -> None:
    names = {cls.__name__ for cls in ENUMS}
    assert {"ReceptionKind", "OversightKind", "Jurisdiction", "DocumentType"} <= names


# ------------------------------------------------------------- typed as by hand

# Each letter with its accents and tone marks; "đ" is a letter of its own.
BARE = {"đ": "d", "Đ": "D"}
# The spelling reform's y that may be written i: the last letter of a syllable whose
# other letters are consonants (kỳ, lý, mỹ, quý), with the tone mark it carries.
REFORM_Y = re.compile(r"\b([bcdđghklmnpqrstvx]+|qu)([yýỳỷỹỵ])\b", re.IGNORECASE)
Y_TO_I = dict(zip("yýỳỷỹỵYÝỲỶỸỴ", "iíìỉĩịIÍÌỈĨỊ", strict=True))


def bare(letter: str) -> str:
    if letter in BARE:
        return BARE[letter]
    return "".join(c for c in unicodedata.normalize("NFD", letter) if not unicodedata.combining(c))


@st.composite
def typed_by_hand(draw: st.DrawFn, label: str) -> str:
    """``label`` with random case changes, accents dropped, kì for kỳ, extra spaces."""
    if draw(st.booleans()):
        label = REFORM_Y.sub(lambda m: m[1] + Y_TO_I[m[2]], label)
    letters = []
    for letter in label:
        if draw(st.booleans()):
            letter = bare(letter)
        letter = draw(st.sampled_from([letter, letter.upper(), letter.lower()]))
        if letter == " ":
            letter = " " * draw(st.integers(1, 3))
        elif not letter.isalnum() and letter != "_":  # punctuation: spaced any way
            letter = " " * draw(st.integers(0, 2)) + letter + " " * draw(st.integers(0, 2))
        letters.append(letter)
    return " " * draw(st.integers(0, 2)) + "".join(letters) + " " * draw(st.integers(0, 2))


@st.composite
def member_and_typed_label(draw: st.DrawFn) -> tuple[LabelledEnum, str, str]:
    member = draw(st.sampled_from(MEMBERS))
    label = draw(st.sampled_from(member.read_labels()))
    return member, label, draw(typed_by_hand(label))


# The only labels two members of an enumeration share once folded: document type codes
# told apart by the stroke of Đ alone (hướng dẫn and hợp đồng, dự án and đề án).
AMBIGUOUS = {"HD", "HĐ", "DA", "ĐA"}


def ambiguous(member: LabelledEnum, label: str) -> bool:
    return type(member) is DocumentType and label in AMBIGUOUS


@settings(max_examples=500, deadline=None)
@given(member_and_typed_label())
def test_a_label_typed_by_hand_reads_as_its_member(
    case: tuple[LabelledEnum, str, str],
) -> None:
    member, label, typed = case
    read = type(member).from_label(typed)
    if not ambiguous(member, label):
        assert read is member
    elif typed in AMBIGUOUS:  # an identifier exactly
        assert read is DocumentType(typed)
    else:
        assert read is None


@pytest.mark.parametrize("member", MEMBERS, ids=str)
def test_only_the_known_twins_share_a_folded_label(member: LabelledEnum) -> None:
    """Each label names its member, as written and in lower case: no two members of an
    enumeration share one, but the known twins, which then name neither."""
    for text in member.read_labels():
        assert type(member).from_label(text) is member
        lower = type(member).from_label(text.lower())
        assert lower is (None if ambiguous(member, text) else member)


class Twins(LabelledEnum):
    """Two members whose labels differ only by the spelling reform."""

    first = "first", "kỳ", "first"
    second = "second", "kì", "second"


def test_a_folded_label_two_members_share_names_neither() -> None:
    assert Twins.from_label("KỲ") is None
    assert Twins.from_label("ki") is None
    assert Twins.from_label("ky") is None
    # The identifiers and the labels as written still tell them apart.
    assert Twins.from_label("first") is Twins.first
    assert Twins.from_label("kỳ") is Twins.first
    assert Twins.from_label("kì") is Twins.second


@pytest.mark.parametrize(
    ("old", "new"),
    [("kì", "kỳ"), ("lí", "lý"), ("mĩ", "mỹ"), ("quí", "quý"), ("Kĩ thuật", "Kỹ thuật")],
)
def test_the_spelling_reform_variants_fold_alike(old: str, new: str) -> None:
    assert fold_label(old) == fold_label(new)


@pytest.mark.parametrize(("vowel_y", "i"), [("tuy", "tui"), ("ngày", "ngài"), ("hay", "hai")])
def test_a_y_after_a_vowel_is_another_sound(vowel_y: str, i: str) -> None:
    assert fold_label(vowel_y) != fold_label(i)


def test_identifiers_are_still_read() -> None:
    assert OversightKind.from_label("ad_hoc") is OversightKind.ad_hoc
    assert OversightKind.from_label("Ad_Hoc") is OversightKind.ad_hoc
    assert ReceptionKind.from_label("unscheduled") is ReceptionKind.unscheduled


def test_what_is_no_label_is_refused() -> None:
    assert ReceptionKind.from_label("weekly") is None
    assert ReceptionKind.from_label("định") is None
    assert ReceptionKind.from_label("") is None


# -------------------------------------------------------------------- in a workbook


@pytest.fixture
def template(tmp_path: Path) -> Path:
    out = tmp_path / "q1-2025.xlsx"
    write_template(out)
    return out


def fill(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """Type ``sheets``' rows (by collection key) into the workbook at ``path`` from row 3,
    as a clerk would."""
    book = openpyxl.load_workbook(path)
    for key, rows in sheets.items():
        for r, row in enumerate(rows, start=3):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    book[spec_of(key).sheet_title].cell(r, c, value)
    book.save(path)
    return path


def problems(path: Path) -> list[str]:
    """The problems of the file at ``path``, named from its folder."""
    with pytest.raises(InvalidData) as info:
        hdnd.load(path)
    return [str(p).removeprefix(f"{path.parent}/") for p in info.value.problems]


OVERSIGHT, RECEPTIONS = spec_of("oversight").sheet_title, spec_of("receptions").sheet_title
COUNCIL = ["tp", "HĐND thành phố", "cấp huyện", "thành phố thuộc tỉnh"]
BODY = ["tp-tt", "tp", "Thường trực HĐND"]


def reception(id: str, kind: object) -> list[object]:
    return [id, "tp", dt.datetime(2025, 1, 6), kind, None, None, None, 1, 1, 1]


def oversight(id: str, kind: object, unannounced: object = None) -> list[object]:
    return [id, "tp", "tp-tt", kind, "Thu chi ngân sách", "01/02/2025", None, None, unannounced]


def test_dinh_ki_and_dinh_ky_are_read_as_dinh_ky(template: Path) -> None:
    """The issue's acceptance: 'định kì' and 'dinh ky' are accepted."""
    kinds = ["định kì", "dinh ky", "Định Kỳ ", "ĐỊNH  KÌ", "dinh ki"]
    rows = [reception(f"r{i}", kind) for i, kind in enumerate(kinds)]
    ds = hdnd.load(fill(template, {"councils": [COUNCIL], "receptions": rows}))
    assert [r.kind for r in ds.receptions] == [ReceptionKind.periodic] * 5


def test_the_issues_misspelt_label_is_read(template: Path) -> None:
    rows = [oversight("gs2", "giám sát thường xuyen"), oversight("gs3", " Giam sat  chuyen de")]
    ds = hdnd.load(fill(template, {"councils": [COUNCIL], "bodies": [BODY], "oversight": rows}))
    assert [o.kind for o in ds.oversight] == [OversightKind.routine, OversightKind.thematic]


def test_a_close_miss_suggests_the_vietnamese_label(template: Path) -> None:
    rows = [
        oversight("gs2", "giám sát thường xuyn"),
        oversight("gs3", "thanh tra"),
        oversight("gs4", 5),
    ]
    filled = fill(template, {"councils": [COUNCIL], "bodies": [BODY], "oversight": rows})
    allowed = "allowed: giám sát chuyên đề, giám sát thường xuyên, giám sát đột xuất, khảo sát"
    assert problems(filled) == [
        f"q1-2025.xlsx, sheet {OVERSIGHT}, row 3, column D (Kind), id 'gs2':"
        " unknown value 'giám sát thường xuyn'; "
        f"did you mean 'giám sát thường xuyên'? {allowed}",
        f"q1-2025.xlsx, sheet {OVERSIGHT}, row 4, column D (Kind), id 'gs3':"
        f" unknown value 'thanh tra'; {allowed}",
        f"q1-2025.xlsx, sheet {OVERSIGHT}, row 5, column D (Kind), id 'gs4':"
        f" unknown value '5'; {allowed}",
    ]


def test_a_miss_close_to_an_identifier_suggests_its_label(template: Path) -> None:
    rows = [reception("r1", "periodc")]
    filled = fill(template, {"councils": [COUNCIL], "receptions": rows})
    assert problems(filled) == [
        f"q1-2025.xlsx, sheet {RECEPTIONS}, row 3, column D (Kind), id 'r1':"
        " unknown value 'periodc'; did you mean 'định kỳ'? allowed: định kỳ, đột xuất, thường xuyên"
    ]


YES = ["có", "Có", "co", "CO", "x", "X", "✓", "✔", "yes", "Yes", "true", "TRUE", "1", "c", "C"]
NO = ["không", "Không", "khong", "KHÔNG", "no", "No", "false", "False", "0", "k", "K"]


def test_yes_no_cells_read_every_way_of_saying_it(template: Path) -> None:
    words: list[object] = [*YES, 1, True, *NO, 0, False, None]
    rows = [oversight(f"gs{i}", "khảo sát", word) for i, word in enumerate(words)]
    ds = hdnd.load(fill(template, {"councils": [COUNCIL], "bodies": [BODY], "oversight": rows}))
    expected = [True] * (len(YES) + 2) + [False] * (len(NO) + 2) + [False]  # empty: default
    assert [o.unannounced for o in ds.oversight] == expected


def test_a_bad_yes_no_cell_says_what_the_sheet_says(template: Path) -> None:
    rows = [oversight("gs1", "khảo sát", "chưa rõ"), oversight("gs2", "khảo sát", 2)]
    filled = fill(template, {"councils": [COUNCIL], "bodies": [BODY], "oversight": rows})
    assert problems(filled) == [
        f"q1-2025.xlsx, sheet {OVERSIGHT}, row 3, column I (Unannounced), id 'gs1':"
        " expected có or không, got 'chưa rõ'",
        f"q1-2025.xlsx, sheet {OVERSIGHT}, row 4, column I (Unannounced), id 'gs2':"
        " expected có or không, got '2'",
    ]


# ----------------------------------------------------------------- CSV, and JSON


def test_csv_cells_are_read_as_forgivingly(tmp_path: Path) -> None:
    folder = tmp_path / "q1"
    folder.mkdir()
    files = {
        "_meta": "schema_version\n2\n",
        "councils": "id,name,level,unit_type\ntp,HĐND thành phố,cap huyen,thanh pho thuoc tinh\n",
        "bodies": "id,council_id,kind\ntp-tt,tp,thuong truc hdnd\n",
        "oversight": "id,council_id,body_id,kind,subject,start,unannounced\n"
        "gs1,tp,tp-tt,khao sat,Ngân sách,2025-02-01,x\n"
        "gs2,tp,tp-tt,giam sat dot xuat,Ngân sách,2025-02-01,khong\n"
        "gs3,tp,tp-tt,khảo xát,Ngân sách,2025-02-01,có thể\n",
    }
    for name, content in files.items():
        (folder / f"{name}.csv").write_text(content, encoding="utf-8")
    assert problems(folder) == [
        "q1/oversight.csv, row 4, column D (kind), id 'gs3':"
        " unknown value 'khảo xát'; did you mean 'khảo sát'? "
        "allowed: giám sát chuyên đề, giám sát thường xuyên, giám sát đột xuất, khảo sát",
        "q1/oversight.csv, row 4, column G (unannounced), id 'gs3':"
        " expected có or không, got 'có thể'",
    ]
    (folder / "oversight.csv").write_text(files["oversight"].rsplit("gs3", 1)[0], encoding="utf-8")
    ds = hdnd.load(folder)
    assert [(o.kind, o.unannounced) for o in ds.oversight] == [
        (OversightKind.survey, True),
        (OversightKind.ad_hoc, False),
    ]


def test_json_keeps_identifiers_and_true_false(tmp_path: Path) -> None:
    """FORMAT.md: JSON holds identifiers and true/false; a label there is a suggestion."""
    record = {
        "id": "gs1",
        "council_id": "tp",
        "body_id": "tp-tt",
        "kind": "khao sat",
        "subject": "Ngân sách",
        "start": "2025-02-01",
        "unannounced": "có",
    }
    document = {
        "schema_version": 2,
        "councils": [
            {"id": "tp", "name": "HĐND", "level": "district", "unit_type": "provincial_city"}
        ],
        "bodies": [{"id": "tp-tt", "council_id": "tp", "kind": "standing_committee"}],
        "oversight": [record],
    }
    path = tmp_path / "q1.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert problems(path) == [
        "q1.json: oversight[0].kind (id 'gs1'): unknown OversightKind 'khao sat'; "
        "did you mean 'survey'?",
        "q1.json: oversight[0].unannounced (id 'gs1'): expected true or false, got text 'có'",
    ]


def test_a_long_cell_is_cut_short_in_the_message() -> None:
    kind = next(c for c in COLUMNS["receptions"] if c.name == "kind")
    value = cell_value("x" * 500, kind)
    assert isinstance(value, Unreadable)
    assert value.message.startswith(f"unknown value '{'x' * 60}'…; allowed: ")
