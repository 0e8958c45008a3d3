"""Vietnamese document numbers (số, ký hiệu văn bản — Decree 30/2020/NĐ-CP).

Every official document is printed with a number and a symbol, "Số: 146/NQ-HĐND".
Four shapes occur:

==========  ===============================  ============================================
shape       layout                           examples
==========  ===============================  ============================================
individual  NUM/TYPE-ISSUER(-SUB)...         146/NQ-HĐND, 13/TTr-HĐND, 06/QC-TT.HĐND-UBND
letter      NUM/ISSUER(-SUB)...              45/HĐND-VP (công văn: no type code)
normative   NUM/YEAR/TYPE-ISSUER(-SUB)...    15/2022/NQ-HĐND, 59/2023/NĐ-CP
national    NUM/YEAR/BODY+TERM               72/2025/QH15, 108/2025/UBTVQH15
==========  ===============================  ============================================

The canonical form zero-pads NUM to two digits, is NFC and spells the codes as the
decree does (HĐND, QyĐ, TrS, CTr, TTg). The number alone is not a key: a council
restarts numbering every 1 January, so number + issuer + year identifies a document.

>>> validate("Số: 146/NQ-HDND")
'146/NQ-HĐND'
>>> format(" số 5/2023/nđ-cp ")
'05/2023/NĐ-CP'
>>> is_valid("45-CT/TW")
False
>>> validate("146/XY-HĐND")
Traceback (most recent call last):
    ...
hdnd.docnum.UnknownDocumentType: unknown document type code 'XY' in '146/XY-HĐND'

Reading is tolerant of what real text does to numbers, and explicit about the rules:

* NFC normalisation; "Ð" (eth, from old encodings) is read as "Đ", an en dash as a hyphen.
* A leading "Số:", spaces around "/" and "-" ("46/BC- HĐND"), words after the number
  ("10/2016/NQ-HĐND tỉnh") and final punctuation are dropped.
* Codes may be in any case; they are written back in their canonical spelling.
* "D" for "Đ": a type code written with D is read as the Đ code only when the D
  spelling is not itself a code. So QD → QĐ, ND → NĐ, CD → CĐ, QyD → QyĐ, but HD stays
  HD (hướng dẫn, not HĐ hợp đồng) and DA stays DA (dự án, not ĐA đề án): the decree
  lists both. In issuers, HDND is HĐND wherever it occurs (TTHDND, TT.HDND) and the
  codes in :data:`ISSUERS` regain their Đ (BLDTBXH → BLĐTBXH).
* A hyphen lost between the type and a known issuer is restored: "1961/QĐUBND".
* Without a year, the first code decides the shape: a type code makes an individual
  document; otherwise it is a letter when the first code is a known issuer or the
  second is not ("45/SNV-VP"); an unknown code before a known issuer ("146/XY-HĐND")
  is an unknown type.
* Party documents ("45-CT/TW", NUM-TYPE/ISSUER) follow another system and are refused.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import attrs

from hdnd.enums import LabelledEnum
from hdnd.errors import HdndError
from hdnd.i18n import N_
from hdnd.i18n import gettext as _

__all__ = [
    "ISSUERS",
    "MAX_YEAR",
    "MIN_YEAR",
    "DocumentNumber",
    "DocumentType",
    "InvalidDocumentNumber",
    "InvalidFormat",
    "InvalidNumber",
    "InvalidYear",
    "NumberShape",
    "UnknownDocumentType",
    "compact",
    "format",
    "is_valid",
    "validate",
]

MIN_YEAR = 1945
"""The earliest year a document number may carry."""
MAX_YEAR = 2100
"""The latest year a document number may carry."""

ISSUERS = ("HĐND", "TTHĐND", "UBND", "CP", "TTg", "BTC", "BNV", "BLĐTBXH")
"""Issuer codes hdnd knows: their spelling is restored from any case or D for Đ.

>>> "TTg" in ISSUERS
True
"""


class InvalidDocumentNumber(HdndError, ValueError):
    """Base class of the errors about a document number.

    >>> issubclass(UnknownDocumentType, InvalidDocumentNumber)
    True
    """


class InvalidFormat(InvalidDocumentNumber):
    """The text does not have the shape of a document number.

    >>> validate("hello")
    Traceback (most recent call last):
        ...
    hdnd.docnum.InvalidFormat: expected NUM/TYPE-ISSUER ('146/NQ-HĐND'), NUM/ISSUER-UNIT \
('45/HĐND-VP'), NUM/YEAR/TYPE-ISSUER ('15/2022/NQ-HĐND') or NUM/YEAR/BODY+TERM \
('72/2025/QH15'), got 'hello'
    """


class InvalidNumber(InvalidDocumentNumber):
    """The number is not 1 or more.

    >>> validate("0/NQ-HĐND")
    Traceback (most recent call last):
        ...
    hdnd.docnum.InvalidNumber: number must be 1 or more, got 0 in '0/NQ-HĐND'
    """


class InvalidYear(InvalidDocumentNumber):
    """The year is outside 1945–2100.

    >>> validate("15/1900/NQ-HĐND")
    Traceback (most recent call last):
        ...
    hdnd.docnum.InvalidYear: year must be 1945–2100, got 1900 in '15/1900/NQ-HĐND'
    """


class UnknownDocumentType(InvalidDocumentNumber):
    """The type code is not one of :class:`DocumentType`; ``code`` holds it.

    >>> try:
    ...     validate("146/XY-HĐND")
    ... except UnknownDocumentType as e:
    ...     print(e.code)
    XY
    """

    def __init__(self, code: str, text: str) -> None:
        super().__init__(code, text)
        self.code = code
        self.text = text

    def __str__(self) -> str:
        return _("unknown document type code {code!r} in {text!r}").format(
            code=self.code, text=self.text
        )


class DocumentType(LabelledEnum):
    """The type codes of Decree 30/2020/NĐ-CP (Appendix III) and of normative documents.

    The value is the code as the decree spells it; members carry ``label_vi`` and
    ``label_en``.

    >>> DocumentType("QyĐ").name, DocumentType("QyĐ").label_vi
    ('rules', 'Quy định')
    >>> DocumentType.resolution.label_vi, DocumentType.resolution.label_en
    ('Nghị quyết', 'Resolution')
    >>> DocumentType.submission.value, DocumentType.submission.label_en
    ('TTr', 'Submission')
    """

    resolution = "NQ", "Nghị quyết", "Resolution"
    decision = "QĐ", "Quyết định", "Decision"
    directive = "CT", "Chỉ thị", "Directive"
    regulation = "QC", "Quy chế", "Regulation"
    rules = "QyĐ", "Quy định", "Rules"
    communique = "TC", "Thông cáo", "Communiqué"
    notice = "TB", "Thông báo", "Notice"
    guidance = "HD", "Hướng dẫn", "Guidance"
    programme = "CTr", "Chương trình", "Programme"
    plan = "KH", "Kế hoạch", "Plan"
    scheme = "PA", "Phương án", "Scheme"
    project_proposal = "ĐA", "Đề án", "Project proposal"
    project = "DA", "Dự án", "Project"
    report = "BC", "Báo cáo", "Report"
    minutes = "BB", "Biên bản", "Minutes"
    submission = "TTr", "Tờ trình", "Submission"
    contract = "HĐ", "Hợp đồng", "Contract"
    telegram = "CĐ", "Công điện", "Official telegram"
    memorandum = "BGN", "Bản ghi nhớ", "Memorandum of understanding"
    agreement = "BTT", "Bản thỏa thuận", "Agreement"
    power_of_attorney = "GUQ", "Giấy ủy quyền", "Power of attorney"
    invitation = "GM", "Giấy mời", "Invitation"
    introduction = "GGT", "Giấy giới thiệu", "Letter of introduction"
    leave_permit = "GNP", "Giấy nghỉ phép", "Leave permit"
    dispatch_note = "PG", "Phiếu gửi", "Dispatch note"
    transmittal = "PC", "Phiếu chuyển", "Transmittal slip"
    notification_slip = "PB", "Phiếu báo", "Notification slip"
    certified_copy = "SY", "Bản sao y", "Certified copy"
    extract = "TrS", "Bản trích sao", "Extract"
    transcribed_copy = "SL", "Bản sao lục", "Transcribed copy"
    decree = "NĐ", "Nghị định", "Decree"
    circular = "TT", "Thông tư", "Circular"
    joint_circular = "TTLT", "Thông tư liên tịch", "Joint circular"
    joint_resolution = "NQLT", "Nghị quyết liên tịch", "Joint resolution"


class NumberShape(LabelledEnum):
    """The four shapes of a document number.

    >>> DocumentNumber.parse("45/HĐND-VP").shape
    <NumberShape.letter: 'letter'>
    >>> NumberShape.normative.label_vi
    'Văn bản quy phạm pháp luật'
    """

    individual = "individual", "Văn bản cá biệt", "Individual document"
    letter = "letter", "Công văn", "Official letter"
    normative = "normative", "Văn bản quy phạm pháp luật", "Legal normative document"
    national = "national", "Văn bản của Quốc hội, UBTVQH", "National Assembly document"


def _fold(code: str) -> str:
    """The key codes are compared by: case and the stroke of Đ do not count."""
    return code.casefold().replace("đ", "d")


# Exact spellings win over D-for-Đ ones, so a D spelling that is a code (HD, DA) keeps its meaning.
_TYPES = {_fold(t.value): t for t in DocumentType} | {t.value.casefold(): t for t in DocumentType}
_ISSUER_SPELLING = {_fold(code): code for code in ISSUERS}
_CODE = r"[^\W_]+(?:\.[^\W_]+)*"  # letters and digits, dotted parts: TT.HĐND
_CODE_RE = re.compile(_CODE)
_NUMBER = re.compile(rf"(?P<number>[0-9]+)/(?:(?P<year>[0-9]+)/)?(?P<codes>{_CODE}(?:-{_CODE})*)")
_NATIONAL = re.compile(r"(?:QH|UBTVQH)[1-9][0-9]?", re.IGNORECASE)
_PARTY = re.compile(r"[0-9]+-[^\W_]+/")
_PREFIX = re.compile(r"^s[ốo]\s*:?\s*", re.IGNORECASE)
_SPACED_SEPARATOR = re.compile(r"\s*([/-])\s*")
_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ", "–": "-"})
_EXPECTED = N_(
    "expected NUM/TYPE-ISSUER ('146/NQ-HĐND'), NUM/ISSUER-UNIT ('45/HĐND-VP'),"
    " NUM/YEAR/TYPE-ISSUER ('15/2022/NQ-HĐND') or NUM/YEAR/BODY+TERM ('72/2025/QH15'),"
    " got {value!r}"
)


def _canonical_code(code: str) -> str:
    """An issuer code in canonical spelling: "tt.hdnd" → "TT.HĐND", "ttg" → "TTg"."""
    parts = unicodedata.normalize("NFC", code).split(".")
    return ".".join(
        _ISSUER_SPELLING.get(_fold(part), part.upper().replace("HDND", "HĐND")) for part in parts
    )


def _canonical_codes(codes: Iterable[str]) -> tuple[str, ...]:
    return tuple(_canonical_code(code) for code in codes)


def _is_known_issuer(code: str) -> bool:
    """Whether the code names an issuer hdnd knows; "TT.HĐND" counts by its last part."""
    return _fold(code.rsplit(".", 1)[-1]) in _ISSUER_SPELLING


def _check_number(instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if value < 1:
        raise InvalidNumber(_("number must be 1 or more, got {value}").format(value=value))


def _check_year(instance: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and not MIN_YEAR <= value <= MAX_YEAR:
        raise InvalidYear(
            _("year must be {low}–{high}, got {value}").format(
                low=MIN_YEAR, high=MAX_YEAR, value=value
            )
        )


@functools.total_ordering
@attrs.frozen(kw_only=True, order=False)
class DocumentNumber:
    """A document number, e.g. 146/NQ-HĐND; ``str()`` gives the canonical form.

    Issuer codes are stored in canonical spelling whatever the constructor is given.
    Numbers sort by issuer, then year (none first), then number.

    >>> n = DocumentNumber.parse("Số: 146/NQ-HDND")
    >>> n
    DocumentNumber(number=146, year=None, doc_type=<DocumentType.resolution: 'NQ'>, \
issuer='HĐND', sub_issuers=())
    >>> str(n), n.is_normative
    ('146/NQ-HĐND', False)
    >>> str(DocumentNumber(number=6, year=2024, doc_type=DocumentType.decision, issuer="ubnd"))
    '06/2024/QĐ-UBND'
    """

    number: int = attrs.field(validator=_check_number)
    year: int | None = attrs.field(default=None, validator=_check_year)
    doc_type: DocumentType | None = None
    issuer: str = attrs.field(converter=_canonical_code)
    sub_issuers: tuple[str, ...] = attrs.field(default=(), converter=_canonical_codes)

    def __attrs_post_init__(self) -> None:
        for code in (self.issuer, *self.sub_issuers):
            if not _CODE_RE.fullmatch(code):
                raise InvalidFormat(
                    _("an issuer code is letters and digits, got {value!r}").format(value=code)
                )
        if self.doc_type is None and self.year is not None:
            if self.sub_issuers or not _NATIONAL.fullmatch(self.issuer):
                raise InvalidFormat(
                    _(
                        "a number with a year but no type code must be a national one,"
                        " BODY+TERM like '72/2025/QH15', got {value!r}"
                    ).format(value=self.issuer)
                )
        elif self.doc_type is None and self.issuer.casefold() in _TYPES:
            raise InvalidFormat(
                _("a letter's issuer cannot be a type code, got {value!r}").format(
                    value=self.issuer
                )
            )

    @classmethod
    def parse(cls, text: str) -> DocumentNumber:
        """Read a document number from text, tolerantly (see the module notes).

        >>> str(DocumentNumber.parse("SỐ: 59/2023/NĐ-CP"))
        '59/2023/NĐ-CP'
        >>> n = DocumentNumber.parse("06/QC-TT.HĐND-UBND")
        >>> n.issuer, n.sub_issuers
        ('TT.HĐND', ('UBND',))
        >>> DocumentNumber.parse("108/2025/UBTVQH15").shape
        <NumberShape.national: 'national'>
        >>> DocumentNumber.parse("45-CT/TW")
        Traceback (most recent call last):
            ...
        hdnd.docnum.InvalidFormat: '45-CT/TW' is a party document number (NUM-TYPE/ISSUER), \
another numbering system
        """
        cleaned = compact(text)
        if _PARTY.match(cleaned):
            raise InvalidFormat(
                _(
                    "{text!r} is a party document number (NUM-TYPE/ISSUER), another numbering"
                    " system"
                ).format(text=text)
            )
        match = _NUMBER.fullmatch(cleaned)
        if match is None:
            raise InvalidFormat(_(_EXPECTED).format(value=text))
        year = int(match["year"]) if match["year"] else None
        doc_type, issuers = _read_codes(match["codes"].split("-"), year is not None, text)
        try:
            return cls(
                number=int(match["number"]),
                year=year,
                doc_type=doc_type,
                issuer=issuers[0],
                sub_issuers=issuers[1:],
            )
        except InvalidDocumentNumber as e:
            raise type(e)(_("{error} in {text!r}").format(error=e, text=text)) from None

    @property
    def shape(self) -> NumberShape:
        """Which of the four shapes the number has.

        >>> DocumentNumber.parse("15/2022/NQ-HĐND").shape
        <NumberShape.normative: 'normative'>
        """
        if self.doc_type is None:
            return NumberShape.letter if self.year is None else NumberShape.national
        return NumberShape.individual if self.year is None else NumberShape.normative

    @property
    def is_normative(self) -> bool:
        """Whether the number carries a year, as legal normative documents' numbers do.

        >>> DocumentNumber.parse("15/2022/NQ-HĐND").is_normative
        True
        >>> DocumentNumber.parse("146/NQ-HĐND").is_normative
        False
        """
        return self.year is not None

    def __str__(self) -> str:
        year = "" if self.year is None else f"{self.year}/"
        doc_type = "" if self.doc_type is None else f"{self.doc_type.value}-"
        return f"{self.number:02d}/{year}{doc_type}{'-'.join((self.issuer, *self.sub_issuers))}"

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, DocumentNumber):
            return NotImplemented
        return self._sort_key() < other._sort_key()

    def _sort_key(self) -> tuple[str, bool, int, int, str, tuple[str, ...]]:
        # Type and sub-issuers come last only to make the order total and agree with ==.
        doc_type = "" if self.doc_type is None else self.doc_type.value
        year = 0 if self.year is None else self.year
        return (self.issuer, self.year is not None, year, self.number, doc_type, self.sub_issuers)


def _read_codes(
    codes: list[str], normative: bool, text: str
) -> tuple[DocumentType | None, list[str]]:
    """Split the codes after the number into the type (if any) and the issuers."""
    first, rest = codes[0], codes[1:]
    if normative and not rest and _NATIONAL.fullmatch(first):
        return None, codes
    doc_type = _TYPES.get(first.casefold())
    if doc_type is None and not _is_known_issuer(first):
        split = _split_lost_hyphen(first)
        if split is not None:
            doc_type, rest = split[0], [split[1], *rest]
    if doc_type is not None:
        if not rest:
            raise InvalidFormat(
                _("the issuer is missing after the type code in {text!r}").format(text=text)
            )
        return doc_type, rest
    if not normative and (_is_known_issuer(first) or (rest and not _is_known_issuer(rest[0]))):
        return None, codes
    if _is_known_issuer(first):
        raise InvalidFormat(
            _("the type code is missing before {code!r} in {text!r}").format(code=first, text=text)
        )
    if normative or rest:
        raise UnknownDocumentType(first, text)
    raise InvalidFormat(_(_EXPECTED).format(value=text))


def _split_lost_hyphen(code: str) -> tuple[DocumentType, str] | None:
    """A type code and a known issuer run together ("QĐUBND"), when the split is unique."""
    folded = code.casefold()
    splits = {
        (doc_type, folded[len(key) :])
        for key, doc_type in _TYPES.items()
        if folded.startswith(key) and _is_known_issuer(folded[len(key) :])
    }
    return splits.pop() if len(splits) == 1 else None


def compact(text: str) -> str:
    """Clean the text around a document number, without checking it.

    Normalises to NFC, drops a leading "Số:", spaces around separators, words after
    the number and final punctuation. Codes keep their spelling: :func:`validate`
    gives the canonical form.

    >>> compact("  Số: 46/BC- HDND tỉnh ")
    '46/BC-HDND'
    """
    text = unicodedata.normalize("NFC", text).translate(_LOOKALIKES).strip()
    text = _SPACED_SEPARATOR.sub(r"\1", _PREFIX.sub("", text))
    words = text.split(maxsplit=1)
    return words[0].rstrip(".,;:") if words else ""


def validate(text: str) -> str:
    """The canonical form of a document number; raises :class:`InvalidDocumentNumber`.

    >>> validate("1961/QĐUBND")
    '1961/QĐ-UBND'
    >>> validate("3/kh-hđnd")
    '03/KH-HĐND'
    """
    return str(DocumentNumber.parse(text))


def is_valid(text: str) -> bool:
    """Whether the text reads as a document number.

    >>> is_valid("13/TTr-HĐND"), is_valid("146/XY-HĐND")
    (True, False)
    """
    try:
        validate(text)
    except InvalidDocumentNumber:
        return False
    return True


def format(text: str) -> str:
    """The number as documents print it, which is its canonical form (see :func:`validate`).

    >>> format("72/2025/qh15")
    '72/2025/QH15'
    """
    return validate(text)
