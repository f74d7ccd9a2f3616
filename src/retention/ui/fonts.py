"""The CJK font for charts, registered once: Noto Sans CJK SC shipped by the ``mplfonts`` wheel.

Chinese then renders the same on every machine and matplotlib never prints ``Glyph ... missing``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager

CJK_FONT_FILE = "NotoSansCJKsc-Regular.otf"


class FontNotFoundError(RuntimeError):
    """The CJK font package is missing: Chinese text would draw as empty boxes."""


@lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    """Path of the Noto Sans CJK SC font inside the installed ``mplfonts`` package."""
    try:
        import mplfonts
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise FontNotFoundError(
            "The package 'mplfonts' (which ships the Noto Sans CJK SC font) is not installed. "
            "Run `make setup` or `pip install -r requirements.txt`."
        ) from err
    path = Path(mplfonts.__file__).parent / "fonts" / CJK_FONT_FILE
    if not path.is_file():
        raise FontNotFoundError(f"{path} is missing; reinstall with `pip install --force-reinstall mplfonts`.")
    return path


@lru_cache(maxsize=1)
def use_cjk_font() -> str:
    """Register the CJK font and make it the fallback after DejaVu Sans; returns the font's family name."""
    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    family = font_manager.FontProperties(fname=str(path)).get_name()
    # An explicit family list (not the generic "sans-serif") is what turns on per-glyph fallback.
    matplotlib.rcParams["font.family"] = ["DejaVu Sans", family]
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["svg.fonttype"] = "path"
    return family
