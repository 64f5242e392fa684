/** Accessibility scans (axe-core) in the e2e suite. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Fails on any serious or critical axe violation on the page as it is now, naming the rule and the elements. */
export async function expectNoSeriousViolations(page: Page, screen: string) {
  // Legacy mode scans in the page itself instead of opening a helper page, which a busy call page on two cores can stall.
  const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join(' | ')}`);
  expect(serious, `axe on the ${screen} screen`).toEqual([]);
}
