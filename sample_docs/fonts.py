"""Font files, only from fonts-dejavu-core, fonts-liberation and fonts-urw-base35.

Those three Debian packages are what the lead's set-up installs on CI machines, so every
machine renders the same glyphs and the generator's bytes are reproducible.
"""

from __future__ import annotations

from pathlib import Path

_LIB = Path("/usr/share/fonts/truetype/liberation")
_DJV = Path("/usr/share/fonts/truetype/dejavu")
_URW = Path("/usr/share/fonts/opentype/urw-base35")

# Raster fonts (PIL reads TrueType and OpenType/CFF alike).
RASTER: dict[str, Path] = {
    "sans": _LIB / "LiberationSans-Regular.ttf",
    "sans-b": _LIB / "LiberationSans-Bold.ttf",
    "sans-i": _LIB / "LiberationSans-Italic.ttf",
    "serif": _LIB / "LiberationSerif-Regular.ttf",
    "serif-b": _LIB / "LiberationSerif-Bold.ttf",
    "mono": _LIB / "LiberationMono-Regular.ttf",
    "mono-b": _LIB / "LiberationMono-Bold.ttf",
    "narrow": _LIB / "LiberationSansNarrow-Regular.ttf",
    "narrow-b": _LIB / "LiberationSansNarrow-Bold.ttf",
    "dejavu": _DJV / "DejaVuSans.ttf",
    "dejavu-b": _DJV / "DejaVuSans-Bold.ttf",
    "dejavu-mono": _DJV / "DejaVuSansMono.ttf",
    "times": _URW / "NimbusRoman-Regular.otf",
    "times-b": _URW / "NimbusRoman-Bold.otf",
    "helv": _URW / "NimbusSans-Regular.otf",
    "helv-b": _URW / "NimbusSans-Bold.otf",
    "courier": _URW / "NimbusMonoPS-Regular.otf",
    "gothic": _URW / "URWGothic-Book.otf",
    "gothic-b": _URW / "URWGothic-Demi.otf",
    "bookman": _URW / "URWBookman-Light.otf",
    "hand": _URW / "Z003-MediumItalic.otf",
    "hand2": _LIB / "LiberationSans-Italic.ttf",
    "hand3": _URW / "URWBookman-LightItalic.otf",
}

# reportlab embeds TrueType only: OpenType/CFF faces fall back to a Liberation face.
PDF_FALLBACK: dict[str, str] = {
    "times": "serif",
    "times-b": "serif-b",
    "helv": "sans",
    "helv-b": "sans-b",
    "courier": "mono",
    "gothic": "sans",
    "gothic-b": "sans-b",
    "bookman": "serif",
    "hand": "sans-i",
    "hand2": "sans-i",
    "hand3": "sans-i",
}


def pdf_font(name: str) -> tuple[str, Path]:
    key = PDF_FALLBACK.get(name, name)
    return key, RASTER[key]
