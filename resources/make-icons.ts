// Draws Lull's tray and app icons as PNGs with nothing but node:zlib, so the
// images are reproducible from this file: `node --import tsx resources/make-icons.ts`.
// Tray: a ring (open), a filled disc (focus), a ring with a badge (check-in
// due); 16 px with a 32 px @2x sibling; coloured for Windows and Linux,
// black-and-alpha `Template` variants for the macOS menu bar. The installers'
// icons (build/icons: macOS .icns, Windows .ico, Linux PNGs by size) are the
// same app icon drawn at each size, never a small image scaled up.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { crc32, deflateSync } from 'node:zlib'

type Rgb = readonly [number, number, number]
/** Coverage of one point, 0..1, in a unit square (0,0 top left to 1,1 bottom right). */
type Shape = (x: number, y: number) => number

const supersample = 4

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** An 8-bit RGBA PNG from rows of pixels. */
function encodePng(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.writeUInt8(8, 8) // bit depth
  header.writeUInt8(6, 9) // colour type: RGBA
  const raw = Buffer.alloc(size * (1 + size * 4))
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 4)
    raw[row] = 0 // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), row + 1 + x * 4)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** Average a shape's coverage over sub-pixels, for smooth edges at 16 px. */
function coverage(shape: Shape, size: number, px: number, py: number): number {
  let sum = 0
  for (let sy = 0; sy < supersample; sy++) {
    for (let sx = 0; sx < supersample; sx++) {
      sum += shape((px + (sx + 0.5) / supersample) / size, (py + (sy + 0.5) / supersample) / size)
    }
  }
  return sum / (supersample * supersample)
}

const distance = (x: number, y: number, cx: number, cy: number) => Math.hypot(x - cx, y - cy)
const disc =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    distance(x, y, cx, cy) <= r ? 1 : 0
const ring =
  (cx: number, cy: number, outer: number, inner: number): Shape =>
  (x, y) => {
    const d = distance(x, y, cx, cy)
    return d <= outer && d >= inner ? 1 : 0
  }

/** The badge sits top right, with a clear gap cut out of the ring around it so it reads at 16 px. */
const badge = disc(0.78, 0.22, 0.2)
const badgeGap = disc(0.78, 0.22, 0.3)

const shapes: Record<'open' | 'focus' | 'check-in-due', Shape> = {
  open: ring(0.5, 0.5, 0.44, 0.3),
  focus: disc(0.5, 0.5, 0.44),
  'check-in-due': (x, y) => Math.max(badge(x, y), badgeGap(x, y) ? 0 : ring(0.5, 0.5, 0.44, 0.3)(x, y)),
}

/** Mid-tones that read on both light (Windows) and dark (most Linux panels) trays. */
const colours: Record<keyof typeof shapes, Rgb> = {
  open: [128, 136, 148],
  focus: [99, 102, 241],
  'check-in-due': [128, 136, 148],
}
const badgeColour: Rgb = [245, 158, 11]

function trayPixel(name: keyof typeof shapes, size: number, isTemplate: boolean) {
  return (px: number, py: number): [number, number, number, number] => {
    const alpha = Math.round(coverage(shapes[name], size, px, py) * 255)
    if (isTemplate) return [0, 0, 0, alpha]
    const isBadge = name === 'check-in-due' && coverage(badge, size, px, py) > 0
    const [r, g, b] = isBadge ? badgeColour : colours[name]
    return [r, g, b, alpha]
  }
}

/** The app icon: a rounded indigo square holding a white ring, the "open" mark at large size. */
function appIconPixel(size: number) {
  const radius = 0.22
  const square: Shape = (x, y) => {
    const dx = Math.max(Math.abs(x - 0.5) - (0.5 - radius), 0)
    const dy = Math.max(Math.abs(y - 0.5) - (0.5 - radius), 0)
    return Math.hypot(dx, dy) <= radius ? 1 : 0
  }
  const mark = ring(0.5, 0.5, 0.3, 0.19)
  return (px: number, py: number): [number, number, number, number] => {
    const body = coverage(square, size, px, py)
    const white = coverage(mark, size, px, py)
    const mix = (from: number) => Math.round(from * (1 - white) + 255 * white)
    return [mix(79), mix(70), mix(229), Math.round(body * 255)]
  }
}

/**
 * A Windows .ico: 256 px as PNG (what Explorer shows large), the small sizes
 * as 32-bit bitmaps, which every reader of the format (NSIS included) takes.
 */
function encodeIco(sizes: readonly number[]): Buffer {
  const images = sizes.map((size) => (size >= 256 ? encodePng(size, appIconPixel(size)) : icoBitmap(size)))
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2) // type: icon
  header.writeUInt16LE(sizes.length, 4)
  let offset = 6 + 16 * sizes.length
  const entries = sizes.map((size, index) => {
    const image = images[index]!
    const entry = Buffer.alloc(16)
    entry.writeUInt8(size >= 256 ? 0 : size, 0) // 0 means 256
    entry.writeUInt8(size >= 256 ? 0 : size, 1)
    entry.writeUInt16LE(1, 4) // planes
    entry.writeUInt16LE(32, 6) // bits per pixel
    entry.writeUInt32LE(image.length, 8)
    entry.writeUInt32LE(offset, 12)
    offset += image.length
    return entry
  })
  return Buffer.concat([header, ...entries, ...images])
}

/** One .ico bitmap: a BITMAPINFOHEADER, BGRA rows bottom-up, then an all-clear AND mask (alpha does the work). */
function icoBitmap(size: number): Buffer {
  const info = Buffer.alloc(40)
  info.writeUInt32LE(40, 0)
  info.writeInt32LE(size, 4)
  info.writeInt32LE(size * 2, 8) // colour rows and mask rows
  info.writeUInt16LE(1, 12)
  info.writeUInt16LE(32, 14)
  const pixels = Buffer.alloc(size * size * 4)
  const pixel = appIconPixel(size)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y)
      pixels.set([b, g, r, a], ((size - 1 - y) * size + x) * 4)
    }
  }
  const maskRow = Math.ceil(size / 32) * 4
  return Buffer.concat([info, pixels, Buffer.alloc(maskRow * size)])
}

/** A macOS .icns holding PNGs: each type code names its pixel size (the @2x codes reuse a larger drawing). */
function encodeIcns(): Buffer {
  const types: ReadonlyArray<readonly [string, number]> = [
    ['icp4', 16],
    ['icp5', 32],
    ['ic11', 32],
    ['ic12', 64],
    ['ic07', 128],
    ['ic08', 256],
    ['ic13', 256],
    ['ic09', 512],
    ['ic14', 512],
    ['ic10', 1024],
  ]
  const drawn = new Map<number, Buffer>()
  const entries = types.map(([type, size]) => {
    let png = drawn.get(size)
    if (!png) {
      png = encodePng(size, appIconPixel(size))
      drawn.set(size, png)
    }
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(8 + png.length, 4)
    return Buffer.concat([head, png])
  })
  const body = Buffer.concat(entries)
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(8 + body.length, 4)
  return Buffer.concat([head, body])
}

/** The sizes Linux desktops look up in the hicolor theme. */
export const linuxIconSizes = [16, 24, 32, 48, 64, 128, 256, 512] as const
export const windowsIconSizes = [16, 24, 32, 48, 64, 128, 256] as const

function writeInstallerIcons(iconsDir: string): void {
  const linuxDir = join(iconsDir, 'linux')
  mkdirSync(linuxDir, { recursive: true })
  for (const size of linuxIconSizes)
    writeFileSync(join(linuxDir, `${size}x${size}.png`), encodePng(size, appIconPixel(size)))
  writeFileSync(join(iconsDir, 'icon.png'), encodePng(1024, appIconPixel(1024)))
  writeFileSync(join(iconsDir, 'icon.ico'), encodeIco(windowsIconSizes))
  writeFileSync(join(iconsDir, 'icon.icns'), encodeIcns())
}

function main(): void {
  const here = dirname(fileURLToPath(import.meta.url))
  const trayDir = join(here, 'tray')
  mkdirSync(trayDir, { recursive: true })
  for (const name of Object.keys(shapes) as Array<keyof typeof shapes>) {
    for (const isTemplate of [false, true]) {
      for (const [scale, size] of [
        ['', 16],
        ['@2x', 32],
      ] as const) {
        const file = join(trayDir, `${name}${isTemplate ? 'Template' : ''}${scale}.png`)
        writeFileSync(file, encodePng(size, trayPixel(name, size, isTemplate)))
      }
    }
  }
  writeFileSync(join(here, 'icon.png'), encodePng(256, appIconPixel(256)))
  const iconsDir = join(here, '..', 'build', 'icons')
  writeInstallerIcons(iconsDir)
  process.stdout.write(
    `wrote tray icons to ${trayDir}, the app icon to ${join(here, 'icon.png')} and the installers' icons to ${iconsDir}\n`,
  )
}

main()
