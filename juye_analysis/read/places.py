"""The jurisdiction a report is about and its level, from its title block.

Rules, in order (each match must name a place, not only a level word such as 县 or 自治县):
the State Council in a title line (国务院政府工作报告, 国务院总理) → 全国, national; the congress line (在巨野县第十九届人民代表大会…, 巨野县十届人大);
the title (2023年遵义市道真仡佬族苗族自治县政府工作报告); the government (玉屏侗族自治县人民政府县长);
a paragraph opening with the place (2023年，金秀瑶族自治县坚持…); the party committee (郓城县委、县政府). Province and parent-city
prefixes are removed (山东省菏泽市巨野县 → 巨野县); the level comes from the division list
(:mod:`.divisions`), else from the zone words and the name's ending in ``places.csv``.
"""
from __future__ import annotations

import re
from .. import resource_files as resources
from .chars import _HAN_RANGES
from .divisions import division_level
from .headings import PINYIN_DEBRIS


_NAME = rf"[{_HAN_RANGES}]{{1,24}}?(?:自治县|自治旗|自治州|自治区|县|旗|州|盟|省|市|区)"


_RULES = [
    ("congress", re.compile(rf"({_NAME})第[一二三四五六七八九十]+届人民代表大会")),
    ("congress_short", re.compile(rf"({_NAME})第?[一二三四五六七八九十]+届人大")),
    ("title", re.compile(rf"(?:\d{{4}}年)?({_NAME})(?:人民)?政府工作报告")),
    ("government", re.compile(rf"({_NAME})人民政府")),
    ("opening", re.compile(rf"(?:^|\n)(?:\d{{4}}年[，,])({_NAME})(?=[{_HAN_RANGES}])")),
    ("committee", re.compile(rf"([{_HAN_RANGES}]{{2,4}}(?:县|市|区))委(?=[、，,]|书记|[县市区]政府)")),
]


_CUT = re.compile(r".*(?:在|的|是|于|了|日|：|:|代表|中共|向|为)")  # words before the place: 日在苍梧县, 备受瞩目的县


def _strip_prefixes(name: str) -> str:
    for prefix in sorted(resources.admin_prefixes(), key=len, reverse=True):
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            name = name[len(prefix):]
            break
    # a parent city before a county or district: 遵义市道真…自治县, 菏泽市巨野县
    m = re.match(rf"[{_HAN_RANGES}]{{2,4}}?(?:市|州|地区)(?=[{_HAN_RANGES}]{{2,}}(?:县|旗|区)$)", name)
    if m and not name.endswith(("新区", "开发区")) and not name[m.end():].startswith("市"):
        name = name[m.end():]
    elif m and name[m.end():].startswith("市中区"):
        name = name[m.end():]
    return name


def _suffixes() -> list[tuple[str, str]]:
    pairs = [v.split(":") for v in resources.place_rules().get("level_suffix", ())]
    return sorted(((s, level) for s, level in pairs), key=lambda p: -len(p[0]))


def place_level(name: str) -> str:
    """national, province, city, county, district, county_city or zone of a name: its level in
    the division list (``divisions.csv``), else the level an old name had (``division_renames.csv``:
    莱芜市 was a prefecture-level city), else a zone word or the name's ending (``places.csv``)."""
    rules = resources.place_rules()
    if level := division_level(name):
        return level
    old = {r["old_level"] for r in resources.division_renames_by_name().get(name, [])}
    if len(old) == 1:
        return old.pop()
    if name.endswith("区") and any(w in name for w in rules.get("zone_word", ())):
        return "zone"
    return next((level for s, level in _suffixes() if name.endswith(s)), "")


def _is_name(name: str) -> bool:
    """A place name, not a level word alone (县, 自治县) nor a phrase (我县, 全县)."""
    bare = name
    for s, _ in _suffixes():
        if bare.endswith(s):
            bare = bare[: -len(s)]
            break
    return len(bare) >= 1 and not re.search(r"[我全本该各此][县市区]?$|^[我全本该各此]", bare) \
        and not bare.endswith(("自治", "人民"))


def infer_jurisdiction(text: str) -> tuple[str, str, str]:
    """(name, level, rule) of the report's jurisdiction; ("", "", "") when the text does not name
    it. Looks at the first 5,000 characters (pinyin debris removed)."""
    head = PINYIN_DEBRIS.sub("", text[:5000])
    lines = [ln for ln in head.split("\n") if ln.strip() and len(ln) <= 60][:8]
    if any(w in "".join(lines) for w in resources.place_rules().get("national_word", ())):
        return "全国", "national", "national"
    for rule, pattern in _RULES:
        for m in pattern.finditer(head):
            name = _CUT.sub("", m.group(1))
            name = _strip_prefixes(name)
            if _is_name(name) and (level := place_level(name)):
                return name, level, rule
    return "", "", ""
