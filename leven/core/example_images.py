"""Small drawn pictures that stand in for photos of collages in the example data.

Real collage photos would carry people's handwriting and faces; these are drawn from simple
shapes, the same bytes on every run (no randomness, no fonts), so example data, tests and
screenshots stay reproducible. The motifs follow the dream phase of the workbook: islands
with bridges between them, a house, a tree, a sun.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from io import BytesIO

from PIL import Image, ImageDraw

SIZE = (400, 300)

_SKY = (214, 234, 248)
_SEA = (93, 156, 209)
_GRASS = (120, 178, 92)
_SAND = (236, 214, 160)
_WOOD = (139, 94, 60)
_ROOF = (178, 60, 50)
_WALL = (245, 230, 200)
_LEAF = (64, 140, 70)
_SUN = (250, 200, 40)
_INK = (60, 60, 60)
_PAPER = (252, 248, 240)


def _islands(draw: ImageDraw.ImageDraw, width: int, height: int) -> None:
    """The metaphor from the workbook: islands where everyone works, bridges between them."""
    draw.rectangle((0, 0, width, height * 0.45), fill=_SKY)
    draw.rectangle((0, height * 0.45, width, height), fill=_SEA)
    islands = [(70, 200, 55), (200, 165, 60), (330, 210, 50)]
    for (x1, y1, _), (x2, y2, _) in itertools.pairwise(islands):
        # A bridge: deck plus railing posts.
        draw.line((x1, y1 - 8, x2, y2 - 8), fill=_WOOD, width=7)
        for step in range(1, 6):
            x = x1 + (x2 - x1) * step / 6
            y = y1 - 8 + (y2 - y1) * step / 6
            draw.line((x, y, x, y - 12), fill=_WOOD, width=2)
    for x, y, r in islands:
        draw.ellipse((x - r, y - r * 0.45, x + r, y + r * 0.45), fill=_SAND, outline=_INK)
        draw.ellipse((x - r * 0.7, y - r * 0.5, x + r * 0.7, y + r * 0.1), fill=_GRASS)
        # A small figure on every island.
        draw.ellipse((x - 5, y - 38, x + 5, y - 28), fill=_INK)
        draw.line((x, y - 28, x, y - 12), fill=_INK, width=3)


def _house(draw: ImageDraw.ImageDraw, width: int, height: int) -> None:
    """A warm house: being cared for at home, with light in the window."""
    draw.rectangle((0, 0, width, height * 0.7), fill=_SKY)
    draw.rectangle((0, height * 0.7, width, height), fill=_GRASS)
    left, right, top, bottom = 130, 270, 130, 230
    draw.rectangle((left, top, right, bottom), fill=_WALL, outline=_INK, width=2)
    draw.polygon([(left - 15, top), ((left + right) / 2, 60), (right + 15, top)], fill=_ROOF)
    draw.rectangle((185, 175, 215, bottom), fill=_WOOD)
    draw.rectangle((145, 150, 175, 175), fill=_SUN, outline=_INK)
    draw.rectangle((225, 150, 255, 175), fill=_SUN, outline=_INK)
    # A path to the door, open to the neighbourhood.
    draw.polygon([(190, bottom), (210, bottom), (240, height), (160, height)], fill=_SAND)


def _tree(draw: ImageDraw.ImageDraw, width: int, height: int) -> None:
    """A tree with roots and a full crown: growth from what is already there."""
    draw.rectangle((0, 0, width, height), fill=_PAPER)
    draw.rectangle((0, height * 0.75, width, height), fill=_GRASS)
    trunk = (185, 150, 215, 235)
    draw.rectangle(trunk, fill=_WOOD)
    for dx in (-40, -15, 15, 40):
        draw.line((200, 232, 200 + dx, 262), fill=_WOOD, width=4)
    for cx, cy, r in [(200, 110, 70), (145, 135, 45), (255, 135, 45), (200, 65, 45)]:
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_LEAF)
    for cx, cy in [(170, 100), (230, 90), (205, 140), (150, 140), (260, 130)]:
        draw.ellipse((cx - 6, cy - 6, cx + 6, cy + 6), fill=_ROOF)


def _sun(draw: ImageDraw.ImageDraw, width: int, height: int) -> None:
    """A rising sun over the horizon: the *stip aan de horizon*."""
    draw.rectangle((0, 0, width, height), fill=_SKY)
    cx, cy, r = width / 2, height * 0.62, 60
    for index in range(12):
        # Twelve rays spread evenly over the upper half, drawn as thin wedges.
        angle = 180 + index * 180 / 11
        draw.pieslice(
            (cx - 2.4 * r, cy - 2.4 * r, cx + 2.4 * r, cy + 2.4 * r),
            angle - 3,
            angle + 3,
            fill=(252, 224, 120),
        )
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_SUN, outline=(230, 160, 30), width=3)
    draw.rectangle((0, cy, width, height), fill=_SEA)
    for y in range(int(cy) + 15, height, 18):
        draw.line((40, y, width - 40, y), fill=(160, 200, 230), width=2)


MOTIEVEN: dict[str, Callable[[ImageDraw.ImageDraw, int, int], None]] = {
    "eilanden": _islands,
    "huis": _house,
    "boom": _tree,
    "zon": _sun,
}
"""The motifs that can be drawn, by Dutch name."""


def draw_image(motief: str, size: tuple[int, int] = SIZE) -> Image.Image:
    """One motif as a Pillow image (RGB); the drawing is laid out for 400x300 and scaled."""
    try:
        painter = MOTIEVEN[motief]
    except KeyError:
        raise ValueError(f"unknown motif {motief!r}; choose one of {sorted(MOTIEVEN)}") from None
    image = Image.new("RGB", SIZE, _PAPER)
    painter(ImageDraw.Draw(image), *SIZE)
    if size != SIZE:
        image = image.resize(size, Image.Resampling.LANCZOS)
    return image


def example_image(motief: str, *, fmt: str = "JPEG", size: tuple[int, int] = SIZE) -> bytes:
    """One motif encoded as ``JPEG`` or ``PNG`` bytes, identical on every call."""
    out = BytesIO()
    image = draw_image(motief, size)
    if fmt.upper() == "JPEG":
        image.save(out, format="JPEG", quality=85)
    elif fmt.upper() == "PNG":
        image.save(out, format="PNG")
    else:
        raise ValueError(f"unsupported format {fmt!r}; use JPEG or PNG")
    return out.getvalue()


def example_images(fmt: str = "JPEG") -> dict[str, bytes]:
    """All motifs as encoded bytes, by name."""
    return {motief: example_image(motief, fmt=fmt) for motief in MOTIEVEN}
