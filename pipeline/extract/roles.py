"""People's roles: a named person's job or position, and the organisation it belongs to.

Belongs here: the patterns of English news writing that state a role around a
person mention ("X, chief analyst at Y", "Y's president X", "founder X"),
working over the mentions the entity finder produced for the same document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipeline.extract.context import ANALYST_NOUNS, COMPANY_NOUNS, DocumentContext, reference_noun
from pipeline.extract.entities import SPEECH_VERBS, TITLE_ALT, TITLE_HEADS, Mention
from pipeline.text import SentenceIndex

EXTRACTOR = "roles"
VERSION = "1.2.0"

_TITLE_ALT = TITLE_ALT
_TITLE = re.compile(r"\b(?:" + _TITLE_ALT + r")\b", re.IGNORECASE)
# Words between a person and a title that do not stop an apposition.
_APPOSITION_START = re.compile(r"^(?:\s*,|\s+[\u2013\u2014-])\s*(?:\d{2},\s*)?(?:who (?:is|was) (?:also |now )?|now |then )?(?:a |an |the )?")
_CLAUSE_END = re.compile(
    r"(?:;|,(?!\s+(?:and\s+)?(?:a |an |the )?(?:former |deputy |senior |vice |chief |executive )*(?:" + _TITLE_ALT + r")\b)"
    r"|\s+(?:said|says|told)\b|\s+in\s+(?:[A-Z][a-z]+)(?:[,.]|$)|[.!?](?:\s|$)|\"|\u201d|\s[\u2013\u2014]\s|\s-\s)",
    re.IGNORECASE,
)
_SPLIT_ROLES = re.compile(r"\s+and\s+(?=(?:a |an |the )?(?:[\w-]+['\u2019]s )?(?:former |deputy |senior |vice |chief |executive |co-)*(?:(?-i:[a-z][\w-]*) ){0,2}(?:" + _TITLE_ALT + r")\b)|;\s*", re.IGNORECASE)
# Words that modify a title ("former", "rotating") or join two ("founder and chief executive").
_TITLE_MODIFIERS = r"(?:former|deputy|senior|vice|chief|executive|rotating|acting|managing|general|founding|honorary|interim|co-|lead|principal|and)"
# The title words run as one atomic group (no backtracking between overlapping words such as "chief" and "chief
# executive"); that the run ends in a title is checked after the match.
_TITLE_BEFORE_NAME = re.compile(
    r"((?-i:(?:[Vv]ice[- ]|[Dd]eputy )?[Mm]inister of [A-Z][a-z]+(?: and)?(?: [A-Z][a-z]+(?: and)?)*)"
    r"|(?:(?<!\S)(?-i:(?!(?:" + "|".join(SPEECH_VERBS) + r")\b)[a-z][\w-]*)\s+)?"
    r"(?>(?:" + _TITLE_ALT + r"|" + _TITLE_MODIFIERS + r")(?:\s+(?:" + _TITLE_ALT + r"|" + _TITLE_MODIFIERS + r"))*))"
    r"(?:\s+|,\s+)$",
    re.IGNORECASE,
)
_ENDS_IN_TITLE = re.compile(r"(?:" + _TITLE_ALT + r")$", re.IGNORECASE)
_UNIT_WORDS = ("Lab", "Labs", "Laboratory", "Institute", "Academy", "Research", "Center", "Centre", "Division",
               "Department", "Team", "Unit", "Office", "Bureau")
# A title within the first words of an apposition ("the company's vice-president for investor relations").
_TITLE_NEAR_START = re.compile(r"^(?:[\w'\u2019-]+\s+){0,4}(?:" + TITLE_ALT + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Role:
    person_key: str
    title: str | None        # None when the text gives an affiliation only ("Li Ming of the bureau")
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
        title = re.sub(r"\s+(?:at|of|with|for|from|in|under)\s+(?:the\s+)?(?:(?!(?:at|of|with|for|from|in|under)\b)[\w-]+\s+){0,3}?"
                       + re.escape(org) + r"\b", "", title)
        title = title.replace(org, "")
    title = re.sub(r"^(?:a|an|the)\s+", "", title.strip(" ,"))
    title = re.sub(r"\s+(?:at|of|with|for|from|in|under)(?:\s+the)?\s*$", "", title)
    title = re.sub(r"\s{2,}", " ", title).strip(" ,")
    return title


def extract_roles(body: str, mentions: list[Mention], sentences: SentenceIndex | None = None) -> list[Role]:
    """Roles stated in `body` for the person mentions in `mentions`, resolved against the whole document."""
    ctx = DocumentContext(body, mentions, sentences)
    sentences = ctx.sentences
    orgs = ctx.orgs
    people = ctx.people
    # Roles by (person, organisation), in the order found; with a count of each person's roles, so adding one never
    # scans the roles found before it.
    roles: dict[tuple[str, str | None], Role] = {}
    per_person: Counter = Counter()

    def add(person: Mention, title: str | None, org: Mention | None, start: int, end: int,
            affiliation: bool = False) -> None:
        if affiliation and org is not None:
            title = title or None
        elif not title or not _TITLE.search(title):
            return
        key = (person.key, org.key if org else None)
        if key in roles:
            return
        # A role with no organisation adds nothing when the same person already has one with it.
        if org is None and per_person[person.key]:
            return
        if org is not None and roles.pop((person.key, None), None) is not None:
            per_person[person.key] -= 1
        per_person[person.key] += 1
        roles[key] = Role(person.key, title, org.key if org else None, start, end)

    for person in people:
        s_start, s_end = sentences.sentence_of(person.start, person.end)
        # 1. Apposition after the name: "X, [a] title at/of ORG [and title of ORG2]".
        after = body[person.end:s_end]
        lead = _APPOSITION_START.match(after)
        if lead:
            clause_start = person.end + lead.end()
            stop = _CLAUSE_END.search(body, clause_start, s_end)
            clause_end = stop.start() if stop else s_end
            # "chief physician of the neurology department, Huashan Hospital": the organisation after a comma.
            if stop and body[stop.start()] == "," and not ctx.orgs_within(clause_start, clause_end):
                nxt = ctx.first_org_after(clause_end)
                if nxt is not None and nxt.start - clause_end <= 3 and not body[clause_end + 1:nxt.start].strip():
                    clause_end = nxt.end
            clause = body[clause_start:clause_end]
            if _TITLE.match(clause) or _TITLE_NEAR_START.match(clause) or _possessive_org_first(clause_start, clause_end, ctx):
                _appositive_roles(body, person, clause_start, clause_end, ctx, add, article=lead.group(0))
        # 2. Title before the name: "ORG's title X", "ORG title X", "title X".
        before_start = max(s_start, person.start - 120)
        before = body[before_start:person.start]
        # Cheap test first: the word before the name must end a title ("... executive X", "Minister of ... X").
        tail = _LAST_WORD.search(before)
        worth_it = tail is not None and (tail.group(1).lower() in _TITLE_TAILS or "inister of" in before)
        match = _TITLE_BEFORE_NAME.search(before) if worth_it else None
        if match and "inister of" not in match.group(1) and not _ENDS_IN_TITLE.search(match.group(1)):
            match = None
        if match and match.group(0).rstrip().endswith(",") and not _OWNER_BEFORE_TITLE.search(
                body, max(s_start, before_start + match.start(1) - 40), before_start + match.start(1)) \
                and not _sentence_initial(body, s_start, before_start + match.start(1)):
            # "before they meet a physician, Yu Jintai, ...": a title and a comma need an owner ("Its chairman, X").
            match = None
        if match is None:
            # "Chief Engineer of the Ministry of Industry and Information Technology Zhao Min said".
            owner = ctx.org_ending_before(person.start, _OWNER_GAP)
            titled = _TITLE_OF_ORG.search(body, max(s_start, owner.start - 60), owner.start) if owner else None
            if titled:
                add(person, titled.group(1), owner, titled.start(), person.end)  # pos-searched: already absolute
                continue
        if match:
            title_start = before_start + match.start(1)
            minister = _MINISTER_OF.search(match.group(1))
            org = ctx.implied_ministry(match.group(1)) if minister else None
            org = org or ctx.org_ending_before(title_start, _OWNER_GAP)
            civic = _CIVIC_TITLE.search(match.group(1)) or _HEAD_OF_STATE.fullmatch(match.group(1).strip(" ,")) \
                or _NATIONALITY_BEFORE.search(body, max(s_start, title_start - 25), title_start)
            if org is None and _POSSESSIVE_REFERENCE.fullmatch(body[s_start:title_start].strip()):
                # "Its chairman, X", "The firm's president, X": the organisation the reference points back to.
                org = ctx.resolve(body[s_start:title_start].strip() + " " + match.group(1), s_start)
            if org is None and not civic:
                org = ctx.nearest_org_before(person.start, s_start)
                org = None if org is not None and ctx.is_reporter(org) else org
            if org is None and _sentence_initial(body, s_start, title_start) and not civic:
                # "Chief executive X told analysts": the document's main organisation.
                org = ctx.subject(person.start)
            if org is None and not civic and _CORPORATE_TITLE.search(match.group(1)) \
                    and not _INDEPENDENT_TITLE.search(match.group(1)):
                # "explained process engineer Cai Lin": staff of the company the story is about.
                org = ctx.subject(person.start, companies_only=True)
            title = _clean_title(match.group(1), [org.text] if org else [])
            if minister and org is not None:
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
            between = ctx.people_within(person.end, later.start()) if later is not None else []
            who = later if later is not None and not between else None
        if who:
            stop = _CLAUSE_END.search(body, who.end(), s_end)
            clause_end = stop.start() if stop else s_end
            clause_orgs = ctx.orgs_within(who.end(), clause_end)
            if clause_orgs:
                add(person, _VERB_TITLE[who.group(1)], clause_orgs[0], person.start, clause_orgs[0].end)
            elif reference_noun(body[who.end():clause_end]) is not None:
                # "who also heads its information center": the job is in the organisation "its" points back to.
                org = ctx.resolve(body[who.end():clause_end], person.start)
                unit = body[who.end():clause_end].strip()
                add(person, f"{_VERB_TITLE[who.group(1)]} of {_LEADING_REFERENCE.sub('the ', unit)}", org,
                    person.start, clause_end)
        # 5. "... joining ORG as a research scientist".
        for org in ctx.orgs_within(person.end + 1, s_end):
            if _JOINED_AS.search(body, max(person.end, org.start - 12), org.start):
                title = re.match(r"\s+as\s+(?:a |an |the )?((?:[\w-]+\s+){0,3}?(?:" + _TITLE_ALT + r"))\b",
                                 body[org.end:s_end], re.IGNORECASE)
                if title:
                    add(person, title.group(1), org, person.start, org.end + title.end())
        # 5b. "after working briefly as an engineer at drone maker DJI", "was previously a researcher at Google Brain":
        # a title at an organisation, stated by a verb in the person's own clause.
        nxt = ctx.people_within(person.end + 1, s_end)
        limit = nxt[0].start if nxt else s_end
        for stated in _TITLE_BY_VERB.finditer(body, person.end, limit):
            org = ctx.org_at(stated.end())
            if org is not None:
                add(person, stated.group(1), org, person.start, org.end)
        # 6. "said Li Ming of the Beijing bureau", "Li Ming from Lumenor said": an affiliation with no title.
        affiliated = _AFFILIATION.match(body, person.end, s_end)
        if affiliated:
            org = ctx.org_at(affiliated.end())
            if org is not None and _AFFILIATION_END.match(body, org.end):
                add(person, None, org, person.start, org.end, affiliation=True)
        # 7. "X, who had earlier worked at Baidu": a former affiliation stated by a verb.
        worked = _WORKED_AT.search(body, person.end, min(s_end, person.end + 80))
        if worked and not ctx.people_within(person.end + 1, worked.start()):
            org = ctx.org_at(worked.end())
            if org is not None:
                add(person, None, org, person.start, org.end, affiliation=True)
    # 8. "Lumenor's sales rose, its chief executive said on Friday. Wu Lan made the announcement ...": a title with
    # no name, then a person named for the first time at the start of the next sentence.
    first_seen: dict[str, Mention] = {}
    for person in people:
        first_seen.setdefault(person.key, person)
    for (s_start, s_end), (n_start, n_end) in zip(sentences.spans, sentences.spans[1:]):
        unnamed = _UNNAMED_SPEAKER.search(body, s_start, s_end)
        if unnamed is None or ctx.people_within(s_start, s_end):
            continue
        opener = ctx.person_at(n_start)
        if opener is None or first_seen[opener.key] is not opener or not _ACTS_AS_SPEAKER.match(body, opener.end, n_end):
            continue
        owner = unnamed.group("owner")
        org = (ctx.org_ending_before(unnamed.start("owner") + len(owner), _OWNER_GAP) if owner[0].isupper()
               else ctx.resolve(owner, unnamed.start()))
        add(opener, unnamed.group("title"), org, unnamed.start(), opener.end)
    for person in people:
        # 3. "ORG was founded in 2020 by X" / "founded by A, a former ..., and B" / "by former Tencent engineer X".
        s_start, s_end = sentences.sentence_of(person.start, person.end)
        founded = _FOUNDED_BY.search(body, s_start, person.start)
        if founded and _founder_list_reaches(body[founded.end():person.start]):
            org = _founded_subject(body, s_start, founded.start(), ctx) \
                or _subject_after_apposition(body, person.end, s_end, ctx)
            add(person, "founder", org, person.start, person.end)
    return list(roles.values())


_LAST_WORD = re.compile(r"([\w-]+)[,\s]*$")
_TITLE_TAILS = frozenset(t.split()[-1] for t in TITLE_HEADS)
# "its chief executive said", "the company's spokesperson told reporters": a speaker named only by title.
_UNNAMED_SPEAKER = re.compile(
    r"(?P<owner>\b[Ii]ts|\b[Tt]heir|\b[Tt]he (?:company|group|firm|startup|ministry|bank)['\u2019]s|[A-Z][\w-]*['\u2019]s)\s+"
    r"(?P<title>(?:(?:" + _TITLE_MODIFIERS + r")[\s-]+)*(?:" + _TITLE_ALT + r"))\s+(?:" + "|".join(SPEECH_VERBS) + r")\b")
# "Wu Lan made the announcement", "Wu Lan said", "Wu Lan, 52, added": the person goes on speaking or acting.
_ACTS_AS_SPEAKER = re.compile(r"(?:,\s+\d{2},)?\s+(?:made|gave|announced|said|told|added|spoke|unveiled|presented|"
                              r"explained|noted|revealed|disclosed)\b")
# Between an organisation and what it owns: "Baidu CEO", "Baidu's CEO".
_OWNER_GAP = re.compile(r"(?:['\u2019]s)?\s*")
# "The startup, backed by Alibaba, was founded", "the startup, which was founded": the founded thing is a reference.
_FOUNDED_REFERENCE = re.compile(r"^\W*(?:the|this|that)\s+((?:[\w-]+\s+)?[a-z-]+)\b(?=[^.;]*$)|"
                                r"\b(?:the|this|that)\s+([a-z-]+),?\s+(?:which|that)\s+(?:was|is|has been|had been)\s+$",
                                re.IGNORECASE)
# "Chief Engineer of the": a title, then the organisation it belongs to, then the name.
_TITLE_OF_ORG = re.compile(r"((?:(?:" + _TITLE_MODIFIERS + r")[\s-]+)*(?:" + _TITLE_ALT + r"))\s+of\s+(?:the\s+)?$",
                           re.IGNORECASE)
# An owner right before a title: "Its chairman, X", "Baidu's CEO, X", "Lumenor CEO, X".
_OWNER_BEFORE_TITLE = re.compile(r"(?:\b[Ii]ts|\b[Tt]heir|['\u2019]s|[A-Z][\w-]*)\s+$")
# "Its chairman, X", "The company's chief executive X".
_POSSESSIVE_REFERENCE = re.compile(r"(?:[Ii]ts|[Tt]heir|[Tt]he (?:company|group|firm|startup|start-up)['\u2019]s)")
# Titles of public office whose body a story rarely names ("Deputy Mayor X"): no organisation is guessed.
# "President Xi Jinping", "Premier Li Qiang": a capitalised title alone before a name is an office of state.
_HEAD_OF_STATE = re.compile(r"(?:(?:Vice|Former|former) )?(?:President|Premier|Prime Minister|Chancellor|King|Queen)")
# "Russian President", "U.S. Commerce Secretary", "French Finance Minister": a nationality before the title.
_NATIONALITY_BEFORE = re.compile(r"(?:\b(?:[A-Z][a-z]+(?:an|ese|ish|ian|ic|i)|U\.S\.|US|UK|EU|Chinese)\s+(?:[A-Z][a-z]+\s+)?)$")
_CIVIC_TITLE = re.compile(r"\b(?:mayor|governor|party secretary|premier|president of China|lawmaker|legislator|deputy)\b", re.IGNORECASE)
# "X, who heads Y" / "who also chairs Y": a job stated by a verb.
_WHO_VERB = re.compile(r",?\s*(?:\d{2},\s*)?who\s+(?:also\s+|now\s+)?(heads|leads|directs|chairs|runs|manages|oversees|founded|co-founded)\b")
_VERB_TITLE = {"heads": "head", "leads": "head", "directs": "director", "chairs": "chairman", "runs": "head",
               "manages": "manager", "oversees": "head", "founded": "founder", "co-founded": "co-founder"}
# "before joining Moonshot AI as a research scientist"
_JOINED_AS = re.compile(r"\bjoin(?:ed|ing|s)?\s+$")
_FOUNDED_BY = re.compile(r"\b(?:[Ff]ounded|[Cc]o-founded|[Ss]et up|[Ee]stablished|[Ss]tarted)\b[^.;]{0,40}?\bby\s+")
# "Li Ming of the Beijing bureau": the organisation right after "of" or "from" (and "the").
_AFFILIATION = re.compile(r"\s+(?:of|from|with)\s+(?:the\s+)?(?:(?:consultancy|brokerage|research firm|think tank|"
                          r"bank|firm|agency|institute|university|company)\s+)?")
# "working as an engineer at", "was previously a researcher at", "served as chief scientist of".
_TITLE_BY_VERB = re.compile(
    r"\b(?:(?:work(?:ed|ing|s)?|serv(?:ed|ing|es)|join(?:ed|ing)|start(?:ed|ing))\s+(?:\w+ly\s+)?as\s+|"
    r"(?:was|is|had been|has been|became|become)\s+(?:\w+ly\s+|also\s+|once\s+|later\s+|now\s+)?)"
    r"(?:(?:a|an|the)\s+)?((?:[\w-]+\s+){0,3}?(?:" + _TITLE_ALT + r"))\s+(?:at|of|with|for|in)\s+(?:the\s+)?"
    r"(?:(?-i:[a-z][\w-]*)\s+){0,2}", re.IGNORECASE)
# The affiliation ends the phrase: a comma, the sentence end, a quote or a verb of speech follows.
_AFFILIATION_END = re.compile(r"(?:['\u2019]s\b)?\s*(?:[,.;:\"\u201d)]|$|(?:" + "|".join(SPEECH_VERBS) + r")\b|in an\b)")
# "who had earlier worked at Baidu", "who previously worked for Tencent".
_WORKED_AT = re.compile(r"\bwho\s+(?:had\s+)?(?:earlier\s+|previously\s+|once\s+|also\s+|formerly\s+)?"
                        r"(?:worked|served)\s+(?:at|for|with|in)\s+(?:the\s+)?")
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


def _sentence_initial(body: str, s_start: int, pos: int) -> bool:
    return not body[s_start:pos].strip(" \"'\u201c")


def _subject_after_apposition(body: str, pos: int, limit: int, ctx: DocumentContext) -> Mention | None:
    """The organisation that opens the main clause after the founder: "Founded by X, a former ..., ORG makes",
    "Set up by X in early 2022, Shanghai-based ORG builds", "Founded by X – the founder of Y – in 2023, ORG"."""
    # Skip an apposition closed by a dash, so that the organisation inside it is not taken.
    dash = re.match(r"\s+[\u2013\u2014-]\s", body[pos:limit])
    if dash:
        close = re.search(r"\s[\u2013\u2014-]\s", body[pos + dash.end():limit])
        pos = pos + dash.end() + close.end() if close else pos
    for org in ctx.orgs_within(pos, limit):
        if re.search(r",\s*(?:the\s+)?(?:[\w-]+-based\s+)?$", body[pos:org.start]):
            return org
    return None


def _founded_subject(body: str, s_start: int, founded_at: int, ctx: DocumentContext) -> Mention | None:
    """What was founded: "The startup, backed by Alibaba, was founded by X" -> the startup (resolved), not Alibaba;
    "Tencent invested in the startup, which was founded by X" -> the startup; "ORG was founded by X" -> ORG."""
    before = body[s_start:founded_at]
    reference = _FOUNDED_REFERENCE.search(before)
    if reference:
        return ctx.resolve("the " + (reference.group(1) or reference.group(2)), s_start + reference.start())
    opener = ctx.org_at(s_start) or ctx.org_at(s_start + len(before) - len(before.lstrip(" \"'\u201c")))
    if opener is not None:
        return opener
    return ctx.nearest_org_before(founded_at + 1, s_start)


def _possessive_org_first(start: int, end: int, ctx: DocumentContext) -> bool:
    org = ctx.org_at(start)
    return org is not None and org.end < end


def _appositive_roles(body: str, person: Mention, clause_start: int, clause_end: int, ctx: DocumentContext,
                      add, article: str = "") -> None:
    """ "X, [a] title at/of ORG [and title of ORG2]": one role per piece of the apposition."""
    orgs = ctx.orgs
    pieces = []
    pos = clause_start
    for split in _SPLIT_ROLES.finditer(body, clause_start, clause_end):
        pieces.append((pos, split.start()))
        pos = split.end()
    pieces.append((pos, clause_end))
    last_org = None
    pending_title = None
    for p_start, p_end in pieces:
        piece_orgs = ctx.orgs_within(p_start, p_end)
        text = body[p_start:p_end]
        if not piece_orgs:
            ministry = ctx.implied_ministry(text)
            if ministry is not None:
                # "vice minister of industry and information technology": the ministry the title names.
                add(person, _clean_title(text[:text.lower().index("minister") + len("minister")], []), ministry,
                    person.start, p_end)
                last_org, pending_title = ministry, None
                continue
            # The article the apposition opened with belongs to its first piece ("X, the hospital director").
            lead = _ARTICLE.search(article) if p_start == clause_start else None
            refers = reference_noun((lead.group(0) if lead else "") + text) is not None
            if refers and _INDEPENDENT_TITLE.search(text) and reference_noun(text) in COMPANY_NOUNS - ANALYST_NOUNS \
                    and not _LEADING_REFERENCE.match(text):
                refers = False  # "an economist at the platform" is not the story's staff; "the company's analyst" is
            if refers or last_org is None:
                ref = last_org or ctx.resolve(text, person.start)
                if last_org is None:
                    pending_title = text if pending_title is None else pending_title
                    if ref is not None and refers:
                        # "the institute's executive dean": the title without the reference to its organisation.
                        title = _clean_title(_LEADING_REFERENCE.sub("", text), [])
                        add(person, title, ref, person.start, p_end)
                        last_org = ref
                        pending_title = None
                continue
            continue
        org = piece_orgs[0]
        # "Huawei's Noah's Ark Lab": the unit the possessive owner names is where the role is.
        for nxt in piece_orgs[1:]:
            if re.fullmatch(r"['\u2019]s\s+", body[org.end:nxt.start]) and nxt.text.endswith(_UNIT_WORDS):
                org = nxt
        # "founder of 360 Security Group and a member of ...": the title ends with its organisation.
        tail = _AND_NON_TITLE.search(body, max(o.end for o in piece_orgs), p_end)
        title = _clean_title(body[p_start:tail.start() if tail else p_end], [o.text for o in piece_orgs])
        if pending_title is not None and _TITLE.search(pending_title):
            # "founder and chief executive of Xiaomi": two titles in one organisation make one role.
            title = f"{_clean_title(pending_title, [])} and {title}"
        add(person, title, org, person.start, p_end)
        last_org = org
        pending_title = None
    if pending_title is not None:
        add(person, _clean_title(_LEADING_REFERENCE.sub("", pending_title), []), None, person.start, clause_end)


# "... of 360 Security Group and a member of the committee": what follows "and a" is no longer the title.
_AND_NON_TITLE = re.compile(r"\s+and\s+(?:a|an)\s+")
_ARTICLE = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)
_LEADING_REFERENCE = re.compile(r"^(?:the\s+)?(?:[\w-]+['\u2019]s|its|their)\s+", re.IGNORECASE)
# Titles of staff: with no organisation in the sentence, they belong to the company the story is about.
_CORPORATE_TITLE = re.compile(r"\b(?:chairman|chairwoman|ceo|cto|cfo|coo|president|chief|executive|manager|engineer|"
                              r"director|founder|co-founder|head|spokesperson|spokesman|spokeswoman|officer|partner|"
                              r"technician|supervisor|designer|developer|product)\b", re.IGNORECASE)
# Titles of people who speak for themselves or for a body the story names separately.
_INDEPENDENT_TITLE = re.compile(r"\b(?:analyst|economist|strategist|professor|researcher|scientist|academician|"
                                r"official|minister|mayor|governor|lawmaker|investor|consultant|adviser|advisor)\b",
                                re.IGNORECASE)


