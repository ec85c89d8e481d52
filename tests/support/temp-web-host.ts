// Browser mode on a free port, serving a one-page renderer from a temp
// folder, for tests of the host itself. `tempWebHostPerTest` closes each test's
// host after it.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { createLog } from '../../src/main/log'
import { createSampleSourceFactory } from '../../src/main/sources/sample'
import { createMemoryVault } from '../../src/main/vault'
import { startWebHost, type WebHost } from '../../src/main/web/bridge-server'
import { createRecordingPorts } from '../../src/main/web/os-standins'

export function tempWebHostPerTest() {
  let host: WebHost | null = null
  afterEach(async () => {
    await host?.close()
    host = null
  })
  return async function start() {
    const dir = mkdtempSync(join(tmpdir(), 'lull-web-'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Lull</title>')
    const log = createLog(() => {})
    const started = await startWebHost({
      rendererDir: dir,
      platform: 'test',
      vault: createMemoryVault(),
      sources: { sample: createSampleSourceFactory() },
      os: createRecordingPorts(log),
      log,
    })
    host = started
    const origin = new URL(started.url).origin
    const port = Number(new URL(origin).port)
    return {
      host: started,
      log,
      origin,
      port,
      bridgeUrl: `ws://127.0.0.1:${port}/bridge?token=${started.token}`,
    }
  }
}
