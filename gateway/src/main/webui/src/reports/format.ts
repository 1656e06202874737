// How reports write durations, money, credits and group keys.

export type Translate = (key: string, values?: Record<string, unknown>) => string;

export type DurationUnit = 'days' | 'hours' | 'minutes' | 'seconds';
export interface DurationPart {
  unit: DurationUnit;
  n: number;
}

/**
 * A duration in at most two units, rounded to the smaller: 42 s, 4 min, 2 h 5 min, 3 d 4 h. Under a
 * minute in seconds; under an hour in whole minutes; under a day in hours and minutes; else days and
 * hours.
 */
export function durationParts(seconds: number): DurationPart[] {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return [{ unit: 'seconds', n: s }];
  const minutes = Math.round(s / 60);
  if (minutes < 60) return [{ unit: 'minutes', n: minutes }];
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m
      ? [
          { unit: 'hours', n: h },
          { unit: 'minutes', n: m },
        ]
      : [{ unit: 'hours', n: h }];
  }
  const hours = Math.round(s / 3600);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return h
    ? [
        { unit: 'days', n: d },
        { unit: 'hours', n: h },
      ]
    : [{ unit: 'days', n: d }];
}

/** A duration for people ("2 h 5 min"), or an em dash when there is none to tell. */
export function formatDuration(seconds: number | null | undefined, t: Translate): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  return durationParts(seconds)
    .map((p) => t(`reports.duration.${p.unit}`, { n: p.n }))
    .join(' ');
}

/** Money in the report's currency; an unknown currency code falls back to "100.00 XYZ". */
export function formatMoney(value: number | string, currency: string | undefined, locale: string): string {
  const amount = Number(value);
  if (!currency) return formatCredit(amount, locale);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${formatCredit(amount, locale)} ${currency}`;
  }
}

/** A (possibly fractional) credit such as 1.5 contacts: at most two decimals, none when whole. */
export function formatCredit(value: number | string, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(Number(value));
}

/** Extra channels attribution knows that the inbox's channel names do not. */
const REPORT_CHANNELS = ['direct', 'referral', 'search', 'facebook', 'x', 'tiktok', 'linkedin', 'youtube'];
const INBOX_CHANNELS = ['instagram', 'messenger', 'whatsapp', 'sms', 'telegram', 'email', 'web'];

/**
 * How a row's key is shown: channels by their translated name, agents by name (from `names`),
 * campaigns and teams as they are; a missing key is "none" (or "unassigned" for agents and teams).
 */
export function keyLabel(
  key: string | null | undefined,
  groupBy: string,
  t: Translate,
  names: Record<string, string> = {},
): string {
  if (key === null || key === undefined || key === '') {
    return groupBy === 'agent' || groupBy === 'team' ? t('reports.unassigned') : t('reports.none');
  }
  if (groupBy === 'channel') {
    if (INBOX_CHANNELS.includes(key)) return t(`channel.${key}`);
    if (REPORT_CHANNELS.includes(key)) return t(`reports.channels.${key}`);
    return key;
  }
  return names[key] ?? key;
}
