"""Units and currencies written around a figure as news writes them: measurement
abbreviations ("40 mpg", "-7 °C", "120sqm"), currency codes and letter prefixes ("RM14.20",
"Rs 500", "USD 3m"), pence ("231p") and currency words ("12.45 yuan", "90 billion yen").

The unit stays as written ("mpg", "°C", "sq ft") so rules and `checker extract` show it.
Every test here is guarded by a first-character set, as in `quantity`: most figures are
followed by a plain word that no unit or currency starts like.
"""

from __future__ import annotations

import re

_SP = r"[ \t\u00a0\u202f\u2009]"

# Measurement abbreviations after a figure (glued or after one space). Single letters and
# words that are also English words ("in", "m", "t") are left out: "40 in the room".
_ABBREVIATIONS = (
    "km/h kph mph mpg bhp hp kWh MWh GWh TWh kW MW GW TW GHz MHz kHz Hz GB MB KB TB PB Gb Mb "
    "km² km2 m² m2 sqm sqft ha kg km cm mm nm µm mg ml mL cl lbs lb oz ft yd yds mi L dB kcal "
    "psi rpm mAh"
).split() + ["sq ft", "sq m", "sq km", "sq mi"]
_ABBR_ALTERNATION = "|".join(
    f"{_SP}?".join(re.escape(w) for w in a.split())
    for a in sorted(_ABBREVIATIONS, key=len, reverse=True)
)
_MEASURE = re.compile(
    rf"{_SP}?(?:([°º]{_SP}?[CFcf](?![A-Za-z])|[°º])|({_ABBR_ALTERNATION})(?![\w°/²]))"
)
_DEGREE_WORDS = re.compile(
    rf"{_SP}+degrees?(?:{_SP}+(Celsius|centigrade|Fahrenheit|C|F)\b)?|{_SP}+(Celsius|Fahrenheit)\b",
    re.IGNORECASE,
)
# A "C" or "F" glued to a figure is a temperature only where the sentence talks of one.
_GLUED_TEMPERATURE = re.compile(r"[CF](?![A-Za-z0-9])")
_TEMPERATURE_CONTEXT = re.compile(
    r"temperat|degree|heat|cold|warm|hot\b|freez|chill|frost|thermomet|weather"
    r"|high of|low of|soar|plung|scorch|sizzl|celsius|fahrenheit", re.IGNORECASE
)
_SHORT_DURATION = re.compile(rf"{_SP}?(hrs|hr|mins|secs)\b")
# The first two characters of everything above (after the one space allowed): a figure
# followed by anything else needs no regex at all.
_PREFIXES = frozenset(
    [a[:2] for a in _ABBREVIATIONS] + ["de", "De", "Ce", "ce", "Fa", "fa", "hr", "mi", "se"]
)
_SINGLE_LETTERS = frozenset(a for a in _ABBREVIATIONS if len(a) == 1)
# The first non-space character of anything `measure_after` reads (a quick test for callers).
MEASURE_FIRST = frozenset(a[0] for a in _PREFIXES) | frozenset("°ºCF")
_SPACES = frozenset(" \t\u00a0\u202f\u2009")


def measure_after(text: str, e: int, value: float) -> tuple[str, int] | None:
    """(unit as written, end) of a measurement unit right after a figure ending at `e`."""
    c = text[e:e + 1]
    j = e + 1 if c in _SPACES else e
    head = text[j:j + 2]
    if head[:1] in "°º":
        m = _MEASURE.match(text, e)
        if m is not None and m.group(1) is not None:
            unit = m.group(1)
            return ("°" + unit[-1].upper()) if unit[-1].isalpha() else "°", m.end()
        return None
    if head in _PREFIXES or head[:1] in _SINGLE_LETTERS:
        m = _MEASURE.match(text, e)
        if m is not None and m.group(2) is not None:
            return " ".join(m.group(2).split()), m.end()
        if j > e:
            m = _DEGREE_WORDS.match(text, e)
            if m is not None:
                scale = (m.group(1) or m.group(2) or "").lower()
                return ({"celsius": "°C", "centigrade": "°C", "c": "°C", "fahrenheit": "°F",
                         "f": "°F"}.get(scale, "degrees"), m.end())
        if value < 1000:
            m = _SHORT_DURATION.match(text, e)
            if m is not None:
                return m.group(1), m.end()
        return None
    if c in "CF" and _GLUED_TEMPERATURE.match(text, e) and value <= 130 and (
        _TEMPERATURE_CONTEXT.search(text, max(0, e - 80), min(len(text), e + 40))
    ):
        return "°" + c, e + 1
    return None


# ------------------------------------------------------------------ currencies

SYMBOLS = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₩": "KRW",
           "₦": "NGN", "₱": "PHP", "₽": "RUB", "₺": "TRY", "₪": "ILS"}
SYMBOL_CHARS = frozenset(SYMBOLS)
# Letters glued before "$": "US$", "A$", "HK$"...
DOLLAR_PREFIX = {"us": "USD", "a": "AUD", "au": "AUD", "c": "CAD", "ca": "CAD", "hk": "HKD",
                 "nz": "NZD", "s": "SGD", "nt": "TWD", "r": "BRL", "mx": "MXN", "z": "ZWL"}
# Codes and letter prefixes written before a figure, glued ("RM14.20") or spaced
# ("Rs 500", "USD 3m"); matched case-sensitively, as written.
CODES = {
    "USD": "USD", "EUR": "EUR", "GBP": "GBP", "JPY": "JPY", "CNY": "CNY", "RMB": "CNY",
    "INR": "INR", "AUD": "AUD", "CAD": "CAD", "CHF": "CHF", "HKD": "HKD", "SGD": "SGD",
    "NZD": "NZD", "ZAR": "ZAR", "NGN": "NGN", "KES": "KES", "BRL": "BRL", "MXN": "MXN",
    "RUB": "RUB", "TRY": "TRY", "SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "PLN": "PLN",
    "MYR": "MYR", "IDR": "IDR", "THB": "THB", "PHP": "PHP", "PKR": "PKR", "KRW": "KRW",
    "AED": "AED", "SAR": "SAR", "EGP": "EGP", "ILS": "ILS", "TWD": "TWD",
    "RM": "MYR", "Rs": "INR", "Rs.": "INR", "Rp": "IDR", "Ksh": "KES", "KSh": "KES",
    "Sh": "KES", "Tk": "BDT", "Dh": "AED", "Dhs": "AED", "SR": "SAR", "kr": "SEK",
}
_CODE_LAST = frozenset(code[-1] for code in CODES)
# Currency words after a figure (plural nouns are also read as the unit by `units`).
WORDS = {
    "dollars": "USD", "dollar": "USD", "pounds": "GBP", "euros": "EUR", "euro": "EUR",
    "yen": "JPY", "pence": "GBP", "yuan": "CNY", "renminbi": "CNY", "rupees": "INR",
    "rupee": "INR", "ringgit": "MYR", "sen": "MYR", "rupiah": "IDR", "baht": "THB",
    "rand": "ZAR", "naira": "NGN", "pesos": "MXN", "roubles": "RUB", "rubles": "RUB",
    "francs": "CHF", "shillings": "KES", "dirhams": "AED", "riyals": "SAR", "lira": "TRY",
    "won": "KRW", "cents": None,
}
# Singular currency words, which `units.unit_after` (plural nouns only) does not read.
_SINGULAR_WORD = re.compile(
    rf"{_SP}+(yen|yuan|renminbi|ringgit|sen|rupiah|baht|rand|naira|lira|euro|rupee)\b"
)
_SINGULAR_FIRST = frozenset(" \t\u00a0")
_SINGULAR_PREFIXES = frozenset(
    ("ye", "yu", "re", "ri", "se", "ru", "ba", "ra", "na", "li", "eu")
)


def currency_before(text: str, p: int) -> tuple[str | None, int]:
    """(ISO code, start) of a currency written right before the figure at `p`: a symbol
    ("$", "£", "US$", "HK$"), a code or letter prefix ("RM14.20", "Rs 500", "USD 3m");
    (None, p) when there is none."""
    if p == 0:
        return None, p
    sym = text[p - 1]
    code = SYMBOLS.get(sym)
    if code is not None:
        start = p - 1
        j = start
        while j > 0 and j > start - 2 and text[j - 1].isalpha():
            j -= 1
        prefix = text[j:start].lower()
        if sym == "$" and prefix in DOLLAR_PREFIX and (j == 0 or not text[j - 1].isalnum()):
            return DOLLAR_PREFIX[prefix], j
        return code, start
    k = p - 1 if sym in " \u00a0" else p
    if k == 0 or text[k - 1] not in _CODE_LAST:
        return None, p
    j = k
    while j > 0 and k - j < 4 and (text[j - 1].isalpha() or (text[j - 1] == "." and j == k)):
        j -= 1
    if (j and text[j - 1].isalnum()) or not (text[j].isupper() or text[j] == "k"):
        return None, p                   # every code starts with a capital, but "kr"
    found = CODES.get(text[j:k])
    return (found, j) if found else (None, p)


def currency_word_after(text: str, e: int) -> tuple[str, str, int] | None:
    """(word, ISO code, end) of a singular currency word after a figure ("12.45 yuan")."""
    if text[e:e + 1] not in _SINGULAR_FIRST or text[e + 1:e + 3] not in _SINGULAR_PREFIXES:
        return None
    m = _SINGULAR_WORD.match(text, e)
    if m is None:
        return None
    return m.group(1), WORDS[m.group(1)] or "", m.end()


def is_glued_code(text: str, p: int) -> bool:
    """Letters glued to the figure at `p` that are a currency prefix ("RM14.20"), not a
    label ("A380", "MP3")."""
    return text[p - 1] in _CODE_LAST and currency_before(text, p)[0] is not None
