// Secrets (tokens, passwords) live here and nowhere else: encrypted at rest,
// keyed by account id, never returned to the renderer and never logged.
// The Electron adapter (os/safe-storage.ts) supplies the cipher; tests and
// browser mode use the in-memory vault.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Credentials, HostError } from '../shared/contract'

/**
 * What a vault file holds once decrypted: the contract's connect fields,
 * checked again on the way in since the bytes come from disk.
 */
const StoredCredentials = Credentials

export type { Credentials }

export interface Vault {
  /** How secrets are protected, for the UI: "basic_text" on Linux without a keyring is not real protection. */
  readonly backend: string
  readonly isEncrypted: boolean
  /** Whether secrets outlive this run (a file vault); the memory vault forgets them on quit. */
  readonly isPersistent: boolean
  /** `thisRunOnly` keeps the secret in memory, never on disk, until Lull quits. */
  put(accountId: string, credentials: Credentials, options?: { thisRunOnly?: boolean }): Promise<void>
  get(accountId: string): Promise<Credentials | null>
  remove(accountId: string): Promise<boolean>
}

/** What a file vault needs from Electron's safeStorage: sealing and unsealing, both asynchronous. */
export interface Cipher {
  readonly backend: string
  readonly isEncrypted: boolean
  encrypt(plain: string): Promise<Buffer>
  /** `shouldReseal`: the key changed since these bytes were sealed; seal them again to keep them readable. */
  decrypt(sealed: Buffer): Promise<{ plain: string; shouldReseal: boolean }>
}

export function createMemoryVault(): Vault {
  const secrets = new Map<string, Credentials>()
  return {
    backend: 'memory',
    isEncrypted: false,
    isPersistent: false,
    // Every secret here lives for this run only, so thisRunOnly changes nothing.
    async put(accountId, credentials) {
      secrets.set(accountId, { ...credentials })
    },
    async get(accountId) {
      const found = secrets.get(accountId)
      return found ? { ...found } : null
    },
    async remove(accountId) {
      return secrets.delete(accountId)
    },
  }
}

const safeFileName = (accountId: string) => `${Buffer.from(accountId).toString('base64url')}.secret`

/** A vault file that will not open: the sign-in is lost, and only connecting again brings it back. */
function unreadable(why: string): HostError {
  return new HostError(
    'bad-credentials',
    `The saved sign-in for this account cannot be read: ${why}. Connect the account again.`,
  )
}

/**
 * One encrypted file per account in `<userData>/vault`, written atomically,
 * plus the secrets kept for this run only, which never touch the disk.
 */
export function createFileVault(folder: string, cipher: Cipher): Vault {
  const pathFor = (accountId: string) => join(folder, safeFileName(accountId))
  const thisRun = new Map<string, Credentials>()

  async function write(accountId: string, credentials: Credentials): Promise<void> {
    await mkdir(folder, { recursive: true, mode: 0o700 })
    const target = pathFor(accountId)
    await writeFile(`${target}.tmp`, await cipher.encrypt(JSON.stringify(credentials)), { mode: 0o600 })
    await rename(`${target}.tmp`, target)
  }

  async function removeFile(accountId: string): Promise<boolean> {
    try {
      await rm(pathFor(accountId))
      return true
    } catch {
      return false
    }
  }

  async function unseal(accountId: string, sealed: Buffer): Promise<Credentials> {
    let opened: { plain: string; shouldReseal: boolean }
    try {
      opened = await cipher.decrypt(sealed)
    } catch (error) {
      // A locked or missing keychain says so itself; anything else means these bytes cannot be opened.
      if (error instanceof HostError) throw error
      throw unreadable('the system keychain could not decrypt it (a new keychain, user or machine?)')
    }
    let json: unknown
    try {
      json = JSON.parse(opened.plain)
    } catch {
      throw unreadable('the file is damaged')
    }
    const parsed = StoredCredentials.safeParse(json)
    if (!parsed.success) throw unreadable('the file is damaged')
    if (opened.shouldReseal) {
      // Best effort: the file as it is still opens with the old key, so a failed rewrite loses nothing.
      await write(accountId, parsed.data).catch(() => {})
    }
    return parsed.data
  }

  return {
    backend: cipher.backend,
    isEncrypted: cipher.isEncrypted,
    isPersistent: true,
    async put(accountId, credentials, options) {
      if (options?.thisRunOnly) {
        thisRun.set(accountId, { ...credentials })
        // An older saved secret for this account must not come back on the next start.
        await removeFile(accountId)
        return
      }
      await write(accountId, credentials)
      thisRun.delete(accountId)
    },
    async get(accountId) {
      const kept = thisRun.get(accountId)
      if (kept) return { ...kept }
      let sealed: Buffer
      try {
        sealed = await readFile(pathFor(accountId))
      } catch {
        return null
      }
      return unseal(accountId, sealed)
    },
    async remove(accountId) {
      const wasKept = thisRun.delete(accountId)
      const wasSaved = await removeFile(accountId)
      return wasKept || wasSaved
    },
  }
}
