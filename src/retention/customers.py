"""Who the customers are: where they live and how big their orders are (concentration: retention.concentration).

Orders are counted by invoice (InvoiceNo), not by order line. Revenue is in GBP.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from retention.cleaning import is_cancellation, require_columns

HOME_COUNTRY = "United Kingdom"
MARKETS = ("domestic", "cross-border")
MARKET_NAMES = {"domestic": ("domestic (UK)", "国内（英国）"), "cross-border": ("cross-border", "跨境")}
#: Every ``Country`` value of the Online Retail file as readers read it: (English, Chinese). The English
#: keeps the file's spelling, so a reader can filter on what they see; codes get their country in brackets.
COUNTRY_NAMES = {
    "Australia": ("Australia", "澳大利亚"),
    "Austria": ("Austria", "奥地利"),
    "Bahrain": ("Bahrain", "巴林"),
    "Belgium": ("Belgium", "比利时"),
    "Brazil": ("Brazil", "巴西"),
    "Canada": ("Canada", "加拿大"),
    "Channel Islands": ("Channel Islands", "海峡群岛"),
    "Cyprus": ("Cyprus", "塞浦路斯"),
    "Czech Republic": ("Czech Republic", "捷克"),
    "Denmark": ("Denmark", "丹麦"),
    "EIRE": ("EIRE (Ireland)", "爱尔兰"),
    "European Community": ("European Community", "欧洲共同体（未注明国家）"),
    "Finland": ("Finland", "芬兰"),
    "France": ("France", "法国"),
    "Germany": ("Germany", "德国"),
    "Greece": ("Greece", "希腊"),
    "Hong Kong": ("Hong Kong", "中国香港"),
    "Iceland": ("Iceland", "冰岛"),
    "Israel": ("Israel", "以色列"),
    "Italy": ("Italy", "意大利"),
    "Japan": ("Japan", "日本"),
    "Lebanon": ("Lebanon", "黎巴嫩"),
    "Lithuania": ("Lithuania", "立陶宛"),
    "Malta": ("Malta", "马耳他"),
    "Netherlands": ("Netherlands", "荷兰"),
    "Norway": ("Norway", "挪威"),
    "Poland": ("Poland", "波兰"),
    "Portugal": ("Portugal", "葡萄牙"),
    "RSA": ("RSA (South Africa)", "南非"),
    "Saudi Arabia": ("Saudi Arabia", "沙特阿拉伯"),
    "Singapore": ("Singapore", "新加坡"),
    "Spain": ("Spain", "西班牙"),
    "Sweden": ("Sweden", "瑞典"),
    "Switzerland": ("Switzerland", "瑞士"),
    "USA": ("USA", "美国"),
    "United Arab Emirates": ("United Arab Emirates", "阿联酋"),
    "United Kingdom": ("United Kingdom", "英国"),
    "Unspecified": ("Unspecified", "未注明"),
}


def market_of(countries: pd.Series, home: str = HOME_COUNTRY) -> pd.Series:
    """'domestic' for the home country, 'cross-border' for every other value (including 'Unspecified')."""
    return pd.Series(np.where(countries.astype("str").eq(home), "domestic", "cross-border"), index=countries.index)


def customer_revenue(transactions: pd.DataFrame) -> pd.Series:
    """Total revenue per CustomerID (GBP), largest first; needs a ``Revenue`` column (see clean_transactions)."""
    require_columns(transactions, ("CustomerID", "Revenue"), "transactions")
    return transactions.groupby("CustomerID")["Revenue"].sum().sort_values(ascending=False, kind="stable")


def customer_countries(transactions: pd.DataFrame) -> pd.Series:
    """Each customer's country: the one on most of their invoices (ties go to the alphabetically first)."""
    require_columns(transactions, ("CustomerID", "Country", "InvoiceNo"), "transactions")
    counts = transactions.groupby(["CustomerID", "Country"])["InvoiceNo"].nunique().reset_index()
    counts = counts.sort_values(["CustomerID", "InvoiceNo", "Country"], ascending=[True, False, True], kind="stable")
    return counts.drop_duplicates("CustomerID").set_index("CustomerID")["Country"]


def country_mix(transactions: pd.DataFrame, home: str = HOME_COUNTRY) -> pd.DataFrame:
    """Per country: customers, invoices, revenue and their shares, and whether it is the domestic market."""
    require_columns(transactions, ("CustomerID", "Country", "InvoiceNo", "Revenue"), "transactions")
    mix = transactions.groupby("Country").agg(
        customers=("CustomerID", "nunique"), invoices=("InvoiceNo", "nunique"), revenue=("Revenue", "sum")
    )
    for column in ("customers", "invoices", "revenue"):
        mix[f"{column}_share"] = mix[column] / mix[column].sum()
    mix["market"] = market_of(mix.index.to_series(), home).to_numpy()
    return mix.sort_values("revenue", ascending=False, kind="stable")


def market_summary(transactions: pd.DataFrame, home: str = HOME_COUNTRY) -> pd.DataFrame:
    """Domestic vs cross-border: customers, invoices, revenue, revenue share and average order value (GBP)."""
    require_columns(transactions, ("CustomerID", "Country", "InvoiceNo", "Revenue"), "transactions")
    market = market_of(transactions["Country"], home)
    summary = transactions.groupby(market.rename("market")).agg(
        customers=("CustomerID", "nunique"), invoices=("InvoiceNo", "nunique"), revenue=("Revenue", "sum")
    )
    summary["revenue_share"] = summary["revenue"] / summary["revenue"].sum()
    summary["avg_order_value"] = summary["revenue"] / summary["invoices"]
    return summary.reindex([m for m in MARKETS if m in summary.index])


def order_sizes(transactions: pd.DataFrame, home: str = HOME_COUNTRY) -> pd.DataFrame:
    """One row per sales invoice: customer, country, market, date, lines, items and value (GBP); cancellations excluded."""
    require_columns(
        transactions, ("InvoiceNo", "CustomerID", "Country", "InvoiceDate", "Quantity", "Revenue"), "transactions"
    )
    sales = transactions.loc[~is_cancellation(transactions["InvoiceNo"])]
    if sales.empty:
        raise ValueError("transactions hold only cancellations: there are no orders to size")
    orders = sales.groupby("InvoiceNo").agg(
        CustomerID=("CustomerID", "first"),
        Country=("Country", "first"),
        InvoiceDate=("InvoiceDate", "min"),
        lines=("Quantity", "size"),
        items=("Quantity", "sum"),
        value=("Revenue", "sum"),
    )
    orders["market"] = market_of(orders["Country"], home)
    return orders


def order_size_summary(orders: pd.DataFrame) -> pd.DataFrame:
    """Per market: number of orders and the median and mean order value and items (from :func:`order_sizes`)."""
    require_columns(orders, ("market", "value", "items"), "orders")
    summary = orders.groupby("market").agg(
        orders=("value", "size"),
        median_value=("value", "median"),
        mean_value=("value", "mean"),
        median_items=("items", "median"),
    )
    return summary.reindex([m for m in MARKETS if m in summary.index])

