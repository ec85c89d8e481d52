// `npm run web` as a real process: a fault no handler catches is logged and
// Lull keeps serving; a bad port setting stops it with a sentence on what to do.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const running = new Set<ChildProcess>()
afterEach(() => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL')
  running.clear()
})

/** Runs the browser-mode entry point as `npm run web` does, after loading `preload` (a module path) if given. */
function runCli(env: Record<string, string>, preload?: string) {
  const imports = ['--import', 'tsx', ...(preload ? ['--import', pathToFileURL(preload).href] : [])]
  const child = spawn(process.execPath, [...imports, 'src/main/web/cli.ts'], {
    cwd: repo,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  const output = { stdout: '', stderr: '' }
  child.stdout?.on('data', (chunk: Buffer) => {
    output.stdout += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output.stderr += chunk.toString()
  })
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  /** Resolves once `seen` holds for the output; fails if the process ends first. */
  const until = (seen: () => boolean) =>
    new Promise<void>((done, fail) => {
      const check = () => {
        if (!seen()) return
        child.stdout?.off('data', check)
        child.stderr?.off('data', check)
        done()
      }
      child.stdout?.on('data', check)
      child.stderr?.on('data', check)
      void exited.then((code) =>
        fail(new Error(`browser mode ended (exit ${code}) while a test waited on it:\n${output.stderr}`)),
      )
      check()
    })
  return { child, output, exited, until }
}

describe('npm run web', () => {
  it('logs a fault nobody caught and keeps serving', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lull-web-cli-'))
    const faults = join(dir, 'faults.mjs')
    // Stands in for a bug not yet found: on SIGUSR2 the process meets an
    // exception and a rejection that no handler of Lull's catches.
    writeFileSync(
      faults,
      `process.on('SIGUSR2', () => {
  Promise.reject(new Error('a rejection nobody handles'))
  throw new Error('an exception nobody catches')
})
`,
    )
    const cli = runCli({ LULL_WEB_PORT: '0' }, faults)
    await cli.until(() => /http:\/\/127\.0\.0\.1:\d+\/#token=/.test(cli.output.stdout))
    const origin = /(http:\/\/127\.0\.0\.1:\d+)\/#token=/.exec(cli.output.stdout)?.[1]

    cli.child.kill('SIGUSR2')
    await cli.until(
      () =>
        cli.output.stderr.includes('an exception nobody catches') &&
        cli.output.stderr.includes('a rejection nobody handles'),
    )
    expect(cli.output.stderr).toContain('Lull keeps serving')
    expect((await fetch(`${origin}/no-such-file`)).status).toBe(404)

    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
  })

  it('refuses a port setting that is not a port number, and says what to set', {
    timeout: 30_000,
  }, async () => {
    const cli = runCli({ LULL_WEB_PORT: 'eighty' })
    expect(await cli.exited).toBe(1)
    expect(cli.output.stderr).toContain('LULL_WEB_PORT must be a port number from 0 to 65535, not eighty')
  })
})
