// The urgent-rule kinds as the Rules view offers them, grouped by source:
// what the person types for each, and how that becomes a rule.
import { type GithubReason, githubReasons, type UrgentRule } from '../../../shared/model'

export type RuleChoice =
  | 'slack-channel'
  | 'slack-person'
  | 'slack-keyword'
  | 'github-reason'
  | 'github-repository'
  | 'github-person'
  | 'email-sender'
  | 'email-domain'
  | 'subject-tag'

export const ruleChoices: Array<{ choice: RuleChoice; group: string; label: string; placeholder: string }> = [
  { choice: 'slack-channel', group: 'Slack', label: 'Channel', placeholder: '#incidents' },
  { choice: 'slack-person', group: 'Slack', label: 'Person', placeholder: '@dana' },
  { choice: 'slack-keyword', group: 'Slack', label: 'Keyword in a message', placeholder: 'outage' },
  { choice: 'github-reason', group: 'GitHub', label: 'Reason', placeholder: '' },
  { choice: 'github-repository', group: 'GitHub', label: 'Repository', placeholder: 'acme/api' },
  { choice: 'github-person', group: 'GitHub', label: 'Person', placeholder: 'octocat' },
  { choice: 'email-sender', group: 'Email', label: 'Sender address', placeholder: 'boss@example.com' },
  { choice: 'email-domain', group: 'Email', label: 'Sender domain', placeholder: 'example.com' },
  { choice: 'subject-tag', group: 'Email', label: 'Subject tag', placeholder: '[URGENT]' },
]

/** The rule the person described, or what is missing. */
export function ruleFrom(
  choice: RuleChoice,
  value: string,
  id: string,
): { rule: UrgentRule } | { problem: string } {
  const text = value.trim()
  if (choice === 'github-reason') {
    if (!(githubReasons as readonly string[]).includes(text)) return { problem: 'Pick a GitHub reason.' }
    return { rule: { id, kind: 'github-reason', reason: text as GithubReason } }
  }
  if (text === '') return { problem: 'Type what the rule should match.' }
  switch (choice) {
    case 'slack-channel':
      return { rule: { id, kind: 'slack-channel', channel: text } }
    case 'slack-person':
    case 'github-person':
      return { rule: { id, kind: 'person', person: text } }
    case 'slack-keyword':
      return { rule: { id, kind: 'slack-keyword', keyword: text } }
    case 'github-repository':
      return { rule: { id, kind: 'github-repository', repository: text } }
    case 'email-sender':
      if (!text.includes('@') || text.startsWith('@'))
        return { problem: 'Type a whole address, like boss@example.com.' }
      return { rule: { id, kind: 'email-sender', sender: text } }
    case 'email-domain':
      if (text.replace(/^@/, '').includes('@')) return { problem: 'Type only the domain, like example.com.' }
      return { rule: { id, kind: 'email-sender', sender: `@${text.replace(/^@/, '')}` } }
    case 'subject-tag':
      return { rule: { id, kind: 'subject-tag', tag: text } }
  }
}
