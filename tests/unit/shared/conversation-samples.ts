// One GitHub conversation as each source meets it, in the shapes the
// sources really receive (a notification thread typed against GitHub's
// OpenAPI description, the mail GitHub sends with its headers, Slack
// messages typed against @slack/web-api), made into items by the sources'
// own normalizers, so the keys are tested on what Lull really stores.
import type { components } from '@octokit/openapi-types'
import { itemOfMessage } from '../../../src/main/sources/email/pull'
import { type GithubPlace, githubCom } from '../../../src/main/sources/github/base-url'
import { ThreadPayload, threadToItem } from '../../../src/main/sources/github/normalize'
import type { Directory } from '../../../src/main/sources/slack/directory'
import { messageToItem as slackMessageToItem } from '../../../src/main/sources/slack/normalize'
import { type SourceItem, SourceItem as SourceItemSchema } from '../../../src/shared/model'
import type { HistoryMessage, MessageAttachment } from '../../emulators/slack/shapes'

export type Ref = { host: string; owner: string; repo: string; number: number }

/** The account's place: github.com, or an Enterprise Server by its host. */
export function placeOf(host: string): GithubPlace {
  return host === 'github.com'
    ? githubCom
    : { apiUrl: `https://${host}/api/v3`, webUrl: `https://${host}`, isEnterprise: true }
}

type Thread = components['schemas']['thread']

/** A notification thread as `GET /notifications` lists it. */
export function notificationThread(ref: Ref, type: 'PullRequest' | 'Issue', id = '9001'): Thread {
  const place = placeOf(ref.host)
  const full = `${ref.owner}/${ref.repo}`
  const kind = type === 'PullRequest' ? 'pulls' : 'issues'
  const repository = {
    id: 1296269,
    node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
    name: ref.repo,
    full_name: full,
    owner: { login: ref.owner },
    private: false,
    html_url: `${place.webUrl}/${full}`,
    url: `${place.apiUrl}/repos/${full}`,
  } as unknown as Thread['repository']
  return {
    id,
    repository,
    subject: {
      title: 'Retry uploads on 503',
      url: `${place.apiUrl}/repos/${full}/${kind}/${ref.number}`,
      latest_comment_url: `${place.apiUrl}/repos/${full}/issues/comments/456789`,
      type,
    },
    reason: 'review_requested',
    unread: true,
    updated_at: '2026-11-24T17:12:44Z',
    last_read_at: null,
    url: `${place.apiUrl}/notifications/threads/${id}`,
    subscription_url: `${place.apiUrl}/notifications/threads/${id}/subscription`,
  }
}

function parsed(raw: unknown): SourceItem {
  return SourceItemSchema.parse(raw)
}

export function githubItem(ref: Ref, type: 'PullRequest' | 'Issue' = 'PullRequest', id = '9001'): SourceItem {
  const thread = ThreadPayload.parse(notificationThread(ref, type, id))
  return parsed(
    threadToItem({
      thread,
      comment: null,
      accountId: 'github-1',
      stream: 'notifications',
      place: placeOf(ref.host),
    }),
  )
}

/**
 * The mail GitHub sends about a comment on a pull request (or issue), its
 * headers as GitHub writes them: the Message-ID names the repository, kind
 * and number, List-ID the repository, X-GitHub-Reason why it came.
 */
export function githubMail(
  ref: Ref,
  options: { kind?: 'pull' | 'issues'; comment?: number; listId?: string; reason?: string } = {},
): Buffer {
  const { host, owner, repo, number } = ref
  const kind = options.kind ?? 'pull'
  const comment = options.comment ?? 456789
  const listId = options.listId ?? `${owner}/${repo} <${repo}.${owner}.${host}>`
  const tag = kind === 'pull' ? `PR #${number}` : `Issue #${number}`
  const webUrl = placeOf(host).webUrl
  const page = `${webUrl}/${owner}/${repo}/${kind}/${number}#issuecomment-${comment}`
  return Buffer.from(
    [
      'Date: Tue, 24 Nov 2026 09:12:44 -0800',
      `From: Dana Lee <notifications@${host}>`,
      `Reply-To: ${owner}/${repo} <reply+AAAAB3NzaC1yc2E${number}@reply.${host}>`,
      `To: ${owner}/${repo} <${repo}@noreply.${host}>`,
      `Cc: Ada <ada@example.test>, Review requested <review_requested@noreply.${host}>`,
      `Message-ID: <${owner}/${repo}/${kind}/${number}/c${comment}@${host}>`,
      `In-Reply-To: <${owner}/${repo}/${kind}/${number}@${host}>`,
      `References: <${owner}/${repo}/${kind}/${number}@${host}>`,
      `Subject: Re: [${owner}/${repo}] Retry uploads on 503 (${tag})`,
      'Mime-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: 7bit',
      'Precedence: list',
      'X-GitHub-Sender: dana',
      'X-GitHub-Recipient: ada',
      `X-GitHub-Reason: ${options.reason ?? 'review_requested'}`,
      `List-ID: ${listId}`,
      `List-Archive: ${webUrl}/${owner}/${repo}`,
      `List-Unsubscribe: <mailto:unsub+AAAAB3NzaC1yc2E@reply.${host}>`,
      'X-Auto-Response-Suppress: All',
      'X-GitHub-Recipient-Address: ada@example.test',
      '',
      `@dana requested your review on: ${owner}/${repo}#${number} Retry uploads on 503.`,
      '',
      '-- ',
      'Reply to this email directly, view it on GitHub:',
      page,
      'You are receiving this because your review was requested.',
      '',
      `Message ID: <${owner}/${repo}/${kind}/${number}/c${comment}@${host}>`,
      '',
    ].join('\r\n'),
  )
}

export async function mailItem(source: Buffer, options: { threadId?: string; accountId?: string } = {}) {
  return parsed(
    await itemOfMessage(source, {
      accountId: options.accountId ?? 'email-1',
      mailbox: 'INBOX',
      message: { uid: 7, ...(options.threadId ? { threadId: options.threadId } : {}) },
      isCut: false,
      ownAddresses: ['ada@example.test'],
    }),
  )
}

/** A plain mail in a thread: its own Message-ID and, for a reply, the chain it answers. */
export function plainMail(input: { messageId: string; inReplyTo?: string; references?: string[] }): Buffer {
  return Buffer.from(
    [
      'From: Grace <grace@example.test>',
      'To: Ada <ada@example.test>',
      'Date: Mon, 23 Nov 2026 12:00:00 +0000',
      `Message-ID: <${input.messageId}>`,
      ...(input.inReplyTo ? [`In-Reply-To: <${input.inReplyTo}>`] : []),
      ...(input.references ? [`References: ${input.references.map((id) => `<${id}>`).join(' ')}`] : []),
      'Subject: Lunch?',
      '',
      'Noon?',
      '',
    ].join('\r\n'),
  )
}

/** Names only; the links are what a key is made of. */
const directory = {
  user: (id: string) => (id === 'U02' ? 'Lee' : undefined),
  isBot: () => false,
  channel: () => 'eng-backend',
  isInGroup: () => false,
  label: () => '#eng-backend',
} as unknown as Directory

export function slackItem(message: HistoryMessage, accountId = 'slack-1'): SourceItem {
  return parsed(
    slackMessageToItem({
      message: { ts: '1764004364.000200', ...message } as Parameters<typeof slackMessageToItem>[0]['message'],
      conversation: { id: 'C0ENG', kind: 'channel', name: 'eng-backend' },
      accountId,
      stream: 'C0ENG',
      selfId: 'U01',
      teamUrl: 'https://acme.slack.com/',
      directory,
    }),
  )
}

/** The unfurl Slack adds under a message that pastes a pull request's link. */
export function unfurl(url: string): MessageAttachment {
  return {
    from_url: url,
    original_url: url,
    title: 'Retry uploads on 503 by dana · Pull Request #123 · acme/api',
    title_link: url,
    service_name: 'GitHub',
    service_icon: 'https://github.githubassets.com/favicon.ico',
    text: 'Uploads now retry three times with backoff.',
    fallback: 'GitHub: Retry uploads on 503',
    id: 1,
  }
}

/** A person pasting a link: Slack writes it as `<url>` in the text and unfurls it. */
export function slackPaste(url: string, words = 'can someone look at'): HistoryMessage {
  return { type: 'message', user: 'U02', text: `${words} <${url}>?`, attachments: [unfurl(url)] }
}

/**
 * The GitHub app's post about a pull request: its link in the attachment's
 * title, the body's own links (an issue it closes) in its text.
 */
export function githubAppPost(ref: Ref, kind: 'pull' | 'issues' = 'pull'): HistoryMessage {
  const web = `${placeOf(ref.host).webUrl}/${ref.owner}/${ref.repo}`
  return {
    type: 'message',
    subtype: 'bot_message',
    bot_id: 'B0GITHUB',
    text: '',
    attachments: [
      {
        id: 1,
        color: '36a64f',
        fallback: `[${ref.owner}/${ref.repo}] Pull request opened: #${ref.number} Retry uploads on 503`,
        pretext: `Pull request opened by <${placeOf(ref.host).webUrl}/dana|dana>`,
        title: `#${ref.number} Retry uploads on 503`,
        title_link: `${web}/${kind}/${ref.number}`,
        text: `Closes <${web}/issues/99|#99>`,
        footer: `<${web}|${ref.owner}/${ref.repo}>`,
        mrkdwn_in: ['text'],
      },
    ],
  }
}
