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
    "V201": "gazetteer not found at {path}; build it with `vedette gazetteer build`",
    "V202": "spaCy model '{model}' is not installed; install it with `pip install {package}`",
    "V301": "database {db} has no vedette tables; run `vedette run PATH --db {db}` first",
    "V401": "web assets missing: {path}; install them with `make web` (npm ci in vedette/web)",
}


class VedetteError(Exception):
    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(f"[{code}] " + MESSAGES[code].format(**fields))
