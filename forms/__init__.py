"""The printable packet: every form of a case, drawn with reportlab (see docs/forms.md).

    from forms.packet import ReportlabPacketRenderer   # implements app.services.packet.PacketRenderer

Forms are data (``forms.catalog.layout``, ``forms.catalog``) filled from facts derived once from the case
(``forms.facts``) and drawn by one renderer (``forms.render``). This package imports ``app`` and
reportlab, never the UI; ``app`` reaches it only through its composition root.
"""
