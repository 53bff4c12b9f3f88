/** A TOML value as far as fly.toml uses the language. */
export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

/** The text of a line before its comment, leaving `#` inside a quoted string alone. */
function withoutComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quote && char === '\\' && quote === '"') i += 1;
    else if (quote && char === quote) quote = null;
    else if (!quote && (char === '"' || char === "'")) quote = char;
    else if (!quote && char === '#') return line.slice(0, i);
  }
  return line;
}

function parseValue(text: string, where: string): TomlValue {
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^[+-]?\d[\d_]*(\.\d+)?$/.test(text)) return Number(text.replace(/_/g, ''));
  if (text.startsWith("'") && text.endsWith("'") && text.length >= 2) return text.slice(1, -1);
  // Basic strings and one-line arrays of them or of numbers read as JSON.
  if (text.startsWith('"') || text.startsWith('[')) {
    try {
      return JSON.parse(text) as TomlValue;
    } catch {
      throw new Error(`${where}: cannot read the value ${text}`);
    }
  }
  throw new Error(`${where}: cannot read the value ${text}`);
}

/** The table at `path` under `root`, created where missing; an array of tables yields its last. */
function tableAt(root: TomlTable, path: string[], where: string): TomlTable {
  let table = root;
  for (const key of path) {
    const next: TomlValue = (table[key] ??= {});
    const target = Array.isArray(next) ? next[next.length - 1] : next;
    if (typeof target !== 'object' || target === null || Array.isArray(target)) throw new Error(`${where}: ${key} is not a table`);
    table = target;
  }
  return table;
}

const keyPath = (text: string) => text.split('.').map((key) => key.trim().replace(/^"(.*)"$/, '$1'));

/**
 * Reads the part of TOML that fly.toml uses: tables, arrays of tables, dotted headers, and
 * one-line `key = value` pairs (strings, numbers, booleans, flat arrays). Anything else is an error,
 * never a silent misreading.
 */
export function readToml(text: string, file = 'TOML'): TomlTable {
  const root: TomlTable = {};
  let current = root;
  text.split('\n').forEach((raw, index) => {
    const where = `${file}:${index + 1}`;
    const line = withoutComment(raw).trim();
    if (line === '') return;
    const arrayHeader = /^\[\[([^\]]+)\]\]$/.exec(line);
    const tableHeader = /^\[([^\]]+)\]$/.exec(line);
    const pair = /^([A-Za-z0-9_."-]+)\s*=\s*(.+)$/.exec(line);
    if (arrayHeader?.[1]) {
      const path = keyPath(arrayHeader[1]);
      const parent = tableAt(root, path.slice(0, -1), where);
      const name = path[path.length - 1] ?? '';
      const list: TomlValue = (parent[name] ??= []);
      if (!Array.isArray(list)) throw new Error(`${where}: ${name} is not an array of tables`);
      current = {};
      list.push(current);
    } else if (tableHeader?.[1]) {
      current = tableAt(root, keyPath(tableHeader[1]), where);
    } else if (pair?.[1] && pair[2]) {
      const path = keyPath(pair[1]);
      tableAt(current, path.slice(0, -1), where)[path[path.length - 1] ?? ''] = parseValue(pair[2].trim(), where);
    } else {
      throw new Error(`${where}: cannot read "${line}"`);
    }
  });
  return root;
}
