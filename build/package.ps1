# Package bizdesk for Windows with `flet build` (needs the Flutter SDK and Visual Studio C++ tools;
# see build/README.md).   build\package.ps1 [-Fonts DIR] [-Print]
param([string]$Fonts = "", [switch]$Print)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
uv sync --frozen --group package   # the locked environment plus flet-cli 1.0.5 (the package group)
$recipe = @("build\flet_recipe.py", "windows")
if ($Fonts) { $recipe += @("--fonts", $Fonts) }  # Windows has no Debian font packages: a folder with the three files
if ($Print) { $recipe += "--print" }
& .venv\Scripts\python.exe @recipe
exit $LASTEXITCODE
