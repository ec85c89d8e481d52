// A GitHub notification thread as Lull's item: the reason and subject in
// plain words, the latest comment's text and author when Lull read it, the
// page to open, and whether someone waits on the person. GitHub's answer is
// parsed, not trusted: a thread that does not have the fields Lull needs is
// left out by the caller and named.
import { z } from 'zod'
import { factLimits, type GithubReason, githubReasons } from '../../../shared/model'
import { describeRule } from '../../../shared/policy'
import { type GithubPlace, isUnderApi } from './base-url'
import { subjectPage } from './web-url'

export const ThreadPayload = z.object({
  id: z.string().min(1).max(64),
  reason: z.string().max(64),
  unread: z.boolean().optional(),
  updated_at: z.string().refine((value) => Number.isFinite(Date.parse(value)), 'updated_at is not a time'),
  subject: z.object({
    title: z.string(),
    url: z.string().nullable(),
    latest_comment_url: z.string().nullable(),
    type: z.string().max(64),
  }),
  repository: z.object({ full_name: z.string().max(256), html_url: z.string() }),
})
export type ThreadPayload = z.infer<typeof ThreadPayload>

/** Someone waits on the person for these. */
const waitingReasons = new Set([
  'review_requested',
  'mention',
  'team_mention',
  'assign',
  'approval_requested',
])

/** The latest comment as Lull read it, or null when there is none or it could not be read. */
export type LatestComment = { login: string; body: string } | null

function knownReason(reason: string): GithubReason {
  return (githubReasons as readonly string[]).includes(reason) ? (reason as GithubReason) : 'subscribed'
}

/** "Review requested · PullRequest · acme/api": what happened, for an item without a comment to show. */
export function describeThread(thread: ThreadPayload): string {
  const reason = knownReason(thread.reason)
  const words = describeRule({ id: '', kind: 'github-reason', reason }).replace(/^GitHub: /, '')
  const said = reason === thread.reason ? words : thread.reason.replaceAll('_', ' ')
  return `${said.charAt(0).toUpperCase()}${said.slice(1)} · ${thread.subject.type} · ${thread.repository.full_name}`
}

export function threadToItem(input: {
  thread: ThreadPayload
  comment: LatestComment
  accountId: string
  stream: string
  place: GithubPlace
}) {
  const { thread, comment, place } = input
  return {
    id: `${input.accountId}:${thread.id}`,
    accountId: input.accountId,
    source: 'github' as const,
    stream: input.stream,
    externalId: thread.id,
    threadKey: `github:${thread.id}`,
    container: thread.repository.full_name,
    author: comment ? { id: comment.login, name: comment.login } : { id: '', name: 'GitHub' },
    title: thread.subject.title,
    text: comment ? comment.body : describeThread(thread),
    url: subjectPage({
      subjectUrl: thread.subject.url,
      latestCommentUrl: thread.subject.latest_comment_url,
      repositoryPage: thread.repository.html_url,
      apiUrl: place.apiUrl,
      webUrl: place.webUrl,
    }),
    sentAt: Date.parse(thread.updated_at),
    needsReply: waitingReasons.has(thread.reason),
    github: { reason: knownReason(thread.reason), subjectType: thread.subject.type },
    facts: factsOf(thread, place),
  }
}

/**
 * The subject's API URL, which names the repository and the issue, pull
 * request, release or commit the thread is about, so the same conversation
 * reaching Lull by mail or Slack can be told to be this one. Kept only under
 * the account's own API: a URL elsewhere would let an answer claim another host.
 */
function factsOf(thread: ThreadPayload, place: GithubPlace): { subjectUrl?: string } {
  const url = thread.subject.url
  if (url === null || url.length > factLimits.link || !isUnderApi(url, place)) return {}
  return { subjectUrl: url }
}
