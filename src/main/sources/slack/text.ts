// Slack's message markup ("mrkdwn") as the plain text Lull shows: user,
// channel and group mentions by name, links by their label, Slack's three
// escaped characters decoded once, emoji codes kept as typed. Nothing here
// is ever rendered as HTML; the result is text.

export type NameLookup = {
  user(id: string): string | undefined
  channel(id: string): string | undefined
}

/** `<…>` spans: mentions, channels, special mentions, links. */
const span = /<([^<>]*)>/g

export function plainText(text: string, names: NameLookup): string {
  const replaced = text.replace(span, (_whole, inner: string) => spanText(inner, names))
  // Slack escapes only &, < and >; decode them after the spans are read, so "&lt;b&gt;" stays "<b>" as typed.
  return replaced.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')
}

function spanText(inner: string, names: NameLookup): string {
  const bar = inner.indexOf('|')
  const target = bar >= 0 ? inner.slice(0, bar) : inner
  const label = bar >= 0 ? inner.slice(bar + 1) : ''
  if (target.startsWith('@')) {
    const id = target.slice(1)
    return `@${label || names.user(id) || id}`
  }
  if (target.startsWith('#')) {
    const id = target.slice(1)
    return `#${label || names.channel(id) || id}`
  }
  if (target.startsWith('!subteam^')) return label || '@group'
  if (target.startsWith('!date^')) return label || 'a date'
  if (target.startsWith('!')) return `@${target.slice(1)}`
  // A link: its label when it has one, else the address itself.
  return label || target
}

/** Whether the text mentions this user by name. */
export function mentions(text: string, userId: string): boolean {
  return text.includes(`<@${userId}>`) || text.includes(`<@${userId}|`)
}

/**
 * Whether the text asks this person for a reply: a mention of them, or of a
 * user group they are in (@oncall is addressed to its members). @here,
 * @channel and @everyone are broadcasts to whoever reads the channel, so
 * they do not: counting them would make every announcement wait on a reply.
 */
export function isAddressedTo(
  text: string,
  userId: string,
  isInGroup: (groupId: string, userId: string) => boolean,
): boolean {
  if (mentions(text, userId)) return true
  for (const match of text.matchAll(/<!subteam\^([A-Z0-9]+)[|>]/g))
    if (match[1] && isInGroup(match[1], userId)) return true
  return false
}

/** A one-line title from the start of a text: at most `max` characters, cut at a word. */
export function firstLine(text: string, max = 120): string {
  const line = text.split('\n').find((part) => part.trim() !== '') ?? ''
  if (line.length <= max) return line.trim()
  const cut = line.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trim()}…`
}
