// The attention engine: wakes at the next check-in, block edge, session end,
// due pull or pending notice (and at least once a minute, which also catches
// sleep and clock jumps), starts the pulls that are due, lets urgent items
// break through, and delivers every held item in one digest at each
// check-in. Every decision comes from shared/policy and is made on what the
// store says at that moment, so two windows on one store agree; only the
// window that leads runs timers and pulls. Whatever a wake runs into, it
// ends with the next wake armed. This module only orchestrates I/O.

import { liveQuery } from 'dexie'
import { z } from 'zod'
import { calendarWindow } from '../../shared/calendar/occurrence'
import type { CallRequest } from '../../shared/contract'
import { githubHostsOf } from '../../shared/conversation'
import type { Account, FocusLength, FocusSession, Settings, ViewTarget } from '../../shared/model'
import { DmReplySettings, defaultSettings } from '../../shared/model'
import {
  activeSession,
  type CalendarInterval,
  calendarIntervals,
  deepWorkAt,
  describeTray,
  dueCheckIn,
  endFocus as endFocusSession,
  explainCheckIn,
  extendFocus as extendFocusSession,
  type FocusIntent,
  nextBlockEdge,
  nextCheckIn,
  nextRawCheckIn,
  resolveTimeZone,
  settingsAt,
  startFocus as startFocusSession,
  validateSettings,
} from '../../shared/policy'
import { countedOccurrences, setCalendarCounted } from '../db/calendars'
import { deliverHeld } from '../db/checkin'
import { countConversations } from '../db/item-queries'
import { nextNoticeAt } from '../db/notices'
import {
  markAllDoneWithWriteBack,
  nextWriteAt,
  queueRead,
  undoAllDone,
  undoDone,
  undoWindowMs,
} from '../db/outbox'
import {
  countHeld,
  deleteAccount,
  getMeta,
  listRecentFocusSessions,
  loadSettings,
  putAccount,
  saveFocusSession,
  saveSettings as saveSettingsRow,
  setMeta,
} from '../db/repositories'
import { writeRequestCounts } from '../db/request-counts'
import type { LullDb } from '../db/schema'
import { indexAll } from '../db/search'
import { patchStoredSettings, settingsKey } from '../db/settings'
import { type StreamHealth, syncHealthKey } from '../db/sync-health'
import type { HostClient } from '../host/client'
import { formatClock } from '../ui/format'
import { createAccounts } from './accounts'
import { createCalendarSync } from './calendar-sync'
import type { Clock } from './clock'
import { createFocusStatus } from './focus-status'
import { createNoticeSender } from './notices'
import { createOutboxSender } from './outbox'
import { isNamedByUrgentRule, isUrgentStream, preCheckInPullMs } from './polling'
import { queueDueReplies } from './replies'
import { noteRunning } from './running-log'
import { checkStore, keyConversations, lastCheckInAt, sweepDelayMs, sweepIfDue } from './store-upkeep'
import { createStreamScheduler, type PullOutcome } from './sync'

/** The longest the engine sleeps: an idle window wakes about once a minute. */
export const heartbeatMs = 60_000
/** After a wake that failed, the next one comes this soon. */
export const retryAfterFailureMs = 10_000
/** A check-in on request waits this long for the pulls it started, then delivers what is there. */
export const checkInPullWaitMs = 10_000
/** A pull running this long is shown as slow in the accounts view. */
export const slowPullMs = 15_000
/** A check-in delivered this long after its time is a catch-up (after sleep or with the app closed). */
const lateAfterMs = 2 * 60_000

export type EngineDeps = {
  db: LullDb
  host: HostClient
  clock: Clock
  newId: () => string
  navigate: (target: ViewTarget) => void
  report: (message: string) => void
  /**
   * Resolves once this window leads (Web Locks in the app). Only the leader
   * runs timers, pulls, the tray and the host's events; another window on
   * the same store still shows everything and its intents go to the store.
   * Without it the engine leads at once.
   */
  acquireLead?: () => Promise<void>
}

export type Engine = ReturnType<typeof createEngine>

const earliest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b))

/** What one wake worked out, so the tray and the timer need not work it out again. */
type WakeView = { now: number; zone: string; nextAt: number | null; noticeAt: number | null }

export function createEngine(deps: EngineDeps) {
  const { db, host, clock } = deps
  const report = (message: string) => deps.report(message)
  const scheduler = createStreamScheduler({ db, host, onPulled: (outcome) => afterPull(outcome) })
  const notices = createNoticeSender({ db, host, report })
  const focusStatus = createFocusStatus({ db, host, report })
  const outbox = createOutboxSender({ db, host, report })
  let settings: Settings = defaultSettings
  let settingsError: string | null = null
  /** A pause set while the stored row was unreadable lives only in memory until the next save. */
  let pausedThisRun: boolean | null = null
  let sessions: FocusSession[] = []
  let calendar: CalendarInterval[] = []
  let cancelTimer: () => void = () => {}
  let unsubscribe: Array<() => void> = []
  let isRunning = false
  let isStopped = false
  let wasFocused = false
  let preparedCheckInAt: number | null = null
  let lastView: WakeView | null = null
  let lastHealth = ''
  let cancelSweep: () => void = () => {}
  /**
   * The focus change just asked for, shown at once by the views while the
   * store write and the next wake follow (policy's withFocusIntent).
   */
  let focusIntent: FocusIntent | null = null
  const focusWatchers = new Set<() => void>()
  const setFocusIntent = (intent: FocusIntent | null) => {
    focusIntent = intent
    for (const watcher of focusWatchers) watcher()
  }
  /** Clears the intent once its change is stored, unless a newer one replaced it. */
  const settleFocusIntent = (intent: FocusIntent) => {
    if (focusIntent === intent) setFocusIntent(null)
  }
  const accounts = createAccounts({
    db,
    host,
    scheduler,
    now: () => clock.now(),
    report,
    isLeading: () => isRunning,
    isUrgent: (account, stream) => isUrgentStream(account, stream, settings.urgentRules),
    isNamed: (stream) => isNamedByUrgentRule(stream, settings.urgentRules),
  })
  const refreshAccounts = async () => {
    await accounts.refresh()
    // A GitHub host added or removed can turn stored links into GitHub conversations or back.
    if (isRunning) keyStoredConversations()
  }
  /** Key stored items with their conversations behind ingest; one run at a time, again if asked meanwhile. */
  let keying: Promise<void> | null = null
  let isKeyingAsked = false
  function keyStoredConversations() {
    if (keying) {
      isKeyingAsked = true
      return
    }
    keying = inBackground(
      keyConversations(db, githubHostsOf(accounts.list), report, {
        isStopped: () => !isRunning,
      }),
    ).finally(() => {
      keying = null
      if (isKeyingAsked && isRunning) {
        isKeyingAsked = false
        keyStoredConversations()
      }
    })
  }
  // Decisions (check-ins, focus, settings) run one at a time. Pulls are not
  // in this queue: a slow source must never hold up a check-in or focus.
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(operation: () => Promise<T>): Promise<T> => {
    const next = queue.then(operation, operation)
    queue = next.catch(() => {})
    return next
  }

  const zone = () => resolveTimeZone(settings, clock.systemZone())
  const calendarSync = createCalendarSync({ db, host, now: () => clock.now(), zone })

  /** Read what decides delivery from the store: another window may have changed it. */
  async function refreshState(now: number) {
    const loaded = await loadSettings(db)
    settings = pausedThisRun === null ? loaded.settings : { ...loaded.settings, syncPaused: pausedThisRun }
    if (loaded.error && loaded.error !== settingsError) report(loaded.error)
    settingsError = loaded.error
    sessions = await listRecentFocusSessions(db, now)
    const window = calendarWindow(now)
    calendar = calendarIntervals(await countedOccurrences(db, window.from, window.to), settings.calendar)
  }

  /** Start every due pull (or all), without waiting: each reports through afterPull. */
  function startPulls(all: boolean): Promise<PullOutcome[]> {
    if (settings.syncPaused || !isRunning) return Promise.resolve([])
    // While away, only rules marked even on leave make an item urgent; the rest waits for the welcome back.
    const pulls = scheduler.pullDue(settingsAt(settings, calendar, clock.now()), () => clock.now(), { all })
    void writeHealth()
    return pulls
  }

  /**
   * Store work behind ingest (the search index, conversation keys, the
   * sweep): never in a decision's way, each catching its own failure, and
   * waited for by settled(), so nothing still reads the store once the
   * engine says it is done.
   */
  const background = new Set<Promise<unknown>>()
  function inBackground<T>(work: Promise<T>): Promise<T> {
    background.add(work)
    const forget = () => background.delete(work)
    work.then(forget, forget)
    return work
  }

  /** Fill the search index behind ingest; one run at a time, never in a decision's way. */
  let isIndexing = false
  function indexSearch() {
    if (isIndexing) return
    isIndexing = true
    // Paused between steps: the first start after an upgrade indexes the whole store.
    inBackground(
      indexAll(db, { pauseMs: 25 })
        .catch((error: Error) => report(`Search could not index new items: ${error.message}`))
        .finally(() => {
          isIndexing = false
        }),
    )
  }

  function afterPull(outcome: PullOutcome) {
    if (!isRunning) return
    if (outcome.problem) report(outcome.problem)
    // New items and edits both change what search must find.
    if (outcome.added.length > 0 || outcome.updated > 0) indexSearch()
    void writeHealth()
    // New items change the tray and may carry breakthroughs: a full wake. Otherwise re-arm only.
    if (outcome.added.length > 0) void wake()
    else if (lastView) scheduleNext(lastView)
  }

  /**
   * The accounts view reads each stream's health from the store; written
   * only when it changes. A pull under way is news only once it is slow.
   */
  async function writeHealth() {
    const now = clock.now()
    const health: StreamHealth[] = scheduler.health().map((stream) => {
      if (stream.state !== 'pulling') return stream
      const isSlow = stream.pullingSince !== null && now - stream.pullingSince >= slowPullMs
      return { ...stream, state: isSlow ? 'slow' : stream.problem ? 'failing' : 'ok' }
    })
    // The last good sync to the minute: enough for the view, and a steady stream of pulls writes once a minute.
    const text = JSON.stringify(
      health.map(({ lastOkAt, pullingSince: _since, ...rest }) => ({
        ...rest,
        minute: lastOkAt === null ? null : Math.floor(lastOkAt / 60_000),
      })),
    )
    if (text === lastHealth) return
    lastHealth = text
    await setMeta(db, syncHealthKey, health).catch(() => {})
  }

  async function deliver(reason: 'scheduled' | 'manual' | 'catch-up', at: number, isWelcomeBack = false) {
    // Main restarts into an update only when no check-in is being stored; it cannot see the store.
    const say = (isDelivering: boolean) => host.call('checkin:state-set', { isDelivering }).catch(() => {})
    await say(true)
    try {
      return await deliverHeld(db, { digestId: deps.newId(), at, reason, isWelcomeBack })
    } finally {
      await say(false)
    }
  }

  async function sendNotices(now: number, deep: ReturnType<typeof deepWorkAt>) {
    await notices.sendDue(settings, now, deep.isDeep ? (deep.until ?? 'deep') : null)
  }

  async function wakeNow(): Promise<WakeView> {
    const now = clock.now()
    await refreshState(now)
    // Stats count focus only while Lull was running: note that it is.
    await noteRunning(db, now).catch(() => {})
    startPulls(false)
    if (!settings.syncPaused) void accounts.relistStreams(now)
    const z = zone()
    if (!settings.syncPaused)
      void calendarSync.read().then((changed) => {
        if (changed) void wake()
      })
    const nextAt = nextCheckIn(settings, z, sessions, now, calendar)
    const deep = deepWorkAt(settings.deepWorkBlocks, sessions, z, now, calendar)
    // Pull everything once shortly before a check-in, so the digest is complete.
    if (nextAt !== null && nextAt - now <= preCheckInPullMs && preparedCheckInAt !== nextAt) {
      preparedCheckInAt = nextAt
      startPulls(true)
    }
    const last = await lastCheckInAt(db, now, report)
    const due = dueCheckIn(settings, z, sessions, last, now, calendar)
    // A catch-up found on waking inside deep work waits for it to end, like
    // any check-in that falls inside deep work: nothing else may interrupt it.
    if (due && !deep.isDeep) {
      // The first check-in after an absence in the calendar says welcome back.
      const isWelcomeBack = explainCheckIn(settings, z, sessions, due.at, calendar).isWelcomeBack === true
      await deliver(
        due.missed > 1 || now - due.at > lateAfterMs ? 'catch-up' : 'scheduled',
        now,
        isWelcomeBack,
      )
    }
    await sendNotices(now, deep)
    // DMs held in deep work get their reply queued before the outbox sends.
    if (deep.isDeep) {
      await queueDueReplies({
        db,
        accounts: accounts.list,
        settings,
        sessions,
        zone: z,
        now,
        calendar,
      }).catch((error: Error) =>
        report(`Lull could not decide which direct messages to answer: ${error.message}`),
      )
    }
    // Write-backs talk to the sources: never in the decision queue's way.
    void outbox.sendDue(now)
    await followFocus(now)
    await updateTray({ now, zone: z, nextAt, deep })
    await writeHealth()
    void host
      .call('ledger:summary', { since: now - 60 * 60_000 })
      .then(({ entries }) => writeRequestCounts(db, entries))
      .catch(() => {})
    const [noticeAt, writeAt] = await Promise.all([nextNoticeAt(db), nextWriteAt(db)])
    return { now, zone: z, nextAt, noticeAt: earliest(noticeAt, writeAt) }
  }

  /**
   * Restore the sources' statuses once no session runs: when one ends on its
   * own, and after a restart that found statuses still set.
   */
  async function followFocus(now: number) {
    const isFocused = activeSession(sessions, now) !== null
    if (!isFocused && (wasFocused || (await focusStatus.hasSaved()))) void focusStatus.restoreAll()
    wasFocused = isFocused
  }

  /** What the person's status says while focus is on: until when, and where to reach them. */
  function focusMessage(until: number | null): string {
    const when = until === null ? 'Deep work' : `Deep work until ${formatClock(until, zone())}`
    const urgent = settings.urgentRules.find((rule) => rule.kind === 'slack-channel')
    return urgent?.kind === 'slack-channel' ? `${when}, ${urgent.channel} for emergencies` : when
  }

  async function updateTray({
    now,
    zone,
    nextAt,
    deep,
  }: Omit<WakeView, 'noticeAt'> & { deep: ReturnType<typeof deepWorkAt> }) {
    // Conversations, as the Now view counts them: a pull request through three sources waits as one.
    const waitingCount = await countConversations(db, 'held', await countHeld(db))
    const isCheckInDue =
      waitingCount > 0 && (settings.checkIns.length === 0 || (nextAt !== null && nextAt - now <= 5 * 60_000))
    const state = describeTray({
      isFocused: deep.isDeep,
      focusUntil: deep.until,
      waitingCount,
      nextCheckIn: nextAt,
      isCheckInDue,
      isSyncPaused: settings.syncPaused,
      zone,
      now,
    })
    await host.call('tray:state-set', state).catch((error: Error) => report(error.message))
  }

  /** Arm the next wake; after a failed wake (no view) come back soon to try again. */
  function scheduleNext(view: WakeView | null) {
    cancelTimer()
    if (!isRunning) return
    const now = clock.now()
    let delay = retryAfterFailureMs
    if (view) {
      const active = activeSession(sessions, now)
      const candidates = [
        view.nextAt,
        nextBlockEdge(settings.deepWorkBlocks, view.zone, now),
        active?.endsAt ?? null,
        settings.syncPaused ? null : scheduler.nextDueAt(),
        view.noticeAt,
        // On the minute, when the views' clock ticks too: an idle window wakes once a minute, not twice.
        Math.floor(now / heartbeatMs) * heartbeatMs + heartbeatMs,
      ].filter((at): at is number => at !== null)
      delay = Math.min(heartbeatMs, Math.max(100, Math.min(...candidates) - now))
    }
    cancelTimer = clock.setTimer(() => void wake(), delay)
  }

  function wake(): Promise<void> {
    if (!isRunning) return Promise.resolve()
    return serial(async () => {
      let view: WakeView | null = null
      try {
        view = await wakeNow()
        lastView = view
      } catch (error) {
        report(`Lull hit a problem and will retry: ${(error as Error).message}`)
      } finally {
        scheduleNext(view)
      }
    })
  }

  async function registerShortcut() {
    try {
      await host.call('shortcut:focus-set', { accelerator: settings.focusShortcut })
    } catch (error) {
      report(`The focus shortcut ${settings.focusShortcut} could not be set: ${(error as Error).message}`)
    }
  }

  /** Another window may start or end focus, or save settings: the leader follows at once. */
  function watchSharedState(): () => void {
    let isFirst = true
    const subscription = liveQuery(() =>
      Promise.all([
        db.focusSessions.count(),
        db.focusSessions.toCollection().last(),
        db.settings.get(settingsKey),
      ]),
    ).subscribe({
      next: () => {
        if (isFirst) isFirst = false
        else void wake()
      },
      error: () => {},
    })
    return () => subscription.unsubscribe()
  }

  async function beginFocus(length: FocusLength, id: string) {
    const now = clock.now()
    await refreshState(now)
    const running = activeSession(sessions, now)
    if (running) await saveFocusSession(db, endFocusSession(running, now))
    const session = startFocusSession(length, now, nextRawCheckIn(settings.checkIns, zone(), now), id)
    await saveFocusSession(db, session)
    sessions = await listRecentFocusSessions(db, now)
    void focusStatus.apply(accounts.list, session.endsAt, focusMessage(session.endsAt))
    wasFocused = true
    return session
  }

  async function finishFocus() {
    const now = clock.now()
    await refreshState(now)
    const running = activeSession(sessions, now)
    if (!running) return
    await saveFocusSession(db, endFocusSession(running, now))
    sessions = await listRecentFocusSessions(db, now)
  }

  /** Wait for `work`, but no longer than `ms` on the engine's clock. */
  function waitAtMost(work: Promise<unknown>, ms: number): Promise<void> {
    return new Promise((done) => {
      const cancel = clock.setTimer(done, ms)
      void work.finally(() => {
        cancel()
        done()
      })
    })
  }

  const engine = {
    async start() {
      const now = clock.now()
      await refreshState(now)
      wasFocused = activeSession(sessions, now) !== null
      await deps.acquireLead?.()
      if (isStopped) return
      isRunning = true
      await checkStore({ db, host, newId: deps.newId, report }, clock.now())
      await refreshAccounts()
      // Items stored before search existed, or by a window that closed mid-way, are indexed now.
      indexSearch()
      const isSampleDismissed = await getMeta(db, 'sampleDismissed', z.boolean(), false)
      if (accounts.list.length === 0 && !isSampleDismissed) {
        await accounts
          .connectSample()
          .catch((error: Error) => report(`The sample workspace could not start: ${error.message}`))
        await refreshAccounts()
      }
      unsubscribe = [
        host.on('tray:command', (command) => {
          if (command.command === 'focus-start') void engine.startFocus(command.length)
          else if (command.command === 'focus-end') void engine.endFocus()
          else if (command.command === 'check-in-now') void engine.checkInNow()
          else if (command.command === 'sync-pause-toggle') void engine.toggleSyncPaused()
          else deps.navigate(command.target)
        }),
        host.on('notification:clicked', ({ target }) => deps.navigate(target)),
        host.on('power:changed', () => void wake()),
        host.on('shortcut:focus-toggle', () => void engine.toggleFocus()),
        host.on('stream:changed', ({ accountId, stream }) => {
          if (scheduler.markChanged(accountId, stream, clock.now())) void startPulls(false)
        }),
        host.on('watch:state', ({ accountId, stream, state, note }) => {
          scheduler.setWatched(accountId, stream, state === 'open', clock.now())
          // A note holds while its watch is open; a watch that went down says nothing more.
          if (state === 'down' || note !== undefined) scheduler.setWatchNote(accountId, stream, note ?? null)
          void startPulls(false)
          void writeHealth()
        }),
        watchSharedState(),
      ]
      await registerShortcut()
      await wake()
      // On a minute, when the views' clock and the heartbeat wake anyway: the sweep adds no wake of its own.
      const sweepAt = Math.ceil((clock.now() + sweepDelayMs) / heartbeatMs) * heartbeatMs
      cancelSweep = clock.setTimer(
        () => void inBackground(sweepIfDue(db, () => clock.now(), report)),
        sweepAt - clock.now(),
      )
    },

    stop() {
      cancelSweep()
      isStopped = true
      isRunning = false
      cancelTimer()
      for (const off of unsubscribe) off()
      unsubscribe = []
    },

    /** Run the engine's checks now (after resume, unlock, or a clock change). */
    wake,

    /**
     * Resolves once the pulls under way and the work they set off are done:
     * for "check in now" style waits, and for tests that move the clock.
     */
    async settled(): Promise<void> {
      for (let round = 0; round < 20; round++) {
        const pending = queue
        // The queued work first: a wake starts pulls it does not wait for, and those count too.
        await pending
        await scheduler.whenIdle()
        await outbox.whenIdle()
        // A status put back when focus ends is written to the store too: wait for it.
        await focusStatus.whenIdle()
        if (pending === queue && !scheduler.isBusy()) break
      }
      await Promise.allSettled([...background])
    },

    /** Whether this window runs the engine (it leads) or only shows the store. */
    get isLeading() {
      return isRunning
    },

    /** The focus change asked for and not yet stored, if any: views apply it at once. */
    get focusIntent(): FocusIntent | null {
      return focusIntent
    },

    /** Calls `watcher` whenever the focus intent changes; answers a function that stops it. */
    watchFocusIntent(watcher: () => void): () => void {
      focusWatchers.add(watcher)
      return () => focusWatchers.delete(watcher)
    },

    startFocus: (length: FocusLength) => {
      const now = clock.now()
      const id = deps.newId()
      const intent: FocusIntent = {
        kind: 'start',
        session: startFocusSession(length, now, nextRawCheckIn(settings.checkIns, zone(), now), id),
      }
      setFocusIntent(intent)
      return serial(() => beginFocus(length, id))
        .then(async (session) => {
          await wake()
          return session
        })
        .finally(() => settleFocusIntent(intent))
    },

    endFocus: () => {
      const intent: FocusIntent = { kind: 'end', at: clock.now() }
      setFocusIntent(intent)
      return serial(async () => {
        await finishFocus()
        void focusStatus.restoreAll()
        wasFocused = false
      })
        .then(wake)
        .finally(() => settleFocusIntent(intent))
    },

    extendFocus: (minutes: number) =>
      serial(async () => {
        const now = clock.now()
        await refreshState(now)
        const running = activeSession(sessions, now)
        if (!running) return
        await saveFocusSession(db, extendFocusSession(running, minutes, now))
        sessions = await listRecentFocusSessions(db, now)
      }).then(wake),

    toggleFocus: () =>
      activeSession(sessions, clock.now())
        ? engine.endFocus()
        : engine.startFocus({ kind: 'minutes', minutes: 50 }),

    /** Add a calendar (ICS address, file, CalDAV); the host's error is thrown to the form. */
    connectCalendar: (request: CallRequest<'calendar:connect'>) =>
      calendarSync.connect(request).finally(() => void wake()),
    /** Read every calendar now, not at its next turn. */
    readCalendarsNow: () => calendarSync.read(true).finally(() => void wake()),
    setCalendarCounted: (id: string, isCounted: boolean) =>
      setCalendarCounted(db, id, isCounted).finally(() => void wake()),
    removeCalendarAccount: (accountId: string) => calendarSync.remove(accountId).finally(() => void wake()),

    /**
     * Pull everything (waiting a little for it, never for a stuck stream),
     * then deliver every held item in one digest and open it.
     */
    checkInNow: async () => {
      await waitAtMost(startPulls(true), checkInPullWaitMs)
      return serial(async () => {
        const now = clock.now()
        await refreshState(now)
        const digest = await deliver('manual', now)
        if (digest) deps.navigate({ view: 'digest', digestId: digest.id })
        return digest
      }).finally(() => void wake())
    },

    /** Validate and save the whole settings object, or nothing. */
    saveSettings: (input: unknown) =>
      serial(async () => {
        const result = validateSettings(input)
        if (!result.ok) return result
        const shortcutChanged = result.settings.focusShortcut !== settings.focusShortcut
        const rulesChanged =
          JSON.stringify(result.settings.urgentRules) !== JSON.stringify(settings.urgentRules)
        await saveSettingsRow(db, result.settings)
        settings = result.settings
        // Other rules can make other streams urgent: watch those.
        if (rulesChanged) await refreshAccounts()
        settingsError = null
        pausedThisRun = null
        if (shortcutChanged) await registerShortcut()
        return result
      }).finally(() => void wake()),

    /** Pause or resume syncing: only that field of the stored row changes. */
    toggleSyncPaused: () =>
      serial(async () => {
        await refreshState(clock.now())
        const syncPaused = !settings.syncPaused
        const isStored = await patchStoredSettings(db, { syncPaused })
        pausedThisRun = isStored ? null : syncPaused
        if (!isStored) {
          report(
            'Your saved settings cannot be read, so the pause lasts until Lull restarts or you save settings.',
          )
        }
        settings = { ...settings, syncPaused }
      }).then(wake),

    /** Turn the sample workspace on or off; off removes its sample items too. */
    setSampleEnabled: (isEnabled: boolean) =>
      serial(async () => {
        if (isEnabled) {
          await setMeta(db, 'sampleDismissed', false)
          await accounts.connectSample()
        } else {
          await setMeta(db, 'sampleDismissed', true)
          await accounts.removeSample()
        }
        await refreshAccounts()
      }).then(wake),

    /** Connect a Slack, GitHub or email account; the host's error (wrong token, consent needed) is thrown to the form. */
    connectAccount: (request: CallRequest<'account:connect'>) =>
      serial(async () => {
        const { account, isReconnected } = await accounts.connect(request)
        await refreshAccounts()
        // A revoked account's streams wait for the person: a new sign-in is that word.
        if (isReconnected) {
          for (const stream of account.streams) scheduler.markChanged(account.id, stream.id, clock.now())
        }
        return account
      }).finally(wake),

    /** Change one account's own fields (label, pause, focus-status switch); pause and resume re-plan its streams. */
    updateAccount: (
      id: string,
      change: Partial<
        Pick<
          Account,
          | 'label'
          | 'isPaused'
          | 'isFocusStatusOn'
          | 'isReadWriteBackOn'
          | 'doneWriteBack'
          | 'streams'
          | 'dmReply'
        >
      >,
    ) =>
      serial(async () => {
        const account = await db.accounts.get(id)
        if (!account) return
        await putAccount(db, { ...account, ...change })
        await refreshAccounts()
      }).then(wake),

    /**
     * Save a Slack account's reply to DMs held in deep work. Turning it on
     * asks Slack first whether the token may post as the person: without
     * chat:write it stays off and the note says what to do.
     */
    setDmReply: (id: string, input: unknown) =>
      serial(async (): Promise<{ ok: true } | { ok: false; note: string }> => {
        const parsed = DmReplySettings.safeParse(input)
        if (!parsed.success)
          return { ok: false, note: parsed.error.issues[0]?.message ?? 'That reply cannot be saved.' }
        const account = await db.accounts.get(id)
        if (account?.kind !== 'slack')
          return { ok: false, note: 'Only a Slack account can answer direct messages.' }
        const wasOn = account.dmReply?.isOn === true
        if (parsed.data.isOn && !wasOn) {
          const check = await host
            .call('slack:reply-check', { account: { id, kind: 'slack' } })
            .catch((error: Error) => ({ canPost: false, note: error.message }))
          if (!check.canPost) return { ok: false, note: check.note ?? 'Slack does not let Lull post as you.' }
        }
        const dmReply = parsed.data.isOn && !wasOn ? { ...parsed.data, onSince: clock.now() } : parsed.data
        await putAccount(db, { ...account, dmReply })
        await refreshAccounts()
        return { ok: true }
      }).finally(() => void wake()),

    /**
     * Take back a reply Lull sent for the person: the message is deleted from
     * the DM. The colleague may have read it already; Lull does not answer
     * them again in that stretch of deep work.
     */
    takeBackReply: async (itemId: string): Promise<{ ok: true } | { ok: false; note: string }> => {
      const reply = await db.replies.get(itemId)
      if (reply?.state !== 'sent' || !reply.ts)
        return { ok: false, note: 'There is no sent reply to take back.' }
      try {
        await host.call('slack:reply-delete', {
          account: { id: reply.accountId, kind: 'slack' },
          channel: reply.channel,
          ts: reply.ts,
        })
      } catch (error) {
        const note = `Lull could not take the reply back: ${(error as Error).message}`
        report(note)
        return { ok: false, note }
      }
      await db.replies.update(itemId, { state: 'taken-back' })
      return { ok: true }
    },

    /**
     * Remove an account: its watches close, main forgets its secret, and its
     * streams, cursors and items (held and delivered) go in one transaction.
     */
    removeAccount: (id: string) =>
      serial(async () => {
        const account = accounts.find(id)
        if (!account) return
        const ref = { id: account.id, kind: account.kind }
        await host.call('source:watch', { account: ref, streams: [] }).catch(() => {})
        await host
          .call('account:disconnect', { account: ref })
          .catch((error: Error) =>
            report(`Lull could not forget the sign-in for ${account.label}: ${error.message}`),
          )
        await deleteAccount(db, id, { withItems: true })
        await refreshAccounts()
      }).then(wake),

    /**
     * Mark an item done here and, through the outbox, at its source. The
     * write survives a restart and is retried; undo before it is sent
     * cancels it.
     */
    markDone: async (itemId: string) => (await engine.markAllDone([itemId])).includes(itemId),

    /**
     * Mark items done in one step; answers the ids marked. Their writes wait
     * out the undo window, so the wake timer is armed for when they fall due.
     */
    markAllDone: async (itemIds: readonly string[]) => {
      const kindOf = (accountId: string) => accounts.find(accountId)?.kind ?? 'sample'
      const marked = await markAllDoneWithWriteBack(db, itemIds, kindOf, clock.now())
      if (marked.length > 0 && isRunning && lastView) {
        const writeAt = clock.now() + undoWindowMs
        scheduleNext({ ...lastView, noticeAt: earliest(lastView.noticeAt, writeAt) })
      }
      return marked
    },

    /** Take "done" back: the item returns, and an unsent write is cancelled. */
    undoDone: async (itemId: string) => {
      const outcome = await undoDone(db, itemId)
      if (outcome === 'too-late') {
        report(
          'That item was already marked done at its source; it is back in Lull, but mark it unread there by hand.',
        )
      }
      return outcome
    },

    /** Take "done" back for several items in one step. */
    undoAllDone: async (itemIds: readonly string[]) => {
      const outcome = await undoAllDone(db, itemIds)
      if (outcome.tooLate.length > 0) {
        report(
          outcome.tooLate.length === 1
            ? 'That item was already marked done at its source; it is back in Lull, but mark it unread there by hand.'
            : `${outcome.tooLate.length} items were already marked done at their sources; they are back in Lull, but mark them unread there by hand.`,
        )
      }
      return outcome
    },

    /** The person opened an item: write "read" back where that account's switch is on. */
    markRead: async (itemId: string) => {
      const item = await db.items.get(itemId)
      const account = item ? accounts.find(item.accountId) : undefined
      if (!item || !account?.isReadWriteBackOn) return
      await queueRead(db, item, account.kind, clock.now())
      if (isRunning) void outbox.sendDue(clock.now())
    },

    /** Pull every stream of one account (or of all) now. */
    syncNow: (accountId?: string) => {
      const now = clock.now()
      void accounts.relistStreams(now, { force: true })
      for (const account of accounts.list) {
        if (accountId !== undefined && account.id !== accountId) continue
        for (const stream of account.streams) scheduler.markChanged(account.id, stream.id, now)
      }
      return startPulls(false)
    },

    get settings() {
      return settings
    },
  }
  return engine
}
