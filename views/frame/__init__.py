"""The page frame: the Flet ``main`` (``app.build_app``), the routed shell after login (``shell``) and
the dispatch of each desk area to its screen (``areas``)."""
