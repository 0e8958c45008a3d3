"""Names of figures in Vietnamese and English, for tables and CSV.

>>> from hdnd.report.labels import figure_label
>>> figure_label(("receptions", "by_kind", "periodic", "turns"), "vi")
'Tiếp công dân › theo loại › định kỳ › lượt'
>>> figure_label(("oversight", "by_kind", "thematic"), "en")
'Oversight › by kind › thematic oversight'
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Mapping, Sequence
from typing import Any, Final, Literal

import attrs

from hdnd.enums import LabelledEnum, Level
from hdnd.spec import RECORDS
from hdnd.summary import Figures

__all__ = ["WORDS", "figure_label"]

Lang = Literal["vi", "en"]

WORDS: Final[Mapping[str, tuple[str, str]]] = {
    # the sections of the record types a period counts: their titles (hdnd.spec)
    **{r.key: (r.title_vi, r.title_en) for r in RECORDS if r.period_field},
    "deputies": ("Đại biểu HĐND", "Deputies"),  # counted on a day, not in a period
    "by_level": ("theo cấp", "by level"),
    "by_kind": ("theo loại", "by kind"),
    "by_host": ("theo cơ quan tiếp", "by host"),
    "by_body": ("theo cơ quan giám sát", "by body"),
    "by_field": ("theo lĩnh vực", "by field"),
    "by_sector": ("theo ngành", "by sector"),
    "by_jurisdiction": ("theo thẩm quyền", "by jurisdiction"),
    "by_status": ("theo kết quả", "by status"),
    "by_channel": ("theo kênh tiếp nhận", "by channel"),
    "by_answer": ("theo hình thức trả lời", "by answer"),
    "by_topic": ("theo nhóm vấn đề", "by group of issues"),
    "by_respondent": ("theo người trả lời", "by respondent"),
    "by_end_reason": ("theo lý do thôi làm nhiệm vụ", "by reason for leaving"),
    "total": ("tổng", "total"),
    "conducted": ("số cuộc đã thực hiện", "conducted"),
    "unannounced": ("không báo trước", "unannounced"),
    "planned": ("theo kế hoạch, chưa thực hiện", "planned, not yet conducted"),
    "cancelled": ("hủy", "cancelled"),
    "sessions_count": ("buổi", "sessions"),
    "turns": ("lượt", "turns"),
    "persons": ("công dân", "persons"),
    "cases": ("vụ việc", "cases"),
    "mass_groups": ("đoàn đông người", "mass groups"),
    "received": ("tiếp nhận", "received"),
    "duplicates": ("đơn trùng", "duplicates"),
    "eligible": ("đủ điều kiện xử lý", "eligible"),
    "normative": ("quy phạm pháp luật", "normative"),
    "individual": ("cá biệt", "individual"),
    "attendees": ("cử tri tham dự", "voters attending"),
    "opinions": ("lượt ý kiến", "opinions"),
    "answered": ("được trả lời trong kỳ", "answered in the period"),
    "carried_over": ("tồn đọng từ các kỳ trước", "carried over"),
    "reports": ("báo cáo", "reports"),
    "drafts": ("dự thảo nghị quyết", "draft resolutions"),
    "in_office": ("số đại biểu cuối kỳ", "in office at the period's end"),
    "started": ("bắt đầu làm nhiệm vụ", "took office"),
    "ended": ("thôi làm nhiệm vụ", "left office"),
    "full_time": ("chuyên trách", "full-time"),
    "questions_count": ("lượt chất vấn", "questions put"),
    "topics": ("nhóm vấn đề", "groups of issues"),
    "respondents": ("người trả lời chất vấn", "respondents"),
    "issued": ("đã ban hành", "issued"),
    "done": ("đã thực hiện", "carried out"),
    "overdue": ("quá hạn chưa thực hiện", "overdue"),
    "assessed": ("số người được lấy phiếu", "persons assessed"),
    "high_majority": ("trên 50% phiếu tín nhiệm cao", "over 50% high"),
    "low_half": ("từ 50% phiếu tín nhiệm thấp", "at least 50% low"),
    "low_two_thirds": ("từ hai phần ba phiếu tín nhiệm thấp", "at least two thirds low"),
}
"""Vietnamese and English words for the sections and counts of :class:`~hdnd.summary.Figures`."""


def _word(name: str, lang: Lang, leaf: bool) -> str:
    # a section's name may also name a count ("sessions" of reception counts: buổi;
    # "questions" of the questions: lượt chất vấn): "<name>_count" words the count
    count = f"{name}_count"
    vi, en = WORDS[count if leaf and count in WORDS else name]
    return vi if lang == "vi" else en


# a class's hints, evaluated once: typing evaluates every annotation again at each call,
# and a national table labels tens of thousands of figures (3 s of a 3.5 s Markdown table)
_hints = functools.cache(typing.get_type_hints)


@functools.cache
def _keyed_by(cls: type, name: str) -> type[LabelledEnum] | None:
    """The enumeration whose identifiers key the count ``name`` of ``cls``, if its field says."""
    keys: type[LabelledEnum] | None = attrs.fields_dict(cls)[name].metadata.get("keys")
    return keys


def figure_label(
    path: Sequence[str], lang: Lang = "vi", names: Mapping[str, str] | None = None
) -> str:
    """A readable name for the figure at ``path``; ``names`` gives bodies' display names.

    >>> figure_label(("by_level", "commune", "receptions", "total", "sessions"), "vi")
    'cấp xã › Tiếp công dân › tổng › buổi'
    >>> figure_label(("voter_petitions", "by_jurisdiction", "district"), "vi")
    'Ý kiến, kiến nghị cử tri › theo thẩm quyền › cấp huyện'
    """
    names = names or {}
    parts: list[str] = []
    rest = list(path)
    if rest[:1] == ["by_level"]:
        parts.append(Level(rest[1]).label(lang))
        rest = rest[2:]
    node: Any = Figures
    while rest:
        name = rest.pop(0)
        hints = _hints(node)
        parts.append(_word(name, lang, leaf=not rest))
        field_type = hints[name]
        if type(None) in typing.get_args(field_type):  # a group of figures that may be unknown
            field_type = typing.get_args(field_type)[0]
        if typing.get_origin(field_type) is dict:
            key_type, value_type = typing.get_args(field_type)
            key = rest.pop(0)
            # a count keyed by an enumeration, or by its identifiers (then named in the
            # field's metadata): the member's label; else a name given, or the key itself
            if not (isinstance(key_type, type) and issubclass(key_type, LabelledEnum)):
                key_type = _keyed_by(node, name)
            if key_type is not None and key in key_type._value2member_map_:
                parts.append(key_type(key).label(lang))
            else:
                parts.append(names.get(key, key))
            field_type = value_type
        if attrs.has(field_type):
            node = field_type
    return " › ".join(parts)
