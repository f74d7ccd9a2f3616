"""Charts draw Chinese with a real CJK font: no 'Glyph missing' warning, and the glyphs are not empty boxes."""

import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from retention import churn_cost_table, complaint_outcome_table  # noqa: E402
from retention.plotting import churn_cost_chart, complaint_outcome_chart, cjk_font_path, use_cjk_font  # noqa: E402


def test_font_ships_with_a_package_and_covers_the_lesson_text():
    path = cjk_font_path()
    assert path.is_file() and "site-packages" in str(path)
    font = font_manager.get_font(str(path))
    for char in "客户维系流失率终身价值投诉（）":
        assert font.get_char_index(ord(char)) != 0, char


def test_charts_render_without_glyph_warnings(tmp_path):
    use_cjk_font()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for draw, table in ((churn_cost_chart, churn_cost_table()), (complaint_outcome_chart, complaint_outcome_table())):
            ax = draw(table)
            ax.figure.savefig(tmp_path / "chart.png")
            assert any("\u4e00" <= ch <= "\u9fff" for ch in ax.get_title())
            plt.close(ax.figure)
