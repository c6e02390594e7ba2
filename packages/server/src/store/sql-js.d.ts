// The inline build of sql.js: the WebAssembly is in the script, so nothing else is fetched.
declare module 'sql.js/dist/sql-wasm-inline.js' {
  import initSqlJs from 'sql.js';
  export default initSqlJs;
}
