// The links a Slack message carries to GitHub issues, pull requests,
// discussions and commits: in its text, its blocks, and the attachments
// Slack unfurled from them or the GitHub app posted. Kept as facts so the
// message can be told to be about the same conversation as the GitHub
// notification and mail; which hosts are GitHub is decided later, in
// shared/conversation.ts, against the person's accounts.
import { z } from 'zod'
import { factLimits } from '../../../shared/model'
import { blocksText } from './blocks'
import type { SlackMessage } from './normalize'

/** `https://host/owner/repo/pull/123…`: the page shape of GitHub's conversations, on any host. */
const githubShaped = /^https?:\/\/[^/\s]+\/[^/\s]+\/[^/\s]+\/(?:pull|issues|discussions|commit)\/[^/\s]+/i

/** The fields of an attachment that hold the address it was made from. */
const Unfurl = z.object({
  from_url: z.string().optional(),
  original_url: z.string().optional(),
  title_link: z.string().optional(),
})

/** Attachments read at most from one message, as for its text. */
const maxAttachments = 20

/** Slack's markup writes a link as `<url>` or `<url|label>`, with &, < and > escaped. */
function linksInMarkup(markup: string): string[] {
  const found: string[] = []
  for (const match of markup.matchAll(/<(https?:\/\/[^<>|\s]+)(?:\|[^<>]*)?>/gi)) {
    if (match[1]) found.push(match[1].replaceAll('&amp;', '&'))
  }
  return found
}

export function linksOf(message: SlackMessage): string[] {
  const candidates: string[] = []
  if (message.text) candidates.push(...linksInMarkup(message.text))
  if (message.blocks) candidates.push(...linksInMarkup(blocksText(message.blocks.slice(0, maxAttachments))))
  for (const raw of (message.attachments ?? []).slice(0, maxAttachments)) {
    const unfurl = Unfurl.safeParse(raw)
    if (!unfurl.success) continue
    const { from_url, original_url, title_link } = unfurl.data
    for (const url of [from_url, original_url, title_link]) if (url) candidates.push(url.trim())
  }
  const links = new Set<string>()
  for (const link of candidates) {
    if (links.size >= factLimits.links) break
    if (link.length <= factLimits.link && githubShaped.test(link)) links.add(link)
  }
  return [...links]
}
