"""The rows a command adds to an SQLite database, taken once and copied into later tests.

``loaddata`` saves a fixture's objects one by one, with every signal (the search index
is built again, redirects are checked, the content version is renewed): 0.15 s for the
site's content, and most tests start with it. Copying the rows load_content added,
table by table with one INSERT per table, gives the same database in a few milliseconds.

Only where it gives the same database: SQLite (PostgreSQL's sequences and search column
would need more), every table it fills still empty, and every row those rows refer to
outside them (the content types the search entries name) the same as when they were
taken. Elsewhere ``copy_into`` says no and the caller loads the fixture instead.
"""

import datetime
from dataclasses import dataclass, field

from django.db import connection


@dataclass
class TableRows:
    # {table: (columns, rows)}
    tables: dict = field(default_factory=dict)
    # {(table, column): {value: row}}: the rows outside ``tables`` that they refer to.
    referenced: dict = field(default_factory=dict)


def _quote(name):
    return connection.ops.quote_name(name)


def _virtual_tables(cursor):
    """SQLite's full-text tables (search_entry_words). Their entries are keyed on rowid,
    which SELECT * leaves out; their shadow tables (search_entry_words_data, ...) are
    SQLite's own and are filled by inserting into the full-text table."""
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
    return {name for (name,) in cursor.fetchall()}


def _tables(cursor):
    virtual = _virtual_tables(cursor)
    return [
        table
        for table in connection.introspection.table_names(cursor)
        if not any(table.startswith(f"{name}_") for name in virtual)
    ], virtual


def _as_stored(value):
    """A value as SQLite holds it: Django's SQLite connection reads dates and times back as
    Python objects, and stores them as str() gives them."""
    return str(value) if isinstance(value, datetime.date | datetime.time) else value


def _select(cursor, table, virtual):
    cursor.execute(f"SELECT {'rowid, ' if table in virtual else ''}* FROM {_quote(table)}")
    rows = [tuple(map(_as_stored, row)) for row in cursor.fetchall()]
    return [column[0] for column in cursor.description], rows


def database_rows():
    """{table: its rows, sorted}: the whole database, to compare."""
    with connection.cursor() as cursor:
        tables, virtual = _tables(cursor)
        return {table: sorted(map(repr, _select(cursor, table, virtual)[1])) for table in tables}


def _row_by(cursor, table, column, values):
    placeholders = ", ".join(["%s"] * len(values))
    cursor.execute(f"SELECT * FROM {_quote(table)} WHERE {_quote(column)} IN ({placeholders})", list(values))
    index = [description[0] for description in cursor.description].index(column)
    return {row[index]: row for row in cursor.fetchall()}


def rows_added_by(command):
    """Run ``command()`` and return the rows it added (None if not SQLite or if it changed
    a table that held rows before). The caller rolls the command back."""
    if connection.vendor != "sqlite":
        command()
        return None
    with connection.cursor() as cursor:
        tables, virtual = _tables(cursor)
        before = {table: _select(cursor, table, virtual)[1] for table in tables}
        command()
        taken = TableRows()
        for table in tables:
            columns, rows = _select(cursor, table, virtual)
            if rows == before[table]:
                continue
            if before[table]:
                return None
            taken.tables[table] = (columns, rows)
        for table, (columns, rows) in taken.tables.items():
            if table in virtual:
                continue
            relations = connection.introspection.get_relations(cursor, table)
            for column, (target_column, target_table, *_) in relations.items():
                if target_table in taken.tables:
                    continue
                index = columns.index(column)
                values = {row[index] for row in rows} - {None}
                if values:
                    taken.referenced[target_table, target_column] = _row_by(
                        cursor, target_table, target_column, values
                    )
    return taken


def copy_into(taken):
    """Insert the rows taken into the current database; False (nothing done) where the
    result would not be the database the command made (rows_added_by took none: not SQLite)."""
    if taken is None:
        return False
    with connection.cursor() as cursor:
        for table in taken.tables:
            cursor.execute(f"SELECT 1 FROM {_quote(table)} LIMIT 1")
            if cursor.fetchone():
                return False
        for (table, column), rows in taken.referenced.items():
            if _row_by(cursor, table, column, rows.keys()) != rows:
                return False
        for table, (columns, rows) in taken.tables.items():
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {_quote(table)} ({', '.join(map(_quote, columns))}) VALUES ({placeholders})",
                rows,
            )
    return True
