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


def test_every_founder_in_a_list():
    text = ("Brightforge Labs was founded in 2022 by Shen Anran, a former researcher at Microsoft Research Asia, "
            "and Lu Pengfei, a former product director at Alibaba Group.")
    roles = roles_of(text)
    assert ("Shen Anran", "founder", "Brightforge Labs") in roles
    assert any(r[0] == "Lu Pengfei" and r[1] == "founder" for r in roles)
    assert any(r[0] == "Lu Pengfei" and r[2] == "Alibaba Group" for r in roles)


def test_founder_described_before_the_name():
    text = "Qinghe Robotics, founded in 2021 by former Tencent engineer Xu Haoran, raised money."
    roles = roles_of(text)
    assert ("Xu Haoran", "founder", "Qinghe Robotics") in roles


def test_minister_of_a_field_belongs_to_the_ministry():
    text = ("The Ministry of Ocean Affairs issued rules. Vice Minister of Ocean Affairs Tang Jinwei said the fleet "
            "would grow.")
    assert ("Tang Jinwei", "Vice Minister", "Ministry of Ocean Affairs") in roles_of(text)


def test_title_before_name_after_a_comma():
    text = "Coral Bay Technology's chief financial officer, Mo Lianhua, declined to comment."
    assert ("Mo Lianhua", "chief financial officer", "Coral Bay Technology") in roles_of(text)


def test_company_reference_resolves_to_the_story_subject():
    text = ("Orchid Robotics said orders doubled, citing Redwood Securities data. "
            "Tian Bo, the company's vice-president for sales, said more plants were coming.")
    roles = roles_of(text)
    assert any(r[0] == "Tian Bo" and r[2] == "Orchid Robotics" for r in roles)


def test_firm_reference_resolves_to_the_firm_just_cited():
    text = ("Orchid Robotics said orders doubled. Demand will triple, according to Redwood Securities. "
            '"Buyers are back," said Fan Jing, the firm\'s chief analyst.')
    assert ("Fan Jing", "chief analyst", "Redwood Securities") in {(a, b.replace("firm's ", ""), c) for a, b, c in roles_of(text)}


def test_role_in_an_owned_unit():
    text = "Cao Lin, a former principal researcher at Huawei's Noah's Ark Lab, joined the start-up."
    assert any(r[0] == "Cao Lin" and r[2] == "Noah's Ark Lab" for r in roles_of(text))


def test_two_roles_in_one_apposition():
    text = ("Fund flows are strong, said Ren Yue, a fund manager at Lianhe Asset Management and a former "
            "semiconductor analyst at Redwood Securities.")
    orgs = {r[2] for r in roles_of(text) if r[0] == "Ren Yue"}
    assert orgs == {"Lianhe Asset Management", "Redwood Securities"}
