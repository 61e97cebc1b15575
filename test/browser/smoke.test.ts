import { expect, it } from 'vitest';
it('runs in a real browser', () => {
  expect(typeof window.customElements.define).toBe('function');
});
