"""The document context: salience, references and implied organisations, on documents written for the tests."""

from pipeline.extract.context import DocumentContext, reference_noun
from pipeline.extract.entities import EntityFinder
from pipeline.extract.registry import load_registry
from pipeline.settings import DEFAULT_REFERENCE

FINDER = EntityFinder(load_registry(DEFAULT_REFERENCE / "entities.csv"))


def context(body):
    return DocumentContext(body, FINDER.find(body).mentions)


def test_the_story_subject_is_the_most_mentioned_organisation_not_the_dateline_agency():
    body = ("SHENZHEN, May 2 (Xinhua) -- Lumenor Robotics said orders rose, according to Redwood Securities.\n\n"
            "Lumenor Robotics plans a second plant. Lumenor Robotics will hire 500 people.")
    assert context(body).subject().name == "Lumenor Robotics"


def test_a_company_noun_skips_public_bodies():
    body = ("The Ministry of Ocean Affairs approved the plan of Lumenor Robotics. The Ministry of Ocean Affairs "
            "said more would follow. The company's president spoke.")
    ctx = context(body)
    assert ctx.resolve("the company's president", len(body) - 10).name == "Lumenor Robotics"


def test_a_kind_noun_points_back_to_the_last_institution_of_that_kind():
    body = "Lumenor Robotics funds Harbour University. A professor at the university said so."
    ctx = context(body)
    assert ctx.resolve("a professor at the university", body.index("A professor")).name == "Harbour University"


def test_the_firm_of_an_analyst_is_the_research_firm_cited_last():
    body = "Lumenor Robotics grew, citing Redwood Securities data. The firm's analyst Mo Tian agreed."
    ctx = context(body)
    assert ctx.resolve("the firm's analyst", body.index("The firm")).name == "Redwood Securities"


def test_reference_noun_finds_the_first_word_that_refers_back():
    assert reference_noun("its chief executive") == "its"
    assert reference_noun("head of the Guangxi branch") == "branch"
    assert reference_noun("an independent analyst") is None


def test_implied_ministry_comes_from_the_documents_mentions():
    body = "Sun Qiao, vice minister of industry and information technology, opened the fair."
    assert context(body).implied_ministry("vice minister of industry and information technology").name == \
        "Ministry of Industry and Information Technology"
