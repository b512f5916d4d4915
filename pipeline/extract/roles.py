"""People's roles: a named person's job or position, and the organisation it belongs to.

Belongs here: the patterns of English news writing that state a role around a
person mention ("X, chief analyst at Y", "Y's president X", "founder X"),
working over the mentions the entity finder produced for the same document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.entities import TITLE_ALT, TITLE_HEADS, Mention
from pipeline.text import SentenceIndex

EXTRACTOR = "roles"
VERSION = "1.0.0"

_TITLE_ALT = TITLE_ALT
_TITLE = re.compile(r"\b(?:" + _TITLE_ALT + r")\b", re.IGNORECASE)
# Words between a person and a title that do not stop an apposition.
_APPOSITION_START = re.compile(r"^\s*,\s*(?:\d{2},\s*)?(?:who (?:is|was) (?:also |now )?|now |then )?(?:a |an |the )?")
_CLAUSE_END = re.compile(
    r"(?:;|,(?!\s+(?:and\s+)?(?:a |an |the )?(?:former |deputy |senior |vice |chief |executive )*(?:" + _TITLE_ALT + r")\b)"
    r"|\s+(?:said|says|told)\b|\s+in\s+(?:[A-Z][a-z]+)(?:[,.]|$)|[.!?](?:\s|$)|\"|\u201d)",
    re.IGNORECASE,
)
_SPLIT_ROLES = re.compile(r"\s+and\s+(?=(?:a |an |the )?(?:former |deputy |senior |vice |chief |executive |co-)*(?:(?-i:[a-z][\w-]*) ){0,2}(?:" + _TITLE_ALT + r")\b)|;\s*", re.IGNORECASE)
# Words that modify a title ("former", "rotating") or join two ("founder and chief executive").
_TITLE_MODIFIERS = r"(?:former|deputy|senior|vice|chief|executive|rotating|acting|managing|general|founding|honorary|interim|co-|lead|principal|and)"
_TITLE_BEFORE_NAME = re.compile(
    r"((?-i:(?:[Vv]ice |[Dd]eputy )?[Mm]inister of [A-Z][a-z]+(?: and)?(?: [A-Z][a-z]+(?: and)?)*)|(?:(?<!\S)(?-i:[a-z][\w-]*)\s+)?(?:(?:" + _TITLE_MODIFIERS + r"|" + _TITLE_ALT + r")\s+)*(?:" + _TITLE_ALT + r"))(?:\s+|,\s+)$",
    re.IGNORECASE,
)
_REFERENT = (r"(?:company|group|firm|terminal|platform|startup|start-up|factory|plant|bank|lender|insurer|hospital|lab|"
             r"laboratory|brokerage|fund|ministry|agency|regulator|university|carrier|operator|developer|maker|chipmaker|"
             r"automaker|exchange|port|unit|team|institute|consultancy)")
# "the company's", "the firm's", "its": a role in an organisation the text named earlier.
_COMPANY_REFERENCE = re.compile(r"\b(?:the\s+(?:[\w-]+-based\s+)?" + _REFERENT + r"\b|" + _REFERENT + r"['\u2019]s\b|its\b|their\b)",
                                re.IGNORECASE)
_UNIT_WORDS = ("Lab", "Labs", "Laboratory", "Institute", "Academy", "Research", "Center", "Centre", "Division",
               "Department", "Team", "Unit", "Office", "Bureau")
# A title within the first words of an apposition ("the company's vice-president for investor relations").
_TITLE_NEAR_START = re.compile(r"^(?:[\w'\u2019-]+\s+){0,4}(?:" + TITLE_ALT + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Role:
    person_key: str
    title: str
    organization_key: str | None
    char_start: int
    char_end: int


def _clean_title(text: str, org_texts: list[str]) -> str:
    """The title as stated, without the organisation's name ("general manager of the energy division")."""
    title = text
    for org in org_texts:
        # "head of Baidu AI Cloud's energy division" -> "head of the energy division"
        title = re.sub(re.escape(org) + r"['\u2019]s\b", "the", title)
        # "analyst at Hong Kong brokerage Harbourfront Securities" -> "analyst"
        title = re.sub(r"\s+(?:at|of|with|for|from|in)\s+(?:the\s+)?(?:(?!(?:at|of|with|for|from|in)\b)[\w-]+\s+){0,3}?"
                       + re.escape(org) + r"\b", "", title)
        title = title.replace(org, "")
    title = re.sub(r"^(?:a|an|the)\s+", "", title.strip(" ,"))
    title = re.sub(r"\s+(?:at|of|with|for|from|in)(?:\s+the)?\s*$", "", title)
    title = re.sub(r"\s{2,}", " ", title).strip(" ,")
    return title


def extract_roles(body: str, mentions: list[Mention], sentences: SentenceIndex | None = None) -> list[Role]:
    """Roles stated in `body` for the person mentions in `mentions`."""
    sentences = sentences or SentenceIndex(body)
    orgs = [m for m in mentions if m.entity_type == "organization"]
    people = [m for m in mentions if m.entity_type == "person"]
    roles: list[Role] = []
    seen: set[tuple[str, str | None]] = set()

    def add(person: Mention, title: str, org: Mention | None, start: int, end: int) -> None:
        if not title or not _TITLE.search(title):
            return
        key = (person.key, org.key if org else None)
        if key in seen:
            return
        # A role with no organisation adds nothing when the same person already has one with it.
        if org is None and any(k[0] == person.key for k in seen):
            return
        if org is not None and (person.key, None) in seen:
            roles[:] = [r for r in roles if not (r.person_key == person.key and r.organization_key is None)]
            seen.discard((person.key, None))
        seen.add(key)
        roles.append(Role(person.key, title, org.key if org else None, start, end))

    for person in people:
        s_start, s_end = sentences.sentence_of(person.start, person.end)
        # 1. Apposition after the name: "X, [a] title at/of ORG [and title of ORG2]".
        after = body[person.end:s_end]
        lead = _APPOSITION_START.match(after)
        if after.startswith(",") and lead:
            clause_start = person.end + lead.end()
            stop = _CLAUSE_END.search(body, clause_start, s_end)
            clause_end = stop.start() if stop else s_end
            clause = body[clause_start:clause_end]
            if _TITLE.match(clause) or _TITLE_NEAR_START.match(clause) or _possessive_org_first(clause_start, clause_end, orgs):
                _appositive_roles(body, person, clause_start, clause_end, orgs, mentions, add)
        # 2. Title before the name: "ORG's title X", "ORG title X", "title X".
        before_start = max(s_start, person.start - 120)
        before = body[before_start:person.start]
        # Cheap test first: the word before the name must end a title ("... executive X", "Minister of ... X").
        tail = _LAST_WORD.search(before)
        worth_it = tail is not None and (tail.group(1).lower() in _TITLE_TAILS or "inister of" in before)
        match = _TITLE_BEFORE_NAME.search(before) if worth_it else None
        if match:
            title_start = before_start + match.start(1)
            minister = _MINISTER_OF.search(match.group(1))
            org = _ministry(minister.group(1), orgs) if minister else None
            org = org or _org_ending_at(title_start, orgs, body)
            if org is None:
                org = _nearest_org_before(person.start, s_start, orgs)
            if org is None and _POSSESSIVE_REFERENCE.fullmatch(body[s_start:title_start].strip()):
                # "Its chairman, X": the organisation just named.
                org = _nearest_org_before(person.start, max(0, person.start - 600), orgs)
            if org is None and _sentence_initial(body, s_start, title_start) and not _CIVIC_TITLE.search(match.group(1)):
                # "Chief executive X told analysts": the document's main organisation.
                org = _nearest_org_before(person.start, 0, orgs, prefer_frequent=True, body=body)
            title = _clean_title(match.group(1), [org.text] if org else [])
            if minister:
                # "Vice Minister of Industry and ...": the title is "Vice Minister", the ministry its organisation.
                title = match.group(1)[: minister.start() + len("minister")].strip()
            add(person, title, org, min(title_start, org.start) if org else title_start, person.end)
    for person in people:
        s_start, s_end = sentences.sentence_of(person.start, person.end)
        # 4. "X, who heads/chairs/directs ... ORG": the job by its verb, in the organisation the clause names.
        who = _WHO_VERB.match(body, person.end, s_end)
        if who is None:
            # "X, a law professor at Y who also directs Z": the clause may follow the first apposition.
            later = _WHO_VERB.search(body, person.end, s_end)
            between = [p for p in people if person.end <= p.start and (later is None or p.start < later.start())]
            who = later if later is not None and not between else None
        if who:
            stop = _CLAUSE_END.search(body, who.end(), s_end)
            clause_end = stop.start() if stop else s_end
            clause_orgs = [o for o in orgs if who.end() <= o.start and o.end <= clause_end]
            if clause_orgs:
                add(person, _VERB_TITLE[who.group(1)], clause_orgs[0], person.start, clause_orgs[0].end)
        # 5. "... joining ORG as a research scientist".
        for org in orgs:
            if person.end < org.start < s_end and _JOINED_AS.search(body, max(person.end, org.start - 12), org.start):
                title = re.match(r"\s+as\s+(?:a |an |the )?((?:[\w-]+\s+){0,3}?(?:" + _TITLE_ALT + r"))\b",
                                 body[org.end:s_end], re.IGNORECASE)
                if title:
                    add(person, title.group(1), org, person.start, org.end + title.end())
    for person in people:
        # 3. "ORG was founded in 2020 by X" / "founded by A, a former ..., and B" / "by former Tencent engineer X".
        s_start, s_end = sentences.sentence_of(person.start, person.end)
        founded = _FOUNDED_BY.search(body, s_start, person.start)
        if founded and _founder_list_reaches(body[founded.end():person.start]):
            org = _nearest_org_before(founded.start() + 1, s_start, orgs) or _subject_after_apposition(body, person.end, s_end, orgs)
            add(person, "founder", org, person.start, person.end)
    return roles


_LAST_WORD = re.compile(r"([\w-]+)[,\s]*$")
_TITLE_TAILS = frozenset(t.split()[-1] for t in TITLE_HEADS)
# "Its chairman, X", "The company's chief executive X".
_POSSESSIVE_REFERENCE = re.compile(r"(?:[Ii]ts|[Tt]heir|[Tt]he (?:company|group|firm|startup|start-up)['\u2019]s)")
# Titles of public office whose body a story rarely names ("Deputy Mayor X"): no organisation is guessed.
_CIVIC_TITLE = re.compile(r"\b(?:mayor|governor|party secretary|premier|president of China|lawmaker|legislator|deputy)\b", re.IGNORECASE)
# "X, who heads Y" / "who also chairs Y": a job stated by a verb.
_WHO_VERB = re.compile(r",?\s*(?:\d{2},\s*)?who\s+(?:also\s+|now\s+)?(heads|leads|directs|chairs|runs|manages|oversees|founded|co-founded)\b")
_VERB_TITLE = {"heads": "head", "leads": "head", "directs": "director", "chairs": "chairman", "runs": "head",
               "manages": "manager", "oversees": "head", "founded": "founder", "co-founded": "co-founder"}
# "before joining Moonshot AI as a research scientist"
_JOINED_AS = re.compile(r"\bjoin(?:ed|ing|s)?\s+$")
_FOUNDED_BY = re.compile(r"\b[Ff]ounded\b[^.;]{0,40}?\bby\s+")
_MINISTER_OF = re.compile(r"\b[Mm]inister of ((?:[A-Z][a-z]+(?: and)? ?)+)")


def _founder_list_reaches(between: str) -> bool:
    """Whether a person after "founded ... by" is still in the list of founders."""
    if not between.strip():
        return True
    # "by former Tencent engineer X": a short description before the name.
    if re.fullmatch(r"(?:[\w'\u2019-]+\s+){1,4}", between) and not re.search(r"[,;]", between):
        return True
    # "by A, a former researcher at B, and X": the name after "and" in the same list.
    return len(between.split()) <= 25 and bool(re.search(r"(?:,\s*|\s)and\s+$", between)) and ";" not in between


def _ministry(field: str, orgs: list[Mention]) -> Mention | None:
    """ "Minister of Industry and Information Technology" -> the "Ministry of ..." mention in the document."""
    wanted = "ministry of " + " ".join(field.split()).lower()
    for org in orgs:
        if org.text.lower() == wanted or org.name.lower() == wanted:
            return org
    return None


def _sentence_initial(body: str, s_start: int, pos: int) -> bool:
    return not body[s_start:pos].strip(" \"'\u201c")


def _subject_after_apposition(body: str, pos: int, limit: int, orgs: list[Mention]) -> Mention | None:
    """The organisation that opens the main clause after "by X, a former ..., ORG makes"."""
    for org in orgs:
        if pos <= org.start < limit and re.search(r",\s*$", body[pos:org.start]):
            return org
    return None


def _possessive_org_first(start: int, end: int, orgs: list[Mention]) -> bool:
    return any(o.start == start and o.end < end for o in orgs)


def _appositive_roles(body, person, clause_start, clause_end, orgs, mentions, add) -> None:
    pieces = []
    pos = clause_start
    for split in _SPLIT_ROLES.finditer(body, clause_start, clause_end):
        pieces.append((pos, split.start()))
        pos = split.end()
    pieces.append((pos, clause_end))
    last_org = None
    pending_title = None
    for p_start, p_end in pieces:
        piece_orgs = [o for o in orgs if o.start >= p_start and o.end <= p_end]
        text = body[p_start:p_end]
        if not piece_orgs:
            if _COMPANY_REFERENCE.search(text) or last_org is None:
                ref = last_org or _referent(text, person.start, orgs)
                if last_org is None:
                    pending_title = text if pending_title is None else pending_title
                    if ref is not None and _COMPANY_REFERENCE.search(text):
                        add(person, _clean_title(text, []), ref, person.start, p_end)
                        last_org = ref
                        pending_title = None
                continue
            continue
        org = piece_orgs[0]
        # "Huawei's Noah's Ark Lab": the unit the possessive owner names is where the role is.
        for nxt in piece_orgs[1:]:
            if re.fullmatch(r"['\u2019]s\s+", body[org.end:nxt.start]) and nxt.text.endswith(_UNIT_WORDS):
                org = nxt
        title = _clean_title(text, [o.text for o in piece_orgs])
        add(person, title, org, person.start, p_end)
        last_org = org
        pending_title = None
    if pending_title is not None:
        add(person, _clean_title(pending_title, []), None, person.start, clause_end)


# Staff of "the company" or "the group" belong to the story's subject; "the firm's analyst" to the firm just cited,
# "a professor at the university" to the university just named.
_SUBJECT_REFERENTS = re.compile(r"\b(?:company|group|platform|terminal|startup|start-up|its|their)\b", re.IGNORECASE)
_KIND_REFERENT = re.compile(r"(?:\bthe\s+(?:[\w-]+\s+)?|^)(university|hospital|bank|institute|academy|laboratory|lab|fund|exchange|ministry|"
                            r"bureau|agency|commission|school|college|port|association|firm|consultancy|brokerage)\b",
                            re.IGNORECASE)
_FIRM_LIKE = ("Research", "Securities", "Capital", "Advisors", "Advisory", "Partners", "Insight", "Insights", "Consulting",
              "Management", "Investment", "Investments", "Analytics", "Data", "Intelligence", "Group")


def _referent(text: str, pos: int, orgs: list[Mention]) -> Mention | None:
    kind = _KIND_REFERENT.search(text)
    if kind:
        noun = kind.group(1).lower()
        recent = [o for o in orgs if max(0, pos - 1500) <= o.start and o.end <= pos]
        for org in reversed(recent):
            if noun in ("firm", "consultancy", "brokerage") and org.name.endswith(_FIRM_LIKE):
                return org
            if noun in org.name.lower():
                return org
    if _SUBJECT_REFERENTS.search(text) or kind is None:
        return _nearest_org_before(pos, max(0, pos - 2000), orgs, prefer_frequent=True)
    return _nearest_org_before(pos, max(0, pos - 600), orgs)


def _org_ending_at(title_start: int, orgs: list[Mention], body: str) -> Mention | None:
    for org in orgs:
        gap = body[org.end:title_start]
        if org.end <= title_start and re.fullmatch(r"(?:['\u2019]s)?\s*", gap):
            return org
    return None


def _nearest_org_before(pos: int, limit: int, orgs: list[Mention], prefer_frequent: bool = False, body: str = "") -> Mention | None:
    before = [o for o in orgs if limit <= o.start and o.end <= pos]
    if prefer_frequent and body:
        # A news agency in a dateline or credit ("(Reuters)", "(Xinhua)") is not the story's subject.
        before = [o for o in before if not (body[o.start - 1:o.start] == "(" and body[o.end:o.end + 1] in ")/")]
    if not before:
        return None
    if prefer_frequent:
        # The story's subject: the organisation named first, unless another is named at least twice as often.
        counts: dict[str, int] = {}
        for o in before:
            counts[o.key] = counts.get(o.key, 0) + 1
        best = max(counts.values())
        first = before[0]
        if 2 * counts[first.key] >= best:
            return first
        return next(o for o in before if counts[o.key] == best)
    return before[-1]
