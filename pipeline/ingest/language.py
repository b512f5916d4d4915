"""A declared language (a tag such as "zh-CN" or a name such as "English" or "中文") as an ISO 639-1 code.

Tags: BCP 47 or POSIX locales in any case ("zh-Hans-CN", "en_US", "EN"): the primary subtag
when it is an ISO 639-1 code, or a 3-letter or retired code that stands for one ("eng", "zho",
"iw"). Names: the English name, the language's own name and the Chinese names (from the CLDR data
Babel ships), in any case, with a bracketed variant dropped ("Chinese (Simplified)"), plus a few
common Chinese names CLDR does not list ("汉语", "普通话"). Anything else is unknown: None.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_TAG = re.compile(r"([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*")
_BRACKETED = re.compile(r"\s*[(\uff08][^()\uff08\uff09]*[)\uff09]\s*$")
# Names of Chinese in common use that CLDR does not list; all mean the written standard, "zh".
_EXTRA_NAMES = {
    "汉语": "zh", "漢語": "zh", "华语": "zh", "華語": "zh", "普通话": "zh", "普通話": "zh", "国语": "zh", "國語": "zh",
    "简体中文": "zh", "繁體中文": "zh", "繁体中文": "zh", "中文简体": "zh", "中文繁體": "zh", "mandarin": "zh",
    "mandarin chinese": "zh", "simplified chinese": "zh", "traditional chinese": "zh",
}


def language_code(declared: str) -> str | None:
    """The ISO 639-1 code a declared language stands for; None when it is not one this module knows.

    >>> [language_code(v) for v in ("zh-CN", "en_US", "EN", "eng", "English", "中文", "español", "Klingon")]
    ['zh', 'en', 'en', 'en', 'en', 'zh', 'es', None]
    """
    key = unicodedata.normalize("NFC", declared).strip().casefold()
    return _code_of_tag(key) or _code_of_name(key)


def _code_of_tag(key: str) -> str | None:
    match = _TAG.fullmatch(key)
    if not match:
        return None
    primary = match[1]
    if primary in iso_639_1_codes():
        return primary
    # "eng" -> "en", "iw" -> "he", "sh" -> "sr_Latn": keep the language part of the alias.
    alias = _aliases().get(primary, "").split("_")[0]
    return alias if alias in iso_639_1_codes() else None


def _code_of_name(key: str) -> str | None:
    names = language_names()
    return names.get(key) or names.get(_BRACKETED.sub("", key))


@functools.cache
def iso_639_1_codes() -> frozenset[str]:
    """The 184 two-letter ISO 639-1 codes (CLDR's two-letter language codes)."""
    from babel import Locale

    return frozenset(code for code in Locale("en").languages if len(code) == 2 and code.isalpha())


@functools.cache
def _aliases() -> dict[str, str]:
    from babel.core import get_global

    return dict(get_global("language_aliases"))


@functools.cache
def language_names() -> dict[str, str]:
    """Case-folded language name -> ISO 639-1 code: English names first, then own names, then Chinese names."""
    from babel import Locale, UnknownLocaleError

    codes = sorted(iso_639_1_codes())
    tables = [Locale("en").languages]
    for code in codes:
        try:
            own = Locale(code).languages.get(code)
        except UnknownLocaleError:  # CLDR has no data for a few codes; their English name still counts
            continue
        if own:
            tables.append({code: own})
    tables += [Locale("zh").languages, Locale("zh", script="Hant").languages]
    names: dict[str, str] = {}
    for table in tables:
        for code in codes:
            name = table.get(code)
            if name:
                # The first table that names a language wins, so an English name is never taken over.
                names.setdefault(unicodedata.normalize("NFC", name).casefold(), code)
    for name, code in _EXTRA_NAMES.items():
        names.setdefault(name, code)
    return names
