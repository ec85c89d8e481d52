// The contract's implementation on the main side. No Electron import here:
// the shell injects the OS adapters and the vault, browser mode injects
// stand-ins, and tests call it directly.
import { randomUUID } from 'node:crypto'
import { HostError } from '../shared/contract'
import { type AccountKind, SourceItem } from '../shared/model'
import type { HostHandlers } from './dispatch'
import type { Log } from './log'
import type { OsPorts } from './os/ports'
import type { AccountRef, Source, SourceFactory } from './sources/source'
import type { Vault } from './vault'

export type HostDeps = {
  mode: 'electron' | 'browser'
  platform: string
  vault: Vault
  sources: Partial<Record<AccountKind, SourceFactory>>
  os: OsPorts
  log: Log
  newId?: () => string
}

export function createHost(deps: HostDeps): HostHandlers {
  const { vault, log, os } = deps
  const newId = deps.newId ?? randomUUID
  /** Accounts that set a focus status, so clearing reaches the same ones. */
  const focusStatusAccounts = new Set<string>()
  const knownAccounts = new Map<string, AccountRef>()

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
    knownAccounts.set(account.id, account)
    return factory(account, credentials)
  }

  return {
    async 'app:info'() {
      return {
        mode: deps.mode,
        platform: deps.platform,
        vault: { backend: vault.backend, isEncrypted: vault.isEncrypted },
      }
    },

    async 'account:connect'({ kind, label, credentials }) {
      const id = kind === 'sample' ? 'sample' : `${kind}-${newId()}`
      const account = { id, kind }
      const factory = deps.sources[kind]
      if (!factory) throw new HostError('unknown-account', `Lull cannot connect ${kind} accounts yet.`)
      const source = factory(account, kind === 'sample' ? null : credentials)
      const { identity } = await source.verify()
      const streams = await source.listStreams()
      if (kind !== 'sample') await vault.put(id, credentials)
      knownAccounts.set(id, account)
      log.info('accounts', `connected ${kind} account ${id} as ${identity}`)
      return { id, kind, label: label || identity, identity, streams, addedAt: Date.now() }
    },

    async 'account:verify'({ account }) {
      return (await sourceFor(account)).verify()
    },

    async 'account:disconnect'({ account }) {
      knownAccounts.delete(account.id)
      focusStatusAccounts.delete(account.id)
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
      const items: SourceItem[] = []
      for (const [index, raw] of result.items.entries()) {
        const parsed = SourceItem.safeParse(raw)
        if (!parsed.success || parsed.data.accountId !== account.id) {
          // One bad item rejects the batch: storing the rest and moving the
          // cursor past the bad one would lose it for good.
          throw new HostError(
            'source-junk',
            `${account.kind} sent an unreadable item (#${index} of ${stream}). Nothing from this pull was stored; Lull will try again.`,
          )
        }
        items.push(parsed.data)
      }
      return {
        items,
        cursor: result.cursor,
        ...(result.pollAfterMs === undefined ? {} : { pollAfterMs: result.pollAfterMs }),
      }
    },

    async 'item:done-write'({ account, externalId }) {
      const source = await sourceFor(account)
      if (!source.markDone) return { isWritten: false }
      await source.markDone(externalId)
      return { isWritten: true }
    },

    async 'focus:status-set'({ until, message }) {
      for (const account of knownAccounts.values()) {
        const source = await sourceFor(account)
        if (!source.setFocusStatus) continue
        await source.setFocusStatus(until, message)
        focusStatusAccounts.add(account.id)
      }
      return {}
    },

    async 'focus:status-clear'() {
      for (const id of focusStatusAccounts) {
        const account = knownAccounts.get(id)
        if (!account) continue
        await (await sourceFor(account)).clearFocusStatus?.()
      }
      focusStatusAccounts.clear()
      return {}
    },

    async 'notify:show'(request) {
      return { isShown: os.notifier.show(request) }
    },

    async 'tray:state-set'(state) {
      os.tray.setState(state)
      return {}
    },

    async 'link:open-external'({ url }) {
      await os.links.open(url)
      return {}
    },

    async 'shortcut:focus-set'({ accelerator }) {
      return { isRegistered: os.shortcuts.setFocusToggle(accelerator) }
    },
  }
}
