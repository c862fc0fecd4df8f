CREATE TEMPORARY VIEW payments AS
SELECT role, source_file, sheet_row, key_id, date, payee,
       ABS(amount_fen) AS amount_abs,
       amount_fen < 0  AS reversal,
       CASE
         WHEN id_norm <> ''
              AND COALESCE(id_problem(id_number, id_was_number, CAST(NULL AS DATE)), 'valid')
                  NOT IN ('scientific', 'stored-as-number', 'trailing-zeros')
           THEN 'id:' || id_norm
         WHEN payee_norm IS NOT NULL AND account_norm <> ''
           THEN 'acct:' || payee_norm || ':' || account_norm
       END AS identity,
       COALESCE(beneficiary_norm, '') AS beneficiary_key
FROM ledger_rows
WHERE status = 'used' AND role <> 'allocated' AND date IS NOT NULL AND amount_fen <> 0;
