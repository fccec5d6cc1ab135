/** The browser's own zone, the natural default for a new workspace. */
export function browserTimezone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

let cached: string[] | null = null;

/** Every IANA zone the browser knows, plus UTC which some engines leave out of the list. */
export function allTimezones(): string[] {
  if (!cached) {
    const zones = Intl.supportedValuesOf('timeZone');
    cached = zones.includes('UTC') ? zones : ['UTC', ...zones];
  }
  return cached;
}

export function timezoneOptions(current: string | null | undefined): string[] {
  const zones = allTimezones();
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}
