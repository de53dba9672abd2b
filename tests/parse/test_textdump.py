from newstrace.parse.news import furniture_reason
from newstrace.parse.textdump import read_head, split_blocks


def test_split_blocks_by_blank_lines_and_stacked_short_lines():
    text = "May 3, 2024\nThe Courier\nNews you trust\n\nA headline here today\n\nFirst line of body\ncontinues here with more words and words and words and more.\n"
    assert split_blocks(text) == [
        "May 3, 2024", "The Courier", "News you trust", "A headline here today",
        "First line of body continues here with more words and words and words and more.",
    ]


def test_split_blocks_without_blank_lines_gives_one_block_per_line():
    assert split_blocks("one line\nsecond line\r\nthird") == ["one line", "second line", "third"]


def test_head_with_site_header_and_duplicate_title():
    blocks = ["November 2, 2024", "Valley Courier", "Local news first", "Bridge reopens after repairs",
              "Bridge reopens after repairs", "The bridge " + "word " * 40 + "end."]
    head = read_head(blocks, is_furniture=furniture_reason, is_byline=lambda b: False)
    assert head.title == "Bridge reopens after repairs"
    assert head.site_name == "Valley Courier" and head.page_date == "2024-11-02"
    assert head.body == blocks[5:]
    assert [r.reason for r in head.removed] == ["site-header"] * 3 + ["duplicate-title"]


def test_head_dates_below_the_title_are_story_dates():
    blocks = ["Bridge reopens after repairs", "Published: 18 May 2023", "The bridge " + "word " * 40 + "end."]
    head = read_head(blocks, is_furniture=furniture_reason, is_byline=lambda b: False)
    assert head.story_date == "2023-05-18" and head.page_date is None and head.body == blocks[2:]


def test_no_head_when_the_page_starts_with_body_text():
    blocks = ["The bridge " + "word " * 40 + "end.", "Another paragraph " + "word " * 30 + "end."]
    head = read_head(blocks, is_furniture=furniture_reason, is_byline=lambda b: False)
    assert head.title is None and head.body == blocks
