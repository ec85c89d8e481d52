// The domain model: what an item, account, digest, focus session and the
// settings are. Schemas are zod so every boundary (IPC, source payloads,
// rows read back from disk) parses instead of casting.
import { z } from 'zod'

export const sourceKinds = ['slack', 'github', 'email'] as const
export const SourceKind = z.enum(sourceKinds)
export type SourceKind = z.infer<typeof SourceKind>

/** The kind of account: a real source, or the built-in sample workspace. */
export const AccountKind = z.enum(['slack', 'github', 'email', 'sample'])
export type AccountKind = z.infer<typeof AccountKind>

export const githubReasons = [
  'assign',
  'author',
  'comment',
  'ci_activity',
  'invitation',
  'manual',
  'mention',
  'review_requested',
  'security_alert',
  'state_change',
  'subscribed',
  'team_mention',
  'approval_requested',
  'member_feature_requested',
  'security_advisory_credit',
] as const
export const GithubReason = z.enum(githubReasons)
export type GithubReason = z.infer<typeof GithubReason>

/** Links the app may open outside itself. Anything else is refused. */
export const allowedLinkSchemes = ['http:', 'https:', 'mailto:', 'slack:'] as const

/** Longer links are refused: some system handlers (Windows' among them) cut or reject them. */
export const externalUrlLimit = 2048

/**
 * Whitespace, control and invisible format characters (bidi overrides among
 * them) have no place in a link; the URL parser would silently drop or
 * encode some of them, so the link opened would not be the one that was checked.
 */
const hiddenInUrl = /[\p{Cc}\p{Cf}\p{Z}\s]/u

function hasAllowedScheme(value: string): boolean {
  try {
    return (allowedLinkSchemes as readonly string[]).includes(new URL(value).protocol)
  } catch {
    return false
  }
}

/**
 * A link Lull may hand to the system: checked, then passed on as the parser
 * serialised it (`new URL(x).href`), so what is opened is exactly what was checked.
 */
export const ExternalUrl = z
  .string()
  .max(externalUrlLimit, `A link can be at most ${externalUrlLimit} characters long.`)
  .refine((value) => !hiddenInUrl.test(value), 'A link must not contain spaces or control characters.')
  .refine(hasAllowedScheme, 'Only http, https, mailto and slack links can be opened.')
  .transform((value) => new URL(value).href)
  // Encoding can lengthen a link (é becomes %C3%A9): the limit holds for what is opened too.
  .pipe(
    z
      .string()
      .max(externalUrlLimit, `A link, once encoded, can be at most ${externalUrlLimit} characters long.`),
  )

/** The most links, and the most References ids, an item keeps as facts. */
export const factLimits = { links: 20, references: 50, link: 2048, messageId: 512 } as const

/**
 * What a source read that tells which conversation an item belongs to,
 * kept as the source said it (shared/conversation.ts turns it into a key).
 * Sources translate and never decide: the same pull request reaching Lull
 * through GitHub, its email and Slack is told apart or together in one
 * pure place. Every field is optional: a source fills what it has, and
 * items stored before facts existed have none.
 */
export const ItemFacts = z.object({
  /**
   * Slack: links to GitHub issues, pull requests and discussions that the
   * message carries (its text, its blocks, its unfurled attachments'
   * `from_url`, `title_link` and `original_url`), on any host, as written;
   * at most 20, each at most one. Which hosts are GitHub is decided later.
   */
  links: z.array(z.string().min(1).max(factLimits.link)).max(factLimits.links).optional(),
  /** Email: its Message-ID, without the angle brackets. */
  messageId: z.string().min(1).max(factLimits.messageId).optional(),
  /** Email: the Message-ID it answers (In-Reply-To), without brackets. */
  inReplyTo: z.string().min(1).max(factLimits.messageId).optional(),
  /** Email: References, oldest first (the thread's root first), without brackets; the first 50. */
  references: z.array(z.string().min(1).max(factLimits.messageId)).max(factLimits.references).optional(),
  /** Email: the List-ID's id, without brackets (GitHub's: `repo.owner.github.com`). */
  listId: z.string().min(1).max(256).optional(),
  /** Email: X-GitHub-Reason, why GitHub sent it (`review_requested`, `mention` …). */
  githubReason: z.string().min(1).max(64).optional(),
  /** Email: X-GitHub-Sender, the GitHub login whose action it reports. */
  githubSender: z.string().min(1).max(256).optional(),
  /**
   * Email: the server's own thread id for the message, Gmail's X-GM-THRID
   * (or OBJECTID's THREADID), when the server has one. Unique within the account.
   */
  mailThreadId: z.string().min(1).max(128).optional(),
  /**
   * GitHub: the notification's `subject.url`, the API URL of what it is
   * about (`https://api.github.com/repos/o/r/pulls/123`, on GitHub
   * Enterprise Server `https://HOST/api/v3/repos/o/r/issues/7`). Kept only
   * when it lies under the account's own API, so its host is the account's.
   */
  subjectUrl: z.string().min(1).max(factLimits.link).optional(),
})
export type ItemFacts = z.infer<typeof ItemFacts>

/**
 * One notification as a source hands it over, normalised. `id` is stable:
 * `<accountId>:<externalId>`, so a repeated pull never makes a duplicate.
 * Text is plain text: nothing from a message is ever rendered as HTML.
 */
export const SourceItem = z.object({
  id: z.string().min(3).max(512),
  accountId: z.string().min(1).max(128),
  source: SourceKind,
  /** The stream it was pulled from: a Slack channel id, "notifications", a mailbox. */
  stream: z.string().min(1).max(256),
  externalId: z.string().min(1).max(256),
  /** Items of one conversation share a thread key (Slack thread ts, GitHub thread, email thread). */
  threadKey: z.string().min(1).max(512),
  /** Where it was said: "#incidents", "acme/api", "inbox". */
  container: z.string().max(256),
  author: z.object({ id: z.string().max(256), name: z.string().max(256) }),
  title: z.string().max(1024),
  text: z.string().max(20_000),
  url: ExternalUrl.optional(),
  /** When the source says it happened, epoch ms. */
  sentAt: z.number().int().nonnegative(),
  /** Whether someone is waiting on the user (a DM, a mention, a review request). */
  needsReply: z.boolean(),
  github: z.object({ reason: GithubReason, subjectType: z.string().max(64) }).optional(),
  email: z.object({ from: z.string().max(320) }).optional(),
  /** What tells which conversation it belongs to; see ItemFacts. */
  facts: ItemFacts.optional(),
  /**
   * Slack: the kind of conversation it was said in (a DM, a group DM, a
   * channel) and its id, so the policy can tell a direct message without
   * reading titles. Items stored before it existed have none.
   */
  slack: z
    .object({
      conversationKind: z.enum(['im', 'mpim', 'channel', 'private']),
      channel: z.string().min(1).max(64),
    })
    .optional(),
})
export type SourceItem = z.infer<typeof SourceItem>

export const ItemStatus = z.enum(['held', 'delivered', 'done', 'snoozed'])
export type ItemStatus = z.infer<typeof ItemStatus>

/** A source item plus what Lull and the user did with it. */
export const InboxItem = SourceItem.extend({
  status: ItemStatus,
  /**
   * The conversation it belongs to across sources and accounts (see
   * shared/conversation.ts), worked out when it is stored; indexed. Absent
   * when its facts name none, and on rows stored before keys existed until
   * the store's keying pass reaches them.
   */
  conversationKey: z.string().min(1).max(1024).optional(),
  /** When Lull first stored it, epoch ms. */
  receivedAt: z.number().int().nonnegative(),
  deliveredAt: z.number().int().nonnegative().optional(),
  digestId: z.string().optional(),
  /** The urgent rule that let it break through, if one did. */
  urgentRuleId: z.string().optional(),
  /**
   * That rule's name as it was when it fired ("Slack channel #incidents"),
   * so the item still says why after the rule is renamed or removed. Rows
   * stored before names were kept have only the id.
   */
  urgentRuleName: z.string().max(300).optional(),
  /**
   * The rule matched another message of this item's conversation (the pull
   * request's notification), not this one: a conversation is urgent while
   * an urgent member of it is not done, so its mail and Slack posts come
   * through with it.
   */
  isUrgentByConversation: z.literal(true).optional(),
  snoozedUntil: z.number().int().nonnegative().optional(),
  /** What "done" replaced, so undo puts the item back as it was (a held item stays held for its check-in). */
  doneFrom: z
    .object({
      status: ItemStatus,
      deliveredAt: z.number().int().nonnegative().optional(),
      snoozedUntil: z.number().int().nonnegative().optional(),
    })
    .optional(),
})
export type InboxItem = z.infer<typeof InboxItem>

/** An item marked done, remembering what it was for undo. */
export function asDone(item: InboxItem, now: number): InboxItem {
  const { snoozedUntil, deliveredAt, status } = item
  const doneFrom: NonNullable<InboxItem['doneFrom']> = { status }
  if (deliveredAt !== undefined) doneFrom.deliveredAt = deliveredAt
  if (snoozedUntil !== undefined) doneFrom.snoozedUntil = snoozedUntil
  const { snoozedUntil: _cleared, ...rest } = item
  return { ...rest, status: 'done', deliveredAt: deliveredAt ?? now, doneFrom }
}

/** An item done, put back as it was before "done"; `fallback` is the status when that is not known. */
export function undone(item: InboxItem, fallback: InboxItem['status']): InboxItem {
  const { doneFrom, deliveredAt: _done, snoozedUntil: _none, ...rest } = item
  if (!doneFrom) return { ...item, status: fallback === 'done' ? 'delivered' : fallback }
  const back: InboxItem = { ...rest, status: doneFrom.status === 'done' ? 'delivered' : doneFrom.status }
  if (doneFrom.deliveredAt !== undefined) back.deliveredAt = doneFrom.deliveredAt
  if (doneFrom.snoozedUntil !== undefined) back.snoozedUntil = doneFrom.snoozedUntil
  return back
}

/**
 * The reply to direct messages held during deep work, per Slack account:
 * off unless the person turns it on. `template` is filled from the schedule
 * ({checkIn}, {until}, {urgentChannel}); the message itself is never quoted.
 */
export const DmReplySettings = z.object({
  isOn: z.boolean(),
  template: z
    .string()
    .trim()
    .min(1, 'Write the reply, or turn it off.')
    .max(400, 'A reply can be at most 400 characters long.'),
  /** Group DMs are answered too (off unless chosen: everyone in the group would see it). */
  isGroupDmOn: z.boolean(),
  /** At most one reply a person a day, across blocks; off means one per deep-work stretch. */
  isOncePerDay: z.boolean(),
  /** Someone who wrote this many minutes before deep work began is mid-conversation: no reply. */
  midConversationMinutes: z
    .number('The mid-conversation window is a whole number of minutes.')
    .int('The mid-conversation window is a whole number of minutes.')
    .min(0, 'The mid-conversation window is a whole number of minutes, from 0 to 240.')
    .max(240, 'The mid-conversation window is a whole number of minutes, from 0 to 240.'),
  /** When it was last turned on, epoch ms: a DM sent before then was held without a promise of a reply. */
  onSince: z.number().int().nonnegative().optional(),
})
export type DmReplySettings = z.infer<typeof DmReplySettings>

export const defaultDmReplyTemplate =
  "I'm heads-down until {until} and will read this at my {checkIn} check-in. If it can't wait, post in {urgentChannel}."

export const defaultDmReply: DmReplySettings = {
  isOn: false,
  template: defaultDmReplyTemplate,
  isGroupDmOn: false,
  isOncePerDay: false,
  midConversationMinutes: 15,
}

/** One stream of an account; `source` says what it carries where the account mixes them (the sample workspace). */
export const AccountStream = z.object({
  id: z.string().max(256),
  name: z.string().max(256),
  source: SourceKind.optional(),
  /**
   * Whether Lull pulls it. A source offers more than it picks (every Slack
   * channel the person is in, every mailbox); the person picks the rest.
   * Absent means picked. A stream an urgent rule names is pulled either way.
   */
  isPicked: z.boolean().optional(),
})
export type AccountStream = z.infer<typeof AccountStream>

export const Account = z.object({
  id: z.string().min(1).max(128),
  kind: AccountKind,
  label: z.string().max(256),
  /** Who the account belongs to, as the source names them. Never a secret. */
  identity: z.string().max(256),
  /**
   * The account's picture as a data: URL (main fetched and checked it), so
   * the page shows it without reaching out to any host. At most ~64 KB.
   */
  avatar: z
    .string()
    .max(90_000)
    .regex(
      /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/,
      'An avatar is a base64 image data URL.',
    )
    .optional(),
  streams: z.array(AccountStream).max(5000),
  addedAt: z.number().int().nonnegative(),
  /**
   * A GitHub account's web host (`github.com`, or the Enterprise Server's
   * `ghe.example.com`): links and mail on it can be this person's GitHub
   * conversations. Accounts connected before it was kept say it in their identity.
   */
  githubHost: z.string().min(1).max(256).optional(),
  /** Paused by the person: not pulled, not watched, its items kept. */
  isPaused: z.boolean().optional(),
  /** The person's switch: set this account's status and Do Not Disturb while focus is on. */
  isFocusStatusOn: z.boolean().optional(),
  /** The person's switch: an item opened in Lull is marked read at the source too. */
  isReadWriteBackOn: z.boolean().optional(),
  /**
   * What "done" in Lull does at the source: 'done' (GitHub marks the thread
   * done; email moves the message to the archive), 'read' (GitHub marks it
   * read; email sets \Seen) or 'off'. Absent means the kind's default.
   */
  doneWriteBack: z.enum(['done', 'read', 'off']).optional(),
  /** Slack: the reply to DMs held during deep work; absent means off (defaultDmReply). */
  dmReply: DmReplySettings.optional(),
})
export type Account = z.infer<typeof Account>

/**
 * What "done" does at the source unless the person chose: GitHub marks the
 * thread done; email only marks the message seen (moving mail is for the
 * person to choose); Slack has no "done" for a message.
 */
export function defaultDoneWriteBack(kind: AccountKind): 'done' | 'read' | 'off' {
  if (kind === 'email') return 'read'
  if (kind === 'slack') return 'off'
  return 'done'
}

export const DigestReason = z.enum(['scheduled', 'manual', 'catch-up'])
export type DigestReason = z.infer<typeof DigestReason>

export const Digest = z.object({
  id: z.string(),
  at: z.number().int().nonnegative(),
  reason: DigestReason,
  /** Every item delivered; in reading order when `conversations` is there (see policy readingOrder). */
  itemIds: z.array(z.string()),
  counts: z.object({ slack: z.number().int(), github: z.number().int(), email: z.number().int() }),
  /** How many conversations the items make; digests stored before it have their ids in delivery order. */
  conversations: z.number().int().nonnegative().optional(),
  /** The first check-in after an absence in the calendar: it says welcome back. */
  isWelcomeBack: z.literal(true).optional(),
})
export type Digest = z.infer<typeof Digest>

export const FocusLength = z.union([
  z.object({
    kind: z.literal('minutes'),
    minutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
  }),
  z.object({ kind: z.literal('until-check-in') }),
  z.object({ kind: z.literal('until-stopped') }),
])
export type FocusLength = z.infer<typeof FocusLength>

export const FocusSession = z.object({
  id: z.string(),
  startedAt: z.number().int().nonnegative(),
  length: FocusLength,
  /** When it ends on its own; null while it runs until stopped. */
  endsAt: z.number().int().nonnegative().nullable(),
  /** Set when the user ended it early. */
  endedAt: z.number().int().nonnegative().optional(),
})
export type FocusSession = z.infer<typeof FocusSession>

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export const Weekday = z.enum(weekdays)
export type Weekday = z.infer<typeof Weekday>

/** "HH:MM", 24-hour wall-clock time. */
export const WallTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time is written HH:MM, from 00:00 to 23:59.')
export type WallTime = z.infer<typeof WallTime>

const DaySet = z.array(Weekday).min(1, 'Pick at least one day.')

/** "YYYY-MM-DD", a calendar date in the person's zone. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is written YYYY-MM-DD.')
  .refine(isCalendarDate, 'That day does not exist.')
export type LocalDate = z.infer<typeof LocalDate>

function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
}

/** A check-in time on its own days of the week. */
export const WeeklyCheckIn = z.object({ days: DaySet, time: WallTime })
export type WeeklyCheckIn = z.infer<typeof WeeklyCheckIn>

/** A check-in that happens once, on one date (the first run's "see a digest soon"). */
export const OneOffCheckIn = z.object({ date: LocalDate, time: WallTime })
export type OneOffCheckIn = z.infer<typeof OneOffCheckIn>

/**
 * Each check-in time carries its own days, or its one date. Rows saved
 * before one-offs existed are weekly ({ days, time }) and parse unchanged;
 * a row with a date is a one-off (any days beside it are dropped). Read as
 * one object, so a problem is reported on its field ("checkIns.0.days").
 */
export const CheckInWindow = z
  .object({ time: WallTime, days: DaySet.optional(), date: LocalDate.optional() })
  .superRefine((window, context) => {
    if (window.days === undefined && window.date === undefined)
      context.addIssue({ code: 'custom', path: ['days'], message: 'Pick at least one day.' })
  })
  .transform((window): OneOffCheckIn | WeeklyCheckIn =>
    window.date !== undefined
      ? { date: window.date, time: window.time }
      : { days: window.days ?? [], time: window.time },
  )
export type CheckInWindow = z.infer<typeof CheckInWindow>

export function isOneOff(window: CheckInWindow): window is OneOffCheckIn {
  return 'date' in window
}

/** A weekly deep-work block; `end` before `start` means it crosses midnight. */
export const DeepWorkBlock = z
  .object({ days: DaySet, start: WallTime, end: WallTime })
  .refine((block) => block.start !== block.end, 'A deep-work block needs a start and an end that differ.')
export type DeepWorkBlock = z.infer<typeof DeepWorkBlock>

/** An urgent rule marked so still breaks through while the calendar says the person is away. */
const evenOnLeave = z.boolean().optional()

export const UrgentRule = z.discriminatedUnion('kind', [
  z.object({
    id: z.string(),
    evenOnLeave,
    kind: z.literal('slack-channel'),
    channel: z.string().min(1).max(256),
  }),
  z.object({ id: z.string(), evenOnLeave, kind: z.literal('person'), person: z.string().min(1).max(256) }),
  z.object({
    id: z.string(),
    evenOnLeave,
    kind: z.literal('slack-keyword'),
    keyword: z.string().min(1).max(128),
  }),
  z.object({ id: z.string(), evenOnLeave, kind: z.literal('github-reason'), reason: GithubReason }),
  z.object({
    id: z.string(),
    evenOnLeave,
    kind: z.literal('github-repository'),
    repository: z.string().min(1).max(256),
  }),
  z.object({
    id: z.string(),
    evenOnLeave,
    kind: z.literal('email-sender'),
    sender: z.string().min(1).max(320),
  }),
  z.object({ id: z.string(), evenOnLeave, kind: z.literal('subject-tag'), tag: z.string().min(1).max(64) }),
])
export type UrgentRule = z.infer<typeof UrgentRule>

/** What the calendar changes, each a switch; the words match event titles and categories, ignoring case. */
export const CalendarSettings = z.object({
  /** Events titled with a focus word shield like deep-work blocks. */
  focusFromEvents: z.boolean(),
  focusWords: z.array(z.string().min(1).max(64)).max(32),
  /** A check-in inside a busy event waits for its end. */
  waitForMeetings: z.boolean(),
  /** Out of office holds everything but rules marked "even on leave"; check-ins inside it are skipped. */
  holdWhileAway: z.boolean(),
  awayWords: z.array(z.string().min(1).max(64)).max(32),
  /** A check-in this many minutes before each day's first meeting; null for none. */
  checkInBeforeFirstMeetingMinutes: z.number().int().min(0).max(240).nullable(),
})
export type CalendarSettings = z.infer<typeof CalendarSettings>

export const defaultCalendarSettings: CalendarSettings = {
  focusFromEvents: true,
  focusWords: ['Focus', 'Deep work', 'Heads down', 'No meetings'],
  waitForMeetings: true,
  holdWhileAway: true,
  awayWords: ['Out of office', 'OOO', 'Vacation', 'Holiday', 'On leave', 'PTO'],
  checkInBeforeFirstMeetingMinutes: null,
}

export const Settings = z.object({
  /** IANA zone; null follows the system's zone. */
  timeZone: z.string().min(1).max(64).nullable(),
  checkIns: z.array(CheckInWindow).max(48),
  deepWorkBlocks: z.array(DeepWorkBlock).max(48),
  urgentRules: z.array(UrgentRule).max(500),
  /** One thread notifies at most once in this many minutes. */
  breakthroughCooldownMinutes: z.number().int().min(0).max(120),
  /** Global shortcut that toggles focus, in Electron accelerator syntax. */
  focusShortcut: z.string().max(64),
  syncPaused: z.boolean(),
  /** A reply someone waits for is "due soon", then "overdue", against this window. */
  replyWindowHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14),
  /** Settings saved before calendars existed read as the defaults. */
  calendar: CalendarSettings.default(defaultCalendarSettings),
})
export type Settings = z.infer<typeof Settings>

export const defaultSettings: Settings = {
  timeZone: null,
  checkIns: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], time: '09:30' },
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], time: '13:00' },
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], time: '16:30' },
  ],
  deepWorkBlocks: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '11:30' }],
  urgentRules: [{ id: 'rule-incidents', kind: 'slack-channel', channel: '#incidents' }],
  breakthroughCooldownMinutes: 5,
  focusShortcut: 'CommandOrControl+Shift+L',
  syncPaused: false,
  replyWindowHours: 24,
  calendar: defaultCalendarSettings,
}

/** What the tray shows; the renderer computes it, main only draws it. */
export const TrayState = z.object({
  icon: z.enum(['open', 'focus', 'check-in-due']),
  tooltip: z.string().max(256),
  waitingCount: z.number().int().nonnegative(),
  /** e.g. "13:00", or null with no check-in scheduled. */
  nextCheckIn: z.string().max(64).nullable(),
  isFocused: z.boolean(),
  isSyncPaused: z.boolean(),
})
export type TrayState = z.infer<typeof TrayState>

/** Where a click on a notification or tray entry takes the user. */
export const ViewTarget = z.discriminatedUnion('view', [
  z.object({ view: z.literal('now') }),
  z.object({ view: z.literal('inbox') }),
  z.object({ view: z.literal('settings') }),
  z.object({ view: z.literal('accounts') }),
  z.object({ view: z.literal('waiting') }),
  z.object({ view: z.literal('focus') }),
  z.object({ view: z.literal('rules') }),
  z.object({ view: z.literal('stats') }),
  z.object({ view: z.literal('digest'), digestId: z.string().max(128) }),
  z.object({ view: z.literal('item'), itemId: z.string().max(512) }),
])
export type ViewTarget = z.infer<typeof ViewTarget>
