import { expect } from '@open-wc/testing';
import { webHref } from '../../src/elements/shared/safe-url.js';

describe('appointments-href', () => {
  it('keeps web and relative links', () => {
    const base = 'https://practice.example/book/';
    for (const href of ['https://portal.example/appointments', 'http://localhost:8080/x', '/portal#appointments', '../appointments', '#appointments', '?tab=appointments']) {
      expect(webHref(href, base), href).to.equal(href);
    }
  });

  it('drops script, data and other schemes, however they are spelt', () => {
    const base = 'https://practice.example/book/';
    for (const href of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', 'file:///etc/passwd', '', '   ', undefined]) {
      expect(webHref(href, base), String(href)).to.equal(undefined);
    }
  });
});
