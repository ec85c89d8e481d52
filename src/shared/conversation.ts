// Which conversation an item belongs to, across sources: the same pull
// request reaching Lull as a GitHub notification, as GitHub's email and as
// a Slack link gets one key. Decided from the facts the sources kept
// (headers, API URLs, links), never from words that look alike, and pure:
// a key is the same wherever and whenever it is worked out.
import type { Account, ItemFacts, SourceItem } from './model'

export type ConversationOptions = {
  /**
   * The web hosts of the person's GitHub accounts (`ghe.example.com`).
   * github.com always counts; a link or a mail naming any other host stands
   * for a GitHub conversation only when the person has an account there,
   * so a look-alike host never merges anything.
   */
  githubHosts: readonly string[]
}

/** What a key is worked out from: the source's fields, as stored. */
export type KeyedFields = Pick<SourceItem, 'source' | 'accountId' | 'externalId' | 'threadKey'> & {
  url?: string | undefined
  facts?: ItemFacts | undefined
}

/** Longer keys are not made (the stored key is bounded); see model InboxItem.conversationKey. */
const keyLimit = 1024

/** GitHub's owner and repository names (repositories may hold dots); `.` and `..` are not names. */
const ownerPattern = /^[a-z0-9](?:[a-z0-9-]{0,38})$/i
const repoPattern = /^[a-z0-9._-]{1,100}$/i
/** Issue numbers are positive integers; past 12 digits it is not one GitHub gave. */
const numberPattern = /^0*([1-9]\d{0,11})$/
const shaPattern = /^[0-9a-f]{7,64}$/i

/** What a GitHub fact points at: an issue or pull request (one number space), a release, a commit. */
type GithubRef = {
  host: string
  owner: string
  repo: string
  thing:
    | { kind: 'number'; number: string }
    | { kind: 'release'; id: string }
    | { kind: 'commit'; sha: string }
}

/**
 * The conversation key of an item, or null when its fields are not an item
 * Lull can key (it never throws: a stored row may be of any shape):
 * - a GitHub issue, pull request or discussion, whichever source brought
 *   it: `github:<host>/<owner>/<repo>#<number>`, owner and repository in
 *   lower case as GitHub compares them; a release `…/releases/<id>`, a
 *   commit `…@<sha>`;
 * - any other GitHub notification: its thread, `github-thread:<account>:<thread id>`;
 * - any other mail: its thread in its account, `email:<account>:<root>`
 *   (the server's thread id, else the first of References, else
 *   In-Reply-To, else its own Message-ID);
 * - any other Slack message: its thread, `slack:<account>:<channel>:<thread ts>`.
 */
export function conversationKey(item: KeyedFields, options: ConversationOptions): string | null {
  try {
    const key = keyOf(item, knownHosts(options.githubHosts))
    return key !== null && key.length <= keyLimit ? key : null
  } catch {
    return null
  }
}

function keyOf(item: KeyedFields, hosts: ReadonlySet<string>): string | null {
  if (typeof item !== 'object' || item === null) return null
  if (!isText(item.accountId) || !isText(item.threadKey)) return null
  const facts = isRecord(item.facts) ? (item.facts as ItemFacts) : undefined
  switch (item.source) {
    case 'github':
      return githubKey(item, facts)
    case 'email':
      return emailKey(item, facts, hosts)
    case 'slack':
      return slackKey(item, facts, hosts)
    default:
      return null
  }
}

// GitHub notifications

function githubKey(item: KeyedFields, facts: ItemFacts | undefined): string | null {
  // The subject's API URL is the account's own (the source keeps no other);
  // rows stored before facts fall back on the page link the source made of it.
  const fromApi = isText(facts?.subjectUrl) ? refOfApiUrl(facts.subjectUrl) : null
  const ref = fromApi ?? (isText(item.url) ? refOfWebUrl(item.url, null) : null)
  if (ref) return keyOfRef(ref)
  if (!isText(item.externalId)) return null
  return `github-thread:${item.accountId}:${item.externalId}`
}

/** `https://api.github.com/repos/o/r/pulls/1`, or on Enterprise Server `https://HOST/api/v3/repos/o/r/issues/7`. */
function refOfApiUrl(text: string): GithubRef | null {
  const url = parseUrl(text)
  if (!url) return null
  const host = url.host.toLowerCase()
  const isCom = host === 'api.github.com'
  const prefix = isCom ? '/repos/' : '/api/v3/repos/'
  if (!url.pathname.startsWith(prefix)) return null
  const [owner, repo, kind, id, ...rest] = url.pathname.slice(prefix.length).split('/')
  if (rest.length > 0 || !owner || !repo || !kind || !id) return null
  const where = { host: isCom ? 'github.com' : host, owner, repo }
  if (kind === 'issues' || kind === 'pulls' || kind === 'discussions') return numbered(where, id)
  if (kind === 'releases')
    return /^\d{1,15}$/.test(id) ? checked({ ...where, thing: { kind: 'release', id } }) : null
  if (kind === 'commits')
    return shaPattern.test(id) ? checked({ ...where, thing: { kind: 'commit', sha: id } }) : null
  return null
}

/**
 * A web page of an issue, pull request or discussion (`https://github.com/o/r/pull/1/files#…`),
 * or of a commit. `hosts` null trusts the host: the GitHub source made the link from its own answer.
 */
function refOfWebUrl(text: string, hosts: ReadonlySet<string> | null): GithubRef | null {
  const url = parseUrl(text)
  if (!url) return null
  const host = url.host.toLowerCase().replace(/^www\./, '')
  if (hosts !== null && !hosts.has(host)) return null
  const [, owner, repo, kind, id] = url.pathname.split('/')
  if (!owner || !repo || !kind || !id) return null
  const where = { host, owner, repo }
  if (kind === 'pull' || kind === 'issues' || kind === 'discussions') return numbered(where, id)
  if (kind === 'commit' && shaPattern.test(id))
    return checked({ ...where, thing: { kind: 'commit', sha: id } })
  return null
}

function numbered(where: Omit<GithubRef, 'thing'>, id: string): GithubRef | null {
  const number = numberPattern.exec(id)?.[1]
  return number ? checked({ ...where, thing: { kind: 'number', number } }) : null
}

function checked(ref: GithubRef): GithubRef | null {
  if (!ownerPattern.test(ref.owner) || !repoPattern.test(ref.repo) || /^\.\.?$/.test(ref.repo)) return null
  if (ref.host === '' || /[/@\s]/.test(ref.host)) return null
  return ref
}

function keyOfRef(ref: GithubRef): string {
  const base = `github:${ref.host}/${ref.owner.toLowerCase()}/${ref.repo.toLowerCase()}`
  if (ref.thing.kind === 'number') return `${base}#${ref.thing.number}`
  if (ref.thing.kind === 'release') return `${base}/releases/${ref.thing.id}`
  return `${base}@${ref.thing.sha.toLowerCase()}`
}

// Email

/**
 * GitHub's notification mail names what it is about in its Message-ID
 * (`<acme/api/pull/123/c456@github.com>`; the first mail of a thread is
 * `<acme/api/pull/123@github.com>`, which the replies' In-Reply-To and
 * References repeat; an issue's events are `…/issue/7/issue_event/…`, a
 * discussion's comments `…/repo-discussions/5/comments/…`) and its
 * repository in List-ID (`<api.acme.github.com>`).
 */
const githubMessageId =
  /^([^/@\s]+)\/([^/@\s]+)\/(pull|issues|issue|repo-discussions|releases|commit)\/([^/@\s]+)(?:\/[^@\s]*)?@([^@\s]+)$/i

function emailKey(
  item: KeyedFields,
  facts: ItemFacts | undefined,
  hosts: ReadonlySet<string>,
): string | null {
  const github = githubOfMail(item, facts, hosts)
  if (github) return keyOfRef(github)
  const root = mailRoot(item, facts)
  return root === null ? null : `email:${item.accountId}:${root}`
}

function githubOfMail(
  item: KeyedFields,
  facts: ItemFacts | undefined,
  hosts: ReadonlySet<string>,
): GithubRef | null {
  // Rows stored before facts: their external id is the Message-ID, their
  // thread the first of References. They have no List-ID to check.
  const ids = facts
    ? [facts.messageId, facts.inReplyTo, facts.references?.[0]]
    : [item.externalId, item.threadKey.startsWith('email:') ? item.threadKey.slice(6) : undefined]
  for (const id of ids) {
    if (!isText(id)) continue
    const ref = refOfMessageId(id, hosts)
    if (!ref) continue
    // Anyone can write a Message-ID; GitHub's mail also names the repository in List-ID.
    if (facts && !isListOf(facts.listId, ref)) return null
    return ref
  }
  return null
}

function refOfMessageId(id: string, hosts: ReadonlySet<string>): GithubRef | null {
  const match = githubMessageId.exec(id.trim())
  if (!match) return null
  const [, owner = '', repo = '', kind = '', thing = '', rawHost = ''] = match
  const host = rawHost.toLowerCase()
  if (!hosts.has(host)) return null
  const where = { host, owner, repo }
  switch (kind.toLowerCase()) {
    case 'pull':
    case 'issues':
    case 'issue':
    case 'repo-discussions':
      return numbered(where, thing)
    case 'releases':
      return /^\d{1,15}$/.test(thing) ? checked({ ...where, thing: { kind: 'release', id: thing } }) : null
    default:
      return shaPattern.test(thing) ? checked({ ...where, thing: { kind: 'commit', sha: thing } }) : null
  }
}

/** GitHub's List-ID for a repository: `<repo>.<owner>.<host>`, compared as GitHub does, without case. */
function isListOf(listId: string | undefined, ref: GithubRef): boolean {
  if (!isText(listId)) return false
  const id = (/<([^<>]+)>/.exec(listId)?.[1] ?? listId).trim().toLowerCase()
  return id === `${ref.repo}.${ref.owner}.${ref.host}`.toLowerCase()
}

/** The thread's root as the email source roots its thread key. */
function mailRoot(item: KeyedFields, facts: ItemFacts | undefined): string | null {
  const root = facts
    ? firstText(facts.mailThreadId, facts.references?.[0], facts.inReplyTo, facts.messageId)
    : undefined
  if (root) return root
  return item.threadKey.startsWith('email:') && item.threadKey.length > 6 ? item.threadKey.slice(6) : null
}

// Slack

function slackKey(
  item: KeyedFields,
  facts: ItemFacts | undefined,
  hosts: ReadonlySet<string>,
): string | null {
  const linked = new Map<string, true>()
  for (const link of (Array.isArray(facts?.links) ? facts.links : []).slice(0, 50)) {
    const ref = isText(link) ? refOfWebUrl(link, hosts) : null
    if (ref) linked.set(keyOfRef(ref), true)
  }
  // One linked issue or pull request: the message is about it. Several
  // ("#12 and #14 both need review"): it is about none of them alone, and
  // merging it into one would hide it from the others, so it stays in its
  // Slack thread like a message that links nothing.
  if (linked.size === 1) return [...linked.keys()][0] ?? null
  const thread = /^slack:([^:]+):(\d{1,12}\.\d{1,6})$/.exec(item.threadKey)
  return thread ? `slack:${item.accountId}:${thread[1]}:${thread[2]}` : null
}

/**
 * The web hosts of the person's GitHub accounts. An account connected
 * before its host was kept says it in its identity, as the GitHub source
 * writes it ("octocat (The Octocat) on ghe.example.com"); one on github.com says none.
 */
export function githubHostsOf(
  accounts: ReadonlyArray<Pick<Account, 'kind' | 'identity' | 'githubHost'>>,
): string[] {
  const hosts = new Set<string>()
  for (const account of accounts) {
    if (account.kind !== 'github') continue
    const host =
      account.githubHost ?? / on ([a-z0-9.-]+(?::\d{1,5})?)$/i.exec(account.identity)?.[1] ?? 'github.com'
    hosts.add(host.toLowerCase())
  }
  return [...hosts].sort()
}

// Small readers

function knownHosts(hosts: readonly string[]): Set<string> {
  const known = new Set(['github.com'])
  if (!Array.isArray(hosts)) return known
  for (const host of hosts) {
    if (!isText(host)) continue
    const bare = parseUrl(/^[a-z]+:\/\//i.test(host) ? host : `https://${host.trim()}`)
    if (bare) known.add(bare.host.toLowerCase())
  }
  return known
}

function parseUrl(text: string): URL | null {
  if (text.length > 4096) return null
  try {
    const url = new URL(text)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null
  } catch {
    return null
  }
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== ''
}

function isRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function firstText(...values: Array<string | undefined>): string | undefined {
  return values.find(isText)
}
