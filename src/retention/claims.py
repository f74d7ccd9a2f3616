"""The course's headline claims, each with its meaning in both languages and an honest source status.

None of these comes from a study the course can check, so each is labelled a commonly cited industry
figure; lessons show them with :func:`claims_table` rather than retyping them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from retention.bilingual import bi

INDUSTRY = ("a commonly cited industry figure", "一个常被引用的行业数据")


@dataclass(frozen=True)
class Claim:
    """One headline number: what it says, in English and Chinese, and where it comes from."""

    key: str
    value: str
    en: str
    zh: str
    source_en: str = INDUSTRY[0]
    source_zh: str = INDUSTRY[1]


CLAIMS = (
    Claim(
        "acquisition_cost_multiple",
        "3–10×",
        "Winning a new customer costs 3 to 10 times as much as keeping an existing one.",
        "获取一位新客户的成本是维系一位老客户的 3 到 10 倍。",
    ),
    Claim(
        "loyalty_drop_profit",
        "−5% → −25%",
        "A 5% fall in customer loyalty can cut profit by about 25%.",
        "客户忠诚度下降 5%，利润可能随之减少约 25%。",
    ),
    Claim(
        "retention_rise_profit",
        "+5% → +25%",
        "Raising yearly retention by 5 percentage points can raise profit by 25% or more.",
        "年度客户留存率提高 5 个百分点，利润可能提高 25% 甚至更多。",
        "a commonly cited industry figure, usually traced to Reichheld & Sasser, "
        "'Zero Defections: Quality Comes to Services', Harvard Business Review, 1990",
        "一个常被引用的行业数据，通常追溯到 Reichheld 与 Sasser 1990 年发表于《哈佛商业评论》的"
        "《零流失：服务业的质量之道》",
    ),
    Claim(
        "sell_probability",
        "15% vs 50%",
        "The chance of selling to a new prospect is about 15%; to an existing customer about 50%.",
        "向新客户成功推销的概率约为 15%，向老客户推销的概率约为 50%。",
    ),
    Claim(
        "referral_share",
        "60%",
        "About 60% of new customers arrive through referrals from existing customers.",
        "约 60% 的新客户来自老客户的推荐。",
    ),
    Claim(
        "pareto_profit",
        "20% → 85%",
        "The best 20% of regular customers bring about 85% of profit.",
        "最好的 20% 老客户贡献了约 85% 的利润。",
    ),
    Claim(
        "satisfaction_range",
        "20%–70%",
        "Across industries, customer satisfaction typically lies between 20% and 70%.",
        "在不同行业中，客户满意度通常在 20% 到 70% 之间。",
    ),
)


def claim(key: str) -> Claim:
    """Look up one claim by key; a wrong key names the keys that exist."""
    for item in CLAIMS:
        if item.key == key:
            return item
    raise ValueError(f"no claim {key!r}; known claims: {[c.key for c in CLAIMS]}")


def claims_table(*keys: str) -> pd.DataFrame:
    """The chosen headline claims (all of them when no key is given) with meaning and source status, in both languages."""
    chosen = [claim(k) for k in keys] if keys else list(CLAIMS)
    return pd.DataFrame(
        [
            {bi("figure", "数据"): c.value, "meaning": c.en, "含义": c.zh, bi("source", "来源"): bi(c.source_en, c.source_zh)}
            for c in chosen
        ]
    )
