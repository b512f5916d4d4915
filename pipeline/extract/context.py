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
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from functools import cached_property
from itertools import islice

from pipeline.extract.entities import MINISTER_FIELD, Mention
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
_OPENER = re.compile(r"[\"'\u201c\s]*(?:(?:The|Shares of|Shares in|But|And|Meanwhile,|Still,|However,)\s+)?")
_ANALYST_WORDS = re.compile(r"\b(?:analyst|economist|strategist|research|researcher)", re.IGNORECASE)
# "the firm", "the consultancy": in an analyst's title, the research or investment firm cited last.
ANALYST_NOUNS = frozenset("firm consultancy brokerage".split())
FIRM_HEADS = ("Research", "Securities", "Capital", "Advisors", "Advisory", "Partners", "Insight", "Insights",
              "Consulting", "Management", "Investment", "Investments", "Analytics", "Data", "Intelligence", "Group")
# Units of an organisation: "the Guangxi branch", "the final assembly workshop" belong to the organisation
# the story is about.
UNIT_NOUNS = frozenset("branch division unit subsidiary workshop plant factory department team arm office".split())
_WORD = re.compile(r"[A-Za-z-]+(?:['\u2019]s)?")
REFERENCE_NOUNS = frozenset(KIND_NOUNS) | COMPANY_NOUNS | UNIT_NOUNS | ANALYST_NOUNS | {"its", "their"}


def reference_noun(phrase: str, limit: int = 14) -> str | None:
    """The first noun of `phrase` that refers back to an organisation, without its possessive.

    A noun refers back after "the", "this", "that", or as a possessive ("the institute's"); "its" and "their"
    always do. After "a" or "an" it describes rather than refers ("an analyst at a brokerage"). The search stops
    at a relative clause ("an economist who studies the platform economy").

    >>> reference_noun("the hospital director and surgical specialist"), reference_noun("a professor at the institute")
    ('hospital', 'institute')
    >>> reference_noun("senior manager of the final assembly workshop of the joint venture")
    'workshop'
    >>> reference_noun("an analyst at a Shanghai brokerage") is None
    True
    """
    definite = False
    for word in islice((m.group(0) for m in _WORD.finditer(phrase)), limit):  # the first words only, not all of them
        lower = word.lower()
        if lower in ("who", "which", "where", "whose"):
            return None

        if lower in ("its", "their"):
            return lower
        if lower in ("the", "this", "that"):
            definite = True
            continue
        if lower in ("a", "an"):
            definite = False
            continue
        possessive = bool(re.search(r"['\u2019]s$", lower))
        bare = re.sub(r"['\u2019]s$", "", lower)
        if bare in REFERENCE_NOUNS and (definite or possessive):
            return bare
        if lower in ("at", "of", "with", "for", "in", "from", "under", "and"):
            definite = False
    return None

# Organisations that report the story rather than act in it: a dateline agency, a cited source.
_REPORTER_CUE = re.compile(r"(?:\(\s*$|according to\s+$|told\s+$|(?:data|figures|report|survey) (?:from|by)\s+$)",
                           re.IGNORECASE)
_MEDIA_WORDS = ("News", "Daily", "Times", "Post", "Xinhua", "Reuters", "Bloomberg", "Agency", "Press", "Review",
                "Journal", "Herald", "Television", "TV", "Radio")


class DocumentContext:
    """One document's sentences, mentions and organisations, with references resolved against them."""

    def __init__(self, body: str, mentions: list[Mention], sentences: SentenceIndex | None = None):
        self.body = body
        self.sentences = sentences or SentenceIndex(body)
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self.orgs = [m for m in self.mentions if m.entity_type == "organization"]
        self.people = [m for m in self.mentions if m.entity_type == "person"]
        # Mentions do not overlap, so starts and ends are both sorted: look-ups by position are binary searches.
        self._org_starts = [o.start for o in self.orgs]
        self._org_ends = [o.end for o in self.orgs]
        self._person_starts = [p.start for p in self.people]

    # ------------------------------------------------------------ look-ups by position
    def orgs_within(self, lo: int, hi: int) -> list[Mention]:
        """Organisations that lie inside [lo, hi)."""
        out = []
        for i in range(bisect_left(self._org_starts, lo), len(self.orgs)):
            org = self.orgs[i]
            if org.start >= hi:
                break
            if org.end <= hi:
                out.append(org)
        return out

    def org_at(self, pos: int) -> Mention | None:
        """The organisation that starts at `pos`."""
        i = bisect_left(self._org_starts, pos)
        return self.orgs[i] if i < len(self.orgs) and self.orgs[i].start == pos else None

    def org_ending_before(self, pos: int, gap: re.Pattern) -> Mention | None:
        """The last organisation ending at or before `pos` when the text between matches `gap` entirely."""
        i = bisect_right(self._org_ends, pos) - 1
        if i < 0 or pos - self.orgs[i].end > 40:
            return None
        org = self.orgs[i]
        return org if gap.fullmatch(self.body, org.end, pos) else None

    def nearest_org_before(self, pos: int, limit: int) -> Mention | None:
        """The last organisation inside [limit, pos)."""
        i = bisect_right(self._org_ends, pos) - 1
        return self.orgs[i] if i >= 0 and self.orgs[i].start >= limit else None

    def first_org_after(self, pos: int) -> Mention | None:
        i = bisect_right(self._org_starts, pos)
        return self.orgs[i] if i < len(self.orgs) else None

    def people_within(self, lo: int, hi: int) -> list[Mention]:
        i, j = bisect_left(self._person_starts, lo), bisect_left(self._person_starts, hi)
        return self.people[i:j]

    def person_at(self, pos: int) -> Mention | None:
        i = bisect_left(self._person_starts, pos)
        return self.people[i] if i < len(self.people) and self.people[i].start == pos else None

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
        ranked, earliest = self._ranked[companies_only]
        # The first in salience order named before `before` is the first whose running earliest start is before it.
        i = 0 if before is None else bisect_right(earliest, -before)
        return self._latest_mention(ranked[i].key, before) if i < len(ranked) else None

    @cached_property
    def _ranked(self) -> dict[bool, tuple[list[Mention], list[int]]]:
        """For companies only (True) or all organisations (False): the salient ones, and for each the negated
        earliest start among it and those ranked above it, an ascending list subject() bisects instead of walking."""
        out = {}
        for companies_only in (False, True):
            ranked = [o for o in self.salient_orgs if not companies_only or self.is_company(o)]
            earliest, low = [], None
            for org in ranked:
                low = org.start if low is None else min(low, org.start)
                earliest.append(-low)
            out[companies_only] = ranked, earliest
        return out

    def is_company(self, org: Mention) -> bool:
        """A business rather than a public body, school or news outlet."""
        words = org.name.split()
        public = ("Ministry", "Commission", "Bureau", "Administration", "University", "Academy", "Council",
                  "Government", "Office", "Department", "Agency", "Forum", "Association", "Institute", "Hospital")
        return not any(w in public for w in words) and not any(w in _MEDIA_WORDS for w in words[-1:])

    def _latest_mention(self, key: str, before: int | None) -> Mention:
        """The last mention of `key` before `before` (else its first), looked up in that organisation's own mentions."""
        mentions, starts = self._orgs_by_key[key]
        i = len(mentions) if before is None else bisect_left(starts, before)
        return mentions[i - 1] if i > 0 else mentions[0]

    @cached_property
    def _orgs_by_key(self) -> dict[str, tuple[list[Mention], list[int]]]:
        """Each organisation's mentions in text order, and their starts."""
        out: dict[str, tuple[list[Mention], list[int]]] = defaultdict(lambda: ([], []))
        for org in self.orgs:
            out[org.key][0].append(org)
            out[org.key][1].append(org.start)
        return out

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
        if noun in ANALYST_NOUNS and _ANALYST_WORDS.search(phrase):
            # "the firm's chief analyst": the research or investment firm cited last, if any.
            firm = self.last_of_kind(FIRM_HEADS, pos, window=1500)
            if firm is not None:
                return firm
        if noun in ("its", "their"):
            # "Its chairman": the organisation named last in this or the previous sentence, or the institution that
            # sentence referred to ("the hospital's deputy director said. X, who heads its ...").
            antecedent = self._pronoun_antecedent(pos)
            if antecedent is not None:
                return antecedent
        # "the company", "its", "the joint venture", "the Guangxi branch": the company that the last few sentences
        # are about, else the one the story is about.
        companies = noun not in ("its", "their")
        return (self.recent_subject(pos, companies_only=companies) or self.subject(pos, companies_only=True)
                or self.subject(pos))

    def _pronoun_antecedent(self, pos: int) -> Mention | None:
        i = bisect_right(self._sentence_starts, pos) - 1
        if i < 0:
            return None
        near = self.nearest_org_before(pos, self.sentences.spans[i][0])
        if near is not None or i == 0:
            return near
        p_start, p_end = self.sentences.spans[i - 1]
        near = self.nearest_org_before(p_end, p_start)
        if near is not None:
            return near
        noun = reference_noun(self.body[p_start:p_end])
        if noun in KIND_NOUNS:
            return self.last_of_kind(KIND_NOUNS[noun], p_start)
        return None

    def recent_subject(self, pos: int, companies_only: bool = True, sentences: int = 4) -> Mention | None:
        """The organisation that opens one of the last few sentences before `pos` (the topic just discussed).

        "Cambricon said revenue jumped. The firm's founder, X, ..." -> Cambricon.
        """
        i = bisect_right(self._sentence_starts, pos) - 1
        for k in range(i, max(-1, i - sentences), -1):
            s_start, _ = self.sentences.spans[k]
            opener = self._sentence_opener(s_start)
            if opener is not None and opener.end <= pos and not self.is_reporter(opener) \
                    and (not companies_only or self.is_company(opener)):
                return opener
        return None

    def _sentence_opener(self, s_start: int) -> Mention | None:
        """An organisation at the start of a sentence, after at most an article or "Shares of"."""
        lead = _OPENER.match(self.body, s_start)
        return self.org_at(lead.end() if lead else s_start)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences.spans]


    def last_of_kind(self, heads: tuple[str, ...], pos: int, window: int = 3000) -> Mention | None:
        """The last organisation before `pos` whose name holds one of `heads` ("Institute")."""
        for i in range(bisect_right(self._org_ends, pos) - 1, -1, -1):
            org = self.orgs[i]
            if pos - org.end > window:
                break
            if any(h in org.name.split() for h in heads):
                return org
        return None

    # ------------------------------------------------------------ implied organisations
    def implied_ministry(self, text: str) -> Mention | None:
        """ "vice minister of industry and information technology" -> the document's mention of the Ministry of
        Industry and Information Technology (the entity finder marks the field of a minister's title)."""
        match = MINISTER_FIELD.search(text)
        if match is None:
            return None
        words = match.group(1).split()
        for n in range(len(words), 0, -1):
            wanted = "ministry of " + " ".join(words[:n]).lower()
            if wanted in self._orgs_by_name:
                return self._orgs_by_name[wanted]
        return None

    @cached_property
    def _orgs_by_name(self) -> dict[str, Mention]:
        """Each organisation name and mention text, lower-cased, to the first organisation mention that has it."""
        out: dict[str, Mention] = {}
        for org in self.orgs:
            out.setdefault(org.name.lower(), org)
            out.setdefault(org.text.lower(), org)
        return out
