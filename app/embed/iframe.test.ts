import { describe, expect, it } from 'vitest';
import { createIframe, FRAME_ALLOW } from './iframe.ts';

/** Just enough of a document for createIframe: elements with attributes, a style, children. */
function fakeDocument() {
  const element = () => {
    const attributes: Record<string, string> = {};
    const style: Record<string, unknown> = {
      setProperty(name: string, value: string) {
        style[name] = value;
      },
    };
    return {
      attributes,
      style,
      title: '',
      children: [] as unknown[],
      setAttribute(name: string, value: string) {
        attributes[name] = value;
      },
      appendChild(child: unknown) {
        this.children.push(child);
        return child;
      },
    };
  };
  const body = element();
  return { body, createElement: () => element() };
}
type FakeElement = ReturnType<ReturnType<typeof fakeDocument>['createElement']>;
const styleOf = (iframe: HTMLIFrameElement) => {
  const { setProperty: _, ...rest } = (iframe as unknown as FakeElement).style;
  return rest;
};

describe('createFrame\'s iframe', () => {
  it('may use camera, microphone, screen sharing, autoplay and fullscreen, and fills its container', () => {
    const doc = fakeDocument();
    const container = doc.createElement();
    const iframe = createIframe(doc as unknown as Document, container as unknown as HTMLElement);
    expect((iframe as unknown as FakeElement).attributes.allow).toBe(FRAME_ALLOW);
    expect(FRAME_ALLOW.split('; ')).toEqual(['camera', 'microphone', 'display-capture', 'autoplay', 'fullscreen']);
    expect(container.children).toEqual([iframe]);
    expect(styleOf(iframe)).toEqual({ width: '100%', height: '100%', border: '0' });
  });

  it('without a container: a fixed 375×450 widget in the bottom-right corner of the body', () => {
    const doc = fakeDocument();
    const iframe = createIframe(doc as unknown as Document, undefined);
    expect(doc.body.children).toEqual([iframe]);
    expect(styleOf(iframe)).toMatchObject({ position: 'fixed', right: '1em', bottom: '1em', width: '375px', height: '450px' });
  });

  it("iframeStyle goes over the default (camelCase or kebab-case); what is not a string is skipped", () => {
    const doc = fakeDocument();
    const iframe = createIframe(doc as unknown as Document, doc.createElement() as unknown as HTMLElement, { height: '600px', 'border-radius': '4px', length: 3 });
    expect(styleOf(iframe)).toEqual({ width: '100%', height: '600px', border: '0', 'border-radius': '4px' });
  });
});
