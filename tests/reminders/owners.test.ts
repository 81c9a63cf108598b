// Deadline owners are a deployment setting: the shipped knowledge names none,
// the example owners file is valid, a bad file is explained with its path, and a
// card about a deadline without an owner says so.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderReminder } from '../../src/reminders/compose';
import { deadlineOwners, NO_OWNERS, OwnersFileError, parseOwnersFile } from '../../src/reminders/owners';
import { shippedKnowledgeBase } from '../support/knowledge-files';

const ROOT = path.join(__dirname, '..', '..');
const kb = shippedKnowledgeBase();
const ids = kb.deadlines.map((d) => d.id);

function problemsOf(text: string): string[] {
  try {
    parseOwnersFile('owners.yaml', text, ids);
  } catch (err) {
    if (err instanceof OwnersFileError) return err.message.split('\n').slice(1).map((l) => l.trim());
    throw err;
  }
  return [];
}

it('ships no owner, Teams id or team lead in the knowledge files', () => {
  const text = readFileSync(path.join(ROOT, 'knowledge', 'deadlines.yaml'), 'utf8');
  expect(text).not.toMatch(/^\s*(owners|teamsId|teamLead):/m);
});

it('ships a valid example owners file, and ignores the real one in git', () => {
  const example = path.join(ROOT, 'owners.example.yaml');
  const owners = parseOwnersFile(example, readFileSync(example, 'utf8'), ids);
  expect(owners.ownersOf('dl-effektopfoelgning')).toEqual([
    { id: 'anne.juhl@kk.dk', name: 'Anne Juhl', teamLead: { id: '0b5e1c9a-3f2d-4c8e-9a71-2d4f6b8c0e13', name: 'Bo Lind' } },
  ]);
  expect(owners.nameOf('ANNE.JUHL@kk.dk')).toBe('Anne Juhl');
  expect(owners.nameOf('0b5e1c9a-3f2d-4c8e-9a71-2d4f6b8c0e13')).toBe('Bo Lind');
  expect(owners.ownersOf('dl-midtvejsstatus-2022-2025')).toEqual([]);
  expect(readFileSync(path.join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('owners.yaml');
});

it('accepts a team lead as a bare id', () => {
  const owners = parseOwnersFile('owners.yaml', 'deadlines:\n  dl-effektopfoelgning:\n    - id: a@kk.dk\n      teamLead: b@kk.dk\n', ids);
  expect(owners.ownersOf('dl-effektopfoelgning')).toEqual([{ id: 'a@kk.dk', teamLead: { id: 'b@kk.dk' } }]);
});

it('names the file, line and path of every problem, and the accepted forms of id', () => {
  const problems = problemsOf(
    [
      'deadlines:',
      '  dl-effektopfoelgning:',
      '    - id: "29:abc"',
      '      teamLead: not-an-id',
      '    - name: Anne',
      '      role: lead',
      '  dl-nope: [{ id: a@kk.dk }]',
    ].join('\n'),
  );
  expect(problems).toEqual([
    expect.stringMatching(/^owners\.yaml:3 deadlines\.dl-effektopfoelgning\[0\] \(29:abc\)\.id: "29:abc" is not accepted: expected an Entra object id \(a GUID .*\) or a user principal name \(e-mail form/),
    expect.stringMatching(/^owners\.yaml:4 deadlines\.dl-effektopfoelgning\[0\] \(29:abc\)\.teamLead\.id: "not-an-id" is not accepted: expected an Entra object id/),
    expect.stringMatching(/^owners\.yaml:5 deadlines\.dl-effektopfoelgning\[1\]\.id: expected an Entra object id/),
    expect.stringMatching(/^owners\.yaml:6 deadlines\.dl-effektopfoelgning\[1\]\.role: /),
  ]);
  expect(problemsOf('deadlines:\n  dl-nope: [{ id: a@kk.dk }]\n')).toEqual([
    expect.stringMatching(/^owners\.yaml:2 deadlines\.dl-nope: no deadline with this id in the knowledge base \(known: dl-midtvejsstatus-2022-2025, /),
  ]);
  expect(problemsOf('deadlines: [')).toEqual([expect.stringMatching(/^owners\.yaml:1: invalid YAML/)]);
});

describe('the card', () => {
  const ref = { deadlineId: 'dl-effektopfoelgning', occurrence: '2027-10-01', owner: 'test:x', role: 'test', stage: 'test' } as const;
  const facts = (owners = NO_OWNERS, lang: 'da' | 'en' = 'da') => {
    const rendered = renderReminder(kb, owners, ref, { lang, timeZone: 'Europe/Copenhagen', now: new Date('2027-09-01T08:00:00Z'), state: { kind: 'open' } });
    return JSON.stringify(rendered?.card);
  };

  it('says that no owner is set for a deadline without one', () => {
    expect(facts()).toContain('"title":"Ejer","value":"Ingen ejer er sat op for denne frist"');
    expect(facts(NO_OWNERS, 'en')).toContain('"title":"Owner","value":"No owner is set for this deadline"');
  });

  it("names the configured owner, else the owner's id", () => {
    expect(facts(deadlineOwners({ 'dl-effektopfoelgning': [{ id: 'anne@kk.dk', name: 'Anne Juhl' }] }))).toContain('"title":"Ejer","value":"Anne Juhl"');
    const id = '6f1c0c4e-2b7a-4d1e-9c3f-1a2b3c4d5e6f';
    const owner = renderReminder(kb, deadlineOwners({ 'dl-effektopfoelgning': [{ id }] }), { ...ref, owner: id, role: 'owner', stage: 'lead-30' }, {
      lang: 'da', timeZone: 'Europe/Copenhagen', now: new Date('2027-09-01T08:00:00Z'), state: { kind: 'open' },
    });
    expect(JSON.stringify(owner?.card)).toContain(`"title":"Ejer","value":"${id}"`);
  });
});
