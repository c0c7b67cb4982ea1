"""The desk UI contract (``api``: ``DeskApi`` and the plain data it returns) and its implementation over
the local profile (``local``)."""
