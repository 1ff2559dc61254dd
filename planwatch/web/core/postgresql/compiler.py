"""Django's PostgreSQL compilers, with a name quoted once per query checked once per query.

PostgreSQL's compiler refuses a ``$`` in a column alias before it looks a name up in the query's
quote cache, so a page's 900 lookups of ~40 distinct names pay the check and an extra call each
time. A name in the cache has passed the check already: it is answered from the cache.
"""

from __future__ import annotations

from django.db.backends.postgresql import compiler
from django.db.backends.postgresql.compiler import (
    SQLAggregateCompiler,
    SQLDeleteCompiler,
    SQLInsertCompiler,
    SQLUpdateCompiler,
)

__all__ = [
    "SQLAggregateCompiler",
    "SQLCompiler",
    "SQLDeleteCompiler",
    "SQLInsertCompiler",
    "SQLUpdateCompiler",
]


class SQLCompiler(compiler.SQLCompiler):
    def quote_name_unless_alias(self, name):
        quoted = self.quote_cache.get(name)
        return quoted if quoted is not None else super().quote_name_unless_alias(name)
