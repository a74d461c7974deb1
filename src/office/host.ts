/// <reference types="office-js" />

/**
 * What the add-in needs to know about its Office host. Only src/office reads `Office.*`.
 */

export type HostPlatform = 'web' | 'windows' | 'mac' | 'other';

export interface HostInfo {
  readonly platform: HostPlatform;
  /** ExcelApi 1.18: notes on cells. */
  readonly notes: boolean;
  /** Dark Office theme (body background darker than mid-grey). */
  readonly dark: boolean;
}

/** Perceived lightness of a "#RRGGBB" colour, 0–255. */
export function lightness(color: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) return 255;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16));
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

export function readHostInfo(): HostInfo {
  const context = typeof Office !== 'undefined' ? Office.context : undefined;
  const platformName = String(context?.diagnostics?.platform ?? '');
  const platform: HostPlatform =
    platformName === 'OfficeOnline'
      ? 'web'
      : platformName === 'PC'
        ? 'windows'
        : platformName === 'Mac'
          ? 'mac'
          : 'other';
  // officeTheme exists only on some hosts (not in every Excel on the web session).
  const background = context?.officeTheme?.bodyBackgroundColor;
  return {
    platform,
    notes: Boolean(context?.requirements?.isSetSupported('ExcelApi', '1.18')),
    dark: background ? lightness(background) < 128 : false,
  };
}

/** Resolves when Office.js has initialised the add-in. */
export async function officeReady(): Promise<void> {
  await Office.onReady();
}
