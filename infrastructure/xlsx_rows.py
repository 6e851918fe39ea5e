"""The rows of an .xlsx workbook, streamed in flat memory (openpyxl, read-only).

openpyxl's read-only mode streams the cells, but two things it keeps grow with
the file: the shared-string table, which Excel uses for every text cell (a
100,000-row ledger's names, ID numbers and phones are a table of a million
strings), and the parsed rows themselves, which its parser empties but leaves
attached to the sheet's tree (and, without a <dimension> element, parses a
whole sheet once more only to learn its size). Here the string table is kept
in a temporary file and looked up by index, and each row is dropped from the
tree once read. Cell values are decoded by openpyxl's own parser: dates by
their number format and the workbook's 1900 or 1904 date system, booleans,
inline strings, cached results of formulas.
"""

from __future__ import annotations

import mmap
import struct
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, iterparse

from openpyxl.cell.text import Text
from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._reader import ROW_TAG, WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

_STRING_TAG = f"{{{SHEET_MAIN_NS}}}si"
_SHEET_DATA_TAG = f"{{{SHEET_MAIN_NS}}}sheetData"
_TEXT_TAG = f"{{{SHEET_MAIN_NS}}}t"
_INLINE_STRING_TAG = f"{{{SHEET_MAIN_NS}}}is"
_SPACE_ATTRIBUTE = "{http://www.w3.org/XML/1998/namespace}space"
_OFFSET = struct.Struct("<Q")


class SharedStringsFile:
    """The shared-string table in a temporary file: text, and the offset of each string."""

    def __init__(self, source: IO[bytes]) -> None:
        # Closed by close(), as the mappings onto them are.
        self._text = tempfile.TemporaryFile()  # noqa: SIM115
        self._offsets = tempfile.TemporaryFile()  # noqa: SIM115
        try:
            self._count = self._write(source)
        except BaseException:
            self._text.close()
            self._offsets.close()
            raise
        self._text_map = _mapped(self._text)
        self._offsets_map = _mapped(self._offsets)

    def _write(self, source: IO[bytes]) -> int:
        written = 0
        self._offsets.write(_OFFSET.pack(0))
        events = iterparse(source, events=("start", "end"))  # noqa: S314 - see _RowsParser
        root = None
        for event, element in events:
            if event == "start":
                root = element if root is None else root
                continue
            if element.tag == _STRING_TAG:
                text = _string_text(element).encode()
                written += self._text.write(text)
                self._offsets.write(_OFFSET.pack(written))
                if root is not None:
                    root.clear()
        return self._offsets.tell() // _OFFSET.size - 1

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: int) -> str:
        if not 0 <= index < self._count:
            raise IndexError("no such shared string")
        start, end = struct.unpack_from("<QQ", self._offsets_map, index * _OFFSET.size)
        return bytes(self._text_map[start:end]).decode()

    def close(self) -> None:
        for mapped in (self._text_map, self._offsets_map):
            if isinstance(mapped, mmap.mmap):
                mapped.close()
        self._text.close()
        self._offsets.close()


def _string_text(element: Element) -> str:
    """A shared string as openpyxl reads it: runs joined, phonetic guides left
    out. Plain text, one <t> alone (most strings), is taken as it is: openpyxl's
    general reader takes most of the reading time of a workbook."""
    if (
        len(element) == 1
        and element[0].tag == _TEXT_TAG
        and not element[0].attrib.keys() - {_SPACE_ATTRIBUTE}
    ):
        text = element[0].text or ""
    else:
        text = Text.from_tree(element).content
    return text.replace("x005F_", "")


def _mapped(file: IO[bytes]) -> mmap.mmap | bytes:
    file.flush()
    if file.tell() == 0:
        return b""  # mmap refuses an empty file
    return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)


def _inline_text(element: Element) -> str:
    """An inline string's text as openpyxl reads it (runs joined, phonetic
    guides left out), a single plain <t> taken as it is."""
    if (
        len(element) == 1
        and element[0].tag == _TEXT_TAG
        and not element[0].attrib.keys() - {_SPACE_ATTRIBUTE}
    ):
        return element[0].text or ""
    return str(Text.from_tree(element).content)


class _RowsParser(WorkSheetParser):  # type: ignore[misc]
    """openpyxl's sheet parser, yielding rows only and forgetting each once read."""

    def parse_cell(self, element: Element) -> dict[str, Any]:
        # Inline strings (what programs writing workbooks, openpyxl among them,
        # use for text) are read without openpyxl's general tree reader, which
        # would take most of a row's reading time; any other cell as openpyxl does.
        child = element.find(_INLINE_STRING_TAG) if element.get("t") == "inlineStr" else None
        if child is None or not self.data_only or self.rich_text:
            return super().parse_cell(element)  # type: ignore[no-any-return]
        coordinate = element.get("r")
        if coordinate:
            row, column = coordinate_to_tuple(coordinate)
            self.col_counter = column
        else:
            self.col_counter += 1
            row, column = self.row_counter, self.col_counter
        style = element.get("s")
        return {
            "row": row,
            "column": column,
            "value": _inline_text(child),
            "data_type": "s",
            "style_id": int(style) if style else 0,
        }

    def parse(self) -> Iterator[tuple[int, list[dict[str, Any]]]]:
        sheet_data = None
        # As openpyxl parses sheets. ElementTree resolves no external entities, and
        # the expat it runs on (2.4 and later) refuses entity-expansion bombs.
        for event, element in iterparse(self.source, events=("start", "end")):  # noqa: S314
            if event == "start":
                if element.tag == _SHEET_DATA_TAG:
                    sheet_data = element
                continue
            if element.tag == ROW_TAG:
                row = self.parse_row(element)
                self.row_dimensions.clear()  # heights of rows already read
                if sheet_data is not None:
                    sheet_data.clear()
                yield row
            elif element.tag == _SHEET_DATA_TAG:
                return  # what follows the rows (merged cells, print setup) is not read


class StreamedWorkbook:
    """An .xlsx file opened for reading its worksheets' rows, one at a time.

    Raises what openpyxl, zipfile or the XML parser raise for a file that is not
    a workbook or is damaged; the caller says what that means to its user.
    """

    def __init__(self, path: Path) -> None:
        # Given an open file, not a name: openpyxl would refuse a name not ending .xlsx.
        self._file = path.open("rb")
        self._strings: SharedStringsFile | None = None
        try:
            self._reader = ExcelReader(self._file, read_only=True, data_only=True, keep_links=False)
            self._reader.read_manifest()
            part = self._reader.package.find(SHARED_STRINGS)
            if part is not None:
                with self._reader.archive.open(part.PartName[1:]) as source:
                    self._strings = SharedStringsFile(source)
            self._reader.read_workbook()
            apply_stylesheet(self._reader.archive, self._reader.wb)  # the date formats
        except BaseException:
            self.close()
            raise

    def worksheets(self) -> list[tuple[str, str]]:
        """(name, part in the archive) of each worksheet, in the workbook's order;
        chart sheets, which hold no cells, are left out."""
        names = self._reader.valid_files
        return [
            (sheet.name, rel.target)
            for sheet, rel in self._reader.parser.find_sheets()
            if rel.target in names and "chartsheet" not in rel.Type
        ]

    def rows(self, part: str) -> Iterator[tuple[int, list[object]]]:
        """(row number, values from column A) of each row the sheet stores;
        rows it does not store (empty ones) are not given."""
        wb = self._reader.wb
        with self._reader.archive.open(part) as source:
            parser = _RowsParser(
                source,
                self._strings if self._strings is not None else [],
                data_only=True,
                epoch=wb.epoch,
                date_formats=wb._date_formats,
                timedelta_formats=wb._timedelta_formats,
            )
            for number, cells in parser.parse():
                values: list[object] = []
                for cell in cells:
                    column = cell["column"]
                    if column > len(values):
                        values.extend([None] * (column - len(values)))
                    values[column - 1] = cell["value"]
                yield number, values

    def close(self) -> None:
        if self._strings is not None:
            self._strings.close()
        if hasattr(self, "_reader"):
            self._reader.archive.close()
        self._file.close()
