// Runs before the first paint (a classic script in <head>): when the page opens in a language
// other than the French of its HTML, it stays hidden until main.ts has translated it, so the
// visitor never sees the text change under them (no layout shift). Shown after 3 s anyway.
if (/[?&]lang=en(&|$)/.test(location.search)) {
  const root = document.documentElement;
  root.setAttribute('data-translating', '');
  setTimeout(() => root.removeAttribute('data-translating'), 3000);
}
