// The browser tests themselves; e2e.mjs sets up the index, the daemon and the browser.
// Each test gets a fresh page; a failing test saves a screenshot named after it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { newPage, shot, runNamedTests, kPhone } from './harness.mjs';
import { dailyUseTests } from './daily_use_tests.mjs';

// Waits are locators, never page.waitForFunction: its polling evaluates a string in the page,
// which the page's Content Security Policy (no 'unsafe-eval') rightly refuses.

// Waits until the results of the current URL are on screen (or the empty state).
async function resultsShown(page) {
  await page.waitForSelector('#resultaten-titel');
  await page.locator('#resultaten:not([aria-busy])').waitFor({ state: 'attached' });
  await page.waitForSelector('#kaart svg, #kaart .notice', { state: 'attached' });
}

const totalShown = (page) => page.$eval('#resultaten-titel', (el) => Number(el.textContent.replace(/\D.*$/s, '').replace(/\./g, '')));
const params = (page) => new URL(page.url()).searchParams;

// A query word that finds documents in the test index: the first suggestion-free choice that
// answers with hits, so the tests do not depend on one sample file.
async function pickQuery(base) {
  for (const q of ['jeugdhulp', 'eenzaamheid', 'gemeente', 'zorg', 'onderzoek']) {
    const body = await (await fetch(`${base}/api/search?q=${encodeURIComponent(q)}`)).json();
    if (body.total >= 2) return q;
  }
  throw new Error('none of the probe words finds two documents in the test index');
}

const tests = {
  async 'search from the start page'(ctx, page) {
    await page.goto(ctx.base + '/');
    await resultsShown(page);
    await shot(ctx, page, '01-start');
    await page.fill('#zoekvraag', ctx.query);
    await page.press('#zoekvraag', 'Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === ctx.query);
    await resultsShown(page);
    const total = await totalShown(page);
    assert.ok(total > 0, `expected hits for ${ctx.query}`);
    assert.ok(await page.locator('.hit').count() > 0);
    // Matches are highlighted, and the overview counts the same number of documents.
    assert.ok(await page.locator('.snippet mark').count() > 0, 'snippets highlight the query');
    assert.equal(await page.$eval('.big-number', (el) => el.textContent.replace(/\./g, '')), String(total));
    assert.ok(await page.locator('.timeline .bar').count() > 0, 'a timeline per year');
    await shot(ctx, page, '02-results');
  },

  async 'findings first: passages with page links that open the PDF at the page'(ctx, page) {
    // A question the sample corpus's PDFs answer; the probe picks one with a PDF passage.
    let question = null;
    for (const q of ['eenzaamheid onder ouderen in Drenthe', 'schuldhulpverlening Groningen', 'mantelzorgers in Zeeland']) {
      const body = await (await fetch(`${ctx.base}/api/passages?size=5&q=${encodeURIComponent(q)}`)).json();
      if (body.passages?.some((p) => p.format === 'pdf')) { question = q; break; }
    }
    assert.ok(question, 'a sample question with a passage from a PDF');
    await page.goto(`${ctx.base}/?q=${encodeURIComponent(question)}`);
    await resultsShown(page);
    const panel = page.locator('#bevindingen');
    await panel.waitFor({ state: 'visible' });
    assert.equal(await page.$eval('#bevindingen-titel', (el) => el.textContent), 'Wat we al weten');
    // Findings come before the overview and the result list.
    assert.ok(await page.$eval('#bevindingen', (el) =>
      Boolean(el.compareDocumentPosition(document.querySelector('#resultaten')) & Node.DOCUMENT_POSITION_FOLLOWING)));
    assert.ok(await page.locator('.finding').count() >= 1);
    assert.ok(await page.locator('.finding-text mark').count() > 0, 'passages highlight the question');
    const link = page.locator('a.finding-page').first();
    const href = await link.getAttribute('href');
    assert.match(href, /^\/api\/documents\/[0-9a-f]{16}\/file#page=\d+$/);
    const pdf = await fetch(ctx.base + href.replace(/#.*$/, ''));
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    // Citeer: the server's reference with the passage's page.
    await page.locator('.finding-cite summary').first().click();
    await page.locator('.finding-citation', { hasText: /\(p\. \d+\)$/ }).first().waitFor();
    await shot(ctx, page, '02b-findings');
    // The RIS download of a passage cites its page (SP).
    const risHref = await page.locator('.finding-ris a').first().getAttribute('href');
    const passagePage = (await link.textContent()).match(/p\. (\d+)/)[1];
    assert.match(await (await fetch(ctx.base + risHref)).text(), new RegExp(`SP  - ${passagePage}\r\n`));
    // A marked passage goes along with the export of the result list, and stays marked.
    const mark = page.locator('.finding-mark').first();
    await mark.click();
    assert.equal(await mark.getAttribute('aria-pressed'), 'true');
    assert.match(await page.locator('.export').textContent(), /met 1 gemarkeerde passage/);
    const exportLink = page.locator('.export a', { hasText: 'RIS' });
    await exportLink.click();  // the click puts the marks in the link
    const exportHref = await exportLink.getAttribute('href');
    assert.match(exportHref, /[?&]passage=[0-9a-f]{16}%3A[0-9a-f]{16}/);
    const exportResponse = await fetch(ctx.base + exportHref);
    const exported = await exportResponse.text();
    assert.match(exported, /N1  - Passage \(p\. \d+\): /);
    // The export holds every result, as many as the page says, after the marked passage.
    const count = Number((await page.locator('.export').textContent()).match(/Exporteer alle (\d+) result/)[1]);
    assert.equal(exportResponse.headers.get('X-Export-Count'), String(count));
    assert.equal((exported.match(/^TY  - /gm) || []).length, count + 1);
    // "Volg deze zoekopdracht": the same search as an Atom feed.
    const feedHref = await page.locator('.export a.feed-link').getAttribute('href');
    assert.match(feedHref, /format=atom/);
    const feed = await fetch(ctx.base + feedHref);
    assert.equal(feed.headers.get('Content-Type'), 'application/atom+xml; charset=utf-8');
    assert.match(await feed.text(), /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    await page.reload();
    await resultsShown(page);
    assert.equal(await page.locator('.finding-mark').first().getAttribute('aria-pressed'), 'true');
    await page.locator('.finding-mark').first().click();
    assert.equal(await page.locator('.export-marks').textContent(), '');
    // Without a query there is nothing to answer: no panel.
    await page.goto(ctx.base + '/');
    await resultsShown(page);
    assert.ok(await page.$eval('#bevindingen', (el) => el.hidden));
  },

  async 'an e-mail attachment is a document of its own, linked to its message and back'(ctx, page) {
    const subject = 'Verslag overleg vroegsignalering schulden Deventer';
    await page.goto(`${ctx.base}/?q=budgetcoach`);
    await resultsShown(page);
    const toMessage = page.locator('.hit').first().locator('.hit-attachment a');
    assert.equal(await toMessage.textContent(), subject);
    await toMessage.click();
    await page.locator('#document-titel', { hasText: subject }).waitFor();
    // The message lists both attachments (not the logo image), each a link to its own page.
    const listed = page.locator('.meta .attachments li');
    assert.equal(await listed.count(), 2);
    assert.match(await page.locator('.meta .attachments').textContent(), /\(Word\)/);
    await shot(ctx, page, '04b-email-attachments');
    await page.locator('.meta .attachments a', { hasText: /ctiepunten/ }).click();
    await page.locator('#document-titel', { hasText: /ctiepunten/ }).waitFor();
    const back = page.locator('.meta dd a', { hasText: subject });
    assert.equal(await back.count(), 1, 'the attachment names its message');
    // Its file is the attachment as the message carried it.
    const file = await page.locator('.document-actions a.button').getAttribute('href');
    assert.equal(await (await fetch(ctx.base + file)).text(),
      'Actiepunten: huisbezoeken plannen, budgetcoach inzetten.\n');
    await back.click();
    await page.locator('#document-titel', { hasText: subject }).waitFor();
  },

  async 'suggestions as you type and "bedoelde u"'(ctx, page) {
    await page.goto(ctx.base + '/');
    await resultsShown(page);
    await page.focus('#zoekvraag');
    await page.keyboard.type(ctx.query.slice(0, 4));
    await page.waitForSelector('#suggesties [role="option"]');
    assert.equal(await page.getAttribute('#zoekvraag', 'aria-expanded'), 'true');
    await page.keyboard.press('ArrowDown');
    const active = await page.getAttribute('#zoekvraag', 'aria-activedescendant');
    assert.equal(await page.getAttribute(`#${active}`, 'aria-selected'), 'true');
    await shot(ctx, page, '02b-suggestions');
    await page.keyboard.press('Enter');
    // A term suggestion becomes the query; a theme or region suggestion a filter.
    await page.waitForURL((url) => [...url.searchParams.keys()].some((k) => ['q', 'theme', 'gemeente', 'provincie'].includes(k)));
    await resultsShown(page);
    assert.ok(await page.isHidden('#suggesties'));

    // A misspelling: the daemon's correction is offered as a link that searches for it.
    const misspelt = ctx.query.slice(0, -2) + ctx.query.slice(-1) + ctx.query.slice(-2, -1);
    const answer = await (await page.request.get(`${ctx.base}/api/search?q=${encodeURIComponent(misspelt)}`)).json();
    if (answer.corrected_query) {
      await page.goto(`${ctx.base}/?q=${encodeURIComponent(misspelt)}`);
      await resultsShown(page);
      if (answer.showing_corrected) {
        // The corrected results are shown, with a way back to the words as typed.
        const original = page.locator('.did-you-mean a', { hasText: 'Zoek toch naar' });
        await original.click();
        await page.waitForURL((url) => url.searchParams.get('spell') === '0');
        // The words as typed may find nothing; the correction is still offered, and no longer
        // the way back (waited for: the previous answer stays on screen until the new one).
        await page.locator('.did-you-mean').filter({ hasNotText: 'Zoek toch naar' }).first()
          .waitFor({ state: 'attached' });
        assert.equal(await page.locator('.did-you-mean a', { hasText: 'Zoek toch naar' }).count(), 0);
      }
      const link = page.locator('.did-you-mean a').first();
      assert.equal((await link.textContent()).trim(), answer.corrected_query);
      await link.click();
      await page.waitForURL((url) => url.searchParams.get('q') === answer.corrected_query);
      await resultsShown(page);
      assert.ok(await totalShown(page) > 0);
    }
  },

  async 'filter by a facet and remove the chip'(ctx, page) {
    await page.goto(`${ctx.base}/?q=${encodeURIComponent(ctx.query)}`);
    await resultsShown(page);
    const before = await totalShown(page);
    const box = page.locator('#filters input[data-facet="theme"]').first();
    const value = await box.getAttribute('data-value');
    const count = Number.parseInt((await page.locator('#filters input[data-facet="theme"] + label .count').first().textContent()).replace(/\./g, ''), 10);
    await box.check();
    await page.waitForURL((url) => url.searchParams.getAll('theme').includes(value));
    await resultsShown(page);
    assert.equal(await totalShown(page), count, 'the facet count is the number of results after filtering');
    assert.ok(count <= before);
    assert.equal(await page.locator('.chip').count(), 1, 'the active filter shows as a chip');
    assert.ok(await page.locator(`#filters input[data-value="${value}"]`).isChecked());
    await shot(ctx, page, '03-facet-filter');
    await page.click('.chip');
    await page.waitForURL((url) => !url.searchParams.has('theme'));
    await resultsShown(page);
    assert.equal(await totalShown(page), before);
  },

  async 'filter by clicking the map'(ctx, page) {
    await page.goto(ctx.base + '/');
    await resultsShown(page);
    // The first provincie with documents.
    const region = page.locator('#kaart path.region:not([aria-label$=": 0 documenten"])').first();
    const label = await region.getAttribute('aria-label');
    const [name, countText] = label.split(': ');
    const count = Number(countText.replace(/\D/g, ''));
    assert.ok(count > 0, 'some provincie has documents');
    await region.click();
    await page.waitForURL((url) => url.searchParams.getAll('provincie').length === 1);
    await resultsShown(page);
    assert.equal(await totalShown(page), count, `the map count of ${name} is the number of results`);
    assert.match(await page.locator('.chips').textContent(), new RegExp(name));
    // Zoomed in: the map now shows the gemeenten of that provincie.
    assert.match(await page.locator('.map-caption').textContent(), new RegExp(`Gemeenten in ${name}`));
    await shot(ctx, page, '04-map-provincie');
    const gemeente = page.locator('#kaart path.region:not([aria-label$=": 0 documenten"])').first();
    if (await gemeente.count()) {
      const gLabel = await gemeente.getAttribute('aria-label');
      const gCount = Number(gLabel.split(': ')[1].replace(/\D/g, ''));
      await gemeente.click();
      await page.waitForURL((url) => url.searchParams.getAll('gemeente').length === 1);
      await resultsShown(page);
      assert.equal(await totalShown(page), gCount, `the map count of ${gLabel} is the number of results`);
      await shot(ctx, page, '05-map-gemeente');
    }
    await page.click('text=Terug naar heel Nederland');
    await page.waitForURL((url) => !url.searchParams.has('provincie'));
    await resultsShown(page);
    assert.equal(await page.locator('.map-caption').textContent(), 'Provincies');
  },

  async 'gaps: a theme x provincie matrix that leaves out the region asked for'(ctx, page) {
    const api = async (query) => (await (await page.request.get(`${ctx.base}/api/search?${query}&size=1`)).json());
    const answer = await api(`q=${encodeURIComponent(ctx.query)}`);
    await page.goto(`${ctx.base}/?q=${encodeURIComponent(ctx.query)}`);
    await resultsShown(page);
    const table = page.locator('.gap-matrix table');
    await table.waitFor();
    // Rows: the themes with the most documents; columns: the twelve provincies.
    const themes = answer.facets.theme.slice(0, 8);
    assert.equal(await table.locator('tbody tr').count(), themes.length);
    const columns = await table.locator('thead abbr').evaluateAll((els) => els.map((e) => e.title));
    assert.equal(columns.length, 12);
    // Every cell is the daemon's count of that theme in that provincie, or a marked gap.
    const count = (theme, provincie) => answer.facets.theme_provincie
      .find((c) => c.theme === theme && c.provincie === provincie)?.count || 0;
    const first = table.locator('tbody tr').first();
    const cells = await first.locator('td').evaluateAll((els) => els.map((e) => ({
      text: e.textContent, gap: e.classList.contains('gap-cell'),
    })));
    let gaps = 0;
    cells.forEach((cell, i) => {
      const expected = count(themes[0].value, columns[i]);
      if (expected) assert.equal(Number(cell.text.replace(/\./g, '')), expected, `${themes[0].value} in ${columns[i]}`);
      else assert.ok(cell.gap && /geen documenten/.test(cell.text), `${themes[0].value} in ${columns[i]} is a marked gap`);
      gaps += expected ? 0 : 1;
    });
    assert.ok(gaps > 0 && gaps < 12, 'the first theme has documents in some provincies, not all');
    await shot(ctx, page, '03b-matrix');

    // With a provincie chosen, the matrix and the gaps no longer list it.
    const asked = answer.facets.provincie[0].value;
    await page.goto(`${ctx.base}/?q=${encodeURIComponent(ctx.query)}&provincie=${encodeURIComponent(asked)}`);
    await resultsShown(page);
    await table.waitFor();
    const left = await table.locator('thead abbr').evaluateAll((els) => els.map((e) => e.title));
    assert.equal(left.length, 11);
    assert.ok(!left.includes(asked), `${asked} is not a column`);
    assert.ok(!(await page.locator('.gaps').textContent()).includes(asked), `${asked} is not a gap`);
  },

  async 'open a document and export RIS'(ctx, page) {
    await page.goto(`${ctx.base}/?q=${encodeURIComponent(ctx.query)}`);
    await resultsShown(page);
    const title = (await page.locator('.hit-title').first().textContent()).trim();
    await page.locator('.hit-title').first().click();
    await page.waitForURL((url) => url.searchParams.has('doc'));
    await page.waitForSelector('#document-titel');
    assert.equal((await page.textContent('#document-titel')).trim(), title);
    assert.ok(await page.locator('.meta dt').count() >= 2, 'metadata is listed');
    assert.ok(await page.locator('.passages .passage mark').count() > 0, 'the matching passages are shown');
    assert.match(await page.getAttribute('.open-page >> nth=0', 'href'), /\/api\/documents\/[^/]+\/file/);
    assert.ok(await page.locator('.similar').count() === 1);
    assert.ok((await page.textContent('#apa-tekst')).includes(title.replace(/\.$/, '')));
    await shot(ctx, page, '06-document');

    const docId = params(page).get('doc');
    const api = await (await page.request.get(`${ctx.base}/api/documents/${encodeURIComponent(docId)}`)).json();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-ris')]);
    assert.match(download.suggestedFilename(), /\.ris$/);
    const ris = readFileSync(await download.path(), 'utf8');
    const fields = ris.split(/\r?\n/).filter(Boolean).map((line) => [line.slice(0, 2), line.slice(6)]);
    const field = (tag) => fields.filter(([t]) => t === tag).map(([, v]) => v);
    assert.equal(fields[0][0], 'TY', 'RIS starts with TY');
    assert.equal(fields.at(-1)[0], 'ER', 'RIS ends with ER');
    assert.ok(fields.every(([, v], i) => /^[A-Z][A-Z0-9]  - /.test(ris.split(/\r?\n/)[i]) || v === ''), 'every line is "XX  - value"');
    assert.deepEqual(field('TI'), [api.title]);
    if (api.year) assert.deepEqual(field('PY'), [String(api.year)]);
    assert.ok(field('UR')[0].includes(`doc=${encodeURIComponent(docId)}`), 'UR links back to the document');
    for (const theme of api.themes || []) assert.ok(field('KW').includes(theme.name || theme.slug), `KW ${theme.name}`);

    const [bib] = await Promise.all([page.waitForEvent('download'), page.click('#download-bibtex')]);
    const bibtex = readFileSync(await bib.path(), 'utf8');
    assert.match(bibtex, /^@\w+\{[\w-]+,\n/);
    assert.ok(bibtex.includes('title = {{'), 'BibTeX has a protected title');
  },

  async 'back and forward restore the state'(ctx, page) {
    await page.goto(`${ctx.base}/?q=${encodeURIComponent(ctx.query)}`);
    await resultsShown(page);
    const unfiltered = await totalShown(page);
    await page.locator('#filters input[data-facet="kind"]').first().check();
    await page.waitForURL((url) => url.searchParams.has('kind'));
    await resultsShown(page);
    const filtered = await totalShown(page);
    await page.selectOption('#sorteer', 'date');
    await page.waitForURL((url) => url.searchParams.get('sort') === 'date');
    await resultsShown(page);
    await page.locator('.hit-title').first().click();
    await page.waitForSelector('#document-titel');

    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('doc') && url.searchParams.get('sort') === 'date');
    await resultsShown(page);
    assert.equal(await page.inputValue('#sorteer'), 'date');
    assert.equal(await totalShown(page), filtered);
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('sort') && url.searchParams.has('kind'));
    await resultsShown(page);
    assert.equal(await page.inputValue('#sorteer'), 'relevance');
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('kind'));
    await resultsShown(page);
    assert.equal(await totalShown(page), unfiltered);
    assert.equal(await page.locator('.chip').count(), 0);
    assert.equal(await page.inputValue('#zoekvraag'), ctx.query);
    await page.goForward();
    await page.waitForURL((url) => url.searchParams.has('kind'));
    await resultsShown(page);
    assert.equal(await totalShown(page), filtered);
    assert.ok(await page.locator('#filters input[data-facet="kind"]:checked').count() === 1);
  },

  async 'keyboard only: search, filter, open, go back'(ctx, page) {
    await page.goto(ctx.base + '/');
    await resultsShown(page);
    const tabTo = async (predicate, what, max = 60, key = 'Tab') => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press(key);
        if (await page.evaluate(predicate)) return;
      }
      throw new Error(`${key} never reached ${what}`);
    };
    const shiftTabTo = (predicate, what, max = 60) => tabTo(predicate, what, max, 'Shift+Tab');
    // The first Tab shows the skip link.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Naar de inhoud');
    await tabTo(() => document.activeElement.id === 'zoekvraag', 'the search box');
    await page.keyboard.type(ctx.query);
    // Enter with no suggestion chosen submits the query as typed.
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === ctx.query);
    await resultsShown(page);
    // A theme checkbox with the space bar.
    await tabTo(() => document.activeElement.dataset?.facet === 'theme', 'a theme checkbox');
    await page.keyboard.press('Space');
    await page.waitForURL((url) => url.searchParams.has('theme'));
    await resultsShown(page);
    assert.equal(await page.evaluate(() => document.activeElement.dataset?.facet), 'theme', 'focus stays on the checkbox');
    // The skip link to the results, then the first result.
    await shiftTabTo(() => document.activeElement.id === 'naar-resultaten', 'the "Naar de resultaten" link');
    await page.keyboard.press('Enter');
    await tabTo(() => document.activeElement.classList.contains('hit-title'), 'the first result', 5);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#document-titel');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'document-titel', 'focus moves to the document title');
    await tabTo(() => document.activeElement.id === 'download-ris', 'the RIS button');
    await shot(ctx, page, '07-keyboard-document');
    // Back to the results through the "Terug" link at the top of the document page; focus
    // returns to the document's link in the list.
    await shiftTabTo(() => document.activeElement.classList.contains('back'), 'the back link');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => !url.searchParams.has('doc'));
    await resultsShown(page);
    await page.locator('.hit-title:focus').waitFor();
    // A map region is a button too; it comes before the results.
    await shiftTabTo(() => document.activeElement.classList.contains('region'), 'a map region');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.has('provincie'));
    await resultsShown(page);
  },

  async 'a missing document says so in words and offers a search'(ctx, page) {
    await page.goto(`${ctx.base}/?doc=0000000000000000`);
    const heading = page.locator('#document h2, [role=alert] h2').first();
    await heading.waitFor();
    assert.equal((await heading.textContent()).trim(), 'Dit document staat niet in de collectie');
    const text = await page.locator('[role=alert]').textContent();
    assert.ok(!text.includes('/api/'), 'no API address in the message');
    await page.fill('#zoek-document', ctx.query);
    await page.press('#zoek-document', 'Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === ctx.query && !url.searchParams.has('doc'));
    await resultsShown(page);
    assert.ok(await totalShown(page) > 0);
  },

  async 'a query with <script> is shown as text'(ctx, page) {
    const evil = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">';
    await page.goto(`${ctx.base}/?q=${encodeURIComponent(evil)}`);
    await page.waitForSelector('#resultaten-titel');
    await page.locator('#resultaten:not([aria-busy])').waitFor({ state: 'attached' });
    assert.equal(await page.inputValue('#zoekvraag'), evil);
    assert.ok((await page.textContent('#resultaten')).includes(evil), 'the query is shown literally');
    assert.ok((await page.title()).includes('<script>'));
    await shot(ctx, page, '08-script-query');
    // A filter value with markup is refused by the daemon; its message is shown as text too.
    await page.goto(`${ctx.base}/?q=zorg&theme=${encodeURIComponent('<b onmouseover="window.__xss=3">x</b>')}`);
    await page.waitForSelector('#resultaten-titel');
    await page.locator('#resultaten:not([aria-busy])').waitFor({ state: 'attached' });
    await page.hover('#resultaten');
    const shown = await page.textContent('main');
    assert.ok(shown.includes('<b onmouseover'), 'the filter value is shown literally');
    assert.ok(shown.includes("parameter 'theme': onbekende waarde"), "the daemon's Dutch message is shown as it is");
    assert.equal(await page.evaluate(() => window.__xss), undefined, 'no script ran');
    assert.equal(await page.locator('main script, main img, main b').count(), 0, 'no markup from the URL in the page');
    await shot(ctx, page, '09-script-filter');
  },

  async 'phone-sized layout'(ctx) {
    const page = await newPage(ctx, kPhone);
    try {
      await page.goto(`${ctx.base}/?q=${encodeURIComponent(ctx.query)}`);
      await resultsShown(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling on a phone (overflow ${overflow}px)`);
      assert.equal(await page.locator('#filterpaneel').getAttribute('open'), null, 'filters fold away on a phone');
      await shot(ctx, page, '10-phone-results');
      await page.click('#filterpaneel summary');
      await page.locator('#filters input[data-facet="theme"]').first().check();
      await page.waitForURL((url) => url.searchParams.has('theme'));
      await resultsShown(page);
      await page.locator('.hit-title').first().click();
      await page.waitForSelector('#document-titel');
      await shot(ctx, page, '11-phone-document');
      assert.deepEqual(page.errors, []);
    } finally {
      await page.context().close();
    }
  },
};

export async function runTests(ctx) {
  ctx.query = await pickQuery(ctx.base);
  console.log(`query used: ${ctx.query}`);
  return runNamedTests(ctx, { ...tests, ...dailyUseTests });
}
