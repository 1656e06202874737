// The shapes the report endpoints answer.

/** Credits and revenue come as JSON numbers with two decimals. */
export interface AttributionRow {
  key: string | null;
  sessions: number;
  contacts: number;
  qualified: number;
  sales: number;
  revenue: number;
}

/** `GET /api/attribution/report` */
export interface AttributionReport {
  from: string;
  to: string;
  model: string;
  groupBy: string;
  timeZone: string;
  currency: string;
  rows: AttributionRow[];
  totals: AttributionRow;
  converted: { currency: string; rate: number; sales: number }[];
}

export interface TimePoint extends AttributionRow {
  period: string;
}

/** `GET /api/attribution/timeseries` (points only for periods and keys that had anything). */
export interface TimeSeries {
  from: string;
  to: string;
  model: string;
  groupBy: string;
  interval: 'day' | 'week';
  timeZone: string;
  currency: string;
  points: TimePoint[];
}

export interface DurationStats {
  count: number;
  averageSeconds: number | null;
  medianSeconds: number | null;
}

export interface InboxRow {
  key: string | null;
  name: string | null;
  opened: number;
  resolved: number;
  firstResponse: DurationStats;
  resolution: DurationStats;
}

/** `GET /api/reports/inbox` */
export interface InboxReport {
  from: string;
  to: string;
  groupBy: string;
  rows: InboxRow[];
  totals: InboxRow;
}
