"""The field spec: what each record type and each of its fields is, described once.

Built once, at import, from the record classes of :mod:`hdnd.model`: their attrs
fields, the :class:`~hdnd.model.Rule` and :class:`~hdnd.model.Ref` metadata of
their types, and what their ``@record(...)`` declaration says
(:class:`~hdnd.model.Described`: collection key, titles, the field that places it in a
period, field labels). Every layer reads it (the tables, DuckDB, the JSON Schema,
dataset integrity, checks, the summary, the report labels) instead of walking the
``Annotated`` types again.

>>> from hdnd.spec import spec_of
>>> receptions = spec_of("reception")
>>> receptions.key, receptions.title_en, receptions.period_field
('receptions', 'Citizen receptions', 'date')
>>> turns = receptions.field("turns")
>>> turns.kind, turns.required, turns.label_vi, [r.exact for r in turns.rules]
('whole', True, 'Lượt', [True, True])
>>> receptions.field("host_body_id").ref
'body'
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Mapping
from typing import Any, Final, Literal

import attrs

from hdnd._validators import NotBefore, RulesValidator
from hdnd.enums import LabelledEnum
from hdnd.model import (
    FIELD_LABELS,
    Record,
    Ref,
    Rule,
    described,
    described_records,
)

__all__ = ["PERIOD_FIELDS", "RECORDS", "FieldSpec", "Kind", "RecordSpec", "spec_of"]

Kind = Literal["text", "whole", "bool", "date", "choice", "list"]
"""What a field holds, as tables read and write it: ``list`` for a tuple of values,
``text`` for document numbers (written as their text)."""


@attrs.frozen
class FieldSpec:
    """One field of a record type: its kind, whether it is required, its rules and names.

    >>> spec_of("position").field("end").not_before
    'start'
    >>> spec_of("body").field("committee_field").python_only
    True
    >>> term = spec_of("council").field("term")
    >>> term.kind, term.required, term.default, term.nullable, term.label_en
    ('text', False, None, True, 'Term')
    >>> [r.exact for r in term.rules]  # a pattern cannot say "the first year plus five"
    [False]
    """

    name: str
    kind: Kind
    item: Any
    """The type of the value (of each value, for a list): ``str``, ``int``, ``bool``,
    :class:`datetime.date`, :class:`~hdnd.docnum.DocumentNumber` or an enumeration."""
    required: bool
    default: Any
    """The value an absent field takes (``attrs.NOTHING`` when it is required)."""
    nullable: bool
    """Whether the field may be ``None``."""
    rules: tuple[Rule, ...]
    """The rules each value must satisfy (each element's, for a list)."""
    ref: str | None
    """The tag of the record type the field refers to, for a reference."""
    label_vi: str
    label_en: str
    not_before: str | None
    """The date field this date field is never before (when both are set)."""
    python_only: bool
    """Whether the field has a check of its own beyond its rules and ``not_before``
    (such as a body's ``committee_field``, required for committees only): one only
    Python states."""
    attribute: attrs.Attribute[Any] = attrs.field(repr=False)
    """The attrs field, for its declared converter and validator."""

    @property
    def choices(self) -> type[LabelledEnum] | None:
        """The enumeration of a ``choice`` field, else ``None``.

        >>> spec_of("council").field("level").choices.__name__
        'Level'
        """
        return self.item if self.kind == "choice" else None


@attrs.frozen
class RecordSpec:
    """One record type: its tag, collection key, titles, period field and fields.

    >>> council = spec_of("councils")
    >>> council.tag, council.title_vi, council.period_field
    ('council', 'Hội đồng nhân dân', None)
    >>> council.sheet_title, spec_of("bodies").sheet_title
    ('Hội đồng nhân dân', 'Thường trực, Ban, Tổ đại biểu')
    >>> council.references
    (('parent_id', 'council'), ('predecessor_ids', 'council'))
    """

    tag: str
    key: str
    cls: type[Record]
    title_vi: str
    title_en: str
    period_field: str | None
    """The date field that places a record in a period (docs/format.md's counting rules),
    for the record types that a period counts."""
    fields: tuple[FieldSpec, ...]
    sheet_title: str
    """The title of its sheet in a workbook: :attr:`title_vi`, or a shorter one where
    that is longer than the 31 characters Excel takes."""
    example: Mapping[str, Any]
    """One record of the type as a JSON file holds it (empty if none is given), its
    references naming the other types' examples: the Excel template's README shows it
    as a filled row of its sheet."""

    def field(self, name: str) -> FieldSpec:
        """The field ``name``; ``KeyError`` if there is none.

        >>> spec_of("person").field("other_posts").kind
        'list'
        """
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def named(self) -> str:
        """The record type as a message names it, in the language in use: its tag in
        English, in Vietnamese its title (the sheet a clerk fills), lower case first.

        >>> from hdnd.i18n import language
        >>> with language("en"):
        ...     spec_of("council").named()
        'council'
        >>> with language("vi"):
        ...     spec_of("council").named()
        'hội đồng nhân dân'
        """
        from hdnd.i18n import current

        if current() != "vi":
            return self.tag
        return self.title_vi[:1].lower() + self.title_vi[1:]

    @property
    def references(self) -> tuple[tuple[str, str], ...]:
        """The reference fields, in field order, with the tag each refers to.

        >>> spec_of("position").references
        (('person_id', 'person'), ('body_id', 'body'))
        """
        return tuple((f.name, f.ref) for f in self.fields if f.ref is not None)


def _without_none(tp: Any) -> tuple[Any, bool]:
    """``tp`` without ``| None``, and whether it had it."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        return next(a for a in typing.get_args(tp) if a is not type(None)), True
    return tp, False


def _metadata(tp: Any) -> tuple[Any, tuple[Any, ...]]:
    """The bare type under (possibly nested) ``Annotated``, and its metadata."""
    metadata = getattr(tp, "__metadata__", ())
    return (typing.get_args(tp)[0] if metadata else tp), tuple(metadata)


def _kind(item: Any, many: bool) -> Kind:
    if many:
        return "list"
    if item is bool:
        return "bool"
    if item is int:
        return "whole"
    if item is dt.date:
        return "date"
    if isinstance(item, type) and issubclass(item, LabelledEnum):
        return "choice"
    return "text"  # str, and document numbers: written as their text


def _declared(attribute: attrs.Attribute[Any]) -> tuple[str | None, bool]:
    """The field's ``not_before``, and whether it declares another validator."""
    declared = attribute.validator
    if isinstance(declared, RulesValidator):  # the rules' validator, around the declared one
        declared = declared.declared
    inner = getattr(declared, "validator", None)  # under attrs.validators.optional
    if isinstance(inner, NotBefore):
        return inner.other, False
    return None, declared is not None


def _field_spec(
    labels: Mapping[str, tuple[str, str]], attribute: attrs.Attribute[Any]
) -> FieldSpec:
    tp, nullable = _without_none(attribute.type)
    many = typing.get_origin(tp) is tuple
    item, metadata = _metadata(typing.get_args(tp)[0] if many else tp)
    vi, en = labels.get(attribute.name) or FIELD_LABELS[attribute.name]
    not_before, python_only = _declared(attribute)
    return FieldSpec(
        name=attribute.name,
        kind=_kind(item, many),
        item=item,
        required=attribute.default is attrs.NOTHING,
        default=attribute.default,
        nullable=nullable,
        rules=tuple(m for m in metadata if isinstance(m, Rule)),
        ref=next((m.tag for m in metadata if isinstance(m, Ref)), None),
        label_vi=vi,
        label_en=en,
        not_before=not_before,
        python_only=python_only,
        attribute=attribute,
    )


def _record_spec(cls: Any) -> RecordSpec:
    d = described(cls)
    fields = tuple(_field_spec(d.labels, a) for a in attrs.fields(cls))
    return RecordSpec(
        cls.type_tag,
        d.key,
        cls,
        d.title_vi,
        d.title_en,
        d.period_field,
        fields,
        d.sheet or d.title_vi,
        d.example,
    )


RECORDS: Final = tuple(map(_record_spec, described_records()))
"""Every record type's spec, in document order.

>>> [r.key for r in RECORDS if r.period_field]
['sessions', 'meetings', 'resolutions', 'oversight', 'receptions', 'petitions', 'voter_petitions']
"""

PERIOD_FIELDS: Final[Mapping[type, str]] = {
    r.cls: r.period_field for r in RECORDS if r.period_field is not None
}
"""The record types a period counts, each with the date field that places it in one.

>>> from hdnd.model import Petition
>>> PERIOD_FIELDS[Petition]
'received'
"""

_BY_NAME: Final[Mapping[Any, RecordSpec]] = {
    name: r for r in RECORDS for name in (r.tag, r.key, r.cls)
}


def spec_of(record_type: str | type) -> RecordSpec:
    """The spec of a record type, by tag, collection key or class; ``KeyError`` if none.

    >>> from hdnd.model import Person
    >>> spec_of(Person).key, spec_of("people").tag
    ('people', 'person')
    """
    return _BY_NAME[record_type]
