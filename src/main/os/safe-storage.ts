// The cipher behind the file vault: Electron safeStorage (Keychain on macOS,
// DPAPI on Windows, the secret service or KWallet on Linux). On Linux
// without a keyring Electron falls back to a hard-coded key ("basic_text"):
// the vault still works, but reports itself as not encrypted so the app can
// tell the user. Call only after the app is ready.
import { safeStorage } from 'electron'
import { HostError } from '../../shared/contract'
import type { Cipher } from '../vault'

function backendName(platform: string): string {
  if (platform === 'linux') return safeStorage.getSelectedStorageBackend()
  if (platform === 'darwin') return 'keychain'
  if (platform === 'win32') return 'dpapi'
  return 'unknown'
}

export function createSafeStorageCipher(platform: string): Cipher {
  const backend = backendName(platform)
  // The Cipher interface is synchronous, so this uses the sync safeStorage
  // calls (deprecated in favour of the async ones, still supported).
  // Availability is asked on every use: a keychain unlocked later starts working.
  const ensureAvailable = () => {
    if (safeStorage.isEncryptionAvailable()) return
    throw new HostError(
      'internal',
      'The system keychain is not available, so Lull cannot keep a sign-in. Unlock or set up the keychain, then try again.',
    )
  }
  return {
    backend,
    isEncrypted: safeStorage.isEncryptionAvailable() && backend !== 'basic_text' && backend !== 'unknown',
    encrypt(plain) {
      ensureAvailable()
      return safeStorage.encryptString(plain)
    },
    decrypt(sealed) {
      ensureAvailable()
      return safeStorage.decryptString(sealed)
    },
  }
}
