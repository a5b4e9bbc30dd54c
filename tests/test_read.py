"""read: every supported encoding, broken and hostile files, limits."""

from __future__ import annotations

import codecs
import os
import random
import threading

import pytest

from aligner.errors import InputError, OptionError
from aligner.read import codec_name, decode, detect_script
from aligner.readers import read_document


def read_source(path, side, **options):
    """A file read as plain text, as ``align --format text`` reads it."""
    return read_document(path, format="text", **options).to_source(side)


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-le-bom":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if encoding == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode(encoding)


@pytest.mark.parametrize("encoding, sample, reported", [
    ("utf-8", "simplified", "utf-8"),
    ("utf-8-sig", "simplified", "utf-8-sig"),
    ("utf-16-le-bom", "simplified", "utf-16"),
    ("utf-16-be-bom", "traditional", "utf-16"),
    ("gb18030", "traditional", "gb18030"),   # 産 and 衞 exist in GB18030
    ("gbk", "simplified", "gb18030"),        # GBK is a subset: the same text
    ("big5", "big5_traditional", "big5"),
])
def test_each_encoding_decodes_to_the_sample_and_reopens_identically(
        tmp_path, request, encoding, sample, reported):
    text = request.getfixturevalue(sample)
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(_encode(text, encoding))

    source = read_source(path, "a")

    assert source.encoding == reported
    assert source.text == text  # the BOM is not part of the text
    assert source.replaced == ()
    # The promise offsets rest on: the reported codec reopens the file to the same text.
    with open(path, encoding=source.encoding, newline="") as handle:
        assert handle.read() == source.text


@pytest.mark.parametrize("text, encoding", [
    ("码加码”，、、”，积极构筑", "gb18030"),
    ("人才协同赋能，不断拓展", "gb18030"),
    ("“背", "big5"),
    ("。。。", "big5"),
    ("\r□□\n\n來源（:新華網", "big5"),
    ("１□□□□□２（（３", "big5"),
])
def test_short_texts_valid_in_both_gb18030_and_big5_get_the_right_one(text, encoding):
    # Found by the fuzzer: charset-normalizer alone picks the other codec for texts like these.
    assert decode(text.encode(encoding)) == (text, encoding, ())


def test_script_is_detected_from_the_samples(traditional, simplified):
    assert detect_script(traditional) == "traditional"
    assert detect_script(simplified) == "simplified"
    assert detect_script("Only Latin letters. And digits 123.") == "none"


def test_a_few_invalid_bytes_become_u_fffd_at_reported_offsets(tmp_path, simplified):
    data = simplified[:400].encode("utf-8")
    # Corrupt three places between characters: a lone continuation byte, a 0xFF, a cut lead byte.
    cuts = [data.index("编者按".encode()), data.index("嘉".encode()), data.index("资源禀赋".encode())]
    broken = data[:cuts[0]] + b"\x80" + data[cuts[0]:cuts[1]] + b"\xff" + data[cuts[1]:cuts[2]] \
        + b"\xe5" + data[cuts[2]:]
    path = tmp_path / "broken.txt"
    path.write_bytes(broken)

    source = read_source(path, "a")

    assert source.encoding == "utf-8"
    assert len(source.replaced) == 3
    assert source.text == broken.decode("utf-8", errors="replace")
    assert [source.text[i] for i in source.replaced] == ["\ufffd"] * 3
    assert source.text[source.replaced[0] + 1:].startswith("编者按")


def test_a_u_fffd_the_file_itself_contains_is_not_a_decode_error(tmp_path):
    path = tmp_path / "lost-glyph.txt"
    path.write_bytes("專注於\ufffd下一代鋰電池。".encode("utf-8") + b"\xff" + "硅基負極材料。".encode("utf-8"))

    source = read_source(path, "a")

    assert source.text.count("\ufffd") == 2
    assert source.replaced == (source.text.rindex("\ufffd"),)


def test_mostly_invalid_bytes_are_refused_with_a_hint(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 20)

    with pytest.raises(InputError, match=r"noise\.txt: does not decode.*--encoding"):
        read_source(path, "a")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
    b"\x89PNG\r\n\x1a\n" + "no NUL in the first bytes".encode(),
    "正文。".encode("utf-8") + b"\x00" + "正文。".encode("utf-8"),
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
], ids=["png", "png-header-only", "nul-byte", "pdf"])
def test_binary_files_are_refused(tmp_path, data):
    path = tmp_path / "picture.txt"
    path.write_bytes(data)

    with pytest.raises(InputError, match="binary"):
        read_source(path, "a")


def test_missing_file_and_directory_are_refused(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "missing.txt", "a")
    with pytest.raises(InputError, match="is a directory"):
        read_source(tmp_path, "a")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads chmod 000 files")
def test_unreadable_file_is_refused(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("內容。", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            read_source(path, "a")
    finally:
        path.chmod(0o644)


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="needs Linux /proc")
def test_a_file_that_fails_to_read_even_for_root_is_refused():
    # Reading /proc/self/mem at offset 0 fails with EIO for every user.
    with pytest.raises(InputError, match="cannot be read"):
        read_source("/proc/self/mem", "a")


def test_dev_null_reads_as_an_empty_text():
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null")
    assert read_source("/dev/null", "a").text == ""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_read_like_a_file(tmp_path):
    # What `align <(curl …) b.txt` hands over.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes("管道裏的正文。".encode("gb18030")))
    writer.start()
    source = read_source(fifo, "a")
    writer.join()
    assert source.text == "管道裏的正文。"


def test_max_chars_refuses_by_bytes_before_decoding_and_by_characters_after(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("a" * 100, encoding="utf-8")

    with pytest.raises(InputError, match=r"too large \(more than 44 bytes.*--max-chars"):
        read_source(path, "a", max_chars=10)
    with pytest.raises(InputError, match=r"too large \(100 characters; the limit is 60.*--max-chars"):
        read_source(path, "a", max_chars=60)
    assert read_source(path, "a", max_chars=100).chars == 100


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_device_is_too_large_not_a_hang():
    with pytest.raises(InputError, match="too large"):
        read_source("/dev/zero", "a", max_chars=1000)


def test_forced_encoding_is_used_and_a_wrong_one_explained(tmp_path, simplified):
    path = tmp_path / "gbk.txt"
    path.write_bytes(simplified.encode("gbk"))

    assert read_source(path, "a", encoding="GBK").encoding == "gbk"
    with pytest.raises(InputError, match=r"gbk\.txt: does not decode as utf-8 .*--encoding"):
        read_source(path, "a", encoding="utf8")


@pytest.mark.parametrize("name, message", [("klingon", "unknown encoding"), ("base64", "not a text encoding"),
                                           ("rot13", "not a text encoding")])
def test_unusable_encoding_names_are_option_errors(name, message):
    with pytest.raises(OptionError, match=message):
        codec_name(name)
    with pytest.raises(OptionError, match=message):
        decode(b"text", "a.txt", name)


def test_utf16_without_bom_is_not_guessed_but_forced_encoding_reads_it(tmp_path):
    path = tmp_path / "utf16le.txt"
    path.write_bytes("無BOM的UTF-16。".encode("utf-16-le"))

    with pytest.raises(InputError, match="binary"):
        read_source(path, "a")
    assert read_source(path, "a", encoding="utf-16-le").text == "無BOM的UTF-16。"


def test_offsets_of_replacements_are_those_of_python_replace_on_random_damage(simplified):
    rng = random.Random(5)
    data = bytearray(simplified[:600].encode("gb18030"))
    for _ in range(4):
        data[rng.randrange(len(data))] = rng.choice((0x80, 0xff))
    text, codec, replaced = decode(bytes(data))
    expected = bytes(data).decode(codec, errors="replace")
    assert text == expected
    assert all(text[i] == "\ufffd" for i in replaced)
    assert 1 <= len(replaced) <= expected.count("\ufffd")


def test_a_huge_max_chars_does_not_set_aside_memory_for_it(tmp_path):
    path = tmp_path / "small.txt"
    path.write_text("短文。", encoding="utf-8")
    assert read_source(path, "a", max_chars=10**12).text == "短文。"


def test_script_of_long_texts_is_judged_on_a_sample_that_sees_the_whole_text():
    half = 150_000
    assert detect_script("們來說" * half) == "traditional"
    assert detect_script("们来说" * half + "們來說" * half) == "mixed"
    # two marks only, both at odd offsets that a sample of every other character skips
    assert detect_script("一" * 300_001 + "們" + "一" * 9 + "們") == "traditional"
