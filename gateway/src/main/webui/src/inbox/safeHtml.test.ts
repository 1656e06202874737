import { describe, expect, it } from 'vitest';
import { safeEmailHtml } from './safeHtml';

describe('safeEmailHtml', () => {
  it("keeps the email's formatting and drops what runs", () => {
    const html = safeEmailHtml(
      '<p>Hello <b>there</b></p><img src=x onerror=alert(1)><script>alert(2)</script>' +
        '<a href="javascript:alert(3)">x</a><a href="https://shop.example">shop</a><style>*{}</style>',
    );
    expect(html).toContain('<b>there</b>');
    expect(html).not.toMatch(/onerror|<script|javascript:|<style/i);
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });
});
