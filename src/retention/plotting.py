"""Matplotlib set-up and bilingual charts: registers a real CJK font shipped by a package, once.

The font (Noto Sans CJK SC, SIL Open Font Licence) comes from the ``mplfonts`` wheel, so Chinese
renders the same on every machine and matplotlib never prints a ``Glyph ... missing`` warning.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager

from retention.i18n import bi_lines

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


def title(ax, en: str, zh: str) -> None:
    """Give an axes a two-line title, English over Chinese."""
    ax.set_title(bi_lines(en, zh))


def churn_cost_chart(table, ax=None):
    """Stacked bars of acquisition and retention cost (in n) for each churn rate of ``churn_cost_table``."""
    import matplotlib.pyplot as plt

    use_cjk_font()
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4.5), layout="constrained")
    labels = [f"{rate:.0%}" for rate in table["churn_rate"]]
    ax.bar(labels, table["retention_cost_n"], label=bi_lines("Keeping customers", "维系老客户"), color="#4C78A8")
    ax.bar(
        labels,
        table["acquisition_cost_n"],
        bottom=table["retention_cost_n"],
        label=bi_lines("Winning new customers", "获取新客户"),
        color="#F58518",
    )
    title(ax, "Yearly cost of holding 1,000 customers", "保持 1,000 名客户的年度成本")
    ax.set_xlabel(bi_lines("Churn rate", "流失率"))
    ax.set_ylabel(bi_lines("Cost (n = cost of keeping one customer)", "成本（n = 维系一位客户的成本）"))
    ax.legend(loc="upper left", fontsize="small")
    return ax


def complaint_outcome_chart(table, ax=None):
    """Horizontal bars: share of customers who buy again after each complaint outcome."""
    import matplotlib.pyplot as plt

    use_cjk_font()
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.5), layout="constrained")
    labels = [f"{en}\n{zh}" for en, zh in zip(table["en"], table["zh"])]
    bars = ax.barh(labels[::-1], table["buy_again"][::-1] * 100, color="#54A24B")
    ax.bar_label(bars, fmt="%.0f%%", padding=3)
    ax.set_xlim(0, 100)
    title(ax, "Who buys again after a problem", "出现问题后再次购买的客户比例")
    ax.set_xlabel(bi_lines("Customers who buy again (%)", "再次购买的客户（%）"))
    return ax
