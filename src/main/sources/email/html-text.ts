// HTML as text, in time and stack bounded by the HTML's length. html-to-text
// walks its tree recursively and its parser closes tags by searching the open
// ones, so 150,000 nested divs cost it 24 s on main and then overflowed the
// stack. A linear scan measures nesting and element count first; HTML past
// the bounds is read by a plain tag stripper that is linear and cannot recurse.
import { convert } from 'html-to-text'

/** Past either, the layout is not worth its cost: no mail a person wrote nests this deep or this much. */
export const htmlBounds = { maxDepth: 200, maxElements: 20_000 }

export type HtmlShape = { depth: number; elements: number; isWithinBounds: boolean }

/** Elements that never hold others. */
const voidElements = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
])
/** Elements whose content is text up to their end tag, never markup. */
const rawTextElements = new Set(['script', 'style', 'textarea', 'title'])
/** Elements a new one of the same name ends, as HTML parsers read `<p>a<p>b`. */
const impliedEnd = new Set(['p', 'li', 'dt', 'dd', 'option', 'tr', 'td', 'th'])
/** Elements whose content a person does not read. */
const skippedElements = new Set(['script', 'style', 'head', 'title', 'template'])
const blockElements = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
])

type Tag = { name: string; isClosing: boolean; isSelfClosing: boolean; end: number }

/** A-Z, a-z: what a tag name starts with. */
function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
}

/** Letters, digits, ':' and '-': what a tag name goes on with (o:p, my-element). */
function isNameCharacter(code: number): boolean {
  return isLetter(code) || (code >= 48 && code <= 58) || code === 45
}

/** The tag starting at `at` (a '<'), or null when the '<' is text. Linear in the tag's length. */
function tagAt(html: string, at: number): Tag | null {
  const isClosing = html[at + 1] === '/'
  const nameStart = at + (isClosing ? 2 : 1)
  let nameEnd = nameStart
  if (!isLetter(html.charCodeAt(nameStart))) return null
  while (nameEnd < html.length && isNameCharacter(html.charCodeAt(nameEnd))) nameEnd++
  const close = html.indexOf('>', nameEnd)
  const end = close === -1 ? html.length : close + 1
  return {
    name: html.slice(nameStart, nameEnd).toLowerCase(),
    isClosing,
    isSelfClosing: close > 0 && html[close - 1] === '/',
    end,
  }
}

/** Where the markup-free run after a raw-text element's start ends: just past its end tag. */
function rawTextEnd(html: string, lower: string, name: string, from: number): number {
  const close = lower.indexOf(`</${name}`, from)
  if (close === -1) return html.length
  const end = html.indexOf('>', close)
  return end === -1 ? html.length : end + 1
}

/** Where a comment, doctype or processing instruction starting at `at` ends. */
function declarationEnd(html: string, at: number): number {
  const isComment = html.startsWith('<!--', at)
  const close = isComment ? html.indexOf('-->', at + 4) : html.indexOf('>', at)
  if (close === -1) return html.length
  return close + (isComment ? 3 : 1)
}

/**
 * How deep the HTML's elements nest and how many there are, read in one
 * pass, stopping as soon as a bound is passed. The open elements are kept on
 * a stack no deeper than the bound, so an end tag costs at most that much.
 */
export function measureHtml(html: string, bounds = htmlBounds): HtmlShape {
  const lower = html.toLowerCase()
  const open: string[] = []
  let depth = 0
  let elements = 0
  let at = html.indexOf('<')
  while (at !== -1 && at < html.length) {
    let next = at + 1
    if (html[at + 1] === '!' || html[at + 1] === '?') next = declarationEnd(html, at)
    else {
      const tag = tagAt(html, at)
      if (tag) {
        next = tag.end
        if (tag.isClosing) {
          const index = open.lastIndexOf(tag.name)
          if (index !== -1) open.length = index
        } else {
          elements++
          if (impliedEnd.has(tag.name) && open.at(-1) === tag.name) open.pop()
          if (!voidElements.has(tag.name) && !tag.isSelfClosing) {
            if (rawTextElements.has(tag.name)) next = rawTextEnd(html, lower, tag.name, tag.end)
            else open.push(tag.name)
          }
          depth = Math.max(depth, open.length)
          if (depth > bounds.maxDepth || elements > bounds.maxElements)
            return { depth, elements, isWithinBounds: false }
        }
      }
    }
    at = html.indexOf('<', next)
  }
  return { depth, elements, isWithinBounds: true }
}

const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  copy: '©',
  reg: '®',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  euro: '€',
}

function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1))
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
        ? String.fromCodePoint(code)
        : ''
    }
    return namedEntities[name.toLowerCase()] ?? whole
  })
}

/** Runs of blanks as one space, each line trimmed, at most one empty line in a row. */
function tidy(text: string): string {
  const lines: string[] = []
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[ \t\f\v\u00a0]+/g, ' ').trim()
    if (line === '' && (lines.length === 0 || lines.at(-1) === '')) continue
    lines.push(line)
  }
  while (lines.at(-1) === '') lines.pop()
  return lines.join('\n')
}

/**
 * The text of HTML without its layout, in one pass: tags dropped (a block's
 * start or end as a line break), scripts, styles and the head skipped,
 * entities decoded. Nothing here recurses or searches back.
 */
export function stripTags(html: string): string {
  const lower = html.toLowerCase()
  const out: string[] = []
  let at = 0
  while (at < html.length) {
    const lt = html.indexOf('<', at)
    const textEnd = lt === -1 ? html.length : lt
    if (textEnd > at) out.push(decodeEntities(html.slice(at, textEnd).replace(/\s+/g, ' ')))
    if (lt === -1) break
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      at = declarationEnd(html, lt)
      continue
    }
    const tag = tagAt(html, lt)
    if (!tag) {
      out.push('<')
      at = lt + 1
      continue
    }
    at = tag.end
    if (!tag.isClosing && skippedElements.has(tag.name) && !tag.isSelfClosing) {
      at = rawTextEnd(html, lower, tag.name, tag.end)
      continue
    }
    if (blockElements.has(tag.name)) out.push('\n')
    else if (tag.name === 'td' || tag.name === 'th') out.push(' ')
  }
  return tidy(out.join(''))
}

/** HTML as html-to-text reads it: no images, no links followed, scripts and styles dropped; nothing is fetched. */
function convertWithLayout(html: string): string {
  return convert(html, {
    wordwrap: false,
    // Belt and braces: the measuring already keeps within these.
    limits: { maxDepth: htmlBounds.maxDepth + 10, maxChildNodes: htmlBounds.maxElements },
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'script', format: 'skip' },
      { selector: 'style', format: 'skip' },
      { selector: 'head', format: 'skip' },
      { selector: 'a', options: { ignoreHref: true } },
    ],
  })
}

export type HtmlText = {
  text: string
  /** The HTML was past the bounds (or could not be converted) and was read without its layout. */
  isStripped: boolean
}

/** The text of an HTML body, with its layout when that is affordable, plainly otherwise. */
export function htmlAsText(html: string): HtmlText {
  if (!measureHtml(html).isWithinBounds) return { text: stripTags(html), isStripped: true }
  try {
    return { text: convertWithLayout(html), isStripped: false }
  } catch {
    // Whatever html-to-text trips on, the plain reading still gives the words.
    return { text: stripTags(html), isStripped: true }
  }
}
