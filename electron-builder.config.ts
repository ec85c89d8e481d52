// How Lull is packaged: `npm run dist` builds with electron-vite, then
// electron-builder reads this file. The package holds only what runs:
// the built out/ folder, the images main loads from resources/, the manifest
// and the production dependencies (electron-builder adds those from
// package.json, never devDependencies). tests/integration/package.test.ts
// packs it for Linux and checks the archive's file list against this.
import type { Configuration } from 'electron-builder'
import { flipWantedFuses } from './build/fuses'

/**
 * Where updates come from: the GitHub repository's Releases, named by the
 * release workflow (`GITHUB_REPOSITORY` is set on every Actions runner) or by
 * `LULL_RELEASE_REPOSITORY=owner/name` for a build elsewhere. A build made
 * without either has no update feed, and the app says so in Settings.
 */
export function releaseRepository(env: NodeJS.ProcessEnv): { owner: string; repo: string } | null {
  const named = env.LULL_RELEASE_REPOSITORY ?? env.GITHUB_REPOSITORY ?? ''
  const match = /^([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})$/.exec(named)
  return match ? { owner: match[1]!, repo: match[2]! } : null
}

const repository = releaseRepository(process.env)

/** electron-builder fills these macros in per artifact, so one name per platform and architecture. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: electron-builder's macros, not JavaScript's
const byArch = '${productName}-${version}-${arch}.${ext}'
// biome-ignore lint/suspicious/noTemplateCurlyInString: electron-builder's macros, not JavaScript's
const setup = '${productName}-Setup-${version}.${ext}'

const config: Configuration = {
  appId: 'app.lull',
  productName: 'Lull',
  copyright: 'Copyright © Lull contributors',
  directories: { output: 'dist', buildResources: 'build' },
  files: [
    // The built app and the images main loads (src/main/paths.ts); package.json comes on its own.
    'out/**/*',
    '!out/**/*.map',
    'resources/icon.png',
    'resources/tray/*.png',
    // What dependencies ship for their developers and never run: source maps, TypeScript sources and types, notes.
    '!**/node_modules/**/*.{map,ts,cts,mts}',
    '!**/node_modules/**/{README,CHANGELOG,HISTORY,CHANGES}{,.md,.markdown,.txt}',
  ],
  asar: true,
  // Electron names the data folder after productName: ~/.config/Lull, not the npm name's ~/.config/lull
  // (which stays the development runs' folder, apart from the installed app's).
  extraMetadata: { productName: 'Lull' },
  // Lull has no native modules: nothing to rebuild against Electron's headers.
  npmRebuild: false,
  afterPack: flipWantedFuses,
  // An unpacked Electron to package instead of the downloaded one, for machines that cannot download it.
  ...(process.env.LULL_ELECTRON_DIST ? { electronDist: process.env.LULL_ELECTRON_DIST } : {}),
  publish: repository ? [{ provider: 'github', ...repository, releaseType: 'release' }] : null,
  linux: {
    target: ['AppImage', 'deb'],
    executableName: 'lull',
    icon: 'build/icons/linux',
    category: 'Office',
    synopsis: 'Holds notifications until the check-ins you choose',
    maintainer: 'Lull contributors <lull@users.noreply.github.com>',
    vendor: 'Lull contributors',
  },
  deb: {
    // The secret service keeps sign-ins encrypted (safeStorage); without it Lull asks first.
    recommends: ['gnome-keyring'],
  },
  appImage: { artifactName: byArch },
  mac: {
    target: [
      { target: 'dmg', arch: ['arm64', 'x64'] },
      // Squirrel.Mac updates from the zip; the dmg is for the first install.
      { target: 'zip', arch: ['arm64', 'x64'] },
    ],
    icon: 'build/icons/icon.icns',
    category: 'public.app-category.productivity',
    hardenedRuntime: true,
  },
  dmg: { artifactName: byArch },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'build/icons/icon.ico',
  },
  nsis: {
    // Per user, under %LOCALAPPDATA%\Programs: no administrator needed to install or to update.
    oneClick: true,
    perMachine: false,
    allowElevation: false,
    artifactName: setup,
    // Removing Lull from Windows' settings also removes its data only when the person asks (README "Install").
    deleteAppDataOnUninstall: false,
  },
}

export default config
