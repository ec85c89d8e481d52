// The fuses the afterPack hook flips, read back from a binary with
// @electron/fuses. Electron's binary cannot be downloaded here: the stand-in
// carries Electron's fuse sentinel and wire (version 1, Electron 45's
// defaults), which is all @electron/fuses reads and writes.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { type AfterPackContext, Arch } from 'electron-builder'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flipWantedFuses, packedBinary } from '../../../build/fuses'
import { electronDefaultWire, standInElectron } from '../../../build/pack-with-stand-in'

/** The list, written out here on its own so the hook cannot drift from it unseen. */
const wanted: Array<[keyof typeof FuseV1Options, 'on' | 'off']> = [
  ['RunAsNode', 'off'],
  ['EnableNodeOptionsEnvironmentVariable', 'off'],
  ['EnableNodeCliInspectArguments', 'off'],
  ['EnableEmbeddedAsarIntegrityValidation', 'on'],
  ['OnlyLoadAppFromAsar', 'on'],
  ['EnableCookieEncryption', 'on'],
  ['GrantFileProtocolExtraPrivileges', 'off'],
]

let appOutDir = ''
beforeEach(async () => {
  appOutDir = await mkdtemp(join(tmpdir(), 'lull-fuses-'))
})
afterEach(async () => {
  await rm(appOutDir, { recursive: true, force: true })
})

/** What electron-builder hands afterPack, as far as the hook reads it. */
function packContext(platform: 'linux' | 'win32' | 'darwin'): AfterPackContext {
  const packager = {
    appInfo: { productFilename: 'Lull' },
    ...(platform === 'linux' ? { executableName: 'lull' } : {}),
  }
  return {
    appOutDir,
    electronPlatformName: platform,
    arch: Arch.x64,
    packager,
  } as unknown as AfterPackContext
}

async function writeStandIn(name: string, bytes = standInElectron()): Promise<string> {
  const path = join(appOutDir, name)
  await writeFile(path, bytes)
  await chmod(path, 0o755)
  return path
}

const stateName = (state: FuseState | undefined) =>
  state === FuseState.ENABLE ? 'on' : state === FuseState.DISABLE ? 'off' : `unexpected ${String(state)}`

describe('fuses at pack time', () => {
  it('starts from a stand-in whose every listed fuse is the opposite of what Lull wants', async () => {
    const wire = await getCurrentFuseWire(await writeStandIn('lull'))
    for (const [name, state] of wanted)
      expect(stateName(wire[FuseV1Options[name]]), name).toBe(state === 'on' ? 'off' : 'on')
  })

  it.each(wanted)('turns %s %s in the packed Linux binary', async (name, state) => {
    const binary = await writeStandIn('lull')
    await flipWantedFuses(packContext('linux'))
    const wire = await getCurrentFuseWire(binary)
    expect(stateName(wire[FuseV1Options[name]])).toBe(state)
  })

  it('leaves the fuses Lull does not set as Electron ships them, and every other byte as it was', async () => {
    const before = standInElectron()
    const binary = await writeStandIn('lull', before)
    await flipWantedFuses(packContext('linux'))
    const after = await readFile(binary)
    const wire = await getCurrentFuseWire(binary)
    expect(stateName(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot])).toBe('off')
    expect(stateName(wire[FuseV1Options.WasmTrapHandlers])).toBe('on')
    const wireStart = before.indexOf(electronDefaultWire)
    expect(after.length).toBe(before.length)
    expect(after.subarray(0, wireStart)).toEqual(before.subarray(0, wireStart))
    expect(after.subarray(wireStart + electronDefaultWire.length)).toEqual(
      before.subarray(wireStart + electronDefaultWire.length),
    )
  })

  it('flips the Windows executable, named for the product', async () => {
    const binary = await writeStandIn('Lull.exe')
    await flipWantedFuses(packContext('win32'))
    expect(stateName((await getCurrentFuseWire(binary))[FuseV1Options.RunAsNode])).toBe('off')
  })

  it('finds the macOS fuse wire in the framework inside the app bundle', () => {
    expect(packedBinary(packContext('darwin'))).toBe(join(appOutDir, 'Lull.app'))
  })

  it('fails the build when the binary carries no fuse wire, rather than ship it unfused', async () => {
    await writeStandIn('lull', Buffer.from('#!/bin/sh\nexit 0\n'))
    await expect(flipWantedFuses(packContext('linux'))).rejects.toThrow(/sentinel/)
  })
})
