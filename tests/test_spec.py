"""The field spec (hdnd.spec) says what the model says, and each rule's JSON Schema is
exact, or the rule says it is not (then SQL never trusts it).
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from hdnd.dataset import COLLECTIONS
from hdnd.io._duck import TABLES
from hdnd.model import TERM, Rule, normalize_text, references
from hdnd.spec import RECORDS, FieldSpec, spec_of

FIELDS = [(r.key, f) for r in RECORDS for f in r.fields]
RULED = {id(rule): (rule, f) for _, f in FIELDS for rule in f.rules}
RULES = [rule for rule, _ in RULED.values()]


def _values(field: FieldSpec) -> st.SearchStrategy[Any]:
    """Values of the field's item type as the model checks them (text normalised)."""
    if field.item is int:
        return st.integers(min_value=-(10**10), max_value=10**10) | st.sampled_from(
            [-1, 0, 1, 10**9, 10**9 + 1]
        )
    digits = st.text("0123456789-", max_size=10)
    return (st.text() | digits | st.sampled_from(["2021-2026", "2021-2025", "\u200b"])).map(
        normalize_text
    )


def test_the_spec_follows_the_model_and_the_collections() -> None:
    assert [(r.key, r.cls, r.tag) for r in RECORDS] == [(c.key, c.cls, c.tag) for c in COLLECTIONS]
    for r in RECORDS:
        cls: Any = r.cls
        assert [f.name for f in r.fields] == [a.name for a in attrs.fields(cls)]
        assert r.references == tuple((name, ref.tag) for name, ref in references(cls))
        assert r.period_field is None or r.field(r.period_field).kind == "date"
        assert spec_of(r.tag) is spec_of(r.key) is spec_of(r.cls) is r
        assert r.title_vi
        assert r.title_en
        assert all(f.label_vi and f.label_en for f in r.fields)


def test_every_sheet_title_is_one_excel_takes() -> None:
    """At most 31 characters, none of ``[]:*?/\\``, no quote at either end; Excel compares
    titles without regard to case, and the workbook's own sheets are taken."""
    titles = [r.sheet_title for r in RECORDS]
    for title in titles:
        assert 0 < len(title) <= 31, title
        assert not set(title) & set("[]:*?/\\"), title
        assert title.strip("'") == title == title.strip(), title
    folded = [t.casefold() for t in [*titles, "README", "_meta", "History"]]
    assert len(set(folded)) == len(folded)
    long = [r.key for r in RECORDS if r.sheet_title != r.title_vi]
    assert long == ["bodies"]  # "Thường trực, các Ban, Tổ đại biểu": 33 characters
    assert len(spec_of("bodies").title_vi) == 33


def test_every_rule_is_exact_or_flagged() -> None:
    """Every rule the model uses is stated exactly by its JSON Schema, or flagged; of the
    flagged ones, TERM is the one known (a pattern cannot add five to a year)."""
    assert all(isinstance(rule, Rule) for rule in RULES)
    assert [rule for rule in RULES if not rule.exact] == [TERM]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.message[:30])
@given(data=st.data())
def test_an_exact_rule_and_its_schema_agree(rule: Rule, data: st.DataObject) -> None:
    field = RULED[id(rule)][1]
    value = data.draw(_values(field))
    by_schema = Draft202012Validator(dict(rule.json_schema)).is_valid(value)
    if rule.exact:
        assert rule.test(value) == by_schema
    else:
        assert by_schema or not rule.test(value)  # the schema states less, never more


def test_term_schema_states_less_than_its_rule() -> None:
    schema = Draft202012Validator(dict(TERM.json_schema))
    assert schema.is_valid("2021-2025")
    assert not TERM.test("2021-2025")


def test_sql_never_trusts_a_rule_that_is_not_exact() -> None:
    """Councils hold a term (TERM is not exact): their table is not one SQL decides alone."""
    councils = next(t for t in TABLES if t.collection.key == "councils")
    assert not councils.certain
    inexact = {r.key for r in RECORDS if any(not rule.exact for f in r.fields for rule in f.rules)}
    assert inexact == {"councils"}
    assert all(not t.certain for t in TABLES if t.collection.key in inexact)


def test_every_record_type_describes_itself_in_its_declaration() -> None:
    """Collection key, titles, period field and labels come from ``@record(...)``."""
    import typing

    from hdnd.model import FIELD_LABELS, Record, described, described_records

    assert set(described_records()) == set(typing.get_args(Record))
    assert [r.cls for r in RECORDS] == list(described_records())
    for r in RECORDS:
        d = described(r.cls)
        assert (r.key, r.title_vi, r.title_en, r.period_field) == (
            d.key,
            d.title_vi,
            d.title_en,
            d.period_field,
        )
        assert r.sheet_title == (d.sheet or d.title_vi)
        for f in r.fields:
            assert (f.label_vi, f.label_en) == (d.labels.get(f.name) or FIELD_LABELS[f.name])
    assert spec_of("sessions").field("number").label_vi == "Kỳ họp thứ"
    assert spec_of("resolutions").field("number").label_vi == "Số, ký hiệu"
    assert spec_of("deputies").field("end_reason").label_vi == "Lý do thôi làm nhiệm vụ"
    assert spec_of("coverage").field("start").label_vi == "Từ ngày"
