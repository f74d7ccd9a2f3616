"""RFM scores and the named customer segments, apart from how the RFM table is computed.

Kept apart from :mod:`retention.rfm` so that assignment 3's kernel can score a student's own RFM
table without seeing the course's ``rfm_table`` (the grader shows it this module, not that one).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from retention.numeric import require_columns


@dataclass(frozen=True)
class Segment:
    """A named RFM segment: who is in it, in both languages, and what the service team does next."""

    key: str
    en: str
    zh: str
    rule: str
    action_en: str
    action_zh: str


#: Chinese names all end in 客户; two take the names of the eight-class RFM scheme of Chinese CRM texts
#: (重要价值客户 for champions, 重要保持客户 for can't-lose), the others say what the English says.
#: Segments in display order, best first. ``rule`` is written in R (recency score) and F (frequency score).
SEGMENTS = (
    Segment("champions", "Champions", "重要价值客户", "R 5, F 4-5",
            "Thank them personally, offer early access and a referral reward; ask for reviews.",
            "亲自致谢，提供新品抢先购和推荐奖励，并邀请他们撰写评价。"),
    Segment("loyal", "Loyal customers", "忠诚客户", "R 3-4, F 4-5",
            "Enrol them in the membership scheme; recommend related products; check in after each delivery.",
            "邀请加入会员计划，推荐相关商品，每次送达后主动回访。"),
    Segment("potential_loyalists", "Potential loyalists", "潜力忠诚客户", "R 4-5, F 2-3",
            "Offer membership or a bundle on the next order; make delivery and returns effortless.",
            "在下一单提供会员资格或组合优惠，让配送和退货尽量省心。"),
    Segment("new", "New customers", "新客户", "R 5, F 1",
            "Welcome series: delivery tracking, care tips, a how-to-return note and a second-order coupon.",
            "发送欢迎系列：物流跟踪、使用提示、退货说明和第二单优惠券。"),
    Segment("promising", "Promising", "潜力新客户", "R 4, F 1",
            "Follow up on the first order's experience; suggest best-sellers for their market.",
            "回访首单体验，推荐其所在市场的畅销商品。"),
    Segment("need_attention", "Need attention", "需要关注的客户", "R 3, F 3",
            "Ask for feedback on the last order; a limited-time offer based on past purchases.",
            "询问对上一单的意见，根据以往购买记录提供限时优惠。"),
    Segment("about_to_sleep", "About to sleep", "即将沉睡的客户", "R 3, F 1-2",
            "Send useful content and a small reactivation offer before they forget the shop.",
            "在他们淡忘店铺之前，发送有用的内容和小额唤醒优惠。"),
    Segment("at_risk", "At risk", "有流失风险的客户", "R 1-2, F 3-4",
            "Personal e-mail or call from service: ask what went wrong, fix open issues, offer a win-back deal.",
            "由客服发送个性化邮件或致电：询问问题所在，解决未了结的问题，并提供挽回优惠。"),
    Segment("cant_lose", "Can't lose them", "重要保持客户", "R 1-2, F 5",
            "Senior account manager calls within a week; review their complaints and delivery history.",
            "一周内由资深客户经理致电，复查他们的投诉和配送记录。"),
    Segment("hibernating", "Hibernating", "休眠客户", "R 2, F 1-2",
            "Low-cost seasonal newsletter; re-engage only with relevant offers.",
            "发送低成本的季节性资讯，只用相关优惠重新激活。"),
    Segment("lost", "Lost", "已流失客户", "R 1, F 1-2",
            "One win-back survey asking why they left; then stop spending on them.",
            "发送一次挽回问卷，了解离开原因；之后不再为其投入营销费用。"),
)
SEGMENT_KEYS = tuple(segment.key for segment in SEGMENTS)

# _GRID[r - 1][f - 1] is the segment of a customer with recency score r and frequency score f.
_GRID = (
    ("lost", "lost", "at_risk", "at_risk", "cant_lose"),
    ("hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"),
    ("about_to_sleep", "about_to_sleep", "need_attention", "loyal", "loyal"),
    ("promising", "potential_loyalists", "potential_loyalists", "loyal", "loyal"),
    ("new", "potential_loyalists", "potential_loyalists", "champions", "champions"),
)


def quantile_score(values: pd.Series, bins: int = 5, higher_is_better: bool = True) -> pd.Series:
    """Scores 1..bins by rank quantile; tied values share the score of their lowest position, so ties never split."""
    if not isinstance(bins, int) or bins < 2:
        raise ValueError(f"bins must be an integer of at least 2, got {bins!r}")
    if len(values) == 0:
        raise ValueError("values is empty: nothing to score")
    if values.isna().any():
        raise ValueError("values contain missing entries; drop or fill them first")
    ranked = (values if higher_is_better else -values).rank(method="min")
    scores = 1 + np.floor((ranked.to_numpy() - 1) * bins / len(values)).astype("int64")
    return pd.Series(scores, index=values.index, name=values.name)


def rfm_scores(rfm: pd.DataFrame, bins: int = 5) -> pd.DataFrame:
    """Add R, F and M scores (1 = worst, ``bins`` = best; recent customers get a high R) and their code, e.g. '545'."""
    require_columns(rfm, ("recency_days", "frequency", "monetary"), "rfm")
    scored = rfm.copy()
    scored["R"] = quantile_score(rfm["recency_days"], bins, higher_is_better=False)
    scored["F"] = quantile_score(rfm["frequency"], bins)
    scored["M"] = quantile_score(rfm["monetary"], bins)
    scored["RFM"] = scored["R"].astype("str") + scored["F"].astype("str") + scored["M"].astype("str")
    return scored


def segment_of(r: pd.Series, f: pd.Series) -> pd.Series:
    """Segment key for each pair of R and F scores (1-5), from the 5 x 5 grid of :data:`SEGMENTS`."""
    r_values, f_values = np.asarray(r), np.asarray(f)
    for name, values in (("R", r_values), ("F", f_values)):
        if values.size and (values.min() < 1 or values.max() > 5):
            raise ValueError(f"{name} scores must lie between 1 and 5 (use bins=5), got {values.min()}..{values.max()}")
    grid = np.array(_GRID, dtype=object)
    return pd.Series(grid[r_values.astype(int) - 1, f_values.astype(int) - 1], index=getattr(r, "index", None), dtype="str")


def segment_customers(scores: pd.DataFrame) -> pd.DataFrame:
    """Add ``segment`` (key), ``segment_en`` and ``segment_zh`` to a frame from :func:`rfm_scores`."""
    require_columns(scores, ("R", "F"), "scores")
    out = scores.copy()
    out["segment"] = segment_of(scores["R"], scores["F"])
    names = segment_definitions().set_index("segment")
    out["segment_en"] = out["segment"].map(names["en"])
    out["segment_zh"] = out["segment"].map(names["zh"])
    return out


def segment_definitions() -> pd.DataFrame:
    """The segment catalogue: key, bilingual name, rule on the R/F scores and follow-up action in both languages."""
    return pd.DataFrame(
        [
            {"segment": s.key, "en": s.en, "zh": s.zh, "rule": s.rule, "action_en": s.action_en, "action_zh": s.action_zh}
            for s in SEGMENTS
        ]
    )
