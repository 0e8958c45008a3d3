"""Hypothesis strategies for :mod:`hdnd.docnum`.

:func:`document_numbers` draws valid document numbers of every shape (or one);
:func:`document_number_texts` writes a given number the messy ways real text does,
every one of which reads back as that number.

>>> from hypothesis import given, settings
>>> from hdnd.docnum import DocumentNumber
>>> @settings(max_examples=20, derandomize=True, database=None)
... @given(document_numbers().flatmap(lambda n: st.tuples(st.just(n), document_number_texts(n))))
... def test_messy_text_reads_back(pair):
...     number, text = pair
...     assert DocumentNumber.parse(text) == number
>>> test_messy_text_reads_back()
"""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import DrawFn, SearchStrategy

from hdnd.docnum import (
    ISSUERS,
    MAX_YEAR,
    MIN_YEAR,
    DocumentNumber,
    DocumentType,
    NumberShape,
)

__all__ = ["document_number_texts", "document_numbers", "document_types"]

_NORMATIVE_TYPES = (
    DocumentType.resolution,
    DocumentType.decision,
    DocumentType.directive,
    DocumentType.decree,
    DocumentType.circular,
    DocumentType.joint_circular,
    DocumentType.joint_resolution,
)
_ISSUERS = (*ISSUERS, "TT.HĐND")
_DEPARTMENTS = ("SNV", "STC", "SYT", "STP")  # sở: issuers hdnd does not know by name
_UNITS = ("VP", "BPC", "BKTNS", "BVHXH", "TCCB", "KT")  # offices and committees
_TYPE_CODES = {t.value.casefold() for t in DocumentType}
_SHAPES = {shape.value: shape for shape in NumberShape}
_AS_WRITTEN = str.maketrans("", "")
_ETH = str.maketrans("Đđ", "Ðð")  # the look-alike old encodings produce
_NO_STROKE = str.maketrans("Đđ", "Dd")


def document_types() -> SearchStrategy[DocumentType]:
    """Any :class:`~hdnd.docnum.DocumentType`.

    >>> from hypothesis import find
    >>> find(document_types(), lambda t: t.value == "TTr").label_vi
    'Tờ trình'
    """
    return st.sampled_from(DocumentType)


@st.composite
def document_numbers(
    draw: DrawFn,
    shape: NumberShape | str | None = None,
    *,
    min_year: int = MIN_YEAR,
    max_year: int = MAX_YEAR,
) -> DocumentNumber:
    """Valid document numbers, of ``shape`` (a :class:`~hdnd.docnum.NumberShape`) or any.

    Individual documents take any type code and issuer; letters come from a known
    issuer (:data:`~hdnd.docnum.ISSUERS`) or from a department with a unit code;
    normative numbers use the normative type codes, with joint issuers at times
    (TTLT-BTC-BNV); national ones are QH or UBTVQH with a term.

    >>> from hypothesis import find
    >>> str(find(document_numbers("normative", min_year=2022), lambda n: n.number > 1))
    '02/2022/NQ-HĐND'
    >>> str(find(document_numbers(NumberShape.national, min_year=2025), lambda n: True))
    '01/2025/QH1'
    """
    if shape is None:
        shape = draw(st.sampled_from(NumberShape))
    elif shape not in _SHAPES:
        raise InvalidArgument(f"shape must be one of {', '.join(_SHAPES)}, got {shape!r}")
    number = draw(st.integers(1, 9999))
    if shape == NumberShape.individual:
        return DocumentNumber(
            number=number,
            doc_type=draw(document_types()),
            issuer=draw(st.sampled_from(_ISSUERS + _DEPARTMENTS)),
            sub_issuers=draw(st.lists(st.sampled_from(("UBND", *_UNITS)), max_size=2).map(tuple)),
        )
    if shape == NumberShape.letter:
        # A department's letter needs its unit: "45/SNV" alone cannot be told from a bad code.
        issuer = draw(st.sampled_from(_ISSUERS + _DEPARTMENTS))
        min_units = 0 if issuer in _ISSUERS else 1
        subs = draw(st.lists(st.sampled_from(_UNITS), min_size=min_units, max_size=2))
        return DocumentNumber(number=number, issuer=issuer, sub_issuers=tuple(subs))
    year = draw(st.integers(min_year, max_year))
    if shape == NumberShape.normative:
        return DocumentNumber(
            number=number,
            year=year,
            doc_type=draw(st.sampled_from(_NORMATIVE_TYPES)),
            issuer=draw(st.sampled_from(ISSUERS)),
            sub_issuers=draw(st.lists(st.sampled_from(ISSUERS), max_size=2).map(tuple)),
        )
    body = draw(st.sampled_from(("QH", "UBTVQH")))
    return DocumentNumber(number=number, year=year, issuer=f"{body}{draw(st.integers(1, 15))}")


def _code_variant(draw: DrawFn, code: str, *, may_drop_stroke: bool) -> str:
    """``code`` in another case, with "Ð" (eth) for "Đ", or with D for Đ when allowed."""
    code = draw(st.sampled_from((code, code.lower(), code.upper())))
    tables = (_AS_WRITTEN, _ETH, _NO_STROKE) if may_drop_stroke else (_AS_WRITTEN, _ETH)
    return code.translate(draw(st.sampled_from(tables)))


def _type_may_drop_stroke(code: str) -> bool:
    # QĐ may be written QD, but HĐ may not be written HD: that is another code.
    return code.replace("Đ", "D").casefold() not in _TYPE_CODES


def _issuer_may_drop_stroke(code: str) -> bool:
    # HĐND is recognised without its stroke anywhere, other issuers only when known.
    return "HĐND" in code or code in ISSUERS


@st.composite
def document_number_texts(draw: DrawFn, number: DocumentNumber) -> str:
    """Messy but valid ways of writing ``number`` that read back as it.

    Drawn: a "Số:" prefix, leading zeros, spaces around separators, codes in any
    case, "Ð" (eth) for "Đ", D for Đ where the reading rules restore it, an en dash
    for a hyphen, a trailing word or full stop, surrounding whitespace, NFD.

    >>> from hypothesis import find
    >>> from hdnd.docnum import DocumentNumber
    >>> n = DocumentNumber.parse("146/NQ-HĐND")
    >>> find(document_number_texts(n), lambda t: t.startswith("Số") and "HDND" in t)
    'Số: 146/NQ-HDND'
    """
    codes = [number.issuer, *number.sub_issuers]
    written = [
        _code_variant(draw, code, may_drop_stroke=_issuer_may_drop_stroke(code)) for code in codes
    ]
    if number.doc_type is not None:
        code = number.doc_type.value
        written.insert(0, _code_variant(draw, code, may_drop_stroke=_type_may_drop_stroke(code)))
    slash = draw(st.sampled_from(("/", " / ", "/ ")))
    hyphen = draw(st.sampled_from(("-", "- ", " -", "–")))
    year = "" if number.year is None else f"{number.year}{slash}"
    digits = draw(
        st.sampled_from((f"{number.number}", f"{number.number:02d}", f"{number.number:04d}"))
    )
    text = f"{digits}{slash}{year}{hyphen.join(written)}"
    prefix = draw(st.sampled_from(("", "Số: ", "SỐ: ", "số ", "Số:")))
    suffix = draw(st.sampled_from(("", " tỉnh", " ngày 15/12/2022", ".", ",")))
    space = draw(st.sampled_from(("", " ", "\t", "\n")))
    text = f"{space}{prefix}{text}{suffix}{space}"
    return unicodedata.normalize("NFD", text) if draw(st.booleans()) else text
