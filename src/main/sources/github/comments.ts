// The latest comment of each thread on a page, read with the account's
// token: only from the account's own API, one or two at a time (GitHub
// asks integrations not to send requests at once), remembered per thread
// so an unchanged thread costs no second read. A rate limit stops the
// reading; the threads left are handed on without their comment.
import { z } from 'zod'
import { type GithubPlace, isUnderApi } from './base-url'
import type { GithubClient } from './client'
import type { Deadlines } from './deadline'
import type { LatestComment, ThreadPayload } from './normalize'

/** Threads whose latest comment is remembered. */
const commentMemory = 2_000

const CommentPayload = z.object({
  body: z.string().nullish(),
  user: z.object({ login: z.string() }).nullish(),
})

export type CommentReader = (threads: ThreadPayload[]) => Promise<LatestComment[]>

export function createCommentReader(deps: {
  client: GithubClient
  place: GithubPlace
  deadlines: Deadlines
  /** How many comments may be read at once now. */
  concurrency(): number
  /** Whether Lull may ask GitHub anything now. */
  mayAsk(): boolean
  /** Notes a failed read; true when it was a rate limit (then `mayAsk` says no for a while). */
  isRateLimit(error: unknown): boolean
}): CommentReader {
  const { client, place, deadlines } = deps
  const remembered = new Map<string, { updatedAt: string; comment: LatestComment }>()

  function remember(thread: ThreadPayload, comment: LatestComment) {
    if (remembered.size >= commentMemory) remembered.delete(remembered.keys().next().value ?? '')
    remembered.set(thread.id, { updatedAt: thread.updated_at, comment })
  }

  async function latestComment(thread: ThreadPayload): Promise<LatestComment> {
    const url = thread.subject.latest_comment_url
    if (!url || url === thread.subject.url || !/\/comments\/\d+$/.test(url)) return null
    // A link to anywhere else would carry the token there: the item goes on without the comment.
    if (!isUnderApi(url, place)) return null
    const known = remembered.get(thread.id)
    if (known && known.updatedAt === thread.updated_at) return known.comment
    if (!deps.mayAsk()) return null
    let comment: LatestComment = null
    try {
      const answer = await deadlines.run((signal) =>
        client.request({ method: 'GET', url, request: { signal, retries: 0 } }),
      )
      const parsed = CommentPayload.safeParse(answer.data)
      if (parsed.success)
        comment = { login: parsed.data.user?.login ?? 'GitHub', body: parsed.data.body ?? '' }
    } catch (error) {
      // Not remembered after a rate limit, so the thread's comment is read at its next update.
      if (deps.isRateLimit(error)) return null
      // Otherwise the item is stored without the comment; the next update of the thread reads it again.
    }
    remember(thread, comment)
    return comment
  }

  return async (threads) => {
    const found: LatestComment[] = new Array(threads.length).fill(null)
    let next = 0
    const worker = async () => {
      while (next < threads.length) {
        const index = next++
        found[index] = await latestComment(threads[index] as ThreadPayload)
      }
    }
    await Promise.all(Array.from({ length: Math.max(1, deps.concurrency()) }, worker))
    return found
  }
}
