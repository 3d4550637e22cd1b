#!/usr/bin/env python3
"""Rewrite a fixture HTML of ../../pdf/src for ocrsim's HTML reader (lib/to_fodt.py).

The text is not touched: only how it is laid out. ocrsim takes column widths
from <col>, borders off from class "noborder", centring from class "center"
and landscape pages from <div class="landscape">; the sources say the same
with <th width>, border="0", class="c" and @page. With --landscape-appendices
every "Phụ lục" from its page break on is printed on landscape pages, as
appendices usually are; with --landscape the whole document is.

usage: ocrhtml.py [--landscape | --landscape-appendices] IN.html OUT.html
"""
import re
import sys

args = sys.argv[1:]
mode = ""
if args and args[0].startswith("--"):
    mode = args.pop(0)
src, dst = args
s = open(src, encoding="utf-8").read()
s = re.sub(r"@page[^}]*}", "", s)
s = s.replace('class="c"', 'class="center"')


def cols(m):
    table = m.group(0)
    widths = re.findall(r'<th[^>]*width="(\d+%)"', table)
    attrs = m.group(1)
    if 'border="0"' in attrs:
        attrs += ' class="noborder"'
    return "<table" + attrs + ">" + "".join('<col width="%s">' % w for w in widths) + table[table.index(">") + 1:]


s = re.sub(r"<table([^>]*)>.*?</table>", cols, s, flags=re.S)
if mode == "--landscape":
    s = s.replace("<body>", '<body><div class="landscape">').replace("</body>", "</div></body>")
elif mode == "--landscape-appendices":
    # one landscape block from the first appendix to the end; the block's
    # own page break stands for the first appendix's
    k = s.find('<p style="page-break-before: always"')
    if k >= 0:
        first = s[k:].replace(' style="page-break-before: always"', "", 1)
        end = first.rfind("</body>")
        s = s[:k] + '<div class="landscape">' + first[:end] + "</div>" + first[end:]
open(dst, "w", encoding="utf-8").write(s)
