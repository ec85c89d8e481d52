// Electron's fuses, flipped in the packaged binary before it is signed (the
// afterPack hook of electron-builder.config.ts). A fuse is a byte in the
// binary itself: no argument, variable or file can turn it back at run time.
// Each one below closes a way to make an installed Lull run code that is not
// Lull's own; README "Security" says the same in prose.
import { join } from 'node:path'
import { FuseState, FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses'
import { type AfterPackContext, Arch } from 'electron-builder'

export type WantedFuse = {
  fuse: FuseV1Options
  name: keyof typeof FuseV1Options
  isOn: boolean
  /** What the fuse's state closes, for the README and the build log. */
  closes: string
}

export const wantedFuses: readonly WantedFuse[] = [
  {
    fuse: FuseV1Options.RunAsNode,
    name: 'RunAsNode',
    isOn: false,
    closes: 'ELECTRON_RUN_AS_NODE=1 turning the signed Lull binary into a plain Node.js that runs any script',
  },
  {
    fuse: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
    name: 'EnableNodeOptionsEnvironmentVariable',
    isOn: false,
    closes: 'NODE_OPTIONS (--require, --import) loading code into main before Lull starts',
  },
  {
    fuse: FuseV1Options.EnableNodeCliInspectArguments,
    name: 'EnableNodeCliInspectArguments',
    isOn: false,
    closes: '--inspect and --inspect-brk opening a debugger port that can run code in main',
  },
  {
    fuse: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
    name: 'EnableEmbeddedAsarIntegrityValidation',
    isOn: true,
    closes:
      'an edited app.asar: on macOS and Windows the archive must match the hash recorded in the signed binary',
  },
  {
    fuse: FuseV1Options.OnlyLoadAppFromAsar,
    name: 'OnlyLoadAppFromAsar',
    isOn: true,
    closes: 'a folder named app/ (or app.asar swapped for a folder) beside the binary being loaded instead',
  },
  {
    fuse: FuseV1Options.EnableCookieEncryption,
    name: 'EnableCookieEncryption',
    isOn: true,
    closes: 'cookies readable in plain text on disk: they are encrypted with the OS key, like safeStorage',
  },
  {
    fuse: FuseV1Options.GrantFileProtocolExtraPrivileges,
    name: 'GrantFileProtocolExtraPrivileges',
    isOn: false,
    closes:
      'file:// pages getting more than a browser gives them (Lull serves its page over lull://, never file://)',
  },
]

/** The config @electron/fuses writes; other fuses keep Electron's own default. */
export function fuseConfig(options: { resetAdHocDarwinSignature: boolean }) {
  const config: Parameters<typeof flipFuses>[1] = {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: options.resetAdHocDarwinSignature,
  }
  for (const { fuse, isOn } of wantedFuses) config[fuse] = isOn
  return config
}

/** Fuses whose state in the binary at this path is not the wanted one (empty when all hold). */
export async function fusesOutOfPlace(binary: string): Promise<string[]> {
  const wire = await getCurrentFuseWire(binary)
  return wantedFuses
    .filter(({ fuse, isOn }) => wire[fuse] !== (isOn ? FuseState.ENABLE : FuseState.DISABLE))
    .map(({ name, isOn }) => `${name} should be ${isOn ? 'on' : 'off'}`)
}

/** Where the binary carrying the fuse wire is in a packed app folder. */
export function packedBinary(context: AfterPackContext): string {
  const { appOutDir, electronPlatformName, packager } = context
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas')
    return join(appOutDir, `${packager.appInfo.productFilename}.app`)
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`)
  const executableName = 'executableName' in packager ? String(packager.executableName) : null
  return join(appOutDir, executableName ?? packager.appInfo.productFilename)
}

/**
 * electron-builder's afterPack hook: runs before signing, so the signature
 * covers the flipped binary. The fuses are read back, and a binary that did
 * not take them fails the build rather than ship.
 */
export async function flipWantedFuses(context: AfterPackContext): Promise<void> {
  const binary = packedBinary(context)
  // Apple silicon refuses to run an ad-hoc signed binary whose bytes changed: re-sign it ad hoc.
  const isArmMac = context.electronPlatformName === 'darwin' && context.arch === Arch.arm64
  await flipFuses(binary, fuseConfig({ resetAdHocDarwinSignature: isArmMac }))
  const wrong = await fusesOutOfPlace(binary)
  if (wrong.length > 0) throw new Error(`Fuses did not take in ${binary}: ${wrong.join('; ')}`)
}
