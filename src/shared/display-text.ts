// What a person sees of a message's text: bidi controls removed so a name
// cannot read backwards, a short snippet for list rows, and long unbroken
// runs cut into pieces a browser can wrap without measuring the whole run.

/**
 * Bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069) and the
 * marks U+200E, U+200F and U+061C: with them `invoice\u202Efdp.exe` reads as
 * `invoiceexe.pdf`.
 */
const bidiControls = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g

export function stripBidiControls(text: string): string {
  return text.replace(bidiControls, '')
}

export function hasBidiControls(text: string): boolean {
  return text.search(bidiControls) !== -1
}

/**
 * Characters that take no room on screen: zero-width space, non-joiner and
 * joiner (U+200B–200D), word joiner (U+2060) and the byte-order mark
 * (U+FEFF). In a name or an address they hide a difference:
 * `admin\u200B@example.com` reads as `admin@example.com`.
 */
const zeroWidthCharacters = /[\u200b-\u200d\u2060\ufeff]/g

/** Bidi controls or zero-width characters: a string a person cannot read as it really is. */
export function hasHiddenCharacters(text: string): boolean {
  return text.search(bidiControls) !== -1 || text.search(zeroWidthCharacters) !== -1
}

/**
 * A name as a person should read it: bidi controls and zero-width
 * characters removed, so two names that look the same are the same.
 * (Emoji sequences lose their joiners; a name stays readable.)
 */
export function cleanName(text: string): string {
  return text.replace(bidiControls, '').replace(zeroWidthCharacters, '')
}

/** A list row shows this many characters of a message at most, … */
export const snippetCharLimit = 300
/** … on this many lines at most. */
export const snippetLineLimit = 6

/** Index of the end of the code point that starts at `index` (a surrogate pair is one). */
function codePointEnd(text: string, index: number): number {
  const code = text.charCodeAt(index)
  const isHighSurrogate = code >= 0xd800 && code <= 0xdbff
  return isHighSurrogate && index + 1 < text.length ? index + 2 : index + 1
}

/**
 * The start of a message, bounded in characters and lines, cut at a code
 * point (never inside a surrogate pair) with a visible "…" when anything was cut.
 */
export function snippet(text: string, charLimit = snippetCharLimit, lineLimit = snippetLineLimit): string {
  let end = 0
  let points = 0
  let lines = 1
  while (end < text.length) {
    if (points === charLimit) break
    if (text[end] === '\n') {
      if (lines === lineLimit) break
      lines += 1
    }
    end = codePointEnd(text, end)
    points += 1
  }
  if (end >= text.length) return text
  return `${text.slice(0, end).trimEnd()}…`
}

/**
 * Unbroken runs longer than this many UTF-16 units are cut into pieces of at
 * most that length. Short pieces let a line fill nearly to its end (a line
 * breaks between pieces); much shorter ones add elements for little gain.
 */
export const unbrokenRunLimit = 24

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/**
 * Cut one unbroken run into pieces of at most `limit` units at grapheme
 * boundaries, so an accent or an emoji sequence stays whole. A single
 * grapheme longer than the limit (a pile of combining marks) is cut at code points.
 */
function cutRun(run: string, limit: number): string[] {
  const pieces: string[] = []
  let piece = ''
  const push = (part: string) => {
    if (piece.length + part.length > limit && piece !== '') {
      pieces.push(piece)
      piece = ''
    }
    piece += part
  }
  for (const { segment } of graphemes.segment(run)) {
    if (segment.length <= limit) {
      push(segment)
      continue
    }
    for (const point of segment) push(point)
  }
  if (piece !== '') pieces.push(piece)
  return pieces
}

/**
 * The text as pieces, in order, that join back to it exactly. Text with
 * spaces stays whole; a run without any whitespace longer than
 * `unbrokenRunLimit` is cut into pieces of at most that length. A view
 * puts a line-break opportunity between pieces, so the browser's line
 * breaker never has to measure one 20,000-character word.
 */
export function breakUnbrokenRuns(text: string, limit = unbrokenRunLimit): string[] {
  const pieces: string[] = []
  let from = 0
  // Without the u flag \S counts UTF-16 units, the unit the limit is in.
  for (const match of text.matchAll(new RegExp(`\\S{${limit + 1},}`, 'g'))) {
    if (match.index > from) pieces.push(text.slice(from, match.index))
    pieces.push(...cutRun(match[0], limit))
    from = match.index + match[0].length
  }
  if (from < text.length || pieces.length === 0) pieces.push(text.slice(from))
  return pieces
}
