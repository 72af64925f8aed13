"""Runs Debian's wapiti 3.0.4 with one fix for Python 3.11: its wildcard_translate() puts the
inline flags `(?ms)` at the end of the pattern, which Python 3.11 refuses, so every `-x`
(exclude URL) crashes the crawler. The fix is applied in memory; the package is untouched."""
import re
import sys

import wapitiCore.net.crawler as crawler


def wildcard_translate(pattern):
    return re.compile("(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\Z")


crawler.wildcard_translate = wildcard_translate

from wapitiCore.main.wapiti import wapiti_main  # noqa: E402

sys.argv[0] = "wapiti"
sys.exit(wapiti_main())
