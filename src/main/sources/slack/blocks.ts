// What a message's blocks say, for messages that carry only blocks (their
// `text` empty): rich text written in Slack's composer, and the text of
// section and header blocks. It is given back as Slack's markup, so names,
// mentions and links go through the same reading as a message's own text.
// Blocks are nested and come from the network: the walk is bounded.
import { z } from 'zod'

const Element = z.object({
  type: z.string(),
  text: z.string().optional(),
  url: z.string().optional(),
  user_id: z.string().optional(),
  channel_id: z.string().optional(),
  usergroup_id: z.string().optional(),
  range: z.string().optional(),
  name: z.string().optional(),
  fallback: z.string().optional(),
  elements: z.array(z.unknown()).optional(),
})
type Element = z.infer<typeof Element>

const TextObject = z.object({ type: z.string().optional(), text: z.string() })
const Block = z.object({
  type: z.string(),
  text: TextObject.optional(),
  elements: z.array(z.unknown()).optional(),
})

/** Deeper nesting than Slack's own (block → list → section → element) is not read. */
const maxDepth = 6
/** Elements read at most, across all blocks of one message. */
const maxElements = 5_000

/** How a person typed it, as Slack's markup: only &, < and > are escaped. */
function asMarkup(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

export function blocksText(blocks: readonly unknown[]): string {
  let budget = maxElements
  const take = (raw: readonly unknown[]): Element[] => {
    const elements: Element[] = []
    for (const item of raw) {
      if (budget <= 0) break
      budget -= 1
      const parsed = Element.safeParse(item)
      if (parsed.success) elements.push(parsed.data)
    }
    return elements
  }

  function inline(element: Element): string {
    switch (element.type) {
      case 'text':
        return asMarkup(element.text ?? '')
      case 'link': {
        const url = element.url ?? ''
        if (url === '' || /[<>|]/.test(url)) return asMarkup(element.text ?? url)
        return element.text ? `<${url}|${asMarkup(element.text)}>` : `<${url}>`
      }
      case 'user':
        return element.user_id ? `<@${element.user_id}>` : ''
      case 'channel':
        return element.channel_id ? `<#${element.channel_id}>` : ''
      case 'usergroup':
        return element.usergroup_id ? `<!subteam^${element.usergroup_id}>` : ''
      case 'broadcast':
        return element.range ? `<!${element.range}>` : ''
      case 'emoji':
        return element.name ? `:${element.name}:` : ''
      default:
        return asMarkup(element.text ?? element.fallback ?? '')
    }
  }

  /** A container of the rich text: a section, a list of them, a quote, code. */
  function container(element: Element, depth: number): string {
    if (depth > maxDepth) return ''
    const children = take(element.elements ?? [])
    switch (element.type) {
      case 'rich_text_list':
        return children.map((child) => `• ${container(child, depth + 1)}`).join('\n')
      case 'rich_text_quote':
        return `> ${children.map(inline).join('')}`
      case 'rich_text_section':
      case 'rich_text_preformatted':
        return children.map(inline).join('')
      default:
        return inline(element)
    }
  }

  const parts: string[] = []
  for (const raw of blocks.slice(0, 100)) {
    const block = Block.safeParse(raw)
    if (!block.success) continue
    if (block.data.type === 'rich_text') {
      parts.push(
        take(block.data.elements ?? [])
          .map((element) => container(element, 1))
          .join('\n'),
      )
    } else if ((block.data.type === 'section' || block.data.type === 'header') && block.data.text) {
      // Markup is kept as it is; plain text (a header's always) is escaped into markup.
      const { type, text } = block.data.text
      parts.push(type === 'mrkdwn' && block.data.type === 'section' ? text : asMarkup(text))
    }
  }
  return parts.filter((part) => part.trim() !== '').join('\n')
}
