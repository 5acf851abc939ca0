// The browser tests of /redactie; redactie_e2e.mjs sets up the index, the editor, the daemon
// and the browser. Tests run in order and build on each other (the title fixed in one is
// searched for in the next); the rate-limit test blocks 127.0.0.1 and so comes last.
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { newPage, shot, runNamedTests, kPhone } from './harness.mjs';

const kLiveTimeout = 60_000;
const kQueueNames = ['title', 'date', 'no-theme', 'no-region', 'low-confidence', 'personal-data', 'duplicates'];
const kSaved = 'Opgeslagen — zichtbaar in de zoekresultaten zodra de index is bijgewerkt.';

async function getJson(url) {
  const r = await fetch(url);
  assert.ok(r.ok, `${url}: HTTP ${r.status}`);
  return r.json();
}

// Polls fn() until it returns a truthy value; that value, or null after timeoutMs.
async function eventually(fn, timeoutMs = kLiveTimeout) {
  const deadline = Date.now() + timeoutMs;
  do {
    const value = await fn();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  } while (Date.now() < deadline);
  return null;
}

const publicSearch = (ctx, q) => getJson(`${ctx.base}/api/search?q=${encodeURIComponent(q)}&size=50`);

// Logs in through the form, with the keyboard: the token field has focus when the page opens.
async function login(ctx, page, hash = '') {
  await page.goto(`${ctx.base}/redactie${hash}`);
  await page.waitForSelector('#token');
  await page.locator('#token:focus').waitFor();
  await page.keyboard.type(ctx.token);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#ingelogd-als:has-text("anna")');
}

// Waits until the status element under `scope` says the change is in the index.
async function waitLive(page, scope) {
  const status = page.locator(`${scope} .save-status`).first();
  await status.waitFor();
  await status.and(page.locator('.live')).waitFor({ timeout: kLiveTimeout });
}

// A fetch from inside the page (its cookies, its origin): what a forged form or script could do.
function fetchInPage(page, url, init) {
  return page.evaluate(async ([u, i]) => {
    const r = await fetch(u, i);
    let body = null;
    try { body = await r.json(); } catch { body = null; }
    return { status: r.status, body };
  }, [url, init]);
}

const tests = {
  async 'without logging in the page offers no edit and writes are refused'(ctx, page) {
    await page.goto(`${ctx.base}/redactie#/wachtrij/title`);
    await page.waitForSelector('#token');
    assert.equal(await page.locator('main form').count(), 1, 'only the login form');
    assert.equal(await page.locator('main input:not(#token), main select, main textarea').count(), 0, 'no edit controls');
    assert.equal(await page.locator('.edit-form, .queue-item, [data-action]').count(), 0);
    assert.ok(await page.isHidden('#hoofdmenu'), 'no editor menu before logging in');
    assert.equal(await page.getAttribute('#token', 'type'), 'password');
    await shot(ctx, page, 'redactie-01-login');
    const anyDoc = (await publicSearch(ctx, ''))?.hits?.[0]?.id || 'x';
    const put = await fetchInPage(page, `/api/editor/documents/${anyDoc}`, {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title: 'Niet toegestaan' }),
    });
    assert.equal(put.status, 401, 'a write without a session is 401');
    assert.equal(put.body?.error?.code, 'unauthenticated');
    const after = await getJson(`${ctx.base}/api/documents/${anyDoc}`);
    assert.notEqual(after.title, 'Niet toegestaan');
  },

  async 'log in and see the review queues with counts'(ctx, page) {
    await login(ctx, page);
    await page.waitForSelector('.queue-card');
    const names = await page.$$eval('.queue-card', (cards) => cards.map((c) => c.dataset.queue));
    assert.deepEqual(names, kQueueNames);
    const counts = await page.$$eval('.queue-count', (els) => els.map((e) => Number(e.textContent.replace(/\./g, ''))));
    assert.ok(counts.every(Number.isInteger), `counts are numbers: ${counts}`);
    const api = await fetchInPage(page, '/api/editor/queues', {});
    assert.deepEqual(counts, api.body.queues.map((q) => q.count), 'the page shows the API counts');
    assert.ok(counts[kQueueNames.indexOf('duplicates')] >= 1, 'the known duplicate pair is proposed');
    assert.equal((await page.textContent('#ingelogd-als')).trim(), 'Ingelogd als anna');
    await shot(ctx, page, 'redactie-02-queues');
  },

  async 'a forged write from the page without the CSRF token is 403 and changes nothing'(ctx, page) {
    await login(ctx, page);
    const id = (await publicSearch(ctx, ''))?.hits?.[0]?.id;
    const before = await getJson(`${ctx.base}/api/documents/${id}`);
    const body = JSON.stringify({ title: 'Vervalste titel' });
    const forged = await fetchInPage(page, `/api/editor/documents/${id}`, {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body,
    });
    assert.equal(forged.status, 403, 'the session cookie alone does not allow a write');
    assert.equal(forged.body?.error?.code, 'forbidden');
    const wrong = await fetchInPage(page, `/api/editor/documents/${id}`, {
      method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': 'geraden' }, body,
    });
    assert.equal(wrong.status, 403, 'a wrong CSRF token is refused too');
    const merge = await fetchInPage(page, '/api/editor/merges', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ kept: id, duplicate: id }),
    });
    assert.equal(merge.status, 403);
    const doc = await fetchInPage(page, `/api/editor/documents/${id}`, {});
    assert.equal(doc.status, 200);
    assert.equal(doc.body.document.title, before.title, 'the title did not change');
    assert.equal(doc.body.override?.title, undefined, 'no override was stored');
  },

  async 'fix a title and see it in the public search results'(ctx, page) {
    const hits = (await publicSearch(ctx, '')).hits.filter((h) => ![ctx.dup.originalTitle, ctx.dup.copyFirstLine].includes(h.title));
    const target = hits[0];
    ctx.fixed = { id: target.id, oldTitle: target.title, title: `${target.title} (gecorrigeerd: redactieproef)` };
    await login(ctx, page, `#/document/${encodeURIComponent(target.id)}`);
    await page.waitForSelector('.edit-form input[name="title"]');
    assert.equal(await page.inputValue('.edit-form input[name="title"]'), target.title);
    assert.ok((await page.textContent('.doc-pages')).trim().length > 100, 'the document text is beside the form');
    await page.fill('.edit-form input[name="title"]', ctx.fixed.title);
    const started = Date.now();
    await page.click('.edit-form button[type="submit"]');
    await page.waitForSelector(`.edit-form .save-status:has-text("${kSaved}")`);
    await waitLive(page, '.edit-form');
    assert.equal((await page.textContent('.doc-heading')).trim(), ctx.fixed.title, 'the page heading follows the saved title');
    // The page says "live" once nothing is pending; the public search must agree.
    const seen = await eventually(async () => {
      const found = await publicSearch(ctx, 'redactieproef');
      return found.hits.some((h) => h.id === target.id && h.title === ctx.fixed.title) && Date.now() - started;
    });
    assert.ok(seen, 'a search for a word of the new title finds the document under its new title');
    console.log(`     save -> visible in search: ${seen} ms`);
    await shot(ctx, page, 'redactie-03-title-saved');
    // The audit history names the editor and the change.
    await page.click('.audit-details summary');
    await page.waitForSelector('.audit-list li');
    const audit = await page.textContent('.audit-list');
    assert.match(audit, /anna/);
    assert.ok(audit.includes(ctx.fixed.title), 'the history shows the new title');

    const pub = await page.context().newPage();
    await pub.goto(`${ctx.base}/?q=redactieproef`);
    await pub.waitForSelector(`.hit-title[data-doc="${target.id}"]`);
    assert.equal((await pub.textContent(`.hit-title[data-doc="${target.id}"]`)).trim(), ctx.fixed.title);
    await shot(ctx, pub, 'redactie-04-public-title');
  },

  async 'a bad value is explained next to its field'(ctx, page) {
    await login(ctx, page, `#/document/${encodeURIComponent(ctx.fixed.id)}`);
    await page.waitForSelector('.edit-form input[name="date"]');
    // The saved title is in the field, the machine's original beside it.
    assert.equal(await page.inputValue('.edit-form input[name="title"]'), ctx.fixed.title);
    assert.ok((await page.textContent('.field[data-field="title"] .hint')).includes(`“${ctx.fixed.oldTitle}”`), 'the extracted title is shown as the machine\'s');
    await page.fill('.edit-form input[name="date"]', '15-03-2021');
    await page.fill('.edit-form input[name="title"]', '   ');
    await page.click('.edit-form button[type="submit"]');
    const dateError = page.locator('.field[data-field="date"] .field-error');
    await dateError.waitFor();
    assert.match(await dateError.textContent(), /JJJJ-MM-DD/);
    assert.equal(await page.getAttribute('.edit-form input[name="date"]', 'aria-invalid'), 'true');
    assert.match(await page.textContent('.field[data-field="title"] .field-error'), /titel/);
    assert.equal(await page.evaluate(() => document.activeElement.name), 'title', 'focus goes to the first field in error');
    await shot(ctx, page, 'redactie-05-field-errors');
    // A date of the right shape that does not exist passes the page; kb-searchd refuses it and
    // its message lands next to the date field too.
    await page.fill('.edit-form input[name="title"]', ctx.fixed.title);
    await page.fill('.edit-form input[name="date"]', '2021-02-30');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PUT'),
      page.click('.edit-form button[type="submit"]'),
    ]);
    assert.equal(response.status(), 400);
    await page.locator('.field[data-field="date"] .field-error:not([hidden])').waitFor();
    assert.match(await dateError.textContent(), /2021-02-30/, 'the server\'s message is shown at the date field');
    assert.ok(await page.isHidden('.field[data-field="title"] .field-error'), 'the title is fine now');
    assert.ok(await page.isHidden('.edit-form > .error'), 'no general error: the message is at its field');
    await shot(ctx, page, 'redactie-05b-server-field-error');
    // Nothing was saved.
    const doc = await getJson(`${ctx.base}/api/documents/${encodeURIComponent(ctx.fixed.id)}`);
    assert.equal(doc.title, ctx.fixed.title);
  },

  async 'confirm a low-confidence theme and the document leaves the queue'(ctx, page) {
    await login(ctx, page, '#/wachtrij/low-confidence');
    await page.waitForSelector('#wachtrij-bereik');
    const answer = await fetchInPage(page, '/api/editor/queues/low-confidence?offset=0&limit=100', {});
    const items = answer.body.items || [];
    const item = items.find((i) => (i.to_confirm?.themes || []).length)
      || assert.fail('no document in the low-confidence queue has a theme to confirm');
    const row = `.queue-item[data-doc="${item.id}"]`;
    await page.waitForSelector(row);
    await shot(ctx, page, 'redactie-06-low-confidence');
    // Confirm the theme(s) and every other tag the document waits on, one button each.
    const slugs = item.to_confirm.themes.map((t) => t.slug);
    for (const tag of await page.locator(`${row} .confirm-box .tag-item`).all()) {
      await tag.locator('button.ok').click();
      await tag.locator('.badge.confirmed').waitFor();
    }
    await waitLive(page, `${row} .confirm-box`);
    // The list is drawn again from the API; the document is no longer in it.
    await page.click('button:has-text("Vernieuwen")');
    await page.waitForSelector(row, { state: 'detached' });
    await page.waitForSelector('.queue-item, #wachtrij-bereik:has-text("leeg")');
    const now = await fetchInPage(page, '/api/editor/queues/low-confidence?offset=0&limit=100', {});
    assert.ok(!now.body.items.some((i) => i.id === item.id), 'the document left the low-confidence queue');
    assert.equal(now.body.total, answer.body.total - 1);
    const doc = await getJson(`${ctx.base}/api/documents/${encodeURIComponent(item.id)}`);
    for (const slug of slugs) assert.ok(doc.themes.some((t) => t.slug === slug), `the confirmed theme ${slug} stays on the document`);
  },

  async 'merge a duplicate: it leaves the results and the kept page says "Ook gepubliceerd als"'(ctx, page) {
    await login(ctx, page, '#/wachtrij/duplicates');
    const pair = page.locator('.dup-pair', { has: page.locator(`.path:text-is("${ctx.dup.copy}")`) });
    await pair.waitFor();
    const sides = pair.locator('.dup-side');
    const copySide = sides.filter({ has: page.locator(`.path:text-is("${ctx.dup.copy}")`) });
    const keptSide = sides.filter({ has: page.locator(`.path:text-is("${ctx.dup.original}")`) });
    const copyId = await copySide.locator('input[type="radio"]').getAttribute('value');
    const keptId = await keptSide.locator('input[type="radio"]').getAttribute('value');
    // Both are text: the default keeps the longer one, the copy (its first line has a prefix).
    await pair.filter({ hasNotText: 'laden' }).waitFor({ state: 'attached' });
    const countBefore = Number((await page.textContent('#weergave-titel')).match(/\((\d+)\)/)[1]);
    assert.ok(await copySide.locator('input[type="radio"]').isChecked(), 'the longer text is chosen by default');
    assert.ok((await copySide.locator('.dup-text').textContent()).includes(ctx.dup.copyFirstLine), 'the first page of each is shown');
    await shot(ctx, page, 'redactie-07-duplicates');
    await keptSide.locator('label').click();
    await pair.locator('button[data-action="merge"]').click();
    await pair.locator('.done').waitFor();
    await waitLive(page, '.dup-pair');
    // The queue's count follows the action without a reload.
    await page.locator('#weergave-titel', { hasText: `(${countBefore - 1})` }).waitFor({ timeout: kLiveTimeout });
    await shot(ctx, page, 'redactie-08-merged');

    // The duplicate is gone from the results, the kept document stays.
    const hits = await eventually(async () => {
      const ids = (await publicSearch(ctx, '')).hits.map((h) => h.id);
      return !ids.includes(copyId) && ids;
    });
    assert.ok(hits, 'the merged duplicate is not in the results');
    assert.ok(hits.includes(keptId), 'the kept document is');
    const byOwnWords = await publicSearch(ctx, 'Doorgestuurde kopie');
    assert.ok(!byOwnWords.hits.some((h) => h.id === copyId), 'a search for the duplicate\'s own first line does not find it');

    const pub = await page.context().newPage();
    await pub.goto(`${ctx.base}/?doc=${encodeURIComponent(keptId)}`);
    await pub.waitForSelector('#document-titel');
    const also = pub.locator('.meta dt:text-is("Ook gepubliceerd als") + dd');
    await also.waitFor();
    assert.ok((await also.textContent()).includes(ctx.dup.copyFirstLine), 'the duplicate is listed under its own title');
    const fileLink = await also.locator('a').getAttribute('href');
    assert.match(fileLink, new RegExp(`/api/documents/${copyId}/file`));
    const file = await fetch(new URL(fileLink, ctx.base));
    assert.equal(file.status, 200, 'the other file of the report can still be opened');
    assert.ok((await file.text()).includes(ctx.dup.copyFirstLine));
    await shot(ctx, pub, 'redactie-09-ook-gepubliceerd-als');
    // An old link to the duplicate leads to the kept document.
    await pub.goto(`${ctx.base}/?doc=${encodeURIComponent(copyId)}`);
    await pub.waitForURL((url) => url.searchParams.get('doc') === keptId);
    await pub.waitForSelector('#document-titel');
    assert.equal((await pub.textContent('#document-titel')).trim(), ctx.dup.originalTitle);
  },

  async 'upload a text file and confirm its metadata'(ctx, page) {
    if (!ctx.upload) {
      console.log('     (no text file of the shared corpus to upload; step skipped)');
      return;
    }
    await login(ctx, page, '#/upload');
    await page.waitForSelector('#bestanden', { state: 'attached' });
    // The picker is Dutch: our button and the chosen files in words, not Chromium's English.
    assert.ok(await page.locator('label.file-button', { hasText: 'Kies bestanden' }).isVisible());
    assert.equal((await page.textContent('#bestanden-gekozen')).trim(), 'Nog geen bestand gekozen.');
    assert.equal(await page.locator('#bestanden').evaluate((el) => getComputedStyle(el).opacity), '0',
      'the browser\'s own button is not shown');
    await page.setInputFiles('#bestanden', ctx.upload);
    assert.equal((await page.textContent('#bestanden-gekozen')).trim(), `Gekozen: ${basename(ctx.upload)}`);
    await page.click('.upload-form button[type="submit"]');
    const item = page.locator('.upload-item').first();
    await item.waitFor();
    assert.equal((await item.locator('h3').textContent()).trim(), basename(ctx.upload));
    await item.locator('.edit-form input[name="title"]').waitFor({ timeout: kLiveTimeout });
    const title = await item.locator('.edit-form input[name="title"]').inputValue();
    assert.ok(title.trim(), 'the extracted title is shown to confirm');
    await shot(ctx, page, 'redactie-10-upload');
    await item.locator('button:has-text("Opslaan en alle tags bevestigen")').click();
    await waitLive(page, '.upload-item .edit-form');
    const id = await item.getAttribute('data-doc');
    const doc = await getJson(`${ctx.base}/api/documents/${encodeURIComponent(id)}`);
    assert.equal(doc.title, title.trim());
  },

  async 'upload a scan: the editor is told which pages OCR read'(ctx, page) {
    if (!ctx.scan) {
      console.log('     (no scan in the shared corpus; step skipped)');
      return;
    }
    await login(ctx, page, '#/upload');
    await page.waitForSelector('#bestanden', { state: 'attached' });
    await page.setInputFiles('#bestanden', ctx.scan);
    await page.click('.upload-form button[type="submit"]');
    const item = page.locator('.upload-item').first();
    await item.waitFor();
    const line = item.locator('.ocr-pages');
    await line.waitFor({ timeout: kLiveTimeout });
    assert.match(await line.textContent(), /^Pagina 1 is met tekstherkenning \(OCR\) uit een scan gelezen/);
    assert.equal((await item.locator('.doc-page h4').first().textContent()).trim(), 'Pagina 1OCR');
    assert.match(await item.locator('.doc-page p').first().textContent(), /referentiemodel/i);
    await shot(ctx, page, 'redactie-16-ocr');
  },

  async 'find any document, hidden ones too, and open it; "Bewerken" on its public page'(ctx, page) {
    await login(ctx, page);
    await page.waitForSelector('#redactie-zoekvraag');
    // The merged duplicate of the test above is hidden from the public, not from editors.
    const copy = (await getJson(`${ctx.base}/api/search?q=${encodeURIComponent(ctx.dup.originalTitle)}&size=5`)).hits[0];
    await page.fill('#redactie-zoekvraag', 'Doorgestuurde kopie');
    await page.press('#redactie-zoekvraag', 'Enter');
    await page.waitForURL((url) => url.hash.startsWith('#/zoeken/'));
    const hit = page.locator('.redactie-hits li').first();
    await hit.waitFor();
    assert.match(await hit.locator('.states').textContent(), /samengevoegd/);
    await shot(ctx, page, 'redactie-15-search');
    // An empty search lists every document, with its state.
    await page.fill('#redactie-zoekvraag', '');
    await page.press('#redactie-zoekvraag', 'Enter');
    await page.locator('#zoek-bereik', { hasText: 'document' }).waitFor();
    assert.ok(await page.locator('.redactie-hits .state-public').count() > 0);
    await page.locator('.redactie-hit-title').first().click();
    await page.waitForURL((url) => url.hash.startsWith('#/document/'));
    await page.locator('.edit-form').first().waitFor();
    // The public page of a document offers "Bewerken" to the logged-in editor.
    const pub = await page.context().newPage();
    await pub.goto(`${ctx.base}/?doc=${encodeURIComponent(copy.id)}`);
    await pub.waitForSelector('#document-titel');
    const edit = pub.locator('.edit-link');
    await edit.waitFor();
    assert.equal(await edit.getAttribute('href'), `/redactie#/document/${copy.id}`);
    await edit.click();
    await pub.waitForURL((url) => url.pathname === '/redactie' && url.hash === `#/document/${copy.id}`);
    await pub.locator('.edit-form').first().waitFor();
  },

  async 'keyboard: open an item of a queue and edit it in place'(ctx, page) {
    await login(ctx, page);
    await page.waitForSelector('.queue-card');
    // Tab to the "Zonder regio" queue (or whichever has items) and open it with Enter.
    const target = await page.$$eval('.queue-card', (cards) => cards.find((c) => Number(c.querySelector('.queue-count').textContent) > 0 && c.dataset.queue !== 'duplicates')?.dataset.queue);
    assert.ok(target, 'some queue has documents');
    for (let i = 0; i < 30 && await page.evaluate(() => document.activeElement?.dataset?.queue) !== target; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.queue-item');
    for (let i = 0; i < 60 && await page.evaluate(() => document.activeElement?.getAttribute('aria-controls')?.startsWith('bewerk-') !== true); i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.waitForSelector('.inline-editor .edit-form');
    await page.locator('.inline-editor:focus, .inline-editor :focus').first().waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.name), 'title', 'focus moves into the opened form');
    await shot(ctx, page, 'redactie-11-keyboard-inline');
  },

  async 'phone width: no sideways scrolling'(ctx) {
    const page = await newPage(ctx, kPhone);
    try {
      await login(ctx, page);
      await page.waitForSelector('.queue-card');
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(await overflow() <= 0, 'queues fit');
      await shot(ctx, page, 'redactie-12-phone-queues');
      await page.goto(`${ctx.base}/redactie#/document/${encodeURIComponent(ctx.fixed.id)}`);
      await page.waitForSelector('.edit-form');
      assert.ok(await overflow() <= 0, 'the document form fits');
      await shot(ctx, page, 'redactie-13-phone-document');
      await page.goto(`${ctx.base}/redactie#/wachtrij/duplicates`);
      await page.waitForSelector('#wachtrij-bereik');
      assert.ok(await overflow() <= 0, 'the duplicates view fits');
      assert.deepEqual(page.errors, []);
    } finally {
      await page.context().close();
    }
  },

  async 'logging out ends the session'(ctx, page) {
    await login(ctx, page);
    await page.waitForSelector('.queue-card');
    await page.click('#uitloggen');
    await page.waitForSelector('#token');
    const session = await fetchInPage(page, '/api/editor/session', {});
    assert.equal(session.status, 401, 'the session is gone on the server');
    await page.goto(`${ctx.base}/redactie#/wachtrijen`);
    await page.waitForSelector('#token');
  },

  // Last: it blocks logins from 127.0.0.1 for ten minutes.
  async 'failed logins get a clear message and are limited'(ctx, page) {
    await page.goto(`${ctx.base}/redactie`);
    await page.waitForSelector('#token');
    const attempt = async (token) => {
      await page.fill('#token', token);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/editor/login')),
        page.press('#token', 'Enter'),
      ]);
      await page.locator('#inlogformulier button:not([disabled])').waitFor();
      return { status: response.status(), message: (await page.textContent('#token-fout')).trim() };
    };
    const tries = [];
    for (let i = 0; i < 6; i++) tries.push(await attempt(`fout-${i}`));
    assert.deepEqual(tries.map((t) => t.status), [401, 401, 401, 401, 401, 429]);
    assert.match(tries[0].message, /toegangscode is onbekend/);
    assert.match(tries[5].message, /Te veel mislukte inlogpogingen vanaf dit adres\. Probeer het over \d+ minuten? opnieuw/);
    assert.equal(await page.getAttribute('#token', 'aria-invalid'), 'true');
    await shot(ctx, page, 'redactie-14-rate-limited');
    // Even the right token waits now.
    const right = await attempt(ctx.token);
    assert.equal(right.status, 429);
    assert.ok(await page.isHidden('#hoofdmenu'), 'still not logged in');
  },
};

export async function runTests(ctx) {
  return runNamedTests(ctx, tests);
}
