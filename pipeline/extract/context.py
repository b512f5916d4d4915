"""The document context: what one document says about itself, built once and shared by the extractors.

Belongs here: facts about a whole document that a sentence alone does not give: its sentences, its
mentions by type, the organisations it is about in order of salience, and what a reference such as
"the company", "its", "the institute" or "the joint venture" points back to. Organisations implied by a
title ("vice minister of industry and information technology" implies the Ministry of Industry and
Information Technology) are looked up here. No Dagster, no I/O: a plain function of the body and its mentions.

Example:

>>> from pipeline.extract.entities import Mention
>>> body = "Lumenor Robotics said sales rose. The company's chief executive spoke on Friday."
>>> ctx = DocumentContext(body, [Mention(0, 16, "Lumenor Robotics", "lumenor", "Lumenor Robotics", "organization")])
>>> ctx.resolve("the company's", 34).text
'Lumenor Robotics'
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property

from pipeline.extract.entities import Mention
from pipeline.text import SentenceIndex

# Nouns that name a kind of institution: "the institute" points back to the last organisation whose name has
# the same word ("Institute for AI Industry Research").
KIND_NOUNS = {
    "university": ("University",), "hospital": ("Hospital",), "institute": ("Institute",),
    "academy": ("Academy",), "laboratory": ("Laboratory", "Lab"), "lab": ("Lab", "Laboratory", "Labs"),
    "ministry": ("Ministry",), "bureau": ("Bureau",), "commission": ("Commission",), "agency": ("Agency",),
    "administration": ("Administration",), "center": ("Center", "Centre"), "centre": ("Centre", "Center"),
    "bank": ("Bank",), "exchange": ("Exchange",), "school": ("School",), "college": ("College",),
    "association": ("Association",), "alliance": ("Alliance",), "council": ("Council",),
    "foundation": ("Foundation",), "fund": ("Fund", "Capital"), "department": ("Department",),
    "office": ("Office",), "port": ("Port",), "society": ("Society",),
    "regulator": ("Commission", "Administration", "Bureau", "Authority"),
}
# Nouns for a business: they point back to the company the story is about, or the one named last.
COMPANY_NOUNS = frozenset(
    "company firm group startup start-up business joint-venture venture carmaker automaker chipmaker maker developer "
    "manufacturer operator provider platform lender insurer brokerage consultancy unicorn giant conglomerate "
    "subsidiary retailer supplier terminal carrier automaker".split())
# "the firm", "the consultancy": in an analyst's title, the research or investment firm cited last.
ANALYST_NOUNS = frozenset("firm consultancy brokerage".split())
FIRM_HEADS = ("Research", "Securities", "Capital", "Advisors", "Advisory", "Partners", "Insight", "Insights",
              "Consulting", "Management", "Investment", "Investments", "Analytics", "Data", "Intelligence", "Group")
# Units of an organisation: "the Guangxi branch", "the final assembly workshop" belong to the organisation
# the story is about.
UNIT_NOUNS = frozenset("branch division unit subsidiary workshop plant factory department team arm office".split())
_WORD = re.compile(r"[A-Za-z-]+(?:['\u2019]s)?")
REFERENCE_NOUNS = frozenset(KIND_NOUNS) | COMPANY_NOUNS | UNIT_NOUNS | ANALYST_NOUNS | {"its", "their"}


def reference_noun(phrase: str, limit: int = 12) -> str | None:
    """The first word of `phrase` that refers back to an organisation, without its possessive.

    >>> reference_noun("the hospital director and surgical specialist"), reference_noun("a professor at the institute")
    ('hospital', 'institute')
    >>> reference_noun("senior manager of the final assembly workshop of the joint venture")
    'workshop'
    """
    for word in _WORD.findall(phrase)[:limit]:
        word = re.sub(r"['\u2019]s$", "", word.lower())
        if word in REFERENCE_NOUNS:
            return word
    return None
# Organisations that report the story rather than act in it: a dateline agency, a cited source.
_REPORTER_CUE = re.compile(r"(?:\(\s*$|according to\s+$|told\s+$|(?:data|figures|report|survey) (?:from|by)\s+$)",
                           re.IGNORECASE)
_MEDIA_WORDS = ("News", "Daily", "Times", "Post", "Xinhua", "Reuters", "Bloomberg", "Agency", "Press", "Review",
                "Journal", "Herald", "Television", "TV", "Radio", "China")
# "(vice) minister of industry and information technology": the field names the ministry.
_MINISTER_FIELD = re.compile(
    r"\b(?:[Vv]ice[- ]|[Dd]eputy |[Aa]ssistant )?[Mm]inister of ((?:[A-Za-z]+)(?: (?:and )?[A-Za-z]+){0,5})")


class DocumentContext:
    """One document's sentences, mentions and organisations, with references resolved against them."""

    def __init__(self, body: str, mentions: list[Mention], sentences: SentenceIndex | None = None):
        self.body = body
        self.sentences = sentences or SentenceIndex(body)
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self.orgs = [m for m in self.mentions if m.entity_type == "organization"]
        self.people = [m for m in self.mentions if m.entity_type == "person"]

    # ------------------------------------------------------------ salience
    def is_reporter(self, org: Mention) -> bool:
        """A news agency in a dateline or a cited source ("(Xinhua)", "according to IDC") reports the story."""
        before = self.body[max(0, org.start - 30):org.start]
        return bool(_REPORTER_CUE.search(before))

    @cached_property
    def salient_orgs(self) -> list[Mention]:
        """Organisations the story is about, most salient first: one mention each (the first).

        Salience counts mentions that act in the story (not datelines or cited sources), with a bonus for the
        headline and the first paragraph, where news names its subject. Ties go to the one named first.
        """
        score: Counter = Counter()
        first: dict[str, Mention] = {}
        lead_end = self._lead_end
        for org in self.orgs:
            if self.is_reporter(org):
                continue
            first.setdefault(org.key, org)
            score[org.key] += 1 + (org.start < lead_end)
        return sorted(first.values(), key=lambda m: (-score[m.key], m.start))

    @cached_property
    def _lead_end(self) -> int:
        """End of the headline and first paragraph."""
        paragraphs = [p for p in re.finditer(r"[^\n]+", self.body)]
        return paragraphs[min(1, len(paragraphs) - 1)].end() if paragraphs else 0

    def subject(self, before: int | None = None, companies_only: bool = False) -> Mention | None:
        """The story's main organisation (named before `before`, when given)."""
        for org in self.salient_orgs:
            if before is not None and org.start >= before:
                continue
            if companies_only and not self.is_company(org):
                continue
            return self._latest_mention(org.key, before)
        return None

    def is_company(self, org: Mention) -> bool:
        """A business rather than a public body, school or news outlet."""
        words = org.name.split()
        public = ("Ministry", "Commission", "Bureau", "Administration", "University", "Academy", "Council",
                  "Government", "Office", "Department", "Agency", "Forum", "Association", "Institute", "Hospital")
        return not any(w in public for w in words) and not any(w in _MEDIA_WORDS for w in words[-1:])

    def _latest_mention(self, key: str, before: int | None) -> Mention:
        same = [m for m in self.orgs if m.key == key and (before is None or m.start < before)]
        return same[-1] if same else next(m for m in self.orgs if m.key == key)

    # ------------------------------------------------------------ references
    def resolve(self, phrase: str, pos: int) -> Mention | None:
        """The organisation a reference before `pos` points back to.

        "the institute's" -> the last organisation named "... Institute ..."; "the company", "its", "the joint
        venture" -> the company the story is about; "the Guangxi branch" -> the organisation whose unit it is.
        """
        noun = reference_noun(phrase)
        if noun is None:
            return None
        if noun in KIND_NOUNS:
            kind = self.last_of_kind(KIND_NOUNS[noun], pos)
            if kind is not None or noun not in UNIT_NOUNS:
                return kind
        if noun in ANALYST_NOUNS:
            # "the firm's analyst": the research or investment firm cited last, if any.
            firm = self.last_of_kind(FIRM_HEADS, pos, window=1500)
            if firm is not None:
                return firm
        # "the company", "its", "the joint venture", "the Guangxi branch": the company the story is about.
        return self.subject(pos, companies_only=True) or self.subject(pos)

    def nearest_before(self, pos: int, window: int) -> Mention | None:
        before = [o for o in self.orgs if pos - window <= o.start and o.end <= pos]
        return before[-1] if before else None

    def last_of_kind(self, heads: tuple[str, ...], pos: int, window: int = 3000) -> Mention | None:
        """The last organisation before `pos` whose name holds one of `heads` ("Institute")."""
        for org in reversed(self.orgs):
            if org.end <= pos and pos - org.end <= window and any(h in org.name.split() for h in heads):
                return org
        return None

    # ------------------------------------------------------------ implied organisations
    def implied_ministry(self, text: str) -> Mention | None:
        """ "vice minister of industry and information technology" -> the document's mention of the Ministry of
        Industry and Information Technology (the entity finder marks the field of a minister's title)."""
        match = _MINISTER_FIELD.search(text)
        if match is None:
            return None
        words = match.group(1).split()
        for n in range(len(words), 0, -1):
            wanted = "ministry of " + " ".join(words[:n]).lower()
            for org in self.orgs:
                if org.name.lower() == wanted or org.text.lower() == wanted:
                    return org
        return None
