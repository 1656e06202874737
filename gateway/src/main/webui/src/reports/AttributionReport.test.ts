import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import { createMemoryHistory, createRouter } from 'vue-router';
import { messages } from '../i18n';
import AttributionReport from './AttributionReport.vue';

const REPORT = {
  from: '2026-11-01',
  to: '2026-12-31',
  model: 'first_touch',
  groupBy: 'channel',
  timeZone: 'America/New_York',
  currency: 'USD',
  rows: [
    { key: 'instagram', sessions: 1, contacts: 11, qualified: 0, sales: 1, revenue: 100 },
    { key: 'search', sessions: 1, contacts: 0, qualified: 0, sales: 0, revenue: 0 },
  ],
  totals: { key: null, sessions: 2, contacts: 11, qualified: 0, sales: 1, revenue: 100 },
  converted: [],
};
const SERIES = { ...REPORT, interval: 'day', points: [] };

function respond(body: unknown, status = 200, type = 'application/json') {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': type },
  });
}

async function setup(query: Record<string, string>, reply: (url: string, accept: string) => Response) {
  const fetch = vi.fn(async (url: string, init: RequestInit) =>
    reply(url, (init.headers as Record<string, string>).Accept),
  );
  vi.stubGlobal('fetch', fetch);
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/reports/:tab?', name: 'reports', component: AttributionReport }],
  });
  await router.push({ path: '/reports/attribution', query });
  const i18n = createI18n({ legacy: false, locale: 'en', messages });
  const wrapper = mount(AttributionReport, { global: { plugins: [router, i18n] } });
  await flushPromises();
  return { wrapper, fetch, router };
}

const RANGE = { from: '2026-11-01', to: '2026-12-31' };

describe('AttributionReport', () => {
  beforeEach(() => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('asks for the range in the URL and shows the rows with their totals', async () => {
    const { wrapper, fetch, router } = await setup({ ...RANGE, model: 'linear' }, (url) =>
      respond(url.includes('/timeseries') ? SERIES : REPORT),
    );
    const urls = fetch.mock.calls.map((c) => c[0]);
    expect(urls).toContain(
      '/api/attribution/report?from=2026-11-01&to=2026-12-31&model=linear&groupBy=channel',
    );
    const series = urls.find((u) => u.startsWith('/api/attribution/timeseries?'));
    expect(series).toContain('interval=day');
    const table = wrapper.get('[data-testid="attribution-table"]');
    const rows = table.findAll('tbody tr').map((r) => r.findAll('th, td').map((c) => c.text()));
    expect(rows[0]).toEqual(['Instagram', '1', '11', '0', '1', '$100.00']);
    expect(rows[1][0]).toBe('Search');
    expect(table.get('tfoot').text()).toContain('Total');
    const canvas = wrapper.get('[data-testid="attribution-chart"] canvas');
    expect(canvas.attributes('aria-label')).toContain('Bar chart');
    // the defaults it filled in are written back to the URL
    const query = router.currentRoute.value.query;
    expect(query).toMatchObject({ ...RANGE, model: 'linear', groupBy: 'channel', metric: 'contacts' });
  });

  it('says so when the range has no data', async () => {
    const { wrapper } = await setup(RANGE, (url) =>
      respond(url.includes('/timeseries') ? SERIES : { ...REPORT, rows: [] }),
    );
    expect(wrapper.get('[data-testid="attribution-empty"]').text()).toBe('No data for this range.');
    expect(wrapper.find('[data-testid="attribution-table"]').exists()).toBe(false);
  });

  it('shows an error and tries again', async () => {
    let fail = true;
    const { wrapper } = await setup(RANGE, (url) => {
      if (fail) return respond({ title: 'Bad request', detail: 'to is before from' }, 400);
      return respond(url.includes('/timeseries') ? SERIES : REPORT);
    });
    expect(wrapper.text()).toContain('to is before from');
    fail = false;
    await wrapper.get('[data-testid="attribution-retry"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="attribution-table"]').exists()).toBe(true);
  });

  it("downloads the CSV under the range's name", async () => {
    const { wrapper, fetch } = await setup(RANGE, (url, accept) => {
      if (accept === 'text/csv') return respond('channel,sessions\r\n', 200, 'text/csv');
      return respond(url.includes('/timeseries') ? SERIES : REPORT);
    });
    const created = vi.fn((_: Blob) => 'blob:csv');
    const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    URL.createObjectURL = created;
    URL.revokeObjectURL = vi.fn();
    let downloaded = '';
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloaded = this.download;
    });
    await wrapper.get('[data-testid="attribution-csv"]').trigger('click');
    await flushPromises();
    const accept = (init: RequestInit) => (init.headers as Record<string, string>).Accept;
    const csvCall = fetch.mock.calls.find((c) => accept(c[1]) === 'text/csv');
    expect(csvCall?.[0]).toBe(
      '/api/attribution/report?from=2026-11-01&to=2026-12-31&model=first_touch&groupBy=channel',
    );
    expect(downloaded).toBe('attribution-2026-11-01-2026-12-31.csv');
    expect(created).toHaveBeenCalledOnce();
    const blob = created.mock.calls[0][0];
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect(blob.size).toBe('channel,sessions\r\n'.length);
    URL.createObjectURL = original.create;
    URL.revokeObjectURL = original.revoke;
  });
});
