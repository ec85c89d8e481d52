// `npm run web`: Lull in a browser, for machines without Electron. Serves
// the built renderer and runs the real host with the sample workspace.
import { platform } from 'node:os'
import { resolve } from 'node:path'
import { createLog } from '../log'
import { createSampleSourceFactory } from '../sources/sample'
import { createMemoryVault } from '../vault'
import { startWebHost } from './bridge-server'
import { createRecordingPorts } from './os-standins'

const log = createLog()
const port = Number(process.env.LULL_WEB_PORT ?? 5178)
const host = await startWebHost({
  rendererDir: resolve('out/renderer'),
  port,
  platform: platform(),
  vault: createMemoryVault(),
  sources: { sample: createSampleSourceFactory() },
  os: createRecordingPorts(log),
  log,
})
process.stdout.write(`\nLull is running in browser mode. Open:\n\n  ${host.url}\n\nPress Ctrl+C to stop.\n\n`)
const stop = () => void host.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
