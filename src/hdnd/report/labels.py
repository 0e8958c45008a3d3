"""Names of figures in Vietnamese and English, for tables and CSV.

>>> from hdnd.report.labels import figure_label
>>> figure_label(("receptions", "by_kind", "periodic", "turns"), "vi")
'Tiếp công dân › theo loại › định kỳ › lượt'
>>> figure_label(("oversight", "by_kind", "thematic"), "en")
'Oversight › by kind › thematic oversight'
"""

from __future__ import annotations

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
    "by_level": ("theo cấp", "by level"),
    "by_kind": ("theo loại", "by kind"),
    "by_host": ("theo cơ quan tiếp", "by host"),
    "by_body": ("theo cơ quan giám sát", "by body"),
    "by_field": ("theo lĩnh vực", "by field"),
    "by_sector": ("theo ngành", "by sector"),
    "by_jurisdiction": ("theo thẩm quyền", "by jurisdiction"),
    "by_status": ("theo kết quả", "by status"),
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
}
"""Vietnamese and English words for the sections and counts of :class:`~hdnd.summary.Figures`."""


def _word(name: str, lang: Lang, leaf: bool) -> str:
    # "sessions" is a section and, inside reception counts, a count of sessions (buổi)
    vi, en = WORDS["sessions_count" if leaf and name == "sessions" else name]
    return vi if lang == "vi" else en


def figure_label(
    path: Sequence[str], lang: Lang = "vi", names: Mapping[str, str] | None = None
) -> str:
    """A readable name for the figure at ``path``; ``names`` gives bodies' display names.

    >>> figure_label(("by_level", "commune", "receptions", "total", "sessions"), "vi")
    'cấp xã › Tiếp công dân › tổng › buổi'
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
        hints = typing.get_type_hints(node)
        parts.append(_word(name, lang, leaf=not rest))
        field_type = hints[name]
        if typing.get_origin(field_type) is dict:
            key_type, value_type = typing.get_args(field_type)
            key = rest.pop(0)
            if isinstance(key_type, type) and issubclass(key_type, LabelledEnum):
                parts.append(key_type(key).label(lang))
            else:
                parts.append(names.get(key, key))
            field_type = value_type
        if attrs.has(field_type):
            node = field_type
    return " › ".join(parts)
