"""Hypothesis strategies for testing code that uses hdnd.

Downstream projects (converters from office spreadsheets, report generators,
dashboards) can test their code against every shape of valid hdnd data instead
of a few hand-written files. :func:`datasets` draws whole, referentially
consistent datasets; the per-type strategies (:func:`councils`, :func:`receptions`,
...) draw single records, taking the ids their references may point at.
Generated text is Vietnamese, in NFC or NFD form (records store it NFC).
:mod:`hdnd.testing.periods` and :mod:`hdnd.testing.docnum` add strategies for
reporting periods (:mod:`hdnd.periods`) and document numbers (:mod:`hdnd.docnum`);
their names are re-exported here too.

Requires `hypothesis <https://hypothesis.readthedocs.io>`_: the ``testing`` extra,
``pip install -e '.[testing]'`` in a clone of the repository.

>>> import hdnd
>>> from hypothesis import given, settings
>>> from hdnd.testing import datasets, receptions
>>> @settings(max_examples=10, derandomize=True, database=None)
... @given(datasets(max_councils=3))
... def test_json_lines_round_trip(ds):
...     assert hdnd.loads(hdnd.dumps(ds, format="jsonl"), format="jsonl") == ds
>>> test_json_lines_round_trip()

Records for a council your test already has:

>>> @settings(max_examples=10, derandomize=True, database=None)
... @given(receptions(council_ids="tp", body_ids=["tp-tt", "tp-bpc"]))
... def test_host_is_a_body_of_the_city(reception):
...     assert reception.council_id == "tp"
...     assert reception.host_body_id in (None, "tp-tt", "tp-bpc")
>>> test_host_is_a_body_of_the_city()
"""

from hdnd.testing.docnum import document_number_texts, document_numbers, document_types
from hdnd.testing.periods import (
    cutoff_days,
    date_ranges,
    half_years,
    months,
    nine_months,
    period_texts,
    periods,
    quarters,
    terms,
    years,
)
from hdnd.testing.records import (
    MAX_DATE,
    MIN_DATE,
    IdSource,
    TextForm,
    bodies,
    confidence_votes,
    councils,
    coverages,
    datasets,
    dates,
    deputies,
    ids,
    meetings,
    oversight_activities,
    people,
    petitions,
    positions,
    questions,
    receptions,
    recommendations,
    resolutions,
    sessions,
    text,
    voter_petitions,
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
    "cutoff_days",
    "datasets",
    "date_ranges",
    "dates",
    "deputies",
    "document_number_texts",
    "document_numbers",
    "document_types",
    "half_years",
    "ids",
    "meetings",
    "months",
    "nine_months",
    "oversight_activities",
    "people",
    "period_texts",
    "periods",
    "petitions",
    "positions",
    "quarters",
    "questions",
    "receptions",
    "recommendations",
    "resolutions",
    "sessions",
    "terms",
    "text",
    "voter_petitions",
    "years",
]
