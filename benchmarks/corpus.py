"""A generated corpus of news-like documents for benchmarks (written for this project, not copied)."""

from __future__ import annotations

import random
from datetime import date, timedelta

COMPANIES = ["Alibaba", "Tencent", "Baidu", "Huawei", "ByteDance", "Kuaishou", "iFlytek", "Xiaomi",
             "Zhipu AI", "MiniMax", "Moonshot AI", "StepFun", "Cambricon Technologies", "SMIC", "Lenovo",
             "Harbor Bridge Research", "Lotus Semiconductor Co", "Qinghe Capital", "Coral Bay Technology"]
MODELS = ["Qwen3", "DeepSeek-V3.1", "ERNIE 4.5", "Hunyuan", "Doubao", "Kimi K2", "GLM-4.5", "Kling 2.1",
          "Pangu", "Spark", "Lumen-2.5 Pro", "Vega-7B"]
PEOPLE = ["Wen Qiao", "Dai Ming", "Tan Weiming", "Luo Qinghua", "Gao Ping", "Feng Lirong", "Yu Hanlin", "Pan Yuxin"]
TITLES = ["chief executive", "senior analyst", "vice president", "head of research", "founder", "partner"]
CITIES = ["BEIJING", "SHANGHAI", "SHENZHEN", "HANGZHOU", "GUANGZHOU", "HONG KONG"]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
SENTENCES = [
    "{company} said on {weekday} its revenue rose {pct} percent to {amount} billion yuan (${usd} billion) in the {quarter} quarter.",
    "The {model} model now serves more than {count:,} enterprise customers, up from about {count2:,} a year earlier.",
    "\"Demand for computing power is far ahead of supply,\" said {person}, {title} at {company}.",
    "{company} plans to spend at least {amount} billion yuan on data centres by {year}.",
    "Prices for the {model} API fell by roughly {frac} to {price} yuan per million tokens last month.",
    "Shares of {company} closed {pct} percent higher at HK${share} on {weekday}, while the benchmark index added 0.{small} percent.",
    "Since {month} {day}, the platform has handled {tokens} trillion tokens a day, about {mult} times the level at the start of the year.",
    "According to {person}, {title} of {company}, nine of the top 10 models on the ranking came from Chinese developers.",
    "The ministry said {pct} to {pct2} percent of large factories would use AI in quality control by the end of {year}.",
    "{company} raised US${usd} million in a funding round led by Qinghe Capital, valuing the start-up at roughly $4 billion.",
]
# Most news sentences carry no figure at all; the corpus mixes both kinds about half and half.
NARRATIVE = [
    "The company did not give a timetable for the wider rollout, and analysts said competition for enterprise clients remained intense.",
    "{company} has been expanding its cloud business as customers move from trials to production use of large models.",
    "Developers said the new release handled long documents and coding tasks better than earlier versions of {model}.",
    "Regulators have asked platforms to label generated content and to keep records of the data used to train their systems.",
    "\"We are seeing demand from factories, hospitals and banks, not only from internet companies,\" {person} said.",
    "The shift has pushed smaller start-ups to specialise in vertical applications rather than compete on general models.",
    "Local governments have offered computing vouchers and cheaper electricity to attract data centre operators.",
    "{company} said its engineers had rewritten parts of the training stack to run on domestic accelerators.",
    "Industry groups expect the policy to speed up adoption in manufacturing, logistics and public services.",
    "The model is available through an application programming interface and as open weights for researchers.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
FRACTIONS = ["a third", "half", "a quarter", "two-thirds", "one-fifth"]


def document(i: int, rng: random.Random) -> str:
    published = date(2025, 1, 1) + timedelta(days=rng.randrange(0, 540))
    month = MONTHS[published.month - 1]
    lines = [f" date {published.isoformat()} Generated report {i} on China's AI industry", "",
             f"{rng.choice(CITIES)}, {month} {published.day} (Xinhua) -- " + _sentence(rng)]
    for _ in range(rng.randrange(4, 7)):
        lines.append("")
        lines.append(" ".join(_sentence(rng) for _ in range(rng.randrange(3, 6))))
    return "\n".join(lines) + "\n"


def _sentence(rng: random.Random) -> str:
    template = rng.choice(SENTENCES) if rng.random() < 0.5 else rng.choice(NARRATIVE)
    return template.format(
        company=rng.choice(COMPANIES), model=rng.choice(MODELS), person=rng.choice(PEOPLE), title=rng.choice(TITLES),
        weekday=rng.choice(WEEKDAYS), pct=rng.randrange(2, 60), pct2=rng.randrange(61, 95),
        amount=round(rng.uniform(1, 300), 1), usd=rng.randrange(1, 900), quarter=rng.choice(["first", "second", "third", "fourth"]),
        count=rng.randrange(1000, 900000), count2=rng.randrange(100, 900), year=rng.choice([2026, 2027, 2030]),
        frac=rng.choice(FRACTIONS), price=round(rng.uniform(0.1, 20), 2), share=round(rng.uniform(10, 600), 2),
        small=rng.randrange(1, 9), month=rng.choice(MONTHS), day=rng.randrange(1, 28), tokens=round(rng.uniform(1, 50), 1),
        mult=rng.randrange(2, 40),
    )


def corpus(n: int = 2000, seed: int = 20251028) -> list[str]:
    rng = random.Random(seed)
    return [document(i, rng) for i in range(n)]
