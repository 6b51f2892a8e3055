// Whole numbers written with their digits grouped in threes ("1,234,567"), as orisim's messages,
// tables and reports write counts and money. Written by hand rather than with toLocaleString('en-GB'),
// whose first call loads ICU's locale data: 20 ms, a tenth of `orisim validate`'s start.
/** `n` as `n.toLocaleString('en-GB')` writes it, without loading the locale data for a whole number below 10²¹ ("-0" for minus zero). */
export function groupDigits(n: number): string {
  if (!Number.isInteger(n) || Math.abs(n) >= 1e21) return n.toLocaleString('en-GB');
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 || Object.is(n, -0) ? `-${digits}` : digits;
}
