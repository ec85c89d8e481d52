// A stand-in for electron-updater's AppUpdater, the way tests/fakes/electron
// stands in for Electron: electron-updater loads Electron's app object as it
// is imported, so it cannot load here. It speaks the AppUpdater events Lull
// listens to and records what Lull asked of it; a test plays the release
// server's part by saying what a check finds.
import { EventEmitter } from 'node:events'
import type { UpdaterPort } from '../../src/main/updates/service'

export type CheckOutcome =
  | { kind: 'none' }
  | { kind: 'found'; version: string }
  | { kind: 'error'; message: string }

export class FakeUpdater extends EventEmitter implements UpdaterPort {
  autoDownload = false
  autoInstallOnAppQuit = true
  channel: string | null = 'latest'
  readonly currentVersion = { version: '0.1.0' }
  checks = 0
  readonly installs: Array<{ isSilent: boolean | undefined; isForceRunAfter: boolean | undefined }> = []
  /** What the next check finds. */
  next: CheckOutcome = { kind: 'none' }

  /** Like AppUpdater: events during the check, the download going on after it answers. */
  async checkForUpdates(): Promise<unknown> {
    this.checks++
    const outcome = this.next
    if (outcome.kind === 'error') {
      const error = new Error(outcome.message)
      this.emit('error', error, error.message)
      throw error
    }
    if (outcome.kind === 'none') {
      this.emit('update-not-available', { version: this.currentVersion.version })
      return null
    }
    this.emit('update-available', { version: outcome.version })
    return { updateInfo: { version: outcome.version } }
  }
  /** The download finished and its checksum matched. */
  finishDownload(version: string): void {
    this.emit('download-progress', { percent: 100 })
    this.emit('update-downloaded', { version })
  }
  /** The download finished but verification refused it (AppUpdater emits 'error'). */
  failDownload(message: string): void {
    const error = new Error(message)
    this.emit('error', error, error.message)
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push({ isSilent, isForceRunAfter })
  }
}
