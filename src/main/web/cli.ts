// `npm run web`: Lull in a browser, for machines without Electron. Serves
// the built renderer and runs the real host with the sample workspace.
import { platform } from 'node:os'
import { resolve } from 'node:path'
import { z } from 'zod'
import { keepRunningThroughFaults } from '../last-resort'
import { createLog, type Log } from '../log'
import { createSourceFactories } from '../sources/registry'
import { createMemoryVault } from '../vault'
import { startWebHost, type WebHost } from './bridge-server'
import { createRecordingPorts } from './os-standins'

const Port = z.coerce.number().int().min(0).max(65535)

async function start(log: Log): Promise<WebHost | null> {
  const port = Port.safeParse(process.env.LULL_WEB_PORT ?? 5178)
  if (!port.success) {
    log.error('web', `LULL_WEB_PORT must be a port number from 0 to 65535, not ${process.env.LULL_WEB_PORT}.`)
    return null
  }
  try {
    return await startWebHost({
      rendererDir: resolve('out/renderer'),
      port: port.data,
      platform: platform(),
      vault: createMemoryVault(),
      sources: createSourceFactories(log),
      os: createRecordingPorts(log),
      log,
    })
  } catch (error) {
    log.error(
      'web',
      `Lull could not listen on 127.0.0.1:${port.data} (${error instanceof Error ? error.message : String(error)}). Stop whatever uses that port, or set LULL_WEB_PORT to another one.`,
    )
    return null
  }
}

const log = createLog()
const host = await start(log)
if (host) {
  keepRunningThroughFaults(process, log, 'web', 'Lull keeps serving')
  process.stdout.write(
    `\nLull is running in browser mode. Open:\n\n  ${host.url}\n\nPress Ctrl+C to stop.\n\n`,
  )
  const stop = () => void host.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
} else {
  process.exitCode = 1
}
