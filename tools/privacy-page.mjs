// PRIVACY.md as an extension page, privacy.html, written by ./build.sh into each dist/<browser>/.
//
// Why a page inside the extension rather than a link to the repository's: the extension makes no
// network requests and its repository's address is not settled yet (docs/store/README.md §6), and a
// page shipped with the version installed always describes that version, offline too. The options
// page's About section links to it; it needs no web_accessible_resources, as only the extension's own
// pages open it.
//
// PRIVACY.md keeps to a small Markdown subset, and anything outside it fails the build rather than
// showing as stray symbols: "#", "##" and "###" headings, paragraphs, "- " lists (a continued item
// indented by two spaces), **bold** and `code`. Every text is HTML-escaped; the page has no script.
// The output depends only on PRIVACY.md, so that two builds give the same bytes.
//
//   node tools/privacy-page.mjs PRIVACY.md dist/chrome/privacy.html

import fs from 'node:fs';

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One line's inline Markdown as HTML: escaped text, **bold** and `code`; anything else refused. */
function inline(text, at) {
  if (/\[[^\]]*\]\(|<[a-z/!]|(^|\s)_\w|\*[^*]/i.test(text.replace(/\*\*[^*]+\*\*/g, '')))
    throw new Error(`${at}: a link, HTML or emphasis other than **bold**, which the privacy page does not render`);
  return escapeHtml(text)
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** The HTML of the page's <main> from the Markdown; the first heading is also the title. */
export function render(markdown, name = 'PRIVACY.md') {
  const out = [];
  let title = null;
  const blocks = [];
  let cur = [];
  markdown.split('\n').forEach((line, i) => {
    if (line.trim() === '') {
      if (cur.length) blocks.push(cur);
      cur = [];
    } else cur.push({ line: line.replace(/\s+$/, ''), at: `${name}:${i + 1}` });
  });
  if (cur.length) blocks.push(cur);
  for (const block of blocks) {
    const first = block[0];
    const h = first.line.match(/^(#{1,3}) (.+)$/);
    if (h) {
      if (block.length > 1) throw new Error(`${block[1].at}: a heading needs a blank line after it`);
      const level = h[1].length;
      if (level === 1) title ??= h[2];
      out.push(`<h${level}>${inline(h[2], first.at)}</h${level}>`);
    } else if (first.line.startsWith('- ')) {
      const items = [];
      for (const { line, at } of block) {
        if (line.startsWith('- ')) items.push([line.slice(2), at]);
        else if (line.startsWith('  ') && items.length) items.at(-1)[0] += ` ${line.trim()}`;
        else throw new Error(`${at}: a list line must start with "- " or continue an item indented by two spaces`);
      }
      out.push('<ul>', ...items.map(([t, at]) => `<li>${inline(t, at)}</li>`), '</ul>');
    } else {
      for (const { line, at } of block)
        if (/^(\d+\.|\||>|```|#{4,}|\s)/.test(line))
          throw new Error(`${at}: numbered lists, tables, quotes, code blocks and deeper headings are not rendered`);
      out.push(`<p>${block.map(({ line, at }) => inline(line, at)).join(' ')}</p>`);
    }
  }
  if (!title) throw new Error(`${name}: no "# " heading for the page's title`);
  return { title, body: out.join('\n') };
}

export function page(markdown, name) {
  const { title, body } = render(markdown, name);
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="color-scheme" content="light dark">
  <title>${inline(title, name).replace(/<[^>]+>/g, '')}</title>
  <link rel="stylesheet" href="pages.css">
</head>
<body class="options doc">
<main>
${body}
</main>
</body>
</html>
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [src, dest] = process.argv.slice(2);
  if (!src || !dest) {
    console.error('usage: node tools/privacy-page.mjs PRIVACY.md OUT.html');
    process.exit(2);
  }
  try {
    fs.writeFileSync(dest, page(fs.readFileSync(src, 'utf8'), src));
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
