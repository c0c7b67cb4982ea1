"""The desk's window without the Flutter desktop client: an app window of the PC's Chromium-family browser.

Flet's desktop client (flet-desktop) downloads its Flutter client at first start, which branch PCs
cannot do. Every Windows PC has Microsoft Edge, and Linux desks have Chromium: started with
``--app=URL`` and a profile folder of its own inside the data root, it shows the desk served on
127.0.0.1 in a window with no tabs and no address bar, and nothing of it reaches the internet.

    browsers   which browser: Edge, Chrome or Chromium at their standard places (``Machine`` is the port)
    command    the browser's command line (offline and quiet) and its profile's preferences
    process    the running window: opened, waited for, closed with the desk
    choice     which window ``bizdesk run`` opens: the Flutter client, the browser, or none

Nothing here imports the UI toolkit: the composition root (``app.wiring.serving``) serves the desk
and hands this package the address.
"""
