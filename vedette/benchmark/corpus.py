"""A synthetic corpus of ~500-word conflict reports, from templates and vocabularies written for vedette.

Deterministic for a given seed. Each report has a headline, body paragraphs of event and
background sentences whose slots (actors, places, verbs, phrases) are filled from vocabularies, and
reader comments glued under the article. One report in five reprints an earlier one with an "X reports:"
credit. Independent reports must stay well below the reprint threshold (word 3-shingle Jaccard 0.3):
with a slot every few words, two reports of one country share a median 0.08 of their shingles and at
most 0.19 (1,500 reports). With fewer slots they shared 0.15 and up to 0.29, and MinHash estimates of
such pairs crossed the threshold often enough to chain hundreds of reports into one "reprint" cluster.
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
    "{actor} [shelled] [positions] [near] {place} [on_day], killing {n} [people], [sources_said].",
    "{actor} [attacked] a [checkpoint] [outside] {place} [late] [on_day], and {n} [soldiers] were wounded [in_clash].",
    "{actor} [withdrew] from [several] [villages] [east_of] {place} after {n} days of [fighting].",
    "{actor} sent [reinforcements] to {place} [overnight], [residents_said].",
    "{actor} [plans] to launch [an_offensive] on {place} [soon], [officials_said].",
    "{actor} could strike {place} again if the [ceasefire] [collapses], [a_spokesman] warned.",
    "{actor} arrested {n} [men] in {place} [on_suspicion] [smuggling].",
    "[aid_groups] delivered [aid] to {place} [on_day], the first [convoy] in {n} [weeks].",
    "[residents] of {place} protested [on_day] against [shortages].",
    "{actor} accused [rivals] of targeting [civilians] in {place}.",
    "[commanders] met in {place} [on_day] and [agreed] to exchange [prisoners].",
    "{actor} denied that [its_units] had bombed {place}, calling the [reports] [fabricated].",
]
BACKGROUND = [
    "The [area] has changed hands {n} times since [the_war], and [many_families] have left for [safer].",
    "[councils] say that [schools] remain closed and that the [hospital] [runs_on] generator power [only].",
    "[analysts] say the [road] through {place} is [vital] for [goods] moving between [the_provinces].",
    "[ngos] have warned that [season] could [worsen] conditions in the [camps] around {place}.",
    "The [claims] could not be [verified], and [both_sides] have traded accusations for [months].",
    "[officials] declined to give [details], citing the [security] situation [countryside].",
    "Prices of [staple] have risen by {n} percent [lately], [according_to] [traders] in {place}.",
    "The [government] has promised to rebuild [infrastructure] but has so far released [little_funding].",
    "[most_farmland] around {place} lies along the [river], where [canals] have silted up.",
    "{place} had about {n} thousand [inhabitants] before the [conflict], [according_to] [census].",
    "[phone_coverage] in {place} is [patchy], which makes it hard to reach [residents] directly.",
    "[teachers] in {place} have not been paid for {n} weeks, [union] said.",
    "[many_displaced] live in [unfinished] buildings on the [edge] of {place}, without [utility].",
    "The [local_economy] depends on [economy] and [remittances] from relatives working abroad.",
    "[few_reporters] have been allowed into {place} since [season_past].",
    "The [un_body] describes the [humanitarian] situation in {place} as [dire].",
    "A [bridge] over the [river] near {place}, destroyed [years_ago], has still not been repaired.",
    "[electricity] reaches [most_districts] of {place} for only {n} hours a day.",
    "[elders] play a large role in settling [disputes] between [kin] in {place}.",
    "[journalists] covering {place} say that [local_sources] often give [conflicting] accounts.",
    "[queues] form outside [bakeries] in {place} every [morning], and [ration].",
    "The nearest [functioning] hospital is {n} hours away from {place} by [road], [doctors] said.",
    "[roads] leading out of {place} are dotted with [hazards], [drivers] say.",
    "[fuel] for [machines] arrives in {place} only once every {n} days.",
]
VARIANTS = {
    "people": ["people", "civilians", "fighters", "residents", "members of one family", "passers-by"],
    "checkpoint": ["checkpoint", "roadblock", "military post", "guard post", "patrol base"],
    "late": ["late", "early", "shortly before noon", "around midday", "just after sunset"],
    "soldiers": ["soldiers", "guards", "conscripts", "militiamen", "policemen"],
    "villages": ["villages", "hamlets", "farms", "hilltops", "settlements"],
    "an_offensive": ["an offensive", "a major assault", "a fresh push", "a ground operation", "a counter-attack"],
    "ceasefire": ["ceasefire", "truce", "local deal", "de-escalation agreement", "humanitarian pause"],
    "a_spokesman": ["a spokesman", "its media office", "a field commander", "a senior official", "the group's envoy"],
    "on_suspicion": ["on suspicion of", "accused of", "for alleged", "charged with", "after a tip-off about"],
    "aid_groups": ["Aid agencies", "The Red Crescent", "A UN team", "Local charities", "Relief workers"],
    "convoy": ["convoy", "delivery", "shipment", "aid drop", "lorry column"],
    "weeks": ["weeks", "months", "days", "fortnights"],
    "rivals": ["rival groups", "the other side", "its opponents", "government forces", "unnamed militias"],
    "agreed": ["agreed", "promised", "pledged", "arranged", "decided"],
    "its_units": ["its units", "its aircraft", "its fighters", "its gunners", "any of its men"],
    "reports": ["reports", "claims", "accusations", "videos", "allegations"],
    "the_war": ["the war began", "the uprising", "the first offensive", "the front moved", "the fighting started"],
    "many_families": ["many families", "thousands of people", "most young men", "entire clans", "half the residents"],
    "schools": ["schools", "most classrooms", "the university", "the markets", "the courts"],
    "runs_on": ["runs on", "depends on", "relies on", "survives on", "operates with"],
    "only": ["only", "alone", "most of the time", "for now", "at night"],
    "road": ["road", "highway", "main route", "desert track", "bridge road"],
    "vital": ["vital", "essential", "the only route", "critical", "too dangerous"],
    "the_provinces": ["the two provinces", "the border and the coast", "the capital and the south", "rival zones"],
    "worsen": ["worsen", "deepen", "aggravate", "sharply degrade", "further strain"],
    "camps": ["camps", "shelters", "tent settlements", "informal sites", "collective centres"],
    "claims": ["claims", "figures", "casualty counts", "accounts", "statements"],
    "verified": ["independently verified", "confirmed", "checked on the ground", "corroborated", "cross-checked"],
    "both_sides": ["both sides", "the warring parties", "rival camps", "local factions", "the two coalitions"],
    "officials": ["Officials", "Spokesmen", "Military sources", "Hospital staff", "Local authorities"],
    "details": ["further details", "casualty figures", "names", "a timeline", "comment"],
    "security": ["security", "tense", "volatile", "military", "unstable"],
    "according_to": ["according to", "say", "reports", "as told by", "estimates"],
    "traders": ["traders", "shopkeepers", "market vendors", "wholesalers", "bakers"],
    "government": ["government", "governor", "ministry", "local council", "provincial authority"],
    "little_funding": ["little funding", "almost nothing", "a fraction of the money", "no budget", "few permits"],
    "most_farmland": ["Most of the farmland", "Much of the cropland", "The orchards", "Wheat fields", "Grazing land"],
    "river": ["river", "valley floor", "wadi", "canal bank", "lake shore"],
    "inhabitants": ["inhabitants", "residents", "people", "households", "registered voters"],
    "conflict": ["conflict", "war", "siege", "crisis", "exodus"],
    "phone_coverage": ["Mobile phone coverage", "Internet access", "The telephone network", "Signal"],
    "patchy": ["patchy", "unreliable", "cut most days", "limited", "jammed"],
    "teachers": ["Teachers", "Nurses", "Municipal workers", "Police officers", "Cleaners"],
    "many_displaced": ["Many of the displaced", "Families who fled", "Returnees", "Newcomers", "Widows and children"],
    "unfinished": ["unfinished", "bombed-out", "abandoned", "half-built", "crowded"],
    "edge": ["edge", "outskirts", "southern side", "old quarter", "ring road"],
    "local_economy": ["local economy", "town's income", "district budget", "market", "tribe's wealth"],
    "remittances": ["remittances", "money transfers", "cash", "help", "payments"],
    "few_reporters": ["Few international reporters", "No foreign journalists", "Hardly any observers",
                      "Only a handful of aid workers", "No independent monitors"],
    "un_body": ["United Nations", "UN refugee agency", "World Food Programme", "Red Cross", "health ministry"],
    "humanitarian": ["humanitarian", "medical", "food", "housing", "sanitary"],
    "bridge": ["bridge", "dam", "pumping station", "power line", "water tower"],
    "years_ago": ["years ago", "in the first year of the war", "during the siege", "by an airstrike", "in a flood"],
    "electricity": ["Electricity", "Running water", "Gas", "State power", "The grid"],
    "most_districts": ["most neighbourhoods", "the old town", "the eastern districts", "the villages", "some homes"],
    "elders": ["Community elders", "Tribal sheikhs", "Religious leaders", "Village heads", "Retired judges"],
    "disputes": ["disputes", "quarrels", "land claims", "blood feuds", "water rows"],
    "journalists": ["Journalists", "Researchers", "Monitors", "Analysts", "Diplomats"],
    "local_sources": ["local sources", "residents", "officials", "activists", "hospital staff"],
    "conflicting": ["conflicting", "partial", "contradictory", "exaggerated", "second-hand"],
    "queues": ["Long queues", "Crowds", "Lines of women", "Children", "Dozens of men"],
    "bakeries": ["bakeries", "petrol stations", "water points", "banks", "aid centres"],
    "morning": ["morning", "day", "week", "evening", "Friday"],
    "functioning": ["functioning", "equipped", "open", "staffed", "surgical"],
    "roads": ["Roads", "Tracks", "Highways", "Lanes", "Paths"],
    "drivers": ["drivers", "travellers", "smugglers", "bus operators", "farmers"],
    "fuel": ["Fuel", "Diesel", "Spare parts", "Oil", "Petrol"],
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
REPORTS_PER_DAY = 2000 / 60
"""How fast the corpus accrues: a larger corpus covers more days, as a feed does, rather than packing ever
more reports into the same weeks. The windowed steps (reprints within 60 days, incidents within 3) then see
the same density at every size, so the scaling runs measure the code's growth, not a denser conflict."""
_VARIANT = re.compile(r"\[(\w+)\]")


def _sentence_case(phrase: str) -> str:
    return phrase[0].upper() + phrase[1:]


def _url(source: str, index: int) -> str:
    return f"https://{source.lower().replace(' ', '-')}.example/{index}"


def _fill(rng: random.Random, template: str, places: list[str], actors: list[str]) -> str:
    text = _VARIANT.sub(lambda m: rng.choice(VARIANTS[m.group(1)]), template)
    return text.format(actor=_sentence_case(rng.choice(actors)), place=rng.choice(places), n=rng.randrange(2, 40))


def _report(rng: random.Random, index: int, start: date, days: int) -> dict[str, str]:
    country = rng.choice(list(REGIONS))
    places, actors = REGIONS[country], ACTORS[country]
    published = start + timedelta(days=rng.randrange(days))
    place = rng.choice(places)
    headline = f"{_sentence_case(rng.choice(actors))} active near {place} as fighting spreads in {country}"
    paragraphs: list[str] = []
    words = 0
    while words < 470:
        # Reports interleave events with context. With this mix ~69 % of sentences pass the events
        # stage's surface filter (and get parsed): the bundled sample corpus has 76 %, general news
        # (LGL, TR-News, GeoVirus) 48-59 %.
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


def reporting_days(count: int) -> int:
    """The days `count` reports are spread over (60 for the 2,000 of `vedette bench`)."""
    return max(1, round(count / REPORTS_PER_DAY))


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
            report = _report(rng, index, date(2026, 1, 1), reporting_days(count))
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
