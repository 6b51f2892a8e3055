// Writes a chart spec as JSON people can read and diff: indented, but each inlined data row on
// one line (an indented row per field would make the file ten times longer).
const PLACEHOLDER = '\u0000values:';

export function specJson(spec: unknown): string {
  const rows: unknown[][] = [];
  const text = JSON.stringify(
    spec,
    function (this: unknown, key: string, value: unknown) {
      if (key === 'values' && Array.isArray(value)) {
        rows.push(value);
        return `${PLACEHOLDER}${rows.length - 1}`;
      }
      return value;
    },
    2,
  );
  const out = text.replace(/^( *)("values": )"\\u0000values:(\d+)"/gm, (_m, indent: string, head: string, i: string) => {
    const values = rows[Number(i)]!;
    if (values.length === 0) return `${indent}${head}[]`;
    const inner = values.map((v) => `${indent}  ${JSON.stringify(v)}`).join(',\n');
    return `${indent}${head}[\n${inner}\n${indent}]`;
  });
  return `${out}\n`;
}
