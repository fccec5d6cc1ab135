const KEY = 'opsloop.workspace';

/** Remembers the last workspace so `/` and `/account` land where the user left off. */
export function rememberWorkspace(workspaceId: string): void {
  try {
    localStorage.setItem(KEY, workspaceId);
  } catch {
    // Storage may be unavailable; the first workspace is a fine fallback.
  }
}

export function lastWorkspace(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}
