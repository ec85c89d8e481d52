// The attention engine: wakes at the next check-in, block edge, session end
// or due pull (and at least every 30 s, which also catches sleep and clock
// jumps), pulls what is due, lets urgent items break through, and delivers
// every held item in one digest at each check-in. Every decision comes from
// shared/policy; this module only orchestrates I/O around it.
import { z } from 'zod'
import type { CallRequest } from '../../shared/contract'
import type { Account, FocusLength, FocusSession, InboxItem, Settings, ViewTarget } from '../../shared/model'
import { defaultSettings } from '../../shared/model'
import {
  activeSession,
  deepWorkAt,
  describeCheckIn,
  describeTray,
  dueCheckIn,
  endFocus as endFocusSession,
  extendFocus as extendFocusSession,
  nextBlockEdge,
  nextCheckIn,
  nextRawCheckIn,
  planBreakthroughNotices,
  resolveTimeZone,
  startFocus as startFocusSession,
  validateSettings,
} from '../../shared/policy'
import { deliverHeld, lastCheckInAtKey } from '../db/checkin'
import {
  countHeld,
  deleteAccount,
  getMeta,
  listAccounts,
  listRecentFocusSessions,
  loadSettings,
  putAccount,
  saveFocusSession,
  saveSettings as saveSettingsRow,
  setMeta,
} from '../db/repositories'
import type { LullDb } from '../db/schema'
import type { HostClient } from '../host/client'
import type { Clock } from './clock'
import { preCheckInPullMs } from './polling'
import { createStreamScheduler, type PullOutcome } from './sync'

export const heartbeatMs = 30_000
/** A check-in delivered this long after its time is a catch-up (after sleep or with the app closed). */
const lateAfterMs = 2 * 60_000
export const sampleAccountId = 'sample'

export type EngineDeps = {
  db: LullDb
  host: HostClient
  clock: Clock
  newId: () => string
  navigate: (target: ViewTarget) => void
  report: (message: string) => void
}

export type Engine = ReturnType<typeof createEngine>

const LastNotified = z.record(z.string(), z.number())

export function createEngine(deps: EngineDeps) {
  const { db, host, clock } = deps
  const scheduler = createStreamScheduler({ db, host })
  let settings: Settings = defaultSettings
  let sessions: FocusSession[] = []
  let accounts: Account[] = []
  let cancelTimer: () => void = () => {}
  let unsubscribe: Array<() => void> = []
  let isRunning = false
  let wasFocused = false
  let preparedCheckInAt: number | null = null
  // One operation at a time: a pull, a check-in and a focus change never interleave.
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(operation: () => Promise<T>): Promise<T> => {
    const next = queue.then(operation, operation)
    queue = next.catch(() => {})
    return next
  }

  const zone = () => resolveTimeZone(settings, clock.systemZone())
  const report = (message: string) => deps.report(message)

  async function lastCheckInAt(now: number): Promise<number> {
    const stored = await getMeta(db, lastCheckInAtKey, z.number(), null)
    // A clock that jumped back, or a first run: count from now.
    if (stored === null || stored > now) {
      await setMeta(db, lastCheckInAtKey, now)
      return now
    }
    return stored
  }

  async function handlePulls(outcomes: PullOutcome[]) {
    const added: InboxItem[] = []
    for (const outcome of outcomes) {
      if (outcome.problem) report(outcome.problem)
      added.push(...outcome.added)
    }
    const urgent = added.flatMap((item) => {
      const rule = settings.urgentRules.find((candidate) => candidate.id === item.urgentRuleId)
      return item.status === 'delivered' && rule ? [{ item, rule }] : []
    })
    if (urgent.length === 0) return
    const now = clock.now()
    const previous = await getMeta(db, 'breakthroughLastNotified', LastNotified, {})
    const plan = planBreakthroughNotices(urgent, previous, now, settings.breakthroughCooldownMinutes * 60_000)
    await setMeta(db, 'breakthroughLastNotified', plan.lastNotifiedAt)
    for (const notice of plan.notices) {
      await notify({
        kind: 'breakthrough',
        title: notice.title,
        body: notice.body,
        target: notice.target,
        isSilent: false,
      })
    }
  }

  async function notify(request: CallRequest<'notify:show'>) {
    try {
      await host.call('notify:show', request)
    } catch (error) {
      report(`A notification could not be shown: ${(error as Error).message}`)
    }
  }

  async function deliver(reason: 'scheduled' | 'manual' | 'catch-up', at: number) {
    const digest = await deliverHeld(db, { digestId: deps.newId(), at, reason })
    if (digest && reason !== 'manual') {
      const { title, body } = describeCheckIn(digest.counts)
      await notify({
        kind: 'check-in',
        title,
        body,
        target: { view: 'digest', digestId: digest.id },
        isSilent: true,
      })
    }
    return digest
  }

  async function pullDue(all: boolean) {
    if (settings.syncPaused) return
    await handlePulls(await scheduler.pullDue(settings, () => clock.now(), { all }))
  }

  async function wakeNow() {
    if (!isRunning) return
    await pullDue(false)
    const now = clock.now()
    const z = zone()
    const nextAt = nextCheckIn(settings, z, sessions, now)
    const deep = deepWorkAt(settings.deepWorkBlocks, sessions, z, now)
    // Pull everything once shortly before a check-in, so the digest is complete.
    if (nextAt !== null && nextAt - now <= preCheckInPullMs && preparedCheckInAt !== nextAt) {
      preparedCheckInAt = nextAt
      await pullDue(true)
    }
    const last = await lastCheckInAt(now)
    const due = dueCheckIn(settings, z, sessions, last, now)
    // A catch-up found on waking inside deep work waits for it to end, like
    // any check-in that falls inside deep work: nothing else may interrupt it.
    if (due && !deep.isDeep) {
      await deliver(due.missed > 1 || now - due.at > lateAfterMs ? 'catch-up' : 'scheduled', now)
    }
    await followFocus(now)
    await updateTray({ now, zone: z, nextAt, deep })
    scheduleNext({ now, zone: z, nextAt })
  }

  /** Restore the sources' statuses when a session ends on its own. */
  async function followFocus(now: number) {
    const isFocused = activeSession(sessions, now) !== null
    if (wasFocused && !isFocused) await host.call('focus:status-clear', {}).catch(() => {})
    wasFocused = isFocused
  }

  /** What one wake worked out, so the tray and the timer need not work it out again. */
  type WakeView = { now: number; zone: string; nextAt: number | null }

  async function updateTray({ now, zone, nextAt, deep }: WakeView & { deep: ReturnType<typeof deepWorkAt> }) {
    const waitingCount = await countHeld(db)
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

  function scheduleNext({ now, zone, nextAt }: WakeView) {
    cancelTimer()
    const active = activeSession(sessions, now)
    const candidates = [
      nextAt,
      nextBlockEdge(settings.deepWorkBlocks, zone, now),
      active?.endsAt ?? null,
      settings.syncPaused ? null : scheduler.nextDueAt(),
      now + heartbeatMs,
    ].filter((at): at is number => at !== null)
    const delay = Math.min(heartbeatMs, Math.max(100, Math.min(...candidates) - now))
    cancelTimer = clock.setTimer(() => void wake(), delay)
  }

  function wake(): Promise<void> {
    return serial(wakeNow).catch((error: Error) =>
      report(`Lull hit a problem and will retry: ${error.message}`),
    )
  }

  async function refreshAccounts() {
    accounts = await listAccounts(db)
    // The sample workspace is for a first look: it steps aside once a real account is connected.
    const hasRealAccount = accounts.some((account) => account.kind !== 'sample')
    if (hasRealAccount && accounts.some((account) => account.id === sampleAccountId)) {
      await removeSample()
      accounts = await listAccounts(db)
    }
    scheduler.setAccounts(accounts, clock.now())
  }

  async function removeSample() {
    await host
      .call('account:disconnect', { account: { id: sampleAccountId, kind: 'sample' } })
      .catch(() => {})
    await deleteAccount(db, sampleAccountId, { withItems: true })
  }

  async function connectSample() {
    const account = await host.call('account:connect', {
      kind: 'sample',
      label: 'Sample workspace',
      credentials: {},
    })
    await putAccount(db, account)
  }

  async function registerShortcut() {
    try {
      await host.call('shortcut:focus-set', { accelerator: settings.focusShortcut })
    } catch (error) {
      report(`The focus shortcut ${settings.focusShortcut} could not be set: ${(error as Error).message}`)
    }
  }

  async function beginFocus(length: FocusLength) {
    const now = clock.now()
    const running = activeSession(sessions, now)
    if (running) await saveFocusSession(db, endFocusSession(running, now))
    const session = startFocusSession(
      length,
      now,
      nextRawCheckIn(settings.checkIns, zone(), now),
      deps.newId(),
    )
    await saveFocusSession(db, session)
    sessions = await listRecentFocusSessions(db, now)
    await host
      .call('focus:status-set', { until: session.endsAt, message: 'Focusing with Lull' })
      .catch(() => {})
    wasFocused = true
    return session
  }

  async function finishFocus() {
    const now = clock.now()
    const running = activeSession(sessions, now)
    if (!running) return
    await saveFocusSession(db, endFocusSession(running, now))
    sessions = await listRecentFocusSessions(db, now)
  }

  const engine = {
    async start() {
      const loaded = await loadSettings(db)
      settings = loaded.settings
      if (loaded.error) report(loaded.error)
      const now = clock.now()
      sessions = await listRecentFocusSessions(db, now)
      wasFocused = activeSession(sessions, now) !== null
      await refreshAccounts()
      const isSampleDismissed = await getMeta(db, 'sampleDismissed', z.boolean(), false)
      if (accounts.length === 0 && !isSampleDismissed) {
        await connectSample().catch((error: Error) =>
          report(`The sample workspace could not start: ${error.message}`),
        )
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
        host.on('mail:new', () => void serial(() => pullDue(true))),
      ]
      await registerShortcut()
      isRunning = true
      await wake()
    },

    stop() {
      isRunning = false
      cancelTimer()
      for (const off of unsubscribe) off()
      unsubscribe = []
    },

    /** Run the engine's checks now (after resume, unlock, or a clock change). */
    wake,

    startFocus: (length: FocusLength) =>
      serial(() => beginFocus(length)).then(async (session) => {
        await wake()
        return session
      }),

    endFocus: () =>
      serial(async () => {
        await finishFocus()
        await host.call('focus:status-clear', {}).catch(() => {})
        wasFocused = false
      }).then(wake),

    extendFocus: (minutes: number) =>
      serial(async () => {
        const now = clock.now()
        const running = activeSession(sessions, now)
        if (!running) return
        await saveFocusSession(db, extendFocusSession(running, minutes, now))
        sessions = await listRecentFocusSessions(db, now)
      }).then(wake),

    toggleFocus: () =>
      activeSession(sessions, clock.now())
        ? engine.endFocus()
        : engine.startFocus({ kind: 'minutes', minutes: 50 }),

    /** Pull everything, then deliver every held item in one digest and open it. */
    checkInNow: () =>
      serial(async () => {
        await pullDue(true)
        const digest = await deliver('manual', clock.now())
        if (digest) deps.navigate({ view: 'digest', digestId: digest.id })
        return digest
      }).finally(() => void wake()),

    /** Validate and save the whole settings object, or nothing. */
    saveSettings: (input: unknown) =>
      serial(async () => {
        const result = validateSettings(input)
        if (!result.ok) return result
        const shortcutChanged = result.settings.focusShortcut !== settings.focusShortcut
        await saveSettingsRow(db, result.settings)
        settings = result.settings
        if (shortcutChanged) await registerShortcut()
        return result
      }).finally(() => void wake()),

    toggleSyncPaused: () =>
      serial(async () => {
        settings = { ...settings, syncPaused: !settings.syncPaused }
        await saveSettingsRow(db, settings)
      }).then(wake),

    /** Turn the sample workspace on or off; off removes its sample items too. */
    setSampleEnabled: (isEnabled: boolean) =>
      serial(async () => {
        if (isEnabled) {
          await setMeta(db, 'sampleDismissed', false)
          await connectSample()
        } else {
          await setMeta(db, 'sampleDismissed', true)
          await removeSample()
        }
        await refreshAccounts()
      }).then(wake),

    get settings() {
      return settings
    },
  }
  return engine
}
