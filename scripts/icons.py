#!/usr/bin/env python3
"""Draws the site's icon set into src/ShortScience.Web/wwwroot: favicon.svg, favicon.ico (16, 32, 48) and the PNGs
browsers and phones ask for. One drawing, a blue tile with the lines of a short text; standard library only."""
import struct, zlib, pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent / "src/ShortScience.Web/wwwroot"
TILE = (0x1a, 0x5f, 0xb4)
# Rounded rectangles on a 64-unit grid: (x, y, width, height, radius, colour, opacity).
SHAPES = [
    (0, 0, 64, 64, 12, TILE, 1.0),
    (13, 14, 38, 8, 4, (255, 255, 255), 1.0),
    (13, 28, 30, 5, 2.5, (255, 255, 255), 0.85),
    (13, 38, 34, 5, 2.5, (255, 255, 255), 0.85),
    (13, 48, 22, 5, 2.5, (255, 255, 255), 0.85),
]


def svg():
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">']
    for x, y, w, h, r, c, o in SHAPES:
        opacity = "" if o == 1.0 else f' fill-opacity="{o}"'
        parts.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{r}" fill="#{c[0]:02x}{c[1]:02x}{c[2]:02x}"{opacity}/>')
    parts.append("</svg>\n")
    return "".join(parts)


def inside(px, py, x, y, w, h, r):
    if not (x <= px <= x + w and y <= py <= y + h):
        return False
    cx = min(max(px, x + r), x + w - r)
    cy = min(max(py, y + r), y + h - r)
    return (px - cx) ** 2 + (py - cy) ** 2 <= r * r


def raster(size, samples=4):
    rows = []
    for j in range(size):
        row = bytearray()
        for i in range(size):
            acc = [0.0, 0.0, 0.0, 0.0]  # premultiplied colour and alpha
            for sj in range(samples):
                for si in range(samples):
                    px = (i + (si + 0.5) / samples) * 64 / size
                    py = (j + (sj + 0.5) / samples) * 64 / size
                    rgba = [0.0, 0.0, 0.0, 0.0]
                    for x, y, w, h, r, c, o in SHAPES:
                        if inside(px, py, x, y, w, h, r):
                            rgba = [c[0] * o + rgba[0] * (1 - o), c[1] * o + rgba[1] * (1 - o), c[2] * o + rgba[2] * (1 - o), o + rgba[3] * (1 - o)]
                    for k in range(3):
                        acc[k] += rgba[k] * (1 if rgba[3] else 0)
                    acc[3] += rgba[3]
            n = samples * samples
            a = acc[3] / n
            colour = [round(acc[k] / n / a) if a else 0 for k in range(3)]
            row += bytes(colour + [round(a * 255)])
        rows.append(bytes(row))
    return rows


def png(size):
    raw = b"".join(b"\0" + row for row in raster(size))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def ico(sizes):
    images = [png(s) for s in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries = b""
    for s, data in zip(sizes, images):
        entries += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return header + entries + b"".join(images)


if __name__ == "__main__":
    (ROOT / "favicon.svg").write_text(svg())
    (ROOT / "favicon.ico").write_bytes(ico([16, 32, 48]))
    (ROOT / "apple-touch-icon.png").write_bytes(png(180))
    (ROOT / "icon-192.png").write_bytes(png(192))
    (ROOT / "icon-512.png").write_bytes(png(512))
