"""A synthetic corpus of ~500-word conflict reports, from templates and vocabularies written for vedette.

Deterministic for a given seed. Each report has a headline, body paragraphs of event and
background sentences whose slots (actors, places, verbs, phrases) are filled from vocabularies, so
that independent reports share few word sequences, as real ones do, and reader comments glued
under the article. One report in five reprints an earlier one with an "X reports:" credit.
"""

from __future__ import annotations

import json
import random
import re
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
    "{actor} [shelled] [positions] [near] {place} [on_day], killing {n} people, [sources_said].",
    "{actor} [attacked] a checkpoint [outside] {place} late [on_day], and {n} soldiers were wounded [in_clash].",
    "{actor} [withdrew] from [several] villages [east_of] {place} after {n} days of [fighting].",
    "{actor} sent [reinforcements] to {place} [overnight], [residents_said].",
    "{actor} [plans] to launch an offensive on {place} [soon], [officials_said].",
    "{actor} could strike {place} again if the ceasefire [collapses], a spokesman warned.",
    "{actor} arrested {n} [men] in {place} on suspicion of [smuggling].",
    "Aid agencies delivered [aid] to {place} [on_day], the first convoy in {n} weeks.",
    "[residents] of {place} protested [on_day] against [shortages].",
    "{actor} accused rival groups of targeting [civilians] in {place}.",
    "[commanders] met in {place} [on_day] and agreed to exchange [prisoners].",
    "{actor} denied that its units had bombed {place}, calling the reports [fabricated].",
]
BACKGROUND = [
    "The [area] has changed hands {n} times since the war began, and many families have left for [safer].",
    "[councils] say that schools remain closed and that the [hospital] works on generator power only.",
    "[analysts] say the road through {place} is vital for [goods] moving between the two provinces.",
    "[ngos] have warned that [season] could worsen conditions in the camps around {place}.",
    "The claims could not be independently verified, and both sides have traded accusations for [months].",
    "Officials declined to give further details, citing the security situation [countryside].",
    "Prices of [staple] have risen by {n} percent [lately], according to traders in {place}.",
    "The government has promised to rebuild [infrastructure] but has so far released little funding.",
    "Most of the farmland around {place} lies along the river, where [canals] have silted up.",
    "{place} had about {n} thousand inhabitants before the conflict, according to [census].",
    "Mobile phone coverage in {place} is patchy, which makes it hard to reach [residents] directly.",
    "Teachers in {place} have not been paid for {n} weeks, [union] said.",
    "Many of the displaced live in unfinished buildings on the edge of {place}, without [utility].",
    "The local economy depends on [economy] and remittances from relatives working abroad.",
    "Few international reporters have been allowed into {place} since [season_past].",
    "The United Nations describes the humanitarian situation in {place} as [dire].",
    "A bridge over the river near {place}, destroyed years ago, has still not been repaired.",
    "Electricity reaches most neighbourhoods of {place} for only {n} hours a day.",
    "Community elders play a large role in settling disputes between [kin] in {place}.",
    "Journalists covering {place} say that local sources often give conflicting accounts.",
    "Long queues form outside bakeries in {place} every morning, and [ration].",
    "The nearest functioning hospital is {n} hours away from {place} by road, [doctors] said.",
    "Roads leading out of {place} are dotted with [hazards], drivers say.",
    "Fuel for [machines] arrives in {place} only once every {n} days.",
]
VARIANTS = {
    "shelled": ["shelled", "bombarded", "pounded", "hit"],
    "positions": ["positions", "outposts", "trenches", "fortified points"],
    "near": ["near", "around", "on the outskirts of", "south of"],
    "on_day": [f"on {d}" for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")]
    + ["at dawn", "in the early hours", "late in the evening"],
    "sources_said": ["according to local sources", "a monitoring group said", "medics said", "a war monitor reported",
                     "witnesses told the outlet"],
    "attacked": ["attacked", "raided", "stormed", "ambushed"],
    "outside": ["outside", "at the entrance to", "on the road to", "west of"],
    "in_clash": ["in the clash", "in the exchange of fire", "during the fighting", "before the attackers fled"],
    "withdrew": ["withdrew", "pulled back", "retreated"],
    "several": ["several", "three", "a string of", "two"],
    "east_of": ["east of", "north of", "around", "in the hills above"],
    "fighting": ["fighting", "heavy clashes", "street battles", "shelling"],
    "reinforcements": ["reinforcements", "armoured vehicles", "fresh troops", "artillery units"],
    "overnight": ["overnight", "this week", "on Sunday night", "in recent days"],
    "residents_said": ["residents said", "a local journalist said", "activists reported", "according to witnesses"],
    "plans": ["plans", "is preparing", "intends", "has vowed"],
    "soon": ["in the coming weeks", "before the winter", "within days", "once the rains stop"],
    "officials_said": ["officials told reporters", "a commander said", "sources close to the command said"],
    "collapses": ["collapses", "breaks down", "is violated again"],
    "men": ["men", "people", "suspects", "young men"],
    "smuggling": ["smuggling weapons", "links to the insurgents", "planting explosives", "trafficking fuel"],
    "aid": ["food and medicine", "flour and blankets", "medical supplies", "drinking water"],
    "residents": ["Residents", "Farmers", "Students", "Shopkeepers"],
    "shortages": ["power cuts and fuel shortages", "rising bread prices", "the arrest of local men",
                  "delays in salary payments"],
    "civilians": ["civilians", "schools", "a market", "farmers"],
    "commanders": ["Commanders from both sides", "Tribal mediators", "Negotiators", "Local leaders"],
    "prisoners": ["prisoners", "the bodies of fighters", "detainees"],
    "fabricated": ["fabricated", "baseless", "propaganda", "an attempt to cover up losses"],
    "area": ["area", "district", "town", "valley"],
    "safer": ["safer towns", "the coast", "relatives in the capital", "camps near the border"],
    "councils": ["Local councils", "Aid workers", "Parents", "Municipal officials"],
    "hospital": ["main hospital", "only clinic", "district hospital", "field hospital"],
    "analysts": ["Analysts", "Traders", "Military observers", "Truck drivers"],
    "goods": ["supplies", "grain", "fuel tankers", "livestock"],
    "ngos": ["Humanitarian groups", "Relief agencies", "Doctors", "Camp managers"],
    "season": ["the winter", "the summer heat", "the coming floods", "the cold season"],
    "months": ["months", "weeks", "much of the year", "two years"],
    "countryside": ["in the surrounding countryside", "along the front line", "in the eastern villages"],
    "staple": ["bread and fuel", "rice and sugar", "cooking gas", "medicine"],
    "lately": ["in recent weeks", "since the spring", "this month", "over the past year"],
    "infrastructure": ["damaged infrastructure", "the power station", "the water network", "schools and clinics"],
    "canals": ["irrigation canals", "old pumping stations", "the ditches"],
    "census": ["the last census", "local records", "council estimates"],
    "union": ["a union representative", "their headmaster", "one of them", "the education office"],
    "utility": ["running water", "heating", "sanitation", "doors or windows"],
    "economy": ["wheat and livestock", "olive groves", "small trade", "fishing"],
    "season_past": ["the spring", "the last offensive", "the elections", "early last year"],
    "dire": ["one of the worst in the country", "critical", "deteriorating", "alarming"],
    "kin": ["families and tribes", "neighbouring villages", "rival clans", "landowners"],
    "ration": ["flour is rationed", "prices change daily", "fights sometimes break out", "many leave empty-handed"],
    "doctors": ["doctors", "nurses", "a paramedic", "patients"],
    "hazards": ["checkpoints", "craters", "burnt-out cars", "unexploded shells"],
    "machines": ["generators", "water pumps", "tractors", "bakeries"],
}
COMMENTS = [
    "I don't believe a word of this, they always lie about the numbers!!",
    "Finally some good news, keep going and finish the job.",
    "Who benefits from this? Think about it before you share.",
    "My cousin lives near there and says it is much worse than reported.",
    "Same story every week, nothing ever changes for ordinary people.",
    "Pray for the civilians, they are the ones who always pay.",
]
REPRINT_SHARE = 0.2
"""Share of reports that reprint an earlier one ("X reports: ..."), as partisan aggregators do."""
_VARIANT = re.compile(r"\[(\w+)\]")


def _sentence_case(phrase: str) -> str:
    return phrase[0].upper() + phrase[1:]


def _url(source: str, index: int) -> str:
    return f"https://{source.lower().replace(' ', '-')}.example/{index}"


def _fill(rng: random.Random, template: str, places: list[str], actors: list[str]) -> str:
    text = _VARIANT.sub(lambda m: rng.choice(VARIANTS[m.group(1)]), template)
    return text.format(actor=_sentence_case(rng.choice(actors)), place=rng.choice(places), n=rng.randrange(2, 40))


def _report(rng: random.Random, index: int, start: date) -> dict[str, str]:
    country = rng.choice(list(REGIONS))
    places, actors = REGIONS[country], ACTORS[country]
    published = start + timedelta(days=rng.randrange(60))
    place = rng.choice(places)
    headline = f"{_sentence_case(rng.choice(actors))} active near {place} as fighting spreads in {country}"
    paragraphs: list[str] = []
    words = 0
    while words < 470:
        # Reports interleave events with context. With this mix ~74 % of sentences pass the events
        # stage's surface filter (and get parsed): the bundled sample corpus has 76 %, general news
        # (LGL, TR-News, GeoVirus) 48-59 %; one event sentence in two would give 92 %.
        kinds = [EVENT_TEMPLATES, BACKGROUND, BACKGROUND, rng.choice([EVENT_TEMPLATES, BACKGROUND])]
        paragraph = " ".join(_fill(rng, rng.choice(kind), places, actors) for kind in kinds)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    source = rng.choice(OUTLETS)
    return {"id": f"synthetic-{index}", "title": headline, "body": "\n\n".join(paragraphs), "source": source,
            "url": _url(source, index), "published": published.isoformat()}


def _reprint(rng: random.Random, index: int, original: dict[str, str], source: str) -> dict[str, str]:
    """An aggregator's copy: credits the original outlet, may drop the last paragraph, appears days later."""
    paragraphs = original["body"].split("\n\n")
    if len(paragraphs) > 3 and rng.random() < 0.5:
        paragraphs = paragraphs[:-1]
    paragraphs[0] = f"{original['source']} reports: {paragraphs[0]}"
    published = date.fromisoformat(original["published"]) + timedelta(days=rng.randrange(0, 3))
    return {"id": f"synthetic-{index}", "title": original["title"], "body": "\n\n".join(paragraphs),
            "source": source, "url": _url(source, index),
            "published": published.isoformat()}


def synthetic_reports(count: int, seed: int = 7) -> Iterator[dict[str, str]]:
    """`count` reports as JSONL records (id, title, text, source, url, published); deterministic per seed."""
    rng = random.Random(seed)
    originals: list[dict[str, str]] = []
    reprinted_by: dict[str, set[str]] = {}
    for index in range(count):
        original = rng.choice(originals[-200:]) if originals and rng.random() < REPRINT_SHARE else None
        outlets = [o for o in OUTLETS if original and o not in reprinted_by[original["id"]]]
        if original and outlets:  # an outlet reprints a story once
            source = rng.choice(outlets)
            reprinted_by[original["id"]].add(source)
            report = _reprint(rng, index, original, source)
        else:
            report = _report(rng, index, date(2026, 1, 1))
            originals.append(report)
            reprinted_by[report["id"]] = {report["source"]}
        comments = [rng.choice(COMMENTS) for _ in range(rng.randrange(0, 4))]
        yield {"id": report["id"], "title": report["title"], "text": "\n\n".join([report["body"], *comments]),
               "source": report["source"], "url": report["url"], "published": f"{report['published']}T08:00:00Z"}


def write_jsonl(path: Path, count: int, seed: int = 7) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for record in synthetic_reports(count, seed):
            handle.write(json.dumps(record) + "\n")
    return path
