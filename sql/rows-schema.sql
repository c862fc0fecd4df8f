-- The columns of the normalised rows, as `fundgap normalise` writes them (DuckDB types; Spark
-- reads the same Parquet as STRING, BIGINT, DATE, INT and BOOLEAN).
CREATE TABLE normalised_rows (
  role             VARCHAR,  -- 'allocated' (A), 'disbursed' (D) or 'landed' (L)
  key_id           VARCHAR,  -- the key parts as matched: each normalised (full-width to half-width,
                             -- spaces, invisible characters), joined by U+001F; NULL for a row left out
  key_shown        VARCHAR,  -- the key parts as written (trimmed), joined by ' / '
  key_parts        VARCHAR,  -- the key parts as written, joined by U+001F
  amount_fen       BIGINT,   -- the amount in fen (分), in 元 whatever unit the sheet used,
                             -- rounded half-up to the fen where it had more digits
  written          VARCHAR,  -- the amount as written, in 元, when it had digits past the fen; else NULL
  unit             VARCHAR,  -- '元' or '万元': the unit the amount was read in
  date             DATE,     -- NULL when the row has none
  payee            VARCHAR,  -- as written
  payee_norm       VARCHAR,  -- normalised as keys are
  id_number        VARCHAR,  -- 身份证号 as written: text, never a number
  id_norm          VARCHAR,  -- half-width, no spaces, x made X
  id_was_number    BOOLEAN,  -- the cell was a number (Excel may have destroyed digits past the 15th)
  bank_account     VARCHAR,  -- as written
  account_norm     VARCHAR,  -- without spaces and dashes
  beneficiary      VARCHAR,  -- whom the payment was for, where a column says so apart from the payee
  beneficiary_norm VARCHAR,
  status           VARCHAR,  -- 'used' (in the figures), or why the row's money is left out:
                             -- 'group-heading', 'breakdown', 'payment-failed', 'after-end'
  source_file      VARCHAR,  -- the ledger file as given
  sheet            VARCHAR,  -- its sheet; NULL for CSV
  sheet_row        INTEGER,  -- the row as Excel shows it (CSV: the line the record starts on)
  input_sha256     VARCHAR   -- the SHA-256 of the file
);
