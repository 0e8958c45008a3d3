"""Hypothesis strategies for hdnd records and whole datasets.

Every strategy here produces **valid** values: records the model accepts, and
datasets whose ids are unique per record type and whose references all resolve.
Text is Vietnamese, sometimes precomposed (NFC) and sometimes decomposed (NFD):
the model stores it NFC-normalised and stripped, so generated records always hold
NFC text.

Reference fields take the ids to point at. Each ``*_ids`` argument accepts

* ``None`` (the default): a required reference gets an arbitrary id from
  :func:`ids`, an optional one stays ``None``;
* a single id (``"c1"``) or a sequence of ids (``["c1", "c2"]``): a required
  reference is drawn from them, an optional one is drawn from them or left
  ``None`` (an empty sequence means "always ``None``");
* a strategy of ids: a required reference is drawn from it, an optional one from
  it or left ``None``.

>>> from hypothesis import find
>>> r = find(receptions(council_ids="tp", body_ids=["tp-tt"]),
...          lambda r: r.host_body_id is not None)
>>> r.council_id, r.host_body_id, r.host_person_id
('tp', 'tp-tt', None)
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import string
import unicodedata
from collections.abc import Sequence
from typing import Literal, TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import DrawFn, SearchStrategy

from hdnd.dataset import Dataset
from hdnd.docnum import DocumentNumber, DocumentType
from hdnd.enums import (
    BodyKind,
    CommitteeField,
    DeputyEndReason,
    Jurisdiction,
    Level,
    MeetingKind,
    OversightKind,
    OversightStatus,
    PetitionField,
    PetitionKind,
    PetitionStatus,
    QuestionAnswer,
    ReceptionKind,
    RecommendationStatus,
    Role,
    SessionKind,
    UnitType,
    VoterPetitionChannel,
    VoterPetitionStatus,
)
from hdnd.model import (
    RECORD_TYPE,
    Body,
    ConfidenceVote,
    Council,
    Coverage,
    Deputy,
    Meeting,
    OversightActivity,
    Person,
    Petition,
    Position,
    Question,
    ReceptionSession,
    Recommendation,
    Resolution,
    Session,
    VoterPetition,
)

__all__ = [
    "MAX_DATE",
    "MIN_DATE",
    "IdSource",
    "TextForm",
    "bodies",
    "confidence_votes",
    "councils",
    "coverages",
    "datasets",
    "dates",
    "deputies",
    "ids",
    "meetings",
    "oversight_activities",
    "people",
    "petitions",
    "positions",
    "questions",
    "receptions",
    "recommendations",
    "resolutions",
    "sessions",
    "text",
    "voter_petitions",
]

T = TypeVar("T")

IdSource = str | Sequence[str] | SearchStrategy[str]
"""Where a reference field takes its ids from: one id, a sequence of ids, or a strategy."""

TextForm = Literal["NFC", "NFD"]
"""The Unicode normalisation form generated text is written in."""

MIN_DATE = dt.date(2016, 1, 1)
"""The earliest date the strategies generate (start of the 2016–2021 term's year)."""
MAX_DATE = dt.date(2030, 12, 31)
"""The latest start or received date the strategies generate."""

# --------------------------------------------------------------------------- text


def _split(words: str) -> tuple[str, ...]:
    return tuple(words.split())


_WORDS = _split(
    # councils, bodies and activities
    "Hội đồng nhân dân HĐND Thường trực TTHĐND Ban Pháp chế Kinh tế Ngân sách Văn hóa Xã hội "
    "Dân tộc Đô thị tổ đại biểu kỳ họp thứ chuyên đề bất thường nghị quyết giám sát khảo sát "
    "tiếp công dân đơn thư khiếu nại tố cáo kiến nghị phản ánh cử tri ý kiến trả lời giải trình "
    "chất vấn phiên họp hội nghị giao ban báo cáo kết quả hoạt động quý năm tháng đầu sơ kết "
    "tổng kết nhiệm kỳ khóa so cùng kỳ tăng giảm lượt người vụ việc đoàn đông trụ sở "
    # fields and sectors
    "đất đai bồi thường giải phóng mặt bằng giao thông xây dựng thủy lợi chế độ chính sách y tế "
    "giáo dục môi trường thu chi ngân sách đầu tư công tư pháp hành chính tham nhũng lãng phí "
    # units and places
    "tỉnh thành phố huyện quận thị xã trấn phường đặc khu Hà Nội Đà Nẵng Huế Cần Thơ Bắc Ninh "
    "Quảng Ngãi Khánh Hòa Điện Biên Lâm Đồng Ứng Sơn La Nghệ An Thái Nguyên Bà Rịa Vũng Tàu "
    # people
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Văn Thị Hữu Đức "
    "Minh Thanh Huệ Hương Tuấn Dũng Quỳnh Ánh Nguyệt Thủy Ngọc Bích Phượng Khải Lực "
    # figures, numbers, abbreviations
    "2023 I II III IV XII 12 146/NQ-HĐND 15/2022/NQ-HĐND 94,29% 1.788 UBND MTTQ KT-XH ĐBQH"
)
_PUNCTUATION = _split("( ) , ; : - – / “ ” \" ' \\ % … &")
_FAMILY = _split("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý")
_MIDDLE = _split("Văn Thị Hữu Đức Minh Thanh Ngọc Quang Xuân")
_GIVEN = _split("Huệ Hương Tuấn Dũng Quỳnh Ánh Nguyệt Thủy Bích Phượng Khải Lực An Bình Đạt Yến")
_PLACES = (
    "Hà Nội",
    "Đà Nẵng",
    "Huế",
    "Cần Thơ",
    "Bắc Ninh",
    "Quảng Ngãi",
    "Khánh Hòa",
    "Điện Biên",
    "Lâm Đồng",
    "Sơn La",
    "Nghệ An",
    "Ứng Hòa",
    "Phú Thượng",
    "Đồng Xoài",
    "Ea Kar",
    "Côn Đảo",
)

# Syllables are assembled from their parts: base letters, then combining marks.
_ONSETS = ("", *_split("b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x"))
_NUCLEI = _split(
    "a ă â e ê i o ô ơ u ư y ia iê ua uô ưa ươ oa oe uy ai ao au ay âu ây eo êu iu oi ôi ơi ui "
    "ưi ưu"
)
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")  # ngang huyền sắc ngã hỏi nặng
_CODAS = ("", *_split("c ch m n ng nh p t"))
_ON_SECOND = frozenset({"oa", "oe", "uy", "iê", "uô", "ươ"})


def _syllable(onset: str, nucleus: str, tone: str, coda: str, form: TextForm) -> str:
    """Write a syllable, its tone mark on the nucleus's main vowel, in ``form``."""
    letters = unicodedata.normalize("NFD", nucleus)
    bases = [i for i, ch in enumerate(letters) if not unicodedata.combining(ch)]
    main = bases[-1] if len(bases) > 1 and (coda or nucleus in _ON_SECOND) else bases[0]
    end = main + 1
    while end < len(letters) and unicodedata.combining(letters[end]):
        end += 1
    return unicodedata.normalize(form, onset + letters[:end] + tone + letters[end:] + coda)


def _in_forms(words: Sequence[str], form: TextForm | None) -> tuple[str, ...]:
    """``words`` written in ``form``, or in both forms when ``form`` is ``None``."""
    forms: tuple[TextForm, ...] = (form,) if form is not None else ("NFC", "NFD")
    return tuple(dict.fromkeys(unicodedata.normalize(f, w) for w in words for f in forms))


@functools.cache
def _words(form: TextForm | None) -> tuple[SearchStrategy[str], SearchStrategy[str]]:
    """Strategies for a text's first word and for the words after it, in ``form``.

    One draw picks a word with its form, so text stays cheap to generate;
    syllables assembled from their parts reach beyond the word list.
    """
    forms: tuple[TextForm, ...] = (form,) if form is not None else ("NFC", "NFD")
    syllables = st.builds(
        _syllable,
        st.sampled_from(_ONSETS),
        st.sampled_from(_NUCLEI),
        st.sampled_from(_TONES),
        st.sampled_from(_CODAS),
        st.sampled_from(forms),
    )
    first = st.sampled_from(_in_forms(_WORDS, form)) | syllables  # never punctuation alone
    rest = st.sampled_from(_in_forms(_WORDS + _PUNCTUATION, form)) | syllables
    return first, rest


@st.composite
def _text(draw: DrawFn, min_words: int, max_words: int, form: TextForm | None) -> str:
    first, rest = _words(form)
    words = draw(st.lists(rest, min_size=min_words - 1, max_size=max_words - 1))
    return " ".join([draw(first), *words])


_cached_text = functools.cache(_text)


def text(
    *, min_words: int = 1, max_words: int = 6, form: TextForm | None = None
) -> SearchStrategy[str]:
    """Realistic, non-empty Vietnamese text of ``min_words`` to ``max_words`` words.

    Words come from council reports (names, places, figures such as ``94,29%``),
    from syllables assembled letter by letter (any tone on any vowel), and from
    punctuation (including quotes and backslashes), separated by single spaces.
    The result is stripped and never empty; each word is written NFC or NFD at
    random, or all in ``form`` (``"NFC"`` or ``"NFD"``).

    >>> import unicodedata
    >>> from hypothesis import find
    >>> s = find(text(min_words=2, form="NFD"), lambda s: "ệ" in unicodedata.normalize("NFC", s))
    >>> unicodedata.is_normalized("NFD", s), s == s.strip(), len(s.split()) >= 2
    (True, True, True)
    """
    if not 1 <= min_words <= max_words:
        raise InvalidArgument(f"need 1 <= min_words <= max_words, got {min_words}, {max_words}")
    if form not in (None, "NFC", "NFD"):
        raise InvalidArgument(f"form must be 'NFC', 'NFD' or None, got {form!r}")
    return _cached_text(min_words, max_words, form)


def _names(*parts: Sequence[str]) -> SearchStrategy[str]:
    """Names made of one word or phrase from each of ``parts``, each NFC or NFD."""
    return st.tuples(*(st.sampled_from(_in_forms(p, None)) for p in parts)).map(" ".join)


_PERSON_NAMES = _names(_FAMILY, _MIDDLE, _GIVEN)
_PLACE_NAMES = _names(_PLACES)

_ID_ALPHABET = string.ascii_lowercase + string.digits + "-_.đăâêôơưàáảãạ"


def ids(*, max_size: int = 12) -> SearchStrategy[str]:
    """Record ids: short non-empty strings of letters (some Vietnamese), digits and ``-_.``.

    The ids are already NFC and stripped, so a record stores exactly the id drawn.

    >>> from hypothesis import find
    >>> i = find(ids(), lambda i: len(i) > 3)
    >>> len(i), i == i.strip()
    (4, True)
    """
    if max_size < 1:
        raise InvalidArgument(f"max_size must be at least 1, got {max_size}")
    return st.text(_ID_ALPHABET, min_size=1, max_size=max_size)


def dates(min_value: dt.date = MIN_DATE, max_value: dt.date = MAX_DATE) -> SearchStrategy[dt.date]:
    """Dates from ``min_value`` to ``max_value`` (by default 2016-01-01 to 2030-12-31).

    >>> from hypothesis import find
    >>> find(dates(), lambda d: d.year == 2025 and d.month == 7)
    datetime.date(2025, 7, 1)
    """
    return st.dates(min_value, max_value)


# ------------------------------------------------------------------ id sources


def _pick(draw: DrawFn, options: Sequence[T]) -> T:
    """One of ``options`` (shrinking towards the first): cheaper than a new ``sampled_from``."""
    return options[draw(st.integers(0, len(options) - 1))] if len(options) > 1 else options[0]


def _required(draw: DrawFn, source: IdSource | None, name: str) -> str:
    if source is None:
        return draw(ids())
    if isinstance(source, str):
        return source
    if isinstance(source, SearchStrategy):
        return draw(source)
    if not source:
        raise InvalidArgument(f"{name} is empty, but the reference is required")
    return _pick(draw, source)


def _optional(draw: DrawFn, source: IdSource | None) -> str | None:
    if source is None or (not isinstance(source, SearchStrategy) and not source):
        return None
    if not draw(_BOOLEANS):
        return None
    return _required(draw, source, "")


def _some(draw: DrawFn, options: Sequence[str], max_size: int = 4) -> tuple[str, ...]:
    """Distinct ids of ``options`` (none when there are none)."""
    if not options:
        return ()
    return tuple(draw(st.lists(st.sampled_from(options), unique=True, max_size=max_size)))


def _maybe(draw: DrawFn, strategy: SearchStrategy[T]) -> T | None:
    return draw(strategy) if draw(_BOOLEANS) else None


def _own_id(draw: DrawFn, id: str | SearchStrategy[str] | None) -> str:
    return _required(draw, id, "id")


def _end(draw: DrawFn, start: dt.date, max_days: int) -> dt.date | None:
    """``None`` or a date from ``start`` to ``max_days`` days later."""
    if not draw(_BOOLEANS):
        return None
    return start + dt.timedelta(days=draw(st.integers(0, max_days)))


_BOOLEANS = st.booleans()
_DATES = dates()
_COUNTS = st.integers(0, 10_000)
_BALLOTS = st.integers(0, 100)
_COMMITTEE_FIELDS = st.sampled_from(CommitteeField)
_JURISDICTIONS = st.sampled_from(Jurisdiction)
_CHANNELS = st.sampled_from(VoterPetitionChannel)
_END_REASONS = st.sampled_from(DeputyEndReason)
_RECORD_TYPES = sorted(RECORD_TYPE.json_schema["enum"])
_POSTS = st.lists(text(max_words=4), max_size=2)
_FIELDS = st.lists(text(max_words=3), max_size=3)
_SUFFIXES = ids(max_size=6)
_TERMS = st.sampled_from(("2016-2021", "2021-2026", "2026-2031"))
_UNIT_CODES = {
    level: st.text(string.digits, min_size=size, max_size=size)
    for level, size in ((Level.province, 2), (Level.district, 3), (Level.commune, 5))
}
_UNIT_TYPES = {level: [u for u in UnitType if u.level is level] for level in Level}

# --------------------------------------------------------------------- records


@st.composite
def councils(
    draw: DrawFn,
    *,
    id: str | SearchStrategy[str] | None = None,
    levels: Sequence[Level] | None = None,
    parent_ids: IdSource | None = None,
    predecessor_ids: Sequence[str] = (),
) -> Council:
    """Councils at one of ``levels`` (default: any), with a unit type of that level.

    ``unit_code`` (2, 3 or 5 digits by level), ``term`` (``"2021-2026"``...),
    ``established`` and ``dissolved`` (not before it) are sometimes set;
    ``parent_id`` is drawn from ``parent_ids`` (see the module's notes on id sources)
    and is ``None`` when none are given; ``predecessor_ids`` are distinct ids of
    ``predecessor_ids``.

    >>> from hypothesis import find
    >>> c = find(councils(id="x1", levels=[Level.commune], parent_ids=["tp"]),
    ...          lambda c: c.parent_id is not None and c.unit_code is not None)
    >>> c.id, c.level, c.unit_type.level, len(c.unit_code), c.parent_id
    ('x1', <Level.commune: 'commune'>, <Level.commune: 'commune'>, 5, 'tp')
    """
    if levels is not None and not levels:
        raise InvalidArgument("levels is empty: name at least one Level")
    level = _pick(draw, tuple(levels) if levels is not None else tuple(Level))
    unit_type = _pick(draw, _UNIT_TYPES[level])
    established = _maybe(draw, _DATES)
    return Council(
        id=_own_id(draw, id),
        name=f"HĐND {unit_type.label_vi} {draw(_PLACE_NAMES)}",
        level=level,
        unit_type=unit_type,
        unit_code=_maybe(draw, _UNIT_CODES[level]),
        parent_id=_optional(draw, parent_ids),
        term=_maybe(draw, _TERMS),
        established=established,
        dissolved=_end(draw, established, 10 * 366) if established else _maybe(draw, _DATES),
        predecessor_ids=_some(draw, predecessor_ids),
    )


@st.composite
def people(draw: DrawFn, *, id: str | SearchStrategy[str] | None = None) -> Person:
    """People with a Vietnamese full name and sometimes party or government posts.

    >>> from hypothesis import find
    >>> p = find(people(id="p1"), lambda p: len(p.other_posts) > 0)
    >>> p.id, len(p.full_name.split()), all(post.strip() == post for post in p.other_posts)
    ('p1', 3, True)
    """
    return Person(
        id=_own_id(draw, id),
        full_name=draw(_PERSON_NAMES),
        other_posts=tuple(draw(_POSTS)),
    )


@st.composite
def bodies(
    draw: DrawFn,
    *,
    id: str | SearchStrategy[str] | None = None,
    council_ids: IdSource | None = None,
) -> Body:
    """Council bodies; ``committee_field`` is set exactly when the kind is ``committee``.

    >>> from hypothesis import find
    >>> b = find(bodies(council_ids="tp"), lambda b: b.kind is BodyKind.committee)
    >>> b.council_id, b.committee_field is not None
    ('tp', True)
    """
    kind = _pick(draw, tuple(BodyKind))
    field = _pick(draw, tuple(CommitteeField)) if kind is BodyKind.committee else None
    return Body(
        id=_own_id(draw, id),
        council_id=_required(draw, council_ids, "council_ids"),
        kind=kind,
        committee_field=field,
        name=_maybe(draw, text(max_words=5)),
    )


@st.composite
def positions(
    draw: DrawFn,
    *,
    id: str | SearchStrategy[str] | None = None,
    person_ids: IdSource | None = None,
    body_ids: IdSource | None = None,
) -> Position:
    """A person's role in a body; ``end``, when set, is not before ``start``.

    >>> from hypothesis import find
    >>> p = find(positions(person_ids=["p1", "p2"], body_ids="b1"), lambda p: p.start and p.end)
    >>> p.person_id in ("p1", "p2"), p.body_id, p.start <= p.end
    (True, 'b1', True)
    """
    start = _maybe(draw, _DATES)
    end = _end(draw, start, 5 * 366) if start is not None else _maybe(draw, _DATES)
    return Position(
        id=_own_id(draw, id),
        person_id=_required(draw, person_ids, "person_ids"),
        body_id=_required(draw, body_ids, "body_ids"),
        role=_pick(draw, tuple(Role)),
        start=start,
        end=end,
    )


@st.composite
def sessions(
    draw: DrawFn,
    *,
    id: str | SearchStrategy[str] | None = None,
    council_ids: IdSource | None = None,
) -> Session:
    """Council sessions (kỳ họp), numbered from 1, lasting up to a week.

    >>> from hypothesis import find
    >>> s = find(sessions(council_ids="tp"), lambda s: s.end is not None and s.end > s.start)
    >>> s.council_id, s.number >= 1
    ('tp', True)
    """
    start = draw(_DATES)
    return Session(
        id=_own_id(draw, id),
        council_id=_required(draw, council_ids, "council_ids"),
        number=draw(st.integers(1, 40)),
        kind=_pick(draw, tuple(SessionKind)),
        start=start,
        end=_end(draw, start, 6),
        reports=_maybe(draw, _COUNTS),
        drafts=_maybe(draw, _COUNTS),
    )


@st.composite
def meetings(
    draw: DrawFn,
    *,
    id: str | SearchStrategy[str] | None = None,
    council_ids: IdSource | None = None,
    participant_council_ids: Sequence[str] = (),
) -> Meeting:
    """Meetings between sessions; participants are distinct ids from ``participant_council_ids``.

    >>> from hypothesis import find
    >>> m = find(meetings(council_ids="tp", participant_council_ids=["x1", "x2"]),
    ...          lambda m: len(m.participant_council_ids) == 2)
    >>> m.council_id, sorted(m.participant_council_ids)
    ('tp', ['x1', 'x2'])
    """
    return Meeting(
        id=_own_id(draw, id),
        council_id=_required(draw, council_ids, "council_ids"),
        kind=_pick(draw, tuple(MeetingKind)),
        date=draw(_DATES),
        title=_maybe(draw, text()),
        participant_council_ids=_some(draw, participant_council_ids),
        attendees=_maybe(draw, _COUNTS),
        opinions=_maybe(draw, _COUNTS),
    )


@st.composite
def resolutions(
    draw: DrawFn,
    *,
    id: str | SearchStrategy[str] | None = None,
    council_ids: IdSource | None = None,
    session_ids: IdSource | None = None,
) -> Resolution:
    """Resolutions numbered like ``"146/NQ-HĐND"`` or ``"15/2022/NQ-HĐND"`` (year of the date).

    >>> from hypothesis import find
    >>> r = find(resolutions(council_ids="tp", session_ids=["s12"]),
    ...          lambda r: r.session_id is not None and r.number.is_normative)
    >>> r.session_id, r.number.year == r.date.year, str(r.number).endswith("/NQ-HĐND")
    ('s12', True, True)
    """
    date = draw(_DATES)
    number = DocumentNumber(
        number=draw(st.integers(1, 400)),
        year=date.year if draw(_BOOLEANS) else None,
        doc_type=DocumentType.resolution,
        issuer="HĐND",
    )
    return Resolution(
        id=_own_id(draw, id),
        council_id=_required(draw, council_ids, "council_ids"),
        number=number,
        date=date,
        title=draw(text(max_words=8)),
        session_id=_optional(draw, session_ids),
    )


@st.composite
def oversight_activities(
    draw: DrawFn,
    *,
    id: str | SearchStrategy[str] | None = None,
    council_ids: IdSource | None = None,
    body_ids: IdSource | None = None,
) -> OversightActivity:
    """Oversight activities (giám sát) by a body, with a subject and sometimes fields.

    >>> from hypothesis import find
    >>> o = find(oversight_activities(council_ids="tp", body_ids="tp-tt"),
    ...          lambda o: o.end is not None and len(o.fields) > 0)
    >>> o.council_id, o.body_id, o.start <= o.end
    ('tp', 'tp-tt', True)
    """
    start = draw(_DATES)
    return OversightActivity(
        id=_own_id(draw, id),
        council_id=_required(draw, council_ids, "council_ids"),
        body_id=_required(draw, body_ids, "body_ids"),
        kind=_pick(draw, tuple(OversightKind)),
        subject=draw(text()),
        start=start,
        end=_end(draw, start, 120),
        fields=tuple(draw(_FIELDS)),
        unannounced=draw(_BOOLEANS),
        status=_pick(draw, tuple(OversightStatus)),
    )


@st.composite
def receptions(
    draw: DrawFn,
    *,
    id: str | SearchStrategy[str] | None = None,
    council_ids: IdSource | None = None,
    body_ids: IdSource | None = None,
    person_ids: IdSource | None = None,
) -> ReceptionSession:
    """Citizen reception sessions; the host body and host person come from ``body_ids``
    and ``person_ids`` (or are ``None``). Counts are integers ≥ 0.

    >>> from hypothesis import find
    >>> r = find(receptions(council_ids=["c1"], person_ids=["p1"]),
    ...          lambda r: r.host_person_id is not None)
    >>> r.council_id, r.host_body_id, r.host_person_id, r.turns >= 0
    ('c1', None, 'p1', True)
    """
    return ReceptionSession(
        id=_own_id(draw, id),
        council_id=_required(draw, council_ids, "council_ids"),
        date=draw(_DATES),
        kind=_pick(draw, tuple(ReceptionKind)),
        host_body_id=_optional(draw, body_ids),
        host_person_id=_optional(draw, person_ids),
        place=_maybe(draw, text(max_words=6)),
        turns=draw(_COUNTS),
        persons=draw(_COUNTS),
        cases=draw(_COUNTS),
        mass_groups=draw(_COUNTS),
        first_time_cases=_maybe(draw, _COUNTS),
        repeat_cases=_maybe(draw, _COUNTS),
    )


@st.composite
def petitions(
    draw: DrawFn,
    *,
    id: str | SearchStrategy[str] | None = None,
    council_ids: IdSource | None = None,
) -> Petition:
    """Petitions (đơn thư); ``closed``, when set, is not before ``received``.

    >>> from hypothesis import find
    >>> p = find(petitions(council_ids="tp"), lambda p: p.closed is not None)
    >>> p.council_id, p.received <= p.closed
    ('tp', True)
    """
    received = draw(_DATES)
    return Petition(
        id=_own_id(draw, id),
        council_id=_required(draw, council_ids, "council_ids"),
        received=received,
        kind=_pick(draw, tuple(PetitionKind)),
        field=_pick(draw, tuple(PetitionField)),
        status=_pick(draw, tuple(PetitionStatus)),
        duplicate=draw(_BOOLEANS),
        eligible=draw(_BOOLEANS),
        closed=_end(draw, received, 365),
        answered=_end(draw, received, 365),
    )


@st.composite
def voter_petitions(
    draw: DrawFn,
    *,
    id: str | SearchStrategy[str] | None = None,
    council_ids: IdSource | None = None,
    meeting_ids: IdSource | None = None,
    session_ids: IdSource | None = None,
) -> VoterPetition:
    """Voter petitions; ``meeting_id`` and ``session_id`` come from the ids given, or are ``None``.

    >>> from hypothesis import find
    >>> v = find(voter_petitions(council_ids="tp", meeting_ids=["m1"]),
    ...          lambda v: v.meeting_id is not None)
    >>> v.council_id, v.meeting_id, v.session_id
    ('tp', 'm1', None)
    """
    received = draw(_DATES)
    return VoterPetition(
        id=_own_id(draw, id),
        council_id=_required(draw, council_ids, "council_ids"),
        received=received,
        status=_pick(draw, tuple(VoterPetitionStatus)),
        field=_maybe(draw, _COMMITTEE_FIELDS),
        sector=_maybe(draw, text(max_words=5)),
        jurisdiction=_maybe(draw, _JURISDICTIONS),
        meeting_id=_optional(draw, meeting_ids),
        session_id=_optional(draw, session_ids),
        topic=_maybe(draw, text()),
        channel=_maybe(draw, _CHANNELS),
        answered=_end(draw, received, 365),
    )


@st.composite
def deputies(
    draw: DrawFn,
    *,
    id: str | SearchStrategy[str] | None = None,
    council_ids: IdSource | None = None,
    person_ids: IdSource | None = None,
    group_ids: IdSource | None = None,
) -> Deputy:
    """Deputies' mandates; ``end``, when set, is not before ``start`` and sometimes has a
    reason; ``group_id`` comes from ``group_ids`` (or is ``None``).

    >>> from hypothesis import find
    >>> d = find(deputies(council_ids="tp", person_ids="p1", group_ids=["g1"]),
    ...          lambda d: d.end is not None and d.group_id is not None)
    >>> d.council_id, d.person_id, d.group_id, d.start <= d.end
    ('tp', 'p1', 'g1', True)
    """
    start = draw(_DATES)
    end = _end(draw, start, 5 * 366)
    return Deputy(
        id=_own_id(draw, id),
        council_id=_required(draw, council_ids, "council_ids"),
        person_id=_required(draw, person_ids, "person_ids"),
        start=start,
        end=end,
        end_reason=_maybe(draw, _END_REASONS) if end is not None else None,
        group_id=_optional(draw, group_ids),
        full_time=draw(_BOOLEANS),
    )


@st.composite
def recommendations(
    draw: DrawFn,
    *,
    id: str | SearchStrategy[str] | None = None,
    council_ids: IdSource | None = None,
    oversight_ids: IdSource | None = None,
) -> Recommendation:
    """Recommendations after oversight; ``done`` is set only with status ``done``, and is
    not before ``issued``.

    >>> from hypothesis import find
    >>> r = find(recommendations(council_ids="tp", oversight_ids="gs1"),
    ...          lambda r: r.done is not None)
    >>> r.oversight_id, r.status.value, r.issued <= r.done
    ('gs1', 'done', True)
    """
    issued = draw(_DATES)
    status = _pick(draw, tuple(RecommendationStatus))
    return Recommendation(
        id=_own_id(draw, id),
        council_id=_required(draw, council_ids, "council_ids"),
        oversight_id=_required(draw, oversight_ids, "oversight_ids"),
        issued=issued,
        addressee=draw(text(max_words=5)),
        status=status,
        subject=_maybe(draw, text()),
        due=_end(draw, issued, 365),
        done=_end(draw, issued, 365) if status is RecommendationStatus.done else None,
    )


@st.composite
def questions(
    draw: DrawFn,
    *,
    id: str | SearchStrategy[str] | None = None,
    council_ids: IdSource | None = None,
    session_ids: IdSource | None = None,
    meeting_ids: IdSource | None = None,
    person_ids: IdSource | None = None,
) -> Question:
    """Questions (chất vấn); ``session_id``, ``meeting_id`` and ``asked_by`` come from the
    ids given, or are ``None``.

    >>> from hypothesis import find
    >>> q = find(questions(council_ids="tp", person_ids=["p1"]), lambda q: q.asked_by)
    >>> q.council_id, q.asked_by, q.session_id
    ('tp', 'p1', None)
    """
    return Question(
        id=_own_id(draw, id),
        council_id=_required(draw, council_ids, "council_ids"),
        date=draw(_DATES),
        topic=draw(text(max_words=5)),
        respondent=draw(text(max_words=5)),
        answer=_pick(draw, tuple(QuestionAnswer)),
        session_id=_optional(draw, session_ids),
        meeting_id=_optional(draw, meeting_ids),
        asked_by=_optional(draw, person_ids),
    )


@st.composite
def confidence_votes(
    draw: DrawFn,
    *,
    id: str | SearchStrategy[str] | None = None,
    council_ids: IdSource | None = None,
    person_ids: IdSource | None = None,
    session_ids: IdSource | None = None,
) -> ConfidenceVote:
    """Confidence votes; ``voters``, when set, is at least ``high + medium + low``.

    >>> from hypothesis import find
    >>> v = find(confidence_votes(council_ids="tp", person_ids="p1"), lambda v: v.voters)
    >>> v.person_id, v.voters >= v.high + v.medium + v.low
    ('p1', True)
    """
    high, medium, low = draw(_BALLOTS), draw(_BALLOTS), draw(_BALLOTS)
    absent = _maybe(draw, _BALLOTS)
    return ConfidenceVote(
        id=_own_id(draw, id),
        council_id=_required(draw, council_ids, "council_ids"),
        date=draw(_DATES),
        person_id=_required(draw, person_ids, "person_ids"),
        post=draw(text(max_words=5)),
        high=high,
        medium=medium,
        low=low,
        voters=None if absent is None else high + medium + low + absent,
        session_id=_optional(draw, session_ids),
    )


@st.composite
def coverages(
    draw: DrawFn,
    *,
    id: str | SearchStrategy[str] | None = None,
    council_ids: IdSource | None = None,
) -> Coverage:
    """Coverage statements: a date range and one or more distinct record type tags.

    >>> from hypothesis import find
    >>> c = find(coverages(council_ids="tp"), lambda c: len(c.record_types) > 1)
    >>> c.council_id, c.start <= c.end, len(set(c.record_types)) == len(c.record_types)
    ('tp', True, True)
    """
    start = draw(_DATES)
    return Coverage(
        id=_own_id(draw, id),
        council_id=_required(draw, council_ids, "council_ids"),
        start=start,
        end=start + dt.timedelta(days=draw(st.integers(0, 2 * 366))),
        record_types=tuple(
            draw(st.lists(st.sampled_from(_RECORD_TYPES), min_size=1, max_size=4, unique=True))
        ),
        note=_maybe(draw, text()),
    )


# -------------------------------------------------------------------- datasets

_RANK = {Level.province: 0, Level.district: 1, Level.commune: 2}


def _unique_ids(draw: DrawFn, prefix: str, n: int) -> list[str]:
    """``n`` distinct ids, each ``prefix`` + its number, sometimes with a drawn suffix."""
    return [
        f"{prefix}{i}" + (f"-{draw(_SUFFIXES)}" if draw(_BOOLEANS) else "") for i in range(1, n + 1)
    ]


@st.composite
def _datasets(
    draw: DrawFn, min_councils: int, max_councils: int, levels: tuple[Level, ...], max_records: int
) -> Dataset:
    def count() -> int:
        return draw(st.integers(0, max_records))

    # A council tree: provinces first, then districts under provinces, communes
    # under districts or provinces (or standing alone, as in a partial dataset).
    n = draw(st.integers(min_councils, max_councils))
    tiers = sorted(
        draw(st.lists(st.sampled_from(levels), min_size=n, max_size=n)), key=_RANK.__getitem__
    )
    council_list: list[Council] = []
    for cid, level in zip(_unique_ids(draw, "c", n), tiers, strict=True):
        parents = [c.id for c in council_list if _RANK[c.level] < _RANK[level]]
        # a merged council lists councils drawn before it as its predecessors
        earlier = [c.id for c in council_list]
        council_list.append(
            draw(councils(id=cid, levels=[level], parent_ids=parents, predecessor_ids=earlier))
        )
    council_ids = [c.id for c in council_list]

    people_list = [draw(people(id=i)) for i in _unique_ids(draw, "p", count())]
    person_ids = [p.id for p in people_list]

    body_list = (
        [draw(bodies(id=i, council_ids=council_ids)) for i in _unique_ids(draw, "b", count())]
        if council_ids
        else []
    )
    bodies_of: dict[str, list[str]] = {}
    for b in body_list:
        bodies_of.setdefault(b.council_id, []).append(b.id)
    body_ids = [b.id for b in body_list]

    position_list = (
        [
            draw(positions(id=i, person_ids=person_ids, body_ids=body_ids))
            for i in _unique_ids(draw, "pos", count())
        ]
        if person_ids and body_ids
        else []
    )

    def per_council(prefix: str) -> list[tuple[str, str]]:
        """Ids for the records of one type, each with the council it belongs to."""
        if not council_ids:
            return []
        return [(i, _pick(draw, council_ids)) for i in _unique_ids(draw, prefix, count())]

    session_list = [draw(sessions(id=i, council_ids=c)) for i, c in per_council("s")]
    sessions_of: dict[str, list[str]] = {}
    for s in session_list:
        sessions_of.setdefault(s.council_id, []).append(s.id)

    meeting_list = [
        draw(
            meetings(
                id=i, council_ids=c, participant_council_ids=[x for x in council_ids if x != c]
            )
        )
        for i, c in per_council("m")
    ]
    meetings_of: dict[str, list[str]] = {}
    for m in meeting_list:
        meetings_of.setdefault(m.council_id, []).append(m.id)

    resolution_list = [
        draw(resolutions(id=i, council_ids=c, session_ids=sessions_of.get(c, [])))
        for i, c in per_council("nq")
    ]
    with_bodies = sorted(bodies_of)
    oversight_list = (
        [
            draw(oversight_activities(id=i, council_ids=c, body_ids=bodies_of[c]))
            for i, c in ((i, _pick(draw, with_bodies)) for i in _unique_ids(draw, "gs", count()))
        ]
        if with_bodies
        else []
    )
    reception_list = [
        draw(receptions(id=i, council_ids=c, body_ids=bodies_of.get(c, []), person_ids=person_ids))
        for i, c in per_council("r")
    ]
    petition_list = [draw(petitions(id=i, council_ids=c)) for i, c in per_council("d")]
    groups_of: dict[str, list[str]] = {}
    for b in body_list:
        if b.kind is BodyKind.delegate_group:
            groups_of.setdefault(b.council_id, []).append(b.id)
    deputy_list = (
        [
            draw(
                deputies(id=i, council_ids=c, person_ids=person_ids, group_ids=groups_of.get(c, []))
            )
            for i, c in per_council("db")
        ]
        if person_ids
        else []
    )
    oversight_of: dict[str, list[str]] = {}
    for o in oversight_list:
        oversight_of.setdefault(o.council_id, []).append(o.id)
    recommendation_list = (
        [
            draw(recommendations(id=i, council_ids=c, oversight_ids=oversight_of[c]))
            for i, c in (
                (i, _pick(draw, sorted(oversight_of))) for i in _unique_ids(draw, "kngs", count())
            )
        ]
        if oversight_of
        else []
    )
    question_list = [
        draw(
            questions(
                id=i,
                council_ids=c,
                session_ids=sessions_of.get(c, []),
                meeting_ids=meetings_of.get(c, []),
                person_ids=person_ids,
            )
        )
        for i, c in per_council("cv")
    ]
    confidence_vote_list = (
        [
            draw(
                confidence_votes(
                    id=i, council_ids=c, person_ids=person_ids, session_ids=sessions_of.get(c, [])
                )
            )
            for i, c in per_council("tn")
        ]
        if person_ids
        else []
    )
    coverage_list = [draw(coverages(id=i, council_ids=c)) for i, c in per_council("pv")]
    voter_petition_list = [
        draw(
            voter_petitions(
                id=i,
                council_ids=c,
                meeting_ids=meetings_of.get(c, []),
                session_ids=sessions_of.get(c, []),
            )
        )
        for i, c in per_council("kn")
    ]
    return Dataset.from_records(
        itertools.chain(
            council_list,
            people_list,
            body_list,
            position_list,
            session_list,
            meeting_list,
            resolution_list,
            oversight_list,
            reception_list,
            petition_list,
            voter_petition_list,
            deputy_list,
            recommendation_list,
            question_list,
            confidence_vote_list,
            coverage_list,
        )
    )


def datasets(
    *,
    min_councils: int = 1,
    max_councils: int = 6,
    levels: Sequence[Level] | None = None,
    max_records: int = 4,
) -> SearchStrategy[Dataset]:
    """Whole, referentially consistent datasets.

    A dataset holds ``min_councils`` to ``max_councils`` councils at ``levels``
    (default: all three) forming a tree — a district's parent is a province, a
    commune's a district or a province, or a council stands alone — and up to
    ``max_records`` records of every other type. References stay inside a council
    where the format expects it: an oversight activity's body, a reception's host
    body, a resolution's, voter petition's or question's session and meeting, a
    deputy's delegate group, a recommendation's oversight activity belong to the
    record's own council; positions join any person to any body; a meeting's
    participants, a council's predecessors are other councils of the dataset. Ids are
    unique per type.

    Use ``levels=[Level.province, Level.commune]`` for data after the 2025 reform.
    The datasets satisfy the model and :class:`~hdnd.dataset.Dataset`'s integrity
    rules; they are not made to pass every domain check of :func:`hdnd.check`
    (dates are drawn from 2016 to 2030 whatever the level, for instance).

    >>> import hdnd
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10, derandomize=True, database=None)
    ... @given(datasets(max_councils=3, levels=[Level.province, Level.commune]))
    ... def test_round_trip(ds):
    ...     assert Level.district not in {c.level for c in ds.councils}
    ...     assert hdnd.loads(hdnd.dumps(ds)) == ds
    >>> test_round_trip()
    """
    chosen = tuple(dict.fromkeys(levels)) if levels is not None else tuple(Level)
    if not chosen:
        raise InvalidArgument("levels must name at least one Level")
    if not all(isinstance(level, Level) for level in chosen):
        raise InvalidArgument(f"levels must be Level members, got {levels!r}")
    if not 0 <= min_councils <= max_councils:
        raise InvalidArgument(
            f"need 0 <= min_councils <= max_councils, got {min_councils}, {max_councils}"
        )
    if max_records < 0:
        raise InvalidArgument(f"max_records must be ≥ 0, got {max_records}")
    return _datasets(min_councils, max_councils, chosen, max_records)
