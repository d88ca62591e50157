"""Lists in and out: columns, streaming writers, a table reader, cell parsers, the import engine.

A package split by concept, each module importing only those before it:

- `columns`  — Column, text/choice columns, public/staff selections, neutralise, SQL twins
- `writers`  — CSV (COPY on PostgreSQL), XLSX and DOCX responses, filter notes
- `readers`  — read_table: .xlsx/.csv into text rows, with the limits on what is read
- `parsing`  — cell parsers, Collector, RowError, model field checks
- `results`  — ImportResult, RowOutcome: what an import reports, row by row
- `importer` — Importer: check every row, preview, commit once

Every name the project used from the former module is re-exported here, so
`from core.tabular import X` keeps working.
"""

from core.tabular.columns import (
    FORMULA_PREFIXES,
    Column,
    can_copy,
    choice_column,
    choice_label,
    export_rows,
    headers,
    neutralise,
    public_columns,
    rows_for,
    rows_in_script,
    sql_cells,
    sql_label,
    sql_text,
    staff_columns,
    text_column,
)
from core.tabular.importer import IMPORT_REASON, OTHER_REGION, Importer, chunked_in
from core.tabular.parsing import (
    Collector,
    RowError,
    assign_changed,
    changed_fields,
    check_fields,
    clean_text,
    parse_choice,
    parse_date,
    parse_decimal,
    parse_int,
    parse_year,
    validation_messages,
)
from core.tabular.readers import (
    MAX_IMPORT_BYTES,
    MAX_IMPORT_ROWS,
    Table,
    TableError,
    read_table,
)
from core.tabular.results import (
    ERROR,
    NEW,
    STATUS_LABELS,
    UNCHANGED,
    UPDATE,
    ImportResult,
    RowOutcome,
)
from core.tabular.writers import (
    STREAM_CHUNK_BYTES,
    attachment_disposition,
    copy_csv_response,
    csv_response,
    docx_response,
    filter_notes,
    pdf_response,
    workbook_response,
    xlsx_response,
)
from core.xlsx import write_xlsx

__all__ = [
    "ERROR",
    "FORMULA_PREFIXES",
    "IMPORT_REASON",
    "MAX_IMPORT_BYTES",
    "MAX_IMPORT_ROWS",
    "NEW",
    "OTHER_REGION",
    "STATUS_LABELS",
    "STREAM_CHUNK_BYTES",
    "UNCHANGED",
    "UPDATE",
    "Collector",
    "Column",
    "ImportResult",
    "Importer",
    "RowError",
    "RowOutcome",
    "Table",
    "TableError",
    "assign_changed",
    "attachment_disposition",
    "can_copy",
    "changed_fields",
    "check_fields",
    "choice_column",
    "choice_label",
    "chunked_in",
    "clean_text",
    "copy_csv_response",
    "csv_response",
    "docx_response",
    "export_rows",
    "filter_notes",
    "headers",
    "neutralise",
    "parse_choice",
    "parse_date",
    "parse_decimal",
    "parse_int",
    "parse_year",
    "pdf_response",
    "public_columns",
    "read_table",
    "rows_for",
    "rows_in_script",
    "sql_cells",
    "sql_label",
    "sql_text",
    "staff_columns",
    "text_column",
    "validation_messages",
    "workbook_response",
    "write_xlsx",
    "xlsx_response",
]
