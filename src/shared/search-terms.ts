// The words of an item as search sees them: lower-case, accents folded,
// split on anything that is not a letter or a digit, each once, bounded in
// number so one long message cannot weigh on the index.
import type { SourceItem } from './model'

/** The most terms one item contributes to the index. */
export const termsPerItem = 80
/** Text beyond this many characters is not indexed (a snippet's worth, and more). */
const indexedTextLength = 2_000

/** The words of a piece of text, normalised, in order, repeats kept. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0 && word.length <= 64)
}

/** What an item is found by: its sender, where it was said, its title and the start of its text. */
export function itemTerms(item: Pick<SourceItem, 'author' | 'container' | 'title' | 'text'>): string[] {
  const found = new Set<string>()
  const fields = [
    item.author.name,
    item.author.id,
    item.container,
    item.title,
    item.text.slice(0, indexedTextLength),
  ]
  for (const field of fields) {
    for (const word of words(field)) {
      if (found.size >= termsPerItem) return [...found]
      found.add(word)
    }
  }
  return [...found]
}

/**
 * Whether an item matches a query: every word of the query begins a word
 * of the item (the last one may be half typed). Used to check what the
 * index found against the item as it is now.
 */
export function matchesQuery(
  item: Pick<SourceItem, 'author' | 'container' | 'title' | 'text'>,
  query: string,
): boolean {
  const wanted = words(query)
  if (wanted.length === 0) return false
  const have = itemTerms(item)
  return wanted.every((word) => have.some((term) => term.startsWith(word)))
}
