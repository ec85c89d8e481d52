// Draws Lull's tray and app icons as PNGs with nothing but node:zlib, so the
// images are reproducible from this file: `node --import tsx resources/make-icons.ts`.
// Tray: a ring (open), a filled disc (focus), a ring with a badge (check-in
// due); 16 px with a 32 px @2x sibling; coloured for Windows and Linux,
// black-and-alpha `Template` variants for the macOS menu bar.
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
  process.stdout.write(`wrote tray icons to ${trayDir} and the app icon to ${join(here, 'icon.png')}\n`)
}

main()
