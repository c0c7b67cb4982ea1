"""The platform client: the HTTP gateway (``gateway``) over a signed session (``session``), its error
mapping (``errors``), scan uploads (``uploads``) and the desk's enrolment (``enrollment``)."""
