"""Uploaded photos: metadata (GPS!) removed, upright, shrunk; bad uploads refused in Dutch."""

from __future__ import annotations

import random
import re
import struct
import time
import zlib
from io import BytesIO

import pytest
from PIL import Image, ImageCms

from leven.core.errors import LevenError
from leven.core.example_images import MOTIEVEN, draw_image, example_image, example_images
from leven.core.i18n import set_language
from leven.core.media import (
    MAX_PIXELS,
    MAX_UPLOAD_BYTES,
    ImageRejected,
    clean_image,
    new_photo_id,
    size_limit_text,
    thumbnail,
)

RED, BLUE = (220, 30, 30), (30, 30, 220)


pytestmark = pytest.mark.usefixtures("dutch")  # messages are checked in Dutch


def _encode(image: Image.Image, fmt: str = "JPEG", **params) -> bytes:
    out = BytesIO()
    image.save(out, format=fmt, **params)
    return out.getvalue()


def _two_halves(size: tuple[int, int]) -> Image.Image:
    """Left half red, right half blue: shows where the picture ends up after rotation."""
    image = Image.new("RGB", size, RED)
    image.paste(BLUE, (size[0] // 2, 0, size[0], size[1]))
    return image


def _phone_photo(size: tuple[int, int] = (3200, 1600)) -> bytes:
    """A JPEG as a phone makes it: EXIF with GPS (Utrecht, 52.09 N) and a rotation flag,
    plus a camera name, a comment, XMP and a colour profile."""
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x010F] = "TestCam"  # Make
    exif[0x8825] = {  # GPSInfo IFD
        1: "N",
        2: (52.0, 5.0, 24.0),  # 52° 5' 24" = 52.09
        3: "E",
        4: (5.0, 7.0, 12.0),
    }
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return _encode(
        _two_halves(size),
        exif=exif,
        comment=b"geheim commentaar",
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">geheime-xmp-plek</x:xmpmeta>',
        icc_profile=srgb,
        quality=90,
    )


def _png_with_declared_size(width: int, height: int) -> bytes:
    """A tiny real PNG whose header claims ``width`` x ``height`` pixels (CRC fixed up)."""
    data = bytearray(_encode(Image.new("1", (1, 1)), "PNG"))
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def _rejected(data: bytes, **kwargs) -> ImageRejected:
    with pytest.raises(ImageRejected) as info:
        clean_image(data, **kwargs)
    error = info.value
    assert isinstance(error, LevenError)
    assert isinstance(error, ValueError)
    return error


# --- cleaning ------------------------------------------------------------------------------


def test_phone_photo_loses_all_metadata():
    original = _phone_photo()
    assert Image.open(BytesIO(original)).getexif().get_ifd(0x8825)[2] == (52.0, 5.0, 24.0)
    assert b"Exif" in original and b"TestCam" in original

    cleaned = clean_image(original)
    image = Image.open(BytesIO(cleaned))
    assert image.format == "JPEG"
    assert len(image.getexif()) == 0
    assert image.getexif().get_ifd(0x8825) == {}
    for key in ("exif", "xmp", "comment", "icc_profile"):
        assert key not in image.info
    for secret in (b"Exif", b"TestCam", b"geheim", b"geheime-xmp-plek", b"adobe", b"ICC_PROFILE"):
        assert secret not in cleaned


def test_orientation_applied_and_downscaled():
    cleaned = Image.open(BytesIO(clean_image(_phone_photo((3200, 1600)))))
    # 3200x1600 rotated upright is 1600x3200; the long side is brought down to 1600.
    assert cleaned.size == (800, 1600)
    assert cleaned.mode == "RGB"
    top, bottom = cleaned.getpixel((400, 200)), cleaned.getpixel((400, 1400))
    # Rotated 90° clockwise: the red left half is now on top.
    assert top[0] > 180 and top[2] < 80
    assert bottom[2] > 180 and bottom[0] < 80


def test_small_image_keeps_its_size_and_max_side_is_a_parameter():
    small = _encode(_two_halves((300, 200)))
    assert Image.open(BytesIO(clean_image(small))).size == (300, 200)
    assert Image.open(BytesIO(clean_image(small, max_side=150))).size == (150, 100)


def test_png_alpha_flattened_on_white():
    image = Image.new("RGBA", (60, 40), (0, 0, 0, 0))
    image.paste((10, 120, 10, 255), (0, 0, 30, 40))
    cleaned = Image.open(BytesIO(clean_image(_encode(image, "PNG"))))
    assert cleaned.format == "JPEG" and cleaned.mode == "RGB"
    assert min(cleaned.getpixel((50, 20))) > 240  # transparent -> white
    assert cleaned.getpixel((10, 20))[1] > 100  # the green stays


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "GIF"])
def test_other_formats_accepted(fmt: str):
    cleaned = clean_image(_encode(_two_halves((120, 80)), fmt))
    image = Image.open(BytesIO(cleaned))
    assert (image.format, image.size) == ("JPEG", (120, 80))


def test_animated_gif_gives_first_frame():
    frames = [Image.new("RGB", (40, 30), RED), Image.new("RGB", (40, 30), BLUE)]
    data = _encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)
    pixel = Image.open(BytesIO(clean_image(data))).getpixel((20, 15))
    assert pixel[0] > 180 and pixel[2] < 80


def test_twelve_megabyte_jpeg_accepted_and_shrunk():
    rng = random.Random(20240314)
    width, height = 2048, 1536
    noise = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    data = _encode(noise, quality=100, subsampling=0)
    assert 11 * 1024 * 1024 < len(data) < MAX_UPLOAD_BYTES
    started = time.perf_counter()
    cleaned = clean_image(data)
    assert time.perf_counter() - started < 5
    assert Image.open(BytesIO(cleaned)).size == (1600, 1200)
    assert len(cleaned) < len(data) // 3


def test_thumbnail_small_and_clean():
    thumb = Image.open(BytesIO(thumbnail(_phone_photo((1200, 600)))))
    assert max(thumb.size) == 240
    assert thumb.size == (120, 240)  # upright
    assert len(thumb.getexif()) == 0


def test_new_photo_id_random_and_safe():
    ids = {new_photo_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(re.fullmatch(r"[0-9a-f]{32}", photo_id) for photo_id in ids)


def test_size_limit_text_dutch():
    assert MAX_UPLOAD_BYTES == 15 * 1024 * 1024
    assert size_limit_text().startswith("Foto's tot 15 MB")
    assert "7,5 MB" in size_limit_text(int(7.5 * 1024 * 1024))
    set_language("en")
    assert size_limit_text().startswith("Photos up to 15 MB")


# --- refusals ------------------------------------------------------------------------------


def test_text_file_renamed_jpg_refused():
    # The name ("notulen.jpg") never reaches clean_image: only the bytes count.
    error = _rejected(b"Notulen van de startbijeenkomst\nAanwezig: ...\n")
    assert error.key == "media.errors.not_an_image"
    assert str(error).startswith("Dit bestand is geen foto die we kunnen lezen.")


def test_other_image_formats_refused():
    # A real image, but not one of ours (BMP): its decoder never sees the bytes.
    error = _rejected(_encode(Image.new("RGB", (10, 10)), "BMP"))
    assert error.key == "media.errors.not_an_image"


def test_heic_gets_a_hint():
    heic_header = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
    error = _rejected(heic_header)
    assert "HEIC" in str(error) and "JPEG" in str(error)


def test_empty_refused():
    assert str(_rejected(b"")) == "Dit bestand is leeg."


def test_oversize_refused_before_decoding():
    error = _rejected(b"\xff\xd8\xff" + b"\x00" * MAX_UPLOAD_BYTES)
    assert error.key == "media.errors.too_large"
    assert str(error).startswith("Deze foto is te groot (15,1 MB); het maximum is 15 MB.")
    small_limit = _rejected(b"\xff\xd8" + bytes(3000), max_bytes=1000)
    assert "(3 kB); het maximum is 1 kB." in str(small_limit)  # never "0 MB"
    assert small_limit.key == "media.errors.too_large"


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (30000, 30000),  # Pillow's DecompressionBombError (over twice its limit)
        (10000, 10000),  # Pillow only warns (between its limits): we refuse
        (9000, 8000),  # under Pillow's limits, over our own MAX_PIXELS
    ],
)
def test_decompression_bomb_refused(width: int, height: int):
    data = _png_with_declared_size(width, height)
    assert len(data) < 200
    assert width * height > MAX_PIXELS
    started = time.perf_counter()
    error = _rejected(data)
    assert time.perf_counter() - started < 1
    assert error.key == "media.errors.too_many_pixels"
    assert str(error).startswith("Deze afbeelding heeft te veel pixels")


def test_max_pixels_is_a_parameter():
    data = _encode(_two_halves((200, 100)))
    assert _rejected(data, max_pixels=10_000).key == "media.errors.too_many_pixels"


def test_truncated_jpeg_refused():
    data = _phone_photo((800, 600))
    error = _rejected(data[: len(data) // 2])
    assert error.key == "media.errors.corrupt"
    assert (
        str(error)
        == "Deze foto is beschadigd of niet volledig. Probeer de foto opnieuw te uploaden."
    )


def test_corrupt_png_refused():
    data = bytearray(_encode(_two_halves((64, 64)), "PNG"))
    data[60:80] = b"\x00" * 20  # damage the compressed pixel data
    assert _rejected(bytes(data)).key == "media.errors.corrupt"


def test_refusals_in_english_too():
    set_language("en")
    assert str(_rejected(b"hello")).startswith("This file is not a photo")


# --- example images ------------------------------------------------------------------------


def test_example_images_deterministic_and_clean():
    first, second = example_images(), example_images()
    assert first == second
    assert set(first) == set(MOTIEVEN) == {"eilanden", "huis", "boom", "zon"}
    for data in first.values():
        image = Image.open(BytesIO(data))
        assert (image.format, image.size) == ("JPEG", (400, 300))
        assert Image.open(BytesIO(clean_image(data))).size == (400, 300)
    png = example_image("eilanden", fmt="PNG")
    assert Image.open(BytesIO(png)).format == "PNG"
    assert draw_image("zon", (200, 150)).size == (200, 150)
    with pytest.raises(ValueError):
        example_image("maan")
