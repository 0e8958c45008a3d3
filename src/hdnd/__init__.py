"""hdnd: typed data, validation and reports for Vietnam's People's Councils (HĐND).

Load a file, check it, write it back:

>>> import hdnd
>>> ds = hdnd.loads('{"schema_version": 1, "people": [{"id": "p1", "full_name": "Dương Thị Huệ"}]}')
>>> ds.people[0].full_name
'Dương Thị Huệ'
>>> hdnd.loads(hdnd.dumps(ds)) == ds
True
"""

import importlib
from typing import TYPE_CHECKING, Any

from hdnd._version import __version__
from hdnd.dataset import Dataset
from hdnd.docnum import DocumentNumber, DocumentType, InvalidDocumentNumber
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
from hdnd.errors import HdndError, InvalidData, InvalidValue, Problem
from hdnd.io import UnsupportedFormat, dump, dumps, iter_records, load, loads
from hdnd.model import (
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
    Record,
    Resolution,
    Session,
    VoterPetition,
)

if TYPE_CHECKING:
    from hdnd.checks import Finding, Severity, check
    from hdnd.comparison import Change, Comparison, baseline, compare
    from hdnd.dates import InvalidDate, format_date, parse_date
    from hdnd.merging import load_merged, merge
    from hdnd.periods import InvalidPeriod, Period, parse_period
    from hdnd.summary import Figures, Summary, summarize, summarize_periods, summarize_records

# Imported when first used, to keep `import hdnd` and `hdnd --help` quick: the checks,
# summaries and comparisons bring in much code that loading a file does not need.
_LAZY = {
    **dict.fromkeys(("Finding", "Severity", "check"), "hdnd.checks"),
    **dict.fromkeys(("Change", "Comparison", "baseline", "compare"), "hdnd.comparison"),
    **dict.fromkeys(("InvalidDate", "format_date", "parse_date"), "hdnd.dates"),
    **dict.fromkeys(("load_merged", "merge"), "hdnd.merging"),
    **dict.fromkeys(("InvalidPeriod", "Period", "parse_period"), "hdnd.periods"),
    **dict.fromkeys(
        ("Figures", "Summary", "summarize", "summarize_periods", "summarize_records"),
        "hdnd.summary",
    ),
}


def __getattr__(name: str) -> Any:
    """Import a name of :data:`_LAZY` on first use (then it is an ordinary attribute).

    >>> import hdnd
    >>> hdnd.parse_period("năm 2023").start
    datetime.date(2023, 1, 1)
    """
    if name not in _LAZY:
        raise AttributeError(f"module 'hdnd' has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "Body",
    "BodyKind",
    "Change",
    "CommitteeField",
    "Comparison",
    "ConfidenceVote",
    "Council",
    "Coverage",
    "Dataset",
    "Deputy",
    "DeputyEndReason",
    "DocumentNumber",
    "DocumentType",
    "Figures",
    "Finding",
    "HdndError",
    "InvalidData",
    "InvalidDate",
    "InvalidDocumentNumber",
    "InvalidPeriod",
    "InvalidValue",
    "Jurisdiction",
    "Level",
    "Meeting",
    "MeetingKind",
    "OversightActivity",
    "OversightKind",
    "OversightStatus",
    "Period",
    "Person",
    "Petition",
    "PetitionField",
    "PetitionKind",
    "PetitionStatus",
    "Position",
    "Problem",
    "Question",
    "QuestionAnswer",
    "ReceptionKind",
    "ReceptionSession",
    "Recommendation",
    "RecommendationStatus",
    "Record",
    "Resolution",
    "Role",
    "Session",
    "SessionKind",
    "Severity",
    "Summary",
    "UnitType",
    "UnsupportedFormat",
    "VoterPetition",
    "VoterPetitionChannel",
    "VoterPetitionStatus",
    "__version__",
    "baseline",
    "check",
    "compare",
    "dump",
    "dumps",
    "format_date",
    "iter_records",
    "load",
    "load_merged",
    "loads",
    "merge",
    "parse_date",
    "parse_period",
    "summarize",
    "summarize_periods",
    "summarize_records",
]
