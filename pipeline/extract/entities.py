"""Entity mentions: registry look-up plus discovery of names the registry lacks.

Belongs here: finding the spans that name organisations, AI models, products
and people in one document, and grouping a document's surface forms into
entities (aliases, abbreviations, short forms, surnames). Linking across the
corpus lives in `facts`.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

from pipeline.extract.registry import Registry, slugify

def _trie_pattern(words: list[str]) -> str:
    """One regex alternation as a prefix tree, so look-up cost does not grow with the registry."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches, optional = [], False
        for ch in sorted(node):
            if ch == "":
                optional = True
                continue
            branches.append(re.escape(ch) + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if optional:
            body = "(?:" + body + ")?"
        return body

    return emit(trie)


EXTRACTOR = "entities"
VERSION = "1.2.0"

# ---------------------------------------------------------------- word lists
# Last words that make a capitalised phrase an organisation's name.
ORG_SUFFIXES = frozenset(
    """
    Group Holding Holdings Technology Technologies Tech Corp Corporation Co Company Inc Ltd Limited
    Capital Securities Research Insight Insights Advisory Management Partners Ventures Investment Investments
    Bank University Institute Academy Laboratory Lab Labs Administration Commission Council Ministry
    Department Bureau Agency Association Federation Forum Hospital Center Centre Port Exchange Park Organization Organisation
    Robotics Semiconductor Semiconductors Electronics Motor Motors Materials Media Network Networks
    Energy Power Mining Intelligence Cloud Data Analytics Consulting Consultancy Fund Foundation Society
    Office Court Committee Alliance Industries Industrial Systems Solutions Software Microelectronics
    Circuits Pharmaceutical Pharma Medical Healthcare Health Telecom Communications Mobile Unicom Studio Studios
    Grid Airlines Auto Automotive Vehicles Logistics Exchange Platform Operations Dynamics Authority
    High-Tech Hi-Tech Biotech Therapeutics Pharmaceuticals Brokerage Consultants Advisors Asia AI MedTech Medtech
    """.split()
)
# Short corporate suffixes dropped to make a short-form alias ("Moore Threads Technology" -> "Moore Threads").
DROPPABLE_SUFFIXES = frozenset(
    "Group Holding Holdings Technology Technologies Tech Corp Corporation Co Company Inc Ltd Limited Robotics "
    "Lab Labs AI Intelligence Semiconductor Microelectronics Dynamics".split()
)
# Adjectives that make "X AI" or "X Group" a description, not a name ("Chinese AI", "Global Tech").
GENERIC_QUALIFIERS = frozenset(
    "Chinese American Global Generative Artificial Domestic Foreign Open Conversational Physical Embodied Agentic "
    "Industrial Enterprise Consumer Medical Financial National Provincial Municipal Local Western Asian European".split()
)
CONNECTORS = frozenset({"of", "and", "for", "&", "the", "on", "in"})
# Capitalised words that start sentences or describe rather than name.
NOT_NAME_WORDS = frozenset(
    """
    The A An This That These Those Its It Their His Her Our We They He She I In On At By For From With Since
    As And But Or If When While After Before Under Over Among Between Into Through During Without Within
    Chinese China's Domestic Foreign Global International Local National State Rival Rivals Shares Officials
    According Analysts Investors Existing Industry-specific Meanwhile However Still Yet Also Despite Including
    Looking Speaking Founded Leveraging Traditional Power One Two Three Some Many Most More Several Other
    Beijing-based Shanghai-based Shenzhen-based Hangzhou-based Hong Kong-based Taiyuan-based Chief Senior
    Deputy Vice Former Executive Mr Ms Dr Professor President Premier Minister Director Manager Head Founder
    New Last Next Every Each All Both Such Not No Only Now Then Here There Why How What Who Where
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    """.split()
)
# Places are not entities (guidelines: countries, cities, provinces, regions).
PLACES = frozenset(
    """
    China Beijing Shanghai Shenzhen Guangzhou Hangzhou Macao Macau Taiwan Tianjin Chongqing Chengdu Wuhan
    Nanjing Suzhou Xi'an Hefei Jinan Qingdao Xiamen Ningbo Dalian Shenyang Harbin Changsha Zhengzhou Kunming
    Guiyang Nanning Fuzhou Urumqi Lhasa Lanzhou Yinchuan Xining Hohhot Taiyuan Shijiazhuang Nanchang Haikou
    Zhongwei Heze Dongguan Foshan Zhuhai Wuxi Guangdong Zhejiang Jiangsu Shandong Sichuan Hubei Hunan Henan
    Hebei Fujian Anhui Jiangxi Yunnan Guizhou Shanxi Shaanxi Gansu Qinghai Hainan Jilin Liaoning Heilongjiang
    Xinjiang Tibet Ningxia Guangxi Mongolia Yangshan Pudong Zhongguancun Asia Europe Africa America
    Americas U.S. US USA Britain UK U.K. Japan Korea India Germany France Singapore
    Russia Canada Australia Brazil Italy Spain Netherlands Switzerland Israel Vietnam Thailand Malaysia
    Indonesia Philippines UAE Dubai Washington Tokyo Seoul London Paris East West Southeast
    """.split()
)
MULTIWORD_PLACES = ("Hong Kong", "Inner Mongolia", "Saudi Arabia", "Silicon Valley", "Middle East", "United States",
                    "South Korea", "North Korea", "New York", "South China", "North China", "East China")


def is_place(text: str) -> bool:
    return text in PLACES or text in MULTIWORD_PLACES


# Words after a capitalised token that mark a model's variant ("Gemini 2.5 Flash Image", "Doubao 1.5 thinking").
MODEL_VARIANT_WORDS = frozenset(
    "Pro Max Turbo Flash Thinking Lite Mini Plus Ultra Vision Image Video Instruct Preview Coder Omni Chat "
    "Reasoner Air Nano Distill Speed".split()
)
# Tier words that news copy sometimes writes in lower case ("Doubao 1.5 thinking"); generic nouns are not among them.
MODEL_TIER_WORDS = frozenset("pro max turbo flash thinking lite mini plus ultra".split())
# Titles that introduce a person ("chief analyst Fang Ruoxi"); the roles module shares them.
TITLE_HEADS = (
    "chairman", "chairwoman", "chair", "president", "vice president", "chief executive", "chief executive officer",
    "ceo", "cto", "cfo", "coo", "chief technology officer", "chief financial officer", "chief operating officer",
    "chief scientist", "founder", "co-founder", "cofounder", "head", "director", "general manager", "manager",
    "minister", "vice minister", "deputy minister", "secretary", "secretary-general", "spokesperson", "spokesman",
    "spokeswoman", "analyst", "economist", "strategist", "researcher", "scientist", "engineer", "professor",
    "partner", "managing director", "fund manager", "dean", "governor", "mayor", "commissioner", "administrator",
    "chief", "lead", "leader", "officer", "executive", "adviser", "advisor", "consultant", "official",
    "vice chairman", "board chairman", "principal", "investor", "designer", "developer", "architect",
    "product manager", "vice-president", "deputy director", "deputy head", "deputy general manager",
    "chief economist", "chief analyst", "senior analyst", "research director", "portfolio manager",
    "vice-chairman", "vice-chair", "co-chief executive", "chief information officer", "chief marketing officer",
    "chief strategy officer", "chief investment officer", "chief data officer", "chief ai officer",
    "product director", "general counsel", "president and chief executive", "trustee", "board member",
    # Academic, medical and public-service titles that real news puts beside a name.
    "academician", "physician", "chief physician", "surgeon", "dean", "executive dean", "vice dean",
    "secretary general", "vice-minister", "vice-governor", "vice-mayor", "chief engineer", "chief designer",
    "senior director", "senior manager", "assistant professor", "associate professor", "research fellow",
    "fellow", "editor", "editor-in-chief", "chief editor", "deputy editor", "correspondent", "specialist",
    "technician", "supervisor", "coordinator", "team leader", "project leader", "lead scientist",
    "premier", "vice premier", "state councilor", "state councillor", "ambassador", "deputy governor",
)
ACRONYM_TITLES = frozenset("ceo cto cfo coo".split())


def _acronyms_upper(title: str) -> str:
    """ "ceo" -> "CEO", "president and ceo" -> "President and CEO": acronyms stand in capitals before a name."""
    return " ".join(w.upper() if w in ACRONYM_TITLES else w[0].upper() + w[1:] for w in title.split())


# One prefix-tree alternation: a long list of titles stays fast to search.
TITLE_ALT = _trie_pattern(list(TITLE_HEADS))
# Titles as they stand before a name: "chief executive", "Chief executive", "Chief Executive Officer".
TITLE_ALT_ANY_CASE = _trie_pattern(sorted({v for t in TITLE_HEADS
                                          for v in (t, t[0].upper() + t[1:], t.title(), _acronyms_upper(t))}))

CHINESE_SURNAMES_LIST = """
    Li Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie Song Tang
    Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Yu Jiang Cai Jia Ding Wei Xue Ye Yan Lu Du Dai Xia Zhong
    Wan Qian Tan Ren Lei Fan Fang Shi Yao Liao Zou Xiong Jin Hao Kong Bai Cui Kang Mao Qiu Qin Gu Hou Shao Meng
    Long Duan Qian Yin Yi Chang Wen Niu Gai Ni Ke Fu Lai Bao Mo Ge Xing Qi Zhan Ou Yue Hong Qiao Shen Su Lyu Lou
    """.split()
# Compound adjectives after a name still name the entity ("Nasdaq-style", "Tencent-backed", "Spark-based").
_COMPOUND = r"(?:style|listed|based|backed|owned|led|made|designed|developed|built|powered|like|linked|affiliated|funded|controlled|run|branded|class|series)\b"
_NAME_TOKEN = re.compile(r"[A-Z][\w]*(?:[-.][\w]+)*\.?|&|of|and|for|the|on|in", re.UNICODE)
_PERSON = r"[A-Z][a-z]+(?:-[a-z]+)?(?: [A-Z][a-z]+(?:-[a-z]+)?){1,2}"
# Verbs of attribution that stand before or after a speaker's name ("noted Liu Fang", "Liu Fang explained").
SPEECH_VERBS = ("said", "says", "told", "added", "wrote", "noted", "notes", "remarked", "explained", "explains",
                "commented", "stressed", "observed", "emphasized", "emphasised", "pointed out", "recalled", "warned",
                "argued", "continued", "acknowledged", "insisted", "cautioned", "predicted", "estimated", "expects",
                "believes", "concluded", "announced", "revealed", "disclosed", "highlighted", "suggested", "agreed")
_SPEECH_ALT = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
# After a name, verbs that companies use too ("Sun Life announced") do not make the name a person's.
_PERSONAL_SPEECH_ALT = "|".join(sorted(set(SPEECH_VERBS) - {"announced", "revealed", "disclosed", "highlighted",
                                                            "predicted", "suggested", "agreed", "concluded"},
                                       key=len, reverse=True))
_PERSON_CUES = [
    re.compile(r"\b(?:[Ss]aid|[Aa]ccording to|" + _SPEECH_ALT + r")\s+(" + _PERSON + r")(?=,|\.|\s+(?:in|on|at|of|from|with)\b)"),
    re.compile(r"(?:^|[.\"\u201d]\s|\n)(" + _PERSON + r"),\s+(?:a |an |the )?(?:[\w'\u2019-]+ ){0,4}(?:"
               + TITLE_ALT_ANY_CASE + r")\b"),
    re.compile(r"\b(" + _PERSON + r")\s+(?:" + _PERSONAL_SPEECH_ALT + r")\b"),
    # "..., Lu Ming, secretary general of the centre, said": a name in apposition inside a sentence.
    _MID_APPOSITION := re.compile(r",\s+(" + _PERSON + r"),\s+(?:a |an |the )?(?:[\w'\u2019-]+ ){0,4}(?:" + TITLE_ALT_ANY_CASE + r")\b"),
    # "founded in 2015 by Yu Kai, who ...", "set up by Lin Bo and ...": a founder named after "by".
    re.compile(r"\b(?:[Ff]ounded|[Cc]o-founded|[Ss]et up|[Ee]stablished)\b[^.;]{0,40}?\bby\s+(" + _PERSON
               + r")(?=,|\s+(?:and|in|who)\b|\s+[\u2013\u2014-]\s)"),
    # "Wu Lan made the announcement": a sentence opened by a Chinese name and a verb of speech or action.
    _SURNAME_AND_VERB := re.compile(r"(?:^|[.!?]\s+|\n)((?:" + "|".join(sorted(CHINESE_SURNAMES_LIST, key=len, reverse=True))
               + r") [A-Z][a-z]+(?:-[a-z]+)?)\s+(?:made|gave|announced|unveiled|presented|revealed|disclosed|spoke)\b"),
    # "Qin Hao of the Guangxi Health Commission said": a Chinese name opening a sentence, then "of" and a name.
    _NAME_OF_BODY := re.compile(r"(?:^|[.!?\"\u201d]\s+|\n)((?:" + "|".join(sorted(CHINESE_SURNAMES_LIST, key=len, reverse=True))
                                + r") [A-Z][a-z]+(?:-[a-z]+)?) (?:of|from) (?:the )?[A-Z]"),
    # "a woman surnamed Ye": the surname alone names the person.
    re.compile(r"\bsurnamed\s+((?:" + "|".join(sorted(CHINESE_SURNAMES_LIST, key=len, reverse=True))
               + r"))(?=[,.;]|\s+[a-z])"),
    re.compile(r"\b(?:by|from|with|and)\s+(" + _PERSON + r"),\s+(?:a |an |the )?(?:[\w'\u2019-]+ ){0,4}"
               + r"(?:" + TITLE_ALT + r")\b"),
    # "Yunxi's chief financial officer, Peng Lixia, said"
    re.compile(r"\b(?:" + TITLE_ALT + r"),\s+(" + _PERSON + r"),"),
    # "Vice Minister of Industry and Information Technology Qiao Yunfei", "Chief Engineer of the Ministry of ...
    # Zhao Min": after a title and the body it belongs to, the name starts with a surname.
    re.compile(r"\b(?:[Mm]inister|" + TITLE_ALT_ANY_CASE + r") of (?:the )?(?:[A-Z][a-z]+ (?:and |of |for )?){1,7}?((?:"
               + "|".join(sorted(CHINESE_SURNAMES_LIST, key=len, reverse=True)) + r") [A-Z][a-z]+)\b(?! [A-Z])"),
    re.compile(r"\b(?:" + TITLE_ALT_ANY_CASE
               + r")\s+(" + _PERSON + r")\b(?!\s+(?:Group|Technologies|Technology|Capital|Research))"),
    # "Zhou Jing, 27, who ...": a name followed by an age.
    re.compile(r"(?<![\w-])(" + _PERSON + r"),\s+\d{2},\s+(?:a|an|the|who)\b"),
    # "X, who heads Y": a name followed by a clause about the job.
    # "X, who heads Y", "X, 52, who started ...": "who" follows people, "which" organisations.
    re.compile(r"\b(" + _PERSON + r"),\s+(?:\d{2},\s+)?who\b"),
]
# Common Chinese surnames: a two- or three-word name that starts with one is family-name first.
CHINESE_SURNAMES = frozenset(CHINESE_SURNAMES_LIST)
# Cues loose enough to catch a company ("Sun Life announced", "Lumen Vision, a chip designer"): Chinese names only.
_CHINESE_NAME_ONLY = (_SURNAME_AND_VERB, _MID_APPOSITION, _NAME_OF_BODY)

PERSON_STOP = NOT_NAME_WORDS - CHINESE_SURNAMES
# One syllable of Hanyu Pinyin, loosely: an initial and a final ("Yan", "hong", "Xiao", "chuan").
_PINYIN_SYLLABLE = (r"(?:(?:zh|ch|sh|[dtnlgkhjqxrzcsyw])(?:iang|iong|uang|ang|eng|ing|ong|uai|iao|ian|uan|ai|ei|ao|ou|an|en|in|un|"
                    r"ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)|[bpmf](?:iang|ang|eng|ing|iao|ian|ai|ei|ao|ou|an|en|in|ie|a|o|i|u)"
                    r"|m(?:e|iu)|(?:a|o|e|ai|ei|ao|ou|an|en|ang|eng|er))")
_PINYIN_NAME = re.compile(r"(?:" + _PINYIN_SYLLABLE + r"){1,3}(?:-(?:" + _PINYIN_SYLLABLE + r"){1,2})?", re.IGNORECASE)


def is_chinese_name(words: list[str]) -> bool:
    """A surname and a given name in Pinyin: "Ma Jun", "Li Yanhong"; not "Sun Life" or "Lumen Vision".

    >>> is_chinese_name(["Ma", "Jun"]), is_chinese_name(["Sun", "Life"])
    (True, False)
    """
    return len(words) == 2 and words[0] in CHINESE_SURNAMES and bool(_PINYIN_NAME.fullmatch(words[1]))
NOT_PERSON_WORDS = frozenset("Index Market Board Exchange Plan Conference Expo Games Forum Summit Award".split())
# Descriptive words that may precede an organisation's name but are not part of it.
ORG_LEADING_NOISE = frozenset(
    """
    The A An This That These Those Its It Their His Her Our We They He She I In On At By For From With Since
    As And But Or If When While After Before Under Over Among Between Into Through During Without Within
    Rival Rivals Shares Officials According Analysts Investors Existing Meanwhile However Still Yet Also Despite
    Including Speaking Founded Leveraging Both Each All Such Only Now Then Here There Unlike Like
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    """.split()
)
INSTITUTION_HEADS = frozenset(
    "Ministry University Bank Academy Institute Bureau Department Office Court Council Commission Center Centre "
    "Association Federation Foundation Society Alliance School College Laboratory Agency Administration".split())
INSTITUTION_SUFFIXES = frozenset("University Institute Academy Hospital Laboratory Lab Port".split())
_PHOTO_CREDIT = re.compile(r"\((?:[A-Z][\w ]+)/(?:[A-Z][\w. -]+)\)")
_AFTER_TITLE = re.compile(
    r"\b(?:" + TITLE_ALT + r")\s+(?:at|of|with|for)\s+"
    r"(?:the\s+)?(?:(?:[A-Z][\w]*(?:\s+[A-Z][\w]*)?)-based\s+|(?:" + "|".join(re.escape(p) for p in sorted(PLACES | set(MULTIWORD_PLACES), key=len, reverse=True)) + r")\s+(?=[a-z]))?(?:[a-z][\w-]*\s+){0,3}?"
    r"((?:[A-Z][\w&]*(?:-[A-Za-z]+)?|[a-z]{1,2}[A-Z][\w&]*)(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\w&]*(?:-[A-Za-z]+)?){0,4})\b"
    # "head of AI research at X": a name followed by a content word is a field, not an organisation.
    r"(?!\s+(?!(?:in|and|said|says|on|for|of|at|to|which|who|with|from|since|until|as|a|an|the|is|was|has|had|will|would)\b)[a-z])"
)
# A cue noun before a capitalised name: "battery maker CATL", "sovereign fund Lunate", "logistics arm Cainiao".
_ORG_CUE = re.compile(
    r"\b(?:investor|fund|firm|company|startup|start-up|maker|developer|rival|supplier|operator|brokerage|consultancy|"
    r"lender|insurer|carrier|retailer|manufacturer|subsidiary|conglomerate|giant|arm|unit|tracker|provider|producer|"
    r"platform|exchange|regulator|automaker|carmaker|chipmaker|foundry|incubator|accelerator|bank|venture)\s+"
    r"([A-Z][\w&]*(?:[- ][A-Z][\w&]*){0,2})\b(?!['\u2019]s\s+[a-z]+\s+(?:model|chip))"
)
# "according to Deloitte", "according to LSEG data", "data from Wind": a one-word source is an organisation.
_SOURCE = re.compile(
    r"\b(?:[Aa]ccording to|data from|figures from|estimates (?:by|from)|compiled by|a report (?:by|from)|a survey (?:by|from))"
    r"\s+([A-Z][\w&]*[A-Za-z]|\d+[A-Z][A-Za-z]+)(?=\s+(?:data|figures|estimates|research|analysis|calculations)\b|[,.;]|\s+(?:and|which|on|in)\b)"
)
# "AthenaEyes, a Chinese AI firm focused on ...": a name in apposition with an organisation noun.
_ORG_APPOSITION = re.compile(
    r"(?<![\w.-])(?<!Mr\. )(?<!Ms\. )(?<!Dr\. )(?<!Mr )(?<!Ms )(?<!Dr )"
    r"((?:[A-Z][a-z]+[A-Z][A-Za-z]+|[A-Z][a-z]{2,}|[A-Z]{2,}[a-z]*|\d+[A-Z][A-Za-z]+)(?: [A-Z][a-z]+){0,2}),\s+(?:an?|the|its)\s+"
    r"(?:(?!of\b)[\w-]+\s+){0,4}?(?:firm|company|startup|start-up|maker|developer|provider|unicorn|manufacturer|"
    r"consultancy|agency|outlet|publication|newspaper|portal|platform operator)\b(?![\w'\u2019-]|\s+(?:founder|executive|"
    r"employee|spokesperson|spokesman|spokeswoman|official)\b)"
)
# "vice minister of industry and information technology", "Minister of Science and Technology": the field.
MINISTER_FIELD = re.compile(r"\b(?:[Vv]ice[- ]|[Dd]eputy |[Aa]ssistant )?[Mm]inister of ((?:[A-Za-z]+)(?: (?:and )?[A-Za-z]+){0,5})")
# "(Yicai) July 5 --", "(NewsAgency) --": the news agency of a dateline.
_DATELINE_AGENCY = re.compile(
    r"(?:^|\n)\(([A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+)?)\)\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*)?(?:--|\u2014|\u2013)"
)
# "told NewsChina", "in an interview with Caixin": a one-word outlet in CamelCase or capitals.
_OUTLET = re.compile(
    r"\b(?:told|(?:explained|said|spoke|speaking|talking) to|in an interview with|interviewed by)\s+"
    r"([A-Z][a-z]+[A-Z][A-Za-z]+|[A-Z]{2,}(?![A-Za-z]))(?=[,.;:]|\s+(?:that|on|in)\b)"
)
# "Baidu.com", "llm-stats.com": a web domain named as an actor.
_DOMAIN = re.compile(r"(?<![\w./@-])((?:[A-Za-z][A-Za-z0-9]*)(?:-[A-Za-z0-9]+)*\.(?:com|cn|ai|io|net|org))(?![\w/.-]|\.[a-z])")
# "its ROPA surgical robot", "the XR-7 headset": a capitalised code or CamelCase word before a product noun.
_PRODUCT_NOUNS = (r"(?:robot|robots|humanoid|chip|chips|processor|server|servers|device|headset|glasses|phone|"
                  r"smartphone|car|vehicle|SUV|drone|platform|system|supercomputer|accelerator|module|app|application)")
_PRODUCT_BEFORE_NOUN = re.compile(
    r"\b(?:its|their|the|a|an)\s+([A-Z]{2,}[A-Za-z0-9]*|[A-Z][a-z]+[A-Z][A-Za-z0-9]*)\s+(?:[a-z][\w-]*\s+){0,3}"
    + _PRODUCT_NOUNS + r"\b"
)
# "a humanoid robot called Mornine", "a chatbot named Lumo": a name given by "called" or "named".
_CALLED = re.compile(
    r"\b(" + _PRODUCT_NOUNS[3:-1] + r"|model|chatbot|assistant|agent)\s+(?:called|named|dubbed|branded)\s+"
    r"([A-Z][\w-]*(?: [A-Z0-9][\w.-]*)?)"
)
# "the Hunyuan team", "Qwen team": a named team is an organisation.
_TEAM = re.compile(r"(?<![\w-])([A-Z][\w-]*(?: [A-Z][\w.-]*)?) team\b")
# "its Jingshi vision model", "the Lumen models": a capitalised name before "model" is a model.
# The name is an atomic group: a shorter split of a long word could never be followed by a space, and trying every
# split made the pattern quadratic in the word's length.
_MODEL_BEFORE_NOUN = re.compile(
    r"\b(?:its|the|their|his|her)\s+((?>[A-Z][a-z]+[A-Za-z0-9]*|[A-Z][A-Za-z]+[A-Z][A-Za-z0-9]*))\s+"
    r"(?:(?:large|vision|language|video|image|reasoning|open-source|open|foundation|multimodal|coding|medical|AI)\s+){0,2}"
    r"(?:model|models|LLM|chatbot)\b"
)
# The code is an atomic group, for the same reason: "A1111..." has no other split that a space can follow.
_PRODUCT_CODE = re.compile(
    r"(?<![\w-])((?>[A-Z][A-Za-z]*\d+[A-Za-z\d]*))(?:\s+[a-z-]+){0,3}\s+"
    r"(?:system|systems|chip|chips|processor|processors|"
    r"server|servers|GPU|GPUs|accelerator|accelerators|phone|smartphone|robot|robots|humanoid|car|vehicle|SUV|cluster|"
    r"supercomputer|glasses|headset|laptop|tablet|card|cards|module|platform)\b"
)
_MODEL_APPOSITION = re.compile(
    r"(?<![\w-])([A-Z][a-z]+[A-Z][A-Za-z]+|[A-Z][a-z]{2,})(?:\s+[A-Z][\w.]*)?,\s+(?:an?|the|its)\s+(?:(?!of\b)[\w-]+\s+){0,4}?"
    r"(?:model|chatbot|assistant|LLM)\b(?!\s+(?:of|for|professor|director|manager|minister|editor|secretary|to)\b|-)"
)

# A capitalised run is taken at most 40 words at a time (news names run to a dozen): the work on one run grows
# faster than its length, so a title-case page of thousands of words is read in pieces.
_ORG_RUN = re.compile(
    r"(?<![\w-])(?:[A-Z][\w]*(?:-[A-Z\d][\w]*)*(?:['\u2019]s)?\.?|\d[\w]*|[a-z]{1,2}[A-Z][\w]*)"
    r"(?:[ \t]+(?:(?:of|and|for|&|the|on|(?<=Affiliated[ \t])to)[ \t]+)?"
    r"(?:[A-Z][\w]*(?:-[\w]+)*(?:['\u2019]s)?\.?)){1,40}"
)
_LIST_NAME = r"[A-Z][\w&]*(?:[- ][A-Z][\w&]*){0,3}"
# At most 20 names before "and": each name of a long comma list with no "and" starts a try, and an unbounded try
# reads to the list's end, so the work grew with the square of the list. News lists name a handful.
_NAME_LIST = re.compile(r"(?<![\w-])" + _LIST_NAME + r"(?:,\s+" + _LIST_NAME + r"){0,20}+,?\s+and\s+" + _LIST_NAME
                        + r"(?![\w-])")
_LIST_MEMBER = re.compile(_LIST_NAME)
_POSSESSIVE = re.compile(r"['\u2019]s$")
GENERIC_ACRONYMS = frozenset("AI IT R&D GPU GPUs CPU LLM LLMs API APIs IPO GDP CEO EV EVs IoT AR VR AGI ML NLP".split())
# Heads that a generic adjective turns into a description ("Chinese AI", "Global Tech", "Industrial Group").
GENERIC_HEADS = frozenset("AI Tech Technology Technologies Group Industry Data Cloud Intelligence Robotics Energy Power".split())
PLACE_UNITS = frozenset("Province Municipality City Region County District".split())


def _english_and_chinese_name(words: list[str], registry: Registry):
    """ "Eddie Wu Yongming" is the registry's "Eddie Wu" (or "Wu Yongming"): an English given name before the
    Chinese name."""
    if len(words) != 3 or words[1] not in CHINESE_SURNAMES or words[0] in CHINESE_SURNAMES:
        return None
    for short in (" ".join(words[:2]), " ".join(words[1:])):
        entity = registry.lookup(short)
        if entity is not None and entity.entity_type == "person":
            return entity
    return None


HONORIFICS = frozenset("Dr Mr Mrs Ms Prof Professor Madam Sir".split())


def _units_under(body: str, doc: DocumentEntities) -> None:
    """ "the Digital Economy Center under the National Development and Reform Commission": a discovered
    organisation named as sitting under another has it as parent."""
    orgs = [m for m in doc.mentions if m.entity_type == "organization"]
    parents: dict[str, str] = {}
    for unit, owner in zip(orgs, orgs[1:]):
        if unit.discovered and unit.key != owner.key and _UNDER.fullmatch(body, unit.end, owner.start):
            parents.setdefault(unit.key, owner.key)
    for m in doc.mentions:
        if m.key in parents:
            m.parent_entity_id = parents[m.key]


_UNDER = re.compile(r"\s+(?:under|affiliated (?:to|with))\s+(?:the\s+)?")


def _title_word_before(body: str, pos: int) -> bool:
    """ "CEO Robin Li Yanhong": the capitalised word before the name is a title, so the name is whole."""
    match = re.search(r"([A-Za-z-]+)\s+$", body[max(0, pos - 30):pos])
    return bool(match) and match.group(1).lower() in _TITLE_WORDS


def _place_ends_here(body: str, start: int, text: str) -> bool:
    """ "Kong" in "Hong Kong, the company said": the word ends a place name that starts before it."""
    before = re.search(r"([A-Z][a-z]+) $", body[max(0, start - 20):start])
    return bool(before) and is_place(f"{before.group(1)} {text}")


def _number_names(words: list[str]) -> bool:
    """ "360 Security Group": a short number before capitalised words that end in an organisation word names it."""
    return (bool(re.fullmatch(r"\d{2,3}", words[0])) and len(words) >= 3 and words[1][:1].isupper()
            and words[1] not in GENERIC_ACRONYMS and words[1] not in GENERIC_QUALIFIERS
            and words[-1].rstrip(".") in ORG_SUFFIXES)


def _is_figure(word: str) -> bool:
    """A number or a label like "3D" or "5G" before a name is not part of it; "36Kr" or "5Y" is.

    >>> _is_figure("5,100"), _is_figure("5G"), _is_figure("36Kr")
    (True, True, False)
    """
    return word[0].isdigit() and not re.fullmatch(r"\d+[A-Z][A-Za-z]+|\d+[ACEFHIJLNOPQRSUVWYZ]", word)


def _capitalised_word_before(body: str, pos: int) -> bool:
    match = re.search(r"([A-Za-z]+)\s+$", body[max(0, pos - 30):pos])
    return bool(match) and match.group(1)[0].isupper()


def _place_tail(words: list[str]) -> bool:
    """ "State Grid Corporation of China", "Health Commission of Guangdong Province": suffix + of + place."""
    if "of" not in words:
        return False
    k = len(words) - 1 - words[::-1].index("of")
    tail = words[k + 1:]
    if tail and tail[-1] in PLACE_UNITS:
        tail = tail[:-1]
    return k >= 1 and words[k - 1] in ORG_SUFFIXES and bool(tail) and is_place(" ".join(tail))


_TICKER = re.compile(r"[A-Z0-9]{1,6}\.[A-Z]{1,2}")
# Surnames that are also English words ("He", "Long before") or start a place ("Hong Kong"): not short forms.
_ENGLISH_WORD_SURNAMES = frozenset("He Long Fan Hong".split())
_ABBREVIATION = re.compile(r"\s*\(([A-Z][A-Za-z0-9&.]{1,11})\)")
# At most 8 hyphenated parts of each kind ("Qwen3-235B-A22B" has two): a part such as "-1" fits either kind, and with
# no bound the ways to share a long chain of them out made a failed match quadratic.
_MODEL_HYPHEN = re.compile(
    r"(?<![\w.-])([A-Z][A-Za-z0-9]*(?:\.\d+)?(?:-[A-Za-z.]*\d[A-Za-z0-9.]*){1,8}(?:-[A-Za-z0-9]+){0,8}"
    r"(?: (?:" + "|".join(sorted(MODEL_VARIANT_WORDS, key=len, reverse=True)) + r")(?![\w-]))*)(?![\w-])"
)
# A version standing alone, maybe with a variant ("V4", "V4-Pro"); at most one version fits at any place.
_VERSION_ECHO = re.compile(r"(?<![\w.-])(?P<version>[A-Z]\d+(?:\.\d+)*)(?:-(?P<variant>[A-Z][a-z]+))?(?![\w]|\.\d|-\w)")
# A known family joined to a variant name: "Hunyuan-TurboS", "Qwen-Max".
_FAMILY_VARIANT = re.compile(r"(?<![\w.-])([A-Z][A-Za-z0-9]+)-([A-Z][A-Za-z0-9]+)(?![\w-])")
_VERSION = re.compile(r"(?:V?\d+(?:\.\d+)*[A-Za-z]{0,3}|[A-Z]{1,2}\d+(?:\.\d+)*[A-Za-z]?)")


@dataclass
class Mention:
    start: int
    end: int
    text: str
    key: str                 # registry entity_id, or a provisional slug for discovered names
    name: str                # the fullest name known for the entity
    entity_type: str
    parent_entity_id: str | None = None
    discovered: bool = False
    rule: str = "registry"


@dataclass
class DocumentEntities:
    mentions: list[Mention] = field(default_factory=list)
    aliases: dict[str, set[str]] = field(default_factory=dict)  # key -> surface forms in this document


class EntityFinder:
    """Finds entity mentions in a document body with a registry and discovery rules."""

    def __init__(self, registry: Registry):
        self.registry = registry
        forms = sorted(registry.by_surface, key=len, reverse=True)
        # A name may not continue into a letter, digit or hyphenated suffix ("Qwen" inside "Qwen3", "DeepSeek-R1").
        self._known = re.compile(r"(?<![\w-])(?:" + _trie_pattern(forms) + r")(?![\w]|-(?!" + _COMPOUND + r")[\w]|\.\d)")
        # Model makers head versioned names too ("DeepSeek V4"): an organisation that is the parent of a model.
        makers = {e.parent_entity_id for e in registry.entities.values() if e.entity_type == "ai_model"}
        self._families = {
            surface: registry.by_surface[surface]
            for surface in registry.by_surface
            if registry.entities[registry.by_surface[surface]].entity_type in ("ai_model", "product")
            or registry.by_surface[surface] in makers
        }
        self._ministries = {s.lower(): registry.entities[e] for s, e in registry.by_surface.items()
                            if s.lower().startswith("ministry of ")}
        family_forms = sorted(self._families, key=len, reverse=True)
        self._versioned = re.compile(
            r"(?<![\w-])(" + _trie_pattern(family_forms) + r")"
            r"((?:[ -](?:[A-Z][a-z]+|3D|\d[A-Za-z]*))?[ -](?:" + _VERSION.pattern + r")"
            r"(?:[ -](?:" + "|".join(sorted(MODEL_VARIANT_WORDS | MODEL_TIER_WORDS, key=len, reverse=True))
            + r"|[A-Z][a-z]+(?= (?:model|chip|series|version)))){0,3})"
            r"(?![\w]|-[\w]|\.\d)",
        )

        # "ERNIE Speed", "Hunyuan-lite": a model family with a tier word and no version.
        model_forms = sorted((f for f, e in self._families.items() if registry.entities[e].entity_type == "ai_model"),
                             key=len, reverse=True)
        self._tiered = re.compile(
            r"(?<![\w-])(" + _trie_pattern(model_forms) + r")(?: (" + "|".join(sorted(MODEL_VARIANT_WORDS, key=len, reverse=True))
            + r")|-(" + "|".join(sorted(MODEL_VARIANT_WORDS | MODEL_TIER_WORDS | {w.lower() for w in MODEL_VARIANT_WORDS},
                                        key=len, reverse=True)) + r"))(?![\w-])")

    # ------------------------------------------------------------ finding
    def find(self, body: str) -> DocumentEntities:
        candidates: list[Mention] = []
        candidates += self._registry_mentions(body)
        candidates += self._versioned_mentions(body)
        candidates += self._tiered_mentions(body)
        candidates += self._hyphenated_models(body)
        candidates += self._organisations(body)
        candidates += self._organisations_after_titles(body)
        candidates += self._products_by_noun(body)
        candidates += self._unknown_names(body, _MODEL_APPOSITION, "ai_model")  # "RuiPath, a pathology model"
        candidates += self._organisations_by_cue(body)
        candidates += self._unknown_names(body, _SOURCE, "organization")  # "according to Deloitte"
        candidates += self._teams(body)
        candidates += self._unknown_names(body, _MODEL_BEFORE_NOUN, "ai_model")  # "its Jingshi vision model"
        candidates += self._family_variants(body)
        candidates += self._people(body)
        candidates += self._unknown_names(body, _ORG_APPOSITION, "organization")  # "AthenaEyes, a Chinese AI firm"
        candidates += self._unknown_names(body, _DATELINE_AGENCY, "organization")  # "(Yicai) July 5 --"
        candidates += self._unknown_names(body, _OUTLET, "organization")  # "told NewsChina"
        candidates += self._domains(body)
        candidates += self._unknown_names(body, _PRODUCT_BEFORE_NOUN, "product")  # "its ROPA surgical robot"
        candidates += self._called(body)
        candidates += self._ministries_in_titles(body)
        credits = _Spans([m.span() for m in _PHOTO_CREDIT.finditer(body)])
        candidates = [c for c in candidates if not credits.covers(c.start)]
        chosen = _non_overlapping(candidates)
        doc = DocumentEntities()
        doc.mentions = chosen
        self._abbreviations(body, doc)
        self._coordinated(body, doc)
        self._model_families(body, doc)
        self._version_echoes(body, doc)
        self._short_forms(body, doc)
        self._repeats(body, doc)
        _units_under(body, doc)
        doc.mentions.sort(key=lambda m: m.start)
        for m in doc.mentions:
            doc.aliases.setdefault(m.key, set()).add(m.text)
        return doc

    def _registry_mentions(self, body: str) -> list[Mention]:
        out = []
        for match in self._known.finditer(body):
            entity = self.registry.lookup(match.group(0))
            if entity is None:
                continue
            out.append(Mention(match.start(), match.end(), match.group(0), entity.entity_id, entity.name,
                               entity.entity_type, entity.parent_entity_id))
        return out

    def _versioned_mentions(self, body: str) -> list[Mention]:
        """A known model or product family followed by a version: "Kling 2.1", "Ascend 950PR"."""
        out = []
        for match in self._versioned.finditer(body):
            family_text, tail = match.group(1), match.group(2)
            family_id = self._families.get(family_text)
            if family_id is None:
                continue
            text = match.group(0)
            # A bare number after a family name is more often a quantity than a version ("Kling 2 times").
            if re.fullmatch(r"[ -]\d{1,3}", tail) and not re.match(r"\s+(?:model|chip|series|and|or|,|\))", body[match.end():match.end() + 8]):
                if family_text in self.registry.by_surface and self.registry.lookup(family_text).entity_type != "product":
                    continue
            entity = self.registry.lookup(text)
            if entity is not None:
                out.append(Mention(match.start(), match.end(), text, entity.entity_id, entity.name,
                                   entity.entity_type, entity.parent_entity_id))
                continue
            family = self.registry.entities[family_id]
            etype = "ai_model" if family.entity_type == "organization" else family.entity_type
            if family.entity_type == "organization" and not re.fullmatch(r"[ -][VRMK]\d+(?:\.\d+)*[A-Za-z]?(?:[ -]\w+)*", tail):
                continue  # "DeepSeek 2025" is not a model; "DeepSeek V4" is.
            out.append(Mention(match.start(), match.end(), text, slugify(text), text, etype,
                               family.entity_id, discovered=True, rule="family+version"))
        return out

    def _tiered_mentions(self, body: str) -> list[Mention]:
        """A known model family with a tier word: "ERNIE Speed", "ERNIE Lite", "Hunyuan-lite"."""
        out = []
        for match in self._tiered.finditer(body):
            text = match.group(0)
            known = self.registry.lookup(text)
            family = self.registry.entities[self._families[match.group(1)]]
            entity = known or family
            if known is not None:
                out.append(Mention(match.start(), match.end(), text, known.entity_id, known.name, known.entity_type,
                                   known.parent_entity_id))
                continue
            out.append(Mention(match.start(), match.end(), text, slugify(text), text, "ai_model", entity.entity_id,
                               discovered=True, rule="family+version"))
        return out

    def _hyphenated_models(self, body: str) -> list[Mention]:
        """Model-shaped names: a capitalised word joined by hyphens to version codes ("GLM-4.5", "MiniMax-M1")."""
        out = []
        for match in _MODEL_HYPHEN.finditer(body):
            text = match.group(1).rstrip(".")
            if text.startswith(("COVID", "Covid")) or re.fullmatch(r"[A-Z]\d*-\d+", text):
                continue
            if re.match(r"[-\s]*(?:year|month|day|week|hour|minute|second|fold|point|nanometre|nanometer|nm)\b",
                        body[match.end():match.end() + 12]):
                continue
            entity = self.registry.lookup(text)
            if entity is not None:
                out.append(Mention(match.start(), match.start() + len(text), text, entity.entity_id, entity.name,
                                   entity.entity_type, entity.parent_entity_id))
                continue
            base = text.split("-")[0]
            family = self.registry.lookup(base)
            etype = family.entity_type if family and family.entity_type in ("ai_model", "product") else "ai_model"
            parent = family.entity_id if family else None
            out.append(Mention(match.start(), match.start() + len(text), text, slugify(text), text, etype, parent,
                               discovered=True, rule="model-shape"))
        return out

    def _organisations(self, body: str) -> list[Mention]:
        """Capitalised phrases that end in an organisation word ("Lingxi Securities", "Ministry of Transport")."""
        out = []
        for match in _ORG_RUN.finditer(body):
            run = match.group(0)
            # Cheap test first: most capitalised runs hold no organisation word at all.
            if not any(_POSSESSIVE.sub("", w.rstrip(".")) in ORG_SUFFIXES or w in INSTITUTION_HEADS for w in run.split()):
                continue
            for start, words in _name_runs(run, match.start()):
                # "Apple, Tencent and Huawei Cloud": a known name before "and" ends a name of its own.
                for i, w in enumerate(words):
                    if w == "and" and 0 < i < len(words) - 1 and self.registry.lookup(" ".join(words[:i])) is not None:
                        start += len(" ".join(words[:i + 1])) + 1
                        words = words[i + 1:]
                        break
                mention = self._organisation(body, start, words)
                if mention is None:
                    # "Lumenor Capital on Monday": end the name at its last organisation word.
                    cut = max((i for i in range(len(words) - 1)
                               if words[i].rstrip(".") in ORG_SUFFIXES and words[i + 1] in ("on", "in", "for", "the")),
                              default=None)
                    mention = self._organisation(body, start, words[:cut + 1]) if cut is not None else None
                if mention is not None:
                    out.append(mention)
        return out

    def _organisation(self, body: str, start: int, words: list[str], require_suffix: bool = True) -> Mention | None:
        # "Hong Kong-based Jinling Capital": the name starts after the "-based" word.
        for i, w in enumerate(words[:4]):
            if w.endswith("-based"):
                start += len(" ".join(words[:i + 1])) + 1
                words = words[i + 1:]
                break
        # "Huawei's Noah's Ark Lab": a known name in the possessive owns what follows.
        for i, w in enumerate(words[:-1]):
            if _POSSESSIVE.search(w) and any(
                    self.registry.lookup(_POSSESSIVE.sub("", " ".join(words[j:i + 1]))) is not None for j in range(i + 1)):
                start += len(" ".join(words[:i + 1])) + 1
                words = words[i + 1:]
                break
        # "Tracy Ho of Huatai Securities": a name with no organisation word before "of" is a person's.
        if "of" in words[1:-1]:
            k = words.index("of")
            if 2 <= k <= 3 and not any(w.rstrip(".") in ORG_SUFFIXES or w in INSTITUTION_HEADS or w in _TITLE_WORDS_CAP
                                       for w in words[:k]) and all(w[:1].isupper() for w in words[:k]):
                start += len(" ".join(words[:k + 1])) + 1
                words = words[k + 1:]
                if words and words[0] == "the":
                    start += 4
                    words = words[1:]
        # "CEO of Huawei Cloud", "President of Fudan University": a title and its "of" are not part of the name.
        for i, w in enumerate(words[:3]):
            if w.lower() in _TITLE_WORDS and i + 1 < len(words) - 1 and words[i + 1] in ("of", "at", "for"):
                if "minister" in w.lower():
                    return None  # "Vice-Minister of Science and Technology": a title; the field is not a name
                start += len(" ".join(words[:i + 2])) + 1
                words = words[i + 2:]
                break
        # Leading noise: determiners, connectors, figures ("5,100 AI firms"), a place in the possessive ("Shanghai's").
        while words and (words[0] in ORG_LEADING_NOISE or words[0] in CONNECTORS or (_is_figure(words[0])
                                                                                     and not _number_names(words))
                         or (_POSSESSIVE.search(words[0]) and is_place(_POSSESSIVE.sub("", words[0])))):
            start += len(words[0]) + 1
            words = words[1:]
        if words:
            words = words[:-1] + [_POSSESSIVE.sub("", words[-1])]
        # "The Ministry of Commerce on Monday said": a weekday or month after "on" or "in" is not in the name.
        for i, w in enumerate(words[1:-1], start=1):
            if w in ("on", "in") and all(x.rstrip(".,") in NOT_NAME_WORDS for x in words[i + 1:]):
                words = words[:i]
                break
        # "Ministry of Industry and Information Technology Zhao Min said": the person after the name is not in it.
        if len(words) > 3 and words[-2] in CHINESE_SURNAMES and words[-1] not in ORG_SUFFIXES and (
                words[-3].rstrip(".") in ORG_SUFFIXES or any(w in INSTITUTION_HEADS for w in words[:3])):
            words = words[:-2]
        while words and words[-1] in CONNECTORS:
            words = words[:-1]
        if not words:
            return None
        last = words[-1].rstrip(".")
        is_institution = any(w in INSTITUTION_HEADS and i + 1 < len(words) - 1 and words[i + 1] in ("of", "for")
                             for i, w in enumerate(words[:3]))
        if require_suffix and not (last in ORG_SUFFIXES or is_institution or _place_tail(words)):
            return None
        if all(w in ORG_SUFFIXES or w in CONNECTORS for w in words) and len(words) < 3:
            return None
        if len(words) == 1 and (require_suffix or words[0] in GENERIC_ACRONYMS or words[0] in NOT_NAME_WORDS):
            return None
        if words[0] in GENERIC_QUALIFIERS and len(words) == 2 and last in GENERIC_HEADS:
            return None
        if last == "AI" and ((words[-2] if len(words) > 1 else "") in GENERIC_QUALIFIERS | NOT_NAME_WORDS | PLACES | CONNECTORS
                             or self.registry.lookup(" ".join(words[:-1])) is not None):
            return None
        if require_suffix:
            # "East Data", "Shanghai Energy": a place and one organisation word is rarely a name.
            if len(words) == 2 and words[0] in PLACES and last not in INSTITUTION_SUFFIXES:
                return None
        if all(is_place(w) for w in words) or is_place(" ".join(words)):
            return None
        text = " ".join(words)
        if text.endswith(".") and not last.endswith(("Co", "Inc", "Corp", "Ltd")):
            text = text[:-1]
        if body[start:start + len(text)] != text:
            return None
        # "Dawning Information Industry Co., Ltd.": the comma and "Ltd" belong to the name.
        ltd = _CO_LTD.match(body, start + len(text)) if last in ("Co", "Co.") else None
        if ltd:
            text += ltd.group(0)
        end = start + len(text)
        entity = self.registry.lookup(text) or self._known_core(text)
        if entity is not None:
            return Mention(start, end, text, entity.entity_id, entity.name, entity.entity_type, entity.parent_entity_id)
        if last == "Forum" and _EVENT_BEFORE.search(body, max(0, start - 90), start):
            return None  # "during the ... Cooperation Forum": a forum held is an event, not an organisation
        return Mention(start, end, text, slugify(text), text, "organization", None, discovered=True,
                       rule="org-suffix" if require_suffix else "org-after-title")

    def _known_core(self, text: str):
        """A registry organisation inside a fuller legal name: "China Southern Power Grid Co., Ltd.",
        "Shanghai Biren Technology" (a place before the name), "Sugon Information Industry Co., Ltd."."""
        core = _LEGAL_TAIL.sub("", text)
        words = core.split()
        candidates = [core]
        if len(words) > 1 and is_place(words[0]):
            candidates.append(" ".join(words[1:]))
        for candidate in candidates:
            entity = self.registry.lookup(candidate) if candidate != text else None
            if entity is not None and entity.entity_type == "organization":
                return entity
        return None

    def _organisations_by_cue(self, body: str) -> list[Mention]:
        """A capitalised name after a cue noun: "battery maker CATL", "sovereign fund Lunate"."""
        out = []
        for match in _ORG_CUE.finditer(body):
            words = match.group(1).split()
            mention = self._organisation(body, match.start(1), words, require_suffix=False)
            if mention is not None and mention.text not in NOT_NAME_WORDS:
                if not mention.discovered and mention.entity_type != "organization":
                    continue
                out.append(mention)
        return out

    def _unknown_names(self, body: str, pattern: re.Pattern, entity_type: str) -> list[Mention]:
        """A name that a pattern's context types, when the registry does not know it already."""
        out = []
        for match in pattern.finditer(body):
            text = match.group(1)
            if " " in text and (is_chinese_name(text.split()) or any(w in NOT_NAME_WORDS or is_place(w)
                                                                      for w in text.split())):
                continue  # "Li Ming, a maker of ...": a person; "Shenzhen Xingtu, ...": leave it to other rules
            if (text in NOT_NAME_WORDS or is_place(text) or text in GENERIC_ACRONYMS or text in GENERIC_QUALIFIERS
                    or self.registry.lookup(text) is not None or _place_ends_here(body, match.start(1), text)):
                continue
            out.append(Mention(match.start(1), match.end(1), text, slugify(text), text, entity_type, None,
                               discovered=True, rule="context-name"))
        return out

    def _domains(self, body: str) -> list[Mention]:
        """A web domain named as an actor: "llm-stats.com"; a known company's own site is its product ("Baidu.com")."""
        out = []
        for match in _DOMAIN.finditer(body):
            text = match.group(1)
            known = self.registry.lookup(text)
            if known is not None:
                out.append(Mention(match.start(1), match.end(1), text, known.entity_id, known.name, known.entity_type,
                                   known.parent_entity_id))
                continue
            owner = self.registry.lookup(text.rsplit(".", 1)[0])
            etype, parent = ("product", owner.entity_id) if owner is not None and owner.entity_type == "organization" else ("organization", None)
            out.append(Mention(match.start(1), match.end(1), text, slugify(text), text, etype, parent,
                               discovered=True, rule="context-name"))
        return out

    def _ministries_in_titles(self, body: str) -> list[Mention]:
        """ "vice minister of industry and information technology": the field in a minister's title names the
        ministry (the registry's "Ministry of Industry and Information Technology"); the mention is the field."""
        out = []
        for match in MINISTER_FIELD.finditer(body):
            words = match.group(1).split(" ")
            for n in range(len(words), 0, -1):
                field = " ".join(words[:n])
                entity = self._ministries.get("ministry of " + field.lower())
                if entity is not None:
                    start = match.start(1)
                    out.append(Mention(start, start + len(field), field, entity.entity_id, entity.name,
                                       entity.entity_type, entity.parent_entity_id, rule="implied-by-title"))
                    break
        return out

    def _called(self, body: str) -> list[Mention]:
        """A name given by "called" or "named" after a product or model noun ("a robot called Mornine")."""
        out = []
        for match in _CALLED.finditer(body):
            text = match.group(2).rstrip(".")
            if text in NOT_NAME_WORDS or is_place(text) or text in GENERIC_ACRONYMS:
                continue
            known = self.registry.lookup(text)
            if known is not None:
                continue
            etype = "ai_model" if match.group(1) in ("model", "chatbot", "assistant", "agent") else "product"
            out.append(Mention(match.start(2), match.start(2) + len(text), text, slugify(text), text, etype, None,
                               discovered=True, rule="context-name"))
        return out

    def _teams(self, body: str) -> list[Mention]:
        """"the Hunyuan team": a team named after a model or company is an organisation of its own."""
        out = []
        for match in _TEAM.finditer(body):
            owner = self.registry.lookup(match.group(1))
            if owner is None:
                continue
            text = match.group(0)
            known = self.registry.lookup(text) or self.registry.lookup(text[0].upper() + text[1:])
            if known is not None:
                out.append(Mention(match.start(), match.end(), text, known.entity_id, known.name, known.entity_type,
                                   known.parent_entity_id))
                continue
            parent = owner.entity_id if owner.entity_type == "organization" else owner.parent_entity_id
            out.append(Mention(match.start(), match.end(), text, slugify(text), text, "organization", parent,
                               discovered=True, rule="org-suffix"))
        return out

    def _family_variants(self, body: str) -> list[Mention]:
        """A known model family joined to a variant name: "Hunyuan-TurboS"."""
        out = []
        for match in _FAMILY_VARIANT.finditer(body):
            family = self.registry.lookup(match.group(1))
            if family is None or family.entity_type not in ("ai_model", "product"):
                continue
            text = match.group(0)
            known = self.registry.lookup(text)
            if known is not None:
                out.append(Mention(match.start(), match.end(), text, known.entity_id, known.name, known.entity_type,
                                   known.parent_entity_id))
                continue
            out.append(Mention(match.start(), match.end(), text, slugify(text), text, family.entity_type,
                               family.entity_id, discovered=True, rule="family+version"))
        return out

    def _coordinated(self, body: str, doc: DocumentEntities) -> None:
        """Unknown names listed with known organisations ("run by CATL, BYD and Foxconn") are organisations."""
        starts = {m.start: m for m in doc.mentions}
        taken = _Spans([(m.start, m.end) for m in doc.mentions])
        extra: list[Mention] = []
        for match in _NAME_LIST.finditer(body):
            members = [(m.start(), m.group(0)) for m in _LIST_MEMBER.finditer(match.group(0))]
            members = [(match.start() + off, text) for off, text in members]
            known = [starts.get(pos) for pos, _ in members]
            if not any(k is not None and k.entity_type == "organization" for k in known):
                continue
            for (pos, text), k in zip(members, known):
                if k is not None or text in NOT_NAME_WORDS or is_place(text) or text in GENERIC_ACRONYMS:
                    continue
                if taken.covers(pos):
                    continue
                entity = self.registry.lookup(text)
                if entity is not None:
                    continue
                extra.append(Mention(pos, pos + len(text), text, slugify(text), text, "organization", None,
                                     discovered=True, rule="org-list"))
        if extra:
            doc.mentions = _non_overlapping(doc.mentions + extra)

    def _model_families(self, body: str, doc: DocumentEntities) -> None:
        """The bare family name of a discovered model ("Lumen" beside "Lumen-2.5 Pro") is its own entity."""
        extra: list[Mention] = []
        done: set[str] = set()
        for m in doc.mentions:
            if m.rule != "model-shape" or "-" not in m.text:
                continue
            base = m.text.split("-")[0]
            if base in done or len(base) < 3 or base in NOT_NAME_WORDS or self.registry.lookup(base) is not None:
                continue
            done.add(base)
            family = Mention(0, 0, base, slugify(base), base, "ai_model", None, discovered=True, rule="model-family")
            extra += _occurrences(body, base, family, rule="model-family")
        if extra:
            doc.mentions = _non_overlapping(doc.mentions + extra)

    def _version_echoes(self, body: str, doc: DocumentEntities) -> None:
        """After "DeepSeek V4", the version alone names models of the family: "V4", "V4-Pro", "V4 Flash".

        "V4" is the same model; "V4-Pro" is its variant, named "DeepSeek V4-Pro", with "DeepSeek V4" as parent.
        """
        extra: list[Mention] = []
        taken = _Spans([(m.start, m.end) for m in doc.mentions])
        done: set[str] = set()
        for m in [m for m in doc.mentions if m.rule == "family+version" and m.entity_type == "ai_model"]:
            version = re.split(r"[ -]", m.text)[-1]
            # A version echoed once already: its echoes are the same spans, and the first model's win them.
            if not re.fullmatch(r"[A-Z]\d+(?:\.\d+)*", version) or version in done:
                continue
            done.add(version)
            family = m.text[: -len(version)].rstrip(" -")
            # Tried only where the version's first word stands, not along the whole body.
            for start in _word_starts(body).get(re.match(r"[^\W_]+", version).group(0), ()):
                echo = _VERSION_ECHO.match(body, start)
                if echo is None or echo.group("version") != version or taken.covers(echo.start()):
                    continue
                if echo.group("variant") is None:
                    extra.append(Mention(echo.start(), echo.end(), echo.group(0), m.key, m.name, m.entity_type,
                                         m.parent_entity_id, discovered=m.discovered, rule="short-form"))
                    continue
                name = f"{family} {echo.group(0)}"
                extra.append(Mention(echo.start(), echo.end(), echo.group(0), slugify(name), name, "ai_model", m.key,
                                     discovered=True, rule="family+version"))
        if extra:
            doc.mentions = _non_overlapping(doc.mentions + extra)

    def _repeats(self, body: str, doc: DocumentEntities) -> None:
        """A name found once by its context names the same entity wherever else it stands in the document."""
        extra: list[Mention] = []
        done: set[str] = set()
        for m in list(doc.mentions):
            if not m.discovered or m.rule not in ("context-name", "org-suffix", "org-after-title", "product-noun") \
                    or m.text in done:
                continue
            done.add(m.text)
            extra += _occurrences(body, m.text, m, rule="short-form")
        if extra:
            doc.mentions = _non_overlapping(doc.mentions + extra)

    def _organisations_after_titles(self, body: str) -> list[Mention]:
        """The capitalised name after "analyst at", "head of", "partner with": an organisation."""
        out = []
        for match in _AFTER_TITLE.finditer(body):
            words = match.group(1).split()
            mention = self._organisation(body, match.start(1), words, require_suffix=False)
            if mention is not None and not is_place(mention.text):
                out.append(mention)
        return out

    def _products_by_noun(self, body: str) -> list[Mention]:
        """A model-number token before a product noun ("the NVL144 system", "its X9 chip")."""
        out = []
        for match in _PRODUCT_CODE.finditer(body):
            text = match.group(1)
            entity = self.registry.lookup(text)
            if entity is not None:
                continue
            out.append(Mention(match.start(1), match.end(1), text, slugify(text), text, "product", None,
                               discovered=True, rule="product-noun"))
        return out

    def _people(self, body: str) -> list[Mention]:
        """Names in attribution and apposition patterns ("said Chen Mingyu", "Tang Hao, an analyst")."""
        out = []
        for pattern in _PERSON_CUES:
            for match in pattern.finditer(body):
                text, start = match.group(1), match.start(1)
                words = text.split()
                # "Dr Ge Fan": an honorific is not part of the name.
                if len(words) >= 3 and words[0].rstrip(".") in HONORIFICS:
                    start += len(words[0]) + 1
                    words = words[1:]
                    text = " ".join(words)
                # "... of Ocean Affairs Tang Jinwei said": inside a longer capitalised run, a surname starts the name.
                if len(words) == 3 and words[1] in CHINESE_SURNAMES and _capitalised_word_before(body, start) \
                        and not _title_word_before(body, start):
                    start += len(words[0]) + 1
                    words = words[1:]
                    text = " ".join(words)
                # "Ma Jun", "Li Jun": after a surname, a month's abbreviation is a given name.
                # "Ma Jun", "Li Jun": a Pinyin given name after a surname may look like a month or a stop word.
                given_ok = set(words[1:]) if is_chinese_name(words) else set()
                if pattern in _CHINESE_NAME_ONLY and not is_chinese_name(words):
                    continue
                if any((w in PERSON_STOP and w not in given_ok) or w in PLACES or w in ORG_SUFFIXES or w in NOT_PERSON_WORDS
                       for w in words):
                    continue
                if any(place in text for place in MULTIWORD_PLACES):
                    continue
                if words[0] in NOT_NAME_WORDS and words[0] not in CHINESE_SURNAMES:
                    continue
                entity = self.registry.lookup(text) or _english_and_chinese_name(words, self.registry)
                if entity is not None and entity.entity_type != "person":
                    continue
                key = entity.entity_id if entity else slugify(text)
                out.append(Mention(start, start + len(text), text, key, entity.name if entity else text,
                                   "person", None, discovered=entity is None, rule="person-cue"))
        return out

    # ------------------------------------------------------------ aliases
    def _abbreviations(self, body: str, doc: DocumentEntities) -> None:
        """A bracketed abbreviation right after a name is an alias; its later uses are mentions."""
        extra: list[Mention] = []
        done: set[str] = set()
        by_key = _by_key(doc.mentions)
        linked: dict[str, int] = defaultdict(int)  # key -> how many of its mentions (in text order) are linked
        formed: set[str] = set()  # registry entities whose own mentions took their registry form
        for m in list(doc.mentions):
            match = _ABBREVIATION.match(body, m.end)
            if not match:
                continue
            abbr = match.group(1)
            if _TICKER.fullmatch(abbr):
                continue  # "(BABA.N)", "(0700.HK)": a stock ticker, not a name
            initials = "".join(w[0] for w in m.text.split() if w[0].isupper())
            if abbr.upper() != initials.upper() and not abbr.isupper():
                continue
            known = self.registry.lookup(abbr)
            if known is not None and m.discovered:
                # "China International Capital Corp (CICC)": the registry knows the abbreviation's entity. The name's
                # mentions up to this one are linked to it (a later one waits for an abbreviation of its own), and
                # the entity's own later mentions take its registry form. Each mention is visited once, not once per
                # abbreviation.
                group = by_key[m.key]
                while linked[m.key] < len(group) and group[linked[m.key]].start <= m.start:
                    _take_registry_form(group[linked[m.key]], known)
                    linked[m.key] += 1
                if known.entity_id not in formed:
                    formed.add(known.entity_id)
                    for other in by_key.get(known.entity_id, ()):
                        if other.start > m.start:
                            _take_registry_form(other, known)
                continue
            # An abbreviation found once already: its occurrences are the same spans, and the first name's win them.
            if abbr in done:
                continue
            done.add(abbr)
            extra += _occurrences(body, abbr, m, rule="abbreviation")
        doc.mentions = _non_overlapping(doc.mentions + extra)

    def _short_forms(self, body: str, doc: DocumentEntities) -> None:
        """Later uses of a shorter form: a person's surname, an organisation without its suffix."""
        extra: list[Mention] = []
        firsts: dict[str, Mention] = {}
        for m in doc.mentions:
            firsts.setdefault(m.key, m)
        taken = {m.text for m in doc.mentions}
        by_text: dict[str, list[Mention]] = defaultdict(list)
        for m in doc.mentions:
            by_text[m.text].append(m)
        done: set[str] = set()
        # A short form found on its own, once an entity claimed it: the key all its discovered mentions now have,
        # and the (key, name, type) a later claimant gave them all, applied when one of them is read and at the end
        # (so each claimant costs one step, not a pass over the mentions).
        owner: dict[str, str] = {}
        pending: dict[str, tuple[str, str, str]] = {}
        for m in firsts.values():
            if m.discovered and m.text in pending:
                m.key, m.name, m.entity_type = pending[m.text]
            words = m.name.split()
            shorts: list[str] = []
            if m.entity_type == "person" and len(words) == 3 and words[1] in CHINESE_SURNAMES \
                    and words[0] not in CHINESE_SURNAMES:
                # "Eddie Wu Yongming": an English given name before the Chinese name; "Wu", "Eddie Wu" and
                # "Wu Yongming" are the same person.
                shorts += [" ".join(words[:2]), " ".join(words[1:]), words[1]]
            elif m.entity_type == "person" and len(words) >= 2:
                shorts.append(words[0] if words[0] in CHINESE_SURNAMES and len(words) <= 3 else words[-1])
            if m.entity_type == "organization" and m.discovered:
                # "Kangning Health Technology Co., Ltd." -> "Kangning Health Technology" -> "Kangning Health" ->
                # "Kangning": strip the legal form, then organisation words.
                rest = _LEGAL_TAIL.sub("", m.name).split()
                if rest != words and len(rest) >= 1 and not is_place(" ".join(rest)):
                    shorts.append(" ".join(rest))
                while len(rest) >= 2 and (rest[-1] in DROPPABLE_SUFFIXES or rest[-1] in ORG_SUFFIXES):
                    rest = rest[:-1]
                    short = " ".join(rest)
                    if not is_place(short) and short not in NOT_NAME_WORDS and short not in GENERIC_QUALIFIERS:
                        shorts.append(short)
            elif m.entity_type == "organization" and len(words) >= 2 and words[-1] in DROPPABLE_SUFFIXES:
                short = " ".join(words[:-1])
                if not is_place(short) and short not in NOT_NAME_WORDS:
                    shorts.append(short)
            for short in shorts:
                if self.registry.lookup(short) is not None and m.discovered:
                    continue
                if short in _ENGLISH_WORD_SURNAMES:
                    continue  # "He Xiaopeng" later "He": the pronoun, not the person
                if short in taken:
                    # A short form found on its own by another rule is the same entity.
                    if short not in owner:
                        for other in by_text[short]:
                            if other.discovered and other.key != m.key:
                                other.key, other.name, other.entity_type = m.key, m.name, m.entity_type
                    elif owner[short] != m.key:
                        pending[short] = (m.key, m.name, m.entity_type)
                    owner[short] = m.key
                    continue
                # A short form several names share ("Zhang"): the same spans each time, and the first name's win them.
                if short in done:
                    continue
                done.add(short)
                extra += _occurrences(body, short, m, rule="short-form")
        for short, (key, name, entity_type) in pending.items():
            for other in by_text[short]:
                if other.discovered:
                    other.key, other.name, other.entity_type = key, name, entity_type
        doc.mentions = _non_overlapping(doc.mentions + extra)


_EVENT_BEFORE = re.compile(r"\b(?:during|attend(?:ed|ing)?|held|hosted|host|opened|closed|at)\s+the\s+[^.;,:]{0,80}$",
                           re.IGNORECASE)
# The legal form at the end of a company's name: "Co., Ltd.", "Inc.", "Corp.", "Limited".
_LEGAL_TAIL = re.compile(r"(?:\s+(?:Co\.?,?\s?Ltd\.?|Co\.?|Inc\.?|Corp\.?|Ltd\.?|Limited|Company Limited))+$")
_CO_LTD = re.compile(r"\.?,\s?Ltd\b\.?")
_TITLE_WORDS = frozenset(w for t in TITLE_HEADS for w in t.split() if w not in ("and", "of")) | {"vice-president"}
_TITLE_WORDS_CAP = frozenset(w[:1].upper() + w[1:] for w in _TITLE_WORDS) | frozenset(w.upper() for w in _TITLE_WORDS)
_KEEP_PERIOD = frozenset({"Co.", "Inc.", "Corp.", "Ltd.", "U.S.", "U.K.", "St.", "Bros."})


def _name_runs(run: str, offset: int) -> list[tuple[int, list[str]]]:
    """Split a capitalised run into candidate names with their start offsets."""
    pieces: list[tuple[int, list[str]]] = []
    words: list[str] = []
    starts: list[int] = []
    pos = 0
    for token in run.split():
        idx = run.index(token, pos)
        pos = idx + len(token)
        words.append(token)
        starts.append(offset + idx)
        if token.endswith(".") and token not in _KEEP_PERIOD:
            pieces.append((starts[0], words))
            words, starts = [], []
        elif _POSSESSIVE.search(token) and _POSSESSIVE.sub("", token) in ORG_SUFFIXES and len(words) >= 2:
            # "Hisense Visual Technology's Qingdao factory": an organisation in the possessive ends a name.
            pieces.append((starts[0], words))
            words, starts = [], []
    if words:
        pieces.append((starts[0], words))
    out = []
    for start, ws in pieces:
        # "China Telecom and China Unicom": split where both sides end like names.
        cut = 0
        for i, w in enumerate(ws):
            # "Industrial and Commercial Bank" stays whole: the left side must be a name of its own.
            if w == "and" and 1 < i - cut and i < len(ws) - 1 and ws[i - 1].rstrip(".") in ORG_SUFFIXES:
                out.append((start, ws[cut:i]))
                start = start + len(" ".join(ws[cut:i + 1])) + 1
                cut = i + 1
        out.append((start, ws[cut:]))
    return out


def _occurrences(body: str, surface: str, of: Mention, rule: str) -> list[Mention]:
    """Every standalone occurrence of `surface` (not glued to a letter, digit or hyphenated word).

    Looked up where the surface's first word stands (`_word_starts`), so a document with many names is not read
    once per name.

    >>> qwen = Mention(0, 4, "Qwen", "qwen", "Qwen", "ai_model")
    >>> [m.start for m in _occurrences("Qwen, Qwen3 and Qwen-2 beat Qwen.", "Qwen", qwen, "short-form")]
    [0, 28]
    """
    out = []
    n = len(surface)
    lead = re.match(r"[^\W_]+", surface)
    for i in _word_starts(body).get(lead.group(0), ()) if lead else _find_all(body, surface):
        if not body.startswith(surface, i):
            continue
        before = body[i - 1] if i else " "
        after = body[i + n:i + n + 2]
        glued_after = after[:1].isalnum() or after[:1] == "_" or (after[:1] == "-" and after[1:2].isalnum())
        if not (before.isalnum() or before in "_-") and not glued_after:
            out.append(Mention(i, i + n, surface, of.key, of.name, of.entity_type, of.parent_entity_id,
                               discovered=of.discovered, rule=rule))
    return out


# A word that no letter, digit, "_" or "-" runs into from the left: where a standalone name can start.
_WORD_START = re.compile(r"(?<![\w-])[^\W_]+")


@functools.lru_cache(maxsize=2)
def _word_starts(body: str) -> dict[str, list[int]]:
    """Where each standalone word of `body` starts, by the word (letters and digits); built once per document.

    >>> _word_starts("Qwen and Qwen3, not Qwen-2 or AQwen")["Qwen"]
    [0, 20]
    """
    index: dict[str, list[int]] = defaultdict(list)
    for match in _WORD_START.finditer(body):
        index[match.group(0)].append(match.start())
    return index


def _find_all(body: str, surface: str):
    """Every start of `surface` in `body` (for a surface that does not start with a letter or digit)."""
    i = body.find(surface)
    while i != -1:
        yield i
        i = body.find(surface, i + 1)


def _take_registry_form(m: Mention, entity) -> None:
    m.key, m.name, m.entity_type = entity.entity_id, entity.name, entity.entity_type
    m.parent_entity_id, m.discovered = entity.parent_entity_id, False


def _by_key(mentions: list[Mention]) -> dict[str, list[Mention]]:
    """The mentions of each key, in text order."""
    out: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        out[m.key].append(m)
    return out


class _Spans:
    """Sorted, non-overlapping spans (a document's chosen mentions, its photo credits): which one covers a position,
    by binary search rather than a pass over all of them.

    >>> _Spans([(0, 4), (10, 15)]).covers(12), _Spans([(0, 4), (10, 15)]).covers(5)
    (True, False)
    """

    def __init__(self, spans: list[tuple[int, int]]):
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def covers(self, pos: int) -> bool:
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]


_RULE_RANK = {"registry": 0, "implied-by-title": 0, "family+version": 1, "model-shape": 1, "person-cue": 2, "org-suffix": 3,
              "org-after-title": 3, "product-noun": 4, "context-name": 4, "abbreviation": 4, "short-form": 5}


def _non_overlapping(candidates: list[Mention]) -> list[Mention]:
    """Longest span first, then the more trusted rule; drop anything overlapping a chosen span."""
    if not candidates:
        return []
    occupied = bytearray(max(m.end for m in candidates))
    chosen: list[Mention] = []
    for m in sorted(candidates, key=lambda m: (-(m.end - m.start), _RULE_RANK.get(m.rule, 9), m.start)):
        if any(occupied[m.start:m.end]):
            continue
        chosen.append(m)
        occupied[m.start:m.end] = b"\x01" * (m.end - m.start)
    return sorted(chosen, key=lambda m: m.start)
