import '@testing-library/jest-dom';
import { TextDecoder, TextEncoder } from 'node:util';
import { deserialize, serialize } from 'node:v8';

// jest's jsdom environment leaves out these standard globals that browsers have.
Object.assign(globalThis, { TextEncoder, TextDecoder });
globalThis.structuredClone ??= (value) => deserialize(serialize(value));

// jsdom lacks the layout APIs that Mantine and React Flow read; these stand-ins report an empty layout.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
    dispatchEvent: () => false,
  }),
});

class NoLayoutResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
window.ResizeObserver = NoLayoutResizeObserver;

class IdentityDomMatrix {
  m22 = 1;
}
Object.defineProperty(window, 'DOMMatrixReadOnly', { writable: true, value: IdentityDomMatrix });
window.HTMLElement.prototype.scrollIntoView = () => undefined;
