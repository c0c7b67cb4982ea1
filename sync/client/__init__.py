"""The platform client: the HTTP gateway (``gateway``), its error mapping (``errors``), scan upload
helpers (``uploads``) and the desk's enrolment (``enrollment``)."""
