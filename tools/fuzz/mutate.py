"""Writes mutated scan files (PNG, JPEG, TIFF, PDF) from the committed samples, for `make fuzz-images`.

Each file is a committed sample with one or a few mutations: cut short, bytes flipped, a range
zeroed or duplicated, a header field (PNG IHDR, JPEG SOF, TIFF directory entry, PDF MediaBox or
page count) set to an extreme value, or two files spliced. The same seed always gives the same files.

    python3 tools/fuzz/mutate.py --out bench-out/fuzz --count 2000 --seed 1
"""
import argparse
import random
import re
import struct
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXTREMES32 = [0, 1, 0x7FFF, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 9990, 30000]
EXTREMES16 = [0, 1, 0x7FFF, 0xFFFF, 9990]
PDF_NUMBERS = ["0", "-1", "1e14", "100000000000000", "99999999999999999999", "2398", "nan", "1" + "0" * 400,
               "0.0001", "-100000000000000"]


def sources():
    """The committed good files mutations start from (large JPEGs left out to keep the run short)."""
    files = sorted(ROOT.glob("samples/*/batch-01/*.tif")) + sorted(ROOT.glob("Tests/Fixtures/ocr/card*"))
    return [f for f in files if f.suffix in (".png", ".jpg", ".tif", ".pdf") and f.stat().st_size < 200_000]


def kind(data):
    if data.startswith(b"\x89PNG"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if data.startswith(b"%PDF"):
        return "pdf"
    return "other"


def truncate(rng, data):
    return data[: rng.randrange(0, max(1, len(data)))]


def flip(rng, data):
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def zero_range(rng, data):
    out = bytearray(data)
    start = rng.randrange(len(out))
    end = min(len(out), start + rng.randint(1, 4096))
    out[start:end] = bytes(end - start)
    return bytes(out)


def duplicate_range(rng, data):
    start = rng.randrange(len(data))
    end = min(len(data), start + rng.randint(1, 4096))
    return data[:end] + data[start:end] * rng.randint(1, 50) + data[end:]


def extreme_word(rng, data):
    out = bytearray(data)
    i = rng.randrange(max(1, len(out) - 4))
    out[i:i + 4] = struct.pack(">I" if rng.random() < 0.5 else "<I", rng.choice(EXTREMES32))
    return bytes(out)


def png_size(rng, data):
    """IHDR width/height extreme, with the CRC fixed so that only the size is wrong."""
    out = bytearray(data)
    if len(out) < 33:
        return bytes(out)
    out[16:20] = struct.pack(">I", rng.choice(EXTREMES32))
    out[20:24] = struct.pack(">I", rng.choice(EXTREMES32))
    out[29:33] = struct.pack(">I", zlib.crc32(bytes(out[12:29])))
    return bytes(out)


def jpeg_size(rng, data):
    out = bytearray(data)
    i = 2
    while i + 9 < len(out) and out[i] == 0xFF:
        marker = out[i + 1]
        length = out[i + 2] << 8 | out[i + 3]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            out[i + 5:i + 7] = struct.pack(">H", rng.choice(EXTREMES16))
            out[i + 7:i + 9] = struct.pack(">H", rng.choice(EXTREMES16))
            break
        i += 2 + length
    return bytes(out)


def tiff_entry(rng, data):
    """One entry of the first directory (size, strip offsets, counts …) or the next-directory
    pointer set to an extreme value."""
    out = bytearray(data)
    if len(out) < 8:
        return bytes(out)
    endian = "<" if out[:2] == b"II" else ">"
    ifd = struct.unpack(endian + "I", out[4:8])[0]
    if ifd + 2 > len(out):
        return bytes(out)
    count = struct.unpack(endian + "H", out[ifd:ifd + 2])[0]
    if rng.random() < 0.2 or count == 0:
        at = ifd + 2 + 12 * count
    else:
        at = ifd + 2 + 12 * rng.randrange(count) + 8
    if at + 4 <= len(out):
        out[at:at + 4] = struct.pack(endian + "I", rng.choice(EXTREMES32))
    return bytes(out)


def pdf_numbers(rng, data):
    """MediaBox corners or the page count replaced (the xref offsets are left as they are)."""
    text = data.decode("latin-1")
    boxes = list(re.finditer(r"/MediaBox\s*\[([^\]]*)\]", text))
    if boxes and rng.random() < 0.7:
        box = rng.choice(boxes)
        numbers = f"0 0 {rng.choice(PDF_NUMBERS)} {rng.choice(PDF_NUMBERS)}"
        text = text[:box.start(1)] + numbers + text[box.end(1):]
    else:
        text = re.sub(r"/Count\s+\d+", f"/Count {rng.choice(['0', '-1', '100000', '2147483648'])}", text, count=1)
    return text.encode("latin-1")


def splice(rng, data, other):
    cut = rng.randrange(len(data))
    return data[:cut] + other[rng.randrange(len(other)):]


TARGETED = {"png": png_size, "jpeg": jpeg_size, "tiff": tiff_entry, "pdf": pdf_numbers}
GENERIC = [truncate, flip, zero_range, duplicate_range, extreme_word]


def mutate(rng, data, pool):
    """One mutated copy of `data`: one to three mutations, targeted at the format's header half the time."""
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        if not data:
            break
        format_ = kind(data)
        roll = rng.random()
        if roll < 0.5 and format_ in TARGETED:
            data = TARGETED[format_](rng, data)
        elif roll < 0.55:
            data = splice(rng, data, rng.choice(pool))
        else:
            data = rng.choice(GENERIC)(rng, data)
    return data


def write(out, count, seed):
    rng = random.Random(seed)
    files = sources()
    pool = [f.read_bytes() for f in files]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for n in range(count):
        index = rng.randrange(len(files))
        data = mutate(rng, pool[index], pool)
        path = out / f"m{n:05d}-{files[index].stem}{files[index].suffix}"
        path.write_bytes(data)
        written.append(path)
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    written = write(args.out, args.count, args.seed)
    print(f"wrote {len(written)} mutated files from {len(sources())} samples into {args.out}")


if __name__ == "__main__":
    main()
