// The installed app's side of Settings: open at sign-in and updates, as one
// port the host answers the contract's install calls with. Browser mode and
// a development run get the unavailable port, which says why.
import { HostError, type InstallState } from '../../shared/contract'
import type { Log } from '../log'
import type { Updates } from '../updates/service'
import type { LoginItem } from './login-item'
import type { InstallSettingsStore } from './settings'

export interface InstallPort {
  state(): Promise<InstallState>
  setOpenAtLogin(isOn: boolean): Promise<InstallState>
  setUpdatesEnabled(isEnabled: boolean): Promise<InstallState>
  checkForUpdates(): Promise<InstallState>
  restartToUpdate(): Promise<InstallState>
}

export type InstallDeps = {
  loginItem: LoginItem
  updates: Updates
  settings: InstallSettingsStore
  log: Log
}

export function createInstall({ loginItem, updates, settings, log }: InstallDeps): InstallPort {
  let loginProblem: string | null = null

  async function state(): Promise<InstallState> {
    const saved = await settings.read()
    // Once asked, the system is the truth: the person may have removed Lull from its startup list there.
    const openAtLogin =
      saved.openAtLogin === 'unasked' ? 'unasked' : (await loginItem.isOn().catch(() => false)) ? 'on' : 'off'
    return {
      isInstalled: true,
      unavailableReason: null,
      openAtLogin: { state: openAtLogin, how: loginItem.how, problem: loginProblem },
      update: await updates.state(),
    }
  }

  return {
    state,
    async setOpenAtLogin(isOn) {
      const saved = await settings.read()
      // The choice is kept even when the system refuses, so the first run does not ask again.
      await settings.write({ ...saved, openAtLogin: isOn ? 'on' : 'off' })
      try {
        await loginItem.set(isOn)
        loginProblem = null
        log.info('install', `open at sign-in turned ${isOn ? 'on' : 'off'} (${loginItem.how})`)
      } catch (error) {
        loginProblem = `Lull could not turn open at sign-in ${isOn ? 'on' : 'off'}: ${error instanceof Error ? error.message : String(error)}`
        log.warn('install', loginProblem)
      }
      return state()
    },
    async setUpdatesEnabled(isEnabled) {
      await updates.setEnabled(isEnabled)
      return state()
    },
    async checkForUpdates() {
      const current = await updates.state()
      if (!current.hasFeed)
        throw new HostError(
          'refused',
          'This build of Lull was made without a release feed, so it cannot update itself.',
        )
      if (!current.isEnabled)
        throw new HostError('refused', 'Updates are off. Turn them on to check for one.')
      await updates.checkNow()
      return state()
    },
    async restartToUpdate() {
      const current = await updates.state()
      if (current.status !== 'ready')
        throw new HostError('refused', 'No update is downloaded yet, so there is nothing to restart into.')
      await updates.requestRestart()
      return state()
    },
  }
}

/** Browser mode and development runs: everything says why it is not here, and changes are refused with that reason. */
export function unavailableInstall(reason: string, currentVersion: string): InstallPort {
  const state = async (): Promise<InstallState> => ({
    isInstalled: false,
    unavailableReason: reason,
    openAtLogin: { state: 'off', how: null, problem: null },
    update: {
      isEnabled: false,
      hasFeed: false,
      channel: 'latest',
      currentVersion,
      lastCheckAt: null,
      status: 'idle',
      version: null,
      message: null,
    },
  })
  const refuse = async (): Promise<InstallState> => {
    throw new HostError('refused', reason)
  }
  return {
    state,
    setOpenAtLogin: refuse,
    setUpdatesEnabled: refuse,
    checkForUpdates: refuse,
    restartToUpdate: refuse,
  }
}
