// Browser tests of the page as people use it every day (issue 19): a phone sees results first,
// long facet lists have a type-ahead, the timeline is one tab stop with arrow keys, "Kopieer link",
// "nieuw" since the last visit, the Dutch status page, the map's focus ring, and axe-core finding
// no accessibility violation on each screen. Run by e2e.mjs after its own tests.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { newPage, shot, kPhone } from './harness.mjs';

const require = createRequire(import.meta.url);

async function resultsShown(page) {
  await page.waitForSelector('#resultaten-titel');
  await page.locator('#resultaten:not([aria-busy])').waitFor({ state: 'attached' });
}

// axe-core's rules on the page as it is; the page's CSP allows no injected script, but an
// evaluation from the test driver is not a page script.
let axeSource = null;
async function axeViolations(page) {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

export const dailyUseTests = {
  async 'phone: the first result is on the first screen; the overview opens on demand'(ctx) {
    const page = await newPage(ctx, kPhone);
    try {
      await page.goto(`${ctx.base}/?q=${encodeURIComponent(ctx.query)}`);
      await resultsShown(page);
      const firstHit = await page.locator('.hit').first().boundingBox();
      assert.ok(firstHit && firstHit.y + 40 < kPhone.height,
        `the first result starts at ${firstHit?.y}px, below the first screen of ${kPhone.height}px`);
      assert.equal(await page.locator('#overzichtpaneel').getAttribute('open'), null, 'the overview is folded on a phone');
      const overviewTop = (await page.locator('#overzichtpaneel').boundingBox()).y;
      assert.ok(overviewTop > firstHit.y, 'the overview comes after the results');
      await page.screenshot({ path: `${ctx.shots}/12-phone-first-screen.png` });
      await page.locator('#overzichtpaneel > summary').click();
      await page.waitForSelector('#kaart svg');
      assert.ok(await page.locator('#overzicht .big-number').isVisible(), 'the opened overview shows the numbers');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `nothing scrolls sideways (overflow ${overflow}px)`);
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.context().close();
    }
  },

  async 'a long facet list has a type-ahead; chosen values come first'(ctx, page) {
    await page.goto(`${ctx.base}/`);
    await resultsShown(page);
    const search = page.locator('.facet-search').first();
    assert.ok(await search.count(), 'a facet with more than eight values has a type-ahead');
    const listId = await search.getAttribute('aria-controls');
    const labels = page.locator(`#${listId} .facet-label`);
    const before = await labels.count();
    // A value beyond the first eight, found by typing part of its name. Each toggle re-renders
    // the page after a fetch: wait for the button's new text before going on.
    const toggle = page.locator(`button[aria-controls="${listId}"]`);
    await toggle.click();
    await page.locator(`button[aria-controls="${listId}"][aria-expanded="true"]`).waitFor();
    await page.locator(`#${listId} li`).nth(8).waitFor();
    const target = (await labels.nth(8).textContent()).trim();
    await toggle.click();  // folded again
    await page.locator(`button[aria-controls="${listId}"][aria-expanded="false"]`).waitFor();
    const typed = target.slice(0, Math.min(5, target.length));
    await page.locator('.facet-search').first().fill(typed);
    const fold = (t) => t.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
    // The list narrows as the box's input event is handled; wait for that, at most 5 s.
    let shown = [];
    for (let tries = 0; tries < 50; tries++) {
      shown = (await page.locator(`#${listId} .facet-label`).allTextContents()).map((t) => t.trim());
      if (shown.length && shown.every((t) => fold(t).includes(fold(typed)))) break;
      await page.waitForTimeout(100);
    }
    assert.ok(shown.includes(target), `typing "${typed}" shows ${target} (shown: ${shown.join(', ')})`);
    assert.ok(shown.every((t) => fold(t).includes(fold(typed))),
      `only matching values are listed (typed "${typed}", shown: ${shown.join(', ')})`);
    assert.ok(shown.length < Math.max(before, 9), 'the list is narrowed');
    // click, not check(): choosing re-renders the list, so the clicked box is replaced by a new,
    // checked one (check() would look at the old one).
    await page.locator(`#${listId} li`, { hasText: target }).locator('input').click();
    await page.waitForURL((url) => url.search.length > 1);
    await resultsShown(page);
    await page.locator(`#${listId} li`, { hasText: target }).locator('input:checked').waitFor();
    const first = (await page.locator(`#${listId} li`).first().textContent()).trim();
    assert.ok(first.startsWith(target), `the chosen value is listed first, not ${first}`);
    assert.equal((await page.locator('.facet-none').allTextContents()).join(''), '', 'no "niet gevonden" while the value is there');
    // Clearing the type-ahead shows the list again, the chosen value still first.
    await page.locator('.facet-search').first().fill('');
    assert.ok((await page.locator(`#${listId} li`).count()) > 1);
    assert.ok((await page.locator(`#${listId} li`).first().textContent()).trim().startsWith(target));
    await shot(ctx, page, '13-facet-typeahead');
  },

  async 'the timeline is one tab stop; arrow keys move between periods'(ctx, page) {
    await page.goto(`${ctx.base}/`);
    await resultsShown(page);
    const bars = page.locator('.timeline .bar');
    const enabled = await page.locator('.timeline .bar:not([disabled])').count();
    assert.ok(enabled >= 2, `the test index has documents of at least two periods (${enabled})`);
    assert.equal(await page.locator('.timeline .bar[tabindex="0"]').count(), 1, 'one bar is in the tab order');
    await page.locator('.timeline .bar[tabindex="0"]').focus();
    const label = () => page.evaluate(() => document.activeElement.getAttribute('aria-label'));
    const last = await label();
    await page.keyboard.press('ArrowLeft');
    const previous = await label();
    assert.notEqual(previous, last, 'ArrowLeft moves to the previous period');
    await page.keyboard.press('End');
    assert.equal(await label(), last, 'End goes to the latest period');
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.has('year_from'));
    assert.ok(await bars.count() >= 1);
  },

  async '"Kopieer link" copies the address of the list and of a document'(ctx) {
    const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ctx.base });
    const page = await context.newPage();
    try {
      await page.goto(`${ctx.base}/?q=${encodeURIComponent(ctx.query)}&sort=date`);
      await resultsShown(page);
      await page.locator('.results-head .copy-button').click();
      await page.locator('.results-head .copy-status', { hasText: 'Link gekopieerd.' }).waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), page.url());
      await page.locator('.hit-title').first().click();
      await page.waitForSelector('#document-titel');
      await page.locator('.document-actions .copy-button').click();
      await page.locator('.document-actions .copy-status', { hasText: 'Link gekopieerd.' }).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.match(copied, /[?&]doc=[0-9a-f]{16}/);
    } finally {
      await context.close();
    }
  },

  async 'results added since the last visit are marked "nieuw"'(ctx) {
    const visit = async (lastVisit) => {
      const context = await ctx.browser.newContext({ locale: 'nl-NL' });
      await context.addInitScript((value) => window.localStorage.setItem('wwwa-laatste-bezoek', value), lastVisit);
      const page = await context.newPage();
      try {
        await page.goto(`${ctx.base}/?q=${encodeURIComponent(ctx.query)}`);
        await resultsShown(page);
        return { badges: await page.locator('.hit .new-badge').count(), hits: await page.locator('.hit').count() };
      } finally {
        await context.close();
      }
    };
    const long = await visit('2000-01-01T00:00:00Z');
    assert.ok(long.badges > 0 && long.badges === long.hits, `after a visit long ago every hit is new (${long.badges} of ${long.hits})`);
    const recent = await visit('2999-01-01T00:00:00Z');
    assert.equal(recent.badges, 0, 'nothing is new after a visit later than every addition');
  },

  async 'the status page says in Dutch how the service is doing'(ctx, page) {
    await page.goto(`${ctx.base}/`);
    await resultsShown(page);
    await page.locator('.site-footer a', { hasText: 'Status van de zoekdienst' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/status.html'));
    await page.locator('.status-list').waitFor();
    const text = await page.locator('#status').textContent();
    assert.match(text, /Zoekdienst\s*werkt/);
    assert.match(text, /Documenten\s*\d+/);
    assert.match(text, /Laatst bijgewerkt\s*\d+ \w+ \d{4}/);
    assert.ok(!text.includes('{'), 'no JSON on the status page');
    assert.deepEqual(await axeViolations(page), []);
    await shot(ctx, page, '14-status');
  },

  async 'the map shows where the keyboard is with a clear ring'(ctx, page) {
    await page.goto(`${ctx.base}/`);
    await resultsShown(page);
    await page.waitForSelector('#kaart svg .region');
    // Into the map with the keyboard: from the element before its first region.
    await page.locator('#kaart svg .region').first().evaluate((el) => el.blur());
    await page.locator('.timeline .bar[tabindex="0"]').focus();
    let guard = 0;
    while (!(await page.evaluate(() => document.activeElement?.classList.contains('region'))) && guard++ < 40) {
      await page.keyboard.press('Tab');
    }
    assert.ok(guard < 40, 'Tab reaches a map region');
    const ring = await page.locator('#kaart .focus-ring-outer').getAttribute('d');
    const focused = await page.evaluate(() => document.activeElement.getAttribute('d'));
    assert.ok(ring && ring === focused, 'the ring is drawn around the focused region');
    await page.locator('#kaart').screenshot({ path: `${ctx.shots}/15-map-focus.png` });
    await page.keyboard.press('Tab');
    const after = await page.evaluate(() => document.activeElement?.classList.contains('region'));
    const ringAfter = await page.locator('#kaart .focus-ring-outer').getAttribute('d');
    if (after) assert.equal(ringAfter, await page.evaluate(() => document.activeElement.getAttribute('d')));
    else assert.equal(ringAfter, '');
  },

  async 'axe-core finds no violation on the search, document and empty screens'(ctx, page) {
    for (const target of [`/?q=${encodeURIComponent(ctx.query)}`, '/', '/?q=xyzzyqwv']) {
      await page.goto(ctx.base + target);
      await resultsShown(page);
      assert.deepEqual(await axeViolations(page), [], `axe on ${target}`);
    }
    await page.goto(`${ctx.base}/?q=${encodeURIComponent(ctx.query)}`);
    await resultsShown(page);
    await page.locator('.hit-title').first().click();
    await page.waitForSelector('#document-titel');
    assert.deepEqual(await axeViolations(page), [], 'axe on a document page');
    assert.ok(await page.locator('.edit-link').isHidden(), 'no "Bewerken" without an editor');
    // Opened from the list (no page load), the document still carries its citation tags.
    const title = (await page.textContent('#document-titel')).trim();
    assert.equal(await page.getAttribute('meta[name="citation_title"]', 'content'), title);
    assert.equal(await page.locator('meta[name="citation_title"]').count(), 1);
    assert.equal(await page.locator('span.Z3988').count(), 1);
    await page.goBack();
    await resultsShown(page);
    assert.equal(await page.locator('meta[name^="citation_"]').count(), 0, 'a result list carries no citation tags');
  },
};
