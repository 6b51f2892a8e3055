// The parts of zod the scenario schema uses, imported by name. Importing zod's `z` object instead
// keeps all of zod in a bundle, since any of its members might be read: its forty locales alone
// were 300 kB of the command line's 855 kB scenario chunk, compiled at every start. Named imports let
// esbuild drop what orisim never calls (the bin, bench/bundle-cli.ts, and the workshop page).
// Modules of the schema import this one as `z` (`import * as z from './zod.js'`) and read as before.
export { array, boolean, enum, literal, number, record, strictObject, string, toJSONSchema, union, unknown } from 'zod';
// Classes: overrides.ts and uncertain.ts walk a schema with instanceof.
export { ZodNumber, ZodObject, ZodOptional, ZodRecord, ZodString, ZodType, ZodUnion } from 'zod';
