// Urgent rules: which items may break through a deep-work block. Matching is
// forgiving about how people write names ('#incidents' or 'incidents',
// '@dana' or 'dana') but strict about email domains, where a loose match
// would let 'evil-example.com' through.
import type { GithubReason, SourceItem, UrgentRule } from '../model'

/** The first rule that matches wins, so the UI's order is the precedence. */
export function matchUrgentRule(rules: readonly UrgentRule[], item: SourceItem): UrgentRule | null {
  return rules.find((rule) => matchesRule(rule, item)) ?? null
}

export function matchesRule(rule: UrgentRule, item: SourceItem): boolean {
  switch (rule.kind) {
    case 'slack-channel':
      return matchesSlackChannel(rule.channel, item)
    case 'person':
      return matchesPerson(rule.person, item)
    case 'slack-keyword':
      return item.source === 'slack' && matchesKeyword(rule.keyword, `${item.title}\n${item.text}`)
    case 'github-reason':
      return item.github?.reason === rule.reason
    case 'github-repository':
      return (
        item.source === 'github' &&
        normalizeRepository(item.container) === normalizeRepository(rule.repository)
      )
    case 'email-sender':
      return item.email !== undefined && matchesEmailSender(rule.sender, item.email.from)
    case 'subject-tag':
      return titleTags(item.title).includes(normalizeTag(rule.tag))
  }
}

/** A channel name without its '#', lower-case: Slack names are case-insensitive. */
export function normalizeChannel(channel: string): string {
  return channel.trim().replace(/^#+/, '').toLowerCase()
}

function matchesSlackChannel(channel: string, item: SourceItem): boolean {
  if (item.source !== 'slack') return false
  const wanted = normalizeChannel(channel)
  if (wanted === '') return false
  // The stream is the channel id, which survives a rename; the container is its name.
  return normalizeChannel(item.container) === wanted || item.stream.toLowerCase() === wanted
}

/** 'Acme/API', ' acme/api ' and 'https://github.com/acme/api' name one repository. */
export function normalizeRepository(repository: string): string {
  return repository
    .trim()
    .replace(/^https?:\/\/[^/]+\//i, '')
    .replace(/\/+$/, '')
    .toLowerCase()
}

/**
 * A keyword matches as a whole word or phrase, any case: 'outage' matches
 * "Outage in eu-west" but not "outages", so a rule never grows beyond what
 * the person wrote.
 */
function matchesKeyword(keyword: string, text: string): boolean {
  const wanted = keyword.trim().toLowerCase()
  if (wanted === '') return false
  const haystack = text.toLowerCase()
  for (let at = haystack.indexOf(wanted); at !== -1; at = haystack.indexOf(wanted, at + 1)) {
    const before = haystack[at - 1]
    const after = haystack[at + wanted.length]
    if (!isWordCharacter(before) && !isWordCharacter(after)) return true
  }
  return false
}

function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && /[\p{L}\p{N}_]/u.test(character)
}

function normalizePerson(person: string): string {
  return person.trim().replace(/^@+/, '').toLowerCase()
}

function matchesPerson(person: string, item: SourceItem): boolean {
  const wanted = normalizePerson(person)
  if (wanted === '') return false
  return normalizePerson(item.author.id) === wanted || normalizePerson(item.author.name) === wanted
}

/** The bare address of a From value, which may read 'Dana <dana@example.com>'. */
export function emailAddress(from: string): string {
  const angled = /<([^<>]*)>/.exec(from)
  return (angled?.[1] ?? from).trim().toLowerCase()
}

/**
 * A sender is a full address ('dana@example.com') or a domain ('@example.com'
 * or 'example.com'). A domain matches that exact domain only: subdomains such
 * as 'mail.example.com' do not match, so a rule never grows beyond what the
 * user wrote; add the subdomain as its own rule.
 */
function matchesEmailSender(sender: string, from: string): boolean {
  const address = emailAddress(from)
  const at = address.lastIndexOf('@')
  if (at <= 0) return false
  const wanted = sender.trim().toLowerCase()
  if (wanted === '') return false
  const isDomain = wanted.startsWith('@') || !wanted.includes('@')
  if (!isDomain) return address === emailAddress(wanted)
  return address.slice(at + 1) === wanted.replace(/^@/, '')
}

/** A tag as the user may type it, 'URGENT' or '[urgent]', compared lower-case. */
function normalizeTag(tag: string): string {
  return tag
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .trim()
    .toLowerCase()
}

/** Tags are only the bracketed ones: '[P0] db down' has 'p0'; 'urgent fix' has none. */
function titleTags(title: string): string[] {
  return Array.from(title.matchAll(/\[([^[\]]+)\]/g), (match) => (match[1] ?? '').trim().toLowerCase())
}

const reasonWords: Record<GithubReason, string> = {
  assign: 'assigned to you',
  author: 'your own thread',
  comment: 'comment',
  ci_activity: 'CI activity',
  invitation: 'invitation',
  manual: 'subscribed by hand',
  mention: 'mention',
  review_requested: 'review requested',
  security_alert: 'security alert',
  state_change: 'state change',
  subscribed: 'watching',
  team_mention: 'team mention',
  approval_requested: 'approval requested',
  member_feature_requested: 'feature requested',
  security_advisory_credit: 'security advisory credit',
}

/** How the rules list and a breakthrough's "why" line name a rule. */
export function describeRule(rule: UrgentRule): string {
  switch (rule.kind) {
    case 'slack-channel':
      return `Slack channel #${normalizeChannel(rule.channel)}`
    case 'person':
      return `Person: ${rule.person.trim().replace(/^@+/, '')}`
    case 'slack-keyword':
      return `Slack message with "${rule.keyword.trim()}"`
    case 'github-reason':
      return `GitHub: ${reasonWords[rule.reason]}`
    case 'github-repository':
      return `GitHub repository ${normalizeRepository(rule.repository)}`
    case 'email-sender': {
      const sender = rule.sender.trim()
      const isDomain = sender.startsWith('@') || !sender.includes('@')
      return isDomain ? `Email from anyone at ${sender.replace(/^@/, '')}` : `Email from ${sender}`
    }
    case 'subject-tag':
      return `Subject tag [${rule.tag.trim().replace(/^\[(.*)\]$/, '$1')}]`
  }
}
