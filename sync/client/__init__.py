"""The platform client: the HTTP gateway (``gateway``), its error mapping (``errors``) and scan upload
helpers (``uploads``)."""
