import pytest

from newstrace.parse.agencies import agency_table
from newstrace.parse.news import analyse_blocks, furniture_reason, is_related_link


@pytest.mark.parametrize(
    "block, reason",
    [
        ("See also  Zelensky warns of Russian efforts to stop Kiev's forces", "related-link"),
        ("Read more: Council votes to close harbour bridge", "related-link"),
        ("ALSO READ | Floods hit northern valleys", "related-link"),
        ("Our standards: Thomson Reuters Trust Principles.", "standards-footer"),
        ("© 2024 Harbourside Daily. All rights reserved.", "copyright"),
        ("Copyright 2023 The Associated Press. All rights reserved.", "copyright"),
        ("We use cookies to improve your experience on our site.", "cookie-notice"),
        ("Subscribe to our newsletter for the day's top stories", "subscribe-prompt"),
        ("Share this: Facebook Twitter WhatsApp", "share-widget"),
        ("Facebook Twitter Email", "share-widget"),
        ("ADVERTISEMENT", "advertisement"),
        ("FILE PHOTO: A ferry leaves the harbour in Gdansk. REUTERS/Ola Nowak/File Photo", "caption"),
        ("Skip to main content", "navigation"),
        ("12 comments", "comments"),
    ],
)
def test_furniture_reasons(block, reason):
    assert furniture_reason(block) == reason


@pytest.mark.parametrize(
    "block",
    [
        "See also the ministry's own report, which found that spending rose by a third over two years.",
        "Read the full statement, the minister told reporters, and you will see that nothing has changed.",
        "Share prices fell 3% on Monday after the company cut its forecast for the year.",
        "Subscribers to the service will pay 5 euros more a month from June, the company said.",
        "The photo agency said it would appeal.",
    ],
)
def test_prose_is_not_furniture(block):
    assert furniture_reason(block) is None


def test_related_link_needs_a_short_title_like_rest():
    assert is_related_link("See also  Markets rally as rates hold")
    assert not is_related_link("See also the appendix, where the authors explain how the survey was weighted.")


def test_analyse_blocks_moves_dateline_credits_and_furniture():
    blocks = [
        "Harbour deal signed",
        "GDANSK, Poland (Reuters) - Port officials signed a deal on Monday.",
        "Read more: Ferry fares rise again",
        "“It is a good day,” the mayor said.",
        "(Reporting by Ola Nowak; Editing by Tim Reed)",
        "Our standards: The Thomson Reuters Trust Principles.",
    ]
    news = analyse_blocks(blocks, title="Harbour deal signed", agencies=agency_table())
    assert news.paragraphs == ["Port officials signed a deal on Monday.", "“It is a good day,” the mayor said."]
    assert (news.dateline.place, news.dateline.agency, news.agency) == ("GDANSK, Poland", "Reuters", "Reuters")
    assert news.credits == {"reporting": ["Ola Nowak"], "editing": ["Tim Reed"]}
    assert [r.reason for r in news.removed] == ["duplicate-title", "related-link", "credits", "standards-footer"]


def test_agency_from_byline_when_no_dateline():
    blocks = ["By Lena Wolf, Bloomberg", "Shares rose on Tuesday as investors weighed the figures."]
    news = analyse_blocks(blocks, title=None, agencies=agency_table())
    assert news.agency == "Bloomberg" and news.credits == {"author": ["Lena Wolf"]}
    assert news.paragraphs == ["Shares rose on Tuesday as investors weighed the figures."]
