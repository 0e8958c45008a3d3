"""The report sections of format 2: questions, recommendations, confidence votes, deputies,
what sessions examined, voter petitions by channel, answered and carried over, petitions answered.

Each test builds the figures by hand (literal values, some of them the real ones GLOSSARY.md
section 9 quotes) and writes the sentences it expects by hand, in the register of the
source report: nothing here is the output of the code under test.
"""

from __future__ import annotations

import io
import typing
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hdnd
import hdnd.report
from hdnd.comparison import figures_of
from hdnd.enums import Level
from hdnd.report import MAIN_FIGURES, Lang, render, rows
from hdnd.report.docx import write_docx
from hdnd.report.labels import WORDS, figure_label
from hdnd.summary import (
    ConfidenceVoteFigures,
    DeputyFigures,
    Figures,
    PetitionFigures,
    QuestionFigures,
    RecommendationFigures,
    SessionFigures,
    Summary,
    VoterPetitionFigures,
)

Q1_2023 = hdnd.parse_period("quý I/2023")
CITY = {"tp": "HĐND thành phố"}
LANGS: tuple[Lang, ...] = ("vi", "en")


def summary(figures: Figures, period: str = "quý I/2023") -> Summary:
    """The city council's summary with these figures."""
    return Summary(
        period=hdnd.parse_period(period),
        council_id="tp",
        with_subordinates=False,
        councils=("tp",),
        figures=figures,
        names=CITY,
    )


# What the sections every report has say of a council known to have done none of it: the
# figures below hold one section each, so these paragraphs are left out of what is compared.
NOTHING = {
    "vi": (
        "Trong quý I/2023, HĐND thành phố không triển khai cuộc giám sát nào.",
        "Thường trực HĐND thành phố không tổ chức buổi tiếp công dân nào.",
        "HĐND thành phố không tiếp nhận đơn thư nào.",
        "HĐND thành phố không tiếp nhận ý kiến, kiến nghị cử tri nào.",
        "HĐND thành phố không tổ chức kỳ họp, không ban hành nghị quyết.",
    ),
    "en": (
        "In Q1 2023, HĐND thành phố conducted no oversight activity.",
        "The standing committees of HĐND thành phố held no citizen reception session.",
        "HĐND thành phố received no petition.",
        "HĐND thành phố received no voter petition.",
        "HĐND thành phố held no session and passed no resolution.",
    ),
}
UNCHANGED = (" (bằng cùng kỳ)", " (unchanged on the same period last year)")


def prose(figures: Figures, lang: Lang, before: Figures | None = None) -> list[str]:
    """The paragraphs of the prose after its heading, but those of :data:`NOTHING`;
    compared with ``before`` if given."""
    now = summary(figures)
    comparison = None
    if before is not None:
        comparison = hdnd.compare(now, summary(before, "quý I/2022"))
    text = render(now, comparison, lang=lang)
    return [p for p in text.split("\n\n")[1:] if _unchanged(p) not in NOTHING[lang]]


def _unchanged(paragraph: str) -> str:
    for words in UNCHANGED:
        paragraph = paragraph.replace(words, "")
    return paragraph


# -- questions (chất vấn) -------------------------------------------------------------------

QUESTIONS = Figures(
    questions=QuestionFigures(
        questions=29,
        topics=2,
        respondents=6,
        by_answer={"direct": 10, "written": 15, "pending": 4},
        by_topic={"Đất đai": 20, "Giao thông": 9},
    )
)
# the same period last year: 24 questions, so 5 more this year
QUESTIONS_BEFORE = Figures(questions=QuestionFigures(questions=24, by_answer={"direct": 24}))


def test_questions_in_vietnamese() -> None:
    assert prose(QUESTIONS, "vi", QUESTIONS_BEFORE) == [
        "Về hoạt động chất vấn, HĐND thành phố có 29 lượt đại biểu chất vấn (tăng 5 lượt so "
        "cùng kỳ) về 2 nhóm vấn đề, với 6 người trả lời chất vấn; trong đó: 10 ý kiến được "
        "trả lời trực tiếp; 15 ý kiến được trả lời bằng văn bản; 4 ý kiến chưa được trả lời."
    ]


def test_questions_in_english() -> None:
    assert prose(QUESTIONS, "en", QUESTIONS_BEFORE) == [
        "In questioning at HĐND thành phố, deputies put 29 questions (up 5 questions on the "
        "same period last year) on 2 groups of issues to 6 respondents; of these: 10 answered "
        "directly; 15 answered in writing; 4 not yet answered."
    ]


def test_one_question_answered_directly() -> None:
    one = Figures(
        questions=QuestionFigures(questions=1, topics=1, respondents=1, by_answer={"direct": 1})
    )
    assert prose(one, "vi") == [
        "Về hoạt động chất vấn, HĐND thành phố có 1 lượt đại biểu chất vấn về 1 nhóm vấn đề, "
        "với 1 người trả lời chất vấn; trong đó: 1 ý kiến được trả lời trực tiếp."
    ]
    assert prose(one, "en") == [
        "In questioning at HĐND thành phố, deputies put 1 question on 1 group of issues to "
        "1 respondent; of these: 1 answered directly."
    ]


def test_no_comparison_with_a_period_whose_figures_are_unknown() -> None:
    # no question in the same period last year and no coverage of them (FORMAT.md, "What a
    # figure of zero means"): unknown, so no "tăng 29 lượt" against it
    (vi,) = prose(QUESTIONS, "vi", Figures(questions=None))
    assert vi.startswith(
        "Về hoạt động chất vấn, HĐND thành phố có 29 lượt đại biểu chất vấn (chưa có số liệu "
        "cùng kỳ) về 2 nhóm vấn đề"
    )
    (en,) = prose(QUESTIONS, "en", Figures(questions=None))
    assert en.startswith(
        "In questioning at HĐND thành phố, deputies put 29 questions (no figures for the same "
        "period last year) on 2 groups of issues"
    )
    assert "tăng" not in vi
    assert " up " not in en


def test_a_comparison_with_a_period_known_to_hold_none() -> None:
    # the same period last year is covered and held no question: the change is real
    (vi,) = prose(QUESTIONS, "vi", Figures())
    assert "29 lượt đại biểu chất vấn (tăng 29 lượt so cùng kỳ)" in vi


# -- recommendations after oversight (kiến nghị sau giám sát) ---------------------------------

RECOMMENDATIONS = Figures(
    recommendations=RecommendationFigures(
        issued=12, by_status={"done": 9, "in_progress": 3}, done=9, overdue=3
    )
)
RECOMMENDATIONS_BEFORE = Figures(
    recommendations=RecommendationFigures(issued=10, by_status={"done": 10}, done=10)
)


def test_recommendations_in_vietnamese() -> None:
    assert prose(RECOMMENDATIONS, "vi", RECOMMENDATIONS_BEFORE) == [
        "HĐND thành phố đã ban hành 12 kiến nghị sau giám sát (tăng 2 kiến nghị so cùng kỳ). "
        "Tính đến ngày 31/03/2023, 9/12 kiến nghị đã được thực hiện (đạt 75%); còn 3 kiến "
        "nghị sau giám sát quá hạn chưa được thực hiện (kể cả kiến nghị ban hành từ các kỳ "
        "trước)."
    ]


def test_recommendations_in_english() -> None:
    assert prose(RECOMMENDATIONS, "en", RECOMMENDATIONS_BEFORE) == [
        "HĐND thành phố issued 12 recommendations after oversight (up 2 recommendations on "
        "the same period last year). By 31/03/2023, 9/12 had been carried out (75%); "
        "3 recommendations after oversight, including earlier ones, were overdue and not "
        "yet carried out."
    ]


def test_the_national_share_is_written_the_vietnamese_way() -> None:
    # GLOSSARY.md: 9.618/13.273 recommendations carried out in 2023; 9618/13273 = 72.4629...%
    national = Figures(
        recommendations=RecommendationFigures(
            issued=13273, by_status={"done": 9618, "pending": 3655}, done=9618
        )
    )
    (vi,) = prose(national, "vi")
    assert "9.618/13.273 kiến nghị đã được thực hiện (đạt 72,46%)." in vi
    (en,) = prose(national, "en")
    assert "9,618/13,273 had been carried out (72.46%)." in en


def test_overdue_recommendations_issued_in_earlier_periods() -> None:
    earlier = Figures(recommendations=RecommendationFigures(overdue=1))
    assert prose(earlier, "vi") == [
        "Tính đến ngày 31/03/2023, còn 1 kiến nghị sau giám sát quá hạn chưa được thực hiện."
    ]
    assert prose(earlier, "en") == [
        "By 31/03/2023, 1 recommendation after oversight was overdue and not yet carried out."
    ]


def test_recommendations_none_carried_out_yet() -> None:
    issued = Figures(recommendations=RecommendationFigures(issued=4, by_status={"pending": 4}))
    assert prose(issued, "vi") == ["HĐND thành phố đã ban hành 4 kiến nghị sau giám sát."]
    assert prose(issued, "en") == ["HĐND thành phố issued 4 recommendations after oversight."]


# -- confidence votes (lấy phiếu tín nhiệm) ---------------------------------------------------

VOTES = Figures(
    confidence_votes=ConfidenceVoteFigures(
        assessed=29, high_majority=28, low_half=1, low_two_thirds=1
    )
)


def test_confidence_votes_in_vietnamese() -> None:
    assert prose(VOTES, "vi") == [
        "HĐND thành phố đã lấy phiếu tín nhiệm đối với 29 người giữ chức vụ do HĐND bầu; "
        "28/29 người có trên 50% phiếu tín nhiệm cao; 1 người có từ 50% phiếu tín nhiệm "
        "thấp trở lên, trong đó 1 người có từ hai phần ba phiếu tín nhiệm thấp trở lên."
    ]


def test_confidence_votes_in_english() -> None:
    assert prose(VOTES, "en") == [
        "HĐND thành phố held a confidence vote on 29 persons holding posts elected by the "
        "council: 28/29 received more than 50% high-confidence ballots; 1 received at least "
        "50% low-confidence ballots, 1 of them at least two thirds."
    ]


def test_confidence_votes_with_none_rated_low() -> None:
    trusted = Figures(confidence_votes=ConfidenceVoteFigures(assessed=7, high_majority=7))
    assert prose(trusted, "vi") == [
        "HĐND thành phố đã lấy phiếu tín nhiệm đối với 7 người giữ chức vụ do HĐND bầu; "
        "7/7 người có trên 50% phiếu tín nhiệm cao."
    ]


# -- deputies (đại biểu) -------------------------------------------------------------------


DEPUTIES = Figures(
    deputies=DeputyFigures(
        in_office=92,
        started=1,
        ended=2,
        by_end_reason={"transferred": 1, "deceased": 1},
        full_time=12,
    )
)


def test_deputies_in_vietnamese() -> None:
    assert prose(DEPUTIES, "vi") == [
        "Tính đến ngày 31/03/2023, HĐND thành phố có 92 đại biểu, trong đó 12 đại biểu hoạt "
        "động chuyên trách. Trong quý I/2023, 1 đại biểu bắt đầu làm nhiệm vụ, 2 đại biểu "
        "thôi làm nhiệm vụ (1 đại biểu từ trần, 1 đại biểu chuyển công tác)."
    ]


def test_deputies_in_english() -> None:
    assert prose(DEPUTIES, "en") == [
        "As of 31/03/2023, HĐND thành phố had 92 deputies, 12 of them full-time. In Q1 2023, "
        "1 deputy took office and 2 deputies left office (deceased: 1, transferred: 1)."
    ]


def test_deputies_who_left_some_without_a_reason() -> None:
    # GLOSSARY.md: 94 deputies, 2 stepped down -> 92; one reason recorded of the two
    left = Figures(deputies=DeputyFigures(in_office=92, ended=2, by_end_reason={"resigned": 1}))
    assert prose(left, "vi") == [
        "Tính đến ngày 31/03/2023, HĐND thành phố có 92 đại biểu. Trong quý I/2023, "
        "2 đại biểu thôi làm nhiệm vụ (trong đó 1 đại biểu xin thôi làm nhiệm vụ)."
    ]
    assert prose(left, "en") == [
        "As of 31/03/2023, HĐND thành phố had 92 deputies. In Q1 2023, 2 deputies left "
        "office (of whom resigned: 1)."
    ]


def test_deputies_of_two_levels_at_the_end_of_a_year() -> None:
    city, communes = (
        Figures(deputies=DeputyFigures(in_office=40, full_time=5)),
        Figures(deputies=DeputyFigures(in_office=250, full_time=20)),
    )
    year = Summary(
        period=hdnd.parse_period("năm 2023"),
        council_id="tp",
        with_subordinates=True,
        councils=("tp",),
        figures=city + communes,
        by_level={Level.district: city, Level.commune: communes},
        names=CITY,
    )
    # each level its own sentence; the sections every report has, said once of both
    assert render(year, lang="vi").split("\n\n")[1:] == [
        "Trong năm 2023, HĐND 2 cấp không triển khai cuộc giám sát nào.",
        "Thường trực HĐND 2 cấp không tổ chức buổi tiếp công dân nào.",
        "HĐND 2 cấp không tiếp nhận đơn thư nào.",
        "HĐND 2 cấp không tiếp nhận ý kiến, kiến nghị cử tri nào.",
        "HĐND 2 cấp không tổ chức kỳ họp, không ban hành nghị quyết.",
        "Tính đến ngày 31/12/2023, HĐND thành phố có 40 đại biểu, trong đó 5 đại biểu hoạt "
        "động chuyên trách. HĐND cấp xã có 250 đại biểu, trong đó 20 đại biểu hoạt động "
        "chuyên trách.",
    ]


# -- what sessions examined; voter petitions; petitions answered ----------------------------


def test_reports_and_draft_resolutions_examined() -> None:
    sessions = Figures(
        sessions=SessionFigures(total=1, by_kind={"regular": 1}, reports=27, drafts=20)
    )
    assert prose(sessions, "vi") == [
        "HĐND thành phố tổ chức 1 kỳ họp thường lệ, xem xét 27 báo cáo và 20 dự thảo nghị "
        "quyết, không ban hành nghị quyết."
    ]
    assert prose(sessions, "en") == [
        "HĐND thành phố held 1 session (regular: 1), examining 27 reports and 20 draft "
        "resolutions, and passed no resolution."
    ]
    drafts_only = Figures(sessions=SessionFigures(total=1, by_kind={"thematic": 1}, drafts=3))
    assert prose(drafts_only, "vi") == [
        "HĐND thành phố tổ chức 1 kỳ họp chuyên đề, xem xét 3 dự thảo nghị quyết, không ban "
        "hành nghị quyết."
    ]


VOTER_PETITIONS = Figures(
    voter_petitions=VoterPetitionFigures(
        received=139,
        by_status={"resolved": 109, "unresolved": 14, "in_progress": 16},
        by_channel={"before_session": 80, "after_session": 50, "other": 9},
        answered=77,
        carried_over=41,
    )
)


def test_voter_petitions_in_vietnamese() -> None:
    assert prose(VOTER_PETITIONS, "vi") == [
        "HĐND thành phố tổng hợp 139 ý kiến, kiến nghị cử tri: 16 đang giải quyết; 109 đã "
        "giải quyết xong; 14 chưa giải quyết được. Trong đó, 80 ý kiến, kiến nghị được tiếp "
        "nhận trước kỳ họp, 50 sau kỳ họp, 9 qua các kênh khác. Có 41 ý kiến, kiến nghị tồn "
        "đọng từ các kỳ trước chuyển sang; trong quý I/2023, đã có 77 ý kiến, kiến nghị được "
        "trả lời, giải quyết."
    ]


def test_voter_petitions_in_english() -> None:
    assert prose(VOTER_PETITIONS, "en") == [
        "HĐND thành phố compiled 139 voter petitions: in progress: 16; resolved: 109; "
        "unresolved: 14. Of these, 80 were raised before sessions, 50 after sessions, 9 "
        "through other channels. 41 voter petitions were carried over unanswered from earlier "
        "periods; in Q1 2023, 77 were answered or resolved."
    ]


def test_voter_petitions_answered_with_none_received() -> None:
    answered = Figures(voter_petitions=VoterPetitionFigures(answered=5))
    assert prose(answered, "vi") == [
        "HĐND thành phố không tiếp nhận ý kiến, kiến nghị cử tri nào. Trong quý I/2023, đã "
        "có 5 ý kiến, kiến nghị được trả lời, giải quyết."
    ]
    assert prose(answered, "en") == [
        "HĐND thành phố received no voter petition. In Q1 2023, 5 voter petitions were "
        "answered or resolved."
    ]
    carried = Figures(voter_petitions=VoterPetitionFigures(carried_over=1))
    assert prose(carried, "en") == [
        "HĐND thành phố received no voter petition. 1 voter petition was carried over "
        "unanswered from earlier periods."
    ]


def test_petitions_answered() -> None:
    answered = Figures(
        petitions=PetitionFigures(
            received=3, by_kind={"complaint": 3}, by_status={"resolved": 3}, answered=77
        )
    )
    assert prose(answered, "vi") == [
        "HĐND thành phố tiếp nhận 3 đơn thư, gồm 3 đơn khiếu nại; đã xử lý 3/3 đơn. Kết quả: "
        "đã giải quyết 3 đơn. Trong quý I/2023, cơ quan có thẩm quyền đã có văn bản trả lời "
        "77 đơn."
    ]
    assert prose(answered, "en") == [
        "HĐND thành phố received 3 petitions (complaint: 3); 3/3 were handled. By status: "
        "resolved: 3. In Q1 2023, the competent authorities sent written answers to 77 "
        "petitions."
    ]


# -- a period with nothing in it ------------------------------------------------------------


def test_no_figures_one_sentence() -> None:
    assert prose(Figures(), "vi") == [
        "Trong quý I/2023, chưa có số liệu về hoạt động của HĐND thành phố."
    ]
    assert prose(Figures(), "en") == [
        "In Q1 2023, no figures were recorded on the activity of HĐND thành phố."
    ]


def _v2(figures: dict[str, Any]) -> Figures:
    return Figures(
        questions=QuestionFigures(
            questions=figures["questions"],
            topics=figures["topics"],
            respondents=figures["respondents"],
        ),
        recommendations=RecommendationFigures(
            issued=figures["issued"], done=figures["done"], overdue=figures["overdue"]
        ),
        confidence_votes=ConfidenceVoteFigures(
            assessed=figures["assessed"],
            high_majority=figures["high"],
            low_half=figures["low"],
            low_two_thirds=figures["low"],
        ),
        deputies=DeputyFigures(
            in_office=figures["in_office"], started=figures["started"], ended=figures["ended"]
        ),
        sessions=SessionFigures(reports=figures["reports"], drafts=figures["drafts"]),
        voter_petitions=VoterPetitionFigures(
            answered=figures["answered"], carried_over=figures["carried_over"]
        ),
        petitions=PetitionFigures(answered=figures["answered"]),
    )


NAMES = [
    "questions",
    "topics",
    "respondents",
    "issued",
    "done",
    "overdue",
    "assessed",
    "high",
    "low",
    "in_office",
    "started",
    "ended",
    "reports",
    "drafts",
    "answered",
    "carried_over",
]


@given(st.fixed_dictionaries({name: st.integers(0, 2) for name in NAMES}))
def test_zero_figures_are_left_out(figures: dict[str, Any]) -> None:
    for lang in LANGS:
        text = render(summary(_v2(figures)), lang=lang)
        for written in (" 0 ", " 0/", "/0 ", "{", "  "):
            assert written not in text


# -- words for every figure; the table and the printed reports -------------------------------


def _every_figure() -> Figures:
    """Figures with a key ("x") in every count by free text (hosts, bodies, topics, sectors)."""
    sections = {}
    for name, group in typing.get_type_hints(Figures).items():
        cls = typing.get_args(group)[0]  # X of X | None
        free = {
            field: {"x": typing.get_args(kind)[1]()}
            for field, kind in typing.get_type_hints(cls).items()
            if typing.get_origin(kind) is dict and typing.get_args(kind)[0] is str
        }
        sections[name] = cls(**free)
    return Figures(**sections)


def test_every_figure_has_words_in_both_languages() -> None:
    paths = [path for path, _ in figures_of(_every_figure())]
    for section in ("deputies", "questions", "recommendations", "confidence_votes"):
        assert any(path[0] == section for path in paths)
    assert ("questions", "by_topic", "x") in paths
    for path in paths:
        for lang in LANGS:
            label = figure_label(path, lang)
            words = label.split(" › ")
            assert len(words) == len(path), label
            assert all(words), label
            # no raw identifier in Vietnamese, save the free key "x"
            if lang == "vi":
                assert not any("_" in word for word in words), label


def test_the_words_of_some_new_figures() -> None:
    assert figure_label(("questions", "questions"), "vi") == "Chất vấn › lượt chất vấn"
    assert figure_label(("deputies", "in_office"), "vi") == "Đại biểu HĐND › số đại biểu cuối kỳ"
    assert figure_label(("recommendations", "done"), "en") == (
        "Recommendations after oversight › carried out"
    )
    assert figure_label(("deputies", "by_end_reason", "deceased"), "vi") == (
        "Đại biểu HĐND › theo lý do thôi làm nhiệm vụ › từ trần"
    )
    # reception counts keep their own word for "sessions"
    assert figure_label(("receptions", "total", "sessions"), "vi") == "Tiếp công dân › tổng › buổi"
    assert all(isinstance(vi, str) and isinstance(en, str) for vi, en in WORDS.values())


def test_the_table_and_csv_label_the_new_figures() -> None:
    table = render(summary(QUESTIONS + RECOMMENDATIONS), format="markdown")
    assert "| Chất vấn › lượt chất vấn | 29 |" in table
    assert "| Chất vấn › theo nhóm vấn đề › Đất đai | 20 |" in table
    assert "| Kiến nghị sau giám sát › quá hạn chưa thực hiện | 3 |" in table
    csv = render(summary(DEPUTIES), lang="en", format="csv").splitlines()
    assert "deputies.in_office,Deputies › in office at the period's end,92,,," in csv
    assert "deputies.by_end_reason.deceased,Deputies › by reason for leaving › deceased,1,,," in csv


def test_the_headline_figures_are_main_figures() -> None:
    everything = QUESTIONS + RECOMMENDATIONS + DEPUTIES + VOTES
    main = {
        row["figure"]: row["current"] for row in rows(summary(everything), figures=MAIN_FIGURES)
    }
    assert main == {
        "deputies.in_office": 92,
        "questions.questions": 29,
        "recommendations.issued": 12,
        "recommendations.done": 9,
    }


@pytest.fixture(scope="module")
def everything() -> tuple[Summary, hdnd.Comparison]:
    now = summary(QUESTIONS + RECOMMENDATIONS + DEPUTIES + VOTES + VOTER_PETITIONS)
    then = summary(QUESTIONS_BEFORE + RECOMMENDATIONS_BEFORE, "quý I/2022")
    return now, hdnd.compare(now, then)


def test_the_web_page_has_the_new_paragraphs_and_charts(
    everything: tuple[Summary, hdnd.Comparison],
) -> None:
    page = render(*everything, format="html")
    assert (
        "<p>Về hoạt động chất vấn, HĐND thành phố có 29 lượt đại biểu chất vấn (tăng 5 lượt" in page
    )
    assert "Chất vấn › lượt chất vấn: 29 (quý I/2023), 24 (quý I/2022)" in page
    assert "Đại biểu HĐND › số đại biểu cuối kỳ: 92 (quý I/2023), 0 (quý I/2022)" in page


def test_the_word_report_has_the_new_paragraphs_and_rows(
    everything: tuple[Summary, hdnd.Comparison],
) -> None:
    out = io.BytesIO()
    write_docx(*everything, out)
    document = docx.Document(io.BytesIO(out.getvalue()))
    prose = [p.text for p in document.paragraphs if p.style.name == "Body Text"]
    assert (
        prose[0]
        == "Trong quý I/2023, HĐND thành phố không triển khai cuộc giám sát nào (bằng cùng kỳ)."
    )
    assert prose[1].startswith("HĐND thành phố đã ban hành 12 kiến nghị sau giám sát")
    assert any(
        p.startswith("Tính đến ngày 31/03/2023, HĐND thành phố có 92 đại biểu") for p in prose
    )
    figures = [[cell.text for cell in row.cells[1:]] for row in document.tables[1].rows]
    assert ["Kiến nghị sau giám sát › đã ban hành", "12", "10", "+2 (+20%)"] in figures
    assert ["Chất vấn › lượt chất vấn", "29", "24", "+5 (+20,83%)"] in figures


@pytest.mark.parametrize("lang", LANGS)
def test_the_bundled_prose_runs_the_same_as_a_template_of_ones_own(
    everything: tuple[Summary, hdnd.Comparison], lang: Lang
) -> None:
    # an office starts from a copy of the bundled template, which then runs in the sandbox
    bundled = Path(hdnd.report.__file__).parent / "templates" / f"summary.{lang}.txt.j2"
    own = render(*everything, lang=lang, template=bundled)
    assert own == render(*everything, lang=lang)
    assert ("29 lượt đại biểu chất vấn" if lang == "vi" else "29 questions") in own
