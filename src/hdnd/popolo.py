"""Export to Popolo (https://www.popoloproject.com), the open data standard for legislatures.

:func:`to_popolo` turns a dataset into one JSON object with the lists
``organizations``, ``persons``, ``memberships``, ``posts``, ``events`` and
``motions``. Every object's ``id`` comes from its hdnd record: ``hdnd:`` + record
type + ``/`` + hdnd id (``hdnd:council/tp``), and objects made from part of a
record hang below it (``hdnd:body/tp-tt/post/chair``); ``%`` and ``/`` in an hdnd
id are percent-encoded, so ids never collide. The same data gives the same ids,
in the same order, on every run. Dates are ISO 8601.

* council → organization, ``classification`` ``council``, ``parent_id`` the parent
  council, ``founding_date`` / ``dissolution_date`` its ``established`` / ``dissolved``
  dates; the unit code in ``identifiers`` (scheme ``vn-unit-code``); level, unit type,
  term and ``predecessor_ids`` (as Popolo ids: Popolo has no field for an organisation's
  predecessors) in ``extras``;
* body → organization, ``classification`` its kind (``standing_committee``,
  ``committee``, ``delegate_group``), ``parent_id`` its council; a body without a name
  is named by its committee field or kind (in Vietnamese);
* person → person;
* each of a person's other posts → a membership with the post's text as ``label`` and no
  organization, id ``hdnd:person/<id>/other_post/<n>`` (n from 1): the text names post
  and organisation together ("Phó Bí thư Thường trực Thành ủy"), and splitting it, or
  making an organisation of it, would be guesswork;
* position → membership of its body, ``role`` the Vietnamese label, ``label`` the
  English one, ``post_id`` its post, the role's identifier in ``extras``;
* deputy → membership of its council, id ``hdnd:deputy/<id>``, ``role`` "Đại biểu HĐND",
  ``label`` "Deputy", ``start_date`` / ``end_date`` the mandate's, ``end_reason`` and
  ``full_time`` in ``extras``; a deputy in a delegate group also → a second membership,
  of the group's organization, id ``hdnd:deputy/<id>/group``, same dates. Popolo's
  ``on_behalf_of_id`` is the organisation a member sits for (a party); a delegate group
  (Tổ đại biểu) is a group of the council's own deputies, exported as an organization
  below the council, and belonging to it is a membership of it, as of a committee;
* each (body, role) pair that positions use → a post, ``role`` and ``label`` in
  Vietnamese, ``other_label`` in English;
* session → event, ``classification`` ``session``, named "Kỳ họp thứ N";
* meeting → event, ``classification`` its kind (``voter_meeting``...);
* oversight activity → event, ``classification`` ``oversight``, organised by its body;
* reception session → event, ``classification`` ``reception``, organised by its host
  body (or else its council), ``location`` its place;
* resolution → motion, ``identifier`` its document number, ``text`` its title,
  ``legislative_session_id`` its session, ``classification`` ``resolution``, ``result``
  ``pass`` (a resolution is a motion that passed);
* not exported (:data:`NOT_EXPORTED`; ``hdnd export`` says how many it left out):
  petitions and voter petitions, and coverage statements: Popolo has nothing like them;
  recommendations after oversight: not motions (nothing is put to a vote) but demands
  on another authority, tracked to completion; questions: Popolo's nearest object, a
  speech, is a part of a transcript, and a question record holds no words, only a
  topic, a respondent named by post (no person to be its ``audience_id``) and whether
  it was answered; confidence votes: a vote event's counts are for options of a motion
  that passes or fails, while a confidence vote rates one person high, medium or low and
  has no result.

Every object made from a record carries its hdnd id in ``identifiers`` (scheme
``hdnd``) where Popolo has that field. What Popolo has no field for (counts, kinds,
flags, the council a record counts for) goes in ``extras``, a free-form object as
in Open Civic Data, with hdnd's identifiers as values and references as Popolo
ids. Popolo's schema gives a motion's ``date`` the format ``date-time``; a
resolution's is a day, so it is written as one (``2022-12-15``).

>>> import hdnd
>>> ds = hdnd.loads('{"schema_version": 1, "councils": [{"id": "tp", "name": "HĐND thành phố",'
...                 ' "level": "district", "unit_type": "provincial_city"}]}')
>>> to_popolo(ds)["organizations"]  # doctest: +NORMALIZE_WHITESPACE
[{'id': 'hdnd:council/tp', 'name': 'HĐND thành phố', 'classification': 'council',
  'identifiers': [{'scheme': 'hdnd', 'identifier': 'tp'}],
  'extras': {'level': 'district', 'unit_type': 'provincial_city'}}]
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from hdnd.dataset import Dataset
from hdnd.enums import Role
from hdnd.model import (
    Body,
    Council,
    Deputy,
    Meeting,
    OversightActivity,
    Person,
    Position,
    ReceptionSession,
    Resolution,
    Session,
)

__all__ = ["ID_PREFIX", "NOT_EXPORTED", "popolo_id", "to_popolo"]

Popolo = dict[str, Any]

ID_PREFIX: Final = "hdnd:"
"""What every Popolo id made by hdnd starts with.

>>> popolo_id("council", "tp").startswith(ID_PREFIX)
True
"""

NOT_EXPORTED: Final = (
    "recommendations",
    "questions",
    "confidence_votes",
    "petitions",
    "voter_petitions",
    "coverage",
)
"""The collections Popolo has no place for, which :func:`to_popolo` leaves out.

>>> from hdnd.dataset import COLLECTIONS
>>> [c.key for c in COLLECTIONS if c.key in NOT_EXPORTED] == list(NOT_EXPORTED)
True
"""

# role (Vietnamese) and label (English) of a deputy's memberships of its council and group
_DEPUTY_ROLE: Final = ("Đại biểu HĐND", "Deputy")
_GROUP_ROLE: Final = ("Thành viên Tổ đại biểu", "Member of the delegate group")


def popolo_id(tag: str, id: str, *parts: str) -> str:
    """The Popolo id of the hdnd record ``tag``/``id``, or of a part of it.

    >>> popolo_id("council", "tp"), popolo_id("body", "tp-tt", "post", "chair")
    ('hdnd:council/tp', 'hdnd:body/tp-tt/post/chair')
    >>> popolo_id("person", "a/b%")
    'hdnd:person/a%2Fb%25'
    """
    return ID_PREFIX + "/".join(_escape(p) for p in (tag, id, *parts))


def _escape(part: str) -> str:
    return part.replace("%", "%25").replace("/", "%2F")


def to_popolo(dataset: Dataset) -> dict[str, list[Popolo]]:
    """The dataset as Popolo objects (see the module notes for the mapping).

    >>> import hdnd
    >>> ds = hdnd.loads('{"schema_version": 1, "people": [{"id": "p1", "full_name": "An",'
    ...                 ' "other_posts": ["Bí thư Đảng ủy"]}]}')
    >>> out = to_popolo(ds)
    >>> list(out)
    ['organizations', 'persons', 'memberships', 'posts', 'events', 'motions']
    >>> out["memberships"]  # doctest: +NORMALIZE_WHITESPACE
    [{'id': 'hdnd:person/p1/other_post/1', 'person_id': 'hdnd:person/p1',
      'label': 'Bí thư Đảng ủy'}]

    A deputy is a membership of its council:

    >>> ds = hdnd.loads('{"schema_version": 2, "councils": [{"id": "tp", "name": "HĐND",'
    ...                 ' "level": "district", "unit_type": "provincial_city"}],'
    ...                 ' "people": [{"id": "p1", "full_name": "An"}],'
    ...                 ' "deputies": [{"id": "d1", "council_id": "tp", "person_id": "p1",'
    ...                 ' "start": "2021-06-25", "end": "2023-02-24", "end_reason": "resigned"}]}')
    >>> to_popolo(ds)["memberships"]  # doctest: +NORMALIZE_WHITESPACE
    [{'id': 'hdnd:deputy/d1', 'person_id': 'hdnd:person/p1',
      'organization_id': 'hdnd:council/tp', 'role': 'Đại biểu HĐND', 'label': 'Deputy',
      'start_date': '2021-06-25', 'end_date': '2023-02-24',
      'extras': {'end_reason': 'resigned', 'full_time': False}}]
    """
    bodies = dataset.index(Body)
    return {
        "organizations": [_council(c) for c in dataset.councils]
        + [_body(b) for b in dataset.bodies],
        "persons": [_person(p) for p in dataset.people],
        "memberships": [_membership(p) for p in dataset.positions]
        + [m for p in dataset.people for m in _other_posts(p)]
        + [m for d in dataset.deputies for m in _deputy(d)],
        "posts": [_post(body_id, role, bodies[body_id]) for body_id, role in _posts(dataset)],
        "events": [_session(s) for s in dataset.sessions]
        + [_meeting(m) for m in dataset.meetings]
        + [_oversight(o) for o in dataset.oversight]
        + [_reception(r) for r in dataset.receptions],
        "motions": [_motion(r) for r in dataset.resolutions],
    }


def _compact(**fields: Any) -> Popolo:
    """An object without its absent fields (``None``, empty lists and objects); 0 stays."""
    return {k: v for k, v in fields.items() if v is not None and v != [] and v != {}}


def _iso(date: dt.date | None) -> str | None:
    return None if date is None else date.isoformat()


def _ref(tag: str, id: str | None) -> str | None:
    return None if id is None else popolo_id(tag, id)


def _identifiers(id: str, *more: tuple[str, str | None]) -> list[Popolo]:
    pairs = [("hdnd", id), *more]
    return [{"scheme": scheme, "identifier": value} for scheme, value in pairs if value]


def _council(c: Council) -> Popolo:
    return _compact(
        id=popolo_id("council", c.id),
        name=c.name,
        classification="council",
        identifiers=_identifiers(c.id, ("vn-unit-code", c.unit_code)),
        parent_id=_ref("council", c.parent_id),
        founding_date=_iso(c.established),
        dissolution_date=_iso(c.dissolved),
        extras=_compact(
            level=c.level.value,
            unit_type=c.unit_type.value,
            term=c.term,
            predecessor_ids=[popolo_id("council", p) for p in c.predecessor_ids],
        ),
    )


def _body_name(b: Body) -> str:
    return b.name or (b.committee_field or b.kind).label_vi


def _body(b: Body) -> Popolo:
    return _compact(
        id=popolo_id("body", b.id),
        name=_body_name(b),
        classification=b.kind.value,
        identifiers=_identifiers(b.id),
        parent_id=popolo_id("council", b.council_id),
        extras=_compact(committee_field=b.committee_field.value if b.committee_field else None),
    )


def _person(p: Person) -> Popolo:
    return _compact(id=popolo_id("person", p.id), name=p.full_name, identifiers=_identifiers(p.id))


def _other_posts(p: Person) -> list[Popolo]:
    return [
        _compact(
            id=popolo_id("person", p.id, "other_post", str(n)),
            person_id=popolo_id("person", p.id),
            label=text,
        )
        for n, text in enumerate(p.other_posts, start=1)
    ]


def _post_id(body_id: str, role: Role) -> str:
    return popolo_id("body", body_id, "post", role.value)


def _posts(dataset: Dataset) -> list[tuple[str, Role]]:
    """The (body, role) pairs positions use, in order of first use."""
    return list(dict.fromkeys((p.body_id, p.role) for p in dataset.positions))


def _post(body_id: str, role: Role, body: Body) -> Popolo:
    return _compact(
        id=_post_id(body_id, role),
        label=f"{role.label_vi} – {_body_name(body)}",
        other_label=[role.label_en],
        role=role.label_vi,
        organization_id=popolo_id("body", body_id),
    )


def _membership(p: Position) -> Popolo:
    return _compact(
        id=popolo_id("position", p.id),
        person_id=popolo_id("person", p.person_id),
        organization_id=popolo_id("body", p.body_id),
        post_id=_post_id(p.body_id, p.role),
        role=p.role.label_vi,
        label=p.role.label_en,
        start_date=_iso(p.start),
        end_date=_iso(p.end),
        extras=_compact(role=p.role.value),
    )


def _deputy(d: Deputy) -> list[Popolo]:
    """The deputy's membership of its council, and of its delegate group if it has one."""
    dates = {"start_date": _iso(d.start), "end_date": _iso(d.end)}
    mandate = _compact(
        id=popolo_id("deputy", d.id),
        person_id=popolo_id("person", d.person_id),
        organization_id=popolo_id("council", d.council_id),
        role=_DEPUTY_ROLE[0],
        label=_DEPUTY_ROLE[1],
        **dates,
        extras=_compact(
            end_reason=d.end_reason.value if d.end_reason else None, full_time=d.full_time
        ),
    )
    if d.group_id is None:
        return [mandate]
    group = _compact(
        id=popolo_id("deputy", d.id, "group"),
        person_id=popolo_id("person", d.person_id),
        organization_id=popolo_id("body", d.group_id),
        role=_GROUP_ROLE[0],
        label=_GROUP_ROLE[1],
        **dates,
    )
    return [mandate, group]


def _session(s: Session) -> Popolo:
    return _compact(
        id=popolo_id("session", s.id),
        name=f"Kỳ họp thứ {s.number}",
        description=f"Kỳ họp {s.kind.label_vi}",
        classification="session",
        organization_id=popolo_id("council", s.council_id),
        start_date=_iso(s.start),
        end_date=_iso(s.end),
        identifiers=_identifiers(s.id),
        extras=_compact(number=s.number, kind=s.kind.value),
    )


def _meeting(m: Meeting) -> Popolo:
    return _compact(
        id=popolo_id("meeting", m.id),
        name=m.title or m.kind.label_vi,
        classification=m.kind.value,
        organization_id=popolo_id("council", m.council_id),
        start_date=_iso(m.date),
        identifiers=_identifiers(m.id),
        extras=_compact(
            participant_organization_ids=[
                popolo_id("council", c) for c in m.participant_council_ids
            ],
            attendees=m.attendees,
            opinions=m.opinions,
        ),
    )


def _oversight(o: OversightActivity) -> Popolo:
    return _compact(
        id=popolo_id("oversight", o.id),
        name=o.subject,
        classification="oversight",
        organization_id=popolo_id("body", o.body_id),
        start_date=_iso(o.start),
        end_date=_iso(o.end),
        status=o.status.value,
        identifiers=_identifiers(o.id),
        extras=_compact(
            kind=o.kind.value,
            council_id=popolo_id("council", o.council_id),
            fields=list(o.fields),
            unannounced=o.unannounced,
        ),
    )


def _reception(r: ReceptionSession) -> Popolo:
    return _compact(
        id=popolo_id("reception", r.id),
        name=f"Tiếp công dân {r.kind.label_vi}",
        classification="reception",
        organization_id=_ref("body", r.host_body_id) or popolo_id("council", r.council_id),
        start_date=_iso(r.date),
        location=r.place,
        identifiers=_identifiers(r.id),
        extras=_compact(
            kind=r.kind.value,
            council_id=popolo_id("council", r.council_id),
            host_person_id=_ref("person", r.host_person_id),
            turns=r.turns,
            persons=r.persons,
            cases=r.cases,
            mass_groups=r.mass_groups,
            first_time_cases=r.first_time_cases,
            repeat_cases=r.repeat_cases,
        ),
    )


def _motion(r: Resolution) -> Popolo:
    return _compact(
        id=popolo_id("resolution", r.id),
        organization_id=popolo_id("council", r.council_id),
        legislative_session_id=_ref("session", r.session_id),
        identifier=str(r.number),
        text=r.title,
        classification="resolution",
        date=_iso(r.date),
        result="pass",
    )
