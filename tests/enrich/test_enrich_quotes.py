"""Quotes and their speakers (enrich/quotes.py): small texts, the seed golden, and never-raise properties."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.enrich.quotes import find_quotes, quote_spans, sentence_spans
from newstrace.model import Entity, Mention

SEED = "seeds/000_1195644db65fa4b1.txt"
PEOPLE = [("Olaf Scholz", "person", ["Scholz"]), ("Wang Yi", "person", ["Wang"]), ("Mary Jones", "person", ["Jones"]),
          ("John Smith", "person", ["Smith"]), ("Tim Cook", "person", ["Cook"]), ("Apple", "organisation", []),
          ("Germany", "place", [])]


def entities_for(paragraphs: list[str], spec=PEOPLE) -> list[Entity]:
    """Entities with a mention wherever one of their names occurs as a whole word (not "Xi" in "Xi’an")."""
    out = []
    for name, kind, variants in spec:
        mentions: list[Mention] = []
        for index, paragraph in enumerate(paragraphs):
            for form in sorted([name, *variants], key=len, reverse=True):
                for match in re.finditer(rf"\b{re.escape(form)}\b(?![’'])", paragraph):
                    if not any(m.paragraph == index and m.start < match.end() and match.start() < m.end
                               for m in mentions):
                        mentions.append(Mention(index, match.start(), match.end(), form))
        if mentions:
            out.append(Entity(name=name, type=kind, variants=variants, mentions=mentions))
    return out


def quotes_of(paragraphs: list[str], spec=PEOPLE):
    return find_quotes(paragraphs, entities_for(paragraphs, spec))


def speakers(paragraphs: list[str], spec=PEOPLE) -> list[tuple[str, str | None]]:
    return [(q.kind, q.speaker) for q in quotes_of(paragraphs, spec)]


@pytest.mark.parametrize("paragraphs, expected", [
    (["“We will not give in,” Scholz told reporters on Monday."], [("direct", "Olaf Scholz")]),
    (["“We will not give in,” said Scholz."], [("direct", "Olaf Scholz")]),
    (["German Chancellor Olaf Scholz said: “We stand with Ukraine.”"], [("direct", "Olaf Scholz")]),
    (["Scholz, who arrived on Sunday, said: “We stand with Ukraine.”"], [("direct", "Olaf Scholz")]),
    (["“It was a mistake,” said Mary Jones, a spokeswoman for the company."], [("direct", "Mary Jones")]),
    (['"We are very happy with the result," Cook told analysts. "Revenue grew strongly."'],
     [("direct", "Tim Cook"), ("direct", "Tim Cook")]),
    (["“We are ready,” Jones says."], [("direct", "Mary Jones")]),
    (["“We have to act now. There is no time to lose,” Scholz said, adding more."], [("direct", "Olaf Scholz")]),
    (["«We are ready to work together,» Wang said.", "„Fine words, all of them,“ said Jones."],
     [("direct", "Wang Yi"), ("direct", "Mary Jones")]),
    (["“No,” he said."], [("direct", None)]),
])
def test_direct_quote_speakers(paragraphs, expected):
    assert speakers(paragraphs) == expected


def test_pronoun_continues_the_previous_speaker():
    paragraphs = ["“We have a common goal,” Scholz told Wang.",
                  "“We are also united by the desire for peace,” he added."]
    assert speakers(paragraphs) == [("direct", "Olaf Scholz"), ("direct", "Olaf Scholz")]


def test_pronoun_prefers_a_person_just_named_in_its_paragraph():
    paragraphs = ["“It was a mistake,” said Jones.", "Smith disagreed. “We did nothing wrong,” he said."]
    assert speakers(paragraphs) == [("direct", "Mary Jones"), ("direct", "John Smith")]


def test_unattributed_quote_paragraph_continues_the_previous_speaker():
    paragraphs = ["“There are no differences between our two countries,” Wang said.",
                  "“We give each other support on topical issues.”"]
    assert speakers(paragraphs) == [("direct", "Wang Yi"), ("direct", "Wang Yi")]


def test_unattributed_quote_after_a_gap_has_no_speaker():
    paragraphs = ["“There are no differences at all,” Wang said.", "Talks went on.", "Trade grew.", "Prices fell.",
                  "“We give each other support on topical issues.”"]
    assert speakers(paragraphs)[-1] == ("direct", None)


def test_role_speaker_resolves_to_the_person_with_that_role():
    paragraphs = ["Foreign Minister Wang Yi met his counterpart on Tuesday.",
                  "“China is ready to work with all sides,” the minister said."]
    assert speakers(paragraphs) == [("direct", "Wang Yi")]


def test_role_speaker_without_a_match_is_unknown():
    assert speakers(["“The figures are clear to everyone,” the spokesman said."]) == [("direct", None)]


def test_unknown_name_is_kept_without_its_title():
    assert speakers(["“We will decide next week,” said Kyrgyz President Sadyr Zhaparov."]) == \
        [("direct", "Sadyr Zhaparov")]


def test_paragraph_ending_said_colon_introduces_the_quotes_after_it():
    paragraphs = ["Chief executive Simran Kaur said:", "“Our customers have changed how they shop.",
                  "“We will do everything we can to move colleagues into our other stores.”"]
    assert speakers(paragraphs) == [("direct", "Simran Kaur"), ("direct", "Simran Kaur")]


def test_quote_running_on_takes_the_speaker_named_in_the_next_paragraph():
    paragraphs = ["“We do not take this step lightly. Our members have been offered very little.",
                  "“They are tired of being taken for granted,” said Fiona McAllister, the union's organiser."]
    assert speakers(paragraphs) == [("direct", "Fiona McAllister"), ("direct", "Fiona McAllister")]


def test_the_head_of_the_speaker_phrase_speaks_not_the_organisation_before_it():
    spec = [("Terra Viva", "organisation", []), ("Marc Solé", "person", [])]
    assert speakers(["“Many of us will not plant at all,” said Terra Viva spokesman Marc Solé."], spec) == \
        [("direct", "Marc Solé")]
    spec = [("Pinpoint Asset Management", "organisation", []), ("Zhang Wei", "person", [])]
    assert speakers(["Zhang Wei, chief economist at Pinpoint Asset Management, said: “The recovery is narrow.”"],
                    spec) == [("direct", "Zhang Wei")]


def test_surname_alone_gives_the_full_name_and_ranks_are_dropped():
    spec = [("Trooper Dana Whitcomb", "person", ["Whitcomb"]), ("Imboden", "organisation", [])]
    paragraphs = ["“We used to say a loss of 2% was extreme,” said glaciologist Lukas Imboden.",
                  "“We are not disagreeing at all,” Imboden said.", "“The crews did an incredible job,” "
                  "Trooper Dana Whitcomb said."]
    assert speakers(paragraphs, spec) == [("direct", "Lukas Imboden"), ("direct", "Lukas Imboden"),
                                          ("direct", "Dana Whitcomb")]


def test_the_company_said_is_the_company_introduced_before():
    paragraphs = ["Electric carmaker Voltra will cut 1,800 jobs.",
                  "“These decisions are painful but necessary,” the company said in a statement."]
    assert speakers(paragraphs, []) == [("direct", "Voltra")]


def test_pronoun_after_reported_speech_in_the_previous_paragraph():
    paragraphs = ["Opposition leader Sipho Ndlovu called the budget “a betrayal of every young person”.",
                  "Finance Minister Thandi Mahlangu said the deficit would narrow to 4.5% of GDP.",
                  "“We have chosen responsibility over popularity,” she said."]
    assert speakers(paragraphs, []) == [("partial", "Sipho Ndlovu"), ("direct", "Thandi Mahlangu")]


def test_straight_single_quotes():
    paragraphs = ["Labour's spokesman, Ed Harkness, said there was 'no plan'. 'Families deserve better than this,' "
                  "he added."]
    assert speakers(paragraphs, []) == [("direct", "Ed Harkness")]


def test_partial_quote_takes_the_sentence_speaker():
    paragraphs = ["Wang Yi, speaking in Beijing, said the talks had been “frank and constructive and useful”."]
    quotes = quotes_of(paragraphs)
    assert [(q.kind, q.speaker, q.text) for q in quotes] == \
        [("partial", "Wang Yi", "frank and constructive and useful")]


def test_scare_quotes_are_not_quotes():
    paragraphs = ["Xi touts ‘lasting’ friendship and “enduring friendship” with Germany. “Weal and woe”.",
                  "Beijing’s use of “economic coercion” is on the agenda, and an “important” speech is due.",
                  "Scholz said the plan was “important”."]
    assert quotes_of(paragraphs) == []


def test_according_to_gives_an_attributed_statement():
    paragraphs = ["Xi will deliver an “important” speech on Friday, according to China’s foreign ministry."]
    quotes = quotes_of(paragraphs)
    assert [(q.kind, q.speaker, q.text) for q in quotes] == \
        [("attributed", "China’s foreign ministry", "Xi will deliver an “important” speech on Friday")]


def test_according_to_an_entity_gives_its_name():
    quotes = quotes_of(["According to Apple, sales rose in every region last quarter."])
    assert [(q.kind, q.speaker, q.text) for q in quotes] == \
        [("attributed", "Apple", "sales rose in every region last quarter")]


def test_quote_text_is_the_quoted_words_only():
    quote = quotes_of(["“We have a common goal, which is to intensify relations,” Scholz told Wang."])[0]
    assert quote.text == "We have a common goal, which is to intensify relations"
    assert quote.paragraph == 0


def test_single_quotes_are_quotes_only_around_sentences():
    spans = quote_spans("China’s leaders’ summit: ‘We don’t know yet,’ he said of the ‘lasting’ deal.")
    assert [span.text for span in spans] == ["We don’t know yet,", "lasting"]
    assert speakers(["‘We don’t know yet,’ Scholz said."]) == [("direct", "Olaf Scholz")]


def test_sentences_do_not_split_inside_quotes_or_after_titles():
    text = "“It is good. It is great,” Mr. Smith said. Then he left."
    assert [text[s:e] for s, e in sentence_spans(text)] == ["“It is good. It is great,” Mr. Smith said.",
                                                            "Then he left."]


def test_quotes_without_entities_still_get_a_speaker_name():
    assert [(q.speaker) for q in find_quotes(["“We will win this,” Smith said."], [])] == ["Smith"]


def test_seed_golden(shared_dir):
    from newstrace import parse
    article = parse((shared_dir / SEED).read_bytes())
    spec = [("Xi Jinping", "person", ["Xi"]), ("Kassym-Jomart Tokayev", "person", ["Tokayev"]),
            ("Sadir Japarov", "person", ["Japarov", "Sadyr Japarov"]), ("China", "place", []),
            ("Group of Seven", "organisation", [])]
    quotes = quotes_of(article.paragraphs, spec)
    direct = [(q.speaker, q.paragraph) for q in quotes if q.kind != "attributed"]
    assert direct == [("Kassym-Jomart Tokayev", 5), ("Kassym-Jomart Tokayev", 6), ("Sadir Japarov", 9),
                      ("Sadir Japarov", 10)]
    assert quotes[-1].text.startswith("We give each other support")
    attributed = [(q.speaker, q.paragraph) for q in quotes if q.kind == "attributed"]
    assert attributed == [("China’s foreign ministry", 1)]


def test_seed_golden_with_found_entities(shared_dir):
    """The same expectations with the entities the enrich stage finds itself (skips until it exists)."""
    entities_module = pytest.importorskip("newstrace.enrich.entities")
    from newstrace import parse
    from newstrace.enrich import EnrichOptions
    article = parse((shared_dir / SEED).read_bytes())
    entities = entities_module.find_entities([article], EnrichOptions(use_model=False))[0]
    direct = [q.speaker for q in find_quotes(article.paragraphs, entities) if q.kind != "attributed"]
    assert len(direct) == 4
    assert [name.split()[-1] for name in direct] == ["Tokayev", "Tokayev", "Japarov", "Japarov"]


PIECES = [*"abc XYZ.,;:!?“”‘’\"'«»„—-()0123456789\n", "said", " he ", "according to ", " the minister ", "“We ", "”"]
# Quote marks, speech verbs and names in random order, and arbitrary text besides.
TEXT = st.one_of(st.lists(st.sampled_from(PIECES), max_size=80).map("".join), st.text(max_size=200))


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, max_size=4), st.integers(0, 3))
def test_find_quotes_never_raises(paragraphs, offset):
    entities = [Entity("X Y", "person", ["X"], [Mention(0, offset, offset + 5, "X")]),
                Entity("Z", "organisation", [], [Mention(9, 0, 1, "Z")])]  # a mention outside the text is ignored
    for quote in find_quotes(paragraphs, entities):
        assert quote.kind in ("direct", "partial", "attributed")
        assert 0 <= quote.paragraph < len(paragraphs)
