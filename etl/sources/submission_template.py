"""Reference codes and bilingual instructions -> the submission templates (CSV and XLSX) that senders fill in."""
from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from etl import reference
from etl.sources.submission_io import COLUMNS, DATA_SHEET, OPTIONAL

# A row whose note starts with one of these is a template example: it is rejected, never loaded.
EXAMPLE_MARKS = ("EXAMPLE", "ПРИМЕР")
EXAMPLE_NOTE = "EXAMPLE – delete this row / ПРИМЕР – удалите эту строку"
EXAMPLES = [
    ["KAZ", 2024, "police_women", 12000, "persons", "police_officers", "rounded",
     "Ministry of Internal Affairs, annual report 2024 / МВД, годовой отчёт за 2024 год",
     "https://www.gov.kz/", EXAMPLE_NOTE],
    ["Кыргызстан", 2024, "share_women_police", 6.5, "%", "interior_ministry_staff", "approximate",
     "МВД Кыргызской Республики, справка от 01.03.2025 / Ministry of Internal Affairs, note of 1 March 2025",
     "", EXAMPLE_NOTE],
]
WIDTHS = {"country": 16, "year": 8, "indicator": 26, "value": 10, "unit": 10, "scope": 30, "flags": 22,
          "source_title": 50, "source_url": 40, "note": 50}
UNITS = ["persons", "percent", "per_100k"]
UNIT_LABELS = {"persons": {"en": "persons", "ru": "человек"}, "percent": {"en": "percent", "ru": "в процентах"},
               "per_100k": {"en": "per 100 000 inhabitants", "ru": "на 100 000 жителей"}}

COLUMN_HELP = {
    "country": ("ISO3 code (KAZ) or the country name in English or Russian (Kazakhstan, Казахстан).",
                "Код ISO3 (KAZ) или название страны на английском или русском (Kazakhstan, Казахстан)."),
    "year": ("Reference year, four digits (2024). One year per row: not a range (2015-16), not FY2015.",
             "Отчётный год, четыре цифры (2024). Один год в строке: не период (2015-16) и не FY2015."),
    "indicator": ("What the figure measures: one indicator code from the list below.",
                  "Что измеряет цифра: один код показателя из списка ниже."),
    "value": ("The number only. Counts: whole numbers, with no separator or with spaces (12 000); never "
              "1,234 or 1.234. Shares in percent 0–100: 21.5 or 21,5; write 21 for 21 %, not 0.21.",
              "Только число. Численность: целое число без разделителей или с пробелами (12 000); не 1,234 "
              "и не 1.234. Доли в процентах 0–100: 21.5 или 21,5; 21 % пишется как 21, а не 0.21."),
    "unit": ("Optional. If filled, it must match the indicator: persons (человек), percent (%), per_100k.",
             "Необязательно. Если заполнено, должно соответствовать показателю: persons (человек), "
             "percent (%), per_100k."),
    "scope": ("Who is counted: one scope code from the list below. Police officers and all interior-ministry "
              "staff are different scopes.",
              "Кто учитывается: один код охвата из списка ниже. Сотрудники полиции и весь персонал МВД — "
              "разные охваты."),
    "flags": ("Optional. Flag codes from the list below separated by ';' (approximate;rounded). Use them for "
              "'about', 'more than', estimates.",
              "Необязательно. Коды отметок из списка ниже через ';' (approximate;rounded). Для «около», "
              "«более», оценок."),
    "source_title": ("Required. Title of the document with the figure (report, yearbook, letter and its date).",
                     "Обязательно. Название документа с цифрой (отчёт, сборник, письмо и его дата)."),
    "source_url": ("Optional. Web address of the document, starting with http:// or https://.",
                   "Необязательно. Веб-адрес документа, начинающийся с http:// или https://."),
    "note": ("Optional. Definition used, reference date, what is included or excluded.",
             "Необязательно. Применённое определение, отчётная дата, что включено или исключено."),
}

GENERAL_HELP = [
    ("Figures on women in the police: submission form", "Данные о женщинах в полиции: форма представления"),
    ("One row per figure, in the sheet 'data'. Do not change the header row.",
     "Одна строка на одну цифру, на листе «data». Не изменяйте строку заголовков."),
    ("Type values; do not use formulas. Delete the example rows (note starts with EXAMPLE / ПРИМЕР).",
     "Вводите значения, а не формулы. Удалите строки-примеры (примечание начинается с EXAMPLE / ПРИМЕР)."),
    ("Keep this .xlsx file, or save the sheet 'data' as CSV (UTF-8 or Windows-1251, comma or semicolon).",
     "Сохраните этот файл .xlsx или сохраните лист «data» как CSV (UTF-8 или Windows-1251, запятая или "
     "точка с запятой)."),
    ("How to send: e-mail the file to the OSCE contact person or field operation that asked for it, "
     "with the country and year in the subject line.",
     "Как отправить: по электронной почте контактному лицу ОБСЕ или полевой операции, запросившим данные, "
     "указав в теме страну и год."),
]


def write_template(directory: Path) -> list[Path]:
    """Writes submission_template.csv and submission_template.xlsx into `directory`; returns their paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    return [_write_csv(directory / "submission_template.csv"), _write_xlsx(directory / "submission_template.xlsx")]


def _write_csv(path: Path) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(EXAMPLES)
    return path


def _write_xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    data = book.active
    data.title = DATA_SHEET
    _write_instructions(book.create_sheet("instructions"))
    _write_data(data, _write_codes(book.create_sheet("codes")))
    book.save(path)
    return path


def _code_tables() -> list[tuple[str, str, str, dict]]:
    """(column header EN, RU, reference table name, rows) for each list of allowed codes."""
    return [("indicator", "показатель", "indicators", reference.indicators()),
            ("scope", "охват", "scopes", reference.scopes()),
            ("flags", "отметки", "flags", reference.flags())]


def _write_codes(sheet) -> dict[str, str]:
    """Three side-by-side blocks (code, English, Russian); returns each block's code range for drop-downs."""
    ranges = {}
    for i, (en, ru, name, rows) in enumerate(_code_tables()):
        col = 1 + 4 * i
        sheet.cell(1, col, f"{en} / {ru}").font = Font(bold=True)
        sheet.cell(1, col + 1, "English").font = Font(bold=True)
        sheet.cell(1, col + 2, "Русский").font = Font(bold=True)
        for r, (code, row) in enumerate(rows.items(), start=2):
            sheet.cell(r, col, code)
            sheet.cell(r, col + 1, row["label_en"])
            sheet.cell(r, col + 2, row["label_ru"])
        letter = get_column_letter(col)
        ranges[name] = f"codes!${letter}$2:${letter}${len(rows) + 1}"
        for offset, width in enumerate((30, 40, 45)):
            sheet.column_dimensions[get_column_letter(col + offset)].width = width
    return ranges


def _write_data(sheet, ranges: dict[str, str]) -> None:
    sheet.append(COLUMNS)
    for row in EXAMPLES:
        sheet.append(row)
    for i, name in enumerate(COLUMNS, start=1):
        sheet.cell(1, i).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(i)].width = WIDTHS[name]
    sheet.freeze_panes = "A2"
    lists = {"indicator": ranges["indicators"], "scope": ranges["scopes"], "unit": f'"{",".join(UNITS)}"'}
    for name, formula in lists.items():
        letter = get_column_letter(COLUMNS.index(name) + 1)
        check = DataValidation(type="list", formula1=formula, allow_blank=name in OPTIONAL,
                               showErrorMessage=True, errorTitle="Код / Code",
                               error="Choose a code from the list. / Выберите код из списка.")
        check.add(f"{letter}2:{letter}1000")
        sheet.add_data_validation(check)


def _write_instructions(sheet) -> None:
    """English and Russian side by side: general rules, each column, then the allowed codes."""
    lines = [(None, en, ru) for en, ru in GENERAL_HELP]
    headings = {1}
    lines.append((None, None, None))
    headings.add(len(lines) + 1)
    lines.append(("column / столбец", "English", "Русский"))
    for name in COLUMNS:
        need = ("optional", "необязательно") if name in OPTIONAL else ("required", "обязательно")
        lines.append((f"{name} ({need[0]} / {need[1]})", *COLUMN_HELP[name]))
    for en, ru, _, rows in _code_tables():
        lines.append((None, None, None))
        headings.add(len(lines) + 1)
        lines.append((f"{en} / {ru}", "English", "Русский"))
        lines += [(code, _explain(row, "en"), _explain(row, "ru")) for code, row in rows.items()]
    for line in lines:
        sheet.append(list(line))
    for r in headings:
        for c in (1, 2, 3):
            sheet.cell(r, c).font = Font(bold=True)
    for letter, width in zip("ABC", (34, 70, 70)):
        sheet.column_dimensions[letter].width = width
        for cell in sheet[letter]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _explain(row: dict, lang: str) -> str:
    """'Label (unit): definition' for indicators, 'Label: definition' for scopes and flags."""
    unit = f" ({UNIT_LABELS[row['unit']][lang]})" if "unit" in row else ""
    return f"{row[f'label_{lang}']}{unit}: {row[f'definition_{lang}']}"
