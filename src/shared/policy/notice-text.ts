// Text for the OS's notification centre. Some Linux notification servers
// read markup in the body, so the text is made markup-free for sure: tags
// are removed until none is left, and a "<" that could still open one is
// set apart. Bidi controls are removed so a name cannot read backwards, and
// bodies are kept short enough to show whole in a banner.
import { stripBidiControls } from '../display-text'

export const noticeBodyLimit = 200
export const noticeTitleLimit = 100

const tag = /<\/?[A-Za-z!?][^<>]*>/g
/** A "<" a markup parser could read as the start of a tag, a closing tag, a comment or an instruction. */
const tagOpener = /<(?=[A-Za-z/!?])/g

/**
 * Tags nested deeper than this are not worth more passes over a long text:
 * what is left of them is set apart by plainText all the same.
 */
const tagPassLimit = 20

/** Remove tags until none is left: one pass leaves `<a href=…>` behind from `<a<x> href=…>`. */
function stripTags(text: string): string {
  let current = text
  for (let pass = 0; pass < tagPassLimit; pass++) {
    const next = current.replace(tag, ' ')
    if (next === current) break
    current = next
  }
  return current
}

/**
 * Plain, one-line text: bidi controls dropped, control characters, tags and
 * runs of whitespace made one space, and any "<" left before a letter, "/",
 * "!" or "?" (an unclosed tag) followed by a space. Escaping (&lt;) was the
 * other way, but servers that show the body as it is (macOS, Windows, most
 * Linux ones) would then show "a &lt; b"; this way "a < b" stays "a < b".
 */
export function plainText(text: string): string {
  const flat = stripBidiControls(text)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
  return stripTags(flat).replace(tagOpener, '< ').replace(/\s+/g, ' ').trim()
}

/** Cut at a code point, never inside an emoji's surrogate pair, and say it was cut. */
export function truncate(text: string, limit: number): string {
  const points = Array.from(text)
  if (points.length <= limit) return text
  return `${points
    .slice(0, limit - 1)
    .join('')
    .trimEnd()}…`
}

export function noticeTitle(text: string): string {
  return truncate(plainText(text), noticeTitleLimit)
}

export function noticeBody(text: string): string {
  return truncate(plainText(text), noticeBodyLimit)
}

/** What a breakthrough says about itself, on its row, in its view and in its notification. */
export function breakthroughWhy(ruleName: string): string {
  return `Broke through: ${ruleName}`
}

/**
 * A body that ends with why it was shown: the text is cut first, so the
 * reason is always there whole ("… — Broke through: Slack channel #incidents").
 */
export function noticeBodyWithReason(text: string, reason: string): string {
  const why = truncate(plainText(reason), Math.floor(noticeBodyLimit / 2))
  const suffix = ` — ${why}`
  const body = plainText(text)
  if (body === '') return why
  return `${truncate(body, noticeBodyLimit - Array.from(suffix).length)}${suffix}`
}
