import { describe, expect, it } from 'vitest';
import { embedLinkOf } from './embed-link.ts';

const id = 'AbCdEfGhIjKlMnOpQrStUv';
const search = (frameId: string, origin: string) => `?embed=${encodeURIComponent(frameId)}&embedOrigin=${encodeURIComponent(origin)}`;

describe('embedLinkOf: when the page answers a host page, and which', () => {
  it.each([
    ['a frame embedded by the origin it names', search(id, 'https://shop.example'), true, ['https://shop.example'], { frameId: id, hostOrigin: 'https://shop.example' }],
    ['a port is part of the origin', search(id, 'http://127.0.0.1:3107'), true, ['http://127.0.0.1:3107'], { frameId: id, hostOrigin: 'http://127.0.0.1:3107' }],
    ['a browser that cannot tell the embedder (Firefox): the named origin', search(id, 'https://shop.example'), true, undefined, { frameId: id, hostOrigin: 'https://shop.example' }],
    ['embedded by another origin than it names', search(id, 'https://shop.example'), true, ['https://evil.example'], undefined],
    ['not in a frame (the link opened in a tab)', search(id, 'https://shop.example'), false, [], undefined],
    ['no frame id', '?embedOrigin=https%3A%2F%2Fshop.example', true, ['https://shop.example'], undefined],
    ['a frame id too short', search('abc', 'https://shop.example'), true, ['https://shop.example'], undefined],
    ['a frame id with other characters', search(`${id}<x>`, 'https://shop.example'), true, ['https://shop.example'], undefined],
    ['an origin with a path', search(id, 'https://shop.example/page'), true, ['https://shop.example'], undefined],
    ['the wildcard origin', search(id, '*'), true, ['https://shop.example'], undefined],
    ['a javascript: origin', search(id, 'javascript:alert(1)'), true, undefined, undefined],
    ['a null origin (sandboxed host)', search(id, 'null'), true, ['null'], undefined],
  ])('%s', (_, s, framed, ancestors, expected) => {
    expect(embedLinkOf(s, framed, ancestors)).toEqual(expected);
  });
});
