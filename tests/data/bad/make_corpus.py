"""Write the bad-input corpus beside this file: ``python tests/data/bad/make_corpus.py``.

Every file is made here, so that binary ones (workbooks, zips, legacy encodings) can
be remade and reviewed; the output is committed, and the same run gives the same
bytes (zip members get a fixed date). ``EXPECTED.csv``, written by hand, says what
``hdnd`` must answer for each file; ``tests/test_corpus.py`` checks it. Files too large
to commit (a 200 MB line, a zip of ten thousand members) are made by the tests.

Legacy-encoded text is written as the Windows-1252 characters a person sees when such
a file is opened as Western text ("Héi ®ång nh©n d©n" is TCVN3 for "Hội đồng nhân
dân"), typed from the encodings' tables, not produced by hdnd's own detector tables.
"""

from __future__ import annotations

import copy
import io
import json
import re
import struct
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import hdnd
from hdnd.io.xlsx import write_workbook
from hdnd.spec import spec_of

HERE = Path(__file__).parent
RECEPTIONS = spec_of("receptions").sheet_title
"""The title of the receptions' sheet, as hdnd writes it."""

ZIP_TIME = (1980, 1, 1, 0, 0, 0)

COUNCIL = {
    "id": "tp",
    "name": "HĐND thành phố Bắc Giang",
    "level": "district",
    "unit_type": "provincial_city",
    "term": "2021-2026",
}
PERSON = {"id": "p1", "full_name": "Dương Thị Huệ"}
BODY = {
    "id": "tp-tt",
    "council_id": "tp",
    "kind": "standing_committee",
    "name": "Thường trực HĐND thành phố",
}
POSITION = {"id": "pos1", "person_id": "p1", "body_id": "tp-tt", "role": "chair"}
SESSION = {"id": "s12", "council_id": "tp", "number": 12, "kind": "regular", "start": "2023-03-02"}
RECEPTION = {
    "id": "r1",
    "council_id": "tp",
    "date": "2023-02-14",
    "kind": "periodic",
    "host_body_id": "tp-tt",
    "place": "Trụ sở tiếp công dân thành phố",
    "turns": 74,
    "persons": 144,
    "cases": 74,
}
DOC: dict[str, Any] = {
    "schema_version": 1,
    "councils": [COUNCIL],
    "people": [PERSON],
    "bodies": [BODY],
    "positions": [POSITION],
    "sessions": [SESSION],
    "receptions": [RECEPTION],
}


def doc(**changes: Any) -> dict[str, Any]:
    """The valid document with some collections replaced."""
    return copy.deepcopy(DOC) | changes


def text(value: Any) -> str:
    """A document as people write it: indented, Vietnamese letters as they are."""
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def lines(*records: dict[str, Any]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def tagged(tag: str, record: dict[str, Any]) -> dict[str, Any]:
    return {"type": tag, **record}


STREAM = [
    {"type": "header", "schema_version": 1},
    tagged("council", COUNCIL),
    tagged("person", PERSON),
    tagged("body", BODY),
    tagged("reception", RECEPTION),
]

# The document's Vietnamese text as each legacy encoding's bytes look in Windows-1252.
LEGACY = {
    "tcvn3": {
        COUNCIL["name"]: "H§ND thµnh phè B¾c Giang",
        PERSON["full_name"]: "D\xad\xacng ThÞ HuÖ",
        BODY["name"]: "Th\xadêng trùc H§ND thµnh phè",
        RECEPTION["place"]: "Trô së tiÕp c«ng d©n thµnh phè",
    },
    "vni": {
        COUNCIL["name"]: "HÑND thaønh phoá Baéc Giang",
        PERSON["full_name"]: "Döông Thò Hueä",
        BODY["name"]: "Thöôøng tröïc HÑND thaønh phoá",
        RECEPTION["place"]: "Truï sôû tieáp coâng daân thaønh phoá",
    },
}


def legacy(encoding: str) -> dict[str, bytes]:
    """Each text of the document, and its bytes in ``encoding``."""
    if encoding == "cp1258":  # Python has this one; its table, not hdnd's, writes it
        return {value: cp1258(value) for value in LEGACY["tcvn3"]}  # the same four texts
    return {value: seen.encode("cp1252") for value, seen in LEGACY[encoding].items()}


def cp1258(value: str) -> bytes:
    """Windows-1258 as Windows writes it: a letter the code page has, else base and marks."""
    out = b""
    for ch in unicodedata.normalize("NFC", value):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        for i, mark in enumerate(marks):  # the base with one mark, if the code page has it
            rest = "".join(marks[:i] + marks[i + 1 :])
            try:
                out += unicodedata.normalize("NFC", base + mark).encode("cp1258")
                out += rest.encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            out += (base + "".join(marks)).encode("cp1258")
    return out


def encoded(data: str, encoding: str) -> bytes:
    """``data`` with its Vietnamese text in a legacy encoding (the rest is ASCII)."""
    out = data.encode()
    for value, legacy_bytes in legacy(encoding).items():
        out = out.replace(value.encode(), legacy_bytes)
    assert "Đ".encode() not in out, "some Vietnamese text was left in UTF-8"
    return out


# ------------------------------------------------------------------------- zips


def deterministic(data: bytes) -> bytes:
    """A zip (or workbook) rewritten with fixed dates, so that a rerun gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2023-01-01T00:00:00Z", content
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, content)
    return out.getvalue()


def zip_of(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = method
            archive.writestr(info, content, compresslevel=9)
    return out.getvalue()


def forged_sizes(data: bytes, name: bytes, size: int) -> bytes:
    """A zip whose table of contents says member ``name`` unpacks to ``size`` bytes."""
    at = data.rindex(b"PK\x01\x02", 0, data.index(name, data.index(b"PK\x01\x02")))
    return data[: at + 24] + struct.pack("<I", size) + data[at + 28 :]


def forged_method(data: bytes, name: bytes, method: int) -> bytes:
    """A zip whose member ``name`` claims a compression method zipfile does not have."""
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = data.rindex(signature, 0, data.index(name, data.index(signature)))
        data = data[: at + offset] + struct.pack("<H", method) + data[at + offset + 2 :]
    return data


def bad_crc(data: bytes, name: bytes) -> bytes:
    """A zip whose member ``name`` fails its checksum once unpacked."""
    for signature, offset in ((b"PK\x03\x04", 14), (b"PK\x01\x02", 16)):
        at = data.rindex(signature, 0, data.index(name, data.index(signature)))
        crc = struct.unpack("<I", data[at + offset : at + offset + 4])[0] ^ 0xFFFF
        data = data[: at + offset] + struct.pack("<I", crc) + data[at + offset + 4 :]
    return data


# ------------------------------------------------------------------------- tables

META_CSV = b"schema_version\r\n1\r\n"
COUNCILS_CSV = (
    "id,name,level,unit_type,term\r\n"
    "tp,HĐND thành phố Bắc Giang,district,provincial_city,2021-2026\r\n"
)
RECEPTIONS_HEAD = "id,council_id,date,kind,place,turns,persons,cases\r\n"


def receptions_csv(*rows: str, head: str = RECEPTIONS_HEAD) -> bytes:
    return (head + "".join(row + "\r\n" for row in rows)).encode()


def csv_tables(
    receptions: bytes | None = None, councils: bytes = COUNCILS_CSV.encode()
) -> dict[str, bytes]:
    """The files of CSV tables: the format version, a council, and receptions if given."""
    tables = {"_meta.csv": META_CSV, "councils.csv": councils}
    return tables | ({"receptions.csv": receptions} if receptions is not None else {})


def workbook(
    edit: Callable[[Any], None] | None = None, dataset: dict[str, Any] | None = None
) -> bytes:
    """A workbook as ``hdnd template`` lays it out, holding ``dataset``, edited by ``edit``."""
    from openpyxl import load_workbook

    buf = io.BytesIO()
    write_workbook(hdnd.loads(json.dumps(dataset or doc())), buf)
    if edit is not None:
        book = load_workbook(io.BytesIO(buf.getvalue()))
        edit(book)
        buf = io.BytesIO()
        book.save(buf)
    return deterministic(buf.getvalue())


def replace_part(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    """A workbook with one of its parts (``xl/worksheets/sheet14.xml``) changed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    members = {info.filename: source.read(info) for info in source.infolist()}
    members[part] = change(members[part])
    return zip_of(members)


def sheet_part(data: bytes, title: str) -> str:
    """The zip member holding the sheet ``title`` of a workbook."""
    source = zipfile.ZipFile(io.BytesIO(data))
    book = source.read("xl/workbook.xml").decode()
    rels = source.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet [^>]*name="{title}"[^>]*r:id="(rId\d+)"', book)
    assert rid is not None
    target = re.search(rf'Id="{rid[1]}"[^>]*Target="/?(?:xl/)?([^"]+)"', rels)
    if target is None:
        target = re.search(rf'Target="/?(?:xl/)?([^"]+)"[^>]*Id="{rid[1]}"', rels)
    assert target is not None
    return "xl/" + target[1]


def receptions_sheet(book: Any) -> Any:
    return book[RECEPTIONS]


def merged(book: Any) -> None:
    sheet = receptions_sheet(book)
    for column, value in enumerate(["r2", None, "2023-02-15", "Định kỳ", *[None] * 3, 5, 5, 5], 1):
        if value is not None:
            sheet.cell(4, column, value)
    sheet.merge_cells("B3:B4")  # the council, typed once for two records


def formulas(book: Any) -> None:
    sheet = receptions_sheet(book)
    sheet["H3"] = "=2*37"  # turns: a formula openpyxl cannot compute, so without a result


def extra_sheets(book: Any) -> None:
    notes = book.create_sheet("Ghi chú")
    notes["A1"] = "Số liệu quý I/2023, chưa kiểm tra"
    misspelt = book.create_sheet("receptons")
    misspelt["A1"] = "id"


def hidden_sheet(book: Any) -> None:
    sheet = receptions_sheet(book)
    sheet.sheet_state = "hidden"
    sheet["H3"] = -4  # turns


def huge_number(book: Any) -> None:
    receptions_sheet(book)["H3"] = 1e300  # turns


def text_date(book: Any) -> None:
    receptions_sheet(book)["C3"] = "29/02/2023"


def wide_row(book: Any) -> None:
    receptions_sheet(book)["XFD3"] = "ghi chú"


def formula_result(part: bytes) -> bytes:
    """A sheet whose formula has the result a spreadsheet program saves with it."""
    return re.sub(rb"(<f>2\*37</f>)(<v></v>|<v/>)?", rb"\1<v>74</v>", part)


def row_far_away(part: bytes) -> bytes:
    return part.replace(
        b"</sheetData>",
        b'<row r="2000000000"><c r="A2000000000" t="inlineStr">'
        b"<is><t>x</t></is></c></row></sheetData>",
    )


def billion_laughs(part: bytes) -> bytes:
    """A sheet whose first text cell expands to a billion letters, if the parser lets it."""
    entities = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    doctype = b"<!DOCTYPE worksheet [" + entities.encode() + b"]>"
    return doctype + re.sub(rb"<t>[^<]*</t>", b"<t>&a9;</t>", part, count=1)


# ------------------------------------------------------------------------- the corpus


def files() -> dict[str, bytes]:
    """Every file of the corpus, by its path under this folder."""
    out: dict[str, bytes] = {}
    valid = text(doc())

    def json_file(name: str, content: str | bytes) -> None:
        out[f"json/{name}"] = content.encode() if isinstance(content, str) else content

    json_file("valid.json", valid)  # what the files that must load the same are compared with
    json_file("truncated.json", valid[: valid.index('"turns"') + 5])
    json_file("trailing-comma.json", valid.replace('"cases": 74\n', '"cases": 74,\n'))
    json_file(
        "duplicate-key.json",
        valid.replace(
            '"full_name": "Dương Thị Huệ"', '"full_name": "Dương Thị Huệ", "full_name": "Huệ"'
        ),
    )
    json_file(
        "duplicate-collection.json", valid.replace('"people": [', '"people": [],\n "people": [')
    )
    json_file("wrong-type.json", text(doc(receptions=[RECEPTION | {"turns": "74"}])))
    json_file("unknown-enum.json", text(doc(receptions=[RECEPTION | {"kind": "periodc"}])))
    json_file("enum-label.json", text(doc(receptions=[RECEPTION | {"kind": "định kỳ"}])))
    json_file(
        "missing-field.json",
        text(doc(receptions=[{k: v for k, v in RECEPTION.items() if k != "cases"}])),
    )
    json_file("dangling-reference.json", text(doc(bodies=[BODY | {"council_id": "tp2"}])))
    json_file("duplicate-id.json", text(doc(people=[PERSON, PERSON | {"full_name": "Huệ"}])))
    json_file("date-31-02.json", text(doc(receptions=[RECEPTION | {"date": "2023-02-31"}])))
    json_file("date-29-02-2023.json", text(doc(receptions=[RECEPTION | {"date": "2023-02-29"}])))
    json_file("date-day-first.json", text(doc(receptions=[RECEPTION | {"date": "14/02/2023"}])))
    json_file("reversed-range.json", text(doc(sessions=[SESSION | {"end": "2023-03-01"}])))
    json_file("negative-count.json", text(doc(receptions=[RECEPTION | {"turns": -4}])))
    json_file("absurd-count.json", text(doc(receptions=[RECEPTION | {"persons": 10**12}])))
    json_file("overflow-count.json", text(doc(receptions=[RECEPTION | {"persons": 10**30}])))
    json_file("nan.json", valid.replace('"turns": 74', '"turns": NaN'))
    json_file("infinity.json", valid.replace('"persons": 144', '"persons": Infinity'))
    json_file("huge-exponent.json", valid.replace('"persons": 144', '"persons": 1e400'))
    nfd = {
        k: [
            {f: unicodedata.normalize("NFD", v) if isinstance(v, str) else v for f, v in r.items()}
            for r in rs
        ]
        if isinstance(rs, list)
        else rs
        for k, rs in doc().items()
    }
    json_file("nfd.json", text(nfd))
    nfc = json.dumps(doc()).replace('"tp"', '"Hòa"')  # the council's id, and references to it
    json_file("mixed-normalisation-nfc.json", text(json.loads(nfc)))
    mixed = json.loads(nfc.replace('"council_id": "Hòa"', '"council_id": "Ho\\u0300a"'))
    json_file("mixed-normalisation.json", text(mixed))
    json_file("zero-width-id.json", text(doc(people=[PERSON | {"id": "p\u200b1"}])))
    json_file(
        "zero-width-reference.json", text(doc(positions=[POSITION | {"person_id": "p\u200b1"}]))
    )
    json_file("bom.json", b"\xef\xbb\xbf" + valid.encode())
    json_file("utf16-bom.json", valid.encode("utf-16"))
    json_file("utf16le-no-bom.json", valid.encode("utf-16-le"))
    json_file("utf16be-no-bom.json", valid.encode("utf-16-be"))
    json_file("utf32.json", valid.encode("utf-32"))
    json_file("windows-1258.json", encoded(valid, "cp1258"))
    json_file("tcvn3.json", encoded(valid, "tcvn3"))
    json_file("vni.json", encoded(valid, "vni"))
    json_file("empty.json", b"")
    json_file("blank.json", b" \n\t\n")
    json_file("not-json.json", "Mã,Tên\r\ntp,HĐND thành phố\r\n")
    json_file("pdf.json", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    json_file("top-level-list.json", text([RECEPTION]))
    json_file("deep-nesting.json", "[" * 100_000 + "]" * 100_000)
    json_file("unknown-field.json", text(doc(receptions=[RECEPTION | {"turn": 74}])))
    json_file("unknown-collection.json", valid.replace('"people":', '"peoples":'))
    json_file(
        "no-schema-version.json", text({k: v for k, v in doc().items() if k != "schema_version"})
    )
    json_file("future-schema-version.json", text(doc(schema_version=9)))
    json_file(
        "control-characters.json",
        text(doc(councils=[COUNCIL | {"name": "HĐND\u0001 thành phố"}])),
    )
    json_file("check-error.json", text(doc(councils=[COUNCIL | {"level": "commune"}])))

    def jsonl_file(name: str, content: str | bytes) -> None:
        out[f"jsonl/{name}"] = content.encode() if isinstance(content, str) else content

    stream = lines(*STREAM)
    jsonl_file("valid.jsonl", stream)
    jsonl_file(
        "truncated-line.jsonl", stream.replace('"place"', "", 1)[: stream.index('"turns"') - 12]
    )
    jsonl_file(
        "duplicate-key.jsonl", stream.replace('"persons": 144', '"persons": 144, "persons": 14')
    )
    jsonl_file("unknown-type.jsonl", stream.replace('"type": "person"', '"type": "persn"'))
    jsonl_file("header-not-first.jsonl", lines(*STREAM[1:], STREAM[0]))
    jsonl_file(
        "dangling-reference.jsonl",
        stream.replace('"host_body_id": "tp-tt"', '"host_body_id": "tp-ttt"'),
    )
    jsonl_file("line-not-an-object.jsonl", stream + "[1, 2]\n")
    jsonl_file("nan.jsonl", stream.replace('"cases": 74', '"cases": NaN'))
    jsonl_file("deep-nesting.jsonl", stream + "[" * 100_000 + "\n")
    jsonl_file("utf16.jsonl", stream.encode("utf-16"))
    jsonl_file("vni.jsonl", encoded(stream, "vni"))
    jsonl_file("windows-1258.jsonl", encoded(stream, "cp1258"))
    jsonl_file("crlf-and-bom.jsonl", "\ufeff" + stream.replace("\n", "\r\n"))

    row = "r1,tp,14/02/2023,Định kỳ,Trụ sở tiếp công dân,74,144,74"
    tables = {
        "missing-column": csv_tables(
            receptions_csv(
                "r1,tp,14/02/2023,periodic,Trụ sở,74,144",
                head="id,council_id,date,kind,place,turns,persons\r\n",
            )
        ),
        "extra-column": csv_tables(
            receptions_csv(
                row + ",đã kiểm tra", head=RECEPTIONS_HEAD.replace("\r\n", ",ghi_chu\r\n")
            )
        ),
        "renamed-column": csv_tables(
            receptions_csv(row, head=RECEPTIONS_HEAD.replace("turns", "turn"))
        ),
        "date-29-02-2023": csv_tables(receptions_csv(row.replace("14/02/2023", "29/02/2023"))),
        "huge-number": csv_tables(receptions_csv(row.replace(",74,144,", f",{10**30},144,"))),
        "tcvn3": csv_tables(councils=encoded(COUNCILS_CSV, "tcvn3")),
        "utf16": csv_tables(receptions_csv(row).decode().encode("utf-16")),
        "no-meta": {"councils.csv": COUNCILS_CSV.encode()},
        "bad-quoting": csv_tables(
            receptions_csv('r1,tp,14/02/2023,periodic,"Trụ sở" thành phố,74,144,74')
        ),
        "formula-text": csv_tables(receptions_csv(row.replace("Trụ sở tiếp công dân", "=1+2"))),
    }
    for folder, members in tables.items():
        for name, content in members.items():
            out[f"csv/{folder}/{name}"] = content

    good = csv_tables(receptions_csv(row))
    out["zip/not-a-zip.zip"] = receptions_csv(row)
    out["zip/bomb.zip"] = zip_of(
        good | {"receptions.csv": receptions_csv(row) + b"\r\n" * 25 * 2**20}
    )
    out["zip/declared-huge.zip"] = forged_sizes(zip_of(good), b"receptions.csv", 0xFFFF_FFFF)
    out["zip/unknown-method.zip"] = forged_method(zip_of(good), b"receptions.csv", 9)
    out["zip/bad-checksum.zip"] = bad_crc(zip_of(good), b"receptions.csv")
    out["zip/folder-inside.zip"] = zip_of(
        {f"q1/{k}": v for k, v in good.items()} | {"q1/people.csv": b"id,full_name\r\np1,\r\n"}
    )

    # prose templates of one's own that try to reach Python's internals (the sandbox stops them)
    out["templates/escape-mro.txt.j2"] = b"{{ ''.__class__.__mro__[1].__subclasses__() }}\n"
    out["templates/escape-globals.txt.j2"] = (
        b"{{ cycler.__init__.__globals__.os.popen('id').read() }}\n"
    )
    out["templates/plain.txt.j2"] = (
        "Kỳ báo cáo: {{ period }}; {{ n(f.receptions.total.turns) }} lượt\n".encode()
    )

    base = workbook()
    out["xlsx/merged-cells.xlsx"] = workbook(merged)
    with_formula = workbook(formulas)
    out["xlsx/formula-without-result.xlsx"] = with_formula
    part = sheet_part(with_formula, RECEPTIONS)
    out["xlsx/formula-with-result.xlsx"] = replace_part(with_formula, part, formula_result)
    out["xlsx/extra-sheets.xlsx"] = workbook(extra_sheets)
    out["xlsx/hidden-sheet.xlsx"] = workbook(hidden_sheet)
    out["xlsx/huge-number.xlsx"] = workbook(huge_number)
    out["xlsx/text-date-29-02-2023.xlsx"] = workbook(text_date)
    out["xlsx/wide-row.xlsx"] = workbook(wide_row)
    out["xlsx/row-beyond-excel.xlsx"] = replace_part(
        base, sheet_part(base, RECEPTIONS), row_far_away
    )
    out["xlsx/billion-laughs.xlsx"] = replace_part(
        base, sheet_part(base, RECEPTIONS), billion_laughs
    )
    out["xlsx/zip-bomb.xlsx"] = replace_part(
        base,
        sheet_part(base, "README"),
        lambda part: part.replace(b"</sheetData>", b" " * 50 * 2**20 + b"</sheetData>"),
    )
    out["xlsx/declared-huge.xlsx"] = forged_sizes(
        base, sheet_part(base, RECEPTIONS).encode(), 0xFFFF_FFFF
    )
    out["xlsx/not-a-workbook.xlsx"] = receptions_csv(row)
    out["xlsx/old-xls.xlsx"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    out["xlsx/truncated.xlsx"] = base[: len(base) // 2]
    return out


def main() -> None:
    made = files()
    for name, content in sorted(made.items()):
        path = HERE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    total = sum(map(len, made.values()))
    print(f"{len(made)} files, {total / 2**20:.2f} MiB")


if __name__ == "__main__":
    main()
