"""Document numbers: every accepted shape and messy form, every refusal, round trips."""

from __future__ import annotations

import pickle
import unicodedata

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hdnd import docnum
from hdnd.docnum import (
    DocumentNumber,
    DocumentType,
    InvalidDocumentNumber,
    InvalidFormat,
    InvalidNumber,
    InvalidYear,
    NumberShape,
    UnknownDocumentType,
)
from hdnd.errors import HdndError
from hdnd.testing.docnum import document_number_texts, document_numbers

# --------------------------------------------------------------------------- the issue's examples


def test_issue_acceptance_examples() -> None:
    n = DocumentNumber.parse("Số: 146/NQ-HDND")
    assert str(n) == "146/NQ-HĐND"
    assert n.year is None
    assert not n.is_normative
    normative = DocumentNumber.parse("15/2022/NQ-HĐND")
    assert normative.year == 2022
    assert normative.is_normative
    with pytest.raises(InvalidDocumentNumber, match="XY"):
        DocumentNumber.parse("146/XY-HĐND")


# --------------------------------------------------------------------------- accepted


NQ, QD, KH, TTR = (
    DocumentType.resolution,
    DocumentType.decision,
    DocumentType.plan,
    DocumentType.submission,
)


@pytest.mark.parametrize(
    ("text", "number", "year", "doc_type", "issuer", "subs", "canonical"),
    [
        # the four shapes
        ("146/NQ-HĐND", 146, None, NQ, "HĐND", (), "146/NQ-HĐND"),
        ("13/TTr-HĐND", 13, None, TTR, "HĐND", (), "13/TTr-HĐND"),
        ("03/KH-HĐND", 3, None, KH, "HĐND", (), "03/KH-HĐND"),
        ("45/HĐND-VP", 45, None, None, "HĐND", ("VP",), "45/HĐND-VP"),
        ("15/2022/NQ-HĐND", 15, 2022, NQ, "HĐND", (), "15/2022/NQ-HĐND"),
        ("06/2024/QĐ-UBND", 6, 2024, QD, "UBND", (), "06/2024/QĐ-UBND"),
        ("72/2025/QH15", 72, 2025, None, "QH15", (), "72/2025/QH15"),
        ("108/2025/UBTVQH15", 108, 2025, None, "UBTVQH15", (), "108/2025/UBTVQH15"),
        ("59/2023/NĐ-CP", 59, 2023, DocumentType.decree, "CP", (), "59/2023/NĐ-CP"),
        # sub-issuers and joint issuers
        ("06/QC-TT.HĐND-UBND", 6, None, DocumentType.regulation, "TT.HĐND", ("UBND",), None),
        ("12/BC-HĐND-BPC", 12, None, DocumentType.report, "HĐND", ("BPC",), None),
        ("02/2023/TTLT-BTC-BNV", 2, 2023, DocumentType.joint_circular, "BTC", ("BNV",), None),
        ("45/SNV-VP", 45, None, None, "SNV", ("VP",), None),
        ("45/HĐND", 45, None, None, "HĐND", (), None),
        ("7/TTHĐND-VP", 7, None, None, "TTHĐND", ("VP",), "07/TTHĐND-VP"),
        ("7/CT-TTg", 7, None, DocumentType.directive, "TTg", (), "07/CT-TTg"),
        # messy real-world text
        ("Số: 146/NQ-HĐND", 146, None, NQ, "HĐND", (), "146/NQ-HĐND"),
        ("SỐ: 59/2023/NĐ-CP", 59, 2023, DocumentType.decree, "CP", (), "59/2023/NĐ-CP"),
        ("số 5/KH-HĐND", 5, None, KH, "HĐND", (), "05/KH-HĐND"),
        ("46/BC- HĐND", 46, None, DocumentType.report, "HĐND", (), "46/BC-HĐND"),
        ("146 / NQ - HĐND", 146, None, NQ, "HĐND", (), "146/NQ-HĐND"),
        ("146/NQ-HDND", 146, None, NQ, "HĐND", (), "146/NQ-HĐND"),
        ("5/TTHDND-VP", 5, None, None, "TTHĐND", ("VP",), "05/TTHĐND-VP"),
        ("5/QC-TT.HDND-UBND", 5, None, DocumentType.regulation, "TT.HĐND", ("UBND",), None),
        ("5/KH-UBND", 5, None, KH, "UBND", (), "05/KH-UBND"),
        ("10/2016/NQ-HĐND tỉnh", 10, 2016, NQ, "HĐND", (), "10/2016/NQ-HĐND"),
        ("146/NQ-HĐND ngày 15/12/2022", 146, None, NQ, "HĐND", (), "146/NQ-HĐND"),
        ("146/NQ-HĐND.", 146, None, NQ, "HĐND", (), "146/NQ-HĐND"),
        ("1961/QĐUBND", 1961, None, QD, "UBND", (), "1961/QĐ-UBND"),
        ("59/2023/NĐCP", 59, 2023, DocumentType.decree, "CP", (), "59/2023/NĐ-CP"),
        ("5/TTrHĐND", 5, None, TTR, "HĐND", (), "05/TTr-HĐND"),
        ("146/nq-hđnd", 146, None, NQ, "HĐND", (), "146/NQ-HĐND"),
        ("13/ttr-hdnd", 13, None, TTR, "HĐND", (), "13/TTr-HĐND"),
        ("5/QYĐ-UBND", 5, None, DocumentType.rules, "UBND", (), "05/QyĐ-UBND"),
        ("5/trs-ubnd", 5, None, DocumentType.extract, "UBND", (), "05/TrS-UBND"),
        ("5/ctr-hđnd", 5, None, DocumentType.programme, "HĐND", (), "05/CTr-HĐND"),
        ("5/CT-TTG", 5, None, DocumentType.directive, "TTg", (), "05/CT-TTg"),
        ("72/2025/qh15", 72, 2025, None, "QH15", (), "72/2025/QH15"),
        ("5/QÐ-UBND", 5, None, QD, "UBND", (), "05/QĐ-UBND"),  # Ð is the eth look-alike
        ("146/NQ–HĐND", 146, None, NQ, "HĐND", (), "146/NQ-HĐND"),  # en dash
        ("0146/NQ-HĐND", 146, None, NQ, "HĐND", (), "146/NQ-HĐND"),
        ("  146/NQ-HĐND\n", 146, None, NQ, "HĐND", (), "146/NQ-HĐND"),
        (unicodedata.normalize("NFD", "Số: 146/NQ-HĐND"), 146, None, NQ, "HĐND", (), None),
        (
            unicodedata.normalize("NFD", "5/GGT-HĐND"),
            5,
            None,
            DocumentType.introduction,
            "HĐND",
            (),
            None,
        ),
    ],
)
def test_parse_accepts(
    text: str,
    number: int,
    year: int | None,
    doc_type: DocumentType | None,
    issuer: str,
    subs: tuple[str, ...],
    canonical: str | None,
) -> None:
    n = DocumentNumber.parse(text)
    assert (n.number, n.year, n.doc_type, n.issuer, n.sub_issuers) == (
        number,
        year,
        doc_type,
        issuer,
        subs,
    )
    if canonical is not None:
        assert str(n) == canonical


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        # D for Đ is read as the Đ code only when the D spelling is not a code itself.
        ("QD", DocumentType.decision),
        ("qd", DocumentType.decision),
        ("ND", DocumentType.decree),
        ("CD", DocumentType.telegram),
        ("QyD", DocumentType.rules),
        ("HD", DocumentType.guidance),
        ("HĐ", DocumentType.contract),
        ("DA", DocumentType.project),
        ("ĐA", DocumentType.project_proposal),
        ("đa", DocumentType.project_proposal),
    ],
)
def test_d_for_stroked_d_in_type_codes(code: str, expected: DocumentType) -> None:
    assert DocumentNumber.parse(f"5/{code}-UBND").doc_type is expected


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("146/NQ-HĐND", NumberShape.individual),
        ("45/HĐND-VP", NumberShape.letter),
        ("15/2022/NQ-HĐND", NumberShape.normative),
        ("72/2025/QH15", NumberShape.national),
    ],
)
def test_shape(text: str, shape: NumberShape) -> None:
    assert DocumentNumber.parse(text).shape is shape


# --------------------------------------------------------------------------- refused


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ("146/XY-HĐND", UnknownDocumentType, "unknown document type code 'XY' in '146/XY-HĐND'"),
        ("15/2022/XY-HĐND", UnknownDocumentType, "'XY'"),
        ("146/xy-ubnd", UnknownDocumentType, "'xy'"),
        ("45-CT/TW", InvalidFormat, "'45-CT/TW' is a party document number"),
        ("12-KL/TW", InvalidFormat, "another numbering system"),
        ("0/NQ-HĐND", InvalidNumber, "number must be 1 or more, got 0 in '0/NQ-HĐND'"),
        ("00/NQ-HĐND", InvalidNumber, "got 0"),
        ("15/1900/NQ-HĐND", InvalidYear, "year must be 1945–2100, got 1900"),
        ("15/1944/NQ-HĐND", InvalidYear, "got 1944"),
        ("15/2101/NQ-HĐND", InvalidYear, "got 2101"),
        ("15/22/NQ-HĐND", InvalidYear, "got 22"),
        ("146/NQ", InvalidFormat, "the issuer is missing"),
        ("146/XY", InvalidFormat, "expected NUM/TYPE-ISSUER"),
        ("146/NQ--HĐND", InvalidFormat, "expected NUM/TYPE-ISSUER"),
        ("146/NQ-HĐND/2022", InvalidFormat, "expected NUM/TYPE-ISSUER"),
        ("NQ-HĐND", InvalidFormat, "expected NUM/TYPE-ISSUER"),
        ("15/2022/HĐND", InvalidFormat, "the type code is missing before 'HĐND'"),
        ("15/2022/UBND-VP", InvalidFormat, "the type code is missing before 'UBND'"),
        ("", InvalidFormat, "got ''"),
        ("hello", InvalidFormat, "got 'hello'"),
    ],
)
def test_parse_refuses(text: str, error: type[InvalidDocumentNumber], message: str) -> None:
    with pytest.raises(error) as caught:
        DocumentNumber.parse(text)
    assert message in str(caught.value)
    assert not docnum.is_valid(text)


def test_error_hierarchy() -> None:
    for error in (InvalidFormat, InvalidNumber, InvalidYear, UnknownDocumentType):
        assert issubclass(error, InvalidDocumentNumber)
    assert issubclass(InvalidDocumentNumber, HdndError)
    assert issubclass(InvalidDocumentNumber, ValueError)


def test_unknown_document_type_names_the_code_and_pickles() -> None:
    with pytest.raises(UnknownDocumentType) as caught:
        DocumentNumber.parse("146/XY-HĐND")
    assert caught.value.code == "XY"
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.code, str(copy)) == ("XY", str(caught.value))


# --------------------------------------------------------------------------- the value


def test_constructor_canonicalises_issuers() -> None:
    n = DocumentNumber(
        number=5,
        doc_type=DocumentType.regulation,
        issuer="tt.hdnd",
        sub_issuers=[unicodedata.normalize("NFD", "ubnd")],
    )
    assert (n.issuer, n.sub_issuers) == ("TT.HĐND", ("UBND",))
    assert str(n) == "05/QC-TT.HĐND-UBND"


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        ({"number": 0, "issuer": "HĐND"}, InvalidNumber, "number must be 1 or more"),
        ({"number": 1, "year": 1944, "doc_type": NQ, "issuer": "HĐND"}, InvalidYear, "1944"),
        ({"number": 1, "year": 2022, "issuer": "HĐND"}, InvalidFormat, "no type code"),
        (
            {"number": 1, "year": 2022, "issuer": "QH15", "sub_issuers": ("VP",)},
            InvalidFormat,
            "national",
        ),
        ({"number": 1, "issuer": "NQ", "sub_issuers": ("VP",)}, InvalidFormat, "type code"),
        ({"number": 1, "issuer": "HĐND VP"}, InvalidFormat, "letters and digits"),
        ({"number": 1, "issuer": ""}, InvalidFormat, "letters and digits"),
    ],
)
def test_constructor_refuses(
    fields: dict[str, object], error: type[InvalidDocumentNumber], message: str
) -> None:
    with pytest.raises(error, match=message):
        DocumentNumber(**fields)  # type: ignore[arg-type]


def test_frozen_hashable_keyword_only() -> None:
    n = DocumentNumber.parse("146/NQ-HĐND")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        n.number = 147  # type: ignore[misc]
    assert len({n, DocumentNumber.parse("Số: 146/nq-hdnd")}) == 1
    with pytest.raises(TypeError):
        DocumentNumber(146, None, NQ, "HĐND")  # type: ignore[call-arg]


def test_order_by_issuer_then_year_then_number() -> None:
    texts = [
        "25/2025/NQ-HĐND",
        "146/NQ-HĐND",
        "03/QĐ-UBND",
        "25/NQ-HĐND",
        "15/2022/NQ-HĐND",
        "45/HĐND-VP",
        "59/2023/NĐ-CP",
    ]
    assert [str(n) for n in sorted(DocumentNumber.parse(t) for t in texts)] == [
        "59/2023/NĐ-CP",
        "25/NQ-HĐND",
        "45/HĐND-VP",
        "146/NQ-HĐND",
        "15/2022/NQ-HĐND",
        "25/2025/NQ-HĐND",
        "03/QĐ-UBND",
    ]


def test_document_types() -> None:
    glossary = [
        "NQ",
        "QĐ",
        "CT",
        "QC",
        "QyĐ",
        "TB",
        "HD",
        "CTr",
        "KH",
        "PA",
        "ĐA",
        "BC",
        "BB",
        "TTr",
        "HĐ",
        "CĐ",
        "GM",
        "GGT",
        "PC",
        "SY",
        "TrS",
        "NĐ",
        "TT",
        "TTLT",
        "NQLT",
    ]
    assert set(glossary) <= {t.value for t in DocumentType}
    assert len({t.value.casefold() for t in DocumentType}) == len(DocumentType)
    assert (DocumentType.resolution.value, DocumentType.resolution.label_vi) == ("NQ", "Nghị quyết")
    assert DocumentType.resolution.label_en == "Resolution"
    assert (DocumentType.rules.value, DocumentType.rules.label_vi) == ("QyĐ", "Quy định")
    assert (DocumentType.submission.value, DocumentType.submission.label_vi) == ("TTr", "Tờ trình")
    assert all(t.label_vi and t.label_en for t in DocumentType)
    assert all(unicodedata.is_normalized("NFC", t.value + t.label_vi) for t in DocumentType)


# --------------------------------------------------------------------------- functions


def test_compact_only_cleans() -> None:
    assert docnum.compact("  Số: 46/BC- hdnd tỉnh ") == "46/BC-hdnd"
    assert docnum.compact("SỐ:59 / 2023 / NĐ – CP.") == "59/2023/NĐ-CP"
    assert docnum.compact("146/XY-HĐND") == "146/XY-HĐND"
    assert docnum.compact("") == ""


def test_validate_format_is_valid() -> None:
    assert docnum.validate("Số: 3/kh-hdnd") == "03/KH-HĐND"
    assert docnum.format("Số: 3/kh-hdnd") == "03/KH-HĐND"
    assert docnum.is_valid("45/HĐND-VP")
    assert not docnum.is_valid("146/XY-HĐND")
    with pytest.raises(UnknownDocumentType):
        docnum.validate("146/XY-HĐND")


# --------------------------------------------------------------------------- properties


@given(document_numbers())
def test_str_parses_back(n: DocumentNumber) -> None:
    text = str(n)
    assert DocumentNumber.parse(text) == n
    assert unicodedata.is_normalized("NFC", text)
    assert text.split("/")[0] == f"{n.number:02d}"


@given(document_numbers().flatmap(lambda n: st.tuples(st.just(n), document_number_texts(n))))
def test_messy_text_parses_to_the_number(pair: tuple[DocumentNumber, str]) -> None:
    n, text = pair
    assert DocumentNumber.parse(text) == n
    canonical = docnum.format(text)
    assert canonical == str(n)
    assert docnum.format(canonical) == canonical
    assert docnum.validate(canonical) == canonical


@given(st.sampled_from(NumberShape).flatmap(lambda s: st.tuples(st.just(s), document_numbers(s))))
def test_strategy_keeps_to_the_shape(pair: tuple[NumberShape, DocumentNumber]) -> None:
    shape, n = pair
    assert n.shape is shape
    assert n.is_normative == (shape in (NumberShape.normative, NumberShape.national))


@given(st.lists(document_numbers(), min_size=2, max_size=8))
def test_order_is_issuer_year_number(numbers: list[DocumentNumber]) -> None:
    ordered = sorted(numbers)
    keys = [(n.issuer, n.year is not None, n.year or 0, n.number) for n in ordered]
    assert keys == sorted(keys)
    a, b = numbers[0], numbers[1]
    assert [a < b, a == b, a > b].count(True) == 1
