// Makes what a source says fit the contract's limits before it is checked:
// text and titles too long are cut with a visible "…" and a note, a link
// whose scheme Lull will not open is dropped, a name loses the characters
// that would hide what it says. One item over a limit must never cost the
// rest of its pull.
import { cleanName } from './display-text'
import { ExternalUrl, factLimits, SourceItem } from './model'

/** What a list row shows is bounded elsewhere; this is what the store keeps. */
const limits = {
  title: 1024,
  text: 20_000,
  container: 256,
  authorName: 256,
  authorId: 256,
  emailFrom: 320,
} as const

const cutNote = '\n\n[Lull cut this message: the rest is in the source.]'

/** Cut at a code point (never inside a surrogate pair) and say it was cut. */
export function cutTo(text: string, limit: number, note = '…'): string {
  if (text.length <= limit) return text
  let end = limit - note.length
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end -= 1
  return `${text.slice(0, end)}${note}`
}

type Fields = { [key: string]: unknown }

const isRecord = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The item with over-long fields cut and a disallowed link dropped. Fields
 * of the wrong type are left alone for the schema to refuse: fitting never
 * invents content.
 */
export function fitItem(raw: unknown): unknown {
  if (!isRecord(raw)) return raw
  const item: Fields = { ...raw }
  if (typeof item.title === 'string') item.title = cutTo(item.title, limits.title)
  if (typeof item.text === 'string') item.text = cutTo(item.text, limits.text, cutNote)
  if (typeof item.container === 'string') item.container = cutTo(item.container, limits.container)
  if (isRecord(item.author)) {
    const author = { ...item.author }
    if (typeof author.name === 'string') author.name = cutTo(cleanName(author.name), limits.authorName)
    if (typeof author.id === 'string') author.id = cutTo(author.id, limits.authorId, '')
    item.author = author
  }
  if (isRecord(item.email) && typeof item.email.from === 'string') {
    item.email = { ...item.email, from: cutTo(item.email.from, limits.emailFrom) }
  }
  if (item.url !== undefined && !ExternalUrl.safeParse(item.url).success) delete item.url
  if (isRecord(item.facts)) item.facts = fitFacts(item.facts)
  return item
}

const factStringLimits: Record<string, number> = {
  messageId: factLimits.messageId,
  inReplyTo: factLimits.messageId,
  listId: 256,
  githubReason: 64,
  githubSender: 256,
  mailThreadId: 128,
  subjectUrl: factLimits.link,
}

/**
 * Facts are for matching, not reading: a cut one would match something
 * else, so a fact over its limit is dropped, and lists keep their first entries.
 */
function fitFacts(raw: Fields): Fields {
  const facts: Fields = {}
  for (const [name, limit] of Object.entries(factStringLimits)) {
    const value = raw[name]
    if (typeof value === 'string' && value.length > 0 && value.length <= limit) facts[name] = value
    else if (value !== undefined && typeof value !== 'string') facts[name] = value
  }
  const lists = [
    ['links', factLimits.links, factLimits.link],
    ['references', factLimits.references, factLimits.messageId],
  ] as const
  for (const [name, most, longest] of lists) {
    const value = raw[name]
    if (!Array.isArray(value)) {
      if (value !== undefined) facts[name] = value
      continue
    }
    const kept = value.filter(
      (entry) => typeof entry !== 'string' || (entry.length > 0 && entry.length <= longest),
    )
    facts[name] = kept.slice(0, most)
  }
  return facts
}

export type FittedPull = {
  items: SourceItem[]
  skipped: Array<{ externalId: string | null; reason: string }>
}

/**
 * Fit every item, keep the ones that then pass the contract, and name the
 * ones that still fail (with the first problem), so the caller can store the
 * rest and move on without losing sight of the bad one.
 */
export function fitPull(rawItems: readonly unknown[], accountId: string): FittedPull {
  const items: SourceItem[] = []
  const skipped: FittedPull['skipped'] = []
  rawItems.forEach((raw, index) => {
    const parsed = SourceItem.safeParse(fitItem(raw))
    if (parsed.success && parsed.data.accountId === accountId) {
      items.push(parsed.data)
      return
    }
    const externalId =
      isRecord(raw) && typeof raw.externalId === 'string' ? raw.externalId.slice(0, 256) : null
    const why = parsed.success
      ? 'it belongs to another account'
      : parsed.error.issues
          .slice(0, 2)
          .map((issue) => `${issue.path.join('.') || 'item'}: ${issue.message}`)
          .join('; ')
    skipped.push({ externalId, reason: `Item #${index} could not be read (${why}).`.slice(0, 512) })
  })
  return { items, skipped }
}
