#!/usr/bin/env python3
"""Draws the installable app's icons (public/icons/*.png) from the favicon's "U".

Run by hand when the mark changes (needs Pillow: `pip install pillow`); the PNGs are
committed, so neither the build nor the tests need it. Phones want PNGs: 192 and 512 px
("any", the round mark on transparency), maskable ones (full-bleed square, the letter kept
inside the central 80% safe zone), 180 px for iOS's home screen and 96 px for shortcuts.
"""
import math
import os
from PIL import Image, ImageDraw

GREEN = (11, 93, 59, 255)  # #0b5d3b, the theme colour
WHITE = (255, 255, 255, 255)
OUT = os.path.join(os.path.dirname(__file__), "..", "public", "icons")


def u_outline(scale, ox, oy):
    """The favicon's path (64-unit grid): outer stroke, bottom arc r=12, inner arc r=5."""
    pts = [(20, 16), (20, 36)]
    for i in range(33):
        a = math.pi - math.pi * i / 32  # 180° to 0° through the bottom
        pts.append((32 + 12 * math.cos(a), 36 + 12 * math.sin(a)))
    pts += [(44, 16), (37, 16), (37, 36)]
    for i in range(33):
        a = math.pi * i / 32  # 0° to 180° through the bottom
        pts.append((32 + 5 * math.cos(a), 36 + 5 * math.sin(a)))
    pts += [(27, 36), (27, 16)]
    return [(ox + x * scale, oy + y * scale) for x, y in pts]


def icon(size, maskable, name):
    big = size * 4  # drawn large, then scaled down for smooth edges
    im = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    if maskable:
        d.rectangle([0, 0, big, big], fill=GREEN)
        k = big * 0.7 / 64
        off = (big - 64 * k) / 2
        d.polygon(u_outline(k, off, off), fill=WHITE)
    else:
        k = big / 64
        d.ellipse([2 * k, 2 * k, 62 * k, 62 * k], fill=GREEN)
        d.polygon(u_outline(k, 0, 0), fill=WHITE)
    im.resize((size, size), Image.LANCZOS).save(os.path.join(OUT, name), optimize=True)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    icon(192, False, "icon-192.png")
    icon(512, False, "icon-512.png")
    icon(96, False, "icon-96.png")
    icon(192, True, "maskable-192.png")
    icon(512, True, "maskable-512.png")
    icon(180, True, "apple-touch-icon.png")
