"""Customer relationship management: classes of customers and their follow-up plans, the workload
those plans make, an early-renewal offer, and the eight CRM terms the course teaches.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

# Only the table functions need pandas: they import it themselves, so the formulas (and the book's
# in-browser calculators, which run them) load with the standard library alone.
if TYPE_CHECKING:  # annotations only
    import pandas as pd

from retention.bilingual import bi
from retention.numeric import number, tidy, whole

# --- follow-up plans by customer class -----------------------------------------------------------


@dataclass(frozen=True)
class CustomerClass:
    """A class of customers and the follow-up plan that suits it, in both languages."""

    key: str
    en: str
    zh: str
    who_en: str
    who_zh: str
    when_en: str
    when_zh: str
    channel_en: str
    channel_zh: str
    content_en: str
    content_zh: str
    contacts_per_year: int


CUSTOMER_CLASSES = (
    CustomerClass(
        "after-complaint",
        "After a complaint",
        "投诉后客户",
        "complained in the last 30 days",
        "最近 30 天内投诉过",
        "1, 7 and 30 days after the fix",
        "问题解决后第 1、7、30 天",
        "the same agent, by messenger or phone",
        "由同一位客服通过即时通讯或电话联系",
        "check the fix worked; a small goodwill gesture",
        "确认问题已彻底解决；送上一份小小的补偿心意",
        3,
    ),
    CustomerClass(
        "at-risk",
        "At risk",
        "有流失风险的客户",
        "no order for more than 180 days",
        "超过 180 天没有下单",
        "twice, two weeks apart",
        "两次，间隔两周",
        "e-mail, then SMS",
        "先发邮件，再发短信",
        "ask what went wrong; a win-back offer",
        "询问哪里做得不好；提供挽回优惠",
        2,
    ),
    CustomerClass(
        "new",
        "New",
        "新客户",
        "first order in the last 60 days",
        "最近 60 天内首次下单",
        "3 and 30 days after delivery",
        "签收后第 3 天和第 30 天",
        "e-mail or marketplace message",
        "邮件或平台站内信",
        "usage tips; ask for a review",
        "使用小贴士；邀请留下评价",
        2,
    ),
    CustomerClass(
        "vip",
        "VIP",
        "VIP 客户",
        "the top 20% by profit",
        "利润贡献排名前 20%",
        "monthly, plus birthday and holidays",
        "每月一次，另加生日和节日",
        "named account manager: phone, messenger, e-mail",
        "专属客服经理：电话、即时通讯、邮件",
        "early access to new products; personal offers",
        "新品抢先看；专属优惠",
        14,
    ),
    CustomerClass(
        "regular",
        "Regular",
        "普通老客户",
        "everyone else who has bought twice or more",
        "其余购买过两次及以上的客户",
        "quarterly, plus holidays",
        "每季度一次，另加节日",
        "e-mail newsletter, social media",
        "邮件简报、社交媒体",
        "product news; holiday greetings",
        "新品资讯；节日问候",
        6,
    ),
)

_CLASSES = {c.key: c for c in CUSTOMER_CLASSES}


def customer_class(
    orders: int,
    days_since_last_order: float,
    profit_rank_share: float,
    complained_recently: bool = False,
    at_risk_after_days: float = 180,
) -> str:
    """The follow-up class of one customer, by the first rule that applies.

    Rules, in order: a complaint in the last 30 days -> ``after-complaint``; no order for more than
    ``at_risk_after_days`` -> ``at-risk``; one order only -> ``new``; in the top 20% by profit
    (``profit_rank_share`` <= 0.2, where 0 is the most profitable customer) -> ``vip``; else ``regular``.
    """
    whole("orders", orders, minimum=1)
    days = number("days_since_last_order", days_since_last_order, minimum=0)
    rank = number("profit_rank_share", profit_rank_share, minimum=0, maximum=1)
    limit = number("at_risk_after_days", at_risk_after_days, minimum=0, strict_min=True)
    if not isinstance(complained_recently, bool):
        raise ValueError(f"complained_recently must be True or False, got {complained_recently!r}")
    if complained_recently:
        return "after-complaint"
    if days > limit:
        return "at-risk"
    if orders == 1:
        return "new"
    if rank <= 0.2:
        return "vip"
    return "regular"


def follow_up_plan_table() -> pd.DataFrame:
    """The follow-up plan by customer class as a bilingual table (each cell 'English · 中文')."""
    import pandas as pd
    return pd.DataFrame(
        [
            {
                bi("Class", "客户类别"): bi(c.en, c.zh),
                bi("Who", "对象"): bi(c.who_en, c.who_zh),
                bi("When", "时间"): bi(c.when_en, c.when_zh),
                bi("Channel", "渠道"): bi(c.channel_en, c.channel_zh),
                bi("What to offer", "内容"): bi(c.content_en, c.content_zh),
                bi("Contacts a year", "每年联系次数"): c.contacts_per_year,
            }
            for c in CUSTOMER_CLASSES
        ]
    )


def follow_up_workload(counts: dict) -> pd.DataFrame:
    """Contacts a year the team must make: customers in each class x that class's contacts a year, plus a total row."""
    import pandas as pd
    if not isinstance(counts, dict):
        raise ValueError(f"counts must be a mapping of customer class to number of customers, got {counts!r}")
    unknown = sorted(set(counts) - set(_CLASSES))
    if unknown:
        raise ValueError(f"counts has unknown customer classes {unknown}; known: {sorted(_CLASSES)}")
    rows = []
    for c in CUSTOMER_CLASSES:
        n = number(f"counts[{c.key!r}]", counts.get(c.key, 0), minimum=0)
        rows.append({"class": c.key, "类别": c.zh, "customers": n, "contacts_per_year": c.contacts_per_year,
                     "contacts": tidy(n * c.contacts_per_year)})
    total = {"class": "total", "类别": "合计", "customers": sum(r["customers"] for r in rows),
             "contacts_per_year": None, "contacts": tidy(sum(r["contacts"] for r in rows))}
    return pd.DataFrame([*rows, total])


# --- value proposition: renewing early for a discount ---------------------------------------------


@dataclass(frozen=True)
class RenewalOffer:
    """Membership revenue with and without an early-renewal discount."""

    members: float
    price: float
    discount: float
    renewal_without: float
    renewal_with: float

    @property
    def revenue_without(self) -> float:
        return tidy(self.members * self.renewal_without * self.price)

    @property
    def revenue_with(self) -> float:
        return tidy(self.members * self.renewal_with * self.price * (1 - self.discount))

    @property
    def gain(self) -> float:
        return tidy(self.revenue_with - self.revenue_without)

    @property
    def break_even_renewal(self) -> float:
        """The renewal rate the discount needs just to keep revenue where it was."""
        return tidy(self.renewal_without / (1 - self.discount)) if self.discount < 1 else math.inf


def early_renewal_offer(
    members: float, price: float, renewal_without: float, renewal_with: float, discount: float = 0.10
) -> RenewalOffer:
    """Revenue from ``members`` whose membership costs ``price``, if a ``discount`` for renewing early lifts renewal."""
    return RenewalOffer(
        members=number("members", members, minimum=0),
        price=number("price", price, minimum=0),
        discount=number("discount", discount, minimum=0, maximum=1),
        renewal_without=number("renewal_without", renewal_without, minimum=0, maximum=1),
        renewal_with=number("renewal_with", renewal_with, minimum=0, maximum=1),
    )


# --- CRM terms ------------------------------------------------------------------------------------

#: The eight customer-relations terms, as glossary keys, in teaching order.
CRM_TERMS = (
    "pro-active-customer-care",
    "follow-up",
    "feedback",
    "customer-touch-points",
    "customer-loyalty",
    "value-proposition",
    "tracking-and-learning",
    "best-practices",
)


def crm_terms_table() -> pd.DataFrame:
    """The eight CRM terms from the course glossary: term and definition in both languages."""
    import pandas as pd
    from retention.glossary import load_glossary  # read the book's content files only when asked

    entries = {e.key: e for e in load_glossary()}
    missing = [key for key in CRM_TERMS if key not in entries]
    if missing:
        raise ValueError(f"the glossary lacks the CRM terms {missing}")
    return pd.DataFrame(
        [
            {
                "term": entries[k].en,
                "术语": entries[k].zh,
                "definition": entries[k].definition_en,
                "定义": entries[k].definition_zh,
            }
            for k in CRM_TERMS
        ]
    )
