"""Roles: a person's job or position and the organisation it belongs to."""

import pytest

from pipeline.extract.entities import EntityFinder
from pipeline.extract.registry import load_registry
from pipeline.extract.roles import extract_roles
from pipeline.settings import DEFAULT_REFERENCE

FINDER = EntityFinder(load_registry(DEFAULT_REFERENCE / "entities.csv"))


def roles_of(text):
    doc = FINDER.find(text)
    names = {}
    for m in doc.mentions:
        names.setdefault(m.key, m.name)
    return {(names[r.person_key], r.title, names.get(r.organization_key)) for r in extract_roles(text, doc.mentions)}


@pytest.mark.parametrize("text,expected", [
    ('"Prices will fall," said Luo Qinghua, chief analyst at Redwood Securities.',
     ("Luo Qinghua", "chief analyst", "Redwood Securities")),
    ("Qiu Anning, a fund manager at Hangzhou-based Meridian Asset Management, said demand was strong.",
     ("Qiu Anning", "fund manager", "Meridian Asset Management")),
    ("According to Pan Yuxin, head of the Ministry of Ocean Affairs, the fleet will grow.",
     ("Pan Yuxin", "head", "Ministry of Ocean Affairs")),
    ("Orchid Robotics chief executive Tian Bo said the robot ships in May.",
     ("Tian Bo", "chief executive", "Orchid Robotics")),
    ("Orchid Robotics's president Tian Bo said the robot ships in May.",
     ("Tian Bo", "president", "Orchid Robotics")),
    ("Yu Hanlin, general manager of Coral Bay Technology's cloud division, said costs fell.",
     ("Yu Hanlin", "general manager of the cloud division", "Coral Bay Technology")),
])
def test_role_patterns(text, expected):
    assert expected in roles_of(text)


def test_two_positions_in_two_organisations_are_two_roles():
    text = ("Pearl River Semiconductor was founded in 2019 by Kong Dewei, a former head of Nvidia's China business. "
            "Kong said supply was tight.")
    roles = roles_of(text)
    assert ("Kong Dewei", "founder", "Pearl River Semiconductor") in roles
    assert any(r[0] == "Kong Dewei" and r[2] == "Nvidia" for r in roles)


def test_title_before_name_at_sentence_start_takes_the_main_organisation():
    text = "Orchid Robotics said orders rose. Chief executive Tian Bo expects more growth."
    assert ("Tian Bo", "Chief executive", "Orchid Robotics") in roles_of(text)


def test_schooling_is_not_a_role():
    text = "Coral Bay Technology was started by Yu Hanlin, a graduate of Tsinghua University."
    assert not any(r[2] == "Tsinghua University" for r in roles_of(text))


def test_title_with_no_organisation():
    assert ("Fang Lu", "independent analyst", None) in roles_of("Demand is soft, said Fang Lu, an independent analyst.")
