// The Teams app package (scripts/package.ts, appPackage/): the manifest filled
// with test values passes the schema bundled in @microsoft/app-manifest without
// any download, the icons follow Teams' rules, the English file translates every
// string, and the zip holds exactly the four files at its root.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import {
  APP_DIR,
  ManifestParts,
  PackageError,
  buildPackage,
  fillPlaceholders,
  iconProblems,
  localizableStrings,
  readVariables,
  validateLocalization,
  validateManifest,
} from '../../scripts/package';

// @microsoft/app-manifest requires strip-bom 5, an ES module: plain Node 20.19+
// loads it with require() (so `npm run package` works), jest's module runtime does
// not (before Node 24.9). Only the library's file readers use it, and nothing here
// calls them, so a CommonJS stand-in takes its place in this suite.
jest.mock(require.resolve('strip-bom', { paths: [require.resolve('@microsoft/app-manifest')] }), () => ({
  __esModule: true,
  default: (text: string) => text.replace(/^\uFEFF/, ''),
}));

const ENV = {
  BOT_ID: '0b6a1f52-3c1d-4e8a-9f27-5d4c3b2a1908',
  TEAMS_APP_ID: 'c3d2e1f0-a9b8-4c7d-8e6f-102938475665',
  BOT_DOMAIN: 'sikkerby.test.example',
};

const raw = (file: string) => readFileSync(path.join(APP_DIR, file), 'utf8');
const filled = (file: string): Record<string, unknown> => JSON.parse(fillPlaceholders(raw(file), ENV, file)) as Record<string, unknown>;
const clone = <T>(x: T): T => structuredClone(x);

async function rejection(promise: Promise<unknown>): Promise<PackageError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PackageError);
  return err as PackageError;
}

function thrown(fn: () => unknown): PackageError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PackageError);
    return err as PackageError;
  }
  throw new Error('expected a PackageError, nothing was thrown');
}

let tmp: string;
let fetchSchema: jest.SpiedFunction<typeof AppManifestUtils.fetchSchema>;
let globalFetch: jest.SpiedFunction<typeof fetch>;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'app-package-'));
  // Any download attempt fails the test loudly instead of reaching out.
  fetchSchema = jest.spyOn(AppManifestUtils, 'fetchSchema').mockRejectedValue(new Error('fetchSchema called: not offline'));
  globalFetch = jest.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('fetch called: not offline'));
});
afterEach(() => {
  expect(fetchSchema).not.toHaveBeenCalled();
  expect(globalFetch).not.toHaveBeenCalled();
  jest.restoreAllMocks();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the variables', () => {
  it('names every missing variable, and counts an empty one as missing', () => {
    const err = thrown(() => readVariables({ BOT_ID: '' }));
    expect(err.problems).toHaveLength(3);
    for (const name of ['BOT_ID', 'TEAMS_APP_ID', 'BOT_DOMAIN']) expect(err.message).toMatch(new RegExp(`${name} is not set: set it to `));
  });

  it('names every malformed variable with what it must be', () => {
    const err = thrown(() => readVariables({ ...ENV, BOT_ID: 'my-bot', BOT_DOMAIN: 'https://sikkerby.test.example/api' }));
    expect(err.problems).toEqual([
      expect.stringMatching(/^BOT_ID="my-bot" is not the bot's Microsoft Entra app id, a GUID/),
      expect.stringMatching(/^BOT_DOMAIN="https:\/\/sikkerby.test.example\/api" is not the host name .* without https:\/\//),
    ]);
  });

  it('accepts the test values as they are', () => {
    expect(readVariables({ ...ENV, UNRELATED: 'x' })).toEqual(ENV);
  });

  it('refuses a placeholder without a value, naming file and placeholder', () => {
    const err = thrown(() => fillPlaceholders('{"a": "${{BOT_ID}}", "b": "${{ SECRET }}"}', { BOT_ID: 'x' }, 'manifest.json'));
    expect(err.problems).toEqual(['manifest.json uses ${{SECRET}}, which has no value']);
  });
});

describe('the manifest', () => {
  it('has the three placeholders, and none is left after filling', () => {
    const text = raw('manifest.json');
    for (const name of ['BOT_ID', 'TEAMS_APP_ID', 'BOT_DOMAIN']) expect(text).toContain(`\${{${name}}}`);
    const result = fillPlaceholders(text, ENV, 'manifest.json');
    expect(result).not.toContain('${{');
    for (const value of Object.values(ENV)) expect(result).toContain(value);
  });

  it('filled with test values, is valid against the schema file bundled in @microsoft/app-manifest', async () => {
    const validate = jest.spyOn(AppManifestUtils, 'validateAgainstSchema');
    expect(await validateManifest(filled('manifest.json'))).toEqual([]);
    // The schema is handed over (so the library never looks for a URL), and it is the 1.22 one.
    const schema = validate.mock.calls[0]?.[1] as { properties: { manifestVersion: { const: string } } } | undefined;
    expect(schema?.properties.manifestVersion.const).toBe('1.22');
  });

  it('rejects a broken copy with messages that name the JSON path', async () => {
    const broken = clone(filled('manifest.json')) as { bots: { botId: string }[]; developer: Record<string, string>; accentColor: string };
    broken.bots[0]!.botId = 'not-a-guid';
    delete broken.developer.privacyUrl;
    broken.accentColor = 'blue';
    const problems = await validateManifest(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^manifest\.json: \/bots\/0\/botId must match pattern/),
        expect.stringMatching(/^manifest\.json: \/developer must have required property 'privacyUrl'/),
        expect.stringMatching(/^manifest\.json: \/accentColor must match pattern "\^#\[0-9a-fA-F\]\{6\}\$"/),
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('reports what the schema cannot: version form, bare domains, the tab on a listed domain', async () => {
    const m = clone(filled('manifest.json')) as { version: string; validDomains: string[] };
    m.version = '1.0';
    m.validDomains = ['https://other.test.example/'];
    expect(await validateManifest(m)).toEqual([
      'manifest.json: /version "1.0" is not major.minor.patch',
      'manifest.json: /validDomains "https://other.test.example/" must be a bare domain, without scheme, port or path',
      'manifest.json: /staticTabs/1/contentUrl is on sikkerby.test.example, which validDomains does not list',
      'manifest.json: /staticTabs/1/websiteUrl is on sikkerby.test.example, which validDomains does not list',
    ]);
  });

  it('rejects an unfilled manifest before the schema sees it', async () => {
    const problems = await validateManifest(JSON.parse(raw('manifest.json')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^manifest\.json: unfilled placeholders .*\$\{\{TEAMS_APP_ID\}\}.*\$\{\{BOT_DOMAIN\}\}/);
  });

  it('refuses a schema version with no bundled copy instead of downloading it', async () => {
    const m = { ...filled('manifest.json'), $schema: 'https://developer.microsoft.com/json-schemas/teams/v9.99/MicrosoftTeams.schema.json' };
    const err = await rejection(validateManifest(m));
    expect(err.problems[0]).toMatch(/v9\.99.*@microsoft\/app-manifest has no copy of this schema .* cannot be checked offline/);
  });

  it('declares the bot in three scopes with the Danish user commands, and no admin commands', () => {
    const m = ManifestParts.parse(filled('manifest.json'));
    const bot = (filled('manifest.json') as { bots: { botId: string; scopes: string[] }[] }).bots[0]!;
    expect(bot.botId).toBe(ENV.BOT_ID);
    expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    const lists = m.bots[0]!.commandLists;
    const personal = lists.find((l) => (l as { scopes?: string[] }).scopes?.includes('personal'));
    expect(personal?.commands).toEqual([
      { title: 'hjælp', description: 'Vis hvad assistenten kan' },
      { title: 'Kom godt i gang', description: expect.stringMatching(/rundtur/) },
    ]);
    const shared = lists.find((l) => (l as { scopes?: string[] }).scopes?.includes('team'));
    expect((shared as { scopes?: string[] } | undefined)?.scopes).toContain('groupChat');
    expect(shared?.commands.map((c) => c.title)).toContain('hjælp');
    const titles = lists.flatMap((l) => l.commands.map((c) => c.title.toLowerCase()));
    for (const admin of ['påmindelser', 'status', 'test påmindelse']) expect(titles).not.toContain(admin);
  });

  it('declares the strategy tab, the valid domain, Danish first and English beside it', () => {
    const m = filled('manifest.json') as {
      staticTabs: { entityId: string; contentUrl?: string; scopes: string[] }[];
      validDomains: string[];
      localizationInfo: unknown;
      name: { short: string };
      developer: { name: string };
      id: string;
    };
    const tab = m.staticTabs.find((t) => t.entityId === 'strategi');
    expect(tab).toMatchObject({ contentUrl: `https://${ENV.BOT_DOMAIN}/tab`, scopes: ['personal'] });
    expect(m.validDomains).toEqual([ENV.BOT_DOMAIN]);
    expect(m.localizationInfo).toEqual({ defaultLanguageTag: 'da', additionalLanguages: [{ languageTag: 'en', file: 'en.json' }] });
    expect(m.name.short).toBe('Sikker By-assistenten');
    expect(m.developer.name).toBe('Københavns Kommune');
    expect(m.id).toBe(ENV.TEAMS_APP_ID);
  });
});

describe('the English localisation', () => {
  const parts = () => ManifestParts.parse(filled('manifest.json'));

  it('is valid against the bundled localisation schema and translates every string of the manifest', async () => {
    expect(await validateLocalization(filled('en.json'), parts(), 'en.json')).toEqual([]);
  });

  it('has an English title and description for every command of the Danish command lists', () => {
    const en = filled('en.json');
    const m = parts();
    let commands = 0;
    m.bots[0]!.commandLists.forEach((list, l) =>
      list.commands.forEach((command, c) => {
        commands++;
        const key = `bots[0].commandLists[${l}].commands[${c}]`;
        expect([key, typeof en[`${key}.title`], typeof en[`${key}.description`]]).toEqual([key, 'string', 'string']);
        expect([key, en[`${key}.title`]]).not.toEqual([key, command.title]);
      }),
    );
    expect(commands).toBe(3);
    expect(en['bots[0].commandLists[0].commands[0].title']).toBe('help');
    expect(en['bots[0].commandLists[0].commands[1].title']).toBe('Get started');
  });

  it('reports a missing translation, a key the manifest lacks, and a schema violation', async () => {
    const en = clone(filled('en.json'));
    delete en['bots[0].commandLists[0].commands[1].title'];
    en['staticTabs[7].name'] = 'Nowhere';
    en['name.short'] = 'A name much longer than thirty characters';
    const problems = await validateLocalization(en, parts(), 'en.json');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^en\.json: \/name\.short must NOT have more than 30 characters/),
        'en.json: translates "staticTabs[7].name", which the manifest does not have',
        'en.json: no translation of "bots[0].commandLists[0].commands[1].title" ("Kom godt i gang")',
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('lists the strings Teams localises: names, descriptions, tab names, command titles and descriptions', () => {
    expect([...localizableStrings(parts()).keys()]).toEqual([
      'name.short',
      'name.full',
      'description.short',
      'description.full',
      'staticTabs[1].name',
      'bots[0].commandLists[0].commands[0].title',
      'bots[0].commandLists[0].commands[0].description',
      'bots[0].commandLists[0].commands[1].title',
      'bots[0].commandLists[0].commands[1].description',
      'bots[0].commandLists[1].commands[0].title',
      'bots[0].commandLists[1].commands[0].description',
    ]);
  });
});

describe('the icons', () => {
  const read = (file: string) => PNG.sync.read(readFileSync(path.join(APP_DIR, file)));
  const pixels = (png: PNG) => Array.from({ length: png.width * png.height }, (_, p) => [...png.data.subarray(p * 4, p * 4 + 4)] as [number, number, number, number]);

  it('color.png is 192×192, opaque, on the accent colour, with a white emblem', () => {
    const png = read('color.png');
    expect([png.width, png.height]).toEqual([192, 192]);
    const all = pixels(png);
    expect(all.every(([, , , a]) => a === 255)).toBe(true);
    const accent = (filled('manifest.json') as { accentColor: string }).accentColor;
    const hex = (p: number[]) => '#' + p.slice(0, 3).map((v) => v.toString(16).padStart(2, '0')).join('');
    expect(hex(all[0]!).toLowerCase()).toBe(accent.toLowerCase());
    expect(all.filter(([r, g, b]) => r === 255 && g === 255 && b === 255).length).toBeGreaterThan(192 * 192 * 0.1);
    expect(iconProblems(readFileSync(path.join(APP_DIR, 'color.png')), 'color', 'color.png')).toEqual([]);
  });

  it('outline.png is 32×32, every pixel white, with transparency around a solid emblem', () => {
    const png = read('outline.png');
    expect([png.width, png.height]).toEqual([32, 32]);
    const all = pixels(png);
    const notWhite = all.filter(([r, g, b]) => r !== 255 || g !== 255 || b !== 255);
    expect(notWhite).toEqual([]);
    expect(all.filter(([, , , a]) => a === 0).length).toBeGreaterThan(100);
    expect(all.filter(([, , , a]) => a === 255).length).toBeGreaterThan(100);
    expect(all[0]![3]).toBe(0);
    expect(iconProblems(readFileSync(path.join(APP_DIR, 'outline.png')), 'outline', 'outline.png')).toEqual([]);
  });

  const png = (size: number, paint: (x: number, y: number) => [number, number, number, number]) => {
    const image = new PNG({ width: size, height: size });
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) image.data.set(paint(x, y), (y * size + x) * 4);
    return PNG.sync.write(image);
  };

  it('rejects an outline icon with a coloured pixel, one without transparency, and wrong sizes', () => {
    const red = png(32, (x, y) => (x === 5 && y === 7 ? [255, 0, 0, 255] : x > 20 ? [255, 255, 255, 255] : [0, 0, 0, 0]));
    expect(iconProblems(red, 'outline', 'outline.png')).toEqual([
      'outline.png: 1 visible pixels are not white, e.g. (5, 7) is rgba(255, 0, 0, 255); the outline icon must be white on transparency',
    ]);
    expect(iconProblems(png(32, () => [255, 255, 255, 255]), 'outline', 'outline.png')).toEqual([
      'outline.png: has no transparent pixel; the outline icon must be white on a transparent background',
    ]);
    expect(iconProblems(png(64, () => [255, 255, 255, 0]), 'outline', 'o.png')).toEqual(['o.png: is 64×64, the outline icon must be 32×32']);
    expect(iconProblems(png(32, () => [0, 0, 0, 255]), 'color', 'c.png')).toEqual(['c.png: is 32×32, the color icon must be 192×192']);
    expect(iconProblems(Buffer.from('not a png'), 'color', 'c.png')[0]).toMatch(/^c\.png: not a readable PNG/);
  });

  it('are what scripts/make-icons.mjs draws', () => {
    execFileSync(process.execPath, [path.join(APP_DIR, '..', 'scripts', 'make-icons.mjs'), tmp], { stdio: 'pipe' });
    for (const file of ['color.png', 'outline.png']) expect(readFileSync(path.join(tmp, file)).equals(readFileSync(path.join(APP_DIR, file)))).toBe(true);
  });
});

describe('the zip', () => {
  it('holds exactly manifest.json, en.json, color.png and outline.png at its root, filled', async () => {
    const outFile = path.join(tmp, 'out', 'sikker-by.zip');
    const result = await buildPackage({ env: ENV, outFile });
    expect(result.outFile).toBe(outFile);
    const zip = await JSZip.loadAsync(readFileSync(outFile));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
    expect(Object.values(zip.files).some((f) => f.dir)).toBe(false);

    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { id: string; bots: { botId: string }[]; validDomains: string[] };
    expect(manifest.id).toBe(ENV.TEAMS_APP_ID);
    expect(manifest.bots[0]!.botId).toBe(ENV.BOT_ID);
    expect(manifest.validDomains).toEqual([ENV.BOT_DOMAIN]);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(await validateManifest(manifest)).toEqual([]);

    const en = JSON.parse(await zip.file('en.json')!.async('string')) as Record<string, string>;
    expect(en['name.short']).toBe('Sikker By assistant');
    for (const icon of ['color.png', 'outline.png']) expect((await zip.file(icon)!.async('nodebuffer')).equals(readFileSync(path.join(APP_DIR, icon)))).toBe(true);
  });

  it('is the same, byte for byte, for the same inputs', async () => {
    const a = path.join(tmp, 'a.zip');
    const b = path.join(tmp, 'b.zip');
    await buildPackage({ env: ENV, outFile: a });
    await buildPackage({ env: ENV, outFile: b });
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  });

  it('is not written when a variable is missing', async () => {
    const outFile = path.join(tmp, 'sikker-by.zip');
    const err = await rejection(buildPackage({ env: { BOT_ID: ENV.BOT_ID }, outFile }));
    expect(err.problems.map((p) => p.split(' ')[0])).toEqual(['TEAMS_APP_ID', 'BOT_DOMAIN']);
    expect(existsSync(outFile)).toBe(false);
  });

  it('is not written when an icon breaks the rules, and says which', async () => {
    const appDir = path.join(tmp, 'appPackage');
    cpSync(APP_DIR, appDir, { recursive: true, filter: (src) => !src.includes(`${path.sep}build`) });
    writeFileSync(path.join(appDir, 'outline.png'), readFileSync(path.join(APP_DIR, 'color.png')));
    const outFile = path.join(tmp, 'sikker-by.zip');
    const err = await rejection(buildPackage({ env: ENV, appDir, outFile }));
    expect(err.problems).toEqual(['outline.png: is 192×192, the outline icon must be 32×32']);
    expect(existsSync(outFile)).toBe(false);
  });
});
