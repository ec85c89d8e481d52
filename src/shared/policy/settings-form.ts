// The settings form's text fields: check-in times, deep-work blocks and
// urgent channels typed as short text. Parsers return every error they find
// as a sentence for the form; formatters write the text back so that parsing
// it again gives the same values.
import type { DeepWorkBlock, UrgentRule, Weekday } from '../model'
import { weekdays } from '../model'
import { normalizeChannel } from './urgency'
import { dayAt, dayIndex, formatDayList, sortDays } from './week'

export type FormParse<T> = { ok: true; value: T } | { ok: false; errors: string[] }

type SlackChannelRule = Extract<UrgentRule, { kind: 'slack-channel' }>

export const timeHelp = 'A time is written HH:MM, from 00:00 to 23:59.'

/** '9:30' and '09:30' both read as '09:30'; anything else is an error, not a guess. */
export function parseTime(token: string): string | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(token)
  if (!match) return null
  const hours = Number(match[1])
  const minutes = Number(match[2])
  if (hours > 23 || minutes > 59) return null
  return `${String(hours).padStart(2, '0')}:${match[2]}`
}

function collect<T>(values: T[], errors: string[]): FormParse<T[]> {
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: values }
}

/** '09:30, 13:00' → ['09:30', '13:00']; commas, spaces or new lines separate. */
export function parseTimeList(text: string): FormParse<string[]> {
  const times: string[] = []
  const errors: string[] = []
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    const time = parseTime(token)
    if (time === null) errors.push(`'${token}' isn't a time. ${timeHelp}`)
    else times.push(time)
  }
  return collect(times, errors)
}

export function formatTimeList(times: readonly string[]): string {
  return times.join(', ')
}

const dayWords = new Map<string, readonly Weekday[]>([
  ['daily', weekdays],
  ['weekdays', ['mon', 'tue', 'wed', 'thu', 'fri']],
  ['weekends', ['sat', 'sun']],
])

/** 'Mon', 'monday', 'Tu': any start of a day's English name, two letters or more. */
const dayNames = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']
function parseDay(token: string): Weekday | null {
  const lower = token.toLowerCase()
  if (lower.length < 2) return null
  const index = dayNames.findIndex((name) => name.startsWith(lower))
  return index === -1 ? null : dayAt(index)
}

/** 'Mon-Fri', 'Mon,Wed', 'Fri-Mon' (wrapping over the weekend), 'weekdays'. */
function parseDays(text: string): { days: Weekday[]; bad: string[] } {
  const days: Weekday[] = []
  const bad: string[] = []
  const tokens = text
    .replace(/\s*[-–]\s*/g, '-')
    .split(/[\s,]+/)
    .filter(Boolean)
  for (const token of tokens) {
    const named = dayWords.get(token.toLowerCase())
    if (named) {
      days.push(...named)
      continue
    }
    const [from = '', to, ...rest] = token.split('-')
    const first = parseDay(from)
    const last = to === undefined ? first : parseDay(to)
    if (first === null || last === null || rest.length > 0) {
      bad.push(token)
      continue
    }
    const span = (dayIndex(last) - dayIndex(first) + 7) % 7
    for (let i = 0; i <= span; i++) days.push(dayAt(dayIndex(first) + i))
  }
  return { days: sortDays(days), bad }
}

/** One block a line: 'Mon-Fri 09:00-11:30'. An end before the start crosses midnight. */
export function parseBlockList(text: string): FormParse<DeepWorkBlock[]> {
  const blocks: DeepWorkBlock[] = []
  const errors: string[] = []
  const lines = text.split(/[\n;]/)
  lines.forEach((raw, index) => {
    const line = raw.trim()
    if (line === '') return
    const where = lines.length > 1 ? `Line ${index + 1}: ` : ''
    const match = /^(.*?)\s*(\S+)\s*[-–]\s*(\S+)$/.exec(line)
    if (!match || !/\d/.test(match[2] ?? '')) {
      errors.push(`${where}write a block as days and times, like 'Mon-Fri 09:00-11:30'.`)
      return
    }
    const [, dayText = '', startText = '', endText = ''] = match
    const start = parseTime(startText)
    const end = parseTime(endText)
    const { days, bad } = parseDays(dayText)
    if (start === null) errors.push(`${where}'${startText}' isn't a time. ${timeHelp}`)
    if (end === null) errors.push(`${where}'${endText}' isn't a time. ${timeHelp}`)
    for (const token of bad)
      errors.push(`${where}'${token}' isn't a day. Write days like Mon-Fri or Sat,Sun.`)
    if (bad.length === 0 && days.length === 0) {
      errors.push(`${where}say which days, like 'Mon-Fri 09:00-11:30'.`)
    }
    if (start !== null && start === end) {
      errors.push(`${where}a deep-work block needs a start and an end that differ.`)
    }
    if (start !== null && end !== null && start !== end && days.length > 0 && bad.length === 0) {
      blocks.push({ days, start, end })
    }
  })
  return collect(blocks, errors)
}

export function formatBlockList(blocks: readonly DeepWorkBlock[]): string {
  return blocks.map((block) => `${formatDayList(block.days)} ${block.start}-${block.end}`).join('\n')
}

/** The id a new channel rule gets: stable, so parsing the same text twice names the same rule. */
export function slackChannelRuleId(channel: string): string {
  return `slack-channel:#${normalizeChannel(channel)}`
}

/**
 * '#incidents, urgent' → two slack-channel rules. A channel already among
 * `existing` keeps its rule's id, since delivered items point at that id.
 */
export function parseChannelList(
  text: string,
  existing: readonly UrgentRule[] = [],
): FormParse<SlackChannelRule[]> {
  const rules: SlackChannelRule[] = []
  const errors: string[] = []
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    const name = normalizeChannel(token)
    if (!/^[\p{L}\p{N}_-]{1,80}$/u.test(name)) {
      errors.push(`'${token}' isn't a Slack channel name. Names use letters, numbers, - and _.`)
      continue
    }
    if (rules.some((rule) => normalizeChannel(rule.channel) === name)) continue
    const known = existing.find(
      (rule): rule is SlackChannelRule =>
        rule.kind === 'slack-channel' && normalizeChannel(rule.channel) === name,
    )
    rules.push({ id: known?.id ?? slackChannelRuleId(name), kind: 'slack-channel', channel: `#${name}` })
  }
  return collect(rules, errors)
}

/** The slack-channel rules among `rules`, as '#incidents, #urgent'; other kinds have their own fields. */
export function formatChannelList(rules: readonly UrgentRule[]): string {
  return rules
    .flatMap((rule) => (rule.kind === 'slack-channel' ? [`#${normalizeChannel(rule.channel)}`] : []))
    .join(', ')
}
