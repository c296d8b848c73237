"""Running the store's SQL on PostgreSQL: a connection that speaks the SQLite backend's dialect.

The SQLite backend's statements are portable SQL but for a few SQLite forms; ``PgConnection`` rewrites those on
the way (``?`` parameters, ``INSERT OR REPLACE`` / ``OR IGNORE`` as ``ON CONFLICT``, SQLite's NULL ordering) and
returns rows that index by position and by name like ``sqlite3.Row``. Statements with no portable form
(full-text search, date arithmetic) are written for PostgreSQL in ``marsad.store.postgres``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from marsad.errors import StoreConflict

_INSERT_RE = re.compile(r"^\s*INSERT OR (REPLACE|IGNORE) INTO (\w+)\s*(\(([^)]*)\))?\s*VALUES", re.IGNORECASE)
_ORDER_RE = re.compile(r"ORDER BY (.+?)(?=\s+LIMIT\b|\)|$)", re.IGNORECASE | re.DOTALL)


class Row(tuple):
    """A result row readable by position (``row[0]``) and by column name (``row["id"]``), like ``sqlite3.Row``."""

    _names: tuple[str, ...] = ()

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        """Index by position, or by column name."""
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names.index(key))
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        """Column names, in order (so ``dict(row)`` works)."""
        return list(self._names)


def _row_class(names: tuple[str, ...]) -> type[Row]:
    """A ``Row`` subclass that knows one result's column names."""
    return type("PgRow", (Row,), {"_names": names, "__slots__": ()})


class Cursor:
    """The rows of one statement (iterate, ``fetchone``, ``fetchall``)."""

    def __init__(self, rows: list[Row]) -> None:
        """Hold the fetched rows."""
        self._rows = rows
        self._pos = 0

    def fetchone(self) -> Row | None:
        """The next row, or None."""
        if self._pos >= len(self._rows):
            return None
        self._pos += 1
        return self._rows[self._pos - 1]

    def fetchall(self) -> list[Row]:
        """The remaining rows."""
        rest, self._pos = self._rows[self._pos:], len(self._rows)
        return rest

    def __iter__(self) -> Iterator[Row]:
        """Iterate over the remaining rows."""
        return iter(self.fetchall())


def _order_nulls(clause: str) -> str:
    """Give each ORDER BY term SQLite's NULL placement (first when ascending, last when descending)."""
    terms = []
    for term in clause.split(","):
        t = term.strip()
        if not t or "NULLS" in t.upper():
            terms.append(t)
        elif t.upper().endswith(" DESC"):
            terms.append(t + " NULLS LAST")
        else:
            terms.append(t + " NULLS FIRST")
    return ", ".join(terms)


class PgConnection:
    """A psycopg connection used like the ``sqlite3`` connection of the SQLite backend."""

    def __init__(self, conn: Any) -> None:
        """Wrap an autocommit psycopg connection; read each table's columns and primary key on demand."""
        self.conn = conn
        self._tables: dict[str, tuple[list[str], list[str]]] = {}

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open."""
        from psycopg.pq import TransactionStatus

        return self.conn.info.transaction_status != TransactionStatus.IDLE

    def _table(self, name: str) -> tuple[list[str], list[str]]:
        """(columns in order, primary-key columns) of a table."""
        if name not in self._tables:
            cols = [r[0] for r in self.conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position",
                (name,))]
            pk = [r[0] for r in self.conn.execute(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND i.indisprimary", (name,))]
            self._tables[name] = (cols, pk)
        return self._tables[name]

    def translate(self, sql: str) -> str:
        """Rewrite one statement of the SQLite dialect for PostgreSQL."""
        sql = sql.replace("%", "%%").replace("?", "%s")
        m = _INSERT_RE.match(sql)
        if m:
            verb, table, cols_text = m.group(1).upper(), m.group(2), m.group(4)
            columns, pk = self._table(table)
            cols = [c.strip() for c in cols_text.split(",")] if cols_text else columns
            head = f"INSERT INTO {table} ({', '.join(cols)}) VALUES"
            sql = head + sql[m.end():]
            if verb == "IGNORE":
                sql += " ON CONFLICT DO NOTHING"
            else:
                updates = [c for c in cols if c.strip('"') not in pk]
                action = ("DO UPDATE SET " + ", ".join(f"{c} = EXCLUDED.{c}" for c in updates)) if updates else "DO NOTHING"
                sql += f" ON CONFLICT ({', '.join(pk)}) {action}"
        if "NULLS" in sql.upper():  # written for PostgreSQL already
            return sql
        return _ORDER_RE.sub(lambda mo: "ORDER BY " + _order_nulls(mo.group(1)), sql)

    def execute(self, sql: str, params: Sequence[Any] | None = (), prepare: bool | None = None) -> Cursor:
        """Run one statement; return its rows (none for statements that return none).

        ``prepare=False`` plans the statement for its own parameters every time: psycopg prepares a statement run
        five times, and PostgreSQL's generic plan for it ignores the values (fatal for full-text queries, whose
        best plan depends on how common the words are). A deadlock or serialization failure (another writer) is
        raised as ``StoreConflict``: retryable.
        """
        from psycopg import errors

        try:
            cur = self.conn.execute(self.translate(sql), list(params or ()), prepare=prepare)
        except (errors.DeadlockDetected, errors.SerializationFailure) as exc:
            raise StoreConflict(f"another writer holds what this transaction needs ({exc.sqlstate}): run it again") from None
        if cur.description is None:
            return Cursor([])
        cls = _row_class(tuple(d.name for d in cur.description))
        return Cursor([cls(r) for r in cur.fetchall()])

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement over many parameter rows (conflicts raised as ``StoreConflict``, as ``execute``)."""
        from psycopg import errors

        rows = [list(r) for r in rows]
        if rows:
            try:
                with self.conn.cursor() as cur:
                    cur.executemany(self.translate(sql), rows)
            except (errors.DeadlockDetected, errors.SerializationFailure) as exc:
                raise StoreConflict(f"another writer holds what this transaction needs ({exc.sqlstate}): run it again") from None

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()
