// The config file (-c): one zod schema that is both the validation and the types. Unknown
// fields are errors, so a typo never silently does nothing. Money is written as a decimal
// string ("0.50"): a JSON number would already be a binary double when it is read.

import { RULE_IDS } from '../domain.js';
import { z } from 'zod';
import { FIELDS, type Field } from '../ledger/fields.js';

import { ENCODING_NAMES } from '../sheets/encoding.js';

const decimal = z
  .string({ error: 'expected a decimal number in quotes, like "0.50"' })
  .regex(/^\d+(\.\d+)?$/, { error: 'expected a decimal number in quotes, like "0.50"' });

/** An amount in 元: ledgers are kept to the fen, so two decimals at most. */
const yuan = z
  .string({ error: 'expected an amount in 元 in quotes, at most two decimals, like "0.50"' })
  .regex(/^\d+(\.\d{1,2})?$/, { error: 'expected an amount in 元 in quotes, at most two decimals, like "0.50"' });

const limit = z.strictObject({
  /** Absolute limit in 元. */
  absolute: yuan.optional(),
  /** Limit in percent of the larger of the two figures. */
  percent: decimal.optional(),
});

const columnText = z.string().min(1);

/**
 * Canonical field -> the header text of that column in this ledger. The amount may name
 * several columns (["中央资金", "省级资金"]): each row's amount is then the sum of its cells
 * in them, a blank cell counting as 0.
 */
const columns = z.strictObject(
  Object.fromEntries(
    FIELDS.map((f) => [f, f === 'amount' ? z.union([columnText, z.array(columnText).min(1)]).optional() : columnText.optional()]),
  ) as { [F in Field]: F extends 'amount' ? z.ZodOptional<z.ZodUnion<[typeof columnText, z.ZodArray<typeof columnText>]>> : z.ZodOptional<typeof columnText> },
);

/**
 * How a bank 代发 / 一卡通 result file's status column is read. `success` and `failed` add
 * the values this file uses (a failed payment's money is left out of the figures and reported
 * as payment-failed); `false` says the ledger has no payment status, whatever a column is called.
 */
const status = z.union([
  z.literal(false),
  z
    .strictObject({ success: z.array(z.string()).optional(), failed: z.array(z.string()).optional() })
    .refine((s) => !(s.success ?? []).some((w) => (s.failed ?? []).map((f) => f.trim()).includes(w.trim())), {
      error: 'a value cannot be both success and failed',
    }),
]);

const ledger = z.strictObject({
  /** XLSX sheet name; the first sheet otherwise. */
  sheet: z.string().min(1).optional(),
  /** Unit of the amounts when the sheet does not say: 元 or 万元. */
  unit: z.enum(['元', '万元']).optional(),
  /** CSV encoding, when detection is not wanted: utf-8, gbk, gb18030, utf-16le … */
  encoding: z
    .string()
    .refine((s) => ENCODING_NAMES.includes(s.trim().toLowerCase()), { error: `expected one of: ${ENCODING_NAMES.join(', ')}` })
    .optional(),
  /** The row (as Excel numbers it) that holds the header, when detection is not wanted. */
  headerRow: z.int().positive().optional(),
  columns: columns.optional(),
  status: status.optional(),
  /**
   * Which rows carry the sum of the rows under them (headings), when the sums cannot say:
   * "none", or the rows as Excel numbers them ([3, 7]). Each listed row is still checked
   * against the rows under it.
   */
  headings: z
    .union([z.literal('none'), z.array(z.int().positive()).refine((rows) => new Set(rows).size === rows.length, { error: 'a row is listed twice' })], {
      error: 'expected "none" or a list of row numbers, like [3, 7]',
    })
    .optional(),
  /** The last row of the table, as Excel numbers it: rows below it are not read (money there is listed). */
  lastRow: z.int().positive().optional(),
});

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Join key columns: canonical field names or header texts. */
  key: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  ledgers: z
    .strictObject({ allocated: ledger.optional(), disbursed: ledger.optional(), landed: ledger.optional() })
    .optional(),
  /** Tolerances: `absolute`/`percent` for every stage, or per stage and direction. */
  tolerance: limit
    .extend({
      retained: limit.optional(),
      overDisbursed: limit.optional(),
      notLanded: limit.optional(),
      overLanded: limit.optional(),
    })
    .optional(),
  /** A disbursement more than this many days after its allocation is late. */
  lateDays: z.int().nonnegative().optional(),
  failOn: z.enum(['info', 'warning', 'error', 'none']).optional(),
  lang: z.enum(['zh', 'en']).optional(),
  /** Severity per rule id, replacing its default. */
  severity: z
    .partialRecord(
      z.enum(RULE_IDS),
      z.enum(['info', 'warning', 'error']),
    )
    .optional(),
  /** Gaps below this amount (元) are reported as warnings, not errors. */
  materiality: yuan.optional(),
  /** Same payee and amount at most this many days apart is a duplicate payment (default 0). */
  duplicateWindowDays: z.int().nonnegative().optional(),
  /** Columns to roll the figures up by: field names or header texts. */
  groupBy: z.array(z.string().min(1)).optional(),
  /** Merge an unallocated key into an allocated key at least this similar (0–1). */
  mergeSimilar: z.number().gt(0).lte(1).optional(),
  /** How to read the roster given with --roster (its ID number column; no payment status, headings or table end). */
  roster: ledger.omit({ status: true, headings: true, lastRow: true }).optional(),
});

export type Config = z.infer<typeof configSchema>;
export type LedgerConfig = z.infer<typeof ledger>;
export type LimitConfig = z.infer<typeof limit>;
