"""A synthetic corpus of ~500-word conflict reports, from templates and vocabularies written for vedette.

Deterministic for a given seed. Each report has a headline, a dateline, an optional
"X reports:" attribution (reprints of an earlier report), body paragraphs built from event
and background sentences, and reader comments glued under the article.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

OUTLETS = ["Levant Monitor", "Euphrates Post", "Orontes Daily", "Badia Herald", "Baghdad Wire", "Tigris Times",
           "Gulf Dispatch", "Sirte Courier", "Sahel Observer", "Kivu Ledger"]
REGIONS = {
    "Syria": ["Deir ez-Zor", "Raqqa", "Palmyra", "Homs", "Aleppo", "Idlib", "Hama", "Latakia", "Abu Kamal", "Mayadin",
              "Tabqa", "Manbij", "Hasakah", "Qamishli", "Daraa", "the T-4 airbase", "Kuweires airbase"],
    "Iraq": ["Mosul", "Tal Afar", "Sinjar", "Kirkuk", "Tikrit", "Samarra", "Ramadi", "Fallujah", "Haditha", "Al-Qaim",
             "Baiji", "Tarmiyah", "Al-Asad Air Base", "Q-West"],
    "Libya": ["Sirte", "Misrata", "Tripoli", "Benghazi", "Derna", "Sabha", "Ajdabiya"],
    "Yemen": ["Marib", "Hodeidah", "Taiz", "Aden", "Sanaa", "Mocha"],
    "Mali": ["Gao", "Timbuktu", "Mopti", "Kidal", "Menaka", "Segou"],
}
ACTORS = {
    "Syria": ["the Syrian Arab Army", "Russian jets", "Islamic State fighters", "the SDF", "Turkish-backed factions",
              "HTS militants"],
    "Iraq": ["the Iraqi Army", "Popular Mobilization Forces", "Islamic State gunmen", "coalition aircraft",
             "Iraqi counter-terrorism units"],
    "Libya": ["forces of the Libyan National Army", "Misrata brigades", "GNU-aligned units", "local militias"],
    "Yemen": ["Houthi fighters", "Saudi-led coalition jets", "government troops", "tribal fighters"],
    "Mali": ["the Malian army", "JNIM militants", "Islamic State Sahel fighters", "Wagner contractors"],
}
EVENT_TEMPLATES = [
    "{actor} shelled positions near {place} on {day}, killing {n} people, according to local sources.",
    "{actor} attacked a checkpoint outside {place} late on {day}, and {n} soldiers were wounded in the clash.",
    "{actor} withdrew from several villages east of {place} after {n} days of fighting.",
    "{actor} sent reinforcements to {place} overnight, residents said.",
    "{actor} plans to launch an offensive on {place} in the coming weeks, officials told reporters.",
    "{actor} could strike {place} again if the ceasefire collapses, a spokesman warned.",
    "{actor} arrested {n} men in {place} on suspicion of smuggling weapons.",
    "Aid agencies delivered food and medicine to {place} on {day}, the first convoy in {n} weeks.",
    "Residents of {place} protested on {day} against power cuts and fuel shortages.",
    "{actor} accused rival groups of targeting civilians in {place}.",
    "Commanders from both sides met in {place} on {day} and agreed to exchange prisoners.",
    "{actor} denied that its units had bombed {place}, calling the reports fabricated.",
]
BACKGROUND = [
    "The area has changed hands several times since the war began, and many families have left for safer towns.",
    "Local councils say that schools remain closed and that the main hospital works on generator power only.",
    "Analysts say the road that runs through the district is vital for supplies moving between the two provinces.",
    "Humanitarian groups have repeatedly warned that the winter could worsen conditions in the displacement camps.",
    "The claims could not be independently verified, and both sides have traded accusations for months.",
    "Officials declined to give further details, citing the security situation in the surrounding countryside.",
    "Prices of bread and fuel have risen sharply in recent weeks, according to traders in the central market.",
    "The government has promised to rebuild damaged infrastructure but has so far released little funding.",
    "Most of the district's farmland lies along the river, where irrigation canals have silted up since the war.",
    "The town had a population of about forty thousand before the conflict, according to the last census.",
    "Mobile phone coverage is patchy, which makes it hard for journalists to reach residents directly.",
    "The province borders three others and sits on the main trade route to the coast.",
    "Teachers in the area have not been paid for four months, a union representative said.",
    "Many of the displaced live in unfinished buildings on the edge of the city, without running water.",
    "The local economy depends on wheat, livestock and remittances from relatives working abroad.",
    "Few international reporters have been allowed into the region since the spring.",
    "The United Nations describes the humanitarian situation in the province as one of the worst in the country.",
    "A bridge over the river, destroyed years ago, has still not been repaired.",
    "Electricity reaches most neighbourhoods for only a few hours a day.",
    "The last comprehensive survey of the district's water network dates from before the war.",
    "Community elders play a large role in settling disputes between families and tribes in the area.",
    "Journalists working in the region say that local sources often give conflicting accounts.",
    "Long queues form outside bakeries every morning, and flour is rationed in several villages.",
    "The nearest functioning hospital is two hours away by road, doctors in the town said.",
]
COMMENTS = [
    "I don't believe a word of this, they always lie about the numbers!!",
    "Finally some good news, keep going and finish the job.",
    "Who benefits from this? Think about it before you share.",
    "My cousin lives near there and says it is much worse than reported.",
    "Same story every week, nothing ever changes for ordinary people.",
    "Pray for the civilians, they are the ones who always pay.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _sentence_case(phrase: str) -> str:
    return phrase[0].upper() + phrase[1:]


def _report(rng: random.Random, index: int, start: date) -> dict[str, str]:
    country = rng.choice(list(REGIONS))
    places, actors = REGIONS[country], ACTORS[country]
    published = start + timedelta(days=rng.randrange(60))
    place = rng.choice(places)
    headline = f"{_sentence_case(rng.choice(actors))} active near {place} as fighting spreads in {country}"

    def sentence() -> str:
        return rng.choice(EVENT_TEMPLATES).format(actor=_sentence_case(rng.choice(actors)), place=rng.choice(places),
                                                  day=rng.choice(WEEKDAYS), n=rng.randrange(2, 40))

    paragraphs: list[str] = []
    words = 0
    while words < 470:
        # Reports interleave events with context. With this mix ~74 % of sentences pass the events
        # stage's surface filter (and get parsed): the bundled sample corpus has 76 %, general news
        # (LGL, TR-News, GeoVirus) 48-59 %; one event sentence in two would give 92 %.
        closing = sentence() if rng.random() < 0.5 else rng.choice(BACKGROUND)
        paragraph = " ".join([sentence(), *rng.sample(BACKGROUND, 2), closing])
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    source = rng.choice(OUTLETS)
    if rng.random() < 0.2:  # a reprint credits an upstream outlet
        paragraphs[0] = f"{rng.choice(OUTLETS)} reports: {paragraphs[0]}"
    comments = [rng.choice(COMMENTS) for _ in range(rng.randrange(0, 4))]
    text = "\n\n".join(paragraphs + comments)
    return {"id": f"synthetic-{index}", "title": headline, "text": text, "source": source,
            "url": f"https://{source.lower().replace(' ', '-')}.example/{index}",
            "published": f"{published.isoformat()}T08:00:00Z"}


def synthetic_reports(count: int, seed: int = 7) -> Iterator[dict[str, str]]:
    rng = random.Random(seed)
    for index in range(count):
        yield _report(rng, index, date(2026, 1, 1))


def write_jsonl(path: Path, count: int, seed: int = 7) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for record in synthetic_reports(count, seed):
            handle.write(json.dumps(record) + "\n")
    return path
