"""Write the assignments' source notebooks (grading/source/<assignment>/<notebook>.ipynb).

The notebooks are the committed artefacts; this script is how they are authored, so that every
nbgrader cell carries schema_version 3, every test cell opens with a bilingual comment and the
points add up to the total stated in the notebook. Run it after editing, then review the diff:

    python grading/build_sources.py            # rewrite all source notebooks
    python grading/build_sources.py --check    # exit 1 if a committed notebook differs

It lives under grading/ (not in the installed package) because it contains the answer keys and the
hidden tests, which the autograding sandbox hides from student code.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _src(text: str) -> str:
    return textwrap.dedent(text).strip("\n")


class Notebook:
    def __init__(self, assignment: str, name: str):
        self.assignment, self.name, self.cells, self.points = assignment, name, [], 0.0
        self._ids = set()

    def _meta(self, grade_id, *, grade=False, solution=False, locked=False, points=None, task=False):
        assert grade_id not in self._ids, grade_id
        self._ids.add(grade_id)
        meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
                "solution": solution, "task": task}
        if grade:
            meta["points"] = points
            self.points += points
        return {"nbgrader": meta}

    def _add(self, cell_type, source, metadata):
        cell = {"cell_type": cell_type, "id": f"c{len(self.cells):02d}", "metadata": metadata,
                "source": _src(source)}
        if cell_type == "code":
            cell.update(execution_count=None, outputs=[])
        self.cells.append(cell)

    def heading(self, text):
        self._add("markdown", text, {})

    def prose(self, en, zh):
        self._add("markdown", en, {"lang": "en"})
        # A line break between Chinese characters would show as a space: join such lines.
        zh = re.sub(r"(?<=[^\x00-\x7f])\n[ \t]*(?=[^\x00-\x7f])", "", _src(zh))
        self._add("markdown", zh, {"lang": "zh-Hans"})

    def setup(self, grade_id, source):
        """A read-only code cell (imports, data loading) the student runs but cannot change."""
        meta = self._meta(grade_id, locked=True)
        meta["deletable"], meta["editable"] = False, False
        self._add("code", source, meta)

    def answer(self, grade_id, source):
        """A code cell the student completes (### BEGIN/END SOLUTION is replaced by a stub)."""
        self._add("code", source, self._meta(grade_id, solution=True))

    def test(self, grade_id, points, source):
        """An autograded test cell; its first line is a bilingual comment saying what it checks."""
        source = _src(source)
        first = source.splitlines()[0]
        assert first.startswith("# Checks") and "·" in first, (grade_id, first)
        meta = self._meta(grade_id, grade=True, locked=True, points=points)
        meta["deletable"], meta["editable"] = False, False
        self._add("code", source, meta)

    def written(self, grade_id, points, solution):
        """A markdown answer graded by hand (manual grading in formgrader)."""
        body = "### BEGIN SOLUTION\n" + _src(solution) + "\n### END SOLUTION"
        self._add("markdown", body, self._meta(grade_id, grade=True, solution=True, points=points))

    def to_json(self):
        return {"cells": self.cells, "metadata": {"kernelspec": KERNELSPEC,
                "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}


# ----------------------------------------------------------------------------------------------
# Assignment 1 · retention economics
# ----------------------------------------------------------------------------------------------

def retention_economics() -> Notebook:
    nb = Notebook("a1_retention_economics", "retention_economics")
    nb.heading("# Assignment 1 · Retention economics · 作业一：客户留存的经济账")
    nb.prose(
        """
        In this assignment you put numbers on customer retention: lifetime value, the yearly cost of
        churn, the value of handling complaints well, and a discounted lifetime value. Fill in every
        cell marked `YOUR CODE HERE`, run the notebook from top to bottom, then run the tests below
        each answer. Some tests are visible; hidden tests run when your work is graded.

        **Total: 25 points** — 20 points autograded, 5 points for the written answer graded by the
        instructor. Use plain Python numbers (`int` or `float`) for numeric answers.
        """,
        """
        本作业用数字说明客户留存（customer retention）的价值：客户终身价值、每年流失带来的成本、
        妥善处理投诉的价值，以及折现后的终身价值。请在每个标有 `YOUR CODE HERE` 的单元格中作答，
        从头到尾运行笔记本，并运行每道题下面的测试。部分测试可见；隐藏测试会在评分时运行。

        **总分：25 分**——自动评分 20 分，书面回答 5 分由教师人工评分。数值答案请使用普通的 Python
        数字（`int` 或 `float`）。
        """,
    )
    nb.setup("setup", """
        # Tools from the course package (read-only cell) · 课程工具包（只读单元格）
        from retention import COMPLAINT_OUTCOMES
        COMPLAINT_OUTCOMES
        """)
    nb.heading("## Part A · Lifetime value · 第一部分：客户终身价值")
    nb.prose(
        """
        A customer spends £10 per order and orders 10 times a year. Lifetime value (undiscounted) is
        order value × orders per year × years. Compute `ltv_leaves` for a customer who leaves after
        1 year, `ltv_stays` for one who stays 10 years, and `ltv_uplift` for one who stays with order
        value, frequency and years each raised by 10%.
        """,
        """
        某客户每单消费 10 英镑，每年下单 10 次。客户终身价值（lifetime value，未折现）= 每单金额 ×
        每年订单数 × 留存年数。请计算：1 年后流失的客户的 `ltv_leaves`；留存 10 年的客户的
        `ltv_stays`；以及每单金额、购买频率和留存年数都提高 10% 时的 `ltv_uplift`。
        """,
    )
    nb.answer("ltv_answer", """
        ### BEGIN SOLUTION
        ltv_leaves = 10 * 10 * 1
        ltv_stays = 10 * 10 * 10
        ltv_uplift = 11 * 11 * 11
        ### END SOLUTION
        """)
    nb.test("ltv_visible", 2, """
        # Checks the one-year lifetime value · 检查一年期客户终身价值
        from retention.grading import checks
        from retention import lifetime_value
        checks.number(ltv_leaves, lifetime_value(10, 10, 1), "ltv_leaves")
        """)
    nb.test("ltv_hidden", 3, """
        # Checks the ten-year and +10% lifetime values (hidden) · 检查十年期和提高 10% 后的终身价值（隐藏测试）
        from retention.grading import checks
        from retention import lifetime_value
        assert ltv_stays is not None and ltv_uplift is not None  # both answers exist · 两个答案都已定义
        ### BEGIN HIDDEN TESTS
        checks.number(ltv_stays, lifetime_value(10, 10, 10), "ltv_stays")
        checks.number(ltv_uplift, lifetime_value(11, 11, 11), "ltv_uplift")
        ### END HIDDEN TESTS
        """)
    nb.heading("## Part B · The cost of churn · 第二部分：客户流失的成本")
    nb.prose(
        """
        A shop keeps a base of customers the same size every year. Keeping an existing customer
        costs n; winning a new one costs 5n (a commonly cited industry figure puts it at 3–10 times).
        Every customer who churns must be replaced by a new one. Write `churn_cost_n(customers,
        churn_rate, acquisition_multiple=5)` that returns the total yearly cost in units of n, then
        build `churn_table`, a DataFrame with columns `churn_rate` and `total_cost_n` for 1,000
        customers and churn rates 0.05, 0.10, 0.15, 0.20, 0.25 and 0.30 (in that order).
        """,
        """
        一家店铺每年保持客户总数不变。维系一位老客户的成本是 n；获取一位新客户的成本是 5n
        （一个常被引用的行业数字是 3–10 倍）。每流失一位客户，就要用一位新客户来补上。请编写
        `churn_cost_n(customers, churn_rate, acquisition_multiple=5)`，返回以 n 为单位的年度总成本；
        然后构建 `churn_table`：一个含 `churn_rate` 和 `total_cost_n` 两列的 DataFrame，对应 1,000 位客户、
        流失率（churn rate）依次为 0.05、0.10、0.15、0.20、0.25 和 0.30。
        """,
    )
    nb.answer("churn_answer", """
        import pandas as pd

        def churn_cost_n(customers, churn_rate, acquisition_multiple=5):
            ### BEGIN SOLUTION
            new_customers = customers * churn_rate
            return new_customers * acquisition_multiple + (customers - new_customers)
            ### END SOLUTION

        ### BEGIN SOLUTION
        rates = [0.05, 0.10, 0.15, 0.20, 0.25, 0.30]
        churn_table = pd.DataFrame({"churn_rate": rates,
                                    "total_cost_n": [churn_cost_n(1000, r) for r in rates]})
        ### END SOLUTION
        churn_table
        """)
    nb.test("churn_visible", 2, """
        # Checks the seed example: 1,000 customers, 10% churn cost 1,400n · 检查示例：1,000 位客户、10% 流失率的成本为 1,400n
        from retention.grading import checks
        checks.number(churn_cost_n(1000, 0.10), 1400, "churn_cost_n(1000, 0.10)")
        """)
    nb.test("churn_hidden", 3, """
        # Checks churn_cost_n on other inputs against the course formula (hidden) · 用课程公式检查其他输入（隐藏测试）
        from retention.grading import checks
        from retention import churn_cost
        checks.number(churn_cost_n(100, 0.0), 100, "churn_cost_n(100, 0.0)")
        ### BEGIN HIDDEN TESTS
        for customers, rate, multiple in [(1000, 0.0, 5), (500, 0.3, 5), (2000, 0.25, 8), (1, 1.0, 3)]:
            expected = churn_cost(customers, rate, multiple).total_cost
            checks.number(churn_cost_n(customers, rate, multiple), expected,
                          f"churn_cost_n({customers}, {rate}, {multiple})")
        ### END HIDDEN TESTS
        """)
    nb.test("churn_table_test", 3, """
        # Checks churn_table against the course's churn-cost table · 用课程的流失成本表检查 churn_table
        from retention.grading import checks
        from retention import churn_cost_table
        table = checks.frame(churn_table, "churn_table", columns=["churn_rate", "total_cost_n"])
        expected = churn_cost_table(1000)
        checks.same_values(table["churn_rate"], expected["churn_rate"], "churn_table.churn_rate")
        checks.same_values(table["total_cost_n"], expected["total_cost_n"], "churn_table.total_cost_n")
        """)
    nb.heading("## Part C · What complaint handling is worth · 第三部分：妥善处理投诉的价值")
    nb.prose(
        """
        `COMPLAINT_OUTCOMES` (above) gives the share of customers who buy again after a complaint,
        by outcome (commonly cited industry figures). A shop receives 200 complaints a year that now
        go unresolved; each customer is worth £150. Compute `extra_value`: the value kept if all 200
        complaints were resolved quickly instead. Use the numbers in `COMPLAINT_OUTCOMES`.
        """,
        """
        上面的 `COMPLAINT_OUTCOMES` 给出了不同投诉处理结果下客户再次购买的比例（常被引用的行业数字）。
        某店铺每年收到 200 个投诉，目前都没有得到解决；每位客户价值 150 英镑。请计算 `extra_value`：
        如果这 200 个投诉都能迅速解决，可以多保住多少价值。请使用 `COMPLAINT_OUTCOMES` 中的数字。
        """,
    )
    nb.answer("complaint_answer", """
        ### BEGIN SOLUTION
        gain = COMPLAINT_OUTCOMES["resolved_quickly"]["repurchase"] - COMPLAINT_OUTCOMES["unresolved"]["repurchase"]
        extra_value = 200 * gain * 150
        ### END SOLUTION
        """)
    nb.test("complaint_test", 3, """
        # Checks the value of resolving 200 complaints quickly · 检查迅速解决 200 个投诉的价值
        from retention.grading import checks
        from retention import value_of_better_complaint_handling
        checks.number(extra_value, value_of_better_complaint_handling(200, 150), "extra_value")
        """)
    nb.heading("## Part D · Discounted lifetime value · 第四部分：折现后的客户终身价值")
    nb.prose(
        """
        With a yearly margin m, a yearly retention rate r and a discount rate d, a customer's
        discounted lifetime value is m × r / (1 + d − r). Write `clv(margin, retention, discount)`.
        """,
        """
        设每年利润为 m、年留存率为 r、折现率为 d，则客户的折现终身价值（discounted lifetime value）为
        m × r / (1 + d − r)。请编写函数 `clv(margin, retention, discount)`。
        """,
    )
    nb.answer("clv_answer", """
        def clv(margin, retention, discount):
            ### BEGIN SOLUTION
            return margin * retention / (1 + discount - retention)
            ### END SOLUTION
        """)
    nb.test("clv_test", 4, """
        # Checks clv against the course formula for several inputs (partly hidden) · 用课程公式检查 clv（部分为隐藏测试）
        from retention.grading import checks
        from retention import discounted_clv
        checks.number(clv(50, 0.8, 0.1), discounted_clv(50, 0.8, 0.1), "clv(50, 0.8, 0.1)")
        ### BEGIN HIDDEN TESTS
        for args in [(100, 0.9, 0.1), (20, 0.5, 0.0), (0, 0.7, 0.2), (75, 0.85, 0.05)]:
            checks.number(clv(*args), discounted_clv(*args), f"clv{args}")
        ### END HIDDEN TESTS
        """)
    nb.heading("## Part E · Written answer · 第五部分：书面回答")
    nb.prose(
        """
        A manager says: "We hardly get any complaints, so our service must be fine." In 80–150 words,
        in English or Chinese, explain why this is a myth. Use the figure for unhappy customers who
        never complain, and suggest one way to make complaining easier. (5 points, graded by hand:
        2 for the argument, 2 for correct use of the figure, 1 for a practical suggestion.)
        """,
        """
        一位经理说：“我们几乎没有收到投诉，所以我们的服务一定没问题。”请用 80–150 个英文单词或
        150–300 个汉字解释为什么这是一个误区。要用到“不满但从不投诉的客户”的相关数字，并提出一个让客户
        更容易投诉的办法。（5 分，人工评分：论证 2 分，正确使用数字 2 分，可行的建议 1 分。）
        """,
    )
    nb.written("myth_answer", 5, """
        Few complaints can mean that unhappy customers leave silently. Only 9% of unhappy customers
        who never complain buy again, while 82% of those whose complaint is resolved quickly do. A
        quiet inbox therefore hides lost customers. Make complaining easy: a one-click feedback
        button on every order page and a reply within 24 hours.
        """)
    assert nb.points == 25, nb.points
    return nb


# ----------------------------------------------------------------------------------------------
# Assignment 2 · CRM language
# ----------------------------------------------------------------------------------------------

def crm_language() -> Notebook:
    nb = Notebook("a2_crm_language", "crm_language")
    nb.heading("# Assignment 2 · The language of CRM · 作业二：客户关系管理的语言")
    nb.prose(
        """
        Customer relationship management (CRM) has its own vocabulary. In Part A you match eight
        English terms with their definitions and give each term's Chinese name; in Part B you write
        an English reply to a customer's cross-border complaint.

        **Total: 20 points** — 10 points autograded (Part A), 10 points for the reply, graded by the
        instructor with the rubric below.
        """,
        """
        客户关系管理（customer relationship management，CRM）有一套自己的词汇。第一部分中，你要把八个
        英文术语与它们的定义配对，并写出每个术语的中文名称；第二部分中，你要用英文回复一位跨境电商客户的投诉。

        **总分：20 分**——第一部分自动评分 10 分；回复信 10 分，由教师按下方评分标准人工评分。
        """,
    )
    nb.heading("## Part A · Terms and definitions · 第一部分：术语与定义")
    nb.prose(
        """
        Definitions (letters a–h):

        - a. Going back to a customer after a sale or a complaint to check that everything is resolved.
        - b. Every point where a customer meets the business: website, chat, parcel, invoice, call.
        - c. Serving customers before they ask, e.g. warning them about a delay before they notice it.
        - d. The customer's tendency to keep buying from you and to recommend you.
        - e. Opinions customers give about a product or the service, asked for or not.
        - f. The benefit a customer gets from choosing you rather than a competitor.
        - g. Methods that lead the industry and that others measure themselves against.
        - h. Measuring what happens to customers and drawing lessons to improve the service.

        Fill the dictionary `matches` with the letter of each term's definition, and `zh_terms` with
        each term's Chinese name.
        """,
        """
        定义（字母 a–h）：

        - a. 售出商品或处理投诉之后回访客户，确认问题都已解决。
        - b. 客户与企业接触的每一个环节：网站、在线聊天、包裹、发票、电话。
        - c. 在客户开口之前就提供服务，例如在客户发现之前就告知物流延误。
        - d. 客户持续向你购买并向他人推荐你的倾向。
        - e. 客户对产品或服务发表的看法，无论是否经过征询。
        - f. 客户选择你而不是竞争对手所获得的好处。
        - g. 行业领先、被其他企业当作标杆的做法。
        - h. 记录客户身上发生的情况并总结经验，以改进服务。

        请在字典 `matches` 中填入每个术语对应定义的字母，在 `zh_terms` 中填入每个术语的中文名称。
        """,
    )
    nb.answer("terms_answer", """
        TERMS = ["Pro-active customer care", "Follow-up", "Feedback", "Customer touch-points",
                 "Customer loyalty", "Value proposition", "Tracking & learning", "Best practices"]
        ### BEGIN SOLUTION
        matches = {"Pro-active customer care": "c", "Follow-up": "a", "Feedback": "e",
                   "Customer touch-points": "b", "Customer loyalty": "d", "Value proposition": "f",
                   "Tracking & learning": "h", "Best practices": "g"}
        zh_terms = {"Pro-active customer care": "积极主动的客户服务", "Follow-up": "后续服务工作",
                    "Feedback": "反馈意见", "Customer touch-points": "客户接触点",
                    "Customer loyalty": "客户忠诚度", "Value proposition": "价值主张",
                    "Tracking & learning": "追踪与总结", "Best practices": "最佳实践"}
        ### END SOLUTION
        """)
    nb.test("matches_format", 2, """
        # Checks that matches has every term and only letters a–h · 检查 matches 包含全部术语且只用字母 a–h
        from retention.grading import checks
        answer = checks.mapping(matches, TERMS, "matches")
        bad = {k: v for k, v in answer.items() if v.lower() not in list("abcdefgh")}
        assert not bad, f"not a letter a–h · 不是 a–h 中的字母: {bad}"
        """)
    nb.test("matches_first", 3, """
        # Checks the definitions of the first four terms (hidden) · 检查前四个术语的定义（隐藏测试）
        from retention.grading import checks
        answer = {k: v.lower() for k, v in checks.mapping(matches, TERMS, "matches").items()}
        ### BEGIN HIDDEN TESTS
        key = {"Pro-active customer care": "c", "Follow-up": "a", "Feedback": "e", "Customer touch-points": "b"}
        wrong = sorted(term for term in key if answer.get(term) != key[term])
        assert not wrong, f"wrong definitions for · 以下术语的定义不对: {wrong}"
        ### END HIDDEN TESTS
        """)
    nb.test("matches_second", 3, """
        # Checks the definitions of the last four terms (hidden) · 检查后四个术语的定义（隐藏测试）
        from retention.grading import checks
        answer = {k: v.lower() for k, v in checks.mapping(matches, TERMS, "matches").items()}
        ### BEGIN HIDDEN TESTS
        key = {"Customer loyalty": "d", "Value proposition": "f", "Tracking & learning": "h", "Best practices": "g"}
        wrong = sorted(term for term in key if answer.get(term) != key[term])
        assert not wrong, f"wrong definitions for · 以下术语的定义不对: {wrong}"
        ### END HIDDEN TESTS
        """)
    nb.test("zh_terms_test", 2, """
        # Checks the Chinese names of the terms (hidden; common variants accepted) · 检查术语的中文名称（隐藏测试，接受常见说法）
        from retention.grading import checks
        answer = checks.mapping(zh_terms, TERMS, "zh_terms")
        ### BEGIN HIDDEN TESTS
        accepted = {
            "Pro-active customer care": ["积极主动的客户服务", "主动客户服务", "主动式客户服务", "主动的客户服务"],
            "Follow-up": ["后续服务工作", "后续服务", "跟进", "回访", "后续跟进"],
            "Feedback": ["反馈意见", "反馈", "客户反馈"],
            "Customer touch-points": ["客户接触点", "接触点", "客户触点", "触点"],
            "Customer loyalty": ["客户忠诚度", "客户忠诚", "顾客忠诚度"],
            "Value proposition": ["价值主张", "价值定位", "增值建议"],
            "Tracking & learning": ["追踪与总结", "跟踪与总结", "追踪与学习", "跟踪与学习"],
            "Best practices": ["最佳实践", "最佳做法", "世界一流实践"],
        }
        wrong = sorted(t for t, names in accepted.items() if answer[t].replace(" ", "") not in names)
        assert not wrong, f"check the Chinese names of · 请检查以下术语的中文名称: {wrong}"
        ### END HIDDEN TESTS
        """)
    nb.heading("## Part B · Reply to a cross-border complaint · 第二部分：回复跨境投诉")
    nb.prose(
        """
        A customer in Germany writes: "I ordered a ceramic tea set from your store three weeks ago.
        It arrived ten days late and two cups are broken. I want my money back." Write a reply in
        English (120–200 words), as the store's after-sales agent, in the answer cell below.

        Rubric (10 points): acknowledges the problem and apologises sincerely without blaming the
        carrier (2); asks only for the evidence needed, e.g. a photo of the damage (1); offers at
        least two concrete solutions, e.g. a replacement sent by express or a partial or full
        refund, and lets the customer choose (3); gives a clear timeline and says how you will
        follow up (2); polite, clear, error-free English that addresses the customer by name (2).
        """,
        """
        一位德国客户来信：“三周前我在你们店买了一套陶瓷茶具，结果晚到了十天，而且两个杯子碎了。
        我要退款。”请以店铺售后客服的身份，在下面的答题单元格中用英文（120–200 词）写一封回复。

        评分标准（10 分）：承认问题并真诚致歉，不把责任推给物流公司（2 分）；只索要必要的证据，例如
        破损照片（1 分）；至少提供两种具体的解决方案，例如以快递补发或部分/全额退款，并请客户选择（3 分）；
        给出明确的时间表并说明你将如何跟进（2 分）；英文礼貌、清楚、没有错误，并称呼客户的名字（2 分）。
        """,
    )
    nb.written("reply_answer", 10, """
        Dear Ms Weber,

        Thank you for telling us, and I am very sorry that your tea set arrived late and with two
        broken cups. This is not the experience we want you to have. Could you send us a photo of
        the damaged cups? That is all we need. Then please choose what suits you best: we can send
        two new cups by express delivery at our cost, arriving within five working days, or refund
        the two cups today, or refund the whole order if you would rather not keep the set. You do
        not need to return the broken pieces. As soon as you reply, I will arrange your choice
        within 24 hours and send you the tracking number or the refund confirmation. I will also
        check in with you next week to make sure everything has arrived safely.

        With kind regards,
        Li Na, After-sales team
        """)
    assert nb.points == 20, nb.points
    return nb



# ----------------------------------------------------------------------------------------------
# Assignment 3 · RFM segments and cohort retention (Online Retail data)
# ----------------------------------------------------------------------------------------------

TINY_ORDERS = """
    import pandas as pd
    tiny = pd.DataFrame({
        "InvoiceNo": ["536365", "536365", "536366", "C536379", "536380", "536381", "536382"],
        "StockCode": ["85123A", "71053", "22633", "85123A", "22752", "POST", "21730"],
        "Description": ["HEART T-LIGHT HOLDER", "METAL LANTERN", "HAND WARMER", "HEART T-LIGHT HOLDER",
                        "GLASS STAR", "POSTAGE", "GLASS LANTERN"],
        "Quantity": [6, 6, 2, -6, 3, 1, 4],
        "InvoiceDate": pd.to_datetime(["2011-01-03 08:26", "2011-01-03 08:26", "2011-01-05 11:00",
                                       "2011-01-06 09:41", "2011-01-07 10:00", "2011-01-08 12:00",
                                       "2011-01-09 15:30"]),
        "UnitPrice": [2.55, 3.39, 1.85, 2.55, 7.65, 18.0, 0.0],
        "CustomerID": pd.array([17850, 17850, 17850, 17850, None, 12583, 12583], dtype="Int64"),
        "Country": ["United Kingdom"] * 4 + ["United Kingdom", "France", "France"],
    })
"""


def with_tiny(source: str) -> str:
    """A test's source with the small example frame ``tiny`` built right after its first line."""
    first, rest = _src(source).split("\n", 1)
    return first + "\n" + _src(TINY_ORDERS) + "\n" + rest


def rfm_and_cohorts() -> Notebook:
    nb = Notebook("a3_rfm_and_cohorts", "rfm_and_cohorts")
    nb.heading("# Assignment 3 · RFM segments and cohort retention · 作业三：RFM 客户分群与同期群留存")
    nb.prose(
        """
        You work with the real order lines of a UK online gift shop that sells to many countries
        (UCI Online Retail: 541,909 order lines, December 2010 to December 2011). You clean the data,
        build an RFM table (recency, frequency, monetary value) per customer, put the customers into
        the course's segments, and follow monthly cohorts to see how many customers come back.

        **Total: 30 points** — all 30 points autograded (visible and hidden tests). The hidden tests of
        Parts B and D also call your functions on the course's own cleaned data, so those parts are
        graded on their own; Part C uses your `rfm` table, so it needs Parts A and B right. Write
        vectorised pandas code (no loops over rows): when your work is graded every cell has a
        20-second limit. Load the data only as the first cell does, with `load_online_retail()`.
        """,
        """
        本作业使用一家英国网上礼品店的真实订单行数据，这家店向许多国家销售商品（UCI Online Retail 数据集：
        541,909 条订单行，时间为 2010 年 12 月至 2011 年 12 月）。你要清洗数据，为每位客户建立 RFM 表
        （最近一次购买 recency、购买频率 frequency、消费金额 monetary），按课程的分群规则把客户分群，
        并按月追踪同期群（cohort），看看有多少客户会回来再次购买。

        **总分：30 分**——全部自动评分（包括可见测试和隐藏测试）。第二和第四部分的隐藏测试还会用课程自己
        清洗好的数据调用你写的函数，因此这两部分单独评分；第三部分使用你的 `rfm` 表，所以需要第一、第二部分
        都正确。请写向量化的 pandas 代码（不要逐行循环）：评分时每个单元格的运行时间上限为 20 秒。
        只能像第一个单元格那样用 `load_online_retail()` 读取数据。
        """,
    )
    nb.setup("setup", """
        # Load the order lines with the course package (read-only cell) · 用课程工具包读取订单行（只读单元格）
        import pandas as pd
        from retention.data import load_online_retail
        from retention.rfm import rfm_scores, segment_customers, segment_definitions

        AS_OF = "2011-12-10"  # the day after the last invoice · 最后一张发票的次日
        orders = load_online_retail()
        orders.head()
        """)
    nb.heading("## Part A · Clean the order lines · 第一部分：清洗订单行")
    nb.prose(
        """
        Columns: `InvoiceNo` (an invoice number starting with `C` is a cancellation), `StockCode`,
        `Description`, `Quantity`, `InvoiceDate`, `UnitPrice` (GBP), `CustomerID` (missing for
        anonymous orders) and `Country`. One invoice has one line per product.

        Write `clean_orders(orders)` that returns a new DataFrame keeping only the lines that have a
        `CustomerID`, are not cancellations, and have `Quantity > 0` and `UnitPrice > 0`, with an added
        column `Revenue` = `Quantity` × `UnitPrice`. Keep all other lines and columns (postage lines
        included). Then set `sales = clean_orders(orders)`.
        """,
        """
        各列含义：`InvoiceNo`（发票号，以 `C` 开头的是取消订单）、`StockCode`（商品编码）、`Description`
        （商品描述）、`Quantity`（数量）、`InvoiceDate`（开票时间）、`UnitPrice`（单价，英镑）、
        `CustomerID`（客户编号，匿名订单为空）和 `Country`（国家）。一张发票中每种商品占一行。

        请编写 `clean_orders(orders)`，返回一个新的 DataFrame：只保留有 `CustomerID`、不是取消订单、
        并且 `Quantity > 0`、`UnitPrice > 0` 的行，并新增一列 `Revenue` = `Quantity` × `UnitPrice`。
        其他行和列都保留（包括邮费行）。然后令 `sales = clean_orders(orders)`。
        """,
    )
    nb.answer("clean_answer", """
        def clean_orders(orders):
            ### BEGIN SOLUTION
            keep = (orders["CustomerID"].notna()
                    & ~orders["InvoiceNo"].str.startswith("C")
                    & (orders["Quantity"] > 0)
                    & (orders["UnitPrice"] > 0))
            sales = orders.loc[keep].copy()
            sales["Revenue"] = sales["Quantity"] * sales["UnitPrice"]
            return sales
            ### END SOLUTION

        sales = clean_orders(orders)
        len(sales)
        """)
    nb.test("clean_visible", 2, """
        # Checks that sales has Revenue = Quantity x UnitPrice and no anonymous lines · 检查 sales 含 Revenue 列且没有匿名订单行
        from retention.grading import checks
        table = checks.frame(sales, "sales", columns=["InvoiceNo", "Quantity", "UnitPrice", "CustomerID", "Revenue"])
        assert len(table) > 0, "sales is empty · sales 是空的"
        assert table["CustomerID"].notna().all(), "sales has lines without CustomerID · sales 中有缺少 CustomerID 的行"
        checks.same_values(table["Revenue"], table["Quantity"] * table["UnitPrice"], "sales.Revenue")
        """)
    nb.test("clean_cancellations", 3, with_tiny("""
        # Checks that cancellations and bad lines are dropped (hidden) · 检查取消订单和无效行已被删除（隐藏测试）
        from retention.grading import checks
        kept = checks.frame(clean_orders(tiny), "clean_orders(tiny)", columns=["InvoiceNo", "StockCode"])
        ### BEGIN HIDDEN TESTS
        cancelled = checks.frame(sales, "sales")["InvoiceNo"].astype(str).str.startswith("C")
        assert not cancelled.any(), (f"sales still holds {int(cancelled.sum())} cancellation lines · "
                                     f"sales 中仍有 {int(cancelled.sum())} 行取消订单")
        lines = sorted(zip(kept["InvoiceNo"].astype(str), kept["StockCode"].astype(str)))
        expected = [("536365", "71053"), ("536365", "85123A"), ("536366", "22633"), ("536381", "POST")]
        assert lines == expected, f"clean_orders(tiny) kept {lines}, expected {expected} · 保留的行不对"
        ### END HIDDEN TESTS
        """))
    nb.test("clean_matches", 3, """
        # Checks sales against the course's cleaning (lines and revenue; hidden) · 用课程的清洗结果检查 sales（行数和收入；隐藏测试）
        from retention.grading import checks
        from retention.grading import reference as ref
        table = checks.frame(sales, "sales", columns=["InvoiceNo", "Revenue"])
        ### BEGIN HIDDEN TESTS
        expected = ref.a3_sales()
        checks.number(len(table), len(expected), "len(sales)")
        checks.number(float(table["Revenue"].sum()), float(expected["Revenue"].sum()), "sales.Revenue.sum()")
        checks.number(table["InvoiceNo"].nunique(), expected["InvoiceNo"].nunique(), "number of invoices in sales")
        ### END HIDDEN TESTS
        """)
    nb.heading("## Part B · The RFM table · 第二部分：RFM 表")
    nb.prose(
        """
        Write `rfm_table(sales, as_of)` that returns one row per customer, indexed by `CustomerID`,
        with three columns:

        - `recency_days`: whole days from the customer's last purchase to `as_of`, i.e.
          `(pd.Timestamp(as_of) - last_purchase).dt.days`;
        - `frequency`: the number of different invoices (orders) of the customer — an invoice with
          five product lines is one order;
        - `monetary`: the customer's total `Revenue` (GBP).

        Then set `rfm = rfm_table(sales, AS_OF)`.
        """,
        """
        请编写 `rfm_table(sales, as_of)`，每位客户一行，以 `CustomerID` 为索引，包含三列：

        - `recency_days`：从客户最后一次购买到 `as_of` 的整天数，即
          `(pd.Timestamp(as_of) - last_purchase).dt.days`；
        - `frequency`：客户不同发票（订单）的数量——含五个商品行的一张发票只算一个订单；
        - `monetary`：客户的 `Revenue` 总额（英镑）。

        然后令 `rfm = rfm_table(sales, AS_OF)`。
        """,
    )
    nb.answer("rfm_answer", """
        def rfm_table(sales, as_of):
            ### BEGIN SOLUTION
            as_of = pd.Timestamp(as_of)
            per = sales.groupby("CustomerID").agg(last=("InvoiceDate", "max"),
                                                  frequency=("InvoiceNo", "nunique"),
                                                  monetary=("Revenue", "sum"))
            return pd.DataFrame({"recency_days": (as_of - per["last"]).dt.days,
                                 "frequency": per["frequency"],
                                 "monetary": per["monetary"]})
            ### END SOLUTION

        rfm = rfm_table(sales, AS_OF)
        rfm.head()
        """)
    nb.test("rfm_small", 3, with_tiny("""
        # Checks rfm_table's columns and recency on a small example · 用小例子检查 rfm_table 的列和最近购买天数
        from retention.grading import checks
        small = tiny[tiny["CustomerID"].notna() & (tiny["Quantity"] > 0) & (tiny["UnitPrice"] > 0)].copy()
        small["Revenue"] = small["Quantity"] * small["UnitPrice"]
        table = checks.by_customer(rfm_table(small, "2011-01-10"), "rfm_table(small)",
                                   columns=["recency_days", "frequency", "monetary"])
        checks.same_customers(table, pd.Index([12583, 17850]), "rfm_table(small)")
        checks.number(table.loc[17850, "recency_days"], 4, "recency_days of customer 17850")
        checks.number(table.loc[12583, "recency_days"], 1, "recency_days of customer 12583")
        checks.number(table.loc[17850, "monetary"], 6 * 2.55 + 6 * 3.39 + 2 * 1.85, "monetary of customer 17850")
        """))
    nb.test("rfm_frequency", 3, with_tiny("""
        # Checks that frequency counts invoices, not order lines (hidden) · 检查 frequency 统计的是发票数而不是订单行数（隐藏测试）
        from retention.grading import checks
        small = tiny[tiny["CustomerID"].notna() & (tiny["Quantity"] > 0) & (tiny["UnitPrice"] > 0)].copy()
        small["Revenue"] = small["Quantity"] * small["UnitPrice"]
        table = checks.by_customer(rfm_table(small, "2011-01-10"), "rfm_table(small)", columns=["frequency"])
        ### BEGIN HIDDEN TESTS
        checks.number(table.loc[17850, "frequency"], 2, "frequency of customer 17850 (2 invoices, 3 lines)")
        checks.number(table.loc[12583, "frequency"], 1, "frequency of customer 12583")
        ### END HIDDEN TESTS
        """))
    nb.test("rfm_full", 4, """
        # Checks rfm_table on the course's cleaned data against retention.rfm (hidden) · 用课程清洗好的数据对照 retention.rfm 检查 rfm_table（隐藏测试）
        from retention.grading import checks
        from retention.grading import reference as ref
        checks.by_customer(rfm, "rfm", columns=["recency_days", "frequency", "monetary"])
        ### BEGIN HIDDEN TESTS
        table = checks.by_customer(rfm_table(ref.a3_sales(), ref.AS_OF), "rfm_table(sales, AS_OF)",
                                   columns=["recency_days", "frequency", "monetary"])
        expected = ref.a3_rfm()
        for column in ["recency_days", "frequency", "monetary"]:
            checks.same_column(table, expected, column, "rfm_table(sales, AS_OF)")
        ### END HIDDEN TESTS
        """)
    nb.heading("## Part C · Segments · 第三部分：客户分群")
    nb.prose(
        """
        `rfm_scores` (from the course package, imported above) adds 1–5 scores `R`, `F` and `M`;
        `segment_customers` then adds each customer's segment key in the column `segment` (see
        `segment_definitions()` for the segments and what the service team does for each). Use them on
        your `rfm` table to make `segments`, then compute `segment_sizes`, a pandas Series with the
        number of customers in each segment (indexed by segment key), and `champions_revenue_share`,
        the share (0–1) of all customers' `monetary` value that belongs to the `champions` segment.
        """,
        """
        课程工具包中的 `rfm_scores`（上面已导入）会添加 1–5 分的 `R`、`F`、`M` 三项得分；
        `segment_customers` 再在 `segment` 列中添加每位客户所属分群的键（各分群的含义以及客服团队应采取的行动见
        `segment_definitions()`）。请对你的 `rfm` 表使用这两个函数得到 `segments`，然后计算
        `segment_sizes`（一个 pandas Series，以分群键为索引，值为各分群的客户数）和
        `champions_revenue_share`（`champions`（冠军客户）分群的 `monetary` 之和占全部客户 `monetary` 之和的比例，
        取值 0–1）。
        """,
    )
    nb.answer("segments_answer", """
        ### BEGIN SOLUTION
        segments = segment_customers(rfm_scores(rfm))
        segment_sizes = segments["segment"].value_counts()
        champions = segments["segment"] == "champions"
        champions_revenue_share = float(segments.loc[champions, "monetary"].sum() / segments["monetary"].sum())
        ### END SOLUTION
        segment_sizes
        """)
    nb.test("segments_visible", 2, """
        # Checks that segment_sizes counts every customer once · 检查 segment_sizes 把每位客户计入且只计一次
        from retention.grading import checks
        assert type(segment_sizes) is pd.Series, "segment_sizes must be a pandas Series · segment_sizes 必须是 pandas Series"
        checks.number(int(segment_sizes.sum()), len(rfm), "segment_sizes.sum()")
        assert 0 <= champions_revenue_share <= 1, "champions_revenue_share must lie between 0 and 1 · 比例应在 0 到 1 之间"
        """)
    nb.test("segments_hidden", 3, """
        # Checks segment sizes and the champions' revenue share against the course's segments (hidden) · 对照课程的分群结果检查各分群人数和冠军客户的收入占比（隐藏测试）
        from retention.grading import checks
        from retention.grading import reference as ref
        assert type(segment_sizes) is pd.Series, "segment_sizes must be a pandas Series · segment_sizes 必须是 pandas Series"
        ### BEGIN HIDDEN TESTS
        expected = ref.a3_segments()
        sizes = expected["segment"].value_counts()
        got = segment_sizes.reindex(sizes.index, fill_value=0)
        assert set(segment_sizes.index) <= set(sizes.index), "unknown segment keys · 有未知的分群键"
        checks.same_values(got, sizes, "segment_sizes")
        share = expected.loc[expected["segment"] == "champions", "monetary"].sum() / expected["monetary"].sum()
        checks.number(champions_revenue_share, float(share), "champions_revenue_share")
        ### END HIDDEN TESTS
        """)
    nb.heading("## Part D · Cohort retention · 第四部分：同期群留存")
    nb.prose(
        """
        A customer's cohort is the calendar month of their first purchase. Write
        `cohort_retention(sales)` that uses only sales before 1 December 2011 (the data stop on
        9 December, so December 2011 is incomplete) and returns a DataFrame with one row per cohort,
        in time order, and one column per month since the first purchase (0, 1, 2, …). Each value is
        the share of the cohort's customers who bought in that month; column 0 is therefore 1.0. Cells
        after the end of the data may be empty (NaN). Then set `retention_table = cohort_retention(sales)`.
        """,
        """
        客户的同期群（cohort）是其首次购买所在的自然月。请编写 `cohort_retention(sales)`：只使用
        2011 年 12 月 1 日之前的销售数据（数据截至 12 月 9 日，2011 年 12 月不完整），返回一个 DataFrame，
        每个同期群一行并按时间排序，每个“距首次购买的月数”（0、1、2……）一列。每个值是该同期群中在那个月
        有购买的客户所占的比例，因此第 0 列都是 1.0。超出数据范围的单元格可以为空（NaN）。然后令
        `retention_table = cohort_retention(sales)`。
        """,
    )
    nb.answer("cohort_answer", """
        def cohort_retention(sales):
            ### BEGIN SOLUTION
            sales = sales[sales["InvoiceDate"] < "2011-12-01"]
            month = sales["InvoiceDate"].dt.to_period("M")
            first = month.groupby(sales["CustomerID"]).transform("min")
            period = (month.dt.year - first.dt.year) * 12 + (month.dt.month - first.dt.month)
            active = pd.DataFrame({"cohort": first, "period": period, "customer": sales["CustomerID"]})
            counts = active.groupby(["cohort", "period"])["customer"].nunique().unstack("period")
            return counts.div(counts[0], axis=0)
            ### END SOLUTION

        retention_table = cohort_retention(sales)
        retention_table.round(2)
        """)
    nb.test("cohort_visible", 2, """
        # Checks the shape of retention_table: 12 cohorts, month 0 is 1.0 · 检查 retention_table 的结构：12 个同期群，第 0 个月为 1.0
        from retention.grading import checks
        table = checks.frame(retention_table, "retention_table")
        assert 0 in table.columns, "retention_table needs a column 0 · retention_table 需要第 0 列"
        checks.same_values(table[0], [1.0] * len(table), "retention_table[0]")
        checks.number(len(table), 12, "number of cohorts (December 2010 to November 2011)")
        """)
    nb.test("cohort_hidden", 5, """
        # Checks cohort_retention on the course's cleaned data against retention.cohorts (hidden) · 用课程清洗好的数据对照 retention.cohorts 检查 cohort_retention（隐藏测试）
        from retention.grading import checks
        from retention.grading import reference as ref
        checks.frame(retention_table, "retention_table")
        ### BEGIN HIDDEN TESTS
        checks.same_matrix(cohort_retention(ref.a3_sales()), ref.a3_retention(), "cohort_retention(sales)")
        ### END HIDDEN TESTS
        """)
    assert nb.points == 30, nb.points
    return nb



# ----------------------------------------------------------------------------------------------
# Assignment 4 · case study: churn early-warning list and a follow-up plan
# ----------------------------------------------------------------------------------------------

TINY_SALES = """
    import pandas as pd
    tiny = pd.DataFrame({
        "InvoiceNo": ["500001", "500001", "500002", "500003", "500004", "500005", "500006", "500007"],
        "CustomerID": pd.array([1, 1, 1, 2, 2, 3, 4, 4], dtype="Int64"),
        "InvoiceDate": pd.to_datetime(["2011-03-01 10:00", "2011-03-01 10:00", "2011-05-20 09:00",
                                       "2011-08-30 16:00", "2011-09-10 12:00", "2011-01-15 08:00",
                                       "2011-09-05 10:00", "2011-12-05 10:00"]),
        "Revenue": [10.0, 5.0, 20.0, 8.0, 30.0, 50.0, 12.0, 40.0],
    })
    TINY_CUTOFF = pd.Timestamp("2011-06-01")
"""


def with_tiny_sales(source: str) -> str:
    """A test's source with the small sales frame ``tiny`` built right after its first line."""
    first, rest = _src(source).split("\n", 1)
    return first + "\n" + _src(TINY_SALES) + "\n" + rest


TINY_CUSTOMERS = """
    import pandas as pd
    candidates = pd.DataFrame({
        "recency_days": [120, 95, 200, 30, 91, 150, 100, 90],
        "frequency": [5, 2, 1, 9, 3, 2, 2, 4],
        "monetary": [900.0, 300.0, 5000.0, 4000.0, 300.0, 120.0, 800.0, 600.0],
    }, index=pd.Index([11, 12, 13, 14, 15, 16, 17, 18], name="CustomerID"))
"""


def with_tiny_customers(source: str) -> str:
    """A test's source with the small feature frame ``candidates`` built right after its first line."""
    first, rest = _src(source).split("\n", 1)
    return first + "\n" + _src(TINY_CUSTOMERS) + "\n" + rest


def churn_case_study() -> Notebook:
    nb = Notebook("a4_churn_case_study", "churn_case_study")
    nb.heading("# Assignment 4 · Case study: churn early warning · 作业四：案例研究——客户流失预警")
    nb.prose(
        """
        The gift shop's service team wants to call customers who are about to stop buying, before
        they are gone. You play the analyst on 1 September 2011: you may use only what happened
        before that day to choose whom to call, and you check afterwards, on the next 90 days, how
        good the choice was. Then you write the follow-up plan the team will carry out.

        **Total: 30 points** — 20 points autograded (Parts A–C, visible and hidden tests) and 10 points
        for the follow-up plan (Part D), graded by the instructor with the rubric given there. The
        hidden tests call your functions on the course's own data, so each part is graded on its
        own. Write vectorised pandas code: every cell has a 20-second limit when graded.
        """,
        """
        这家礼品店的客服团队希望在客户流失之前，给那些快要不再购买的客户打电话。你扮演 2011 年 9 月 1 日的
        数据分析师：挑选致电对象时只能使用当天之前发生的数据；之后再用接下来 90 天的数据检验你的选择效果如何。
        最后，你要写一份由团队执行的跟进计划。

        **总分：30 分**——第一至第三部分自动评分 20 分（包括可见测试和隐藏测试），第四部分的跟进计划 10 分，
        由教师按该部分给出的评分标准人工评分。隐藏测试会用课程自己的数据调用你写的函数，因此每一部分单独评分。
        请写向量化的 pandas 代码：评分时每个单元格的运行时间上限为 20 秒。
        """,
    )
    nb.setup("setup", """
        # Load and clean the order lines with the course package (read-only cell) · 用课程工具包读取并清洗订单行（只读单元格）
        import pandas as pd
        from retention.data import load_online_retail
        from retention.cleaning import clean_transactions

        CUTOFF = pd.Timestamp("2011-09-01")  # the day you decide · 做决定的那一天
        HORIZON_DAYS = 90  # churned = no purchase in the 90 days from CUTOFF · 流失 = 自 CUTOFF 起 90 天内没有购买
        sales = clean_transactions(load_online_retail())  # no cancellations, with Revenue (GBP) · 不含取消订单，含 Revenue（英镑）
        sales[["InvoiceNo", "CustomerID", "InvoiceDate", "Revenue"]].head()
        """)
    nb.heading("## Part A · What we knew on the cut-off day · 第一部分：截止日当天已知的信息")
    nb.prose(
        """
        Write `customer_features(sales, cutoff)` that returns one row per customer who bought
        **before** `cutoff`, indexed by `CustomerID`, with the columns `recency_days` (whole days from
        the last purchase before the cut-off to the cut-off: `(cutoff - last).dt.days`), `frequency`
        (the number of different invoices before the cut-off) and `monetary` (total `Revenue` before
        the cut-off). Nothing on or after the cut-off may be used: that would be using the future.
        Then set `data = customer_features(sales, CUTOFF)`.
        """,
        """
        请编写 `customer_features(sales, cutoff)`：为每位在 `cutoff` **之前**有过购买的客户返回一行，
        以 `CustomerID` 为索引，包含以下几列：`recency_days`（从截止日之前的最后一次购买到截止日的整天数：
        `(cutoff - last).dt.days`）、`frequency`（截止日之前不同发票的数量）和 `monetary`（截止日之前的
        `Revenue` 总额）。截止日当天及之后的数据一律不能使用，否则就是在“用未来的数据”。
        然后令 `data = customer_features(sales, CUTOFF)`。
        """,
    )
    nb.answer("features_answer", """
        def customer_features(sales, cutoff):
            ### BEGIN SOLUTION
            cutoff = pd.Timestamp(cutoff)
            before = sales[sales["InvoiceDate"] < cutoff]
            per = before.groupby("CustomerID").agg(last=("InvoiceDate", "max"),
                                                   frequency=("InvoiceNo", "nunique"),
                                                   monetary=("Revenue", "sum"))
            return pd.DataFrame({"recency_days": (cutoff - per["last"]).dt.days,
                                 "frequency": per["frequency"],
                                 "monetary": per["monetary"]})
            ### END SOLUTION

        data = customer_features(sales, CUTOFF)
        data.describe()
        """)
    nb.test("features_visible", 2, with_tiny_sales("""
        # Checks customer_features on a small example (columns and recency) · 用小例子检查 customer_features（列和最近购买天数）
        from retention.grading import checks
        table = checks.by_customer(customer_features(tiny, TINY_CUTOFF), "customer_features(tiny)",
                                   columns=["recency_days", "frequency", "monetary"])
        checks.number(table.loc[1, "recency_days"], 11, "recency_days of customer 1")
        checks.number(table.loc[3, "monetary"], 50.0, "monetary of customer 3")
        checks.by_customer(data, "data", columns=["recency_days", "frequency", "monetary"])
        """))
    nb.test("features_hidden", 4, with_tiny_sales("""
        # Checks that customer_features uses only data before the cut-off, against retention.churn (hidden) · 对照 retention.churn 检查 customer_features 只用截止日之前的数据（隐藏测试）
        from retention.grading import checks
        from retention.grading import reference as ref
        table = checks.by_customer(customer_features(tiny, TINY_CUTOFF), "customer_features(tiny)",
                                   columns=["recency_days", "frequency", "monetary"])
        ### BEGIN HIDDEN TESTS
        checks.same_customers(table, pd.Index([1, 3]), "customer_features(tiny)")
        checks.number(table.loc[1, "frequency"], 2, "frequency of customer 1 (2 invoices, 3 lines)")
        expected = ref.a4_churn_data()
        full = checks.by_customer(customer_features(ref.a4_sales(), pd.Timestamp(ref.CUTOFF)),
                                  "customer_features(sales, CUTOFF)", columns=["recency_days", "frequency", "monetary"])
        for column in ["recency_days", "frequency", "monetary"]:
            checks.same_column(full, expected, column, "customer_features(sales, CUTOFF)")
        ### END HIDDEN TESTS
        """))
    nb.heading("## Part B · Who actually churned · 第二部分：谁真的流失了")
    nb.prose(
        """
        Write `label_churn(sales, customers, cutoff, horizon_days)`: for each CustomerID in
        `customers` (e.g. `data.index`) return `True` if the customer placed **no** invoice from
        `cutoff` (included) to `cutoff + horizon_days` days (excluded), else `False`, as a boolean
        Series indexed by those customers. Purchases after the window do not count. Then add the
        label: `data["churned"] = label_churn(sales, data.index, CUTOFF, HORIZON_DAYS)`.
        """,
        """
        请编写 `label_churn(sales, customers, cutoff, horizon_days)`：对 `customers`（例如 `data.index`）中的每个
        CustomerID，如果该客户从 `cutoff`（含当天）到 `cutoff` 之后 `horizon_days` 天（不含）之间**没有**任何发票，
        就返回 `True`，否则返回 `False`；结果是以这些客户为索引的布尔型 Series。窗口之后的购买不算。
        然后添加标签：`data["churned"] = label_churn(sales, data.index, CUTOFF, HORIZON_DAYS)`。
        """,
    )
    nb.answer("label_answer", """
        def label_churn(sales, customers, cutoff, horizon_days):
            ### BEGIN SOLUTION
            cutoff = pd.Timestamp(cutoff)
            end = cutoff + pd.Timedelta(days=horizon_days)
            window = sales[(sales["InvoiceDate"] >= cutoff) & (sales["InvoiceDate"] < end)]
            bought = pd.Index(customers).isin(window["CustomerID"].unique())
            return pd.Series(~bought, index=customers, name="churned")
            ### END SOLUTION

        data["churned"] = label_churn(sales, data.index, CUTOFF, HORIZON_DAYS)
        data["churned"].mean()
        """)
    nb.test("label_visible", 2, with_tiny_sales("""
        # Checks label_churn on a small example · 用小例子检查 label_churn
        from retention.grading import checks
        label = label_churn(tiny, pd.Index([1, 2, 3], name="CustomerID"), pd.Timestamp("2011-08-01"), 90)
        assert type(label) is pd.Series, "label_churn must return a pandas Series · label_churn 必须返回 pandas Series"
        checks.same_values(label.reindex([1, 2, 3]).astype(float), [1.0, 0.0, 1.0], "label_churn(tiny, [1, 2, 3], ...)")
        """))
    nb.test("label_hidden", 3, with_tiny_sales("""
        # Checks label_churn's window and the labels on the course's data against retention.churn (hidden) · 对照 retention.churn 检查 label_churn 的时间窗口和标签（隐藏测试）
        from retention.grading import checks
        from retention.grading import reference as ref
        assert "churned" in data.columns, "data has no churned column · data 中没有 churned 列"
        ### BEGIN HIDDEN TESTS
        label = label_churn(tiny, pd.Index([4], name="CustomerID"), pd.Timestamp("2011-06-01"), 90)
        checks.same_values(label.astype(float), [1.0], "label_churn for a purchase after the window")
        expected = ref.a4_churn_data()
        got = label_churn(ref.a4_sales(), expected.index, pd.Timestamp(ref.CUTOFF), ref.HORIZON_DAYS)
        assert type(got) is pd.Series, "label_churn must return a pandas Series · label_churn 必须返回 pandas Series"
        got = checks.by_customer(got.rename("churned").to_frame(), "label_churn(sales, ...)")
        checks.same_column(got.astype(float), expected.astype({"churned": float}), "churned", "label_churn(sales, ...)")
        ### END HIDDEN TESTS
        """))
    nb.heading("## Part C · The early-warning rule and the call list · 第三部分：预警规则和致电名单")
    nb.prose(
        """
        The simplest early-warning rule flags a customer whose last purchase is more than 90 days
        old (`recency_days > 90`). Write `precision_recall(flagged, churned)` that takes two boolean
        Series (same customers) and returns a dict `{"precision": ..., "recall": ...}`: precision is
        the share of flagged customers who churned, recall the share of churners who were flagged.

        The team can call 100 customers. Write `make_call_list(data, n=100)` that takes a frame like
        `data`, keeps the flagged customers (`recency_days > 90`) who bought at least twice
        (`frequency >= 2`), sorts them by `monetary`, highest first (ties: lower CustomerID first),
        and returns the first `n` CustomerIDs as a Python list of `int`. Then set
        `rule_scores = precision_recall(data["recency_days"] > 90, data["churned"])` and
        `call_list = make_call_list(data)`.
        """,
        """
        最简单的预警规则是：最后一次购买距今超过 90 天（`recency_days > 90`）的客户被标记出来。请编写
        `precision_recall(flagged, churned)`：输入两个布尔型 Series（客户相同），返回字典
        `{"precision": ..., "recall": ...}`。精确率（precision）是被标记的客户中真正流失的比例，召回率（recall）
        是流失客户中被标记出来的比例。

        团队可以给 100 位客户打电话。请编写 `make_call_list(data, n=100)`：输入一个类似 `data` 的表，保留被标记
        （`recency_days > 90`）且至少购买过两次（`frequency >= 2`）的客户，按 `monetary` 从高到低排序
        （金额相同时 CustomerID 小的在前），以 `int` 组成的 Python 列表返回前 `n` 个 CustomerID。然后令
        `rule_scores = precision_recall(data["recency_days"] > 90, data["churned"])`，
        `call_list = make_call_list(data)`。
        """,
    )
    nb.answer("rule_answer", """
        def precision_recall(flagged, churned):
            ### BEGIN SOLUTION
            flagged, churned = flagged.astype(bool), churned.astype(bool)
            hits = (flagged & churned).sum()
            return {"precision": float(hits / flagged.sum()), "recall": float(hits / churned.sum())}
            ### END SOLUTION

        def make_call_list(data, n=100):
            ### BEGIN SOLUTION
            chosen = data[(data["recency_days"] > 90) & (data["frequency"] >= 2)]
            chosen = chosen.rename_axis("CustomerID").reset_index()
            chosen = chosen.sort_values(["monetary", "CustomerID"], ascending=[False, True])
            return [int(c) for c in chosen["CustomerID"].head(n)]
            ### END SOLUTION

        rule_scores = precision_recall(data["recency_days"] > 90, data["churned"])
        call_list = make_call_list(data)
        rule_scores
        """)
    nb.test("rule_test", 3, """
        # Checks precision_recall on a small example and against retention.churn (partly hidden) · 用小例子并对照 retention.churn 检查 precision_recall（部分为隐藏测试）
        from retention.grading import checks
        from retention.grading import reference as ref
        flagged = pd.Series([True, True, True, False, False])
        churned = pd.Series([True, False, True, True, False])
        result = precision_recall(flagged, churned)
        assert type(result) is dict and {"precision", "recall"} <= set(result), \
            "precision_recall must return a dict with precision and recall · precision_recall 必须返回含 precision 和 recall 的字典"
        checks.number(result["precision"], 2 / 3, "precision")
        ### BEGIN HIDDEN TESTS
        checks.number(result["recall"], 2 / 3, "recall")
        from retention import churn
        expected_data = ref.a4_churn_data()
        expected = churn.precision_recall(expected_data["churned"], churn.baseline_rule(expected_data, 90))
        got = precision_recall(expected_data["recency_days"] > 90, expected_data["churned"])
        checks.number(got["precision"], expected["precision"], "precision on the course's data")
        checks.number(got["recall"], expected["recall"], "recall on the course's data")
        ### END HIDDEN TESTS
        """)
    nb.test("call_list_visible", 2, with_tiny_customers("""
        # Checks make_call_list on a small example · 用小例子检查 make_call_list
        from retention.grading import checks
        small = make_call_list(candidates, n=2)
        assert type(small) is list, "make_call_list must return a list · make_call_list 必须返回列表"
        assert all(checks.is_plain_number(c) for c in small), "CustomerIDs must be int · CustomerID 必须是 int"
        assert [int(c) for c in small] == [11, 17], f"make_call_list(candidates, n=2) is {small} · 结果不对"
        assert type(call_list) is list and len(call_list) == 100, "call_list must be a list of 100 · call_list 必须是 100 个元素的列表"
        """))
    nb.test("call_list_hidden", 4, with_tiny_customers("""
        # Checks the call list rules (ties, thresholds) and the list on the course's data (hidden) · 检查致电名单的规则（并列、阈值）和用课程数据得到的名单（隐藏测试）
        from retention.grading import checks
        from retention.grading import reference as ref
        assert type(call_list) is list, "call_list must be a list · call_list 必须是列表"
        ### BEGIN HIDDEN TESTS
        small = make_call_list(candidates, n=10)
        assert [int(c) for c in small] == [11, 17, 12, 15, 16], f"make_call_list(candidates, n=10) is {small} · 结果不对"
        expected_data = ref.a4_churn_data()
        pool = expected_data[(expected_data["recency_days"] > 90) & (expected_data["frequency"] >= 2)]
        pool = pool.rename_axis("CustomerID").reset_index().sort_values(["monetary", "CustomerID"], ascending=[False, True])
        expected = [int(c) for c in pool["CustomerID"].head(100)]
        got = make_call_list(ref.a4_churn_data()[["recency_days", "frequency", "monetary"]], n=100)
        assert type(got) is list and [int(c) for c in got] == expected, "make_call_list(data) differs from the expected list · 名单与预期不符"
        ### END HIDDEN TESTS
        """))
    nb.heading("## Part D · A follow-up plan for one segment · 第四部分：为一个客户群制定跟进计划")
    nb.prose(
        """
        Look at your call list (e.g. `data.loc[call_list].describe()` and `data.loc[call_list, "churned"].mean()`)
        and at the segments of Assignment 3 (`from retention.rfm import segment_definitions`). Choose
        **one** group — the call list, or one RFM segment such as "At risk" or "Can't lose them" — and
        write, in English or Chinese (150–250 words or 300–500 characters), the follow-up plan the
        service team will carry out.

        Rubric (10 points): names the group and why it matters, with at least one number from your
        analysis (2); the channel, timing and language suit cross-border customers, e.g. time zones,
        the customer's language, local holidays (2); a concrete message and an offer in proportion to
        the customer's value (2); the follow-up steps: who does what, when to check again, when to
        escalate (2); how success will be measured fairly, e.g. the 90-day churn rate of the called
        customers against a randomly chosen group that is not called (2).
        """,
        """
        请查看你的致电名单（例如 `data.loc[call_list].describe()` 和 `data.loc[call_list, "churned"].mean()`）
        以及作业三中的客户分群（`from retention.rfm import segment_definitions`）。选择**一个**客户群——致电名单，
        或一个 RFM 分群，例如“有流失风险”或“不能失去的客户”——用英文（150–250 词）或中文（300–500 字）
        写一份由客服团队执行的跟进计划。

        评分标准（10 分）：说明所选客户群以及它为什么重要，并至少引用一个你分析得到的数字（2 分）；渠道、时间和语言
        适合跨境客户，例如时区、客户的语言、当地节假日（2 分）；具体的沟通内容，以及与客户价值相称的优惠（2 分）；
        跟进步骤：谁做什么、何时再次回访、何时升级处理（2 分）；如何公平地衡量效果，例如把致电客户的 90 天流失率
        与随机留出、不致电的对照组相比较（2 分）。
        """,
    )
    nb.written("plan_answer", 10, """
        Group: the 100 customers on the call list. They bought at least twice and spent the most,
        but have not ordered for more than three months; before the cut-off they were worth about
        £0.5 million together, and most of them would not order in the next 90 days without help.

        Channel and timing: a personal e-mail from their account agent, in the customer's language
        (German, French, Dutch ...), sent in the morning of their time zone, followed two days later
        by a phone call in business hours. Avoid local holidays and the pre-Christmas rush.

        Message and offer: thank them for past orders, ask whether anything went wrong with the last
        delivery, and fix any open issue first. Offer free express shipping on the next order, or a
        10% credit for customers above £5,000, not a blanket discount.

        Follow-up: the agent logs every answer in the CRM; a team lead reviews complaints within 48
        hours and escalates unresolved ones to the after-sales manager; a second contact after 30 days
        if there is no order.

        Measure: before calling, randomly keep 20 of the 100 as a control group that is not called.
        After 90 days compare churn rates and revenue of the called and control customers.
        """)
    assert nb.points == 30, nb.points
    return nb


BUILDERS = [retention_economics, crm_language, rfm_and_cohorts, churn_case_study]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the committed notebooks")
    args = parser.parse_args(argv)
    stale = []
    for build in BUILDERS:
        nb = build()
        path = SOURCE / nb.assignment / f"{nb.name}.ipynb"
        text = json.dumps(nb.to_json(), ensure_ascii=False, indent=1) + "\n"
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(HERE)} ({nb.points:g} points)")
    if stale:
        print("out of date:", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
