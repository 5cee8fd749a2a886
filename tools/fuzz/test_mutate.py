"""The mutator behind `make fuzz-images`: deterministic, and its header mutations hit the header."""
import random
import struct
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mutate  # noqa: E402

OCR = mutate.ROOT / "Tests/Fixtures/ocr"


def test_same_seed_same_files(tmp_path):
    first = [p.read_bytes() for p in mutate.write(tmp_path / "a", 20, seed=3)]
    second = [p.read_bytes() for p in mutate.write(tmp_path / "b", 20, seed=3)]
    assert first == second
    assert len(set(first)) > 15


def test_png_size_keeps_a_valid_crc():
    data = mutate.png_size(random.Random(1), (OCR / "card_clean.png").read_bytes())
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) != (1240, 874)
    assert struct.unpack(">I", data[29:33])[0] == mutate.zlib.crc32(data[12:29])


def test_pdf_mediabox_is_rewritten():
    data = (OCR / "card.pdf").read_bytes()
    mutated = {mutate.pdf_numbers(random.Random(seed), data) for seed in range(10)}
    assert any(m != data for m in mutated)
