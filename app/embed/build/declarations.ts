/**
 * `/embed.d.ts`: the types of embed.js in one file a host page's project can drop in. api.ts has no
 * imports, so it is the file as it is, plus the module's exports and the classic script's global.
 */

const EXPORTS = `
/** The module (\`/embed.mjs\`): \`import Foyer from '<foyer>/embed.mjs'\`, or its named functions. */
declare const Foyer: FoyerFactory;
export default Foyer;
export declare const createFrame: FoyerFactory['createFrame'];
export declare const wrap: FoyerFactory['wrap'];

declare global {
  /** The classic script (\`<script src="<foyer>/embed.js">\`) sets this global. */
  var Foyer: FoyerFactory;
}
`;

/** The declaration file for the source text of app/embed/api.ts. */
export function embedDeclarations(apiSource: string): string {
  if (/^\s*import\s/m.test(apiSource)) throw new Error('app/embed/api.ts must stay self-contained (no imports): it is served as /embed.d.ts');
  return `${apiSource.trimEnd()}\n${EXPORTS}`;
}
