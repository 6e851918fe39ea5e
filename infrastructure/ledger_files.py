"""Reading an office's ledger (台账) file: an .xlsx workbook or CSV text, streamed.

The format is decided by the content, not the name: a ledger saved as
"台账.csv" by one program and "台账.xlsx" by another is the same ledger. Every
sheet whose header is found among its first non-blank rows (title rows above the
header are common) is read; a second header row right below it (the template's
English row) and blank rows are skipped; row numbers are the spreadsheet's own.
A header of two rows, with group headings (基本信息, 转移就业情况) merged over
the columns they group and other headings merged down over both rows, is read
as one (application/ledger_columns.joined_with_row_above / _below).
"""

from __future__ import annotations

import codecs
import csv
import io
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path
from xml.etree.ElementTree import ParseError

from application.ledger_cells import is_blank
from application.ledger_columns import (
    joined_with_row_above,
    joined_with_row_below,
    recognise_header,
)
from application.ledger_rows import LedgerReading, LedgerRow, LedgerUnreadable, SheetHeader
from infrastructure.xlsx_rows import StreamedWorkbook

HEADER_SEARCH_ROWS = 20  # non-blank rows of a sheet in which its header is looked for
CSV_SHEET = "CSV"  # the sheet a CSV file's rows are reported in
_ZIP = b"PK"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and workbooks with a password
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # Excel's "Unicode text"
_CHUNK = 1 << 16  # bytes checked at a time: memory stays that of a chunk
_SAMPLE = 1 << 16
_DELIMITERS = ("\t", ",", ";")
# What openpyxl, zipfile, the XML parser and csv raise for a damaged file.
_DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    struct.error,
    ParseError,
    csv.Error,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    EOFError,
    OSError,
)

EMPTY = ("文件是空的", "the file is empty")
OLD_EXCEL = (
    "这是旧版 Excel（.xls）文件或设有密码的工作簿：请在 Excel 中另存为 .xlsx（不设密码）后再导入",
    "this is an old Excel (.xls) file or a workbook with a password:"
    " save it from Excel as .xlsx, without a password, and import that",
)
NOT_A_LEDGER = (
    "不是 Excel 工作簿（.xlsx）或 CSV 文本文件",
    "is neither an Excel workbook (.xlsx) nor a CSV text file",
)
DAMAGED = (
    "文件已损坏，无法读取：请在 Excel 中打开并重新保存后再导入",
    "the file is damaged and cannot be read: open it in Excel, save it again and import that",
)
NO_HEADER = (
    f"没有找到表头：每个工作表的前 {HEADER_SEARCH_ROWS} 个非空行中，"
    "都没有同时含有“姓名”和“公民身份号码”（或“身份证号”）的一行",
    f"no header found: no sheet has, among its first {HEADER_SEARCH_ROWS} non-blank rows,"
    " a row naming both the name (姓名) and the ID number (公民身份号码) columns",
)


def read_ledger(path: Path) -> LedgerReading:
    """The ledger's rows, read as they are consumed (see LedgerReading).

    A file that is no ledger at all (empty, an old .xls, not text) is refused
    here, with LedgerUnreadable; one damaged further in, or without a header on
    any sheet, is refused while its rows are read.
    """
    with path.open("rb") as file:
        start = file.read(len(_OLE))
    if not start:
        raise LedgerUnreadable(*EMPTY)
    if start.startswith(_OLE):
        raise LedgerUnreadable(*OLD_EXCEL)
    if start.startswith(_ZIP):
        try:
            workbook = StreamedWorkbook(path)
        except _DAMAGED:
            raise LedgerUnreadable(*NOT_A_LEDGER) from None
        return LedgerReading(lambda reading: _checked(reading, _workbook_rows(reading, workbook)))
    encoding = _text_encoding(path)
    return LedgerReading(lambda reading: _checked(reading, _csv_rows(reading, path, encoding)))


def _checked(reading: LedgerReading, rows: Iterator[LedgerRow]) -> Iterator[LedgerRow]:
    try:
        yield from rows
    except _DAMAGED:
        raise LedgerUnreadable(*DAMAGED) from None
    if not reading.sheets:
        raise LedgerUnreadable(*NO_HEADER)


def _workbook_rows(reading: LedgerReading, workbook: StreamedWorkbook) -> Iterator[LedgerRow]:
    try:
        for name, part in workbook.worksheets():
            yield from _sheet_rows(reading, name, workbook.rows(part))
    finally:
        workbook.close()


def _sheet_rows(
    reading: LedgerReading, sheet: str, rows: Iterable[tuple[int, Sequence[object]]]
) -> Iterator[LedgerRow]:
    non_blank = (row for row in rows if not all(is_blank(value) for value in row[1]))
    header = None
    above: tuple[int, Sequence[object]] | None = None
    for looked, (number, values) in enumerate(non_blank, start=1):
        header = recognise_header(values)
        if header is not None:
            break
        above = (number, values)
        if looked == HEADER_SEARCH_ROWS:
            break
    if header is None:
        reading.skipped_sheets.append(sheet)
        return
    if above is not None and above[0] == number - 1:
        header = joined_with_row_above(header, above[1])
    first = next(non_blank, None)
    if first is not None:
        if recognise_header(first[1]) is not None:
            first = None  # a second header row, in the other language
        elif first[0] == number + 1 and (both := joined_with_row_below(header, first[1])):
            header, first = both, None  # the lower row of a two-row header
    reading.sheets.append(SheetHeader(sheet, number, header))
    columns = header.columns.items()
    for number, values in non_blank if first is None else chain([first], non_blank):
        count = len(values)
        cells = {c: values[i] for i, c in columns if i < count and not is_blank(values[i])}
        if cells:  # a row with values only in columns we do not read (序号) is blank to us
            yield LedgerRow(sheet, number, cells)


def _text_encoding(path: Path) -> str:
    """UTF-8 (with or without a byte-order mark), UTF-16 with its mark (Excel's
    "Unicode text"), else GB18030, which Chinese Excel writes as "CSV". The file
    is checked whole, in chunks, so a bad byte late in it is found before any
    row is read."""
    with path.open("rb") as file:
        start = file.read(2)
    if start in _UTF16_BOMS:
        return "utf-16"
    for encoding in ("utf-8-sig", "gb18030"):
        if _decodes(path, encoding):
            return encoding
    raise LedgerUnreadable(*NOT_A_LEDGER)


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as file:
        try:
            while chunk := file.read(_CHUNK):
                if b"\x00" in chunk:
                    raise LedgerUnreadable(*NOT_A_LEDGER)  # binary, not text
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _csv_rows(reading: LedgerReading, path: Path, encoding: str) -> Iterator[LedgerRow]:
    # newline="": line breaks inside quoted fields belong to the field.
    with path.open(encoding=encoding, newline="") as file:
        delimiter = _delimiter(file.read(_SAMPLE))
        file.seek(0)
        records = csv.reader(file, delimiter=delimiter)
        # Numbered as a spreadsheet shows the file: one row per record, blank lines included.
        numbered = enumerate(records, start=1)
        yield from _sheet_rows(reading, CSV_SHEET, numbered)


def _delimiter(sample: str) -> str:
    """The delimiter under which the sample's first rows hold a header: a tab
    (what Excel's "text" exports use) before a comma, then a semicolon."""
    for delimiter in _DELIMITERS:
        if delimiter not in sample:
            continue
        lines = csv.reader(io.StringIO(sample), delimiter=delimiter)
        for _, row in zip(range(HEADER_SEARCH_ROWS * 2), lines, strict=False):
            if recognise_header(row) is not None:
                return delimiter
    return ","
