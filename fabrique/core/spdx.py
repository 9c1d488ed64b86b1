"""SPDX licence expressions without a dependency: a compact list of identifiers and the grammar.

`canonical(text)` checks an expression typed by a person (`MIT`, `GPL-3.0-or-later`,
`MPL-2.0 AND (GPL-2.0-only OR LGPL-2.1-only)`, `Apache-2.0 WITH LLVM-exception`,
`LicenseRef-Proprietaire`) and writes it the canonical way (case of each identifier, operators in
capitals, deprecated GNU identifiers such as `GPL-2.0` or `GPL-3.0+` replaced by the `-only` /
`-or-later` ones). It raises `LicenceError` with a French message otherwise.

`from_legacy(text)` reads the spellings found in the SILL (`GPL V2.0`, `AGPL-3`, `LGPL-v2.1`,
`BSD-3.0`, `MPL 2.0 et EPL 1.0`, lists separated by commas or slashes, `N/A`) before checking.
The identifier list covers the licences of free software used by administrations (every one of
the SILL), the usual permissive, copyleft, French (CeCILL), European (EUPL) and content licences.
"""

import re

from django.core.exceptions import ValidationError

LICENCE_IDS = """
0BSD AAL AFL-1.1 AFL-1.2 AFL-2.0 AFL-2.1 AFL-3.0 AGPL-1.0-only AGPL-1.0-or-later AGPL-3.0-only
AGPL-3.0-or-later Apache-1.0 Apache-1.1 Apache-2.0 APSL-2.0 Artistic-1.0 Artistic-2.0 BlueOak-1.0.0
BSD-1-Clause BSD-2-Clause BSD-2-Clause-Patent BSD-3-Clause BSD-3-Clause-Clear BSD-4-Clause BSL-1.0
BUSL-1.1 CAL-1.0 CC-BY-1.0 CC-BY-2.0 CC-BY-2.5 CC-BY-3.0 CC-BY-4.0 CC-BY-NC-4.0 CC-BY-NC-SA-4.0
CC-BY-ND-4.0 CC-BY-SA-2.0 CC-BY-SA-3.0 CC-BY-SA-4.0 CC0-1.0 CDDL-1.0 CDDL-1.1 CECILL-1.0
CECILL-1.1 CECILL-2.0 CECILL-2.1 CECILL-B CECILL-C CPAL-1.0 CPL-1.0 ECL-2.0 EFL-2.0 Elastic-2.0
EPL-1.0 EPL-2.0 etalab-2.0 EUPL-1.0 EUPL-1.1 EUPL-1.2 FSFAP FTL GFDL-1.3-only GFDL-1.3-or-later
GPL-1.0-only GPL-1.0-or-later GPL-2.0-only GPL-2.0-or-later GPL-3.0-only GPL-3.0-or-later
HPND ICU IJG Imlib2 Info-ZIP IPA IPL-1.0 ISC JSON LAL-1.3 LGPL-2.0-only LGPL-2.0-or-later
LGPL-2.1-only LGPL-2.1-or-later LGPL-3.0-only LGPL-3.0-or-later LGPLLR LiLiQ-P-1.1 LiLiQ-R-1.1
LiLiQ-Rplus-1.1 LPL-1.02 LPPL-1.3c MirOS MIT MIT-0 MIT-CMU MPL-1.0 MPL-1.1 MPL-2.0
MPL-2.0-no-copyleft-exception MS-PL MS-RL MulanPSL-2.0 NCSA Nokia NPL-1.1 ODbL-1.0 ODC-By-1.0
OFL-1.0 OFL-1.1 OGL-UK-3.0 OLDAP-2.8 OpenSSL OSL-1.0 OSL-2.0 OSL-2.1 OSL-3.0 PDDL-1.0 PHP-3.0
PHP-3.01 PostgreSQL PSF-2.0 Python-2.0 QPL-1.0 Ruby SGI-B-2.0 SISSL Sleepycat SPL-1.0 SSPL-1.0
Unicode-3.0 Unicode-DFS-2016 Unlicense UPL-1.0 Vim W3C WTFPL X11 XFree86-1.1 Zend-2.0 Zimbra-1.3
Zimbra-1.4 Zlib ZPL-2.0 ZPL-2.1
""".split()

EXCEPTION_IDS = """
Autoconf-exception-3.0 Bison-exception-2.2 Classpath-exception-2.0 eCos-exception-2.0
Font-exception-2.0 GCC-exception-2.0 GCC-exception-3.1 GPL-CC-1.0 LLVM-exception
OpenJDK-assembly-exception-1.0 OCaml-LGPL-linking-exception openvpn-openssl-exception
Qt-GPL-exception-1.0 Qt-LGPL-exception-1.1 Universal-FOSS-exception-1.0 WxWindows-exception-3.1
""".split()

# Deprecated identifiers still written everywhere, and what they mean today.
DEPRECATED = {
    "GPL-1.0": "GPL-1.0-only",
    "GPL-1.0+": "GPL-1.0-or-later",
    "GPL-2.0": "GPL-2.0-only",
    "GPL-2.0+": "GPL-2.0-or-later",
    "GPL-3.0": "GPL-3.0-only",
    "GPL-3.0+": "GPL-3.0-or-later",
    "AGPL-1.0": "AGPL-1.0-only",
    "AGPL-3.0": "AGPL-3.0-only",
    "AGPL-3.0+": "AGPL-3.0-or-later",
    "LGPL-2.0": "LGPL-2.0-only",
    "LGPL-2.0+": "LGPL-2.0-or-later",
    "LGPL-2.1": "LGPL-2.1-only",
    "LGPL-2.1+": "LGPL-2.1-or-later",
    "LGPL-3.0": "LGPL-3.0-only",
    "LGPL-3.0+": "LGPL-3.0-or-later",
    "GFDL-1.3": "GFDL-1.3-only",
}

_CANONICAL = {identifier.lower(): identifier for identifier in LICENCE_IDS}
_EXCEPTIONS = {identifier.lower(): identifier for identifier in EXCEPTION_IDS}
_DEPRECATED = {old.lower(): new for old, new in DEPRECATED.items()}
_REF = re.compile(r"^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$")
_TOKEN = re.compile(r"\s*(\(|\)|[^\s()]+)")
OPERATORS = {"and": "AND", "or": "OR", "with": "WITH"}
EXAMPLES = "MIT, Apache-2.0, GPL-3.0-or-later, EUPL-1.2, CECILL-2.1"


class LicenceError(ValueError):
    """Not a valid SPDX expression; the message, in French, says why."""


def _identifier(token: str) -> str:
    key = token.lower()
    if key in _DEPRECATED:
        return _DEPRECATED[key]
    if key in _CANONICAL:
        return _CANONICAL[key]
    if key.endswith("+") and key[:-1] in _CANONICAL:
        base = _CANONICAL[key[:-1]]
        return base.replace("-only", "-or-later") if base.endswith("-only") else base + "+"
    if _REF.match(token):
        return token
    raise LicenceError(f"« {token} » n'est pas un identifiant de licence SPDX connu.")


class _Parser:
    """expression := term ((AND | OR) term)* ; term := "(" expression ")" | id [WITH exception]"""

    def __init__(self, text: str):
        self.tokens = _TOKEN.findall(text)
        self.position = 0

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> str:
        token = self.peek()
        if token is None:
            raise LicenceError("expression incomplète.")
        self.position += 1
        return token

    def expression(self) -> str:
        parts = [self.term()]
        while (token := self.peek()) is not None and token.lower() in ("and", "or"):
            self.take()
            parts += [OPERATORS[token.lower()], self.term()]
        return " ".join(parts)

    def term(self) -> str:
        token = self.take()
        if token == "(":  # noqa: S105 - a parenthesis, not a password
            inner = self.expression()
            if self.take() != ")":
                raise LicenceError("parenthèse non fermée.")
            return f"({inner})"
        if token == ")" or token.lower() in OPERATORS:  # noqa: S105
            raise LicenceError(f"« {token} » est mal placé.")
        licence = _identifier(token)
        if (following := self.peek()) is not None and following.lower() == "with":
            self.take()
            exception = self.take()
            if exception.lower() not in _EXCEPTIONS:
                raise LicenceError(f"« {exception} » n'est pas une exception SPDX connue.")
            return f"{licence} WITH {_EXCEPTIONS[exception.lower()]}"
        return licence


def canonical(text: str) -> str:
    """The canonical form of an SPDX expression; "" for an empty text."""
    text = (text or "").strip()
    if not text:
        return ""
    parser = _Parser(text)
    try:
        result = parser.expression()
        if parser.peek() is not None:
            raise LicenceError(f"« {parser.peek()} » est en trop.")
    except LicenceError as error:
        raise LicenceError(
            f"Licence « {text} » : ce n'est pas une expression SPDX valide — {error} "
            f"Exemples : {EXAMPLES}."
        ) from None
    return result


def validate(value: str) -> None:
    """Validator of a model or form field holding an SPDX expression: refuses what `canonical`
    refuses (« Licence maison »), with its French message; an empty value passes."""
    try:
        canonical(value)
    except LicenceError as error:
        raise ValidationError(str(error), code="spdx") from None


def identifiers(expression: str) -> list[str]:
    """The licence identifiers of a canonical expression, in order."""
    return [
        token
        for token in _TOKEN.findall(expression or "")
        if token not in ("(", ")") and token.lower() not in OPERATORS
        and token.lower() not in _EXCEPTIONS
    ]  # fmt: skip


# --- The spellings of the SILL --------------------------------------------------------------

NO_LICENCE = frozenset({"", "n/a", "na", "nc", "-", "inconnue", "inconnu", "unknown", "none"})
# Identifiers written in the SILL that are no SPDX identifier, and what they stand for.
LEGACY_ALIASES = {
    "cpa": "CPAL-1.0",  # ProjectLibre: Common Public Attribution License
    "bsd-3.0": "BSD-3-Clause",
    "bsd-3": "BSD-3-Clause",
    "bsd-2": "BSD-2-Clause",
    "mit/x11": "MIT",
    "apache2": "Apache-2.0",
    "cecill-2.2": "LicenseRef-CeCILL-2.2",  # no CeCILL 2.2 was ever published: kept as written
}
_FAMILY_VERSION = re.compile(r"^([a-z]+)[\s-]*v?(\d+(?:\.\d+)?)(\+?)$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:,|;|\s/\s|/|\s+et\s+|\s+and\s+|\s+ou\s+|\s+or\s+)\s*", re.I)


def _legacy_identifier(text: str) -> str:
    key = text.strip().lower()
    if key in LEGACY_ALIASES:
        return LEGACY_ALIASES[key]
    try:
        return _identifier(text.strip())
    except LicenceError:
        pass
    match = _FAMILY_VERSION.match(text.strip())
    if match:  # "GPL V2.0", "AGPL-3", "LGPL-v2.1", "MPL 2.0", "GPL-3+"
        family, version, plus = match.groups()
        if "." not in version:
            version += ".0"
        return _identifier(f"{family}-{version}{plus}")
    return _identifier(text.strip())


def from_legacy(text: str) -> str:
    """Read a licence as the SILL writes it; "" when it says there is none (N/A)."""
    text = " ".join((text or "").split())
    if text.lower() in NO_LICENCE:
        return ""
    try:
        return canonical(text)
    except LicenceError:
        pass
    # "MPL 2.0 et EPL 1.0", "LGPL-2.1, LGPL-2.0, LGPL-3.0": all apply (AND);
    # "GPL-2.0-only / LGPL-2.0-only": a choice (OR).
    operator = " OR " if "/" in text or re.search(r"\s(ou|or)\s", text, re.I) else " AND "
    parts = [part for part in _SEPARATORS.split(text) if part]
    try:
        identifiers_ = list(dict.fromkeys(_legacy_identifier(part) for part in parts))
    except LicenceError as error:
        raise LicenceError(
            f"Licence « {text} » : ce n'est pas une expression SPDX valide — {error} "
            f"Exemples : {EXAMPLES}."
        ) from None
    return canonical(operator.join(identifiers_))
