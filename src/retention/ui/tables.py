"""Results shown to readers as bilingual tables, never as Python reprs or raw pandas frames.

* :func:`key_figures` turns a few labelled results into a two-column table (the calculators' layout):
  the lesson writes each label in both languages and formats each value as a reader writes it.
* :func:`show_table` shows a pandas frame as a reader expects it: every header in both languages
  (from :data:`HEADERS`, the one vocabulary of the package's column names), shares as percentages,
  sensible rounding, no meaningless 0..n index, and no text cut short. Each language half sits in its
  own ``<span lang>``, so the book's language switch shows English, Chinese or both.
"""

from __future__ import annotations

import html
import numbers
from collections.abc import Mapping

import pandas as pd

from retention.bilingual import SEPARATOR, split
from retention.cleaning import CANCELLED_WITHIN_MINUTES
from retention.ui.calculator import result_table

# --- the vocabulary ------------------------------------------------------------------------------

#: How each kind of column is written: counts with thousands separators, shares as percentages,
#: amounts in pounds, costs in units of n (the cost of keeping one customer), dates to the minute.
KINDS = ("text", "int", "id", "num1", "num2", "num3", "pct", "pct_signed", "money0", "money2", "n", "times",
         "datetime", "month", "yesno", "column_name")

#: The package's column (and index) names as readers read them: name -> (English, Chinese, kind).
HEADERS: dict[str, tuple[str, str, str]] = {
    # money side (lessons 01-08)
    "case": ("Case", "情形", "text"),
    "order_value": ("Order value", "订单金额", "money0"),
    "orders_per_year": ("Orders a year", "每年订单数", "int"),
    "years": ("Years", "年数", "int"),
    "lifetime_value": ("Lifetime value", "客户终身价值", "money0"),
    "churn_rate": ("Churn rate", "流失率", "pct"),
    "new_customers": ("New customers", "新客户数", "int"),
    "acquisition_cost_n": ("Acquisition cost (n)", "获客成本（n）", "n"),
    "retention_cost_n": ("Retention cost (n)", "维系成本（n）", "n"),
    "total_cost_n": ("Total cost (n)", "总成本（n）", "n"),
    "outcome": ("Outcome", "处理结果", "text"),
    "buy_again": ("Buy again", "再次购买", "pct"),
    "leave": ("Leave", "流失", "pct"),
    "group": ("Group", "客户群", "text"),
    "contacts": ("Contacts", "联系次数", "int"),
    "chance_of_sale": ("Chance of a sale", "成交概率", "pct"),
    "expected_sales": ("Expected sales", "预期成交数", "int"),
    "class": ("Customer class", "客户类别", "text"),
    "customers": ("Customers", "客户数", "int"),
    "contacts_per_year": ("Contacts a year", "每年联系次数", "int"),
    "referral_change": ("Change in referrals", "推荐量变化", "pct_signed"),
    "referred_before": ("Referred customers before", "变化前的推荐客户", "int"),
    "referred_after": ("Referred customers after", "变化后的推荐客户", "int"),
    "referrals_lost": ("Referred customers lost", "减少的推荐客户", "int"),
    "replacement_cost_n": ("Cost to replace them (n)", "补足所需成本（n）", "n"),
    "term": ("Term", "术语", "text"),
    "definition": ("Definition", "定义", "text"),
    "meaning": ("Meaning", "含义", "text"),
    # real data: the Online Retail file and the support tickets (code names shown under the header)
    "InvoiceNo": ("Invoice", "发票号", "text"),
    "StockCode": ("Stock code", "商品编码", "text"),
    "Description": ("Description", "商品描述", "text"),
    "Quantity": ("Quantity", "数量", "int"),
    "InvoiceDate": ("Invoice date", "开票时间", "datetime"),
    "UnitPrice": ("Unit price", "单价", "money2"),
    "CustomerID": ("Customer", "客户编号", "id"),
    "Country": ("Country", "国家", "text"),
    "row": ("Row in the data (from 0)", "数据中的行号（从 0 起）", "id"),
    "ticket_id": ("Ticket", "工单号", "text"),
    "order_date": ("Order date", "下单时间", "datetime"),
    "opened_at": ("Opened", "开单时间", "datetime"),
    "channel": ("Channel", "渠道", "text"),
    "issue_type": ("Issue", "问题类型", "text"),
    "first_response_hours": ("First response (hours)", "首次响应（小时）", "num2"),
    "resolution_hours": ("Resolution (hours)", "解决用时（小时）", "num2"),
    "satisfaction": ("Satisfaction (1–5)", "满意度（1–5 分）", "int"),
    "repurchased": ("Bought again", "再次购买", "yesno"),
    # cleaning (31)
    "quirk": ("Data problem", "数据问题", "text"),
    "rows": ("Rows", "行数", "int"),
    "invoices": ("Invoices", "发票数", "int"),
    "step": ("Cleaning step", "清洗步骤", "text"),
    "revenue_gbp": ("Revenue", "收入", "money0"),
    "rows_removed": ("Rows removed", "删除的行数", "int"),
    "Revenue": ("Revenue", "收入", "money2"),
    # markets and order sizes (32)
    "revenue": ("Revenue", "收入", "money0"),
    "customers_share": ("Share of customers", "客户占比", "pct"),
    "invoices_share": ("Share of invoices", "发票占比", "pct"),
    "revenue_share": ("Share of revenue", "收入占比", "pct"),
    "market": ("Market", "市场", "text"),
    "avg_order_value": ("Average order value", "平均订单金额", "money2"),
    "orders": ("Orders", "订单数", "int"),
    "median_value": ("Median order value", "订单金额中位数", "money2"),
    "mean_value": ("Mean order value", "订单金额平均值", "money2"),
    "median_items": ("Median items per order", "每单商品件数中位数", "int"),
    "domestic": ("Domestic", "国内", "pct"),
    "cross-border": ("Cross-border", "跨境", "pct"),
    # RFM (33)
    "recency_days": ("Days since last order", "距上次购买天数", "int"),
    "frequency": ("Orders", "购买次数", "int"),
    "monetary": ("Spend", "消费金额", "money2"),
    "R": ("R score", "R 得分", "int"),
    "F": ("F score", "F 得分", "int"),
    "M": ("M score", "M 得分", "int"),
    "RFM": ("RFM code", "RFM 代码", "text"),
    "segment": ("Segment", "客户细分", "text"),
    "rule": ("Rule (scores)", "规则（得分）", "text"),
    "action": ("What to do", "应对措施", "text"),
    "customer_share": ("Share of customers", "客户占比", "pct"),
    "mean_recency_days": ("Mean days since last order", "平均距上次购买天数", "num1"),
    "mean_frequency": ("Mean orders", "平均购买次数", "num1"),
    "mean_monetary": ("Mean spend", "平均消费金额", "money0"),
    # cohorts (34)
    "cohort": ("First-purchase month", "首次购买月份", "month"),
    "months_since_first": ("Months since first purchase", "首次购买后的月数", "int"),
    # churn early warning (35)
    "tenure_days": ("Days as a customer", "成为客户的天数", "int"),
    "orders_last_90d": ("Orders in the last 90 days", "近 90 天订单数", "int"),
    "cancellations": ("Cancellations", "取消次数", "int"),
    "cross_border": ("Cross-border", "跨境客户", "yesno"),
    "churned": ("Churned", "已流失", "yesno"),
    "method": ("Method", "方法", "text"),
    "flagged": ("Flagged", "被标记的客户", "int"),
    "true_positives": ("Flagged and left", "标记且流失（真阳性）", "int"),
    "false_positives": ("Flagged but stayed", "标记但留下（假阳性）", "int"),
    "false_negatives": ("Missed and left", "未标记却流失（假阴性）", "int"),
    "true_negatives": ("Not flagged, stayed", "未标记且留下（真阴性）", "int"),
    "precision": ("Precision", "精确率", "pct"),
    "recall": ("Recall", "召回率", "pct"),
    "accuracy": ("Accuracy", "准确率", "pct"),
    "feature": ("Feature", "特征", "column_name"),
    "coefficient": ("Coefficient", "系数", "num3"),
    "churners": ("Customers who left", "流失客户数", "int"),
    "lift": ("Lift", "提升度", "num2"),
    "cumulative_customers_share": ("Customers called, cumulative", "累计联系的客户占比", "pct"),
    "cumulative_recall": ("Leavers reached, cumulative", "累计覆盖的流失客户占比", "pct"),
    # satisfaction (36)
    "cases": ("Cases", "记录数", "int"),
    "mean_satisfaction": ("Mean satisfaction", "平均满意度", "num2"),
    "csat": ("CSAT (share scoring 4–5)", "满意率（4–5 分占比）", "pct"),
    "median_first_response_hours": ("Median first response (hours)", "首次响应中位数（小时）", "num2"),
    "repurchase_rate": ("Repurchase rate", "复购率", "pct"),
    "first_response": ("First response", "首次响应时间", "text"),
    "resolved_quickly": ("Resolved quickly", "迅速解决", "pct"),
    "seed_buy_again": ("Buy again, industry figure", "再次购买（行业数据）", "pct"),
}

#: Pairs of columns that hold one label in two languages: shown as one column, English · 中文.
LABEL_PAIRS = (("en", "zh"), ("case", "情形"), ("group", "客户群"), ("class", "类别"), ("term", "术语"),
               ("meaning", "含义"), ("definition", "定义"), ("action_en", "action_zh"), ("segment_en", "segment_zh"))

#: Keys that some frames use as row labels or cell values, as readers read them.
_LABELS: dict[str, tuple[str, str]] = {
    "domestic": ("domestic", "国内"),
    "cross-border": ("cross-border", "跨境"),
    "vip": ("VIP", "VIP 客户"),
    "regular": ("regular", "普通老客户"),
    "new": ("new", "新客户"),
    "at-risk": ("at risk", "有流失风险的客户"),
    "after-complaint": ("after a complaint", "投诉后客户"),
    "total": ("total", "合计"),
    "missing_customer": ("no CustomerID", "缺少客户编号"),
    "cancellation": ("cancellation (invoice starts with C)", "取消订单（发票以 C 开头）"),
    "cancelled_in_full": (f"sale cancelled in full within {CANCELLED_WITHIN_MINUTES} minutes",
                          f"{CANCELLED_WITHIN_MINUTES} 分钟内被整行取消的销售"),
    "non_product": ("postage, fees, discounts, adjustments", "邮费、手续费、折扣和调整项"),
    "bad_price": ("zero or negative price", "单价为零或负数"),
    "bad_quantity": ("zero or negative quantity (not a cancellation)", "数量为零或负数（非取消订单）"),
    "bad_debt": ("bad-debt adjustment", "坏账调整"),
    "baseline": ("baseline: longest since last order", "基准：距上次购买最久"),
    "logistic": ("logistic regression", "逻辑回归"),
    "count": ("count", "个数"),
    "mean": ("mean", "平均值"),
    "std": ("standard deviation", "标准差"),
    "min": ("minimum", "最小值"),
    "25%": ("lower quartile", "下四分位数"),
    "50%": ("median", "中位数"),
    "75%": ("upper quartile", "上四分位数"),
    "max": ("maximum", "最大值"),
}


def value_labels() -> dict[str, tuple[str, str]]:
    """Every key a lesson table may show as a value, with its English and Chinese label (package labels included)."""
    from retention.customers import COUNTRY_NAMES
    from retention.satisfaction import band_names
    from retention.tickets import CHANNEL_NAMES, ISSUE_NAMES

    labels = dict(COUNTRY_NAMES)
    labels.update(band_names())
    labels.update(_LABELS)
    labels.update(CHANNEL_NAMES)
    labels.update(ISSUE_NAMES)
    return labels


# --- formatting ----------------------------------------------------------------------------------


def _missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _fewest_decimals(values, most: int) -> int:
    """The fewest decimals (up to ``most``) that write every value of a column exactly."""
    for decimals in range(most + 1):
        if all(abs(v * 10**decimals - round(v * 10**decimals)) < 1e-6 for v in values):
            return decimals
    return most


def _number_formatter(kind: str, column: pd.Series):
    """A function writing one value of a numeric column of ``kind``; decimals are chosen once per column."""
    values = [float(v) for v in column if not _missing(v) and isinstance(v, numbers.Number)]
    if kind in ("pct", "pct_signed"):
        decimals = _fewest_decimals([v * 100 for v in values], 1)
        sign = "+" if kind == "pct_signed" else ""
        return lambda v: f"{v * 100:{sign if v else ''}.{decimals}f}%".replace("-", "−")
    if kind.startswith("num"):
        decimals = _fewest_decimals(values, int(kind[3:]))
        return lambda v: f"{v:,.{decimals}f}".replace("-", "−" if round(v, decimals) else "")
    if kind == "int":
        return lambda v: f"{v:,.0f}".replace("-", "−")
    if kind == "id":
        return lambda v: f"{v:.0f}"
    if kind in ("money0", "money2"):
        decimals = int(kind[-1])
        return lambda v: (f"−£{-v:,.{decimals}f}" if v < 0 else f"£{v:,.{decimals}f}")
    if kind == "n":
        return lambda v: f"{v:,.0f}n".replace("-", "−")
    if kind == "times":
        return lambda v: f"{v:,.{_fewest_decimals(values, 1)}f}×"
    raise ValueError(f"unknown column kind {kind!r}; use one of {', '.join(KINDS)}")


def _bilingual_html(en: str, zh: str) -> str:
    return (f'<span lang="en">{html.escape(en)}</span><span class="bi-sep">{SEPARATOR}</span>'
            f'<span lang="zh-Hans">{html.escape(zh)}</span>')


def _text_html(value, labels: Mapping[str, tuple[str, str]]) -> tuple[str, str]:
    """A text value as HTML and as plain text: a known key or an ``English · 中文`` string becomes two spans."""
    text = str(value)
    pair = labels.get(text) or split(text)
    if pair:
        return _bilingual_html(*pair), f"{pair[0]}{SEPARATOR}{pair[1]}"
    return html.escape(text), text


def _cell_writer(kind: str, column: pd.Series, labels):
    """(html, text) for each value of ``column``, written as ``kind`` says."""
    if kind in ("text", "column_name"):
        names = {name: (en, zh) for name, (en, zh, _) in HEADERS.items()} if kind == "column_name" else labels
        return lambda v: _text_html(v, names)
    if kind == "datetime":
        return lambda v: (f"{pd.Timestamp(v):%Y-%m-%d %H:%M}",) * 2
    if kind == "month":
        return lambda v: (str(v),) * 2
    if kind == "yesno":
        return lambda v: (_bilingual_html("yes", "是"), f"yes{SEPARATOR}是") if v else (
            _bilingual_html("no", "否"), f"no{SEPARATOR}否")
    number = _number_formatter(kind, column)
    return lambda v: (number(float(v)),) * 2


def _is_numeric_kind(kind: str) -> bool:
    return kind not in ("text", "column_name", "datetime", "month", "yesno")


# --- the table -----------------------------------------------------------------------------------


class Column:
    """One shown column: its header (English, Chinese, code name or None) and its cells as (html, text)."""

    def __init__(self, en: str, zh: str, cells: list[tuple[str, str]], kind: str, code: str | None = None):
        self.en, self.zh, self.cells, self.kind, self.code = en, zh, cells, kind, code
        self.numeric = _is_numeric_kind(kind)


class Table:
    """A frame as readers see it: HTML with bilingual headers in JupyterLab and the book, aligned text otherwise."""

    def __init__(self, columns: list[Column], row_header: Column | None, group: tuple[str, str] | None):
        self.columns, self.row_header, self.group = columns, row_header, group

    def _header_html(self, column: Column) -> str:
        if not column.en and not column.zh:  # a numbered column under a group header: its number is its label
            return f'<th class="num">{html.escape(column.code or "")}</th>'
        code = f'<code style="display:block">{html.escape(column.code)}</code>' if column.code else ""
        cls = ' class="num"' if column.numeric else ""
        return f"<th{cls}>{_bilingual_html(column.en, column.zh)}{code}</th>"

    def _repr_html_(self) -> str:
        head = ""
        if self.group:
            lead = "<th></th>" if self.row_header else ""
            head += f'<tr>{lead}<th colspan="{len(self.columns)}">{_bilingual_html(*self.group)}</th></tr>'
        lead = self._header_html(self.row_header) if self.row_header else ""
        head += "<tr>" + lead + "".join(self._header_html(c) for c in self.columns) + "</tr>"
        rows = []
        for i in range(len(self.columns[0].cells) if self.columns else 0):
            cells = f'<th scope="row">{self.row_header.cells[i][0]}</th>' if self.row_header else ""
            for column in self.columns:
                cls = "num" if column.numeric else "date" if column.kind in ("datetime", "month") else "text"
                cells += f'<td class="{cls}">{column.cells[i][0]}</td>'
            rows.append(f"<tr>{cells}</tr>")
        return f'<table class="cbec-table"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'

    def to_text(self) -> str:
        """The table as aligned plain text, headers reading ``English · 中文``."""
        shown = ([self.row_header] if self.row_header else []) + self.columns
        frame = pd.DataFrame({i: [text for _, text in c.cells] for i, c in enumerate(shown)})
        frame.columns = [f"{c.en}{SEPARATOR}{c.zh}" if c.en else (c.code or "") for c in shown]
        return frame.to_string(index=False)

    def __repr__(self) -> str:
        return self.to_text()


def _header(name, columns: Mapping) -> tuple[str, str, str]:
    """(English, Chinese, kind) of a column: the lesson's own entry, an ``English · 中文`` name, or :data:`HEADERS`."""
    if name in columns:
        entry = tuple(columns[name])
        if len(entry) == 2:
            entry = (*entry, HEADERS.get(name, (None, None, "text"))[2])
        return entry
    text = str(name)
    pair = split(text)
    if pair:
        return (pair[0][:1].upper() + pair[0][1:], pair[1], "text")
    if text in HEADERS:
        return HEADERS[text]
    raise ValueError(
        f"column {text!r} has no reader's header: add it to retention.ui.tables.HEADERS "
        f"or pass columns={{{text!r}: ('English', '中文', kind)}}"
    )


def show_table(frame, *, columns: Mapping | None = None, index: tuple[str, str] | None = None,
               kinds: Mapping | None = None, group: tuple[str, str] | None = None,
               code_names: bool = False) -> Table:
    """Show ``frame`` (a DataFrame, a Series or what ``pd.DataFrame`` takes) with bilingual headers and readable values.

    ``columns`` adds or overrides headers (``{name: (English, 中文[, kind])}``); ``index`` names an unnamed
    index that means something (a 0..n index is dropped); ``kinds`` sets how columns are written
    (``{name: "pct"}``, or ``{"*": "num1"}`` for every numeric column); ``group`` is a header spanning
    columns whose names are numbers; ``code_names`` shows each column's code name under its header.
    """
    columns = dict(columns or {})
    kinds = dict(kinds or {})
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    elif not isinstance(frame, pd.DataFrame):
        frame = pd.DataFrame(frame)
    frame = frame.copy()
    labels = value_labels()

    row_header = None
    meaningless = isinstance(frame.index, pd.RangeIndex) and frame.index.name is None
    if not meaningless:
        key = frame.index.name
        frame = frame.reset_index(names="__index__")
        if index is not None:
            columns["__index__"] = (*index, HEADERS.get(str(key), (None, None, "text"))[2])
        elif key is None:
            raise ValueError("this frame's index has no name: pass index=('English', '中文') to say what it is")
        else:
            columns["__index__"] = _header(key, columns)
        if key in kinds:
            kinds["__index__"] = kinds[key]
    key_name = "__index__" if not meaningless else None

    # One column per label pair, under the key's header when the frame has a key, else under the pair's own.
    for en_col, zh_col in LABEL_PAIRS:
        if en_col in frame.columns and zh_col in frame.columns:
            pair = [(labels.get(e, (e,))[0], z) if not _missing(e) else None for e, z in zip(frame[en_col], frame[zh_col])]
            at = frame.columns.get_loc(en_col)
            header = None
            if en_col in ("en", "segment_en") and key_name is not None:
                header = columns[key_name]
                frame = frame.drop(columns=[key_name])
                key_name = None
            elif en_col in ("en", "segment_en"):
                for candidate in ("outcome", "segment", "step"):
                    if candidate in frame.columns:
                        header = _header(candidate, columns)
                        frame = frame.drop(columns=[candidate])
                        at = frame.columns.get_loc(en_col)
                        break
            name = f"__pair_{en_col}__"
            base = "action" if en_col == "action_en" else en_col
            columns[name] = header or _header(base, columns)
            frame.insert(at, name, [f"{p[0]}{SEPARATOR}{p[1]}" if p else None for p in pair])
            frame = frame.drop(columns=[en_col, zh_col])

    shown: list[Column] = []
    for name in frame.columns:
        if isinstance(name, numbers.Number) and group:
            en, zh, kind = "", "", kinds.get("*", "int")
            code = str(name)
        else:
            en, zh, kind = _header(name, columns)
            code = str(name) if code_names and not str(name).startswith("__") else None
        series = frame[name]
        if kind == "text" and pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
            kind = "num2"
        kind = kinds.get(name, kinds.get("*", kind) if _is_numeric_kind(kind) else kind)
        writer = _cell_writer(kind, series, labels)
        cells = [("–", "–") if _missing(v) else writer(v) for v in series]
        shown.append(Column(en, zh, cells, kind, code))
    if key_name is not None:
        row_header = shown.pop(list(frame.columns).index(key_name))
        row_header.numeric = False
    return Table(shown, row_header, group)


def _value_pair(value: str) -> tuple[str, str] | None:
    """A result that reads differently in each language: a country of the data or an ``English · 中文`` text."""
    from retention.customers import COUNTRY_NAMES

    return COUNTRY_NAMES.get(value) or split(value)


class KeyFigures:
    """Labelled results: an HTML table in JupyterLab and the book, one line per result as plain text."""

    def __init__(self, rows):
        self.rows = [(str(en), str(zh), str(value)) for en, zh, value in rows]
        if not self.rows:
            raise ValueError("key_figures needs at least one (English, Chinese, value) row")

    def _repr_html_(self) -> str:
        return result_table([(en, zh, _bilingual_html(*pair) if (pair := _value_pair(value)) else html.escape(value))
                             for en, zh, value in self.rows])

    def __repr__(self) -> str:
        return "\n".join(f"{en}{SEPARATOR}{zh}: {SEPARATOR.join(_value_pair(value) or (value,))}"
                          for en, zh, value in self.rows)


def key_figures(*rows) -> KeyFigures:
    """Show results as ``(English label, Chinese label, formatted value)`` rows, e.g. ``("Net gain", "净收益", money(x))``."""
    return KeyFigures(rows)

