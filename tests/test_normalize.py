"""Reading a report as it comes: encodings, artefact repairs, losslessness, offsets."""
from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from juye_analysis.errors import UserError
from juye_analysis.read.decode import decode_bytes, read_text
from juye_analysis.read.normalize import normalize

from .conftest import REPORT_2024


def _kept(s: str) -> str:
    """Han characters, digits and letters in order, after width folding (what must survive)."""
    folded = unicodedata.normalize("NFKC", s)
    return "".join(c for c in folded if c.isalnum())


@pytest.fixture(scope="module")
def raw_2024():
    return read_text(REPORT_2024)[0]


@pytest.mark.parametrize("encoding,prefix,newline", [
    ("utf-8", b"", "\n"),
    ("utf-8", b"\xef\xbb\xbf", "\n"),  # UTF-8 with BOM
    ("gb18030", b"", "\n"),
    ("gbk", b"", "\n"),
    ("utf-8", b"", "\r\n"),
    ("utf-8", b"", "\r"),
    ("utf-16", b"", "\n"),
])
def test_every_encoding_gives_the_same_normalised_text(tmp_path, raw_2024, encoding, prefix, newline):
    path = tmp_path / "report.txt"
    path.write_bytes(prefix + raw_2024.replace("\n", newline).encode(encoding))
    text, _, _ = read_text(path)
    assert normalize(text).text == normalize(raw_2024).text


def test_full_width_digits_letters_and_spaces_are_folded():
    n = normalize("实现地区生产总值４４７．６亿元，增长６.９％；ＡＰＰ　推广。")
    assert "447．6亿元" in n.text or "447.6亿元" in n.text
    assert "6.9%" in n.text and "APP推广" in n.text


@pytest.mark.parametrize("broken", [
    "落地过亿元项目82个",
    "坚持“藏粮于地、藏粮于技”",
    "二是城市功能日趋完备。",
    "集中开展矛盾纠纷排查、信访积案攻坚化解，市级以上越级走访登记量全市最少。",
    "重点项目数量继续保持全市前列。",
    "启动建设凤凰山文旅综合体项目",
    "新建、改造提升玉山路西延",
    "完善低收入人口动态监测和常态化帮扶机制",
    "扛牢加快发展职责",
    "农村产业基础薄弱，乡村振兴任重道远",
])
def test_sentences_broken_by_page_breaks_are_whole_again(sentences_2024, broken):
    hits = sentences_2024[sentences_2024["text"].str.contains(broken, regex=False)]
    assert len(hits) == 1, broken


def test_pdf_artefacts_are_repaired(report_2024):
    text = report_2024.text
    assert "**" not in text
    assert "新建高标准农田5.1万亩" in text  # "5.1 万亩": spaces inside numbers removed
    assert "（二）聚焦强链条" in text  # "(二) " half-width brackets and the space
    assert "\n\n" not in text and not text.startswith("\n")
    assert text.split("\n")[0] == "巨野县第十九届人民代表大会第三次会议"  # the title's lines joined
    assert "一、2023年工作回顾\n" in text  # headings stay on their own line


def test_lossless_on_the_real_report(raw_2024, report_2024):
    assert _kept(report_2024.text) == _kept(raw_2024)


def test_offsets_map_back_to_the_raw_file(raw_2024, report_2024):
    norm = report_2024.normalized
    for m in re.finditer(r"\d+(?:\.\d+)?万亩", norm.text):
        raw_span = raw_2024[norm.raw_start(m.start()):norm.raw_end(m.end())]
        assert _kept(raw_span) == _kept(m.group()), raw_span
    for i in range(0, len(norm.text), 97):
        c = norm.text[i]
        if c.isalnum():
            assert unicodedata.normalize("NFKC", raw_2024[norm.raw_start(i)]) == c


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    list("巨野县地区生产总值增长亿元万亩一二三是０１２３ＡＢ0123456789.%％ 　\n\r*“”（）()，。；：、") + ["**", "\r\n"]),
    max_size=120).map("".join))
def test_normalisation_keeps_han_digits_and_letters_in_order(raw):
    norm = normalize(raw)
    assert _kept(norm.text) == _kept(raw)
    assert len(norm.offsets) == len(norm.text) + 1
    assert all(norm.offsets[i] < norm.offsets[i + 1] for i in range(len(norm.text) - 1))


@pytest.mark.parametrize("content,problem", [
    (b"", "empty"),
    (b"   \n\n ", "empty"),
    (b"\x00\x01\x02binary\x00" * 50, "binary"),
    (bytes(range(256)) * 40, "binary"),
    ("just english text, no report here".encode(), "no Chinese text"),
])
def test_bad_files_are_one_clear_error(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(UserError) as info:
        read_text(path)
    assert problem in str(info.value) and str(path) in str(info.value)


def test_missing_file_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="no such file"):
        read_text(tmp_path / "absent.txt")


def test_undecodable_bytes_are_refused():
    with pytest.raises(UserError):
        decode_bytes(b"\xff\xfe\xfd" * 100 + "巨野".encode("utf-8"), "x.txt")


def test_one_definition_of_a_han_character():
    """The Han ranges differed between modules (read/traditional.py, report.py, headings.py, the
    number scanner: U+4E00-9FFF only; read/chars.py: with Extension A and the compatibility
    ideographs; _is_cjk: also the Yijing hexagrams U+4DC0-4DFF). One definition now, in read/chars."""
    from juye_analysis.paths import PACKAGE_DIR
    from juye_analysis.read.chars import _HAN, _is_cjk

    spelled = [p.relative_to(PACKAGE_DIR).as_posix() for p in sorted(PACKAGE_DIR.rglob("*.py"))
               if "\\u4e00" in p.read_text(encoding="utf-8")]
    assert spelled == ["read/chars.py"]
    punctuation = set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0)) | {ord(c) for c in "“”‘’…—·"}
    for cp in range(0x2E80, 0x10000):
        c = chr(cp)
        assert _is_cjk(c) == (bool(_HAN.match(c)) or cp in punctuation), hex(cp)


def test_a_county_name_with_an_extension_a_character_is_inferred_whole():
    from juye_analysis.read.report import infer_county

    assert infer_county("㮾下县第一届人民代表大会第三次会议") == "㮾下县"


def test_traditional_share_counts_every_han_character():
    from juye_analysis.read.traditional import traditional_share

    # 㮾 (Extension A) is a Han character that OpenCC leaves alone: one of two changed, not one of one
    assert traditional_share("㮾國") == pytest.approx(0.5)


def _maps_back(n) -> bool:
    """Every normalised character is the raw character its offset names, width-folded, made
    Simplified, or the 0 a ○ stood for."""
    import opencc

    t2s = opencc.OpenCC("t2s")

    def same(raw: str, c: str) -> bool:
        return c in (raw, unicodedata.normalize("NFKC", raw), t2s.convert(raw)) or (raw, c) in {("○", "0"), ("〇", "0")}

    return all(same(n.raw[n.raw_start(i)], c) for i, c in enumerate(n.text))


def test_pinyin_glosses_of_a_page_are_dropped_and_noted():
    n = normalize("各位代表：\n去年全區(qū)糧食產(ch\nǎn)量達(dá)到12.5萬噸，推廣政務(app)服務。")
    assert "全区粮食产量达到12.5万吨" in n.text
    assert "(app)" in n.text  # letters without a tone mark are a word, not a gloss
    assert "3 pinyin glosses (會(huì)) dropped" in n.notes and _maps_back(n)


def test_numbers_split_by_a_space_at_a_pdf_wrap_are_joined():
    n = normalize("各位代表：\n全镇税收是20 15年的3 .5倍，比上年多1. 2亿元，2020 2021两年持平。")
    assert "是2015年的3.5倍" in n.text and "多1.2亿元" in n.text
    assert "2020 2021" in n.text  # two years side by side are two numbers
    assert "3 numbers split by a space joined" in n.notes and _maps_back(n)


def test_a_circle_typed_for_zero_inside_arabic_digits_is_a_zero():
    n = normalize("各位代表：\n2○19年，全乡新修道路1〇.5公里；二○一九年十二月。")
    assert "2019年，全乡新修道路10.5公里" in n.text
    assert "二○一九年" in n.text  # a numeral in Chinese digits is read as written
    assert "2 ○ inside Arabic digits read as 0" in n.notes and _maps_back(n)


@pytest.mark.parametrize("broken,whole", [
    ("今年狭义货币M\n1\n预期增长9%左右。", "今年狭义货币M1预期增长9%左右。"),  # a subscript on its own line
    ("全省生产总值达到8.6\n\u200b\n万亿元。", "全省生产总值达到8.6万亿元。"),  # one number per line, a zero-width space
    ("森林覆盖率提高\n3.2\n个百分点。", "森林覆盖率提高3.2个百分点。"),
])
def test_a_number_on_a_line_of_its_own_joins_its_sentence(broken, whole):
    n = normalize("各位代表：\n" + broken)
    assert n.text == "各位代表：\n" + whole and _maps_back(n)
    assert ("1 zero-width character dropped" in n.notes) == ("\u200b" in broken)
