"""The encrypted local store: SQLCipher through SQLAlchemy 2, behind a unit of work.

Public pieces: ``make_engine`` (engine.py), ``upgrade``/``status`` (migrate.py),
``SqlUnitOfWork`` (uow.py), ``Base`` (base.py) for other table modules. Nothing here
opens a database at import time.
"""
