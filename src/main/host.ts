// The contract's implementation on the main side. No Electron import here:
// the shell injects the OS adapters and the vault, browser mode injects
// stand-ins, and tests call it directly.
import { randomUUID } from 'node:crypto'
import { HostError, pullPageLimit } from '../shared/contract'
import { cleanName } from '../shared/display-text'
import { fitPull } from '../shared/fit-item'
import type { AccountKind } from '../shared/model'
import { accountIdFor } from './account-identity'
import { fetchAvatar } from './avatar'
import { createCalendarHandlers } from './calendars/calendar-host'
import type { HostHandlers } from './dispatch'
import type { Emit } from './events'
import { type InstallPort, unavailableInstall } from './install/service'
import type { Log } from './log'
import { createSourceContext, type Fetch } from './net'
import type { OsPorts } from './os/ports'
import { canSetFocusStatus, restoreFocusStatus, setFocusStatus } from './sources/focus-status'
import { createLedger, type Ledger } from './sources/ledger'
import type { AccountRef, Source, SourceFactory } from './sources/source'
import { createWatchManager, systemTimer, type WatchManager } from './sources/watches'
import { checkStore, createMemoryStoreMarker, type StoreMarker } from './store-marker'
import type { Credentials, Vault } from './vault'

export type HostDeps = {
  mode: 'electron' | 'browser'
  platform: string
  vault: Vault
  sources: Partial<Record<AccountKind, SourceFactory>>
  os: OsPorts
  log: Log
  newId?: () => string
  /** Where main notes which inbox store the renderer had; in memory unless the shell gives a file. */
  storeMarker?: StoreMarker
  /** The last time the shell had to reload a crashed or hung window. */
  lastRecovery?: () => { at: number; reason: string } | null
  now?: () => number
  /**
   * How sources reach the network: Electron's net.fetch in the app (system
   * proxy and certificates), Node's fetch in browser mode and tests.
   */
  baseFetch?: Fetch
  /** Every request to a source, counted; one per host unless the shell shares its own. */
  ledger?: Ledger
  /** Push watches; the shell keeps its own to reopen them on resume and unlock. */
  watches?: WatchManager
  /** Sends main-to-renderer events (the watch manager's), when the host makes its own watch manager. */
  emit?: Emit
  /** Open at sign-in and updates; only the installed app has them. */
  install?: InstallPort
  /** The running version, shown beside the update state. */
  appVersion?: string
}

/** What browser mode and a development run say in Settings instead of open at sign-in and updates. */
export function installUnavailableReason(mode: 'electron' | 'browser'): string {
  return mode === 'browser'
    ? 'Open at sign-in and updates come with the installed app; browser mode has neither.'
    : 'Open at sign-in and updates come with the installed app; a development run has neither.'
}

export function createHost(deps: HostDeps): HostHandlers {
  const { vault, log, os } = deps
  const newId = deps.newId ?? randomUUID
  const now = deps.now ?? Date.now
  const storeMarker = deps.storeMarker ?? createMemoryStoreMarker()
  const ledger = deps.ledger ?? createLedger({ now })
  const baseFetch = deps.baseFetch ?? globalThis.fetch
  const install =
    deps.install ?? unavailableInstall(installUnavailableReason(deps.mode), deps.appVersion ?? 'development')
  const watches =
    deps.watches ??
    createWatchManager({
      emit: deps.emit ?? (() => {}),
      log,
      now,
      setTimer: systemTimer,
      random: Math.random,
    })
  /** One source per account while it is connected, so a client's own state (rate limits, sockets) lasts. */
  const sources = new Map<string, Source>()
  const contextFor = (accountId: string) => createSourceContext({ baseFetch, ledger, accountId })

  async function sourceFor(account: AccountRef): Promise<Source> {
    const factory = deps.sources[account.kind]
    if (!factory) {
      throw new HostError(
        'unknown-account',
        `Lull cannot reach ${account.kind} accounts yet. Remove the account or update Lull.`,
      )
    }
    const credentials = account.kind === 'sample' ? null : await vault.get(account.id)
    if (account.kind !== 'sample' && !credentials) {
      throw new HostError(
        'unknown-account',
        `No saved sign-in for account ${account.id}. Connect the account again.`,
      )
    }
    const known = sources.get(account.id)
    if (known) return known
    const source = factory(account, credentials, contextFor(account.id))
    sources.set(account.id, source)
    return source
  }

  /** A source let go: what it keeps open between calls (an email connection) is closed. */
  function release(source: Source | undefined) {
    source?.close?.().catch((error: unknown) => {
      log.warn(
        'accounts',
        `a connection could not be closed: ${error instanceof Error ? error.message : String(error)}`,
      )
    })
  }

  /** Swap in the source for an account (a new sign-in), letting the old one go. */
  function keep(accountId: string, source: Source) {
    const before = sources.get(accountId)
    sources.set(accountId, source)
    if (before !== source) release(before)
  }

  function forget(accountId: string) {
    release(sources.get(accountId))
    sources.delete(accountId)
    watches.closeAccount(accountId)
    ledger.forget(accountId)
  }

  /** Verify a sign-in and read what the account offers; the source is released if anything fails. */
  async function signIn(input: {
    kind: AccountKind
    credentials: Credentials | null
    existing: Array<{ id: string; identity: string }>
    reconnect: string | undefined
  }) {
    const { kind, credentials } = input
    const factory = deps.sources[kind]
    if (!factory) throw new HostError('unknown-account', `Lull cannot connect ${kind} accounts yet.`)
    // Verified under a name of its own first: the id is known only once the identity is.
    const trialId = kind === 'sample' ? 'sample' : `${kind}-${newId()}`
    let source = factory({ id: trialId, kind }, credentials, contextFor(trialId))
    try {
      const verified = await source.verify()
      // A name with bidi controls or zero-width characters can pass for another.
      const identity = cleanName(verified.identity)
      const id =
        kind === 'sample'
          ? 'sample'
          : accountIdFor({
              identity,
              existing: input.existing,
              reconnect: input.reconnect,
              mint: () => trialId,
            })
      const isAgain = id !== trialId
      if (isAgain) {
        // The same account signing in again: made anew under its own id; its watches reopen with it.
        release(source)
        watches.closeAccount(id)
        source = factory({ id, kind }, credentials, contextFor(id))
      }
      const streams = await source.listStreams()
      return {
        id,
        identity,
        isAgain,
        source,
        streams,
        avatarUrl: verified.avatarUrl,
        githubHost: verified.githubHost,
      }
    } catch (error) {
      release(source)
      throw error
    }
  }

  return {
    async 'app:info'() {
      return {
        mode: deps.mode,
        platform: deps.platform,
        vault: { backend: vault.backend, isEncrypted: vault.isEncrypted, isPersistent: vault.isPersistent },
        recovery: deps.lastRecovery?.() ?? null,
      }
    },

    async 'store:check'({ storeId }) {
      const check = await checkStore(storeMarker, storeId, now())
      if (check.status === 'lost')
        log.warn('store', `the inbox store changed to ${storeId}: the one seen before is gone`)
      return check
    },

    async 'account:connect'({ kind, label, credentials, secretStorage, existing, reconnect }) {
      // A file "protected" by a key every copy of Electron knows is no
      // protection: the person decides, knowing that, before a secret goes there.
      if (kind !== 'sample' && vault.isPersistent && !vault.isEncrypted && secretStorage === undefined) {
        throw new HostError(
          'needs-consent',
          `This system has no keyring, so Lull can only save the sign-in with ${vault.backend}, which anyone who can read your files can undo. Save it anyway, keep it for this run only (you sign in again after a restart), or install GNOME Keyring or KWallet and restart Lull.`,
        )
      }
      const { id, identity, isAgain, source, streams, avatarUrl, githubHost } = await signIn({
        kind,
        credentials: kind === 'sample' ? null : credentials,
        existing: existing ?? [],
        reconnect,
      })
      const avatar = avatarUrl ? await fetchAvatar(contextFor(id).fetch, avatarUrl, log) : null
      if (kind !== 'sample') await vault.put(id, credentials, { thisRunOnly: secretStorage === 'this-run' })
      keep(id, source)
      log.info('accounts', `${isAgain ? 'reconnected' : 'connected'} ${kind} account ${id} as ${identity}`)
      return {
        id,
        kind,
        label: label || identity,
        identity,
        streams,
        addedAt: now(),
        ...(avatar ? { avatar } : {}),
        ...(githubHost ? { githubHost: githubHost.toLowerCase().slice(0, 256) } : {}),
      }
    },

    async 'account:verify'({ account }) {
      const { identity } = await (await sourceFor(account)).verify()
      return { identity: cleanName(identity) }
    },

    async 'account:disconnect'({ account }) {
      forget(account.id)
      const forgotten = account.kind === 'sample' ? true : await vault.remove(account.id)
      log.info('accounts', `disconnected ${account.kind} account ${account.id}`)
      return { forgotten }
    },

    async 'account:list-streams'({ account }) {
      return { streams: await (await sourceFor(account)).listStreams() }
    },

    async 'source:pull'({ account, stream, cursor }) {
      const source = await sourceFor(account)
      const result = await source.pull(stream, cursor)
      if (!Array.isArray(result.items)) {
        throw new HostError(
          'source-junk',
          `${account.kind} answered a pull of ${stream} with no item list. Nothing was stored; Lull will try again.`,
        )
      }
      if (result.items.length > pullPageLimit) {
        // Cutting the page here would need a cursor into its middle, which only the source can give.
        throw new HostError(
          'source-junk',
          `${account.kind} answered a pull of ${stream} with ${result.items.length} items, more than the ${pullPageLimit} one page may hold. Nothing was stored; this is a bug in the source, please report it.`,
        )
      }
      // Items that still fail after fitting are skipped and named: holding the
      // whole pull back for one of them would stop the stream for good.
      const { items, skipped } = fitPull(result.items, account.id)
      for (const skip of skipped)
        log.warn(
          'sources',
          `${account.kind} ${stream}: skipped ${skip.externalId ?? 'an item'}: ${skip.reason}`,
        )
      return {
        items,
        cursor: result.cursor,
        hasMore: result.hasMore === true,
        skipped,
        ...(result.pollAfterMs === undefined ? {} : { pollAfterMs: result.pollAfterMs }),
        ...(result.notModifiedSince === undefined ? {} : { notModifiedSince: result.notModifiedSince }),
      }
    },

    async 'item:done-write'({ account, externalId }) {
      const source = await sourceFor(account)
      if (!source.markDone) return { isWritten: false }
      await source.markDone(externalId)
      return { isWritten: true }
    },

    async 'item:read-write'({ account, externalId }) {
      const source = await sourceFor(account)
      if (!source.markRead) return { isWritten: false }
      await source.markRead(externalId)
      return { isWritten: true }
    },

    async 'slack:reply-post'({ account, ...reply }) {
      const source = await sourceFor(account)
      if (!source.postReply)
        throw new HostError('refused', `A ${account.kind} account cannot answer direct messages.`)
      return source.postReply(reply)
    },

    async 'slack:reply-delete'({ account, channel, ts }) {
      const source = await sourceFor(account)
      if (!source.deleteReply) return { isDeleted: false }
      await source.deleteReply(channel, ts)
      return { isDeleted: true }
    },

    async 'slack:reply-check'({ account }) {
      const source = await sourceFor(account)
      if (!source.checkReplyScope)
        return { canPost: false, note: `A ${account.kind} account cannot answer direct messages.` }
      return source.checkReplyScope()
    },

    async 'source:watch'({ account, streams }) {
      if (streams.length === 0) {
        watches.closeAccount(account.id)
        return { isSupported: true }
      }
      return watches.setWatched(account, await sourceFor(account), streams)
    },

    async 'source:reconnect'({ reason }) {
      watches.reconnectAll(reason)
      return {}
    },

    async 'ledger:summary'({ since }) {
      return { entries: ledger.summary(since) }
    },

    async 'focus:status-set'({ account, until, message }) {
      const source = await sourceFor(account)
      if (!canSetFocusStatus(source)) return { outcome: 'unsupported' }
      return { outcome: 'set', ...(await setFocusStatus(source, until, message)) }
    },

    async 'focus:status-restore'({ account, previous, set }) {
      const source = await sourceFor(account)
      if (!canSetFocusStatus(source)) return { outcome: 'unsupported' }
      return { outcome: await restoreFocusStatus(source, { previous, set }, now()) }
    },

    async 'notify:show'(request) {
      return { isShown: os.notifier.show(request) }
    },

    async 'tray:state-set'(state) {
      os.tray.setState(state)
      return {}
    },

    // Read on its way through by the update activity watch (updates/activity.ts); nothing else to do.
    async 'checkin:state-set'() {
      return {}
    },

    async 'link:open-external'({ url }) {
      await os.links.open(url)
      return {}
    },

    async 'shortcut:focus-set'({ accelerator }) {
      return { isRegistered: os.shortcuts.setFocusToggle(accelerator) }
    },

    ...createCalendarHandlers({ vault, fetch: baseFetch, newId }),
    'install:state': () => install.state(),
    'install:open-at-login-set': ({ isOn }) => install.setOpenAtLogin(isOn),
    'update:enabled-set': ({ isEnabled }) => install.setUpdatesEnabled(isEnabled),
    'update:check': () => install.checkForUpdates(),
    'update:restart': () => install.restartToUpdate(),
  }
}
