"""Cleaning uploaded photos (of collages and drawings) before anything stores them.

A phone photo carries EXIF metadata, often with the GPS position of where it was taken — in
this workbook possibly someone's home. So every upload is decoded for real (never judged by
its file name), refused when it is not a plain image, too large, a decompression bomb or
damaged, and otherwise redrawn into a fresh JPEG without any metadata: EXIF (and GPS), XMP,
comments and colour profiles are all gone, the EXIF orientation is applied first so the
picture still stands upright.
"""

from __future__ import annotations

import math
import secrets
import warnings
from io import BytesIO
from typing import Any

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from leven.core.errors import LevenError
from leven.core.i18n import language, t

MAX_UPLOAD_BYTES = 15 * 1024 * 1024
"""Largest upload accepted: a full-resolution phone photo fits, a video or a scan does not."""

MAX_UPLOAD_TOTAL_BYTES = 48 * 1024 * 1024
"""Largest choice of photos sent at once: the browser sends them in one websocket message,
and one over the server's limit (64 MB) would cut the page's connection."""

MAX_PIXELS = 60_000_000
"""Largest width × height decoded (a 48-megapixel phone photo fits); checked from the header
before decoding, so a small file that unpacks to gigabytes is refused cheaply."""

MAX_SIDE = 1600
THUMBNAIL_SIDE = 240
JPEG_QUALITY = 85

ALLOWED_FORMATS: tuple[str, ...] = ("JPEG", "PNG", "WEBP", "GIF")
"""Pillow formats we decode; only these decoders ever see uploaded bytes."""

ACCEPT = "image/jpeg,image/png,image/webp,image/gif"
"""For a file field's ``accept``: a hint for the browser only; :func:`clean_image` decides."""

_WHITE = (255, 255, 255)


class ImageRejected(LevenError):
    """An upload that is not accepted as a photo; ``str()`` says why, in the language in force."""


def format_size(n_bytes: int, *, up: bool = False) -> str:
    """``15 MB``, ``7,5 MB`` or ``900 kB``: readable, with the decimal comma in Dutch. Rounded
    up for an upload's size, so a file just over the limit never reads as the limit itself."""
    rounding = math.ceil if up else round
    megabytes = n_bytes / (1024 * 1024)
    if megabytes >= 1:
        text, unit = f"{rounding(megabytes * 10) / 10:g}", "MB"
    else:
        text, unit = str(max(1, rounding(n_bytes / 1024))), "kB"
    if language() == "nl":
        text = text.replace(".", ",")
    return f"{text} {unit}"


def size_limit_text(max_bytes: int = MAX_UPLOAD_BYTES) -> str:
    """The size limit as a sentence for the upload form."""
    return t("media.form.size_limit", max_size=format_size(max_bytes))


def new_photo_id() -> str:
    """A fresh random id for a stored photo: never derived from the upload's name or content,
    so ids reveal nothing and are safe in file names and URLs.
    """
    return secrets.token_hex(16)


def _looks_like_heic(data: bytes) -> bool:
    # ISO base media file: 'ftyp' at offset 4, then a HEIF brand.
    return data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"hevc", b"heim", b"mif1")


def _open(data: bytes, max_pixels: int) -> Image.Image:
    try:
        image = Image.open(BytesIO(data), formats=list(ALLOWED_FORMATS))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageRejected("media.errors.too_many_pixels") from exc
    except UnidentifiedImageError as exc:
        if _looks_like_heic(data):
            raise ImageRejected("media.errors.heic") from exc
        raise ImageRejected("media.errors.not_an_image") from exc
    except Exception as exc:  # a damaged header can raise nearly anything inside Pillow
        raise ImageRejected("media.errors.corrupt") from exc
    width, height = image.size
    if width <= 0 or height <= 0:
        raise ImageRejected("media.errors.corrupt")
    if width * height > max_pixels:
        raise ImageRejected("media.errors.too_many_pixels")
    return image


def _target_size(size: tuple[int, int], max_side: int) -> tuple[int, int]:
    width, height = size
    scale = min(1.0, max_side / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert with the embedded colour profile when there is one, so colours stay right
    after the profile itself is dropped; fall back to a plain conversion."""
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "CMYK"):
        try:
            converted = ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(BytesIO(profile)),
                ImageCms.createProfile("sRGB"),
                outputMode="RGB",
            )
            if converted is not None:
                return converted
        except Exception:  # an odd profile is no reason to refuse the photo
            pass
    return image.convert("RGB")


def _flatten(image: Image.Image) -> Image.Image:
    """RGB without alpha: transparent parts become white, as on paper."""
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode in ("P", "L", "RGB") and "transparency" in image.info
    )
    if has_alpha:
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, _WHITE)
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if image.mode in ("RGB", "CMYK"):
        return _to_srgb(image)
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        # 16-bit/float greyscale: scale to 8 bits instead of clipping to white.
        return image.point(lambda v: v / 256).convert("L").convert("RGB")
    return image.convert("RGB")


def _decode(data: bytes, max_side: int, max_pixels: int) -> Image.Image:
    image = _open(data, max_pixels)
    if image.format == "JPEG":
        # Let libjpeg decode at a reduced scale (never below the target): big photos load fast.
        image.draft(None, _target_size(image.size, max_side))
    image.load()  # truncated or corrupt data fails here (LOAD_TRUNCATED_IMAGES stays off)
    image = ImageOps.exif_transpose(image)
    image = _flatten(image)
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return image


def _reencode(image: Image.Image) -> bytes:
    # A brand-new image from the raw pixels: nothing of the original info/EXIF/ICC/comment
    # can ride along, whatever Pillow's encoder would otherwise copy over.
    fresh = Image.frombytes("RGB", image.size, image.tobytes())
    out = BytesIO()
    fresh.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def clean_image(
    data: bytes,
    *,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_side: int = MAX_SIDE,
    max_pixels: int = MAX_PIXELS,
) -> bytes:
    """The upload as a clean JPEG: upright, at most ``max_side`` px, RGB, without metadata.

    Raises :class:`ImageRejected` (a ``ValueError``) for anything that is not a readable
    JPEG/PNG/WebP/GIF (GIFs and animations give their first frame), that exceeds
    ``max_bytes`` or ``max_pixels``, or that is truncated or damaged.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("clean_image expects bytes")
    data = bytes(data)
    if not data:
        raise ImageRejected("media.errors.empty")
    if len(data) > max_bytes:
        raise ImageRejected(
            "media.errors.too_large", max_size=format_size(max_bytes),
            size=format_size(len(data), up=True),
        )
    with warnings.catch_warnings():
        # Pillow only *warns* between its two bomb limits; here a warning is a refusal.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = _decode(data, max_side, max_pixels)
        except ImageRejected:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ImageRejected("media.errors.too_many_pixels") from exc
        except MemoryError as exc:
            raise ImageRejected("media.errors.too_many_pixels") from exc
        except Exception as exc:  # truncated/corrupt data raises OSError, SyntaxError, ...
            raise ImageRejected("media.errors.corrupt") from exc
    return _reencode(image)


def thumbnail(data: bytes, side: int = THUMBNAIL_SIDE, **limits: Any) -> bytes:
    """A small clean JPEG (at most ``side`` px) for overviews; the same checks as
    :func:`clean_image`, so it is safe on raw uploads as well as on cleaned photos."""
    return clean_image(data, max_side=side, **limits)
