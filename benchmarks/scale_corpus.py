"""A generated seeds folder of news-like documents at any size, for scale benchmarks (written for this project).

    python benchmarks/scale_corpus.py --documents 10000 --out /tmp/scale-10k [--seed 20251028]

writes `OUT/documents/0000/0000000-some-headline.txt`, ... (at most FILES_PER_FOLDER files per folder) and
`OUT/corpus.json` (the counts; beside `documents/`, so the pipeline never reads it). `write_corpus(out, n, seed)`
does the same from Python and returns the counts.

What is in it, per input item ("document": a file, a JSON Lines line or a feed entry):

- every format the pipeline reads: seed text (` date YYYY-MM-DD Title`), plain text with a date line or a
  dateline (or no date at all), Markdown with YAML front matter, saved HTML pages with navigation, scripts and
  related links around the article, JSON Lines exports (100-400 documents per file, varied field names and date
  styles) and RSS 2.0 / Atom feeds (20-60 entries each);
- encodings: UTF-8 mostly, UTF-8 with a byte-order mark, Windows line breaks, Windows-1252, UTF-16 with a BOM and
  GB18030 (Chinese stories; about 4% of the documents are in Chinese);
- lengths from a one-paragraph brief to several thousand words (LENGTHS: median about 400 words, mean about 560);
- companies, models, products and people from seeds/reference/entities.csv and benchmarks/corpus.py (plus
  invented names, as real news names many people no registry knows), people with titles ("X, chief executive
  of Y, said"), money in several currencies, percentages, counts, units (nm, GW, petaflops, parameters,
  tokens), absolute and relative dates;
- about 3% exact duplicates (the same file saved twice, the same story in another file with another headline,
  the same record in two exports), 2% near duplicates (a republication: another headline and outlet, a
  figure updated, a line added) and 2% bad inputs (binary junk, empty files, damaged UTF-8, unsupported file
  types, a page with no article, a bad header date, broken or badly dated JSON lines, teaser-only feed entries).

The same (n, seed) gives byte-identical files: every document is drawn from its own random generator seeded
with (seed, index), and names are numbered in writing order. The text depends on the registry and on
benchmarks/corpus.py's lists: `corpus.json` records the registry's SHA-256.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import hashlib
import json
import random
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus as base  # noqa: E402  (benchmarks/corpus.py: its name lists and sentence generator)

REPO = Path(__file__).resolve().parent.parent
REGISTRY = REPO / "seeds" / "reference" / "entities.csv"
FILES_PER_FOLDER = 1000
DEFAULT_SEED = 20251028

# Shares of the input items (the rest are original documents).
EXACT_DUPLICATES = 0.03
NEAR_DUPLICATES = 0.02
BAD_INPUTS = 0.02
# Formats of original documents (weights).
FORMATS = {"seed_text": 28, "plain_text": 14, "markdown": 14, "html": 12, "jsonl": 20, "feed": 12}
# Length classes: (weight, fewest words, most words).
LENGTHS = ((30, 40, 180), (45, 200, 600), (18, 600, 1200), (5.5, 1200, 2500), (1.5, 2500, 5000))
CHINESE_SHARE = 0.04
# Bad inputs (weights): what each one is and the rejection reason the pipeline should give.
BAD_KINDS = {
    "binary": (20, "binary_file"), "empty": (15, "empty_file"), "damaged_utf8": (15, "undecodable"),
    "unsupported": (15, "unsupported_format"), "no_article_html": (8, "no_text"), "bad_header": (7, "bad_header"),
    "bad_json_line": (8, "bad_json"), "bad_date_line": (4, "bad_date"), "teaser_entry": (8, "no_text"),
}


# ============================================================================ names
def _registry() -> dict[str, list]:
    rows = list(csv.DictReader(REGISTRY.open(encoding="utf-8", newline="")))
    rows.sort(key=lambda r: r["entity_id"])
    by_id = {r["entity_id"]: r for r in rows}
    gov_words = re.compile(r"Ministry|Administration|Commission|Council|Bureau|Committee|Party|Congress|Government|"
                           r"Agency|Office|Court|Department|People's")
    academic = re.compile(r"University|Academy|Institute|Laborator|\bLab\b|College|School")
    not_company = re.compile(r"Hospital|Foundation|Times|News|Daily|Post\b|Press|Journal|Media\b|Magazine|Society|"
                             r"Association|Federation|Alliance|Exchange|Forum|Wikipedia|Qiushi|Xinhua|Reuters|Bloomberg")
    companies, gov, unis, persons, models, products = [], [], [], [], [], []
    for r in rows:
        kind, name = r["entity_type"], r["name"].strip()
        if not name or '"' in name:
            continue
        if kind == "person":
            persons.append(name)
        elif kind == "ai_model":
            models.append((name, _developer(r, by_id)))
        elif kind == "product":
            products.append((name, _developer(r, by_id)))
        elif kind == "organization":
            if gov_words.search(name):
                gov.append(name)
            elif academic.search(name):
                unis.append(name)
            elif not_company.search(name):
                continue
            else:
                aliases = [a for a in r["aliases"].split("|") if a and len(a) > 2]
                companies.append((name, aliases))
    return {"companies": companies, "gov": gov, "unis": unis, "persons": persons, "models": models,
            "products": products}


def _developer(row: dict, by_id: dict) -> str | None:
    seen = set()
    while row and row["entity_id"] not in seen:
        seen.add(row["entity_id"])
        parent = by_id.get(row.get("parent_entity_id") or "")
        if parent is None:
            return None
        if parent["entity_type"] == "organization":
            return parent["name"]
        row = parent
    return None


SURNAMES = ("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao Zheng Liang Xie Song "
            "Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen "
            "Yao Qian Fu Qin Kong Bai Cui Kang Mao Qiu Shi Tan Jia Xia Fang Yin Gu Hou Meng Long Wan Duan Lei").split()
GIVEN = ("Wei Ming Jun Hua Lei Yan Jing Fang Hao Yu Xin Tao Bin Qiang Ping Na Yun Jie Chao Hong Zhi Kai Rui Lin "
         "Xiaoming Jianguo Haiyan Yifan Zihan Yuxuan Minghui Shuang Lihua Xiaowei Jiayi Haoran Siyu Zhiwei Guohua Xuemei "
         "Yongqiang Chunyan Wenjie Jiahao Yiming Tianyu Ruoxi Junjie Xiaodong Hongwei Meiling Dongmei Zhenyu Kaiwen").split()
WESTERN = ("Anna Keller|David Osei|Maria Lindqvist|Tom Haverford|Priya Natarajan|Lukas Brandt|Sarah Okafor|"
           "James Whitfield|Elena Rossi|Kenji Watanabe|Min-jun Park|Olivia Grant|Rahul Mehta|Claire Dubois").split("|")
EXEC_TITLES = ("chief executive", "chief executive officer", "chairman", "president", "founder and chief executive",
               "co-founder", "chief technology officer", "chief financial officer", "chief scientist", "vice president",
               "senior vice president", "general manager of the cloud unit", "head of research", "head of the AI lab",
               "chief operating officer", "director of product")
OTHER_TITLES = ("senior analyst", "analyst", "economist", "chief economist", "partner", "managing director",
                "fund manager", "strategist", "research director", "professor", "researcher", "director")
FIRMS = ("Harbor Bridge Research", "Qinghe Capital", "Jade Peak Securities", "Northbound Analytics", "Lantern Research",
         "Meridian Asia Partners", "Redwood Insight", "Canton Equity Research", "Silverlake Ridge Advisory",
         "Pearl Delta Securities", "Huaxin Consulting", "Tidewater Markets", "Summit Gate Capital", "Orchid Hill Research")
FICTIONAL_COMPANIES = ("Lotus Semiconductor Co", "Coral Bay Technology", "Binhai Robotics", "Tianmu Intelligence",
                       "Xingyun Computing", "Qiantang Data Systems", "Redstone AI", "Luminar Vision Tech",
                       "Greatwall Edge Computing", "Nanhu Quantum Labs", "Songshan Motors", "Yuelu Medical AI",
                       "Haixia Cloud", "Zijin Microelectronics", "Baiyun Logistics Tech", "Shennong Agritech")
GOV_FALLBACK = ("Ministry of Industry and Information Technology", "National Development and Reform Commission",
                "Cyberspace Administration of China", "National Data Administration", "Ministry of Science and Technology")
PUBLISHERS = ("Harbour Wire", "Eastern Tech Daily", "Pearl River Post", "Silk Road Business Review", "Binhai Tech News",
              "Jade Bay Times", "Capital Markets Brief", "Yangtze Business Journal", "Northern Lights Media",
              "Digital Dragon Weekly", "Asia Compute Report", "Lanting Finance")
AGENCIES = ("Harbour Wire", "EastNews", "Pacific Wire", "CTN", "Sino Business Wire", "Xinhua")
CITIES = ("Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Guangzhou", "Hong Kong", "Chengdu", "Wuhan", "Hefei",
          "Nanjing", "Suzhou", "Xi'an", "Tianjin", "Chongqing", "Changsha", "Xiamen", "Qingdao", "Guiyang")
PROVINCES = ("Guangdong", "Zhejiang", "Jiangsu", "Anhui", "Sichuan", "Guizhou", "Inner Mongolia", "Ningxia", "Hubei",
             "Shandong", "Gansu", "Hebei")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
SHORT_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
QUARTERS = ("first", "second", "third", "fourth")


# ============================================================================ templates
# "[a|b|]" picks one alternative (possibly nothing); "{slot}" is filled by SLOTS below.
HEADLINES = {
    "earnings": ["{co} [revenue|sales] [rises|jumps|climbs|grows] {pct}% on [cloud|AI|data centre|enterprise] demand",
                 "{co} [posts|reports] {quarter}-quarter [profit|net income] of {yuan}",
                 "{co} [beats|misses] estimates as AI [spending|investment] [weighs|pays off]",
                 "Cloud [growth|momentum] lifts {co} results in {quarter} quarter"],
    "funding": ["{co} raises {usd} in [Series B|Series C|new|pre-IPO|strategic] funding",
                "AI start-up {co} valued at {usd_b} after [latest|new] round",
                "Investors pour {yuan} into {co} as [model|robotics|chip] race heats up"],
    "model_launch": ["{co} [unveils|releases|launches|rolls out] {model} [model|AI model|reasoning model|multimodal model]",
                     "{co}'s {model} [tops|climbs|enters] [open-source|global|developer] rankings",
                     "{co} cuts {model} [API|token] prices by {pct}%",
                     "New {model} [handles|supports] {ctx_tokens}-token context, {co} says"],
    "chips": ["{co} [ships|begins mass production of|unveils] [new|next-generation|domestic] AI accelerator",
              "{co} [expands|doubles] {nm}-nanometre [chip|wafer] capacity",
              "Domestic chipmakers [gain|win] share as {co} [orders|buys] {gpus} accelerators"],
    "datacenter": ["{co} to build {gw} [data centre|computing] hub in {province}",
                   "{province} [computing|data centre] cluster [reaches|passes] {pflops}",
                   "{co} plans {yuan} [investment|spending] on [AI infrastructure|computing power]"],
    "policy": ["{gov} [issues|releases|unveils] [guideline|plan|rules] on [AI|generative AI|computing power]",
               "China [aims for|targets|plans for] {pct}% AI adoption in [factories|manufacturing|public services] by {fyear}",
               "{gov} [tightens|updates|clarifies] rules on [labelling|training data|algorithm filing]"],
    "appointment": ["{co} [names|appoints|picks] {exec} as [new|] {exec_title}",
                    "{exec} to [step down|leave|retire] as {co} {exec_title}",
                    "{co} [reshuffles|shakes up] [leadership|management] as AI push [deepens|accelerates]"],
    "deal": ["{co} and {co2} [sign|strike|announce] [AI|cloud|chip|model] [partnership|deal|alliance]",
             "{co} to [acquire|buy|take a stake in] {co2} for {money}",
             "{co} [wins|lands|secures] {yuan} [contract|order] from {co2}"],
    "adoption": ["{model} [users|subscribers|developers] [top|pass|exceed] {n_m}",
                 "{co}'s AI assistant [reaches|hits|draws] {n_m} [monthly|daily] users",
                 "[Factories|Hospitals|Banks|Schools] [embrace|adopt|test] {co}'s {model}"],
    "robotics": ["{co} [shows off|unveils|starts selling] [humanoid|industrial|service] robot priced at {yuan_small}",
                 "{co} [delivers|sells] {n_k} [robots|vehicles|smart cars] in {month}",
                 "{co}'s [driver-assistance|autonomous driving] system [logs|covers] {km}"],
    "markets": ["{co} shares [jump|surge|slide|fall] {pct}% [after|on] [AI|earnings|chip|model] news",
                "{co} [files for|prices|plans] [Hong Kong|Shanghai|STAR Market] IPO [seeking|to raise|worth] {money}",
                "AI [rally|selloff|trade] [lifts|drags] {co}, {co2} shares"],
}
FACTS = {
    "earnings": [
        "{co} said {date_ref} its [revenue|total revenue|sales] [rose|increased|grew|climbed] {pct} percent [year on year|from a year earlier|] to {yuan} {period}.",
        "[Net profit|Net income|Operating profit|Adjusted profit] [came in at|reached|was] {yuan}, [compared with|up from|down from|against] {yuan} a year [earlier|before].",
        "Revenue from the [cloud|intelligent cloud|AI services|enterprise] [unit|division|segment|business] [rose|jumped|grew] {pct} percent to {yuan}, [driven by|helped by|on] [demand for AI products|model training contracts|growth in public cloud customers].",
        "[Gross margin|Operating margin] [widened|narrowed|improved|slipped] by {pp} percentage points to {pctd} percent {period}.",
        "Analysts [polled|surveyed] by [{firm}|LSEG|a data provider] had [expected|forecast] revenue of {yuan} on average.",
        "{it} [said|told investors|expects] [capital expenditure|capex|spending on AI infrastructure] [would|will] [exceed|top|reach] {yuan} {by}.",
        "Research and development [spending|expenses] [rose|grew|climbed] {pct} percent to {yuan}, or {pctd} percent of revenue.",
        "[The number of|Its] paying [cloud|enterprise|AI] customers [rose|grew] to {n_k} {period}, {it} said.",
        "{it} [kept|raised|cut] its full-year [revenue|sales] [guidance|forecast|outlook] [at|to] {yuan_range}.",
        "[Free cash flow|Operating cash flow] [was|came to|totalled] {yuan} {period}, [down|up] {pct} percent.",
        "{it} [announced|approved|unveiled] a share buyback of up to {usd} [and a dividend of|alongside a dividend of] {cents} cents per share.",
    ],
    "funding": [
        "{co}, [founded|set up|established] in {past_year} by [former|ex-] {co2} [engineers|researchers|executives], said {date_ref} it had raised {usd} in a [Series A|Series B|Series C|Series D|funding|strategic] round.",
        "The round was led by {firm}, with [participation from|backing from|support from] {co2} and [state-backed funds|existing investors|a provincial guidance fund].",
        "The [deal|investment|financing] values {it} at about {usd_b}, [up from|more than double|compared with] {usd_b} {period}.",
        "{it} [plans to use|will use|said it would use] the [money|proceeds|funds] to [train larger models|buy computing power|hire researchers|expand overseas|build a robot factory].",
        "{it} [employs|has] {n_small}0 [people|staff|engineers|researchers], [most of them|about half of whom|many of them] [in {city}|in research|working on models].",
        "Chinese AI start-ups raised {usd} in {n_small}0 deals {period}, according to {firm}.",
        "[Its|{it}'s] annualised revenue [reached|passed|hit] {yuan} {period}, {exec} said.",
    ],
    "model_launch": [
        "{co} [released|unveiled|launched|open-sourced] {model} {date_ref}, [saying|claiming] it [matched|outperformed|rivalled] {model2} on [coding|maths|reasoning|long-document] benchmarks.",
        "{model} has {params} parameters and [supports|handles|can process] a context window of {ctx_tokens} tokens.",
        "The model was trained on {tokens_t} tokens [of text and code|of data|using domestic chips] [over|in] {duration}.",
        "[Prices|API prices] for {model} [start at|were set at|fell to] {price_tokens}, [about|roughly|less than] {frac} of [the previous version's|{model2}'s|rivals'] [price|rates].",
        "{model} [scored|achieved|reached] {pctd} percent on [a widely used|a popular|an industry] [coding|maths|reasoning] benchmark, up from {pctd} percent for [the previous version|{model2}].",
        "More than {n_k} [developers|companies|enterprise customers] had [called|used|tested] the model [through its API|on {co}'s cloud] [within|in] {n_small} [days|weeks] of [launch|release].",
        "The weights [are|were made] available [under an open licence|on ModelScope and Hugging Face|for researchers], [while|and] a larger version [is offered|remains available] [only through the cloud|via paid API].",
        "{it} said inference [costs|latency] had [fallen|dropped|been cut] by {pct} percent [thanks to|after|with] [a mixture-of-experts design|new quantisation methods|optimised kernels].",
        "[Downloads|Derivative models] of the {model} family [passed|exceeded|topped] {n_m} {period}.",
    ],
    "chips": [
        "{co} [said|confirmed] {date_ref} it had begun [mass production|volume shipments|sampling] of [an AI accelerator|a training chip|an inference chip] [built on|made with|using] a {nm}-nanometre process.",
        "The chip [delivers|offers|reaches] {pflops} of [computing power|FP16 performance|FP8 performance] and [carries|has|comes with] {mem_gb} gigabytes of [high-bandwidth memory|HBM].",
        "{co} [plans to|expects to|aims to] [ship|sell|produce] {n_k} [units|accelerators|chips] {by}, [up from|compared with|against] {n_k} {period}.",
        "[Wafer|Foundry] capacity at {co}'s {city} [plant|fab] [will rise|is set to grow|will expand] to {n_k} wafers a month {by}.",
        "Domestic [suppliers|chipmakers|vendors] [accounted for|held|took] {pct} percent of China's AI accelerator [market|shipments] {period}, according to {firm}.",
        "[Export controls|US restrictions] [have limited|limit|curbed] [access to|sales of] [advanced|high-end] [GPUs|chips] [since|from] {month} {past_year}.",
        "{co2} [ordered|bought|booked] {gpus} accelerators [from {co}|for its data centres] [worth|valued at|for about] {yuan}.",
        "Yields on the [new|advanced] process [reached|stood at|improved to] about {pct} percent, [people familiar with the matter|two industry sources|analysts at {firm}] said.",
    ],
    "datacenter": [
        "{co} [will build|is building|plans] a {gw} data centre [cluster|campus|hub] in {province} [at a cost of|worth|with an investment of] {yuan}.",
        "The [facility|hub|cluster] will [provide|house|offer] {pflops} of computing power [when completed|by {fyear}|in its first phase] and [use|draw|consume] {pct} percent renewable [power|electricity|energy].",
        "[National|China's] computing [capacity|power] [reached|stood at|rose to] {eflops} {period}, [the {gov} said|according to the {gov}|official data showed].",
        "[Electricity|Power] [prices|tariffs] in {province} [are|were] about {kwh} per kilowatt-hour, [roughly|about] {frac} [below|lower than] [coastal cities|the national average].",
        "[Utilisation|Occupancy] of [AI|intelligent computing] centres [averaged|was] {pct} percent {period}, [leaving|meaning] [spare capacity|idle racks] in [western|several] provinces.",
        "[Local authorities|The {province} government] [offered|issued] computing vouchers worth {yuan} to [small firms|start-ups|research teams] {period}.",
        "The [campus|project] [covers|spans|occupies] {sqm} square metres and [will employ|is expected to create] {n_k} [jobs|positions].",
    ],
    "policy": [
        "The {gov} [said|announced|stated] {date_ref} that [it aims|China aims|the country plans] to [raise|lift|bring] the [adoption|use|penetration] of AI in [manufacturing|key industries|public services] to {pct} percent {by}.",
        "[Under|According to|In] the [plan|guideline|document], {pct_lo} to {pct2} percent of [large factories|key enterprises|hospitals] should [use|deploy|adopt] AI [in quality control|for scheduling|in diagnostics] {by}.",
        "{official}, [a vice minister at|head of|spokesperson for|director at] the {gov}, said [the rules|the measures|the plan] would [take effect|come into force|apply] on {md}, {next_year}.",
        "[Platforms|Providers|Developers] must [label|mark|register] generated [content|images|video] and [keep|store|retain] training data records for {n_small} [months|years].",
        "[More than|Over|About] {n_k} [generative AI services|large models|algorithms] had [been filed|completed registration|been approved] {period}, the {gov} said.",
        "The [central government|state|{gov}] [will provide|has earmarked|plans to spend] {yuan} [to support|for|on] [basic research|computing infrastructure|talent programmes] {by}.",
        "[Experts|Analysts|Lawyers] [said|noted] the [rules|measures|guidelines] [were|are] [lighter than expected|broadly in line with|stricter than] [earlier drafts|the EU's AI Act|previous regulation].",
        "China's [core AI industry|digital economy|AI sector] [was worth|reached|exceeded] {yuan_big} {period}, [up|growing] {pct} percent, [according to the {gov}|data from the {gov} showed|the {gov} said].",
    ],
    "appointment": [
        "{co} [named|appointed|promoted] {exec} as {exec_title} {date_ref}, [replacing|succeeding|taking over from] {p2}, who [will remain|stays on|becomes] [an adviser|a board member|chairman].",
        "{exec}, [{age}, |]previously [head of|vice president at|a senior engineer at|chief scientist of] {co2}, [joined|came to] {it} in {past_year}.",
        "{exec} [will report to|reports to|works alongside] {p2}, {co}'s {title2}, [and will oversee|overseeing|with responsibility for] [model research|the cloud business|chip design|overseas expansion].",
        "The [appointment|move|reshuffle] [takes effect|is effective|comes into force] on {md}, {it} said in a [filing|statement] to the [Hong Kong|Shanghai|Shenzhen] stock exchange.",
        "{p2}, {title2} of {co2}, [said|told reporters|noted] [the hire|the change|the move] [showed|reflected|signalled] [the fierce competition for AI talent|a shift to commercialisation|investor pressure].",
    ],
    "deal": [
        "{co} and {co2} [signed|struck|agreed] a [strategic|multi-year|framework] [agreement|partnership|deal] {date_ref} to [jointly develop|co-develop|deploy] [AI models|computing clusters|smart vehicles|industrial software].",
        "Under the [deal|agreement|terms], {co2} will [buy|use|deploy] {co}'s {model} [across|in|for] {n_k} [stores|branches|factories|hospitals|vehicles].",
        "{co} [agreed to|will|plans to] [acquire|buy] [a {pct} percent stake in|the whole of|a controlling stake in] {co2} for {money}, [subject to|pending|after] regulatory approval.",
        "The [contract|order|deal] [is worth|was valued at|totals] {yuan} and [runs|lasts|extends] [for {n_small} years|until {fyear}|through {fyear}].",
        "[Shares of|Stock in] {co2} [rose|jumped|climbed|fell] {pct} percent [after|on|following] the [announcement|news|filing].",
    ],
    "adoption": [
        "{model} [had|counted|reached] {n_m} [monthly active users|daily active users|registered users] [at the end of|by|in] {month}, {it} said.",
        "[Daily token consumption|Token usage|API calls] on {co}'s [platform|cloud] [rose|grew|climbed] to {tokens_t} [a day|per day] {period}, about {mult} times [the level|the volume] [a year earlier|at the start of the year].",
        "{it} [holds|has|commands] a {pctd} percent share of China's [enterprise model|AI assistant|public cloud] market, [according to {firm}|data from {firm} show|{firm} estimates].",
        "[About|Roughly|Nearly] {pct} percent of [surveyed|large|listed] [companies|manufacturers|banks] [used|were testing|had deployed] generative AI {period}, [a survey by {firm} found|according to {firm}|research from {firm} showed].",
        "[Subscription|Membership] prices [start at|range from|are] {yuan_small} a month, [while|and] [enterprise|business] plans [cost|run to|start from] {yuan_small} per seat.",
        "[Hospitals|Banks|Factories|Schools] in {n_small} provinces [now use|have deployed|are testing] the system for [triage|customer service|defect detection|lesson planning], {exec} said.",
    ],
    "robotics": [
        "{co} [delivered|sold|shipped] {n_k} [humanoid robots|industrial robots|vehicles|robotaxis] {period}, [up|down] {pct} percent [from a year earlier|year on year].",
        "The [robot|machine|vehicle] [stands|measures] {height} [tall|high], [weighs|weighing] {kg} kilograms and [can carry|lifts|handles] loads of up to {kg2} kilograms.",
        "Its [driver-assistance|autonomous driving|navigation] system has [covered|logged|driven] {km} [on public roads|in testing|in {n_small} cities].",
        "[A battery charge|One charge|The battery] [lasts|provides] {hours} hours of [operation|work|runtime], and the [list|retail|starting] price is {yuan_small}.",
        "{co} [plans to|aims to|expects to] [build|produce|make] {n_k} [units|robots|cars] [a year|annually] [at a new plant in|in|from] {city} {by}.",
    ],
    "markets": [
        "Shares of {co} [closed|ended|finished] {pct} percent [higher|lower|up|down] at {hkd} {date_ref}, [while|as] the [Hang Seng Tech index|benchmark index|CSI 300] [added|lost|gained|fell] {pct_small} percent.",
        "{co} [plans to|aims to|hopes to] raise {money} [in|through] [an initial public offering|a share sale|a listing] in [Hong Kong|Shanghai|Shenzhen], [people familiar with the matter said|according to a filing|{it} said].",
        "The [stock|shares] [have|had] [risen|gained|fallen|dropped] {pct} percent [this year|since {month}|over the past {n_small} months], [giving|valuing] {it} [a market value|a valuation] of {usd_b}.",
        "[Trading volume|Turnover] [reached|hit|was] {yuan}, [about|roughly|more than] {mult} times the [daily average|average of the past month].",
        "[Southbound|Foreign|Retail] investors [bought|sold|added] a net {hkd_amount} of {co} shares {period}, exchange data showed.",
    ],
}
QUOTES = [
    '"[Demand for computing power|Demand for inference|Customer demand] is [far ahead of|still outrunning|running ahead of] supply," {exec} [said|told reporters|told analysts] [on a call|in an interview|at a briefing|].',
    '"We [are seeing|see|have seen] demand from [factories, hospitals and banks|manufacturers and retailers|local governments and schools], not only from internet companies," said {exec}, {exec_title} of {co}.',
    '"[The price war|Competition|The race] [is|has become] [brutal|intense|relentless], [but|and] [we think|I believe|our view is that] [only a few players will survive|scale matters more than ever|costs will keep falling]," {analyst}, {title2} at {firm}, said.',
    '"[This quarter|This year|The past year] [showed|proved|confirmed] that [AI revenue is real|customers will pay for quality|open models can make money]," {exec}, {exec_title} at {co}, [said|wrote] in a [statement|letter to shareholders|post].',
    '"[We expect|We forecast|Our base case is] [another|a further] {pct} percent [rise|increase|drop] in [prices|shipments|revenue] {by}," said {analyst} of {firm}.',
    '{exec}, {exec_title} of {co}, said the company [would|will] "[keep investing|stay disciplined|move fast]" [in models and chips|on spending|on products].',
    '"[Our|The] [goal|aim|plan] is [simple|clear]: [make AI as cheap as electricity|serve every developer in China|put a model in every factory]," {exec} said [at the launch|on stage|in {city}].',
    '{p2}, a {title2} at {uni}, [said|noted|cautioned] that "[benchmarks tell only part of the story|real-world reliability still lags|the gap with frontier models is narrowing]."',
    'According to {analyst}, {title2} at {firm}, [nine of the top 10|most of the leading|several] [open models|models on the ranking|downloaded models] [came from|were built by] Chinese developers.',
    '"[It is|This is] [a turning point|an important step|just the beginning]," said {official}, [an official at|a director at|a spokesperson for] the {gov}.',
    '{exec} [told|informed] [employees|staff|investors] in [an internal memo|a letter|a meeting] {date_ref} that [the company|{it}] would [double|triple|cut] [its|the] [hiring|spending|headcount] {by}.',
]
NARRATIVE = [
    "[The company|{it}] did not [give|provide|disclose] a [timetable|schedule|date] for the [wider|full|overseas] rollout[, and analysts said competition remained intense|, citing market conditions|].",
    "{co} has been [expanding|building out|investing in] its [cloud|model|chip|robotics] business as customers [move|shift] from [trials|pilots|tests] to production use.",
    "[Developers|Users|Reviewers] said the [new release|latest version|update] [handled|managed|dealt with] [long documents|coding tasks|images and video] better than [earlier versions|its predecessor|rival products].",
    "Regulators have [asked|required|told] platforms to [label generated content|keep records of training data|file their algorithms] [and to|while being asked to|before they] [protect user data|report security incidents|launch to the public].",
    "The [shift|trend|competition] has pushed [smaller|younger|many] start-ups to [specialise in|focus on|move into] [vertical applications|industry models|overseas markets] rather than [compete on|build|train] general models.",
    "[Local governments|Provincial authorities|Several cities] have offered [computing vouchers|cheap electricity|rent-free offices] to [attract|lure|win] [data centre operators|AI start-ups|chip designers].",
    "{it} said its engineers had [rewritten|optimised|reworked] parts of the [training|inference|serving] stack to run on [domestic accelerators|its own chips|mixed clusters].",
    "Industry groups expect the [policy|measures|plan] to [speed up|accelerate|support] adoption in [manufacturing|logistics|healthcare|finance|public services].",
    "The [model|service|system] is available through an application programming interface[ and as open weights for researchers| on {co}'s cloud| to enterprise customers only].",
    "[Price cuts|Discounts|Free tiers] [announced|introduced|rolled out] by [several|rival|larger] [developers|platforms|cloud providers] have [squeezed|pressured|hit] margins across the [sector|industry|market].",
    "[Competition for talent|Hiring|Competition for engineers] has [become|grown] [fiercer|more expensive|harder], with [top researchers|graduates from leading universities|chip designers] [commanding|receiving|offered] [higher salaries|generous stock options|signing bonuses].",
    "[The announcement|The filing|The news] came [days|weeks|a month] after {co2} [unveiled|released|announced] a [rival|competing|similar] [product|model|plan].",
    "{it} [did not respond to|declined to comment on|had no immediate comment on] [a request for comment|questions about pricing|the report].",
    "[Some|Many|Several] analysts [warned|cautioned|noted] that [heavy spending|the price war|overcapacity] could [weigh on|hurt|erode] [profits|returns|margins] [for years|in the near term|next year].",
    "[Open-source|Open-weight] models from China have [gained|won|attracted] [a large following|many users|developer interest] [abroad|overseas|in Southeast Asia and the Middle East].",
    "[Data centre|Computing] [operators|providers] in [western|inland|northern] provinces have [benefited from|relied on|used] [cheap|abundant] [wind and solar power|hydropower|coal-fired electricity].",
    "[Carmakers|Appliance makers|Phone makers|Banks] have [integrated|built|added] [large models|AI assistants|voice agents] into [their products|cars|apps] [to stand out|to win customers|as sales slow].",
    "The [company|firm|group] [was founded|started|began] in {past_year} [in|at] {city} and [listed|went public|was listed] in [Hong Kong|Shanghai|New York|Shenzhen] in {past_year2}.",
    "[Education|Healthcare|Legal services|Customer service] [is|has become|remains] one of the [fastest-growing|most promising|busiest] [uses|areas|markets] for [chatbots|AI agents|generative AI] in China.",
    "[Critics|Researchers|Consumer groups] [say|argue|have said] [hallucinations|errors|privacy risks] [remain|are still] a [problem|concern|challenge] for [wider|broader|commercial] [use|adoption|deployment].",
]
BACKGROUND = [
    "China's [AI|artificial intelligence] industry [has grown|expanded|developed] [quickly|rapidly|steadily] [since|over] {past_year}[, with more than {n_k} companies now active|, according to official figures|].",
    "[Beijing has|The central government has|Policymakers have] made AI a [priority|pillar|focus] of [the five-year plan|industrial policy|economic strategy], [alongside|together with|along with] [chips|robotics|new energy vehicles].",
    "[Competition|Rivalry] among [Chinese|domestic] [model developers|cloud providers|chipmakers] [intensified|heated up|grew] [last year|in {past_year2}|this year] [after|when|as] {co2} [cut prices|released open models|raised funds].",
    "{co2}, {co3} and {co4} [are among|rank among|count as] the [largest|leading|best-funded] [developers|players|companies] in the [sector|field|market].",
]
SUBHEADS = ["Pricing pressure", "What analysts say", "Chips and computing", "The road ahead", "Background",
            "Market reaction", "Customers", "Policy support", "Competition", "Risks", "Key figures", "Outlook"]
ZH_SENTENCES = [
    "{zc}今年{zm}月发布了新一代大模型，参数规模达到{zn}亿。", "{zc}表示，过去一个季度接口调用量增长了{zp}%。",
    "{zcity}为{zc}的数据中心提供了{zn}万元算力补贴。", "{zc}的视觉模型已在{zn}条生产线上用于质量检测。",
    "分析人士预计，{zc}明年的云服务收入将增长{zp}%，达到{zn}亿元。", "{zc}称，国产加速器出货量在{zm}月达到{zn}万片。",
    "{zc}把模型价格下调了{zp}%，每百万词元只需{zs}元。", "{zc}首席执行官{zperson}在{zcity}的发布会上说，智能体将成为下一个增长点。",
    "截至{zy}年{zm}月底，{zc}的大模型日均词元调用量超过{zn}亿。", "{zc}与{zc2}签署战略合作协议，共同建设{zs}万卡算力集群。",
    "据{zc2}研究院统计，{zy}年上半年人工智能核心产业规模同比增长{zp}%。", "{zc}第{zq}季度营收为{zn}亿元，同比增长{zp}%。",
    "{zperson}说：“我们的目标是让每一家工厂都用上大模型。”", "{zcity}计划到{zfy}年建成算力规模{zn}P的智算中心。",
]
ZH_COMPANIES = ["阿里巴巴", "腾讯", "百度", "华为", "字节跳动", "快手", "科大讯飞", "小米", "智谱", "月之暗面", "深度求索",
                "商汤科技", "寒武纪", "中芯国际", "联想", "京东", "美团", "阶跃星辰"]
ZH_CITIES = ["北京", "上海", "深圳", "杭州", "广州", "合肥", "成都", "武汉", "贵阳", "南京"]
ZH_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
ZH_GIVEN = ["伟", "明", "军", "华", "磊", "燕", "静", "芳", "浩", "宇", "欣", "涛", "建国", "海燕", "一帆", "子涵"]
ZH_TITLES = ["{zc}发布新一代大模型", "{zc}营收同比增长{zp}%", "{zcity}加快建设智算中心", "{zc}与{zc2}达成合作",
             "大模型价格战持续，{zc}再降价", "{zc}加速器出货量创新高"]


_PART = re.compile(r"\{(\w+)\}|\[([^\[\]]*)\]")


def _compile(template: str) -> tuple:
    """Literal strings, tuples of alternatives (themselves compiled) and slot names (single-item lists)."""
    parts: list = []
    pos = 0
    for m in _PART.finditer(template):
        if m.start() > pos:
            parts.append(template[pos:m.start()])
        if m.group(1):
            parts.append([m.group(1)])
        else:
            parts.append(tuple(_compile(alt) for alt in m.group(2).split("|")))
        pos = m.end()
    if pos < len(template):
        parts.append(template[pos:])
    return tuple(parts)


def _compiled(groups):
    if isinstance(groups, dict):
        return {k: [_compile(t) for t in v] for k, v in groups.items()}
    return [_compile(t) for t in groups]


C_HEADLINES, C_FACTS = _compiled(HEADLINES), _compiled(FACTS)
C_QUOTES, C_NARRATIVE, C_BACKGROUND = _compiled(QUOTES), _compiled(NARRATIVE), _compiled(BACKGROUND)
C_ZH, C_ZH_TITLES = _compiled(ZH_SENTENCES), _compiled(ZH_TITLES)
STORIES = list(FACTS)


# ============================================================================ one article
@dataclass
class Article:
    index: int
    title: str
    published: date
    paragraphs: list[str]
    publisher: str
    language: str  # en | zh
    url: str
    words: int
    agency: str
    city: str


@dataclass
class _Context:
    rng: random.Random
    names: dict
    published: date
    co: str
    co_alias: str
    model: str
    exec: str
    exec_title: str
    city: str
    extra: dict = field(default_factory=dict)


def _num(rng: random.Random, lo: float, hi: float, decimals: int = 1) -> str:
    value = rng.uniform(lo, hi)
    return f"{value:,.{decimals}f}" if decimals else f"{int(value):,}"


def _yuan(rng, ctx, big=False) -> str:
    r = rng.random()
    if big:
        amount, scale = (_num(rng, 1, 9, 2), "trillion") if r < 0.3 else (_num(rng, 100, 990), "billion")
    elif r < 0.4:
        amount, scale = _num(rng, 1, 300), "billion"
    elif r < 0.85:
        amount, scale = str(rng.randrange(50, 990)), "million"
    else:
        amount, scale = _num(rng, 1, 50, 2), "billion"
    style = rng.random()
    if style < 0.6:
        text = f"{amount} {scale} yuan"
    elif style < 0.8:
        text = f"RMB {amount} {scale}"
    elif style < 0.9:
        text = f"{amount} {scale} yuan (${_num(rng, 0.1, 40)} billion)"
    else:
        text = f"{amount} {scale} renminbi"
    return text


def _usd(rng, ctx) -> str:
    r = rng.random()
    amount = str(rng.randrange(20, 990)) + " million" if r < 0.6 else _num(rng, 1, 20) + " billion"
    style = rng.random()
    if style < 0.5:
        return f"${amount}"
    if style < 0.8:
        return f"US${amount}"
    return f"{amount} U.S. dollars"


def _money(rng, ctx) -> str:
    r = rng.random()
    if r < 0.5:
        return _yuan(rng, ctx)
    if r < 0.85:
        return _usd(rng, ctx)
    if r < 0.95:
        return f"HK${_num(rng, 1, 60)} billion"
    return f"\u20ac{rng.randrange(50, 900)} million"


def _person(rng, names) -> str:
    r = rng.random()
    if r < 0.35:
        return rng.choice(names["persons"])
    if r < 0.45:
        return rng.choice(base.PEOPLE)
    if r < 0.52:
        return rng.choice(WESTERN)
    return f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"


def _company(rng, names) -> str:
    r = rng.random()
    if r < 0.75:
        return rng.choice(names["companies"])[0]
    if r < 0.88:
        return rng.choice(base.COMPANIES)
    return rng.choice(FICTIONAL_COMPANIES)


def _model(rng, names) -> str:
    r = rng.random()
    if r < 0.7:
        return rng.choice(names["models"])[0]
    if r < 0.85:
        return rng.choice(base.MODELS)
    return f"{rng.choice(['Lumen', 'Vega', 'Aster', 'Kestrel', 'Orion', 'Tide', 'Jade', 'Nova'])}-{rng.randrange(2, 9)}"


def _date_ref(rng, ctx) -> str:
    p = ctx.published
    r = rng.random()
    if r < 0.4:
        return f"on {WEEKDAYS[p.weekday()]}" if rng.random() < 0.7 else f"on {WEEKDAYS[rng.randrange(5)]}"
    if r < 0.65:
        d = p - timedelta(days=rng.randrange(0, 6))
        return f"on {SHORT_MONTHS[d.month - 1]} {d.day}"
    if r < 0.75:
        return rng.choice(["last week", "earlier this month", "this week", "late last month"])
    if r < 0.85:
        d = p - timedelta(days=rng.randrange(0, 20))
        return f"on {MONTHS[d.month - 1]} {d.day}, {d.year}"
    return ""


def _period(rng, ctx) -> str:
    y = ctx.published.year
    r = rng.random()
    if r < 0.3:
        return f"in the {rng.choice(QUARTERS)} quarter"
    if r < 0.45:
        return f"in the {rng.choice(['first', 'second'])} half of {rng.choice([y, y - 1])}"
    if r < 0.6:
        return rng.choice(["last year", "this year", "in the past year", "over the past 12 months"])
    if r < 0.75:
        return f"in {rng.choice([y - 1, y])}"
    if r < 0.85:
        return f"in the three months to {rng.choice(['March 31', 'June 30', 'Sept. 30', 'Dec. 31'])}"
    return f"between {y - rng.randrange(2, 5)} and {y}"


def _by(rng, ctx) -> str:
    y = ctx.published.year
    r = rng.random()
    if r < 0.4:
        return f"by {y + rng.randrange(1, 11)}"
    if r < 0.6:
        return f"by the end of {y + rng.randrange(0, 3)}"
    if r < 0.8:
        return f"within {rng.randrange(2, 6)} years"
    return f"over the next {rng.choice([6, 12, 18, 24, 36])} months"


def _slots():
    def it(rng, ctx):
        r = rng.random()
        return ctx.co_alias if r < 0.45 else ("the company" if r < 0.8 else rng.choice(["the firm", "the group"]))

    y = lambda ctx: ctx.published.year  # noqa: E731
    return {
        "co": lambda rng, ctx: ctx.co if rng.random() < 0.6 else ctx.co_alias,
        "co2": lambda rng, ctx: _company(rng, ctx.names), "co3": lambda rng, ctx: _company(rng, ctx.names),
        "co4": lambda rng, ctx: _company(rng, ctx.names), "it": it,
        "model": lambda rng, ctx: ctx.model, "model2": lambda rng, ctx: _model(rng, ctx.names),
        "exec": lambda rng, ctx: ctx.exec, "exec_title": lambda rng, ctx: ctx.exec_title,
        "p2": lambda rng, ctx: _person(rng, ctx.names), "analyst": lambda rng, ctx: _person(rng, ctx.names),
        "official": lambda rng, ctx: _person(rng, ctx.names),
        "title2": lambda rng, ctx: rng.choice(OTHER_TITLES if rng.random() < 0.6 else EXEC_TITLES),
        "firm": lambda rng, ctx: rng.choice(FIRMS),
        "gov": lambda rng, ctx: rng.choice(ctx.names["gov"] or GOV_FALLBACK) if rng.random() < 0.6 else rng.choice(GOV_FALLBACK),
        "uni": lambda rng, ctx: rng.choice(ctx.names["unis"] or ["Tsinghua University"]),
        "city": lambda rng, ctx: rng.choice(CITIES), "province": lambda rng, ctx: rng.choice(PROVINCES),
        "month": lambda rng, ctx: rng.choice(MONTHS), "quarter": lambda rng, ctx: rng.choice(QUARTERS),
        "md": lambda rng, ctx: f"{rng.choice(SHORT_MONTHS)} {rng.randrange(1, 29)}",
        "past_year": lambda rng, ctx: str(y(ctx) - rng.randrange(2, 15)),
        "past_year2": lambda rng, ctx: str(y(ctx) - rng.randrange(1, 4)),
        "next_year": lambda rng, ctx: str(y(ctx) + 1), "fyear": lambda rng, ctx: str(y(ctx) + rng.randrange(1, 11)),
        "date_ref": _date_ref, "period": _period, "by": _by,
        "pct": lambda rng, ctx: str(rng.randrange(2, 96)), "pct_lo": lambda rng, ctx: str(rng.randrange(5, 55)),
        "pct2": lambda rng, ctx: str(rng.randrange(60, 99)),
        "pctd": lambda rng, ctx: _num(rng, 0.5, 95), "pp": lambda rng, ctx: _num(rng, 0.1, 6),
        "pct_small": lambda rng, ctx: _num(rng, 0.1, 3.5),
        "yuan": lambda rng, ctx: _yuan(rng, ctx), "yuan_big": lambda rng, ctx: _yuan(rng, ctx, big=True),
        "yuan_small": lambda rng, ctx: f"{rng.randrange(19, 99_000):,} yuan",
        "yuan_range": lambda rng, ctx: f"{rng.randrange(100, 500)} billion to {rng.randrange(500, 900)} billion yuan",
        "usd": _usd, "usd_b": lambda rng, ctx: f"${_num(rng, 0.5, 60)} billion", "money": _money,
        "hkd": lambda rng, ctx: f"HK${_num(rng, 5, 600, 2)}", "hkd_amount": lambda rng, ctx: f"HK${_num(rng, 0.2, 12, 2)} billion",
        "cents": lambda rng, ctx: str(rng.randrange(5, 95)),
        "n_k": lambda rng, ctx: f"{rng.randrange(1_000, 250_000):,}", "n_m": lambda rng, ctx: f"{_num(rng, 1, 400)} million",
        "n_small": lambda rng, ctx: str(rng.randrange(2, 40)), "mult": lambda rng, ctx: str(rng.randrange(2, 40)),
        "params": lambda rng, ctx: rng.choice(["7 billion", "14 billion", "32 billion", "70 billion", "235 billion",
                                                "671 billion", "1 trillion", f"{rng.randrange(3, 400)} billion"]),
        "ctx_tokens": lambda rng, ctx: rng.choice(["32,000", "128,000", "256,000", "1 million", "2 million"]),
        "tokens_t": lambda rng, ctx: f"{_num(rng, 0.5, 90)} trillion tokens",
        "price_tokens": lambda rng, ctx: f"{_num(rng, 0.1, 20, 2)} yuan per million tokens",
        "frac": lambda rng, ctx: rng.choice(base.FRACTIONS),
        "duration": lambda rng, ctx: rng.choice([f"{rng.randrange(2, 12)} months", f"{rng.randrange(3, 20)} weeks",
                                                  f"{rng.randrange(20, 90)} days"]),
        "nm": lambda rng, ctx: rng.choice(["5", "7", "12", "14", "28"]),
        "gpus": lambda rng, ctx: f"{rng.randrange(1, 50) * 1000:,}",
        "mem_gb": lambda rng, ctx: str(rng.choice([32, 48, 64, 96, 128, 144])),
        "pflops": lambda rng, ctx: f"{rng.randrange(100, 2000):,} petaflops" if rng.random() < 0.7 else f"{_num(rng, 1, 30)} exaflops",
        "eflops": lambda rng, ctx: f"{rng.randrange(100, 400)} EFLOPS",
        "gw": lambda rng, ctx: f"{rng.randrange(100, 990)}-megawatt" if rng.random() < 0.5 else f"{_num(rng, 1, 5)}-gigawatt",
        "kwh": lambda rng, ctx: f"{_num(rng, 0.2, 0.6, 2)} yuan",
        "sqm": lambda rng, ctx: f"{rng.randrange(20, 900) * 1000:,}",
        "km": lambda rng, ctx: f"{_num(rng, 1, 900)} million kilometres" if rng.random() < 0.6 else f"{rng.randrange(10_000, 900_000):,} km",
        "height": lambda rng, ctx: f"{_num(rng, 1.2, 1.9, 2)} metres", "kg": lambda rng, ctx: str(rng.randrange(25, 90)),
        "kg2": lambda rng, ctx: str(rng.randrange(5, 40)), "hours": lambda rng, ctx: str(rng.randrange(2, 9)),
        "age": lambda rng, ctx: str(rng.randrange(34, 66)),
    }


SLOTS = _slots()


def _render(parts: tuple, rng: random.Random, ctx: _Context, out: list[str]) -> None:
    for part in parts:
        if type(part) is str:
            out.append(part)
        elif type(part) is tuple:
            _render(part[rng.randrange(len(part))], rng, ctx, out)
        else:
            out.append(SLOTS[part[0]](rng, ctx))


def _say(parts: tuple, rng: random.Random, ctx: _Context) -> str:
    out: list[str] = []
    _render(parts, rng, ctx, out)
    text = "".join(out).replace("  ", " ").replace(" ,", ",").replace(" .", ".")
    return text[:1].upper() + text[1:]


def _zh_say(parts: tuple, rng: random.Random, ctx: _Context) -> str:
    fill = {"zc": lambda: rng.choice(ZH_COMPANIES), "zc2": lambda: rng.choice(ZH_COMPANIES),
            "zm": lambda: str(rng.randrange(1, 13)), "zn": lambda: str(rng.randrange(2, 9999)),
            "zp": lambda: str(rng.randrange(2, 96)), "zs": lambda: str(rng.randrange(1, 50)),
            "zcity": lambda: rng.choice(ZH_CITIES), "zy": lambda: str(ctx.published.year),
            "zfy": lambda: str(ctx.published.year + rng.randrange(1, 6)), "zq": lambda: rng.choice("一二三四"),
            "zperson": lambda: rng.choice(ZH_SURNAMES) + rng.choice(ZH_GIVEN)}
    return "".join(p if type(p) is str else fill[p[0]]() for p in parts)


def _length(rng: random.Random) -> int:
    r = rng.random() * sum(w for w, _, _ in LENGTHS)
    for weight, lo, hi in LENGTHS:
        if r < weight:
            return rng.randrange(lo, hi + 1)
        r -= weight
    return LENGTHS[-1][2]


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:48].rstrip("-") or "story"


def article(names: dict, seed: int, index: int) -> Article:
    """Document `index` of the corpus with this seed: the same arguments always give the same article."""
    rng = random.Random((seed << 24) ^ index)
    published = date(2023, 1, 1) + timedelta(days=rng.randrange(0, 1095))
    story = rng.choice(STORIES)
    if story in ("model_launch", "adoption") and rng.random() < 0.8:
        model, developer = rng.choice(names["models"])
        co = developer or _company(rng, names)
    else:
        co, model = _company(rng, names), _model(rng, names)
    aliases = next((a for n, a in names["companies"] if n == co), None) if rng.random() < 0.5 else None
    ctx = _Context(rng, names, published, co, rng.choice(aliases) if aliases else co, model,
                   _person(rng, names), rng.choice(EXEC_TITLES), rng.choice(CITIES))
    publisher = rng.choice(PUBLISHERS)
    agency = rng.choice(AGENCIES)
    target = _length(rng)
    if rng.random() < CHINESE_SHARE:
        title = _zh_say(rng.choice(C_ZH_TITLES), rng, ctx)
        paragraphs, chars = [], 0
        while chars < target * 2:
            para = "".join(_zh_say(rng.choice(C_ZH), rng, ctx) for _ in range(rng.randrange(2, 6)))
            paragraphs.append(para)
            chars += len(para)
        return Article(index, title, published, paragraphs, publisher, "zh",
                       f"https://news.example.cn/{published:%Y/%m}/{index}.html", chars // 2, agency, ctx.city)
    title = _say(rng.choice(C_HEADLINES[story]), rng, ctx)
    facts, others = C_FACTS[story], C_FACTS[rng.choice(STORIES)]
    paragraphs: list[str] = []
    words = 0
    lead = _say(rng.choice(facts), rng, ctx)
    paragraphs.append(lead)
    words += lead.count(" ") + 1
    since_subhead = 0
    while words < target:
        if target > 1200 and since_subhead > 6 and rng.random() < 0.25:
            paragraphs.append(rng.choice(SUBHEADS))
            since_subhead = 0
            continue
        sentences = []
        for _ in range(rng.choice((1, 1, 2, 2, 2, 3, 3, 4))):
            r = rng.random()
            if r < 0.42:
                sentences.append(_say(rng.choice(facts), rng, ctx))
            elif r < 0.52:
                sentences.append(_say(rng.choice(others), rng, ctx))
            elif r < 0.70:
                sentences.append(_say(rng.choice(C_NARRATIVE), rng, ctx))
            elif r < 0.84:
                sentences.append(_say(rng.choice(C_QUOTES), rng, ctx))
            elif r < 0.92:
                sentences.append(_say(rng.choice(C_BACKGROUND), rng, ctx))
            else:
                sentences.append(base._sentence(rng))
        para = " ".join(sentences)
        paragraphs.append(para)
        words += para.count(" ") + 1
        since_subhead += 1
    if rng.random() < 0.3:
        byline = f"(Reporting by {_person(rng, names)}; editing by {_person(rng, names)})"
        paragraphs.append(byline)
        words += 5
    url = f"https://{_slug(publisher)}.example.com/{published:%Y/%m/%d}/{_slug(title)}-{index}"
    return Article(index, title, published, paragraphs, publisher, "en", url, words, agency, ctx.city)


# ============================================================================ rendering
def _dateline(a: Article, rng: random.Random, with_year: bool) -> str:
    p = a.published
    when = f"{SHORT_MONTHS[p.month - 1]} {p.day}" + (f", {p.year}" if with_year else "")
    return f"{a.city.upper()}, {when} ({a.agency}) -- "


def body_text(a: Article, rng: random.Random, dateline: bool) -> str:
    """The body as plain text, paragraphs separated by a blank line (the form text and JSON Lines share)."""
    paragraphs = list(a.paragraphs)
    if dateline and a.language == "en":
        paragraphs[0] = _dateline(a, rng, with_year=rng.random() < 0.5) + paragraphs[0]
    return "\n\n".join(paragraphs)


def _encode(text: str, rng: random.Random, language: str) -> tuple[bytes, str]:
    r = rng.random()
    if language == "zh":
        if r < 0.35:
            return text.encode("gb18030"), "gb18030"
        return text.encode("utf-8"), "utf-8"
    if r < 0.05:
        return codecs.BOM_UTF8 + text.encode("utf-8"), "utf-8-bom"
    if r < 0.10:
        return text.replace("\n", "\r\n").encode("utf-8"), "utf-8-crlf"
    if r < 0.14:
        fancy = text.replace("'s ", "\u2019s ").replace(" -- ", " \u2014 ")
        return fancy.replace("\n", "\r\n").encode("cp1252", errors="replace"), "cp1252"
    if r < 0.16:
        return text.encode("utf-16"), "utf-16"
    return text.encode("utf-8"), "utf-8"


def render_seed_text(a: Article, rng: random.Random, title: str | None = None) -> tuple[bytes, str]:
    lead = " " if rng.random() < 0.7 else ""
    body = body_text(a, rng, dateline=rng.random() < 0.6)
    return _encode(f"{lead}date {a.published.isoformat()} {title or a.title}\n\n{body}\n", rng, a.language)


def render_plain_text(a: Article, rng: random.Random, title: str | None = None) -> tuple[bytes, str]:
    title = title or a.title
    r = rng.random()
    p = a.published
    if r < 0.4:
        text = f"{title}\n\n{MONTHS[p.month - 1]} {p.day}, {p.year}\n\n{body_text(a, rng, dateline=False)}\n"
    elif r < 0.8 and a.language == "en":
        paragraphs = list(a.paragraphs)
        paragraphs[0] = _dateline(a, rng, with_year=True) + paragraphs[0]
        text = f"{title}\n\n" + "\n\n".join(paragraphs) + "\n"
    else:  # no date anywhere: the publication date stays unknown
        text = f"{title}\n\n{body_text(a, rng, dateline=False)}\n"
    return _encode(text, rng, a.language)


def render_markdown(a: Article, rng: random.Random, title: str | None = None) -> bytes:
    title = title or a.title
    meta = [f"title: {json.dumps(title, ensure_ascii=False)}"]
    meta.append(f"date: {a.published.isoformat()}" if rng.random() < 0.6 else f'date: "{a.published.isoformat()}"')
    if rng.random() < 0.7:
        meta.append(f"url: {a.url}")
    if rng.random() < 0.8:
        meta.append(f"publisher: {a.publisher}")
    if rng.random() < 0.5:
        meta.append("language: " + rng.choice({"en": ["en", "English", "en-US"], "zh": ["zh", "zh-CN", "中文"]}[a.language]))
    if rng.random() < 0.3:
        meta.append("tags: [ai, china, " + rng.choice(["cloud", "chips", "models", "policy"]) + "]")
    lines = ["---", *meta, "---", ""]
    if rng.random() < 0.6:
        lines += [f"# {title}", ""]
    for i, para in enumerate(a.paragraphs):
        if para in SUBHEADS:
            lines += [f"## {para}", ""]
        elif i == 2 and rng.random() < 0.3:
            lines += [f"> {para}", ""]
        else:
            lines += [para, ""]
    if rng.random() < 0.3:
        lines += ["Key points:", "", f"- Publisher: {a.publisher}", f"- Words: about {a.words}", ""]
    return "\n".join(lines).encode("utf-8")


def render_html(a: Article, rng: random.Random, title: str | None = None, article_text: bool = True) -> bytes:
    title = title or a.title
    site = a.publisher
    nav = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in ("Home", "Tech", "Business", "Markets", "Opinion"))
    body = []
    for para in a.paragraphs:
        if para in SUBHEADS:
            body.append(f"<h2>{escape(para)}</h2>")
        else:
            body.append(f"<p>{escape(para)}</p>")
    if len(body) > 3 and rng.random() < 0.5:
        body.insert(2, f'<figure><img src="/img/{a.index}.jpg" alt=""><figcaption>{escape(a.city)}, '
                       f"{a.published.isoformat()}. (Photo: {escape(a.agency)})</figcaption></figure>")
    related = "".join(f'<li><a href="/story/{a.index + k}">More on AI and {t}</a></li>'
                      for k, t in enumerate(("chips", "cloud", "policy"), 1))
    wrapper = "article" if rng.random() < 0.7 else 'div class="story-body"'
    closing = wrapper.split()[0]
    main = (f"<{wrapper}><h1>{escape(title)}</h1><p class=\"byline\">By {escape(site)} staff | "
            f"{a.published.isoformat()}</p>{''.join(body)}</{closing}>") if article_text else (
        "<main><h1>Latest news</h1><ul>" + related + "</ul></main>")
    html = (
        "<!DOCTYPE html>\n<html lang=\"" + a.language + "\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{escape(title)} | {escape(site)}</title>\n"
        f'<meta property="og:title" content="{escape(title)}">\n'
        f'<meta property="og:site_name" content="{escape(site)}">\n'
        f'<meta property="article:published_time" content="{a.published.isoformat()}T{rng.randrange(6, 22):02d}:{rng.randrange(60):02d}:00+08:00">\n'
        f'<link rel="canonical" href="{escape(a.url)}">\n'
        "<style>body{font-family:sans-serif}.ad{display:none}</style>\n"
        "<script>window.dataLayer=window.dataLayer||[];function track(){dataLayer.push(arguments)}</script>\n"
        "</head>\n<body>\n"
        f'<header><div class="logo">{escape(site)}</div><nav><ul>{nav}</ul></nav></header>\n'
        '<div class="ad">Advertisement</div>\n'
        f"{main}\n"
        f'<aside><h3>Related</h3><ul>{related}</ul></aside>\n'
        f"<footer><p>&copy; {a.published.year} {escape(site)}. All rights reserved.</p>"
        '<p><a href="/privacy">Privacy</a> | <a href="/terms">Terms</a></p></footer>\n'
        "</body>\n</html>\n")
    return html.encode("utf-8")


def jsonl_record(a: Article, rng: random.Random, style: int, text: str | None = None, title: str | None = None) -> str:
    text = text if text is not None else body_text(a, rng, dateline=rng.random() < 0.4)
    title = title or a.title
    if style == 0:
        record = {"title": title, "date": a.published.isoformat(), "text": text, "url": a.url, "publisher": a.publisher}
    elif style == 1:
        record = {"headline": title, "published_at": f"{a.published.isoformat()}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00+08:00",
                  "content": text, "link": a.url, "source": {"name": a.publisher}, "lang": a.language}
    else:
        record = {"id": f"doc-{a.index}", "title": title, "body": text, "date": a.published.isoformat(),
                  "language": {"en": "English", "zh": "zh-CN"}[a.language], "tags": ["ai"]}
    return json.dumps(record, ensure_ascii=style == 2)


def _rfc822(d: date, rng: random.Random) -> str:
    return f"{WEEKDAYS[d.weekday()][:3]}, {d.day:02d} {MONTHS[d.month - 1][:3]} {d.year} {rng.randrange(24):02d}:{rng.randrange(60):02d}:00 +0800"


def feed_entry(a: Article, rng: random.Random, atom: bool, teaser_only: bool = False, title: str | None = None) -> str:
    title = title or a.title
    html = "".join(f"<h2>{escape(p)}</h2>" if p in SUBHEADS else f"<p>{escape(p)}</p>" for p in a.paragraphs)
    teaser = escape(" ".join(a.paragraphs[0].split()[:25]) + " ...")
    if atom:
        content = "" if teaser_only else f'<content type="html">{escape(html)}</content>'
        return (f"<entry><title>{escape(title)}</title><link href=\"{escape(a.url)}\"/><id>{escape(a.url)}</id>"
                f"<published>{a.published.isoformat()}T08:00:00+08:00</published>"
                f"<updated>{a.published.isoformat()}T09:30:00+08:00</updated><summary>{teaser}</summary>{content}</entry>")
    content = "" if teaser_only else f"<content:encoded><![CDATA[{html}]]></content:encoded>"
    return (f"<item><title>{escape(title)}</title><link>{escape(a.url)}</link><guid>{escape(a.url)}</guid>"
            f"<pubDate>{_rfc822(a.published, rng)}</pubDate><description>{teaser}</description>{content}</item>")


def feed_file(entries: list[str], atom: bool, publisher: str, language: str) -> bytes:
    if atom:
        return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
                f"<title>{escape(publisher)}</title><id>https://{_slug(publisher)}.example.com/</id>"
                "<updated>2025-01-01T00:00:00Z</updated>\n" + "\n".join(entries) + "\n</feed>\n").encode("utf-8")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>{escape(publisher)}</title><link>https://{_slug(publisher)}.example.com/</link>"
            f"<language>{language}</language><description>AI and technology news</description>\n"
            + "\n".join(entries) + "\n</channel></rss>\n").encode("utf-8")


# ============================================================================ near duplicates and bad inputs
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def near_copy(a: Article, rng: random.Random) -> Article:
    """A republication: another headline and outlet, a figure or two updated, an editor's line added.

    Word 5-gram Jaccard with the original stays near 0.9 (sources have at least 250 words)."""
    paragraphs = list(a.paragraphs)
    for _ in range(1 + a.words // 400):
        i = rng.randrange(len(paragraphs))
        matches = list(_NUMBER.finditer(paragraphs[i]))
        if matches:
            m = rng.choice(matches)
            paragraphs[i] = paragraphs[i][:m.start()] + str(rng.randrange(2, 99)) + paragraphs[i][m.end():]
    paragraphs.append(rng.choice(["This story has been updated with comments from analysts.",
                                  "An earlier version of this story misstated a figure.",
                                  "Additional reporting by the business desk."]))
    prefix = rng.choice(["UPDATE 1-", "Corrected: ", "", "Analysis: "])
    return Article(a.index, prefix + a.title, a.published + timedelta(days=rng.randrange(0, 2)), paragraphs,
                   rng.choice(PUBLISHERS), a.language, a.url.replace(".example.com", "-mirror.example.com"),
                   a.words + 8, a.agency, a.city)


def bad_file(kind: str, rng: random.Random, a: Article) -> tuple[str, bytes]:
    """(extension, bytes) of a bad single-file input."""
    if kind == "binary":
        junk = bytes(rng.getrandbits(8) for _ in range(rng.randrange(200, 4000)))
        ext, magic = rng.choice([(".pdf", b"%PDF-1.7\n"), (".jpg", b"\xff\xd8\xff\xe0"), (".txt", b"\x00\x01\x02"),
                                 (".html", b"\x89PNG\r\n\x1a\n"), (".docx", b"PK\x03\x04")])
        return ext, magic + junk
    if kind == "empty":
        return rng.choice([".txt", ".md", ".html", ".jsonl"]), rng.choice([b"", b"\n", b"  \n\n", b"\r\n"])
    if kind == "damaged_utf8":
        # Text saved as UTF-8 (curly quotes, dashes) with a byte or two corrupted in transfer.
        paragraphs = [p.replace("'", "\u2019").replace(" -- ", " \u2014 ") for p in a.paragraphs[:3]]
        text = (f"{a.title} \u2014 {a.publisher}\n\n" + "\n\n".join(paragraphs)
                + f"\n\n\u00a9 {a.published.year} {a.publisher} \u2014 \u201cAll rights reserved\u201d \u2022 Privacy\n")
        data = bytearray(text.encode("utf-8"))
        spots = [k for k in range(len(data) // 3, len(data)) if data[k] < 0x80 and data[k - 1] < 0x80]
        for k in sorted(rng.sample(spots, 1 + (rng.random() < 0.3)), reverse=True):
            data.insert(k, 0xFF)
        return ".txt", bytes(data)
    if kind == "unsupported":
        ext = rng.choice([".csv", ".rtf", ".log", ".pages"])
        if ext == ".csv":
            return ext, ("company,quarter,revenue\n" + "\n".join(f"{_slug(a.title)[:10]},{q},{rng.randrange(1, 900)}"
                                                                  for q in range(1, 5)) + "\n").encode()
        if ext == ".rtf":
            return ext, ("{\\rtf1\\ansi\\deff0\n{\\fonttbl {\\f0 Times;}}\n\\f0\\fs24 " + a.title + "\\par\n"
                         + a.paragraphs[0] + "\\par\n}\n").encode("utf-8")
        return ext, (a.title + "\n\n" + a.paragraphs[0] + "\n").encode("utf-8")
    if kind == "no_article_html":
        return ".html", render_html(a, rng, article_text=False)
    if kind == "bad_header":
        bad = rng.choice(["2025-02-30", "2024-13-01", "yesterday", "2025/03/04"])
        return ".txt", f" date {bad} {a.title}\n\n{a.paragraphs[0]}\n".encode("utf-8")
    raise ValueError(kind)


def _bad_jsonl_line(kind: str, a: Article, rng: random.Random) -> str:
    line = jsonl_record(a, rng, 0)
    if kind == "bad_json_line":
        return line[: rng.randrange(20, max(21, len(line) // 2))]
    return line.replace(f'"date": "{a.published.isoformat()}"', f'"date": "{a.published:%m/%d/%Y}"')


# ============================================================================ the corpus
def _pick(rng: random.Random, weights: dict):
    keys = list(weights)
    values = [w[0] if isinstance(w, tuple) else w for w in weights.values()]
    return rng.choices(keys, values)[0]


class _Writer:
    def __init__(self, root: Path):
        self.root = root
        self.files = 0
        self.bytes = 0
        self.folders: set[Path] = set()

    def write(self, stem: str, ext: str, data: bytes) -> str:
        folder = self.root / f"{self.files // FILES_PER_FOLDER:04d}"
        if folder not in self.folders:
            folder.mkdir(parents=True, exist_ok=True)
            self.folders.add(folder)
        name = f"{self.files:07d}-{stem}{ext}"
        (folder / name).write_bytes(data)
        self.files += 1
        self.bytes += len(data)
        return name


def write_corpus(out: Path, n: int, seed: int = DEFAULT_SEED, *, batch: str | None = None, noise: bool = True) -> dict:
    """Write n input items (documents, duplicates and bad inputs) under out/documents/ and return the counts.

    `batch` writes under out/documents/<batch>/ instead (to add documents to an existing seeds folder);
    `noise=False` writes original documents only (no duplicates, no bad inputs). The folder written must not
    exist yet or be empty.
    """
    started = time.perf_counter()
    out = Path(out)
    root = out / "documents" / batch if batch else out / "documents"
    if root.exists() and any(root.iterdir()):
        raise FileExistsError(f"{root} is not empty; write the corpus into a new folder")
    root.mkdir(parents=True, exist_ok=True)
    names = _registry()
    plan = random.Random(seed * 2 + 1)
    writer = _Writer(root)
    counts: dict[str, int] = {}

    def count(key: str, k: int = 1) -> None:
        counts[key] = counts.get(key, 0) + k

    # Sources for duplicates: original documents already in a written file, so every copy comes later in path
    # order than its original (a JSON Lines or feed original waits in `pending` until its file is written).
    originals: list[tuple[int, str]] = []  # (article index, format)
    long_enough: list[int] = []  # positions in `originals` with at least 250 words (near-duplicate sources)
    pending: dict[str, list[tuple[int, str, bool]]] = {"jsonl": [], "rss": [], "atom": []}
    original_count = 0

    def register(entries: list[tuple[int, str, bool]]) -> None:
        for index, fmt, long in entries:
            originals.append((index, fmt))
            if long:
                long_enough.append(len(originals) - 1)
        entries.clear()
    jsonl_lines: list[str] = []
    jsonl_target = plan.randrange(100, 401)
    feeds: dict[bool, list[str]] = {False: [], True: []}
    feed_target = {False: plan.randrange(20, 61), True: plan.randrange(20, 61)}
    words = 0
    expected_reasons: dict[str, int] = {}

    def flush_jsonl(force: bool = False) -> None:
        nonlocal jsonl_target
        if jsonl_lines and (force or len(jsonl_lines) >= jsonl_target):
            writer.write(f"export-{writer.files:07d}", ".jsonl", ("\n".join(jsonl_lines) + "\n").encode("utf-8"))
            register(pending["jsonl"])
            jsonl_lines.clear()
            jsonl_target = plan.randrange(100, 401)

    def flush_feed(atom: bool, force: bool = False) -> None:
        entries = feeds[atom]
        if entries and (force or len(entries) >= feed_target[atom]):
            data = feed_file(entries, atom, plan.choice(PUBLISHERS), "en")
            writer.write(f"{'atom' if atom else 'rss'}-{writer.files:07d}", ".xml", data)
            register(pending["atom" if atom else "rss"])
            entries.clear()
            feed_target[atom] = plan.randrange(20, 61)

    def emit(a: Article, fmt: str, rng: random.Random, title: str | None = None,
             source: tuple[int, str, bool] | None = None) -> None:
        """Write (or buffer) one item; `source` registers an original as a source for later copies."""
        if source is not None and fmt not in ("jsonl", "feed"):
            register([source])
        if fmt == "seed_text":
            data, enc = render_seed_text(a, rng, title)
            count(f"encoding_{enc}")
            writer.write(_slug(title or a.title), ".txt", data)
        elif fmt == "plain_text":
            data, enc = render_plain_text(a, rng, title)
            count(f"encoding_{enc}")
            writer.write(_slug(title or a.title), ".txt", data)
        elif fmt == "markdown":
            writer.write(_slug(title or a.title), ".md", render_markdown(a, rng, title))
        elif fmt == "html":
            writer.write(_slug(title or a.title), ".html", render_html(a, rng, title))
        elif fmt == "jsonl":
            jsonl_lines.append(jsonl_record(a, rng, rng.randrange(3), title=title))
            if source is not None:
                pending["jsonl"].append(source)
            flush_jsonl()
        else:
            atom = rng.random() < 0.3
            feeds[atom].append(feed_entry(a, rng, atom, title=title))
            if source is not None:
                pending["atom" if atom else "rss"].append(source)
            flush_feed(atom)

    for i in range(n):
        r = plan.random()
        rng = random.Random((seed << 24) ^ (i + (1 << 23)))  # rendering choices of this item
        if noise and r < BAD_INPUTS:
            kind = _pick(plan, BAD_KINDS)
            a = article(names, seed, i)
            count(f"bad_{kind}")
            reason = BAD_KINDS[kind][1]
            expected_reasons[reason] = expected_reasons.get(reason, 0) + 1
            if kind in ("bad_json_line", "bad_date_line"):
                jsonl_lines.append(_bad_jsonl_line(kind, a, rng))
                flush_jsonl()
            elif kind == "teaser_entry":
                atom = rng.random() < 0.3
                feeds[atom].append(feed_entry(a, rng, atom, teaser_only=True))
                flush_feed(atom)
            else:
                ext, data = bad_file(kind, rng, a)
                writer.write(f"{'upload' if kind != 'unsupported' else 'export'}-{i}", ext, data)
            continue
        if noise and r < BAD_INPUTS + EXACT_DUPLICATES and originals:
            index, fmt = originals[plan.randrange(len(originals))]
            # Replaying the original's rendering choices gives the same body: the same file saved twice, the
            # same record in two exports, or (half the time) the same story under another headline.
            source_rng = random.Random((seed << 24) ^ (index + (1 << 23)))
            a = article(names, seed, index)
            count("exact_duplicate")
            expected_reasons["duplicate"] = expected_reasons.get("duplicate", 0) + 1
            retitled = rng.random() < 0.5
            count("exact_duplicate_retitled" if retitled else "exact_duplicate_copy")
            emit(a, fmt, source_rng, rng.choice(["Update: ", "Re: ", "Explainer: "]) + a.title if retitled else None)
            continue
        if noise and r < BAD_INPUTS + EXACT_DUPLICATES + NEAR_DUPLICATES and long_enough:
            index, fmt = originals[long_enough[plan.randrange(len(long_enough))]]
            copy = near_copy(article(names, seed, index), rng)
            fmt = rng.choice(["seed_text", "html", "jsonl", "markdown", fmt])
            if copy.language == "zh" and fmt == "html":
                fmt = "seed_text"
            count("near_duplicate")
            expected_reasons["near_duplicate"] = expected_reasons.get("near_duplicate", 0) + 1
            emit(copy, fmt, rng)
            continue
        a = article(names, seed, i)
        fmt = _pick(plan, FORMATS)
        if a.language == "zh" and fmt in ("html", "feed"):
            fmt = "jsonl"
        if fmt in ("feed", "html") and a.words < 80:
            fmt = "seed_text"  # a page or an entry this short is rejected as having no article
        emit(a, fmt, rng, source=(i, fmt, a.words >= 250 and a.language == "en"))
        count(fmt)
        count(f"language_{a.language}")
        words += a.words
        original_count += 1
    flush_jsonl(force=True)
    flush_feed(False, force=True)
    flush_feed(True, force=True)
    counts = dict(sorted(counts.items()))
    result = {
        "documents_requested": n, "seed": seed, "batch": batch, "noise": noise,
        "original_documents": original_count,
        "expected_documents": original_count,
        "expected_rejected": sum(expected_reasons.values()),
        "expected_rejections_by_reason": dict(sorted(expected_reasons.items())),
        "words": words, "files": writer.files, "folders": len(writer.folders), "bytes": writer.bytes,
        "kinds": counts,
        "registry_sha256": hashlib.sha256(REGISTRY.read_bytes()).hexdigest(),
        "seconds": round(time.perf_counter() - started, 2),
    }
    manifest = out / (f"corpus-{batch}.json" if batch else "corpus.json")
    manifest.write_text(json.dumps({k: v for k, v in result.items() if k != "seconds"}, indent=2) + "\n",
                        encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, required=True, help="input items to write (documents, copies, bad inputs)")
    ap.add_argument("--out", type=Path, required=True, help="the seeds folder to write (documents/ goes inside)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--batch", help="write under documents/BATCH/ (to add documents to an existing seeds folder)")
    ap.add_argument("--clean", action="store_true", help="original documents only: no duplicates, no bad inputs")
    args = ap.parse_args(argv)
    try:
        result = write_corpus(args.out, args.documents, args.seed, batch=args.batch, noise=not args.clean)
    except FileExistsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
