"""Benchmark cases: hdnd and its peers, each run alone in its own process by ``run.py``.

``python benchmarks/cases.py CASE FILE.jsonl`` runs one case and prints one JSON line:
``{"case": ..., "seconds": ..., "figures": <digest>}``. Every summary case computes the
same figures — :data:`SPEC`, the format's counting rules for one year — so the runner
can check that all engines agree before comparing their times.

Peers: the untyped floor (orjson dicts, plain-dict counting), a pydantic v2 model,
msgspec Structs, pandas, polars and DuckDB (extra ``hdnd[bench]``).
"""

import gc
import hashlib
import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

YEAR_START, YEAR_END = "2027-01-01", "2027-12-31"
# What ``hdnd summary --period "năm 2027"`` counts besides: the same period a year before,
# which its report compares with ("so cùng kỳ").
BASELINE_START, BASELINE_END = "2026-01-01", "2026-12-31"

# (record type, date field, group-by field or None, fields to add up, excluded statuses)
SPEC: tuple[tuple[str, str, str | None, tuple[str, ...], tuple[str, ...]], ...] = (
    ("reception", "date", "kind", ("turns", "persons", "cases", "mass_groups"), ()),
    ("reception", "date", "host_body_id", ("turns", "persons", "cases", "mass_groups"), ()),
    ("oversight", "start", "kind", (), ("planned", "cancelled")),
    ("oversight", "start", "body_id", (), ("planned", "cancelled")),
    ("petition", "received", "kind", (), ()),
    ("petition", "received", "field", (), ()),
    ("petition", "received", "status", (), ()),
    ("voter_petition", "received", "status", (), ()),
    ("voter_petition", "received", "sector", (), ()),
    ("meeting", "date", "kind", ("attendees", "opinions"), ()),
    ("session", "start", "kind", (), ()),
    ("resolution", "date", None, (), ()),
)

# What the narrow floor counts (issue 13): receptions (sessions, turns, persons, cases),
# oversight by kind, petitions by kind and voter petitions by field, for two periods.
MAIN_SPEC: tuple[tuple[str, str, str | None, tuple[str, ...], tuple[str, ...]], ...] = (
    ("reception", "date", None, ("turns", "persons", "cases"), ()),
    ("oversight", "start", "kind", (), ("planned", "cancelled")),
    ("petition", "received", "kind", (), ()),
    ("voter_petition", "received", "field", (), ()),
)

Figures = dict[str, int]  # no `from __future__ import annotations`: models are local


Spec = tuple[int, str, str | None, tuple[str, ...], tuple[str, ...]]


def _specs_by_type(spec: tuple[Any, ...] = SPEC) -> dict[str, list[Spec]]:
    """The figures of ``spec`` (SPEC unless told) of each record type, numbered."""
    by_type: dict[str, list[Spec]] = {}
    for i, (tag, day, group, sums, excluded) in enumerate(spec):
        by_type.setdefault(tag, []).append((i, day, group, sums, excluded))
    return by_type


def _count(records: Iterable[Any], get: Callable[[Any, str], Any]) -> Figures:
    """The SPEC figures of records read with ``get(record, field)`` (dicts or objects)."""
    figures: Counter[str] = Counter()
    by_type = _specs_by_type()
    for record in records:
        specs = by_type.get(get(record, "type"))
        if specs is None:
            continue
        for i, day, group, sums, excluded in specs:
            when = str(get(record, day))
            if not YEAR_START <= when <= YEAR_END:
                continue
            if excluded and str(get(record, "status")) in excluded:
                continue
            key = f"{i}:{get(record, group) if group else ''}"
            figures[f"{key}:n"] += 1
            for name in sums:
                figures[f"{key}:{name}"] += get(record, name) or 0
    return dict(figures)


def _count_two_periods(
    records: Iterable[Any],
    get: Callable[[Any, str], Any],
    first: tuple[str, str],
    second: tuple[str, str],
    spec: tuple[Any, ...] = SPEC,
) -> tuple[Figures, Figures]:
    """:func:`_count` for two periods that do not overlap, in one pass."""
    figures: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
    (start, end), (start2, end2) = first, second
    by_type = _specs_by_type(spec)
    for record in records:
        specs = by_type.get(get(record, "type"))
        if specs is None:
            continue
        for i, day, group, sums, excluded in specs:
            when = str(get(record, day))
            if start <= when <= end:
                counted = figures[0]
            elif start2 <= when <= end2:
                counted = figures[1]
            else:
                continue
            if excluded and str(get(record, "status")) in excluded:
                continue
            key = f"{i}:{get(record, group) if group else ''}"
            counted[f"{key}:n"] += 1
            for name in sums:
                counted[f"{key}:{name}"] += get(record, name) or 0
    return dict(figures[0]), dict(figures[1])


def digest(figures: Figures) -> str:
    """A short fingerprint of the figures, so that the runner can compare engines."""
    text = json.dumps({k: v for k, v in sorted(figures.items()) if v}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _lines(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as f:
        yield from f


# -- the floor ------------------------------------------------------------------------------


def floor(path: Path) -> Figures:
    import orjson

    return _count((orjson.loads(line) for line in _lines(path)), lambda r, name: r.get(name))


def floor_two_periods(path: Path) -> Figures:
    """The floor counting what ``hdnd summary`` counts: the year and the year before.

    The first period's figures are returned (the runner checks them against the
    floor's); the second's are counted all the same.
    """
    import orjson

    records = (orjson.loads(line) for line in _lines(path))
    this_year, _ = _count_two_periods(
        records, lambda r, name: r.get(name), (YEAR_START, YEAR_END), (BASELINE_START, BASELINE_END)
    )
    return this_year


def floor_main_two_periods(path: Path) -> Figures:
    """The narrow floor of issue 13: the main figures (:data:`MAIN_SPEC`), two periods."""
    import orjson

    records = (orjson.loads(line) for line in _lines(path))
    this_year, _ = _count_two_periods(
        records,
        lambda r, name: r.get(name),
        (YEAR_START, YEAR_END),
        (BASELINE_START, BASELINE_END),
        MAIN_SPEC,
    )
    return this_year


def floor_load(path: Path) -> int:
    import orjson

    return len([orjson.loads(line) for line in _lines(path)])


# -- hdnd -----------------------------------------------------------------------------------


def hdnd_summary(path: Path) -> Figures:
    from hdnd.io import iter_values
    from hdnd.periods import Year
    from hdnd.summary import summarize_values

    # the records' checked field values: no record built only to be dropped
    (summary,) = summarize_values(iter_values(path), [Year(year=2027)])
    return _figures_of_summary(summary)


def hdnd_duckdb(path: Path) -> Figures:
    from hdnd.periods import Year
    from hdnd.sql import summarize_file

    (summary,) = summarize_file(path, [Year(year=2027)])
    return _figures_of_summary(summary)


def _figures_of_summary(summary: Any) -> Figures:
    """The SPEC figures, read from an hdnd summary."""
    f = summary.figures
    out: Counter[str] = Counter()

    def counts(i: int, key: str, c: Any, sums: tuple[str, ...]) -> None:
        out[f"{i}:{key}:n"] += c.sessions
        for name in sums:
            out[f"{i}:{key}:{name}"] += getattr(c, name)

    sums = SPEC[0][3]
    for kind, c in f.receptions.by_kind.items():
        counts(0, kind.value, c, sums)
    for host, c in f.receptions.by_host.items():
        counts(1, host, c, sums)
    for i, mapping in (
        (2, f.oversight.by_kind),
        (3, f.oversight.by_body),
        (4, f.petitions.by_kind),
        (5, f.petitions.by_field),
        (6, f.petitions.by_status),
        (7, f.voter_petitions.by_status),
        (8, f.voter_petitions.by_sector),
        (10, f.sessions.by_kind),
    ):
        for key, n in mapping.items():
            out[f"{i}:{getattr(key, 'value', key)}:n"] += n
    for kind, n in f.meetings.by_kind.items():
        out[f"9:{kind.value}:n"] += n
    # attendees/opinions are only recorded on voter meetings in the generated data
    out["9:voter_meeting:attendees"] += f.meetings.attendees
    out["9:voter_meeting:opinions"] += f.meetings.opinions
    out["11::n"] += f.resolutions.total
    return dict(out)


def hdnd_load(path: Path) -> int:
    import hdnd

    return sum(hdnd.load(path).counts().values())


def hdnd_stream(path: Path) -> int:
    import hdnd

    return sum(1 for _ in hdnd.iter_records(path))


def hdnd_dump(path: Path) -> int:
    import hdnd

    dataset = hdnd.load(path)
    out = path.with_name(path.stem + ".out.jsonl")
    started = time.perf_counter()
    hdnd.dump(dataset, out)
    _TIMED["seconds"] = time.perf_counter() - started  # the writing alone
    out.unlink()
    return sum(dataset.counts().values())


def hdnd_cli(path: Path, *options: str) -> int:
    command = [sys.executable, "-m", "hdnd", "summary", str(path), "--period", "năm 2027"]
    return len(subprocess.run([*command, *options], check=True, capture_output=True).stdout)


def hdnd_cli_json(path: Path) -> int:
    """The command as issue 13 measures it: all councils, the default comparison, JSON."""
    return hdnd_cli(path, "--format", "json")


def hdnd_cli_json_duckdb(path: Path) -> int:
    return hdnd_cli(path, "--format", "json", "--engine", "duckdb")


def parquet_folder(path: Path) -> Path:
    """The Parquet folder of a ``.jsonl`` file, ``hdnd convert`` made (the runner makes it)."""
    return path.with_suffix(".parquet")


def hdnd_cli_json_parquet(path: Path) -> int:
    return hdnd_cli_json(parquet_folder(path))


def hdnd_cli_json_parquet_duckdb(path: Path) -> int:
    return hdnd_cli_json_duckdb(parquet_folder(path))


# -- pydantic v2 ----------------------------------------------------------------------------


def _pydantic_adapter() -> Any:
    import datetime as dt
    from typing import Annotated, Literal

    from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

    Id = Annotated[str, Field(min_length=1)]
    Count = Annotated[int, Field(ge=0)]

    class Model(BaseModel):
        model_config = ConfigDict(frozen=True, extra="forbid", strict=False)

    class Header(Model):
        type: Literal["header"]
        schema_version: int

    class Council(Model):
        type: Literal["council"]
        id: Id
        name: Id
        level: Literal["province", "district", "commune"]
        unit_type: str
        unit_code: str | None = None
        parent_id: str | None = None
        term: str | None = None

    class Body(Model):
        type: Literal["body"]
        id: Id
        council_id: Id
        kind: Literal["standing_committee", "committee", "delegate_group"]
        committee_field: str | None = None
        name: str | None = None

    class Reception(Model):
        type: Literal["reception"]
        id: Id
        council_id: Id
        date: dt.date
        kind: Literal["periodic", "unscheduled", "routine"]
        host_body_id: str | None = None
        host_person_id: str | None = None
        place: str | None = None
        turns: Count
        persons: Count
        cases: Count
        mass_groups: Count = 0

    class Petition(Model):
        type: Literal["petition"]
        id: Id
        council_id: Id
        received: dt.date
        kind: Literal["complaint", "denunciation", "recommendation", "feedback"]
        field: str
        status: str
        duplicate: bool = False
        eligible: bool = True

    class VoterPetition(Model):
        type: Literal["voter_petition"]
        id: Id
        council_id: Id
        received: dt.date
        status: str
        field: str | None = None
        sector: str | None = None
        jurisdiction: str | None = None

    class Oversight(Model):
        type: Literal["oversight"]
        id: Id
        council_id: Id
        body_id: Id
        kind: Literal["thematic", "routine", "ad_hoc", "survey"]
        subject: Id
        start: dt.date
        unannounced: bool = False
        status: str = "completed"

    class Meeting(Model):
        type: Literal["meeting"]
        id: Id
        council_id: Id
        kind: str
        date: dt.date
        attendees: Count | None = None
        opinions: Count | None = None

    class Resolution(Model):
        type: Literal["resolution"]
        id: Id
        council_id: Id
        number: Id
        date: dt.date
        title: Id

    class Session(Model):
        type: Literal["session"]
        id: Id
        council_id: Id
        number: Annotated[int, Field(ge=1)]
        kind: str
        start: dt.date

    Record = Annotated[
        Header
        | Council
        | Body
        | Reception
        | Petition
        | VoterPetition
        | Oversight
        | Meeting
        | Resolution
        | Session,
        Field(discriminator="type"),
    ]
    return TypeAdapter(Record)


def pydantic(path: Path) -> Figures:
    adapter = _pydantic_adapter()
    return _count(
        (adapter.validate_json(line) for line in _lines(path)), lambda r, n: getattr(r, n, None)
    )


def pydantic_load(path: Path) -> int:
    adapter = _pydantic_adapter()
    return len([adapter.validate_json(line) for line in _lines(path)])


def pydantic_dump(path: Path) -> int:
    adapter = _pydantic_adapter()
    records = [adapter.validate_json(line) for line in _lines(path)]
    out = path.with_name(path.stem + ".out.jsonl")
    started = time.perf_counter()
    with open(out, "wb") as f:
        for record in records:
            f.write(record.model_dump_json(exclude_defaults=True).encode() + b"\n")
    _TIMED["seconds"] = time.perf_counter() - started
    out.unlink()
    return len(records)


# -- msgspec --------------------------------------------------------------------------------


def _msgspec_decoder() -> Any:
    import datetime as dt
    from typing import Annotated, Literal

    import msgspec

    Id = Annotated[str, msgspec.Meta(min_length=1)]
    Count = Annotated[int, msgspec.Meta(ge=0)]

    class Base(msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag_field="type"):
        pass

    class Header(Base, tag="header"):
        schema_version: int

    class Council(Base, tag="council"):
        id: Id
        name: Id
        level: Literal["province", "district", "commune"]
        unit_type: str
        unit_code: str | None = None
        parent_id: str | None = None
        term: str | None = None

    class Body(Base, tag="body"):
        id: Id
        council_id: Id
        kind: Literal["standing_committee", "committee", "delegate_group"]
        committee_field: str | None = None
        name: str | None = None

    class Reception(Base, tag="reception"):
        id: Id
        council_id: Id
        date: dt.date
        kind: Literal["periodic", "unscheduled", "routine"]
        turns: Count
        persons: Count
        cases: Count
        host_body_id: str | None = None
        host_person_id: str | None = None
        place: str | None = None
        mass_groups: Count = 0

    class Petition(Base, tag="petition"):
        id: Id
        council_id: Id
        received: dt.date
        kind: Literal["complaint", "denunciation", "recommendation", "feedback"]
        field: str
        status: str
        duplicate: bool = False
        eligible: bool = True

    class VoterPetition(Base, tag="voter_petition"):
        id: Id
        council_id: Id
        received: dt.date
        status: str
        field: str | None = None
        sector: str | None = None
        jurisdiction: str | None = None

    class Oversight(Base, tag="oversight"):
        id: Id
        council_id: Id
        body_id: Id
        kind: Literal["thematic", "routine", "ad_hoc", "survey"]
        subject: Id
        start: dt.date
        unannounced: bool = False
        status: str = "completed"

    class Meeting(Base, tag="meeting"):
        id: Id
        council_id: Id
        kind: str
        date: dt.date
        attendees: Count | None = None
        opinions: Count | None = None

    class Resolution(Base, tag="resolution"):
        id: Id
        council_id: Id
        number: Id
        date: dt.date
        title: Id

    class Session(Base, tag="session"):
        id: Id
        council_id: Id
        number: Annotated[int, msgspec.Meta(ge=1)]
        kind: str
        start: dt.date

    Record = (
        Header
        | Council
        | Body
        | Reception
        | Petition
        | VoterPetition
        | Oversight
        | Meeting
        | Resolution
        | Session
    )
    return msgspec.json.Decoder(Record)


def msgspec_(path: Path) -> Figures:
    decoder = _msgspec_decoder()

    def get(record: Any, name: str) -> Any:
        return type(record).__struct_config__.tag if name == "type" else getattr(record, name, None)

    return _count((decoder.decode(line) for line in _lines(path)), get)


# -- pandas, polars, DuckDB: whole-table engines ----------------------------------------------


def pandas(path: Path) -> Figures:
    import pandas as pd

    frame = pd.read_json(path, lines=True, dtype=False)
    figures: Figures = {}
    for i, (tag, day, group, sums, excluded) in enumerate(SPEC):
        rows = frame[frame["type"] == tag]
        when = rows[day].astype(str)
        rows = rows[(when >= YEAR_START) & (when <= YEAR_END)]
        if excluded:
            rows = rows[~rows["status"].isin(excluded)]
        keys = rows[group].fillna("") if group else pd.Series("", index=rows.index)
        grouped = rows.assign(_key=keys).groupby("_key")
        for key, n in grouped.size().items():
            figures[f"{i}:{key}:n"] = int(n)
        for name in sums:
            for key, total in grouped[name].sum().items():
                figures[f"{i}:{key}:{name}"] = int(total)
    return figures


def polars(path: Path) -> Figures:
    import polars as pl

    frame = pl.scan_ndjson(path, infer_schema_length=None)
    figures: Figures = {}
    for i, (tag, day, group, sums, excluded) in enumerate(SPEC):
        rows = frame.filter(
            (pl.col("type") == tag)
            & (pl.col(day).cast(pl.Utf8) >= YEAR_START)
            & (pl.col(day).cast(pl.Utf8) <= YEAR_END)
        )
        if excluded:
            rows = rows.filter(~pl.col("status").is_in(list(excluded)))
        key = pl.col(group).fill_null("") if group else pl.lit("")
        aggregates = [pl.len().alias("n")] + [pl.col(s).fill_null(0).sum().alias(s) for s in sums]
        for row in rows.group_by(key.alias("_key")).agg(aggregates).collect().iter_rows(named=True):
            for name in ("n", *sums):
                figures[f"{i}:{row['_key']}:{name}"] = int(row[name])
    return figures


def duckdb(path: Path) -> Figures:
    import duckdb as db

    connection = db.connect()
    connection.execute(
        f"CREATE TABLE records AS SELECT * FROM read_json_auto('{path}', "
        "format='newline_delimited', union_by_name=true, sample_size=-1)"
    )
    figures: Figures = {}
    for i, (tag, day, group, sums, excluded) in enumerate(SPEC):
        key = f"coalesce(CAST({group} AS VARCHAR), '')" if group else "''"
        totals = "".join(f", sum(coalesce({s}, 0))" for s in sums)
        where = f"type = '{tag}' AND CAST({day} AS VARCHAR) BETWEEN '{YEAR_START}' AND '{YEAR_END}'"
        if excluded:
            where += " AND status NOT IN (" + ", ".join(f"'{s}'" for s in excluded) + ")"
        query = f"SELECT {key}, count(*){totals} FROM records WHERE {where} GROUP BY 1"
        for row in connection.execute(query).fetchall():
            figures[f"{i}:{row[0]}:n"] = int(row[1])
            for name, total in zip(sums, row[2:], strict=True):
                figures[f"{i}:{row[0]}:{name}"] = int(total)
    return figures


_TIMED: dict[str, float] = {}

CASES: dict[str, Callable[[Path], Any]] = {
    "floor: orjson + dict counting": floor,
    "floor: orjson + dict counting, 2 periods": floor_two_periods,
    "floor: orjson + main counts, 2 periods": floor_main_two_periods,
    "floor: orjson load, GC paused": floor_load,
    "floor: orjson load": floor_load,
    "hdnd: summarize streaming": hdnd_summary,
    "hdnd: summarize, DuckDB engine": hdnd_duckdb,
    "hdnd: hdnd summary (process)": hdnd_cli,
    "hdnd: hdnd summary --format json (process)": hdnd_cli_json,
    "hdnd: ... json, DuckDB engine (process)": hdnd_cli_json_duckdb,
    "hdnd: ... json, Parquet (process)": hdnd_cli_json_parquet,
    "hdnd: ... json, Parquet, DuckDB engine (process)": hdnd_cli_json_parquet_duckdb,
    "hdnd: stream .jsonl": hdnd_stream,
    "hdnd: load .jsonl into a Dataset": hdnd_load,
    "hdnd: dump .jsonl": hdnd_dump,
    "pydantic v2: summary": pydantic,
    "pydantic v2: load": pydantic_load,
    "pydantic v2: dump .jsonl": pydantic_dump,
    "msgspec: summary": msgspec_,
    "pandas: summary": pandas,
    "polars: summary": polars,
    "duckdb: summary": duckdb,
}
SUMMARIES = {
    name
    for name, fn in CASES.items()
    if fn
    in (
        floor,
        floor_two_periods,
        hdnd_summary,
        hdnd_duckdb,
        pydantic,
        msgspec_,
        pandas,
        polars,
        duckdb,
    )
}


def main() -> None:
    name, path = sys.argv[1], Path(sys.argv[2])
    if name.endswith("GC paused"):
        gc.disable()
    started = time.perf_counter()
    result = CASES[name](path)
    seconds = _TIMED.get("seconds", time.perf_counter() - started)
    figures = digest(result) if isinstance(result, dict) else None
    print(json.dumps({"case": name, "seconds": seconds, "figures": figures}))


if __name__ == "__main__":
    main()
