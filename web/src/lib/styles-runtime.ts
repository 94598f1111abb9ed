// Styles that travel with a chunk loaded on demand (a page's own CSS,
// imported as text: `import css from './x.css' with { type: 'text' }`)
// instead of sitting in the app's style sheet, which every page's first
// load carries. They are added as a constructed style sheet
// (document.adoptedStyleSheets): CSSOM, not an inline <style>, so the
// strict Content-Security-Policy (style-src 'self') holds. A browser
// without constructed style sheets (Safari before 16.4) shows the page
// with the DS styles only.
const adopted = new Set<string>();

export function adoptStyles(css: string): void {
  if (adopted.has(css) || typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in Document.prototype)) return;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    adopted.add(css);
  } catch {
    /* the DS styles only */
  }
}
