// The host contract: every renderer-to-main call and every main-to-renderer
// event, named once with its zod schemas. The preload, the IPC handlers in
// main, the browser-mode bridge and the renderer's client are all derived
// from these two tables, so they cannot drift apart.
import { z } from 'zod'
import { CalendarOccurrence } from './calendar/occurrence'
import {
  Account,
  AccountKind,
  AccountStream,
  ExternalUrl,
  FocusLength,
  SourceItem,
  TrayState,
  ViewTarget,
} from './model'

const Empty = z.object({}).strict()

/** Which account a call is about. Main keeps no account list: the secret is looked up in the vault by id. */
const AccountRef = z.object({ id: z.string().min(1).max(128), kind: AccountKind }).strict()

/**
 * What a person types to connect an account; it goes straight to main's
 * vault and never comes back. Which fields a kind needs is the source's to
 * check (Slack: token and maybe appToken; GitHub: token and maybe baseUrl;
 * email: host, port, security, user and a password or an access token).
 */
export const Credentials = z
  .object({
    /** Slack user token (xoxp-…), GitHub personal access token. */
    token: z.string().min(1).max(4096).optional(),
    /** Slack app-level token (xapp-…) for Socket Mode; without it Slack is polled. */
    appToken: z.string().min(1).max(4096).optional(),
    /** GitHub Enterprise Server: https://HOST/api/v3 (github.com when absent). */
    baseUrl: z.string().min(1).max(2048).optional(),
    host: z.string().min(1).max(256).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    /** IMAP: TLS from the start, STARTTLS, or plain (accepted for a loopback server only). */
    security: z.enum(['tls', 'starttls', 'plain']).optional(),
    user: z.string().min(1).max(320).optional(),
    password: z.string().min(1).max(4096).optional(),
    /** IMAP OAuth2 access token (XOAUTH2), instead of a password. */
    accessToken: z.string().min(1).max(8192).optional(),
    /** IMAP: trust the server's own certificate with this SHA-256 fingerprint (shown to the person first). */
    trustedCertFingerprint: z
      .string()
      .regex(/^(?:[0-9A-Fa-f]{2}[:\s]?){31}[0-9A-Fa-f]{2}$/)
      .optional(),
    /** IMAP: a certificate authority (PEM) to trust for this server besides the usual ones. */
    caPem: z.string().min(1).max(65_536).includes('-----BEGIN CERTIFICATE-----').optional(),
    /** A calendar's ICS address: Google's "secret address in iCal format" is itself a secret. */
    calendarUrl: z.string().min(1).max(4096).optional(),
    /** A local .ics file a calendar is read from. */
    calendarPath: z.string().min(1).max(4096).optional(),
  })
  .strict()
export type Credentials = z.infer<typeof Credentials>

/** What a person gives to add a calendar; it goes to main's vault and only a label comes back. */
export const CalendarConnect = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('ics-url'),
      url: z.string().min(1).max(4096),
      user: z.string().min(1).max(320).optional(),
      password: z.string().min(1).max(4096).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('ics-file'), path: z.string().min(1).max(4096) }).strict(),
  z
    .object({
      kind: z.literal('caldav'),
      serverUrl: z.string().min(1).max(2048),
      user: z.string().min(1).max(320),
      password: z.string().min(1).max(4096),
    })
    .strict(),
])
export type CalendarConnect = z.infer<typeof CalendarConnect>

export const CalendarProblem = z.object({
  kind: z.enum([
    'unreachable',
    'unauthorized',
    'not-found',
    'too-large',
    'too-many-events',
    'not-icalendar',
    'http',
  ]),
  message: z.string().max(1000),
})

/** Which calendar of a calendar account: the account itself for ICS, the collection URL for CalDAV. */
const CalendarRef = z
  .object({ accountId: z.string().min(1).max(128), calendarKey: z.string().min(1).max(2048) })
  .strict()

/**
 * The most items one pull may answer. A source pages a bigger backlog: it
 * answers one page with a cursor to the rest and `hasMore`, and the engine
 * asks again, so a first sync or a week away never breaks the contract.
 */
export const pullPageLimit = 500

/** An item a source sent that could not be made to fit the contract: skipped, never silently. */
export const SkippedItem = z.object({
  externalId: z.string().max(256).nullable(),
  reason: z.string().max(512),
})
export type SkippedItem = z.infer<typeof SkippedItem>

/**
 * A person's status at a source, as Lull reads, sets and restores it
 * (Slack status and Do Not Disturb, GitHub "busy"). `expiresAt` makes a
 * status Lull set end on its own, so a crash cannot leave it on.
 */
export const FocusStatus = z.object({
  message: z.string().max(100),
  emoji: z.string().max(64),
  expiresAt: z.number().int().nonnegative().nullable(),
  isDoNotDisturb: z.boolean(),
  /**
   * When the person's own Do Not Disturb snooze ends (epoch ms), read with
   * the status so it is restored as it was; absent when the source keeps
   * none or Lull sets it (then it follows `expiresAt`).
   */
  snoozeUntil: z.number().int().nonnegative().optional(),
  /** Who may see the status: only this organisation's members (GitHub); absent, everyone. */
  visibleTo: z.object({ id: z.string().max(256), name: z.string().max(256) }).optional(),
})
export type FocusStatus = z.infer<typeof FocusStatus>

/** How main's calls to a source ended, as the request ledger counts them. */
export const RequestResult = z.enum(['ok', 'not-modified', 'rate-limited', 'error'])
export type RequestResult = z.infer<typeof RequestResult>

/**
 * What the installed app does around Lull itself: open at sign-in and
 * updates. Main keeps both (they act before any window exists); the
 * Settings view shows this and sends the person's choices.
 */
export const InstallState = z.object({
  /** Whether this is the installed app; browser mode and a development run have neither feature. */
  isInstalled: z.boolean(),
  /** Why the features are not here, in words for the person (null when they are). */
  unavailableReason: z.string().max(256).nullable(),
  openAtLogin: z.object({
    /** 'unasked' until the first run asks; the first run offers 'on'. */
    state: z.enum(['on', 'off', 'unasked']),
    /** How it is done on this system ("an autostart entry in ~/.config/autostart"), for the person to find it. */
    how: z.string().max(256).nullable(),
    /** The last time turning it on or off failed, and why. */
    problem: z.string().max(512).nullable(),
  }),
  update: z.object({
    isEnabled: z.boolean(),
    /** False for a build made without a release feed: it cannot update itself. */
    hasFeed: z.boolean(),
    channel: z.string().max(64),
    currentVersion: z.string().max(64),
    lastCheckAt: z.number().int().nonnegative().nullable(),
    status: z.enum([
      'idle',
      'checking',
      'up-to-date',
      'downloading',
      'ready',
      'installing',
      'failed',
      'refused',
    ]),
    /** The version found, downloading or ready. */
    version: z.string().max(64).nullable(),
    /** What the person should know: why a restart waits, why an update was refused or failed. */
    message: z.string().max(512).nullable(),
  }),
})
export type InstallState = z.infer<typeof InstallState>

export const calls = {
  /** Which transport, platform and secret storage this host has. */
  'app:info': {
    request: Empty,
    response: z.object({
      mode: z.enum(['electron', 'browser']),
      platform: z.string(),
      vault: z.object({ backend: z.string(), isEncrypted: z.boolean(), isPersistent: z.boolean() }),
      /** The window's page crashed or hung and main reloaded it: when, and why. */
      recovery: z.object({ at: z.number().int().nonnegative(), reason: z.string().max(256) }).nullable(),
    }),
  },
  /** Verify credentials, keep the secret in main's vault, return the identity only. */
  'account:connect': {
    request: z
      .object({
        kind: AccountKind,
        label: z.string().max(256),
        credentials: Credentials,
        /**
         * Where the secret may live when the system cannot encrypt it (Linux
         * without a keyring): 'saved' is the person's explicit yes to a file
         * protected by a publicly known key, 'this-run' keeps it in memory
         * until Lull quits. Without it such a connect is refused with
         * 'needs-consent' and the reason.
         */
        secretStorage: z.enum(['saved', 'this-run']).optional(),
        /**
         * The accounts of this kind already in the store: a sign-in that
         * verifies as one of them is that account again (its id kept, so its
         * streams, cursors and items stay), never a second account.
         */
        existing: z
          .array(z.object({ id: z.string().min(1).max(128), identity: z.string().max(256) }).strict())
          .max(200)
          .optional(),
        /** "Reconnect" on this account (one of `existing`): a sign-in as anyone else is refused. */
        reconnect: z.string().min(1).max(128).optional(),
      })
      .strict(),
    response: Account,
  },
  'account:verify': {
    request: z.object({ account: AccountRef }).strict(),
    response: z.object({ identity: z.string() }),
  },
  'account:disconnect': {
    request: z.object({ account: AccountRef }).strict(),
    response: z.object({ forgotten: z.boolean() }),
  },
  'account:list-streams': {
    request: z.object({ account: AccountRef }).strict(),
    response: z.object({ streams: z.array(AccountStream) }),
  },
  /** Pull one stream of one account from a cursor. The same cursor gives the same items. */
  'source:pull': {
    request: z
      .object({
        account: AccountRef,
        stream: z.string().min(1).max(256),
        cursor: z.string().max(1024).nullable(),
      })
      .strict(),
    response: z.object({
      items: z.array(SourceItem).max(pullPageLimit),
      cursor: z.string().max(1024).nullable(),
      pollAfterMs: z.number().int().nonnegative().optional(),
      /** More is waiting behind `cursor`: pull again now. */
      hasMore: z.boolean(),
      /** Items the source sent that no fitting could save; the cursor moved past them. */
      skipped: z.array(SkippedItem).max(pullPageLimit),
      /** With a "nothing new" answer (GitHub's 304): since when (epoch ms) the source has answered only that. */
      notModifiedSince: z.number().int().nonnegative().optional(),
    }),
  },
  /** Write "done" back to the source (a GitHub thread marked done). */
  'item:done-write': {
    request: z.object({ account: AccountRef, externalId: z.string().min(1).max(256) }).strict(),
    response: z.object({ isWritten: z.boolean() }),
  },
  /** Write "read" back to the source, where the person turned that on. */
  'item:read-write': {
    request: z.object({ account: AccountRef, externalId: z.string().min(1).max(256) }).strict(),
    response: z.object({ isWritten: z.boolean() }),
  },
  /**
   * Post the reply to a DM held during deep work, as the person, in plain
   * text. `replyId` travels with the message; with `mayHaveBeenSent` (an
   * earlier try may have gone out before Lull stopped) the source looks for
   * it first and does not post twice. Answers when it was posted.
   */
  'slack:reply-post': {
    request: z
      .object({
        account: AccountRef,
        channel: z.string().min(1).max(64),
        text: z.string().min(1).max(1000),
        replyId: z.string().min(1).max(600),
        /** The earliest the reply can have been posted, epoch ms (when it was queued). */
        queuedAt: z.number().int().nonnegative(),
        mayHaveBeenSent: z.boolean(),
      })
      .strict(),
    response: z.object({
      postedAt: z.number().int().nonnegative(),
      /** Slack's id of the posted message, to take it back. */
      ts: z.string().regex(/^\d{1,12}\.\d{1,6}$/),
      isRepeat: z.boolean(),
    }),
  },
  /** Take back a reply Lull posted for the person (chat.delete of that message). */
  'slack:reply-delete': {
    request: z
      .object({
        account: AccountRef,
        channel: z.string().min(1).max(64),
        ts: z.string().regex(/^\d{1,12}\.\d{1,6}$/),
      })
      .strict(),
    response: z.object({ isDeleted: z.boolean() }),
  },
  /** Whether the account's token may post as the person (chat:write); asked when the reply is turned on. */
  'slack:reply-check': {
    request: z.object({ account: AccountRef }).strict(),
    response: z.object({ canPost: z.boolean(), note: z.string().max(600).nullable() }),
  },
  /**
   * Keep push watches open on these streams of an account (an empty list
   * closes them). Each change is a 'stream:changed' event; each watch's
   * state a 'watch:state' event. Answers whether the source can push at all.
   */
  'source:watch': {
    request: z
      .object({ account: AccountRef, streams: z.array(z.string().min(1).max(256)).max(1000) })
      .strict(),
    response: z.object({ isSupported: z.boolean() }),
  },
  /** The network came back (the window saw `online`): reopen every push watch and catch up. */
  'source:reconnect': {
    request: z.object({ reason: z.string().max(256) }).strict(),
    response: Empty,
  },
  /** Set the person's status and Do Not Disturb at one account until `until`; answers what was there before. */
  'focus:status-set': {
    request: z
      .object({
        account: AccountRef,
        until: z.number().int().nonnegative().nullable(),
        message: z.string().max(100),
      })
      .strict(),
    response: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('set'), previous: FocusStatus, set: FocusStatus }),
      z.object({ outcome: z.literal('unsupported') }),
    ]),
  },
  /** Put back what was there before, unless the person changed the status in between. */
  'focus:status-restore': {
    request: z.object({ account: AccountRef, previous: FocusStatus, set: FocusStatus }).strict(),
    response: z.object({ outcome: z.enum(['restored', 'changed-by-user', 'unsupported']) }),
  },
  /** Requests main made to each account's source since `since`, by method and result. */
  'ledger:summary': {
    request: z.object({ since: z.number().int().nonnegative() }).strict(),
    response: z.object({
      entries: z.array(
        z.object({
          accountId: z.string(),
          method: z.string(),
          result: RequestResult,
          count: z.number().int(),
        }),
      ),
    }),
  },
  'notify:show': {
    request: z
      .object({
        kind: z.enum(['check-in', 'breakthrough']),
        title: z.string().min(1).max(256),
        body: z.string().max(1024),
        target: ViewTarget,
        isSilent: z.boolean(),
      })
      .strict(),
    response: z.object({ isShown: z.boolean() }),
  },
  'tray:state-set': { request: TrayState.strict(), response: Empty },
  /**
   * A check-in is being stored, or is stored: main waits for it before it
   * restarts into an update (the delivery runs in the window's store, where
   * main cannot see it).
   */
  'checkin:state-set': { request: z.object({ isDelivering: z.boolean() }).strict(), response: Empty },
  /** Open a link in the system's handler; only http, https, mailto and slack. */
  'link:open-external': { request: z.object({ url: ExternalUrl }).strict(), response: Empty },
  /**
   * The renderer names its store (an id made when the store was created);
   * main keeps the last one it saw outside IndexedDB, so a store the browser
   * wiped is noticed and said, instead of starting over as a first run.
   */
  'store:check': {
    request: z
      .object({ storeId: z.string().min(1).max(128), createdAt: z.number().int().nonnegative() })
      .strict(),
    response: z.object({
      /** 'recorded': main knew no store yet; 'known': the same store as before; 'lost': a store main knew is gone. */
      status: z.enum(['recorded', 'known', 'lost']),
      /** With 'lost': when main last saw the store that is gone. */
      lastSeenAt: z.number().int().nonnegative().nullable(),
    }),
  },
  /** Register the global shortcut that toggles focus. */
  'shortcut:focus-set': {
    request: z.object({ accelerator: z.string().min(1).max(64) }).strict(),
    response: z.object({ isRegistered: z.boolean() }),
  },
  /** Open at sign-in and updates, as main has them now. */
  /** Add a calendar account (ICS address, local file, CalDAV): read once to check it, then its secret is kept. */
  'calendar:connect': {
    request: CalendarConnect,
    response: z.object({
      accountId: z.string().max(128),
      label: z.string().max(256),
      calendars: z.array(z.object({ key: z.string().max(2048), name: z.string().max(256) })).max(200),
    }),
  },
  /** One calendar's occurrences in a window; a problem is said, and the last good copy is still answered. */
  'calendar:read': {
    request: CalendarRef.extend({
      window: z.object({ from: z.number().int(), to: z.number().int() }).strict(),
      zone: z.string().min(1).max(64),
      personEmails: z.array(z.string().max(320)).max(20),
    }).strict(),
    response: z.object({
      status: z.enum(['updated', 'unchanged', 'failed']),
      hasCopy: z.boolean(),
      occurrences: z.array(CalendarOccurrence).max(20_000),
      notes: z.array(z.string().max(1000)).max(50),
      problem: CalendarProblem.nullable(),
    }),
  },
  'calendar:disconnect': {
    request: z.object({ accountId: z.string().min(1).max(128) }).strict(),
    response: Empty,
  },
  'install:state': { request: Empty, response: InstallState },
  /** Open Lull, hidden in the tray, when the person signs in to the computer (or not). */
  'install:open-at-login-set': { request: z.object({ isOn: z.boolean() }).strict(), response: InstallState },
  /** Turn checking for updates on or off. */
  'update:enabled-set': { request: z.object({ isEnabled: z.boolean() }).strict(), response: InstallState },
  /** Check for an update now, whenever the last check was. */
  'update:check': { request: Empty, response: InstallState },
  /** The person asks to restart into the downloaded update: done once nothing is in flight. */
  'update:restart': { request: Empty, response: InstallState },
} as const

export const TrayCommand = z.discriminatedUnion('command', [
  z.object({ command: z.literal('focus-start'), length: FocusLength }),
  z.object({ command: z.literal('focus-end') }),
  z.object({ command: z.literal('check-in-now') }),
  z.object({ command: z.literal('sync-pause-toggle') }),
  z.object({ command: z.literal('open'), target: ViewTarget }),
])
export type TrayCommand = z.infer<typeof TrayCommand>

export const events = {
  'tray:command': TrayCommand,
  'notification:clicked': z.object({ target: ViewTarget }),
  'power:changed': z.object({ event: z.enum(['suspend', 'resume', 'unlock']) }),
  'shortcut:focus-toggle': Empty,
  /** A push watch (Socket Mode, IMAP IDLE) saw a change: pull that stream now. */
  'stream:changed': z.object({ accountId: z.string().max(128), stream: z.string().max(256) }),
  /** A push watch opened, or went down (then the stream is polled until it is back). */
  'watch:state': z.object({
    accountId: z.string().max(128),
    stream: z.string().max(256),
    state: z.enum(['open', 'down']),
    reason: z.string().max(512).nullable(),
    retryAt: z.number().int().nonnegative().nullable(),
    /** Something about the open watch worth telling the person (a mail server slow to push). */
    note: z.string().max(256).nullable().optional(),
  }),
  /** Open at sign-in or the update state changed (a check ended, a download is ready). */
  'install:changed': InstallState,
} as const

export type Calls = typeof calls
export type CallName = keyof Calls
export type CallRequest<N extends CallName> = z.input<Calls[N]['request']>
export type CallResponse<N extends CallName> = z.infer<Calls[N]['response']>
export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<N extends EventName> = z.infer<Events[N]>

export const callNames = Object.keys(calls) as CallName[]
export const eventNames = Object.keys(events) as EventName[]

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name)
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name)
}

/** Kinds of failure a call can end in; each has its own remedy in the UI. */
export const HostErrorCode = z.enum([
  'unknown-call',
  'invalid-request',
  'forbidden-sender',
  'unknown-account',
  'bad-credentials',
  'source-unreachable',
  'source-junk',
  'rate-limited',
  'refused',
  'needs-consent',
  'timeout',
  'internal',
])
export type HostErrorCode = z.infer<typeof HostErrorCode>

/**
 * Every call answers with an envelope instead of a thrown error: errors do
 * not survive Electron's IPC or the context bridge with their fields intact.
 */
export const Envelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      code: HostErrorCode,
      message: z.string(),
      /** When the source said when to ask again (Retry-After): so many ms from the answer. */
      retryAfterMs: z.number().int().nonnegative().max(86_400_000).optional(),
    }),
  }),
])
export type Envelope = z.infer<typeof Envelope>

/** A failure with a message that says what happened and what to do. */
export class HostError extends Error {
  /** The source's own word on when to ask again (a 429's Retry-After), in ms from now; the engine waits exactly that. */
  readonly retryAfterMs: number | undefined
  constructor(
    readonly code: HostErrorCode,
    message: string,
    options: { retryAfterMs?: number } = {},
  ) {
    super(message)
    this.name = 'HostError'
    this.retryAfterMs =
      options.retryAfterMs === undefined
        ? undefined
        : Math.min(86_400_000, Math.max(0, Math.round(options.retryAfterMs)))
  }
}

/** Explain a zod failure in one line a person can act on. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'value'}: ${issue.message}`)
    .join('; ')
}

/**
 * What the preload puts on `window.lull` (and the browser bridge installs in
 * its place): one function per call, answering an envelope, and one
 * subscribe function per event, answering an unsubscribe function.
 */
export type LullBridge = {
  calls: { [N in CallName]: (request: unknown) => Promise<Envelope> }
  events: { [N in EventName]: (listener: (payload: unknown) => void) => () => void }
}

/** The raw transport under a bridge: Electron IPC in the app, a WebSocket in browser mode. */
export type Transport = {
  invoke(name: CallName, request: unknown): Promise<unknown>
  subscribe(name: EventName, listener: (payload: unknown) => void): () => void
}

/** Build the bridge object from a transport; one function, used by the preload and the browser bridge. */
export function createBridge(transport: Transport): LullBridge {
  const bridgeCalls = {} as LullBridge['calls']
  for (const name of callNames) {
    bridgeCalls[name] = async (request: unknown) => {
      const answer = Envelope.safeParse(await transport.invoke(name, request))
      if (answer.success) return answer.data
      return {
        ok: false,
        error: { code: 'internal', message: `The host answered ${name} with something unreadable.` },
      }
    }
  }
  const bridgeEvents = {} as LullBridge['events']
  for (const name of eventNames) {
    bridgeEvents[name] = (listener) => transport.subscribe(name, listener)
  }
  return { calls: bridgeCalls, events: bridgeEvents }
}

/** The IPC channel names used under the hood; one prefix so nothing else collides. */
export const ipcChannel = {
  call: (name: CallName) => `lull:call:${name}`,
  event: (name: EventName) => `lull:event:${name}`,
}
