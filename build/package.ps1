# Package bizdesk for Windows with `flet build` (needs the Flutter SDK and Visual Studio C++ tools).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
.venv\Scripts\python scripts\install_fonts.py
.venv\Scripts\flet build windows --output build\dist\windows --yes
