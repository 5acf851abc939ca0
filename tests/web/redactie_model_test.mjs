// Unit tests of web/redactie/js/model.js, the mapping between the editor's form and the Override
// JSON of the API (node:test, no browser). The module is loaded from its source file as the
// browser loads it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const source = readFileSync(new URL('../../web/redactie/js/model.js', import.meta.url), 'utf8');
const model = await import(`data:text/javascript,${encodeURIComponent(source)}`);

// A document as GET /api/editor/documents/{id} gives it, before any edit.
const doc = {
  id: 'abc', title: 'Microsoft Word - concept.docx', date: '', kind: 'rapport', organisation: '',
  themes: [{ slug: 'jeugdhulp', name: 'Jeugdhulp', score: 0.9 }, { slug: 'ouderen', name: 'Ouderen', score: 0.3 }],
  gemeenten: [{ code: 'GM0106', name: 'Assen', mentions: 1 }], provincies: ['Drenthe'],
  edited: false, machine: {},
};

test('an untouched form saves an override that changes nothing', () => {
  const machine = model.machineOf(doc);
  const state = model.formState(machine, {});
  assert.deepEqual(model.overrideFrom(machine, state), { hidden: false });
});

test('edits become differences from the machine facts', () => {
  const machine = model.machineOf(doc);
  const state = model.formState(machine, {});
  state.title = '  Jeugdhulp in Assen  ';
  state.date = '2021-03';
  state.themes = state.themes.filter((t) => t !== 'ouderen').concat('mantelzorg');
  state.gemeenten.push('GM0114');
  state.provincies = [];
  state.hidden = true;
  assert.deepEqual(model.overrideFrom(machine, state), {
    title: 'Jeugdhulp in Assen', date: '2021-03', themes_added: ['mantelzorg'], themes_removed: ['ouderen'],
    gemeenten_added: ['GM0114'], provincies_removed: ['Drenthe'], hidden: true,
  });
});

test('a value set back to the machine\'s leaves the override', () => {
  const machine = model.machineOf(doc);
  const state = model.formState(machine, { title: 'Iets anders', themes_removed: ['ouderen'] });
  assert.equal(state.title, 'Iets anders');
  assert.deepEqual(state.themes, ['jeugdhulp']);
  state.title = machine.title;
  state.themes.push('ouderen');
  assert.deepEqual(model.overrideFrom(machine, state), { hidden: false });
});

test('after an edit the machine facts come from document.machine', () => {
  const edited = { ...doc, title: 'Jeugdhulp in Assen', edited: true, machine: { ...doc, themes: doc.themes } };
  assert.equal(model.machineOf(edited).title, 'Microsoft Word - concept.docx');
});

test('confirming keeps a machine tag, rejecting removes it; only machine tags are confirmed', () => {
  const machine = model.machineOf(doc);
  const state = model.formState(machine, {});
  model.decideTag(state, 'theme', 'ouderen', 'confirm');
  model.decideTag(state, 'gemeente', 'GM0106', 'reject');
  state.themesConfirmed.add('mantelzorg');  // not on the document: never sent as confirmed
  assert.deepEqual(model.overrideFrom(machine, state), {
    themes_confirmed: ['ouderen'], gemeenten_removed: ['GM0106'], hidden: false,
  });
});

test('the page refuses an empty title and a malformed date before asking the server', () => {
  const machine = model.machineOf(doc);
  const state = model.formState(machine, {});
  state.title = ' ';
  state.date = '15-03-2021';
  assert.deepEqual(model.validate(state).map((p) => p.field), ['title', 'date']);
  state.title = 'Goed';
  for (const ok of ['', '2021', '2021-03', '2021-03-15']) {
    state.date = ok;
    assert.deepEqual(model.validate(state), [], ok);
  }
});

test('the evidence type is overridden like the kind, and an unknown one is never sent', () => {
  const withEvidence = { ...doc, evidence: 'procesevaluatie' };
  const machine = model.machineOf(withEvidence);
  const state = model.formState(machine, {});
  assert.equal(state.evidence, 'procesevaluatie');
  state.evidence = 'effectonderzoek';
  assert.deepEqual(model.overrideFrom(machine, state), { evidence: 'effectonderzoek', hidden: false });
  assert.equal(model.formState(machine, { evidence: 'nieuws' }).evidence, 'nieuws');
  // A document indexed before evidence types has none; the untouched form sends none.
  const old = model.machineOf(doc);
  assert.deepEqual(model.overrideFrom(old, model.formState(old, {})), { hidden: false });
});
