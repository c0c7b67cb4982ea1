"""The composition root: the only package in app/ that may import views/, sync/ and forms/ (inside
functions). It opens profiles (``profile``), wires syncing (``syncing``) and serves the desk UI (``ui``)."""
