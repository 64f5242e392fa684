import { describe, expect, it } from 'vitest';
import { parseLivekitNodes } from './node-list.ts';

describe('parseLivekitNodes', () => {
  it('is no cluster when unset or blank', () => {
    expect(parseLivekitNodes(undefined)).toBeUndefined();
    expect(parseLivekitNodes('  ')).toBeUndefined();
  });

  it.each([
    ['ws://127.0.0.1:7880', [{ publicUrl: 'ws://127.0.0.1:7880', apiUrl: 'http://127.0.0.1:7880' }]],
    ['wss://lk1.example.com/', [{ publicUrl: 'wss://lk1.example.com', apiUrl: 'https://lk1.example.com' }]],
    [
      'wss://lk1.example.com|http://10.0.0.1:7880|http://10.0.0.1:6789/metrics, wss://lk2.example.com|http://10.0.0.2:7880',
      [
        { publicUrl: 'wss://lk1.example.com', apiUrl: 'http://10.0.0.1:7880', metricsUrl: 'http://10.0.0.1:6789/metrics' },
        { publicUrl: 'wss://lk2.example.com', apiUrl: 'http://10.0.0.2:7880' },
      ],
    ],
    ['ws://a:1 ws://b:2', [{ publicUrl: 'ws://a:1', apiUrl: 'http://a:1' }, { publicUrl: 'ws://b:2', apiUrl: 'http://b:2' }]],
  ])('reads %s', (raw, nodes) => {
    expect(parseLivekitNodes(raw)).toEqual(nodes);
  });

  it.each([
    ['http://127.0.0.1:7880', /not a ws:\/\/ or wss:\/\/ URL/],
    ['ws://a:1|ws://a:1', /not a http:\/\/ or https:\/\/ URL/],
    ['ws://a:1|http://a:1|nope', /not a http:\/\/ or https:\/\/ URL \(its metrics\)/],
    ['ws://a:1|http://a:1|http://a:2|x', /more than three parts/],
    ['ws://a:1,ws://a:1', /names http:\/\/a:1 twice/],
  ])('refuses %s with a clear error', (raw, error) => {
    expect(() => parseLivekitNodes(raw)).toThrow(error);
  });
});
