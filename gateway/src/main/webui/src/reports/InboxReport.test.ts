import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import { createMemoryHistory, createRouter } from 'vue-router';
import { messages } from '../i18n';
import InboxReport from './InboxReport.vue';

const duration = (seconds: number | null) => ({
  count: seconds === null ? 0 : 1,
  averageSeconds: seconds,
  medianSeconds: seconds,
});
type Seconds = number | null;
const row = (key: string | null, opened: number, resolved: number, first: Seconds, done: Seconds) => ({
  key,
  name: null,
  opened,
  resolved,
  firstResponse: duration(first),
  resolution: duration(done),
});
const REPORT = {
  from: '2026-11-03',
  to: '2026-12-02',
  groupBy: 'agent',
  rows: [row('a-1', 4, 1, 240, 7500), row(null, 8, 0, null, null)],
  totals: row(null, 12, 1, 240, 7500),
};

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('InboxReport', () => {
  it('shows agents by name and durations for people', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    const fetch = vi.fn(async (url: string) => {
      const body = url === '/api/agents' ? [{ id: 'a-1', username: 'alice', name: 'Alice Archer' }] : REPORT;
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    });
    vi.stubGlobal('fetch', fetch);
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/reports/:tab?', name: 'reports', component: InboxReport }],
    });
    const query = { from: '2026-11-03', to: '2026-12-02', groupBy: 'agent' };
    await router.push({ path: '/reports/inbox', query });
    const i18n = createI18n({ legacy: false, locale: 'en', messages });
    const wrapper = mount(InboxReport, { global: { plugins: [router, i18n] } });
    await flushPromises();
    expect(fetch.mock.calls.map((c) => c[0])).toContain(
      '/api/reports/inbox?from=2026-11-03&to=2026-12-02&groupBy=agent',
    );
    const rows = wrapper
      .findAll('[data-testid="inbox-table"] tbody tr')
      .map((r) => r.findAll('th, td').map((c) => c.text()));
    expect(rows[0]).toEqual(['Alice Archer', '4', '1', '4 min', '4 min', '2 h 5 min', '2 h 5 min']);
    expect(rows[1]).toEqual(['Unassigned', '8', '0', '—', '—', '—', '—']);
    expect(wrapper.get('[data-testid="inbox-table"] tfoot').text()).toContain('12');
    expect(wrapper.find('[data-testid="inbox-chart"] canvas').exists()).toBe(true);
  });
});
