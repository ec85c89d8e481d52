// The reply to a DM held during deep work, posted as the person with
// chat.postMessage. Plain text only (Slack's three markup characters are
// escaped, so a template cannot ping @channel or link anywhere). Each reply
// carries its id in the message's metadata: after a restart that may have
// cut a post off after Slack took it, the conversation is read first and a
// reply already there is not posted again. Posts are paced at one a second
// per workspace, chat.postMessage's documented rate ("special" tier).
import type { WebClient } from '@slack/web-api'
import { z } from 'zod'
import { HostError } from '../../../shared/contract'
import { describeScope } from './scopes'

export const replyScope = 'chat:write'
export const replyEventType = 'lull_dm_reply'
/** chat.postMessage allows about one message a second; Lull keeps at least this far apart. */
export const postGapMs = 1_100

type Ask = <T>(method: string, call: () => Promise<T>, where?: string) => Promise<T>

/** What the renderer asks for; see the 'slack:reply-post' call. */
export type ReplyRequest = {
  channel: string
  text: string
  replyId: string
  queuedAt: number
  mayHaveBeenSent: boolean
}

/** Slack's text markup escaped: `&`, `<` and `>` are the only characters Slack reads as markup. */
export function plainSlackText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

/** A message ts as epoch ms. */
function atOf(ts: string, fallback: number): number {
  const at = Math.round(Number(ts) * 1000)
  return Number.isFinite(at) && at > 0 ? at : fallback
}

export function missingScopeNote(): string {
  return `Lull's Slack app cannot post as you: the token lacks ${describeScope(replyScope)}. Add ${replyScope} under OAuth & Permissions → User Token Scopes (Lull's manifest lists it), reinstall the app, and connect the account again with the new user token. No reply was sent.`
}

/** A message as read back from history, only what tells whether it is this reply. */
const Posted = z.object({
  ts: z.string(),
  user: z.string().optional(),
  text: z.string().optional(),
  metadata: z
    .object({
      event_type: z.string().optional(),
      event_payload: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
})

export function createReplyPoster(input: {
  client: WebClient
  ask: Ask
  now: () => number
  self: () => Promise<{ selfId: string; scopes: string[] }>
}) {
  const { client, ask, now } = input
  let lastPostAt = Number.NEGATIVE_INFINITY
  let paced: Promise<unknown> = Promise.resolve()

  async function canPost(): Promise<boolean> {
    const { scopes } = await input.self()
    // A token whose scopes Slack did not name is given the benefit of the doubt; Slack's answer will say.
    return scopes.length === 0 || scopes.includes(replyScope)
  }

  /** The reply already in the conversation (its ts), when an earlier try went out. */
  async function findPosted(request: ReplyRequest, selfId: string): Promise<string | null> {
    const answer = await ask('conversations.history', () =>
      client.conversations.history({
        channel: request.channel,
        oldest: (Math.floor(request.queuedAt / 1000) - 1).toFixed(6),
        limit: 200,
        include_all_metadata: true,
      }),
    )
    for (const raw of answer.messages ?? []) {
      const message = Posted.safeParse(raw)
      if (!message.success) continue
      const { metadata } = message.data
      const isTagged =
        metadata?.event_type === replyEventType && metadata.event_payload?.reply_id === request.replyId
      const isSameWords = message.data.user === selfId && message.data.text === plainSlackText(request.text)
      if (isTagged || isSameWords) return message.data.ts
    }
    return null
  }

  async function post(request: ReplyRequest): Promise<{ postedAt: number; ts: string; isRepeat: boolean }> {
    if (!(await canPost())) throw new HostError('refused', missingScopeNote())
    const { selfId } = await input.self()
    if (request.mayHaveBeenSent) {
      const ts = await findPosted(request, selfId)
      if (ts !== null) return { postedAt: atOf(ts, now()), ts, isRepeat: true }
    }
    // Slack counts its rate in real seconds, so the gap is kept on the wall clock, not the source's `now`.
    const wait = lastPostAt + postGapMs - Date.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    lastPostAt = Date.now()
    const answer = await ask('chat.postMessage', () =>
      client.chat.postMessage({
        channel: request.channel,
        text: plainSlackText(request.text),
        mrkdwn: false,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: replyEventType, event_payload: { reply_id: request.replyId } },
      }),
    )
    const ts = answer.ts ?? ''
    if (!/^\d{1,12}\.\d{1,6}$/.test(ts))
      throw new HostError('source-junk', 'Slack took the reply but did not say which message it became.')
    return { postedAt: atOf(ts, now()), ts, isRepeat: false }
  }

  return {
    /** One post at a time, each at least postGapMs after the one before. */
    post(request: ReplyRequest) {
      const next = paced.then(
        () => post(request),
        () => post(request),
      )
      paced = next.catch(() => {})
      return next
    },
    /** Take back a reply: chat.delete of the person's own message. */
    async remove(channel: string, ts: string): Promise<void> {
      if (!(await canPost())) throw new HostError('refused', missingScopeNote())
      await ask('chat.delete', () => client.chat.delete({ channel, ts }))
    },
    async check(): Promise<{ canPost: boolean; note: string | null }> {
      return (await canPost()) ? { canPost: true, note: null } : { canPost: false, note: missingScopeNote() }
    },
  }
}
