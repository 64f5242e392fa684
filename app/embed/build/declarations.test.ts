import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { embedDeclarations } from './declarations.ts';

const dir = mkdtempSync(join(tmpdir(), 'foyer-embed-dts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** tsc's complaints about `files` (in `dir`), compiled with embed.d.ts as a host page's project would. */
function compile(files: Record<string, string>): string[] {
  writeFileSync(join(dir, 'embed.d.ts'), embedDeclarations(readFileSync('app/embed/api.ts', 'utf8')));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const names = ['embed.d.ts', ...Object.keys(files)].map((f) => join(dir, f));
  const program = ts.createProgram(names, { strict: true, noEmit: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2020.d.ts', 'lib.dom.d.ts'], types: [] });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** A whole TypeScript program with the DOM's types: seconds on a busy machine, slow rather than wrong. */
const COMPILE_MS = 60_000;

describe('/embed.d.ts', () => {
  it('types the module (default and named exports) and the classic global, on its own', () => {
    const errors = compile({
      'module-user.ts': `
        import Foyer, { createFrame, wrap, type FoyerCall, type FoyerEventObject } from './embed';
        const a: FoyerCall = Foyer.createFrame(document.body, { url: 'https://foyer.example/standup' });
        const b: FoyerCall = createFrame({ timeoutMs: 5000 });
        wrap(document.createElement('iframe')).on('joined-meeting', (e: FoyerEventObject<'joined-meeting'>) => console.log(e.participants.local.user_name));
        void a.join({ token: 't' }).then(() => b.leave());
      `,
      'classic-user.ts': `
        const call = Foyer.createFrame();
        window.Foyer.wrap(document.querySelector('iframe')!).setLocalAudio(false);
        call.on('error', (e) => console.log(e.error.type));
      `,
    });
    expect(errors).toEqual([]);
  }, COMPILE_MS);

  it('a mistake in a user of it is caught (the file really types things)', () => {
    expect(compile({ 'wrong-user.ts': `Foyer.createFrame().on('joined-meeting', (e) => e.participants.nobody.toFixed());` }).join('\n')).toMatch(/toFixed/);
  }, COMPILE_MS);

  it('api.ts must stay without imports', () => {
    expect(() => embedDeclarations("import type { X } from './x.ts';\nexport type Y = X;")).toThrow('self-contained');
  });
});
