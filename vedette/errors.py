"""Every message vedette shows a user, with a code to search for.

Library code raises `VedetteError(code, **fields)`; only `vedette.cli` and
`vedette.api` turn errors into output.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "V101": "{origin}: file is empty",
    "V102": "{origin}: not UTF-8 text ({detail}); convert the file to UTF-8 first",
    "V103": "{origin}: looks binary, not a text, HTML or JSON document",
    "V104": "{origin}: invalid JSON ({detail})",
    "V105": "{origin}: record has no text field (looked for {fields}); map one with --map text=COLUMN",
    "V106": "{origin}: no article text found in the HTML page",
    "V107": "{origin}: cannot read ({detail})",
    "V108": "{origin}: unsupported file type '{suffix}'; supported: {supported}",
    "V109": "{origin}: no such file or directory",
    "V110": "{origin}: {size_mb:.1f} MB is over the {limit_mb:g} MB input limit; raise VEDETTE_MAX_INPUT_MB to read it",
    "V111": "{origin}: HTML ends before </body> or </html>; the page looks truncated, fetch it again",
    "V112": "{origin}: not a regular file ({kind}); give files, directories, globs or - for stdin",
    "V113": "{origin}: CSV row has {found} fields but the header has {expected}",
    "V114": "{origin}: no column '{column}' for {field} (columns: {columns}); map one with --map {field}=COLUMN",
    "V115": "{origin}: not a valid gzip file ({detail})",
    "V116": "{origin}: not an RSS or Atom feed ({detail})",
    "V117": "{origin}: feed entry has no text (no content, summary or description)",
    "V118": "{origin}: not a valid WARC file ({detail})",
    "V119": "{origin}: WARC file holds no HTML or text response records",
    "V120": "--map {mapping}: expected FIELD=COLUMN with FIELD one of {fields}",
    "V121": "{origin}: no file matches this pattern",
    "V122": "{origin}: processing failed ({detail}); please report it with the input",
    "V123": "VEDETTE_DATE_ORDER must be one of MDY, DMY, YMD, not '{value}'",
    "V199": "{origin}: reading failed unexpectedly ({detail}); please report it with the input",
    "V201": "gazetteer not found at {path}; build it with `vedette gazetteer build`",
    "V202": "spaCy model '{model}' is not installed; install it with `pip install {package}`",
    "V203": "{path}: not a geoparsing gold corpus ({detail}); expected the LGL layout (lgl.xml, TR-News.xml) "
    "or the GeoVirus layout",
    "V204": "{path}: not PLOVER event gold ({detail}); expected a JSON list of records with `text` and `event`",
    "V205": "{path}: no such file; pass a PLOVER gold file (default: ../shared/data/events/PLOVER_GSR_CAMEO.json)",
    "V206": "{path}: event dictionary is not valid ({detail})",
    "V301": "database {db} has no vedette tables; run `vedette run PATH --db {db}` first",
    "V401": "web assets missing: {path}; install them with `make web` (npm ci in vedette/web)",
    "V402": "this endpoint needs an API key: send `Authorization: Bearer KEY` (create one with `vedette keys create`)",
    "V403": "the API key is not valid (unknown or revoked); create one with `vedette keys create`",
    "V404": "request body is over the {limit_kb} KB limit; raise VEDETTE_API_MAX_BODY_KB to accept larger ones",
    "V405": "bbox: expected minLon,minLat,maxLon,maxLat (four numbers, longitudes -180..180, latitudes -90..90, "
    "minLat <= maxLat), got '{value}'",
    "V406": "start {start} is after end {end}",
    "V407": "document text is empty after reading; send the article text in the `text` field",
    "V408": "VEDETTE_API_READS_OPEN must be yes or no, not '{value}'",
    "V409": "no API key named '{name}' in {db}",
    "V410": "an API key named '{name}' already exists in {db}; pick another name",
    "V501": "{path}: source registry is not valid ({detail}); fix the file or unset VEDETTE_SOURCES",
    "V502": "{path}: labelled syndication set not found; pass --variants DIR "
    "(tests/data/syndication in the repository)",
    "V503": "no document '{doc_id}' in {db}; `vedette documents` lists the ids",
    "V601": "region '{name}' matches no country, nor an admin-1 unit of {countries}; check the spelling or pass "
    "--bbox W,S,E,N",
    "V602": "basemap file missing: {path}; install it with `make web` (npm ci in vedette/web)",
    "V603": "{option} '{value}': expected a date YYYY-MM-DD",
    "V604": "--since {since} is after --until {until}",
    "V605": "unknown report format '{value}'; use md, html or pdf",
    "V606": "give --region or --bbox, not both",
    "V607": "{path}: cannot write the report ({detail})",
    "V608": "webhook {url} failed ({detail}); these alerts stay unsent and go out with the next run",
    "V609": "--watch {path}: not a directory",
}


class VedetteError(Exception):
    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(f"[{code}] " + MESSAGES[code].format(**fields))
